"""The token in an update's unsubscribe and preferences links: one opt-in's id, signed with a
salt of its own (so no other signed value of the site opens these pages). It names the
opt-in, never the address, and does not expire: an old email's link must still unsubscribe."""

from django.core import signing

SALT = "reportbacks.opt-in"


def token_for(opt_in_id):
    return signing.Signer(salt=SALT).sign(str(int(opt_in_id)))


def opt_in_id_from(token):
    """The opt-in's id, or None for a token that was not made here (tampered, truncated)."""
    try:
        value = signing.Signer(salt=SALT).unsign(token)
    except (signing.BadSignature, ValueError, UnicodeError):
        return None
    return int(value) if value.isascii() and value.isdigit() else None
