"""Which page a URL leads to, kept in the cache so that Wagtail need not walk the tree again.

Wagtail finds a page by its path from the site's root: the Site, the Locale, then a query per
level and one for each page's specific row. That is five queries and, after the page cache, the
largest part of a signature's cost or of an uncached view. `Page.route_for_request` keeps its
answer on the request (`request._wagtail_route_for_request`) and reads it from there if present,
so `serve` below only has to put a cached answer there before calling Wagtail's view.

A cached route holds the Site (kept on the request by `Site.find_for_request` as well), the
page's id and type and the route's arguments; the page itself is read by id, with one query, so
its content is never stale. Any change to the tree (a page saved, published, unpublished, moved
or deleted), a site or a locale starts a new generation, and a route from an earlier one is not
used. Routes also expire after ROUTE_CACHE_SECONDS, which bounds how stale one can be where the
cache is not shared (each process's memory, without REDIS_URL), and a page no longer live is
never served from one.

A route also remembers whether the page had no privacy settings (view restrictions), on itself
or above it; then Wagtail's check of them (its on_serve_page hook) has nothing to query. A page
that has some is checked by Wagtail on every request, as before. Adding or removing one starts a
new generation too.

A new generation starts as soon as the change is saved, and again when its transaction commits:
a route stored in between, read from the database as it was before the change, is not used.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation
from wagtail.models import BaseViewRestriction, Locale, Page, PageViewRestriction, Site
from wagtail.signals import post_page_move
from wagtail.url_routing import RouteResult

# Versioned with the shape of a cached route, so that processes of an earlier release, during a
# deploy, never read one of ours, nor we one of theirs.
GENERATION_KEY = "route:generation:2"


def serve(request, path):
    """Wagtail's page view, with the route read from the cache when it is there."""
    # Imported here: wagtail.views needs the models loaded, and page models use this module.
    from wagtail import views

    key = route_key(request, path)
    if key is None:
        return views.serve(request, path)
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY) or new_generation()
    request.route_generation = generation  # for kept_with_the_tree
    cached = found.get(key)
    if cached is not None and cached[0] == generation:
        site, *route = cached[1:]
        # Where Site.find_for_request and Page.route_for_request keep their answers.
        request._wagtail_site = site
        request._wagtail_route_for_request = load(*route)
    response = views.serve(request, path)
    if cached is None or cached[0] != generation:
        store(key, generation, request)
    return response


def kept_with_the_tree(request, key, compute):
    """compute()'s answer, kept in the cache for as long as the routes are: for what depends on
    the page tree, sites and locales only (which translations of a page are live, say, and
    their URLs). Computed afresh where the request was not routed through the cache."""
    generation = getattr(request, "route_generation", None)
    if generation is None:
        return compute()
    key = f"tree:{generation}:{key}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, timeout())
    return found


def timeout():
    return getattr(settings, "ROUTE_CACHE_SECONDS", 0)


def route_key(request, path):
    if timeout() <= 0:
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # Wagtail's view answers as it would
    return f"route:{host}:{translation.get_language()}:{path}"


def store(key, generation, request):
    site = getattr(request, "_wagtail_site", None)
    route = getattr(request, "_wagtail_route_for_request", None)
    if site is None or route is None:
        return
    page, args, kwargs = route
    # Its columns only: not the root page or anything else cached on the instance.
    names = [field.attname for field in Site._meta.concrete_fields]
    site = Site.from_db(site._state.db, names, [getattr(site, name) for name in names])
    private = page.get_view_restrictions().exists()
    route = (page.content_type_id, page.pk, args, kwargs, private)
    cache.set(key, (generation, site, *route), timeout())


def load(content_type_id, pk, args, kwargs, private):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    # Unordered: ordering by path would only cost time for at most one row.
    page = next(iter(model._default_manager.filter(pk=pk, live=True).order_by()[:1]), None)
    if page is None:
        return None
    if not private:
        # Read by Wagtail's on_serve_page hook: the answer it would have queried for.
        page.get_view_restrictions = PageViewRestriction.objects.none
    return RouteResult(page, args, kwargs)


def new_generation():
    generation = uuid.uuid4().hex
    cache.set(GENERATION_KEY, generation, None)
    return generation


@receiver(post_save)
@receiver(post_delete)
def forget_routes_when_pages_change(sender, instance, **kwargs):
    if isinstance(instance, (Page, Site, Locale, BaseViewRestriction)):
        forget_routes()


@receiver(post_page_move)
def forget_routes_when_pages_move(**kwargs):
    forget_routes()


def forget_routes():
    new_generation()
    transaction.on_commit(new_generation)
