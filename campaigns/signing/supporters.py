"""Who signed: one signature per person per campaign, whatever the spelling of their address."""

from portal.encryption import keyed_hash

from .text import without_format_characters

# Providers that deliver "j.doe+news@gmail.com" to "jdoe@gmail.com": dots and +tags are ignored.
IGNORE_DOTS_AND_TAGS = {"gmail.com", "googlemail.com"}
# Providers with +tag sub-addressing, where dots do matter.
IGNORE_TAGS = {
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "fastmail.com",
    "fastmail.fm",
    "proton.me",
    "protonmail.com",
    "pm.me",
    "yahoo.com",
    "hey.com",
    "qq.com",
}
CANONICAL_DOMAIN = {"googlemail.com": "gmail.com"}


def idna_domain(domain):
    """The domain as DNS and SMTP know it: ASCII (IDNA), lower case, no final dot; None if it
    cannot be one."""
    try:
        return domain.strip().rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None


def with_idna_domain(address):
    """The address as the supporter typed its local part, with its domain in IDNA form."""
    local, _at, domain = without_format_characters(address).strip().rpartition("@")
    return f"{local}@{idna_domain(domain) or domain}"


def normalise_email(address):
    """The key that identifies a supporter: lower case, IDNA domain, provider aliases folded,
    invisible characters dropped."""
    address = without_format_characters(address or "")
    if "@" not in address:
        return None
    local, _at, domain = address.strip().rpartition("@")
    domain = idna_domain(domain) or domain.strip().lower()
    local = local.lower()
    if domain in IGNORE_DOTS_AND_TAGS or domain in IGNORE_TAGS:
        local = local.split("+", 1)[0]
    if domain in IGNORE_DOTS_AND_TAGS:
        local = local.replace(".", "")
    domain = CANONICAL_DOMAIN.get(domain, domain)
    return f"{local}@{domain}"


def supporter_key(address):
    """What a signature stores to recognise its supporter: a keyed hash of the normalised
    address (portal.encryption), never the address; None without one."""
    normalised = normalise_email(address)
    return None if normalised is None else keyed_hash(normalised)
