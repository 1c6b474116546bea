"""Lighthouse on home and a campaign, in English and Hong Kong Chinese, against the production
stack started as processes of its own (bench/lighthouse.py: `make lighthouse` runs the same):
every category at 0.98 or more, and the campaign page at most 100 KB on a phone's cold load.

The reports (JSON and HTML per page) and a summary with every audit that did not pass go to
test-artifacts/lighthouse/.
"""

import shutil

import pytest

from bench import lighthouse

pytestmark = pytest.mark.slow


def test_lighthouse_scores_and_the_campaign_pages_weight():
    if not (shutil.which("node") and shutil.which("npm")):
        pytest.skip("node and npm are missing (Debian: apt-get install nodejs npm)")
    assert lighthouse.LIGHTHOUSE.exists(), "Lighthouse is not installed: npm ci (make test does)"

    results, notes = lighthouse.run()
    (lighthouse.ARTIFACTS / "summary.md").write_text(lighthouse.markdown(results, notes))

    assert [r["name"] for r in results] == list(lighthouse.PAGES)
    for result in results:
        assert set(result["scores"]) == set(lighthouse.CATEGORIES)
        # The page itself and its images were all served (no 404 in the weight).
        assert any("/media/images/" in url for url, _size in result["requests"]), result["url"]
    failed = lighthouse.problems(results)
    assert not failed, "\n".join(["See test-artifacts/lighthouse/summary.md", *failed])
