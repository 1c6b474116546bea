"""Text is sent compressed to readers who accept it, the same way whoever answers: Django, the
WSGI application or the server's front (caching/compression.py)."""

import gzip
import re

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from caching.compression import CompressionMiddleware
from tests.factories import CampaignPageFactory
from tests.test_front import asgi_call, local_copies  # noqa: F401 (a fixture)
from tests.test_page_cache import wsgi_environ

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def without_token(html):
    """The page without the reader's own form token (pages are rendered afresh in tests)."""
    return re.sub(rb'name="form_token" value="[^"]*"', b"", html)


def vary(response_headers):
    return {part.strip().lower() for part in response_headers.get("Vary", "").split(",")}


def test_a_campaign_page_is_sent_compressed_to_readers_who_accept_it(client, campaign):
    plain = client.get(campaign.url)
    compressed = client.get(campaign.url, **GZIP)

    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert without_token(gzip.decompress(compressed.content)) == without_token(plain.content)
    # The HTML is mostly repetition: well under half its size.
    assert len(compressed.content) < len(plain.content) / 2
    assert int(compressed["Content-Length"]) == len(compressed.content)
    # A CDN or browser cache keeps the two apart.
    assert "accept-encoding" in vary(plain) and "accept-encoding" in vary(compressed)


def test_a_stored_page_is_compressed_on_its_way_out(client, campaign, local_copies):  # noqa: F811
    client.get(campaign.url)  # rendered and stored, plain
    hit = client.get(campaign.url, **GZIP)
    plain_hit = client.get(campaign.url)

    assert hit["Content-Encoding"] == "gzip"
    assert gzip.decompress(hit.content) == plain_hit.content
    assert "Content-Encoding" not in plain_hit


def test_the_front_sends_the_compressed_copy_django_would(client, campaign, local_copies):  # noqa: F811
    from portal import asgi

    def django(environ, start_response):
        raise AssertionError("a kept page is the front's to answer")

    by_django = client.get(campaign.url, **GZIP)  # stored, and kept in this process
    plain_by_django = client.get(campaign.url)
    front = asgi.Front(django, threads=1, max_body=10, body_timeout=1, body_min_rate=1)

    start, body = asgi_call(front, "GET", campaign.url, [(b"accept-encoding", b"gzip")])
    plain_start, plain_body = asgi_call(front, "GET", campaign.url)

    headers = {name.decode(): value.decode() for name, value in start["headers"]}
    plain_headers = {name.decode(): value.decode() for name, value in plain_start["headers"]}
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(body["body"]) == plain_body["body"] == plain_by_django.content
    assert headers["content-length"] == str(len(body["body"]))
    assert "accept-encoding" in {v.strip() for v in headers["vary"].lower().split(",")}
    assert "content-encoding" not in plain_headers
    assert plain_headers["vary"] == plain_by_django["Vary"]
    # Every other header is Django's own.
    for name in ("Content-Security-Policy", "Cache-Control", "Content-Language", "Vary"):
        assert headers[name.lower()] == by_django[name], name


def test_the_wsgi_application_sends_the_compressed_copy(client, campaign, local_copies):  # noqa: F811
    from portal import wsgi

    plain = client.get(campaign.url)  # stored, kept in this process
    answers = []

    def start_response(status, headers, exc_info=None):
        answers.append(dict(headers))

    body = b"".join(wsgi.application(wsgi_environ(campaign.url, **GZIP), start_response))
    plain_body = b"".join(wsgi.application(wsgi_environ(campaign.url), start_response))

    assert answers[0]["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == plain_body == plain.content
    assert "Content-Encoding" not in answers[1]


@pytest.mark.parametrize(
    ("content_type", "compressed"),
    [
        ("text/html; charset=utf-8", True),
        ("application/json", True),
        ("text/csv", True),
        ("image/svg+xml", True),
        ("image/jpeg", False),
        ("font/woff2", False),
        ("application/pdf", False),
    ],
)
def test_only_text_is_compressed(content_type, compressed):
    request = RequestFactory().get("/", **GZIP)
    response = HttpResponse(b"a" * 1000, content_type=content_type)

    response = CompressionMiddleware(lambda request: response)(request)

    assert (response.get("Content-Encoding") == "gzip") is compressed


def test_open_data_is_compressed(client, campaign, home):
    for number in range(3):
        CampaignPageFactory(parent=home, slug=f"campaign-{number}").save_revision().publish()

    response = client.get("/api/campaigns.json", **GZIP)

    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Encoding"] == "gzip"
    assert b"Protect rights in Hong Kong" in gzip.decompress(response.content)
