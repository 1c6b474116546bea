"""Signing: what is stored, what is emailed, what the supporter sees."""

from django.core import mail
from django.test import Client

from campaigns.models import CampaignSubmission


def sign(client, page, data, deliver):
    response = client.post(page.url, data, follow=True)
    deliver()
    return response


def team_emails(campaign):
    return [message for message in mail.outbox if message.to == [campaign.to_address]]


def test_valid_signature_is_stored_once_and_emailed_once(client, campaign, valid_post, deliver):
    response = sign(client, campaign, valid_post, deliver)

    assert response.status_code == 200
    submission = CampaignSubmission.objects.get()
    assert submission.form_data == {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "ada@example.org",
        "country": "United Kingdom",
        "your_message": "Dear Chief Executive,\nPlease respect our rights.",
        "i_agree_to_be_contacted": True,
    }
    assert submission.page_id == campaign.pk
    assert submission.campaign_key == campaign.translation_key
    assert submission.language == "en"

    assert len(team_emails(campaign)) == 1
    email = team_emails(campaign)[0]
    assert email.subject == f"New signature: {campaign.title}"
    assert "First name: Ada" in email.body
    assert "Your message: Dear Chief Executive,\nPlease respect our rights." in email.body
    assert "I agree to be contacted: Yes" in email.body
    assert "Language: English" in email.body


def test_supporter_sees_thank_you_and_other_open_campaigns(client, campaign, valid_post, deliver):
    from tests.factories import CampaignPageFactory

    other = CampaignPageFactory(parent=campaign.get_parent(), title="Free the journalists")
    CampaignPageFactory(parent=campaign.get_parent(), title="An old closed one", closed=True)
    CampaignPageFactory(parent=campaign.get_parent(), title="A draft", live=False)

    response = sign(client, campaign, valid_post, deliver)

    html = response.content.decode()
    assert "Thank you for signing." in html
    assert other.url in html
    assert "An old closed one" not in html
    assert "A draft" not in html
    assert '<form class="action-form"' not in html


def test_chinese_and_emoji_survive_storage_and_email(client, campaign, valid_post, deliver):
    message = "請尊重香港人的權利 ✊🏽 请尊重 🇭🇰"
    sign(
        client,
        campaign,
        {**valid_post, "first_name": "陳大文", "your_message": message},
        deliver,
    )

    submission = CampaignSubmission.objects.get()
    submission.refresh_from_db()
    assert submission.form_data["first_name"] == "陳大文"
    assert submission.form_data["your_message"] == message
    email = team_emails(campaign)[0]
    assert "First name: 陳大文" in email.body
    assert message in email.body
    html_body, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert message in html_body


SCRIPT = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def test_script_is_escaped_in_the_email(client, campaign, valid_post, deliver):
    sign(
        client,
        campaign,
        {**valid_post, "first_name": SCRIPT, "your_message": SCRIPT},
        deliver,
    )

    email = team_emails(campaign)[0]
    # The plain-text part carries the text as typed; only HTML can run it, and there it is escaped.
    assert f"First name: {SCRIPT}" in email.body
    html_body = email.alternatives[0][0]
    assert SCRIPT not in html_body
    assert ESCAPED in html_body


def test_script_is_escaped_when_the_form_is_redisplayed(client, campaign, valid_post):
    response = client.post(
        campaign.url, {**valid_post, "country": SCRIPT, "email": "nope"}, follow=True
    )

    html = response.content.decode()
    assert SCRIPT not in html
    assert ESCAPED in html
    assert not CampaignSubmission.objects.exists()


