"""Catalog check for CI and `make check-messages`.

Fails when a catalog has an untranslated or fuzzy entry, when msgfmt rejects it, or when the code
holds a translatable string the catalogs do not (makemessages would add it).
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent
LOCALES = ("zh_Hant", "zh_Hans")


def catalog(locale):
    return BASE_DIR / "locale" / locale / "LC_MESSAGES" / "django.po"


def check_complete(locale):
    problems = []
    po = polib.pofile(catalog(locale))
    problems += [f"{locale}: untranslated: {e.msgid!r}" for e in po.untranslated_entries()]
    problems += [f"{locale}: fuzzy: {e.msgid!r}" for e in po.fuzzy_entries()]
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(catalog(locale))],
        capture_output=True,
        text=True,
    )
    print(f"{locale}: {result.stderr.strip()}")
    if result.returncode:
        problems.append(f"{locale}: msgfmt failed")
    return problems


def check_nothing_new():
    """Run makemessages on a copy of the catalogs and compare the message ids."""
    before = {locale: msgids(catalog(locale)) for locale in LOCALES}
    with tempfile.TemporaryDirectory() as backup:
        shutil.copytree(BASE_DIR / "locale", Path(backup) / "locale")
        try:
            subprocess.run(
                [
                    sys.executable,
                    "manage.py",
                    "makemessages",
                    "--verbosity=0",
                    *(f"--locale={locale}" for locale in LOCALES),
                    "--ignore=.venv",
                    "--ignore=node_modules",
                    "--ignore=test-artifacts",
                    "--ignore=tests",
                    "--no-obsolete",
                ],
                cwd=BASE_DIR,
                check=True,
            )
            after = {locale: msgids(catalog(locale)) for locale in LOCALES}
        finally:
            shutil.rmtree(BASE_DIR / "locale")
            shutil.copytree(Path(backup) / "locale", BASE_DIR / "locale")
    problems = []
    for locale in LOCALES:
        problems += [
            f"{locale}: missing from the catalog: {m!r}" for m in after[locale] - before[locale]
        ]
        problems += [
            f"{locale}: no longer in the code: {m!r}" for m in before[locale] - after[locale]
        ]
    return problems


def msgids(path):
    return {(e.msgctxt, e.msgid) for e in polib.pofile(path) if not e.obsolete}


def main():
    problems = []
    for locale in LOCALES:
        problems += check_complete(locale)
    problems += check_nothing_new()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("Run `make messages` and translate what is new.", file=sys.stderr)
        sys.exit(1)
    print("Catalogs complete: nothing untranslated, fuzzy or missing.")


if __name__ == "__main__":
    main()
