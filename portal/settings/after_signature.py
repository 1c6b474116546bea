"""Settings for what follows a signature, beyond the portal: the email service's bounces and
complaints (bounces), the organisation's webhooks (webhooks), updates to signers
(reportbacks) and the OSDI API (osdi). Imported by base.py; read from the environment."""

import os

# Bounces, complaints and unsubscribes, posted by the email service to its tracking webhook,
# /anymail/<service>/tracking/ (e.g. postmark, mailgun, amazon_ses, sendgrid, brevo), with
# ANYMAIL_WEBHOOK_SECRET ("user:password"; several, comma-separated, while one replaces
# another) as HTTP basic auth in the URL the service is given. Without it every post is
# refused (bounces.webhooks). Postmark, Amazon SES (SNS) and Brevo are authenticated by it
# alone; the services that also sign their posts are refused until their key is set below.
ANYMAIL = {
    "WEBHOOK_SECRET": [
        secret.strip()
        for secret in os.environ.get("ANYMAIL_WEBHOOK_SECRET", "").split(",")
        if secret.strip()
    ],
    # Confirming an SNS subscription automatically takes boto3, which the portal does not
    # install: confirm it by hand in AWS's console, where its first post is shown.
    "AMAZON_SES_AUTO_CONFIRM_SNS_SUBSCRIPTIONS": False,
}
# Only if set: an empty Mailgun key would be an HMAC key anyone can sign with.
for _name in (
    "MAILGUN_WEBHOOK_SIGNING_KEY",
    "SENDGRID_TRACKING_WEBHOOK_VERIFICATION_KEY",
    "POSTAL_WEBHOOK_KEY",
    "MAILERSEND_SIGNING_SECRET",
    "MANDRILL_WEBHOOK_KEY",
):
    if os.environ.get(_name):
        ANYMAIL[_name] = os.environ[_name]

# Webhooks: each attempt's time in all (seconds); how long the log of delivered messages is
# kept (days); and whether endpoints may be on loopback, over http too (development and tests
# only: in production every address private to a network is refused, webhooks.addresses).
WEBHOOKS_TIMEOUT = float(os.environ.get("WEBHOOKS_TIMEOUT", "5"))
WEBHOOKS_LOG_DAYS = int(os.environ.get("WEBHOOKS_LOG_DAYS", "30"))
WEBHOOKS_ALLOW_LOOPBACK = False

# Updates to signers (reportbacks) queued per minute, across every campaign: 600 keeps a large
# campaign's update within an hour or two without looking like a burst to receiving servers.
REPORT_BACK_EMAILS_PER_MINUTE = int(os.environ.get("REPORT_BACK_EMAILS_PER_MINUTE", "600"))

# The OSDI API (osdi): a client sending this many wrong tokens within the window (seconds) is
# refused for the rest of it; pages hold at most OSDI_MAX_PAGE_SIZE records; a push to another
# system's OSDI endpoint waits this many seconds for an answer before it is tried again later.
OSDI_FAILED_TOKEN_LIMIT = 10
OSDI_FAILED_TOKEN_WINDOW = 15 * 60
OSDI_MAX_PAGE_SIZE = 100
OSDI_PUSH_TIMEOUT = 10
