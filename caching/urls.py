"""Wagtail's URL patterns, with the page view reading routes from the cache (caching.routes) and
exempt from the CSRF middleware: each page decides for itself (caching.csrf)."""

from django.urls import re_path
from django.views.decorators.csrf import csrf_exempt
from wagtail import urls as wagtail_urls

from . import routes

urlpatterns = [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, csrf_exempt(routes.serve), name="wagtail_serve"),
]
