"""`{% pagefragment "name" [vary_on ...] %}…{% endpagefragment %}`: a part of a page's HTML that
reads the same for every reader, rendered once for each published version of the page.

It is Wagtail's `{% wagtailpagecache %}` (keyed by the page's `cache_key` and the site, skipped
in previews) with what our pages add to the key: the language, the scheme and host, and the
route generation (caching.routes), which changes with any page, site, locale or organisation
setting a fragment may show or link to. Fragments are cached as `caching.routes.get_or_set`
caches its answers (in each process's memory, for as long as the routes), and only where the
request was routed through the route cache, for a page: anywhere else the tag renders its
content as if it were not there.

Before a fragment is rendered (not read from the cache), the page's `prepare_fragments()` is
called if its context has one: a page can then fetch what all its fragments show (images, links)
in a few queries, and fetch nothing while they are cached.
"""

from django import template
from django.template.base import NodeList
from django.utils import translation
from wagtail.models import PAGE_TEMPLATE_VAR, Page
from wagtail.templatetags.wagtail_cache import WagtailPageCacheNode

from caching import local, routes

register = template.Library()

# What a page's context may hold: called before the first of its fragments is rendered rather
# than read from the cache, to fetch together what they show (campaigns.rendering.body).
PREPARE = "prepare_fragments"
# Names the tag puts in the context for the node it extends to read.
SECONDS, GENERATION, LANGUAGE, HOST = (
    "fragment_seconds",
    "fragment_generation",
    "fragment_language",
    "fragment_host",
)


class PreparedNodeList(NodeList):
    """A fragment's content, rendered after the page's `prepare_fragments`, if it has one."""

    def render(self, context):
        prepare = context.get(PREPARE)
        if prepare is not None:
            prepare()
        return super().render(context)


class PageFragmentNode(WagtailPageCacheNode):
    def __init__(self, nodelist, *args):
        super().__init__(PreparedNodeList(nodelist), *args)

    def render(self, context):
        request = context.get("request")
        # Set only where routes are cached (ROUTE_CACHE_SECONDS above 0).
        generation = getattr(request, "route_generation", None)
        page = context.get(PAGE_TEMPLATE_VAR)
        if generation is None or not isinstance(page, Page):
            return self.nodelist.render(context)
        with context.update(
            {
                SECONDS: routes.timeout(),
                GENERATION: generation,
                LANGUAGE: translation.get_language(),
                # Links built from the request (hreflang, og:url) name the scheme and host it
                # came to: an https page must not show a fragment rendered for http.
                HOST: f"{request.scheme}://{request.get_host()}",
            }
        ):
            return super().render(context)


@register.tag
def pagefragment(parser, token):
    nodelist = parser.parse(("endpagefragment",))
    parser.delete_first_token()
    name, *vary_on = token.split_contents()[1:] or [None]
    if name is None or name[0] not in "\"'" or name[0] != name[-1]:
        raise template.TemplateSyntaxError("pagefragment needs a quoted name first.")
    return PageFragmentNode(
        nodelist,
        parser.compile_filter(SECONDS),
        name[1:-1],
        [parser.compile_filter(var) for var in (GENERATION, LANGUAGE, HOST, *vary_on)],
        parser.compile_filter(f'"{local.ALIAS}"'),
    )
