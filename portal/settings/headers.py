"""What browsers may load and use on our pages: part of the settings shared by every environment
(portal.settings.base imports it). Campaign pages hold what supporters type, so they run no
script of anyone else's but reCAPTCHA's, and may be framed by nobody (partners' sign forms are
the exception, campaigns.signing.partners)."""

# Public pages run no inline script and load scripts only from here and reCAPTCHA; the Wagtail
# admin, which needs inline scripts, is left out. Inline style attributes are allowed (embeds).
_RECAPTCHA_SOURCES = [
    "https://www.google.com/recaptcha/",
    "https://www.gstatic.com/recaptcha/",
    "https://www.recaptcha.net/recaptcha/",
]
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/documents/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *_RECAPTCHA_SOURCES],
        "frame-src": [
            *_RECAPTCHA_SOURCES,
            "https://recaptcha.google.com/recaptcha/",
            "https://www.youtube.com/",
            "https://www.youtube-nocookie.com/",
            "https://player.vimeo.com/",
        ],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}

# Browser features no page needs are switched off for the page and anything it frames; videos
# embedded from YouTube and Vimeo may still play full screen.
_VIDEO_ORIGINS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": _VIDEO_ORIGINS,
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": _VIDEO_ORIGINS,
    "fullscreen": ["self", *_VIDEO_ORIGINS],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": _VIDEO_ORIGINS,
    "serial": [],
    "usb": [],
}
