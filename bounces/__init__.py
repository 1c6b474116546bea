"""Bounces, complaints and unsubscribes reported by the email service: the address is
suppressed (campaigns.models.opt_ins.Suppression) and the outbox never writes to it again.

- `webhooks`: anymail's tracking webhooks, refused unless a secret is configured.
- `receivers`: what an event changes (a bounce, a complaint, an unsubscribe), and nothing else.
- `lifting`: a suppression lifted for a supporter who asks, in the audit log.
- `admin_views`: the read-only list for people who handle data protection requests.
"""
