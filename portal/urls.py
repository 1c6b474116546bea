from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from campaigns.open_data import CampaignsJSONView, embed_counter
from portal import media
from promote.sitemaps import TranslatedSitemap
from reportbacks.views import PreferencesView, UnsubscribeView

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Open data: one list for every language, so outside the language prefixes.
    # The OSDI API (osdi): one for every language, so outside the language prefixes.
    path("api/osdi/v1/", include("osdi.urls")),
    path("api/campaigns.json", CampaignsJSONView.as_view(), name="campaigns_json"),
    # Every language's pages in one sitemap, outside the language prefixes.
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}),
    # RFC 8058 one-click unsubscribe: one URL whatever the language, as mail clients post to it.
    path("unsubscribe/<str:token>/", UnsubscribeView.as_view(), name="reportbacks_unsubscribe"),
    # The email service's bounces and complaints (bounces.webhooks): for a service, not a reader.
    path("anymail/", include("bounces.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.MEDIA_URL.startswith("/"):
    # Images' renditions from a local MEDIA_ROOT (portal/media.py says why only those).
    urlpatterns.append(
        path(f"{settings.MEDIA_URL[1:]}{media.RENDITIONS}<path:path>", media.rendition)
    )

# Every public page carries its language: /en/..., /zh-hant/..., /zh-hans/...; "/" is redirected
# by LocaleMiddleware according to Accept-Language.
# Wagtail's page view, with cached routes and CSRF checked per page (caching.urls).
# The embeddable counter comes before Wagtail's catch-all page route.
urlpatterns += i18n_patterns(
    path("embed/<uuid:translation_key>/", embed_counter, name="campaigns_embed"),
    path("preferences/<str:token>/", PreferencesView.as_view(), name="reportbacks_preferences"),
    path("", include("caching.urls")),
    prefix_default_language=True,
)
