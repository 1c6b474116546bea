"""Who signed: one signature per person per campaign, whatever the spelling of their address."""

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


def normalise_email(address):
    """The key that identifies a supporter: lower case, IDNA domain, provider aliases folded."""
    if not address or "@" not in address:
        return None
    local, _at, domain = address.strip().rpartition("@")
    try:
        domain = domain.strip().rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError:
        domain = domain.strip().lower()
    local = local.lower()
    if domain in IGNORE_DOTS_AND_TAGS or domain in IGNORE_TAGS:
        local = local.split("+", 1)[0]
    if domain in IGNORE_DOTS_AND_TAGS:
        local = local.replace(".", "")
    domain = CANONICAL_DOMAIN.get(domain, domain)
    return f"{local}@{domain}"
