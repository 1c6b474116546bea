"""Anonymous readers get stored pages; nothing personal is ever stored or shared; purges keep
them current (caching/pages.py, caching/csrf.py, caching/purge.py)."""

import datetime
import http.server
import io
import threading
import time

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from caching import pages as portal_page_cache
from campaigns.models import CampaignSubmission
from campaigns.team.tally import tally_signatures
from tests.conftest import supporter_key_of


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def get_twice(client, url, **extra):
    first = client.get(url, **extra)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url, **extra)
    return first, second, len(queries)


def test_an_anonymous_reader_gets_the_stored_page_without_a_query(client, campaign):
    first, second, queries = get_twice(client, campaign.url)

    assert queries == 0
    assert second.content == first.content
    assert 'name="first_name"' in second.content.decode()
    # A CDN may keep it as long as we do; browsers ask again.
    assert second["Cache-Control"] == first["Cache-Control"]
    assert "public" in second["Cache-Control"] and "s-maxage=300" in second["Cache-Control"]
    # Every middleware still adds its headers to the stored copy.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Content-Language"] == "en"


def test_the_stored_page_carries_no_token_and_sets_no_cookie(client, campaign):
    response = client.get(campaign.url)

    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies
    other = Client().get(campaign.url)
    assert other.content == response.content and not other.cookies


def test_tracking_parameters_share_the_stored_page_and_others_bypass_it(client, campaign):
    client.get(campaign.url)
    with CaptureQueriesContext(connection) as tracked:
        client.get(campaign.url, {"utm_source": "newsletter", "source": "stall"})
    with CaptureQueriesContext(connection) as other:
        client.get(campaign.url, {"page": "2"})
    assert len(tracked) == 0
    assert len(other) > 0


def test_logged_in_editors_never_get_or_leave_a_stored_page(client, admin_client, campaign):
    client.get(campaign.url)  # stored for anonymous readers

    response = admin_client.get(campaign.url)

    assert "private" in response["Cache-Control"]
    assert b"wagtail-userbar" in response.content
    assert b"wagtail-userbar" not in Client().get(campaign.url).content


def test_posts_are_never_stored_or_answered_from_the_store(client, campaign, valid_post):
    client.get(campaign.url)

    signed = client.post(campaign.url, valid_post, follow=True)
    errors = client.post(campaign.url, {**valid_post, "email": "not-an-address"}, follow=True)

    assert b"Thank you" in signed.content
    assert b"not-an-address" in errors.content  # the form keeps what they typed
    again = Client().get(campaign.url).content.decode()
    assert "Thank you for taking action" not in again
    assert "not-an-address" not in again and "Ada" not in again


def test_signing_needs_no_token_but_a_post_from_another_site_is_refused(campaign, valid_post):
    client = Client(enforce_csrf_checks=True)

    same_site = client.post(
        campaign.url, valid_post, headers={"Origin": "http://testserver"}, follow=True
    )
    other_site = client.post(
        campaign.url,
        {**valid_post, "email": "b@example.org"},
        headers={"Origin": "https://x.test"},
        follow=True,
    )
    fetched_cross_site = client.post(
        campaign.url,
        {**valid_post, "email": "c@example.org"},
        headers={"Sec-Fetch-Site": "cross-site"},
        follow=True,
    )

    assert same_site.status_code == 200
    assert other_site.status_code == fetched_cross_site.status_code == 403
    assert b"sent from another website" in other_site.content
    assert list(CampaignSubmission.objects.values_list("supporter_key", flat=True)) == [
        supporter_key_of("ada@example.org")
    ]


def test_the_admin_keeps_djangos_csrf_check(campaign, django_user_model):
    # A logged-in editor's browser, tricked into posting from another site: Wagtail's unpublish
    # view relies on Django's middleware (unlike the login view, which protects itself).
    editor = django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post(f"/admin/pages/{campaign.pk}/unpublish/", {})

    assert response.status_code == 403
    campaign.refresh_from_db()
    assert campaign.live


def test_pages_that_do_not_check_their_own_posts_keep_djangos_csrf_check(client, campaign, home):
    # The page view is exempt from the middleware (caching.urls); the before_serve_page hook
    # puts the check back for every page but those that check their own posts. A home page
    # takes no posts at all, so without the check it would answer 405.
    strict = Client(enforce_csrf_checks=True)

    assert strict.post(home.url, {"anything": "1"}).status_code == 403
    response = strict.post(campaign.url, {"anything": "1"})
    assert response.status_code == 200  # the form again, with its errors: no token needed
    assert b"error-summary" in response.content


def test_publishing_purges_the_page_its_translations_and_the_home_pages(
    client, campaign, zh_campaigns, zh_homes, home
):
    urls = [campaign.url, zh_campaigns["zh-hant"].url, home.url, zh_homes["zh-hant"].url]
    for url in urls:
        client.get(url)

    campaign.title = "A new title"
    campaign.save_revision().publish()

    assert b"A new title" in client.get(campaign.url).content
    assert b"A new title" in client.get(home.url).content
    for url in (urls[1], urls[3]):  # the Chinese pages: their switchers changed
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        assert len(queries) > 0, f"{url} was not purged"


