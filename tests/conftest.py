import pytest
from wagtail.models import Page, Site

from tests.factories import CampaignPageFactory, HomePageFactory, add_petition_fields


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def home(db):
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="home-test")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": home, "site_name": "Portal"},
    )
    return home


@pytest.fixture
def campaign(home):
    """A live, open campaign with the reference page's fields."""
    page = CampaignPageFactory(parent=home, slug="hong-kong", title="Protect rights in Hong Kong")
    add_petition_fields(page)
    page.save_revision().publish()
    return page


@pytest.fixture
def valid_post():
    return {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "ada@example.org",
        "country": "United Kingdom",
        "your_message": "Dear Chief Executive,\nPlease respect our rights.",
        "i_agree_to_be_contacted": "on",
    }
