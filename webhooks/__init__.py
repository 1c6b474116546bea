"""Webhooks: the organisation's own systems (a CRM, a mailing tool) told of signatures and
opt-ins as they happen, as Standard Webhooks (https://www.standardwebhooks.com/) signed POSTs.

- models: the endpoints the organisation sets, and a delivery row per event and endpoint.
- addresses: which URLs may be called (https, no private addresses: the portal is never a way
  into the network it runs in).
- signing: the secrets and the webhook-signature header.
- events: campaigns.events heard, and deliveries queued in the same transaction.
- payloads: what a delivery says, written when it is sent, from what is stored then.
- sending: the worker's task (`manage.py db_worker --backend webhooks`), with retries.
- retention: what the scheduler prunes.
- admin: the screens under Settings.
"""
