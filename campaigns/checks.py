from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def recaptcha_switched_off(app_configs, **kwargs):
    """Say so when action forms run without reCAPTCHA (a laptop without keys)."""
    if settings.RECAPTCHA_ENABLED:
        return []
    return [
        checks.Info(
            "reCAPTCHA is off: action forms rely on the honeypot, form tokens and rates only "
            "(suspicious signatures are held for review).",
            hint="Set RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY to switch it on.",
            id="campaigns.I001",
        )
    ]