def test_unpublishing_purges_the_page(client, campaign):
    client.get(campaign.url)
    campaign.unpublish()
    assert client.get(campaign.url).status_code == 404


def test_a_stored_page_expires_the_moment_its_action_closes(client, campaign):
    closes = timezone.now() + datetime.timedelta(seconds=90)
    campaign.action_closes_at = closes
    campaign.save_revision().publish()

    open_page = client.get(campaign.url)
    assert (
        "s-maxage=89" in open_page["Cache-Control"] or "s-maxage=90" in open_page["Cache-Control"]
    )
    with time_machine.travel(closes + datetime.timedelta(seconds=1)):
        closed = client.get(campaign.url).content.decode()
    assert 'name="first_name"' in open_page.content.decode()
    assert 'name="first_name"' not in closed


def test_the_scheduler_purges_a_cdn_when_an_action_closes(campaign, home, cdn):
    """Our own copies expire at the close; a CDN is told too, in case it ignores s-maxage."""
    closes = timezone.now() + datetime.timedelta(seconds=30)
    campaign.action_closes_at = closes
    campaign.save_revision().publish()
    cdn.clear()
    with time_machine.travel(closes + datetime.timedelta(seconds=5)):
        call_command("run_scheduled_publishing")
    assert ("testserver", campaign.url) in cdn
    assert ("testserver", home.url) in cdn


def test_new_counts_purge_the_stored_pages(client, campaign, home):
    client.get(campaign.url)
    client.get(home.url)
    CampaignSubmission.objects.create(
        page=campaign, form_data={}, supporter_key=supporter_key_of("a@example.org")
    )

    assert b"Be the first to sign." in client.get(campaign.url).content  # until the tally
    tally_signatures()

    assert b"<strong>1</strong> signature" in client.get(campaign.url).content
    assert b"<strong>1</strong> signature" in client.get(home.url).content


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):
        self.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cdn(settings):
    """A Varnish-like peer on loopback that records the PURGE requests it is sent."""
    server = http.server.HTTPServer(("127.0.0.1", 0), PurgeRecorder)
    PurgeRecorder.received = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        **settings.WAGTAILFRONTENDCACHE,
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        },
    }
    yield PurgeRecorder.received
    server.shutdown()


def test_a_cdn_is_purged_with_us(campaign, home, cdn):
    campaign.title = "Changed"
    campaign.save_revision().publish()

    assert ("testserver", campaign.url) in cdn
    assert ("testserver", home.url) in cdn


def test_the_thank_you_page_is_stored_and_purged_with_its_campaign(client, campaign):
    thanks = f"{campaign.url}thank-you/"
    _first, _second, queries = get_twice(client, thanks)
    assert queries == 0

    campaign.thank_you_text = "<p>Thanks again, and share it.</p>"
    campaign.save_revision().publish()

    assert b"Thanks again, and share it." in client.get(thanks).content


class CountRequests:
    """A middleware a stored page must not reach."""

    seen = 0

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        CountRequests.seen += 1
        return self.get_response(request)


def test_a_stored_page_is_answered_before_every_other_middleware(client, campaign, settings):
    # The page cache is first but for compression, which every response needs on its way out:
    # right after it, the whole stack a stored page skips.
    assert settings.MIDDLEWARE[:2] == [
        "caching.compression.CompressionMiddleware",
        "caching.pages.PageCacheMiddleware",
    ]
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[:2],
        f"{__name__}.CountRequests",
        *settings.MIDDLEWARE[2:],
    ]
    CountRequests.seen = 0

    first, second, _ = get_twice(client, campaign.url)

    assert CountRequests.seen == 1
    assert second.content == first.content
    # What every other middleware added to the page is stored with it, SecurityMiddleware's
    # headers included.
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "Content-Language",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
    ):
        assert second[header] == first[header], header


