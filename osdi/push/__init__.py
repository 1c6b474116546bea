"""Pushing a campaign's counted signatures to another system's OSDI endpoint (Action Network's
petition signatures, or any OSDI server), through the outbox (campaigns.outbox): queued by id
in the same transaction as the signature comes to count, written and sent by the worker."""
