"""Form tokens: each reader gets one of their own, used once, for one campaign, for a day.

A token says which campaign it is for, when it was given out and a random nonce, signed with
SECRET_KEY. Two kinds:

- A reader's token, fetched by the page's script from `<page>/form-token/` as the page loads
  (never cached), or written into a page that is not cached. Its age is how long this reader had
  the form, and its nonce is stored with the signature, where a unique index lets it sign once.
- The page's token, written into a page that goes into the cache and so is shared by everyone
  who reads that copy. Without JavaScript it is all a supporter has, so a post with it is not
  refused: it is held for review (campaigns.signing.quarantine), like every post this module
  cannot vouch for.

`check` never refuses: it says what is wrong, and the post is held. A person never sees a
message about their token, and a bot learns nothing from the answer.
"""

import secrets
import time

from django.conf import settings
from django.core import signing
from django.http import HttpResponseNotAllowed, JsonResponse
from django.utils.cache import add_never_cache_headers

from caching.pages import cacheable_request

FIELD = "form_token"
SALT = "campaigns.signing.tokens"
READER, PAGE = "r", "p"

_signer = signing.Signer(salt=SALT)


def mint(campaign_key, kind=READER, now=None):
    issued = int(now if now is not None else time.time())
    nonce = secrets.token_urlsafe(12)
    return _signer.sign(f"{kind}.{campaign_key.hex}.{issued}.{nonce}")


class Checked:
    """What a posted token says: `problems` (codes of campaigns.signing.quarantine.REASONS,
    empty for a good token) and `nonce`, to store so that the token signs only once."""

    def __init__(self, problems, nonce=None):
        self.problems = problems
        self.nonce = nonce


def check(value, campaign_key, now=None):
    now = now if now is not None else time.time()
    try:
        kind, key, issued, nonce = _signer.unsign(value or "").split(".")
        issued = int(issued)
    except (signing.BadSignature, ValueError):
        return Checked(["token_missing"])  # absent, forged, or from before tokens
    if key != campaign_key.hex:
        return Checked(["token_other_campaign"])
    if kind != READER:
        return Checked(["token_shared"])
    age = now - issued
    if age < settings.SIGNING_MIN_FILL_SECONDS:
        return Checked(["token_too_fast"], nonce)
    if age > settings.SIGNING_TOKEN_HOURS * 3600:
        return Checked(["token_expired"], nonce)
    return Checked([], nonce)


def for_response(page, request):
    """The token to write into this response of the page: the page's own if the response goes
    into the cache (caching.pages), else one for this reader."""
    cached = cacheable_request(request) and not getattr(request, "is_preview", False)
    kind = PAGE if cached else READER
    return mint(page.translation_key, kind)


def is_shared(token):
    return token.startswith(f"{PAGE}.")


def reader_token_response(page, request):
    """`<page>/form-token/`: a token for this reader, never cached (not by us, a CDN or the
    browser)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    response = JsonResponse({"token": mint(page.translation_key, READER)})
    add_never_cache_headers(response)  # no-store and private among them
    return response
