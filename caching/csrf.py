"""CSRF for Wagtail pages: decided per page, once the page is known.

Django's check needs a token from a cookie, and a cookie makes a page personal, so a page that
carries the action form could not be cached. A campaign's action form does not need one: signing
uses no session or login, so a forged cross-site post gains nothing a direct post would not. Such
pages set `checks_own_posts = True` and check posts themselves (same origin, the signed form
token, honeypot, reCAPTCHA, rate limits: campaigns.signing). Every other page, and everything
outside Wagtail's page view (the admin), keeps Django's check: caching.urls exempts the page view
from the middleware, and `check_page_post` (a before_serve_page hook, caching.wagtail_hooks) runs
the middleware's check once the page is known.
"""

from http import HTTPMethod

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware

SAFE_METHODS = {HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS, HTTPMethod.TRACE}


def check_page_post(page, request, serve_args, serve_kwargs):
    """before_serve_page hook: Django's CSRF check for pages that do not check their own posts."""
    if request.method in SAFE_METHODS or getattr(page, "checks_own_posts", False):
        return None
    return CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})


def same_origin(request):
    """Whether a post came from a page of this site, as far as the browser says. Browsers send
    Origin with every form post; tools that send neither header are left to the bot filters."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin:
        own = f"{request.scheme}://{request.get_host()}"
        return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS
    return request.META.get("HTTP_SEC_FETCH_SITE") in (None, "same-origin", "none")
