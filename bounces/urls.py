"""Mounted at /anymail/ (portal/urls.py), outside the language prefixes; reversed as anymail's
own, e.g. reverse("anymail:postmark_tracking_webhook")."""

from .webhooks import tracking_urlpatterns

app_name = "anymail"
urlpatterns = tracking_urlpatterns()
