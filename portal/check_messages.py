"""Catalog check for CI and `make check-messages`.

Fails when a catalog has an untranslated or fuzzy entry, when msgfmt rejects it, or when the code
holds a translatable string the catalogs do not (makemessages would add it). The catalogs of
upstream strings (locale_upstream/) are checked the same way, and must not repeat one of our own
strings: locale/ would hide it.
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
UPSTREAM = BASE_DIR / "locale_upstream"


def catalog(locale):
    return BASE_DIR / "locale" / locale / "LC_MESSAGES" / "django.po"


def upstream_catalogs(locale):
    """Ours for Wagtail's and wagtail-localize's strings: django.po, and djangojs.po for the
    admin's JavaScript."""
    return sorted((UPSTREAM / locale / "LC_MESSAGES").glob("*.po"))


def check_complete(path, name):
    problems = []
    po = polib.pofile(path)
    problems += [f"{name}: untranslated: {e.msgid!r}" for e in po.untranslated_entries()]
    problems += [f"{name}: fuzzy: {e.msgid!r}" for e in po.fuzzy_entries()]
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
    )
    print(f"{name}: {result.stderr.strip()}")
    if result.returncode:
        problems.append(f"{name}: msgfmt failed")
    return problems


def check_upstream(locale):
    problems = []
    catalogs = upstream_catalogs(locale)
    if not catalogs:
        problems.append(f"{locale}: no catalog in {UPSTREAM.name}/")
    ours = msgids(catalog(locale))
    for path in catalogs:
        name = f"{locale} {UPSTREAM.name}/{path.name}"
        problems += check_complete(path, name)
        if path.stem == "django":
            problems += [
                f"{name}: also in locale/, which hides it: {msgid!r}"
                for _context, msgid in sorted(msgids(path) & ours, key=str)
            ]
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
        problems += check_complete(catalog(locale), locale)
        problems += check_upstream(locale)
    problems += check_nothing_new()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("Run `make messages` and translate what is new.", file=sys.stderr)
        sys.exit(1)
    print("Catalogs complete: nothing untranslated, fuzzy or missing.")


if __name__ == "__main__":
    main()
