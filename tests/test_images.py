"""Images light on slow networks: every `<img>` of the public pages sits in a `<picture>` with
AVIF and WebP sources and a `srcset`; the hero comes first (fetchpriority, never lazy) with a
crop of its own for phones; the files are what their type says; and the renditions cost a page
no queries (home/templatetags/picture_tags.py, the templates that use it)."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image, Rendition
from wagtail.images.tests.utils import get_test_image_file

from caching import local
from campaigns.demo import renditions
from campaigns.models import CampaignPage
from tests.factories import CampaignPageFactory

CAMPAIGN = "/en/protect-rights-in-hong-kong/"
PAGES = [
    "/en/",
    CAMPAIGN,
    f"{CAMPAIGN}thank-you/",
    "/zh-hant/",
    "/zh-hant/protect-rights-in-hong-kong/",
]

# What a file starts with, by the type its <source> or <img> announces.
MAGIC = {
    "image/avif": lambda head: head[4:12] in (b"ftypavif", b"ftypavis"),
    "image/webp": lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
    "image/jpeg": lambda head: head[:3] == b"\xff\xd8\xff",
    "image/png": lambda head: head[:8] == b"\x89PNG\r\n\x1a\n",
}


@pytest.fixture
def demo(db):
    call_command("load_demo", renditions=True, verbosity=0)


def test_the_demo_makes_its_renditions_before_the_first_view(client, demo):
    made = Rendition.objects.count()
    formats = {name.rsplit(".", 1)[1] for name in Rendition.objects.values_list("file", flat=True)}

    for path in PAGES:
        assert client.get(path).status_code == 200

    assert made > 0 and Rendition.objects.count() == made
    assert formats == {"avif", "webp", "jpg", "png"}


def test_renditions_are_made_even_where_the_cache_holds_the_pages_fragments(client, demo):
    """A shared cache (Redis) can hold fragments rendered for another database whose pages have
    the same ids: the demo's views must still make every rendition, or the first readers do."""
    for path in PAGES:
        client.get(path)  # the fragments cached
    made = Rendition.objects.count()
    for rendition in Rendition.objects.all():
        rendition.delete()

    made_again, failed = renditions.make_renditions()

    assert not failed
    assert made_again == made == Rendition.objects.count()


def soup(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content, "html.parser")


def candidates(srcset):
    """A srcset's (url, width) pairs."""
    pairs = [candidate.split() for candidate in srcset.split(",")]
    return [(url, int(width.rstrip("w"))) for url, width in pairs]


def rendition_file(url):
    name = url.removeprefix("/media/")
    rendition = Rendition.objects.get(file=name)
    with rendition.file.open("rb") as f:
        return f.read(16)


@pytest.mark.parametrize("path", PAGES)
def test_every_image_is_a_picture_with_avif_and_webp_sources_and_a_srcset(client, demo, path):
    images = soup(client, path).find_all("img")

    assert images, path
    for img in images:
        picture = img.parent
        assert picture.name == "picture", img
        types = [source["type"] for source in picture.find_all("source")]
        assert {"image/avif", "image/webp"} <= set(types), img
        # The best format first, as the browser takes the first it reads.
        assert types.index("image/avif") < types.index("image/webp")
        assert img["srcset"] and img["sizes"] and img["width"] and img["height"], img
        for source in picture.find_all("source"):
            assert source["srcset"] and source["sizes"], source
            widths = [width for _url, width in candidates(source["srcset"])]
            # Each width once (an upload narrower than the widest crop asked for).
            assert len(widths) == len(set(widths)) >= 2, source


def test_the_hero_comes_first_with_a_crop_of_its_own_for_phones(client, demo):
    page = soup(client, CAMPAIGN)
    hero = page.select_one("img.hero__image")

    assert hero["fetchpriority"] == "high"
    assert "loading" not in hero.attrs
    assert hero["alt"] == "Tower blocks with their windows lit at night"
    sources = hero.parent.find_all("source")
    phone = [s for s in sources if s.get("media")]
    wide = [s for s in sources if not s.get("media")]
    # A phone gets its crop in every format (JPEG too: the <img> is the wide one).
    assert [s["type"] for s in phone] == ["image/avif", "image/webp", "image/jpeg"]
    assert [s["type"] for s in wide] == ["image/avif", "image/webp"]
    assert sources.index(phone[-1]) < sources.index(wide[0])  # phones match first
    assert phone[0]["media"] == "(max-width: 37.5em)"
    phone_ratio = int(phone[0]["width"]) / int(phone[0]["height"])
    wide_ratio = int(hero["width"]) / int(hero["height"])
    assert phone_ratio == pytest.approx(4 / 5, abs=0.01)
    assert wide_ratio == pytest.approx(16 / 7, abs=0.01)
    # 1x and 2x of a 375 px screen (the demo's 900 px tall photo allows no 3x at 4:5).
    assert [w for _u, w in candidates(phone[0]["srcset"])] == [375, 720]
    # Every image below it waits until the reader scrolls near it.
    below = [img for img in page.select("main img") if img is not hero]
    assert below and all(img["loading"] == "lazy" for img in below)