def test_script_is_escaped_in_the_admin_submissions_list(
    admin_client, campaign, valid_post, deliver
):
    sign(
        client=admin_client,
        page=campaign,
        data={**valid_post, "country": SCRIPT},
        deliver=deliver,
    )

    response = admin_client.get(f"/admin/forms/submissions/{campaign.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert SCRIPT not in html
    assert ESCAPED in html


def test_the_request_only_queues_mail_and_the_worker_sends_it(
    client, campaign, valid_post, deliver
):
    from django_tasks_db.models import DBTaskResult

    client.post(campaign.url, valid_post, follow=True)

    assert CampaignSubmission.objects.count() == 1
    assert mail.outbox == []
    # One task with both emails, the team's and the supporter's.
    assert DBTaskResult.objects.ready().count() == 1

    deliver()
    assert len(mail.outbox) == 2
    deliver()
    assert len(mail.outbox) == 2  # each sent once


def test_a_signature_and_its_emails_are_stored_together_or_not_at_all(
    client, campaign, valid_post, monkeypatch
):
    from django_tasks_db.models import DBTaskResult

    from campaigns.outbox import tasks

    def broken_queue(*args):
        raise RuntimeError("the outbox is unavailable")

    monkeypatch.setattr(tasks, "queue_for_signature", broken_queue)
    client.raise_request_exception = False

    response = client.post(campaign.url, valid_post, follow=True)

    assert response.status_code == 500
    assert not CampaignSubmission.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_supporter_gets_a_thank_you_email(client, campaign, valid_post, deliver):
    sign(client, campaign, valid_post, deliver)

    [email] = [message for message in mail.outbox if message.to == ["ada@example.org"]]
    assert email.subject == f"Thank you for taking action: {campaign.title}"
    assert "Thank you for signing. Every signature makes our call harder" in email.body
    assert campaign.full_url in email.body


def test_no_thank_you_email_when_the_campaign_turns_it_off(client, campaign, valid_post, deliver):
    campaign.send_thank_you_email = False
    campaign.save_revision().publish()

    sign(client, campaign, valid_post, deliver)

    assert [message.to for message in mail.outbox] == [[campaign.to_address]]


def test_after_signing_the_thanks_has_its_own_cacheable_address(client, campaign, valid_post):
    """POST, redirect, GET: a reload does not send the form again, and the thanks page can be
    cached like the campaign page (it carries nothing about the supporter)."""
    response = client.post(campaign.url, valid_post)

    assert response.status_code == 303
    assert response["Location"] == f"{campaign.url}thank-you/"
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert b'id="thank-you-heading"' in thanks.content
    assert b"Ada" not in thanks.content and b"ada@example.org" not in thanks.content
    client.get(response["Location"])  # reloading it
    assert CampaignSubmission.objects.count() == 1
    assert "/thank-you/" in campaign.get_cached_paths()  # purged with the page


def test_errors_are_answered_in_place_with_what_was_typed(client, campaign, valid_post):
    response = client.post(campaign.url, {**valid_post, "email": "not-an-address"})

    assert response.status_code == 200
    assert b"not-an-address" in response.content
    assert not CampaignSubmission.objects.exists()


def test_the_thank_you_email_links_to_the_address_the_supporter_used(
    campaign, valid_post, deliver
):
    # Under `make run` the demo Site says localhost:80 while supporters use 127.0.0.1:8000.
    client = Client(HTTP_HOST="127.0.0.1:8000")
    sign(client, campaign, valid_post, deliver)

    [email] = [message for message in mail.outbox if message.to == ["ada@example.org"]]
    assert f"http://127.0.0.1:8000{campaign.url}" in email.body
    assert f'href="http://127.0.0.1:8000{campaign.url}"' in email.alternatives[0][0]


def test_the_worker_writes_each_email_from_the_page_as_last_published(
    client, campaign, valid_post, deliver
):
    # The worker keeps a campaign's page and fields between emails (campaigns.outbox.messages):
    # a publish in between must show in the next email.
    client.post(campaign.url, valid_post)
    deliver()
    campaign.thank_you_email_body = "Thank you, and tell a friend."
    campaign.save_revision().publish()
    client.post(campaign.url, {**valid_post, "email": "second@example.org"})
    deliver()

    first, second = (
        next(m for m in mail.outbox if m.to == [address])
        for address in ("ada@example.org", "second@example.org")
    )
    assert "tell a friend" not in first.body
    assert "tell a friend" in second.body
