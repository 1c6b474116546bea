"""The portal's URLs plus views that tests of the web server need (tests/server_settings.py)."""

import hashlib

from django.http import HttpResponse, StreamingHttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from portal.urls import urlpatterns as portal_urlpatterns

DJANGO_MARK = "X-Made-By-Django"


class MarkDjangoResponses:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response[DJANGO_MARK] = "yes"
        return response


def stream_line(number):
    return f"{number:09d} {'x' * 989}\n".encode()  # 1,000 bytes


def stream(request, lines):
    """A streamed response of `lines` thousand-byte lines, as a CSV export sends rows."""
    return StreamingHttpResponse(
        (stream_line(number) for number in range(lines)), content_type="text/plain"
    )


@csrf_exempt
def echo(request):
    """The size and SHA-256 of the body Django was given."""
    body = request.body
    return HttpResponse(
        f"{len(body)} {hashlib.sha256(body).hexdigest()}", content_type="text/plain"
    )


urlpatterns = [
    path("test/stream/<int:lines>/", stream),
    path("test/echo/", echo),
    *portal_urlpatterns,
]
