"""Settings shared by every environment.

Safe on its own: DEBUG is off and nothing secret has a default here. `dev` relaxes it for a
laptop, `production` reads the rest from the environment.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "home",
    "reportbacks",
    "campaigns",
    # Before caching: its receivers invalidate the cached settings before pages are purged.
    "organisation",
    "promote",
    "publishing",
    "osdi",
    "bounces",
    "webhooks",
    "caching",
    "django_tasks_db",
    # The email services' tracking webhooks (bounces.webhooks); its start-up checks.
    "anymail",
    "django_recaptcha",
    # Its catalogs name the countries of the Country form field in Chinese too.
    "django_countries",
    "axes",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
]
# Widgets render through TEMPLATES, so templates/ can override a package's widget templates.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    # HTML and other text compressed for slow networks, on the way out of everything below,
    # stored pages included (caching/compression.py says why this is safe here).
    "caching.compression.CompressionMiddleware",
    # Stored pages are answered here, before the rest: what every middleware below adds is
    # stored with them, so a stored page is the response Django sent (portal/asgi.py serves it
    # as it is, or its compressed copy).
    # It skips static files (STATIC_URL, MEDIA_URL), which WhiteNoise answers.
    "caching.pages.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # No page of ours uses the camera and the like (stored pages keep the header).
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's, but an API's 404 is not redirected under a language prefix.
    "portal.locale_middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed logins for a username from one address lock it out for an hour. The address is the
# client's, behind TRUSTED_PROXIES, as rate limits see it.
AXES_CLIENT_IP_CALLABLE = "portal.clients.client_address"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# The Content-Security-Policy and Permissions-Policy headers, in a module of their own.
from .headers import *  # noqa: E402, F403

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organisation.context_processors.site_name",
            ],
        },
    },
]

# SQLite unless DATABASE_URL names another database (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent signatures on SQLite: wait for the write lock instead of failing, take it at the
    # start of each transaction (no deadlocked upgrades), and let readers run beside a writer.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One process's memory unless REDIS_URL names a Redis shared by every web process.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        # django-redis keeps one client per server; Django's own backend builds a new client on
        # every call, which cost about half of a cached page's time.
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        # A stalled Redis must not hold every worker for the default of no timeout at all.
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }
# Each process's own memory (caching.local): what is cached with the routes (page fragments, the
# language switcher), keyed by the route generation that every request reads from the shared
# cache, so as current as a copy in Redis and without the round trip; and counts for
# PAGE_CACHE_LOCAL_SECONDS.
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "this-process",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

# Anonymous readers get campaign and home pages from the cache (caching.pages); purges on
# publish, on closing and when counts change keep them current. 0 turns the cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
# ...and each web process keeps its own copy this long, sparing Redis a round trip per view; a
# purge reaches another process's copy at most this late. 0 turns it off.
PAGE_CACHE_LOCAL_SECONDS = int(os.environ.get("PAGE_CACHE_LOCAL_SECONDS", "2"))
# Which page a URL leads to (caching.routes): invalidated when the tree changes, and after
# this long at most. 0 turns it off.
ROUTE_CACHE_SECONDS = int(os.environ.get("ROUTE_CACHE_SECONDS", "60"))
# Wagtail's frontend cache purges our page cache, and a CDN in front of it if one is named:
# FRONTEND_CACHE_PURGE_URL for Varnish/Fastly-style HTTP PURGE, or Cloudflare's zone and token.
WAGTAILFRONTENDCACHE = {"pages": {"BACKEND": "caching.pages.PageCacheBackend"}}
# Each language's page is purged by name (caching.purge); Wagtail need not repeat
# every URL under every language prefix.
WAGTAILFRONTENDCACHE_LANGUAGES = []
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["cdn"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cdn"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONEID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

from .languages import *  # noqa: E402, F403 (the languages, in a module of their own)

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Images: templates name their formats (`{% responsive_picture %}`, home/templatetags/
# picture_tags.py: AVIF, WebP and a JPEG or PNG fallback). Where a tag names none (a link
# preview's image, which LINE, WhatsApp and Facebook fetch, and not all of them read AVIF or
# WebP), an AVIF or WebP upload is served as JPEG (on white where it was transparent).
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "jpeg", "webp": "jpeg"}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Mail: the console unless EMAIL_HOST names an SMTP server.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "campaigns@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Tasks. "outbox" holds the emails a signature sends: rows in the database, written in the same
# transaction as the signature and sent by a worker (`manage.py db_worker --backend outbox`),
# so a mail outage never loses or blocks a signature. "default" is Wagtail's own background
# work, in-process unless TASKS_BACKEND names another backend.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    },
    "outbox": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    # Messages to the organisation's webhook endpoints (webhooks.sending), queued in the same
    # transaction as what they report and sent by a worker of their own (`manage.py db_worker
    # --backend webhooks`): a slow receiver never holds up the emails.
    "webhooks": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
# Wagtail's project template raises this to 10,000 for large editor forms; a campaign page
# with a long StreamField and many form fields needs more than Django's 1,000 too, but the
# public form stays small, so a moderate cap keeps hostile posts cheap.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5_000

# Empty SITE_NAME: pages show "Campaigns portal" translated into the reader's language.
SITE_NAME = os.environ.get("SITE_NAME", "")
# The admin's too: lazy, so an editor whose admin is in Chinese reads it in Chinese (the same
# msgid as organisation.context_processors', so one translation serves both).
WAGTAIL_SITE_NAME = SITE_NAME or gettext_lazy("Campaigns portal")
# The dashboard's "Wagtail upgrade available" banner asks an outside server from every editor's
# browser (and is in English): upgrades are the developers' business, through pyproject.toml.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Nor Gravatar: every admin page would send each editor's email hash to gravatar.com from their
# browser, telling an outside service who edits a Hong Kong campaign, and when. Wagtail draws
# its own avatar (or the one uploaded under Account) instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail 8's autosave is off: pages are saved when the editor says so. Autosaving posted the
# editor while "Save schedule" was on its way, and one of the two was refused ("You saved a new
# version in another window"): the schedule was lost and the draft never went live. It also
# stored go-live times nobody had saved, and warned of errors on pages still being written.
# Nothing else protects the schedule: Wagtail has no per-model switch, so this is site-wide.
WAGTAIL_AUTOSAVE_INTERVAL = 0

# reCAPTCHA on action forms: on when both keys are set, unless RECAPTCHA_ENABLED says otherwise.
RECAPTCHA_PUBLIC_KEY = os.environ.get("RECAPTCHA_PUBLIC_KEY", "")
RECAPTCHA_PRIVATE_KEY = os.environ.get("RECAPTCHA_PRIVATE_KEY", "")
RECAPTCHA_ENABLED = os.environ.get(
    "RECAPTCHA_ENABLED", str(bool(RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY))
).lower() in ("1", "true", "yes")
RECAPTCHA_VERSION = os.environ.get("RECAPTCHA_VERSION", "v2")  # "v2" (checkbox) or "v3" (score)
RECAPTCHA_REQUIRED_SCORE = float(os.environ.get("RECAPTCHA_REQUIRED_SCORE", "0.5"))
# www.recaptcha.net is reachable from mainland China, www.google.com is not.
RECAPTCHA_DOMAIN = (
    "www.recaptcha.net"
    if os.environ.get("RECAPTCHA_USE_RECAPTCHA_NET", "").lower() in ("1", "true", "yes")
    else "www.google.com"
)
RECAPTCHA_VERIFY_REQUEST_TIMEOUT = 3

# Signing: form tokens and rates (campaigns.signing.tokens, .ratelimits, .quarantine) and the size
# of a post. What is suspicious is held for review, not refused.
# A reader's form token younger than this is held ("too fast"); older than the hours, expired.
SIGNING_MIN_FILL_SECONDS = int(os.environ.get("SIGNING_MIN_FILL_SECONDS", "3"))
SIGNING_TOKEN_HOURS = 24
# Per connection, the campaign's own setting (signatures_per_connection), else this many a
# minute; a network (/24, /64) may have this many times as many before it is held, and
# a client this many times as many before it is refused outright (it is flooding the database).
SIGNING_COUNT_RATES = True
SIGNING_PER_CONNECTION = 10
SIGNING_NETWORK_FACTOR = 3
SIGNING_REFUSE_FACTOR = 12
# More than this a minute to one campaign, in every language, are held: a surge to review.
SIGNING_HOLD_CAMPAIGN_PER_MINUTE = int(os.environ.get("SIGNING_HOLD_CAMPAIGN_PER_MINUTE", "1200"))
# The team is emailed when, in an hour, at least this many of a campaign's signatures are held
# and they are at least this share of its signatures; once every few hours at most.
QUARANTINE_ALERT_MINIMUM = 20
QUARANTINE_ALERT_SHARE = 0.25
QUARANTINE_ALERT_HOURS = 6
# Double opt-in: how long a confirmation link works; unconfirmed signatures are deleted after it.
SIGNATURE_CONFIRMATION_DAYS = int(os.environ.get("SIGNATURE_CONFIRMATION_DAYS", "7"))
# Those who have not confirmed this many hours after signing are reminded, once, with a new link
# (campaigns.team.reminders, run by the scheduler).
SIGNATURE_CONFIRMATION_REMINDER_HOURS = int(
    os.environ.get("SIGNATURE_CONFIRMATION_REMINDER_HOURS", "24")
)
# "Send the link again" (campaigns.signing.resend): at most this many an hour for one address,
# and for one client, whichever address it types.
CONFIRMATION_RESENDS_PER_ADDRESS_HOUR = 3
CONFIRMATION_RESENDS_PER_CLIENT_HOUR = 10
# The mail outbox keeps a copy of each email (answers, addresses): deleted this long after sending.
SENT_EMAIL_DAYS = int(os.environ.get("SENT_EMAIL_DAYS", "7"))
# A mail task still running after this long lost its worker: it is made ready again
# (campaigns.outbox.leases).
OUTBOX_LEASE_SECONDS = int(os.environ.get("OUTBOX_LEASE_SECONDS", "300"))
SIGNING_MAX_BODY_BYTES = 128 * 1024
# The web server's front (portal/asgi.py) reads every request body before Django sees it: at
# most this many bytes (an editor's image or document upload; larger is refused with 413), and
# within FRONT_BODY_TIMEOUT seconds plus one per FRONT_BODY_MIN_RATE bytes received (408 after),
# as Apache's mod_reqtimeout `body=10,MinRate=1000`.
FRONT_MAX_BODY_BYTES = int(os.environ.get("FRONT_MAX_BODY_BYTES", str(64 * 1024 * 1024)))
# Outside the admin (anyone's posts: a signature is at most SIGNING_MAX_BODY_BYTES) much less.
FRONT_MAX_PUBLIC_BODY_BYTES = 1024 * 1024
FRONT_BODY_TIMEOUT = float(os.environ.get("FRONT_BODY_TIMEOUT", "10"))
FRONT_BODY_MIN_RATE = float(os.environ.get("FRONT_BODY_MIN_RATE", "1000"))
# Supporters' answers and consent, and the emails waiting in the outbox, are encrypted at rest
# (portal.encryption): Fernet keys, comma-separated, the first encrypting and every one
# decrypting (`manage.py rotate_encryption_keys` moves everything to the first). The key of the
# keyed hash that recognises a supporter (one signature per person) is separate, and is never
# rotated by that command: changing it would let everyone sign again.
PORTAL_ENCRYPTION_KEYS = [
    key.strip() for key in os.environ.get("PORTAL_ENCRYPTION_KEYS", "").split(",") if key.strip()
]
PORTAL_HASH_KEY = os.environ.get("PORTAL_HASH_KEY", "")
# How many proxies in front of the web server append to X-Forwarded-For (portal.clients).
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# The Country form field lists Hong Kong first: the campaigns are about it and most supporters
# are there. Otherwise 250 names, which in Chinese cannot be reached by typing a first letter.
COUNTRIES_FIRST = ["HK"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "campaigns": {"handlers": ["console"], "level": "INFO"},
        "portal": {"handlers": ["console"], "level": "INFO"},
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# What leaves the portal for other systems after a signature: bounces heard, webhooks, updates
# to signers, the OSDI API (a module of its own).
from .after_signature import *  # noqa: E402, F403
