"""How fast signatures come, per client, per network and per campaign, in Django's cache.

As the UK Parliament's petitions site does, a signature over a rate is not refused: it is held
for review (campaigns.signing.quarantine), and the supporter sees the usual thanks. A flood then
locks nobody out, and the team decides afterwards. Only one client far over its rate is refused,
so that it cannot fill the database.

Only posts that pass the form's validation are counted: garbage costs an attacker nothing to send
and must not use up a campaign's rate (campaigns.signing.guards).

Clients and networks are counted by keyed hashes (portal.clients), never by their addresses.
Fixed windows counted with `cache.add` and `cache.incr`, which are atomic in Redis (production)
and within a process in the local-memory cache (a laptop). django-ratelimit does the same but
refuses, by a system check error, both the local-memory cache and Django's own Redis backend.
"""

import time

from django.conf import settings
from django.core.cache import cache

from portal.clients import client_fingerprint, network_fingerprint

MINUTE, HOUR = 60, 3600


class Rates:
    """This signature's place in its windows: `hold` lists the reasons to hold it (codes of
    campaigns.signing.quarantine.REASONS), `refuse` says the client is flooding."""

    def __init__(self, hold, refuse, network):
        self.hold = hold
        self.refuse = refuse
        self.network = network


def count(request, page):
    """Count this signature in every window, and say where it stands."""
    network = network_fingerprint(request)
    if not settings.SIGNING_COUNT_RATES:
        return Rates([], False, network)
    now = int(time.time())
    client = client_fingerprint(request)
    per_minute = page.connection_rate
    client_minute = add_one(f"client:{client}", MINUTE, now)
    client_hour = add_one(f"client:{client}", HOUR, now)
    network_minute = add_one(f"network:{network}", MINUTE, now)
    campaign_minute = add_one(f"campaign:{page.translation_key}", MINUTE, now)
    hold = []
    # A street stall's tablet signs one person after another from one address: the editor sets
    # signatures_per_connection for it, and the hour allows ten minutes of that pace.
    if client_minute > per_minute or client_hour > per_minute * 10:
        hold.append("rate_client")
    # Many addresses of one network in a burst: one operator, or one office behind NAT.
    if network_minute > per_minute * settings.SIGNING_NETWORK_FACTOR:
        hold.append("rate_network")
    if campaign_minute > settings.SIGNING_HOLD_CAMPAIGN_PER_MINUTE:
        hold.append("rate_campaign")
    refuse = client_minute > per_minute * settings.SIGNING_REFUSE_FACTOR
    return Rates(hold, refuse, network)


def add_one(subject, window, now):
    key = f"signing-rate:{window}:{subject}:{now // window}"
    if cache.add(key, 1, timeout=window + 1):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 1)
        return 1
