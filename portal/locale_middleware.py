"""Django's LocaleMiddleware, but for the APIs outside the language prefixes (/api/): Django's
sends any 404 to the same address under the language prefix (/en/api/...), where Wagtail's
catch-all page route answers. An API's 404 must stay a 404, with its JSON message."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

OUTSIDE_PREFIXES = "/api/"


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(OUTSIDE_PREFIXES):
            return response
        return super().process_response(request, response)
