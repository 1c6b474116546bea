"""Supporters' data encrypted at rest, and the keyed hash that recognises a supporter.

What a supporter sent is stored encrypted with Fernet (cryptography's AES-128-CBC with an
HMAC-SHA256 over it: authenticated, a fresh IV each time), under keys from the environment:
PORTAL_ENCRYPTION_KEYS, comma-separated, the first encrypting and all of them decrypting
(MultiFernet). A stolen database or backup holds only ciphertext. `manage.py
rotate_encryption_keys` re-encrypts everything under the first key, after which an older key
can be dropped.

Fernet rather than AES-GCM: a Fernet token is a whole, versioned format with its IV and MAC
inside, and MultiFernet decrypts with any of several keys and rotates a token to the first,
which is exactly what key rotation needs. AES-GCM would be smaller and faster, but we would
write the format, key identifiers and nonce handling ourselves (a nonce repeated under one key
loses both confidentiality and integrity). The cost is small beside a signature's other work:
about 12 µs to encrypt or decrypt a signature's answers here, stored in about twice the bytes
(177 bytes of JSON become a 332-byte token).

Who signed is recognised by a keyed hash of the normalised address (HMAC-SHA256 under
PORTAL_HASH_KEY), never the address. That key is its own: not SECRET_KEY, which every web
process holds and which is rotated for other reasons (sessions, links), so a leaked SECRET_KEY
alone does not let anyone test addresses against the database; and not an encryption key, so
rotating those leaves every hash, and so the one-signature-per-person check, as it was.

The model fields below keep reading code as it was: `submission.form_data` is a dict, and
`values_list("form_data")` gives dicts too. The database sees only text it cannot search, so
they refuse lookups other than `isnull`: a filter on an answer fails loudly instead of matching
nothing.
"""

import functools
import hashlib
import hmac
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

__all__ = ["InvalidToken"]


def encryption_keys():
    keys = settings.PORTAL_ENCRYPTION_KEYS
    if isinstance(keys, str):
        keys = keys.split(",")
    keys = tuple(key.strip() for key in keys if key.strip())
    if not keys:
        raise ImproperlyConfigured(
            "PORTAL_ENCRYPTION_KEYS is empty: supporters' data cannot be encrypted."
        )
    return keys


@functools.lru_cache(maxsize=8)
def _fernets(keys):
    try:
        each = [Fernet(key) for key in keys]
    except ValueError:
        raise ImproperlyConfigured(
            "PORTAL_ENCRYPTION_KEYS must be Fernet keys (32 bytes, URL-safe base64), "
            "comma-separated."
        ) from None
    return MultiFernet(each), each[0]


def cipher():
    """The MultiFernet of every key: the first encrypts, all decrypt."""
    return _fernets(encryption_keys())[0]


def is_current(token):
    """Whether a token was encrypted with the first key (rotation leaves it alone)."""
    try:
        _fernets(encryption_keys())[1].decrypt(token.encode("ascii"))
    except InvalidToken:
        return False
    return True


def rotate(token):
    """The token re-encrypted under the first key."""
    return cipher().rotate(token.encode("ascii")).decode("ascii")


def encrypt(text):
    return cipher().encrypt(text.encode("utf-8", "surrogatepass")).decode("ascii")


def decrypt(token):
    return cipher().decrypt(token.encode("ascii")).decode("utf-8", "surrogatepass")


def encrypt_json(value, encoder=DjangoJSONEncoder):
    return encrypt(json.dumps(value, cls=encoder, ensure_ascii=False))


def decrypt_json(token):
    return json.loads(decrypt(token))


def keyed_hash(value):
    """HMAC-SHA256 of a value under PORTAL_HASH_KEY, in hex: the same for the same value, and
    nobody without the key can tell which value it was."""
    key = settings.PORTAL_HASH_KEY
    if len(key) < 32:
        raise ImproperlyConfigured("PORTAL_HASH_KEY must be at least 32 characters long.")
    message = value.encode("utf-8", "surrogatepass")
    return hmac.new(key.encode("utf-8"), message, hashlib.sha256).hexdigest()


class EncryptedField:
    """What both fields share: ciphertext in a text column, no lookups but `isnull`."""

    def get_internal_type(self):
        return "TextField"

    def get_lookup(self, lookup_name):
        return super().get_lookup(lookup_name) if lookup_name == "isnull" else None

    def get_transform(self, name):
        return None


class EncryptedTextField(EncryptedField, models.TextField):
    def from_db_value(self, value, expression, connection):
        return None if value is None else decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return None if value is None else encrypt(value)


class EncryptedJSONField(EncryptedField, models.Field):
    """A JSON value (Wagtail's form_data: a dict of answers), stored encrypted."""

    def __init__(self, *args, encoder=DjangoJSONEncoder, **kwargs):
        self.encoder = encoder
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.encoder is not DjangoJSONEncoder:
            kwargs["encoder"] = self.encoder
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return None if value is None else decrypt_json(value)

    def get_prep_value(self, value):
        return None if value is None else encrypt_json(value, self.encoder)

    def to_python(self, value):
        return value

    def value_to_string(self, obj):
        return self.value_from_object(obj)
