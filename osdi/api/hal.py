"""HAL+JSON as the OSDI documents write it: `_links` (with the `osdi` curie), `_embedded`
collections, and pagination by `page` and `per_page` with `total_pages`, `total_records` and
next/prev links. Errors are JSON too, with a message that says what to change."""

import json
import math
from urllib.parse import urlencode

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

CONTENT_TYPE = "application/hal+json"
CURIES = [
    {"name": "osdi", "href": "https://opensupporter.github.io/osdi-docs/{rel}", "templated": True}
]
DEFAULT_PAGE_SIZE = 25


class Problem(Exception):
    """Ends a request with a JSON error."""

    def __init__(self, status, message, **details):
        super().__init__(message)
        self.status, self.message, self.details = status, message, details


def response(data, status=200, headers=None):
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    answer = HttpResponse(body, status=status, content_type=f"{CONTENT_TYPE}; charset=utf-8")
    # Personal data: never kept by a browser or a shared cache.
    answer["Cache-Control"] = "private, no-store"
    for name, value in (headers or {}).items():
        answer[name] = value
    return answer


def error(status, message, **details):
    return response({"error": message, **details}, status=status)


def url(request, name, *args, **query):
    address = request.build_absolute_uri(reverse(f"osdi:{name}", args=args))
    return f"{address}?{urlencode(query)}" if query else address


def link(href, **extra):
    return {"href": href, **extra}


class Pagination:
    """`page` and `per_page` from the query string: whole numbers, per_page at most
    OSDI_MAX_PAGE_SIZE. A page past the last is empty, as OSDI servers answer it."""

    def __init__(self, request):
        self.page = whole_number(request.GET.get("page", "1"), "page")
        self.per_page = whole_number(
            request.GET.get("per_page", str(DEFAULT_PAGE_SIZE)), "per_page"
        )
        if self.per_page > settings.OSDI_MAX_PAGE_SIZE:
            raise Problem(
                400,
                _("per_page may be at most %(max)d.") % {"max": settings.OSDI_MAX_PAGE_SIZE},
            )

    @property
    def start(self):
        return (self.page - 1) * self.per_page

    @property
    def end(self):
        return self.start + self.per_page

    def collection(self, request, name, route, args, items, total):
        """The OSDI collection of `items` (this page's representations) of `total`."""
        total_pages = math.ceil(total / self.per_page)
        here = {"per_page": self.per_page}
        links = {
            "self": link(url(request, route, *args, page=self.page, **here)),
            f"osdi:{name}": [item["_links"]["self"] for item in items],
            "curies": CURIES,
        }
        if self.page < total_pages:
            links["next"] = link(url(request, route, *args, page=self.page + 1, **here))
        if self.page > 1:
            previous = min(self.page - 1, max(total_pages, 1))
            links["prev"] = link(url(request, route, *args, page=previous, **here))
        return {
            "total_pages": total_pages,
            "per_page": self.per_page,
            "page": self.page,
            "total_records": total,
            "_links": links,
            "_embedded": {f"osdi:{name}": items},
        }


def whole_number(value, name):
    # ASCII digits only: int() also takes "١٢" and "1_000".
    if not (value.isascii() and value.isdigit()) or len(value) > 9 or int(value) < 1:
        raise Problem(400, _("%(name)s must be a whole number from 1.") % {"name": name})
    return int(value)
