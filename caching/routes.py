"""Which page a URL leads to, kept in the cache so that Wagtail need not walk the tree again.

Wagtail finds a page by its path from the site's root: the Site, the Locale, then a query per
level and one for each page's specific row. That is five queries and, after the page cache, the
largest part of a signature's cost or of an uncached view. `Page.route_for_request` keeps its
answer on the request (`request._wagtail_route_for_request`) and reads it from there if present,
so `serve` below only has to put a cached answer there before calling Wagtail's view.

A cached route holds the Site (kept on the request by `Site.find_for_request` as well), the page as
it was read from the database and the route's arguments. Any change to the tree (a page saved other
than as a draft, published, unpublished, moved or deleted), a site, a locale, an image or the
organisation's settings starts a new generation, and a route from an earlier one is not used; so a
page is never older than its last save. Routes also expire after ROUTE_CACHE_SECONDS, which bounds
how stale one can be after a change that sends no signal (a queryset's update()).

Where the cache is each process's own memory (no REDIS_URL), a process does not hear of changes
made in another: there, whether the page is still live is asked of the database on each view, so
an unpublished page is never served from a cached route.

A route also remembers whether the page had no privacy settings (view restrictions), on itself
or above it; then Wagtail's check of them (its on_serve_page hook) has nothing to query. A page
that has some is checked by Wagtail on every request, as before. Adding or removing one starts a
new generation too.

A new generation starts as soon as the change is saved, and again when its transaction commits:
a route stored in between, read from the database as it was before the change, is not used.
"""

import functools
import hashlib
import uuid

import django
from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.url_routing import RouteResult

from . import local

# The shape of a cached route: changed by hand with it (see fingerprint()).
ROUTE_SHAPE = 3


def serve(request, path):
    """Wagtail's page view, with the route read from the cache when it is there."""
    # Imported here: wagtail.views needs the models loaded, and page models use this module.
    from wagtail import views

    key = route_key(request, path)
    if key is None:
        return views.serve(request, path)
    generation_at = generation_key()
    found = cache.get_many([generation_at, key])
    generation = found.get(generation_at) or new_generation()
    request.route_generation = generation  # for get_or_set
    cached = found.get(key)
    if cached is not None and cached[0] == generation:
        site, *route = cached[1:]
        # Where Site.find_for_request and Page.route_for_request keep their answers.
        request._wagtail_site = site
        request._wagtail_route_for_request = load(*route)
    elif Page.route_for_request(request, path) is not None:
        # Stored before the page is served, which caches all sorts on the instance.
        store(key, generation, request)
    return views.serve(request, path)


def get_or_set(request, key, compute):
    """compute()'s answer, cached for as long as the routes are: for what depends only on the
    page tree, sites, locales and the organisation's settings (which translations of a page are
    live, say, and their URLs). Computed afresh where the request was not routed through the
    cache.

    Cached in each process's own memory (caching.local): the key holds the generation, which
    every request reads from the shared cache, so a process's copy is never older than one in
    Redis would be, and reading it costs no round trip."""
    generation = getattr(request, "route_generation", None)
    if generation is None:
        return compute()
    key = f"tree:{generation}:{key}"
    found = local.cache().get(key)
    if found is None:
        found = compute()
        local.cache().set(key, found, timeout())
    return found


def timeout():
    return settings.ROUTE_CACHE_SECONDS


def route_key(request, path):
    if timeout() <= 0:
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # Wagtail's view answers as it would
    return f"route:{fingerprint()}:{host}:{translation.get_language()}:{path}"


@functools.cache
def fingerprint():
    """A fingerprint of the shape of a cached route and of the pages it holds (Django's version,
    the page models' columns), in the keys: processes of another release, during a deploy,
    never read our routes nor we theirs, which would unpickle pages of another shape."""
    columns = sorted(
        f"{model._meta.label}.{field.attname}"
        for model in get_page_models()
        for field in model._meta.concrete_fields
    )
    shape = "\n".join([str(ROUTE_SHAPE), django.get_version(), *columns])
    return hashlib.md5(shape.encode(), usedforsecurity=False).hexdigest()[:12]


def generation_key():
    return f"route:generation:{fingerprint()}"


def store(key, generation, request):
    site = request._wagtail_site
    page, args, kwargs = request._wagtail_route_for_request
    # Its columns only: not the root page or anything else cached on the instance.
    names = [field.attname for field in Site._meta.concrete_fields]
    site = Site.from_db(site._state.db, names, [getattr(site, name) for name in names])
    private = page.get_view_restrictions().exists()
    cache.set(key, (generation, site, page, args, kwargs, private), timeout())


def load(page, args, kwargs, private):
    if not shared() and not Page.objects.filter(pk=page.pk, live=True).exists():
        return None
    if not private:
        # Read by Wagtail's on_serve_page hook: the answer it would have queried for.
        page.get_view_restrictions = PageViewRestriction.objects.none
    return RouteResult(page, args, kwargs)


def shared():
    """Whether every process reads this cache, and so hears of every change (Redis)."""
    return not isinstance(caches[DEFAULT_CACHE_ALIAS], LocMemCache)


def new_generation():
    generation = uuid.uuid4().hex
    cache.set(generation_key(), generation, None)
    return generation


def invalidate():
    """Start a new generation: no route or fragment cached before it is used again. Again when
    the transaction commits, so one cached in between, from the rows as they were, is not used
    either."""
    new_generation()
    transaction.on_commit(new_generation)
