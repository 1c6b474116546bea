from django.core import checks

from .webhooks import secret_configured


@checks.register(checks.Tags.security)
def webhooks_switched_off(app_configs, **kwargs):
    """Say so when no email service can report bounces (a laptop, or a forgotten secret)."""
    if secret_configured():
        return []
    return [
        checks.Info(
            "Bounce webhooks are off: every post to /anymail/ is refused, so bounced and "
            "complaining addresses are not suppressed.",
            hint="Set ANYMAIL_WEBHOOK_SECRET, and give the email service its webhook URL "
            "with it as basic auth (README: Bounces and complaints).",
            id="bounces.I001",
        )
    ]
