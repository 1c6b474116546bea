"""What webhooks add to a signature's POST: finding the endpoints that want to hear of it (1,
counted in tests/campaigns/test_queries.py's budget), then, where there are any, one insert
for all their delivery rows and one per endpoint for its task: with one endpoint, 2 more."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.campaigns.test_queries import SIGNING_QUERIES

pytestmark = pytest.mark.django_db


def counted(queries):
    return [
        query["sql"]
        for query in queries
        if not query["sql"].upper().startswith(("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT"))
    ]


@pytest.mark.parametrize("endpoints", [1, 3])
def test_a_signature_costs_one_query_more_and_one_per_endpoint(
    client, campaign, valid_post, endpoints
):
    from webhooks.models import EventType, WebhookDelivery, WebhookEndpoint

    for number in range(endpoints):
        WebhookEndpoint.objects.create(
            url=f"https://crm{number}.example.org/hook", events=list(EventType.values)
        )
    client.post(campaign.url, valid_post)  # the first post fills the per-process caches

    with CaptureQueriesContext(connection) as queries:
        response = client.post(campaign.url, {**valid_post, "email": "eve@example.org"})

    assert response.status_code == 303
    sql = counted(queries)
    assert len(sql) <= SIGNING_QUERIES + 1 + endpoints, "\n".join(sql)
    assert sum("webhooks_webhookdelivery" in q and "INSERT" in q for q in sql) == 1
    assert WebhookDelivery.objects.count() == 2 * endpoints
