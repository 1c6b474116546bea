"""The editor's screens, in English and with the admin in Chinese, and the test send."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from reportbacks.models import AutomaticReportBacks, Recipient, ReportBack, Status

pytestmark = pytest.mark.django_db


def viewset_url(name, *args):
    return reverse(ReportBack.snippet_viewset.get_url_name(name), args=args)


@pytest.fixture(params=["en", "zh-hant"])
def editor(request, admin_user, admin_client):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = request.param
    profile.save()
    admin_client.language = request.param
    return admin_client


def test_the_screens_render(editor, campaign, zh_campaigns, update, translate):
    translate(update, "zh-hant")
    AutomaticReportBacks.objects.create(campaign=campaign, on_closed=True)
    automatic = AutomaticReportBacks.snippet_viewset
    urls = [
        viewset_url("list"),
        viewset_url("list") + f"?campaign_key={campaign.translation_key}",
        viewset_url("list") + "?campaign_key=not-a-key",
        viewset_url("add"),
        viewset_url("edit", update.pk),
        viewset_url("send", update.pk),
        reverse(automatic.get_url_name("list")),
        reverse(automatic.get_url_name("add")),
        reverse("wagtailadmin_pages:edit", args=[campaign.pk]),
    ]
    for url in urls:
        response = editor.get(url)
        assert response.status_code == 200, url
        assert f'lang="{editor.language}"' in response.content.decode(), url
    send = editor.get(viewset_url("send", update.pk)).content.decode()
    # zh-hans has no translation: the screen says which words its supporters get.
    assert send.count("data-untranslated") == 1
    page = editor.get(reverse("wagtailadmin_pages:edit", args=[campaign.pk])).content.decode()
    assert f"campaign_key={campaign.translation_key}" in page


def test_a_test_goes_to_the_editor_only(
    admin_client, admin_user, campaign, signer, update, smtp, deliver
):
    signer(campaign, "ada@example.org")
    deliver()
    smtp.messages.clear()
    response = admin_client.post(viewset_url("send", update.pk), {"action": "test"})
    assert response.status_code == 302
    deliver()
    (message,) = smtp.messages
    assert message["To"] == admin_user.email
    assert message["Subject"] == "[Test] The office replied"
    assert message["List-Unsubscribe"]
    assert not Recipient.objects.exists()
    assert ReportBack.objects.get(pk=update.pk).status == Status.DRAFT


def test_schedule_send_now_and_cancel(admin_client, campaign, signer, update):
    signer(campaign, "ada@example.org")
    url = viewset_url("send", update.pk)
    later = timezone.localtime() + timezone.timedelta(days=1)
    admin_client.post(url, {"action": "schedule", "send_at": later.strftime("%Y-%m-%d %H:%M")})
    update.refresh_from_db()
    assert update.status == Status.SCHEDULED
    admin_client.post(url, {"action": "unschedule"})
    update.refresh_from_db()
    assert (update.status, update.send_at) == (Status.DRAFT, None)
    admin_client.post(url, {"action": "send_now"})
    update.refresh_from_db()
    assert update.status == Status.SCHEDULED and update.send_at <= timezone.now()
    response = admin_client.post(url, {"action": "schedule", "send_at": "not a date"})
    assert response.status_code == 200


def test_an_editor_without_the_permission_cannot_send(client, django_user_model, update):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("viewer", "viewer@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.post(viewset_url("send", update.pk), {"action": "send_now"}).status_code in (
        302,
        403,
    )
    assert ReportBack.objects.get(pk=update.pk).status == Status.DRAFT


def test_the_editors_preview_is_the_email(admin_client, update):
    url = viewset_url("preview_on_edit", update.pk)
    data = {"campaign": update.campaign_id, "subject": "Preview subject", "body": "One.\n\nTwo."}
    assert admin_client.post(url, data).json()["is_valid"]
    html = admin_client.get(url).content.decode()
    assert "Preview subject" in html and "<p>One.</p>" in html and "<p>Two.</p>" in html
    assert "Unsubscribe" in html


@pytest.mark.parametrize("status", [Status.SENDING, Status.SENT])
def test_an_update_being_sent_or_sent_is_not_edited(
    editor, campaign, zh_campaigns, update, translate, status
):
    translated = translate(update, "zh-hant")
    update.set_state(status=status, sent_words=update.words_in_every_language())
    for instance in (update, translated):  # the translation's editor too (wagtail-localize's)
        url = viewset_url("edit", instance.pk)
        response = editor.get(url)
        assert response.status_code == 302
        assert response["Location"] == viewset_url("send", instance.pk)
        response = editor.post(url, {"subject": "Changed", "body": "Changed."})
        assert response.status_code == 302
    assert not ReportBack.objects.filter(subject="Changed").exists()
    # The screen it leads to says why, in the editor's language, and shows the words.
    page = editor.get(viewset_url("send", update.pk)).content.decode()
    assert "The office replied" in page
    with translation.override(editor.language):
        assert escape(gettext(WORDS_STAY)) in page


WORDS_STAY = (
    "This update is being sent or has been sent, so its words can no longer change. Here they "
    "are, as its supporters read them."
)


def test_an_update_being_sent_is_not_deleted(admin_client, update):
    update.set_state(status=Status.SENDING)
    response = admin_client.post(viewset_url("delete", update.pk))
    assert response.status_code == 302
    assert ReportBack.objects.filter(pk=update.pk).exists()
    update.set_state(status=Status.SENT)
    admin_client.post(viewset_url("delete", update.pk))
    assert not ReportBack.objects.filter(pk=update.pk).exists()
