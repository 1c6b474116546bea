"""Lighthouse on home and a campaign, in English and Hong Kong Chinese, against the production
stack started as processes of its own (bench/lighthouse.py: `make lighthouse` runs the same):
every category at 0.98 or more, and the campaign page at most 100 KB on a phone's cold load.

The reports (JSON and HTML per page) and a summary with every audit that did not pass go to
test-artifacts/lighthouse/.
"""

import shutil

import pytest
from django.conf import settings

from bench import lighthouse


@pytest.mark.parametrize(
    ("benchmark_index", "slowdown"),
    [
        (5000, 4.0),
        (1533, 4.0),
        (1300, 3.0),
        (1050, 2.5),
        (800, 2.0),
        (475, 1.5),
        (150, 1.0),
        (0, 1.0),
    ],
)
def test_a_slower_machine_is_slowed_less_to_emulate_the_same_phone(benchmark_index, slowdown):
    assert lighthouse.cpu_slowdown(benchmark_index) == slowdown


@pytest.mark.slow
# Lighthouse's scores depend on how busy the machine is: `make test` runs this after the others.
@pytest.mark.alone
def test_lighthouse_scores_and_the_campaign_pages_weight():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip(
            "the stack Lighthouse measures has a SQLite database of its own whatever the tests' "
            "database is (bench/lighthouse.py): the SQLite run measures the same pages"
        )
    if not (shutil.which("node") and shutil.which("npm")):
        pytest.skip("node and npm are missing (Debian: apt-get install nodejs npm)")
    assert lighthouse.LIGHTHOUSE.exists(), "Lighthouse is not installed: npm ci (make test does)"

    results, notes = lighthouse.run()
    (lighthouse.ARTIFACTS / "summary.md").write_text(lighthouse.markdown(results, notes))

    assert [r["name"] for r in results] == list(lighthouse.PAGES)
    # Every page was measured with the one slowdown calibrated for this machine.
    (slowdown,) = {r["cpu_slowdown"] for r in results}
    assert slowdown <= 4 and f"the processor slowed {slowdown:g}x" in "\n".join(notes)
    for result in results:
        assert set(result["scores"]) == set(lighthouse.CATEGORIES)
        # The page itself and its images were all served (no 404 in the weight).
        assert any("/media/images/" in url for url, _size in result["requests"]), result["url"]
    failed = lighthouse.problems(results)
    assert not failed, "\n".join(["See test-artifacts/lighthouse/summary.md", *failed])