def test_each_scheme_gets_its_own_copy(client, campaign, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    for _ in range(2):  # rendered, then stored
        plain = client.get(campaign.url)
        secure = client.get(campaign.url, secure=True)

    assert og_url(plain).startswith("http://testserver/")
    assert og_url(secure).startswith("https://testserver/")
    assert "Strict-Transport-Security" not in plain
    assert secure["Strict-Transport-Security"] == "max-age=3600"


def test_a_page_stored_for_https_is_never_served_over_http(client, campaign, settings):
    settings.SECURE_SSL_REDIRECT = True
    for _ in range(2):
        assert client.get(campaign.url, secure=True).status_code == 200

    response = client.get(campaign.url)

    assert response.status_code == 301
    assert response["Location"] == f"https://testserver{campaign.url}"


def test_static_files_never_read_the_page_cache(client, campaign, monkeypatch):
    reads = []
    real_get = portal_page_cache.cache.get
    monkeypatch.setattr(
        portal_page_cache.cache,
        "get",
        lambda key, *a, **kw: reads.append(key) or real_get(key, *a, **kw),
    )

    client.get("/static/css/portal.css")
    client.get("/media/images/anything.jpg")
    client.get(campaign.url)

    assert [key for key in reads if key.startswith("page:")] == [
        f"page:http:testserver:{campaign.url}"
    ]


@pytest.fixture
def local_copies(settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 2
    portal_page_cache.local_pages.clear()
    yield portal_page_cache.local_pages
    portal_page_cache.local_pages.clear()


def test_a_process_keeps_its_own_copy_for_a_moment(client, campaign, local_copies, monkeypatch):
    first = client.get(campaign.url)  # rendered, stored in the shared cache and kept here too
    cache.clear()  # another process purged it: this process has not heard

    _first, kept, queries = get_twice(client, campaign.url)
    assert queries == 0 and kept.content == first.content

    later = time.monotonic() + 3
    monkeypatch.setattr(portal_page_cache.time, "monotonic", lambda: later)
    with CaptureQueriesContext(connection) as fresh:
        assert client.get(campaign.url).status_code == 200
    assert len(fresh) > 0  # rendered again once the moment has passed


def test_a_purge_clears_this_process_copy_at_once(client, campaign, local_copies):
    client.get(campaign.url)
    client.get(campaign.url)
    assert local_copies.get(("http", "testserver", campaign.url)) is not None

    campaign.title = "A new title"
    campaign.save_revision().publish()

    assert local_copies.get(("http", "testserver", campaign.url)) is None
    assert "A new title" in client.get(campaign.url).content.decode()


def test_an_edited_image_purges_the_pages_that_show_it(client, campaign, home):
    image = Image.objects.create(title="Hero", file=get_test_image_file())
    campaign.hero_image = image
    campaign.save_revision().publish()

    def hero(url):
        html = client.get(url).content
        return BeautifulSoup(html, "html.parser").select_one(".hero__image, .campaign-card img")

    before = {url: hero(url)["src"] for url in (campaign.url, home.url)}
    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width = image.focal_point_height = 5
    image.save()

    for url, src in before.items():
        assert hero(url)["src"] != src, url


def test_an_edited_default_social_image_purges_every_page(client, campaign, home, organisation):
    image = Image.objects.create(title="Default", file=get_test_image_file())
    organisation.default_social_image = image
    organisation.save()

    def social_image(url):
        html = client.get(url).content
        return BeautifulSoup(html, "html.parser").find("meta", property="og:image")["content"]

    before = {url: social_image(url) for url in (campaign.url, home.url)}
    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width = image.focal_point_height = 5
    image.save()

    for url, src in before.items():
        assert social_image(url) != src, url


def og_url(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find("meta", property="og:url")["content"]


def test_each_host_gets_its_own_copy_and_a_purge_reaches_every_host(client, campaign):
    # Two names of one site (ALLOWED_HOSTS): links in a page name the host it was asked for.
    for _ in range(2):  # rendered, then stored
        assert og_url(client.get(campaign.url)).startswith("http://testserver/")
        assert og_url(client.get(campaign.url, HTTP_HOST="localhost")).startswith(
            "http://localhost/"
        )

    campaign.title = "A new title"
    campaign.save_revision().publish()

    assert b"A new title" in client.get(campaign.url).content
    assert b"A new title" in client.get(campaign.url, HTTP_HOST="localhost").content


def test_a_disallowed_host_is_refused_not_cached(client, campaign):
    assert client.get(campaign.url, HTTP_HOST="evil.example").status_code == 400


def wsgi_environ(path, **extra):
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        **extra,
    }


def test_the_wsgi_application_answers_kept_pages_before_django(
    client, campaign, local_copies, monkeypatch
):
    """portal/wsgi.py, which runserver uses, takes the way the server's front takes."""
    from portal import wsgi

    stored = client.get(campaign.url)  # rendered, stored, kept in this process
    django_calls = []

    def django(environ, start_response):
        django_calls.append(environ["PATH_INFO"])
        start_response("204 No Content", [])
        return []

    monkeypatch.setattr(wsgi, "django_application", django)
    answers = []

    def start_response(status, headers, exc_info=None):
        answers.append((status, dict(headers)))

    body = b"".join(wsgi.application(wsgi_environ(campaign.url), start_response))
    head = wsgi.application(wsgi_environ(campaign.url, REQUEST_METHOD="HEAD"), start_response)
    wsgi.application(wsgi_environ(campaign.url, HTTP_COOKIE="sessionid=x"), start_response)
    wsgi.application(wsgi_environ(campaign.url, QUERY_STRING="page=2"), start_response)
    wsgi.application(wsgi_environ(campaign.url, HTTP_HOST="localhost"), start_response)
    wsgi.application(wsgi_environ(campaign.url, **{"wsgi.url_scheme": "https"}), start_response)

    assert body == stored.content and list(head) == []
    assert answers[0][0] == answers[1][0] == "200 OK"
    assert answers[0][1]["Content-Length"] == str(len(stored.content))
    assert answers[0][1]["Content-Security-Policy"] == stored["Content-Security-Policy"]
    # An editor, other parameters, another host, another scheme: Django's to answer.
    assert django_calls == [campaign.url] * 4