def test_the_first_campaign_on_home_is_not_loaded_lazily(client, demo):
    cards = soup(client, "/en/").select("img.campaign-card__image")

    assert len(cards) >= 2
    assert cards[0]["loading"] == "eager"
    assert all(card["loading"] == "lazy" for card in cards[1:])


@pytest.mark.parametrize("path", [CAMPAIGN, "/en/"])
def test_the_files_are_what_their_type_says(client, demo, path):
    page = soup(client, path)
    checked = set()
    for picture in page.find_all("picture"):
        img = picture.find("img")
        declared = [(s["type"], s["srcset"]) for s in picture.find_all("source")]
        fallback = "image/png" if img["src"].endswith(".png") else "image/jpeg"
        for kind, srcset in [*declared, (fallback, img["srcset"])]:
            for url, _width in candidates(srcset):
                head = rendition_file(url)
                assert MAGIC[kind](head), (kind, url, head)
                checked.add(kind)

    assert checked == {"image/avif", "image/webp", "image/jpeg", "image/png"}


def figure_page(home, images, slug):
    body = [
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "decorative": False, "alt_text": f"Figure {i}"},
                "caption": f"Caption {i}",
            },
        }
        for i, image in enumerate(images)
    ]
    body.append({"type": "action_form", "value": {"heading": "Sign", "button_label": "Go"}})
    page = CampaignPageFactory(parent=home, slug=slug, body=body, hero_image=images[0])
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_figure_blocks_are_pictures_and_a_narrow_upload_lists_each_width_once(client, home):
    # Wagtail's test image is 640 x 480: width-800 and width-1200 come out 640 wide.
    image = Image.objects.create(title="small", file=get_test_image_file())
    page = figure_page(home, [image], "figure")

    figure = soup(client, page.url).select_one("figure.block-figure")
    img = figure.find("img")

    assert img.parent.name == "picture"
    assert img["alt"] == "Figure 0" and img["loading"] == "lazy"
    for source in [*img.parent.find_all("source"), img]:
        assert [w for _u, w in candidates(source["srcset"])] == [400, 640]


@pytest.mark.django_db
def test_publishing_makes_a_pages_renditions_before_its_first_reader(
    client, home, settings, django_capture_on_commit_callbacks
):
    """The first readers of a new image must not each encode its files (caching.renditions)."""
    settings.RENDITIONS_ON_PUBLISH = True
    image = Image.objects.create(title="new", file=get_test_image_file())
    with django_capture_on_commit_callbacks(execute=True):
        page = figure_page(home, [image], "launch")
    made = Rendition.objects.filter(image=image).count()

    assert made >= 6  # AVIF, WebP and JPEG, each at two widths at least
    assert client.get(page.url).status_code == 200
    assert Rendition.objects.filter(image=image).count() == made  # none left to the reader


@pytest.mark.django_db
def test_without_renditions_on_publish_the_first_reader_makes_them(client, home):
    image = Image.objects.create(title="new", file=get_test_image_file())
    page = figure_page(home, [image], "launch")
    assert not Rendition.objects.filter(image=image).exists()
    client.get(page.url)
    assert Rendition.objects.filter(image=image).exists()


def count_queries(client, url, kept):
    client.get(url)  # the first view makes the renditions
    if not kept:
        local.cache().clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_renditions_cost_no_queries(client, home):
    one = figure_page(home, [Image.objects.create(title="a", file=get_test_image_file())], "one")
    many_images = [
        Image.objects.create(title=f"b{i}", file=get_test_image_file()) for i in range(5)
    ]
    many = figure_page(home, many_images, "many")

    one_counts = (count_queries(client, one.url, True), count_queries(client, one.url, False))
    many_counts = (count_queries(client, many.url, True), count_queries(client, many.url, False))

    # Five images, each in three formats and several widths, and the hero's 18 renditions.
    assert Rendition.objects.filter(image__in=many_images).count() >= 5 * 6 + 12
    assert CampaignPage.objects.get(pk=many.pk).hero_image_id == many_images[0].pk
    # With the fragments kept, and with them made again (renditions from Wagtail's cache).
    assert many_counts == one_counts


@pytest.mark.django_db
def test_the_web_server_serves_renditions_only_and_lets_browsers_keep_them_a_day(client):
    # DEBUG is off here as in production: portal/media.py serves them, not Django's static().
    image = Image.objects.create(title="photo", file=get_test_image_file())
    rendition = image.get_rendition("width-400|format-avif")

    response = client.get(rendition.url)
    original = client.get(f"/media/{image.file.name}")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/avif"
    assert MAGIC["image/avif"](b"".join(response.streaming_content)[:16])
    assert response["Cache-Control"] == "public, max-age=86400"
    # Originals (and documents, which Wagtail serves itself) are not served from MEDIA_ROOT.
    assert image.file.name.startswith("original_images/")
    assert original.status_code == 404
    assert client.post(rendition.url).status_code == 405
