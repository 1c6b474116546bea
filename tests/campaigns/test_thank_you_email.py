"""The thank-you email has its own subject and words in each language, the campaign's share
links and a copy of the supporter's message; sent by the mail worker to a real SMTP peer on
loopback, and read back as a mail client would."""

import email
import email.policy
from urllib.parse import quote

import pytest
from aiosmtpd.controller import Controller
from wagtail_localize.models import StringSegment, TranslationSource

from tests.servers import free_port

MESSAGE = "Dear Chief Executive,\nPlease respect our rights."


class Recorder:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 OK"


@pytest.fixture
def smtp(settings):
    """A real SMTP server on loopback, and the portal's SMTP backend pointed at it."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
    recorder = Recorder()
    server = Controller(recorder, hostname="127.0.0.1", port=settings.EMAIL_PORT)
    server.start()
    yield recorder
    server.stop()


def thank_you_sent(client, page, post, deliver, smtp):
    """Sign `page` as the supporter of `post`; the thank-you the worker sent them: (subject,
    text, html)."""
    response = client.post(page.url, post, follow=True)
    assert response.status_code == 200
    deliver()
    [message] = [m for m in smtp.messages if m["To"] == post["email"]]
    # As a mail client shows it: lines end in CRLF on the wire.
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    html = message.get_body(("html",)).get_content().replace("\r\n", "\n")
    # A long encoded subject is folded onto the next line; clients drop the fold's space.
    return str(message["Subject"]).strip(), text, html


def write_email(page, subject, body):
    page.thank_you_email_subject = subject
    page.thank_you_email_body = body
    page.save_revision().publish()


@pytest.mark.django_db
def test_the_editors_subject_and_words_with_share_links_and_a_copy_of_the_letter(
    client, campaign, valid_post, deliver, smtp
):
    write_email(
        campaign,
        "You signed: what happens next",
        "Dear friend,\n\nWe hand the letters to the Chief Executive on Friday.",
    )

    subject, text, html = thank_you_sent(client, campaign, valid_post, deliver, smtp)

    assert subject == "You signed: what happens next"
    assert "Dear friend,\n\nWe hand the letters to the Chief Executive on Friday." in text
    assert "<p>Dear friend,</p>" in html
    # Not the page's own thank-you text any more.
    assert "Thank you for signing." not in text
    # Every share link, to the page the supporter signed at.
    url = campaign.full_url
    assert (
        f"Share on WhatsApp\nhttps://wa.me/?text={quote(campaign.title)}%20{quote(url, safe='')}"
        in text
    )
    assert f"https://t.me/share/url?url={quote(url, safe='')}" in text
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={quote(url, safe="")}"' in html
    for label in ("Share by email", "Share on Telegram", "Share on X", "Share on LINE"):
        assert label in text and label in html
    # The letter, as they wrote it.
    assert f"Your message, for you to keep:\n\n{MESSAGE}" in text
    assert "Dear Chief Executive,<br>Please respect our rights." in html


@pytest.mark.django_db
def test_each_language_gets_its_translated_email(
    client, campaign, zh_homes, translate, valid_post, deliver, smtp
):
    write_email(campaign, "You signed", "We hand the letters over on Friday.")
    translated = {
        "zh-hant": translate(
            campaign,
            "zh-hant",
            {
                "You signed": "你已聯署",
                "We hand the letters over on Friday.": "我們星期五遞交信件。",
            },
        ),
        "zh-hans": translate(
            campaign,
            "zh-hans",
            {
                "You signed": "您已签名",
                "We hand the letters over on Friday.": "我们星期五递交信件。",
            },
        ),
    }

    hant = thank_you_sent(client, translated["zh-hant"], valid_post, deliver, smtp)
    hans = thank_you_sent(
        client, translated["zh-hans"], {**valid_post, "email": "b@example.org"}, deliver, smtp
    )

    assert hant[0] == "你已聯署"
    assert "我們星期五遞交信件。" in hant[1]
    assert "分享到 WhatsApp" in hant[1] and "請朋友一起採取行動" in hant[2]
    assert quote(translated["zh-hant"].full_url, safe="") in hant[1]
    assert MESSAGE in hant[1]
    assert hans[0] == "您已签名"
    assert "我们星期五递交信件。" in hans[1]
    assert "请朋友一起采取行动" in hans[2]
    assert quote(translated["zh-hans"].full_url, safe="") in hans[1]
    assert "We hand the letters" not in hant[1] + hans[1]


@pytest.mark.django_db
def test_left_empty_it_says_thank_you_and_asks_to_share(
    client, campaign, zh_campaigns, valid_post, deliver, smtp
):
    campaign.form_fields.filter(clean_name="your_message").update(required=False)
    campaign.save_revision().publish()

    subject, text, _html = thank_you_sent(
        client, campaign, {**valid_post, "your_message": ""}, deliver, smtp
    )

    assert subject == f"Thank you for taking action: {campaign.title}"
    assert "Thank you for signing. Every signature makes our call harder to ignore" in text
    assert "Share on WhatsApp" in text
    assert "Your message" not in text  # nothing written, nothing to copy
    # The default subject is in the supporter's language.
    zh_subject, _text, _html = thank_you_sent(
        client, zh_campaigns["zh-hant"], {**valid_post, "email": "c@example.org"}, deliver, smtp
    )
    assert zh_subject == f"感謝你採取行動：{zh_campaigns['zh-hant'].title}"


@pytest.mark.django_db
def test_translators_get_the_subject_and_text_as_segments(campaign):
    write_email(campaign, "You signed", "We hand the letters over on Friday.")

    source, _created = TranslationSource.update_or_create_from_instance(campaign)

    segments = dict(
        StringSegment.objects.filter(source=source).values_list("context__path", "string__data")
    )
    assert segments["thank_you_email_subject"] == "You signed"
    assert segments["thank_you_email_body"] == "We hand the letters over on Friday."
