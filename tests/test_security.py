"""Security settings: a strict CSP on public pages, locked-out brute force, private form pages,
and a production configuration that `check --deploy` finds nothing to say about."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.test_settings import PRODUCTION_ENV, manage


def test_check_deploy_is_clean_with_production_settings():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "RECAPTCHA_ENABLED"}
    result = manage(
        "check",
        "--deploy",
        "--fail-level=WARNING",
        env={**env, "RECAPTCHA_PUBLIC_KEY": "pub", "RECAPTCHA_PRIVATE_KEY": "priv"},
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_public_pages_have_a_strict_csp_and_no_inline_script(client, campaign, settings):
    settings.RECAPTCHA_ENABLED = True
    settings.RECAPTCHA_PUBLIC_KEY = "pub"
    settings.RECAPTCHA_PRIVATE_KEY = "priv"

    response = client.get(campaign.url)

    policy = response["Content-Security-Policy"]
    assert "script-src 'self' https://www.google.com/recaptcha/" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in policy
    scripts = BeautifulSoup(response.content, "html.parser").find_all("script")
    assert scripts, "the reCAPTCHA script is there"
    assert all(script.get("src") for script in scripts)


def test_v3_widget_runs_no_inline_script(client, campaign, settings):
    settings.RECAPTCHA_ENABLED = True
    settings.RECAPTCHA_VERSION = "v3"
    settings.RECAPTCHA_PUBLIC_KEY = "pub"
    settings.RECAPTCHA_PRIVATE_KEY = "priv"

    soup = BeautifulSoup(client.get(campaign.url).content, "html.parser")

    assert all(script.get("src") for script in soup.find_all("script"))
    widget = soup.find("input", class_="g-recaptcha")
    assert widget["data-sitekey"] == "pub" and widget["data-action"] == "sign"


def test_admin_is_left_out_of_the_csp(admin_client):
    assert "Content-Security-Policy" not in admin_client.get("/admin/")


def test_the_admin_asks_no_outside_service_about_its_editors(admin_client, campaign):
    """No Gravatar: an editor's avatar would send a hash of their email to gravatar.com."""
    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_account")):
        soup = BeautifulSoup(admin_client.get(url).content, "html.parser")
        loaded = [tag.get("src") or "" for tag in soup.find_all(["img", "script", "iframe"])]
        loaded += [tag.get("href") or "" for tag in soup.find_all("link")]
        outside = [address for address in loaded if address.startswith(("http:", "https:", "//"))]
        assert outside == [], url


def test_a_page_is_private_when_not_cached_for_everyone(client, campaign):
    # PAGE_CACHE_SECONDS is 0 in tests: no shared cache may keep the page either.
    response = client.get(campaign.url)

    assert "private" in response["Cache-Control"]


@pytest.fixture
def axes(settings):
    settings.AXES_ENABLED = True
    cache.clear()


def test_repeated_failed_admin_logins_lock_the_account_out(client, django_user_model, axes):
    django_user_model.objects.create_superuser("editor", "e@example.org", "right-password")
    login = reverse("wagtailadmin_login")

    for _ in range(5):
        client.post(login, {"username": "editor", "password": "wrong"})
    locked = client.post(login, {"username": "editor", "password": "right-password"})

    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_behind_a_proxy_locks_one_client_not_everyone(
    client, django_user_model, axes, settings
):
    # Behind one load balancer every request comes from its address: the client is the one it
    # appended to X-Forwarded-For (portal.clients), for django-axes as for rate limits.
    settings.TRUSTED_PROXIES = 1
    django_user_model.objects.create_superuser("editor", "e@example.org", "right-password")
    login = reverse("wagtailadmin_login")
    attacker = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    editor = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}

    for _ in range(5):
        client.post(login, {"username": "editor", "password": "wrong"}, **attacker)
    locked = client.post(login, {"username": "editor", "password": "right-password"}, **attacker)
    assert locked.status_code == 429

    other = Client()
    logged_in = other.post(login, {"username": "editor", "password": "right-password"}, **editor)
    assert logged_in.status_code == 302
    assert "_auth_user_id" in other.session


def test_a_client_cannot_choose_its_address_when_no_proxy_is_trusted(rf, settings):
    from portal.clients import client_address

    settings.TRUSTED_PROXIES = 0
    request = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_address(request) == "198.51.100.7"

    # With one proxy, entries left of the one it appended were written by the client.
    settings.TRUSTED_PROXIES = 1
    spoofed = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7")
    assert client_address(spoofed) == "198.51.100.7"


def test_every_response_switches_off_features_no_page_needs(client, campaign, settings):
    settings.PAGE_CACHE_SECONDS = 300
    for _ in range(2):  # rendered, then the stored copy
        policy = client.get(campaign.url)["Permissions-Policy"]
        assert "camera=()" in policy
        assert "geolocation=()" in policy
        assert 'fullscreen=(self "https://www.youtube.com"' in policy


@pytest.mark.parametrize(
    ("trusted_proxies", "header"),
    [("0", "None"), ("1", "('HTTP_X_FORWARDED_PROTO', 'https')")],
    ids=["no proxy", "one proxy"],
)
def test_x_forwarded_proto_is_believed_only_from_a_trusted_proxy(trusted_proxies, header):
    # Without a proxy, a client sending X-Forwarded-Proto: https over plain HTTP would be taken
    # for HTTPS: no redirect to it, and HSTS sent over plain HTTP.
    env = {**PRODUCTION_ENV, "TRUSTED_PROXIES": trusted_proxies}
    result = manage(
        "shell",
        "--verbosity=0",
        "-c",
        "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)",
        env=env,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == header
