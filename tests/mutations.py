"""`make mutations`: break each feature of the signing path on purpose and check a test fails.

A test suite that stays green with a feature removed tests nothing. Each mutation below removes
or inverts one behaviour; the tests named beside it must then fail. (mutmut does this blindly for
every operator; these are the mutations that matter, named, and fast enough for CI.)

The mutations are made in copies of the project, never in it, one copy per core (MUTATION_JOBS
to choose), each running its share of them one after another with a SQLite test database of its
own: two mutations side by side in one tree would each break the other's tests, and a run
stopped midway would leave the project broken.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a copy does without: the virtualenv is shared, the rest is made again or not needed.
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "test-artifacts", "static_collected", "__pycache__"
)

# (what breaks, file, text, replacement, tests that must fail)
MUTATIONS = [
    (
        "guards: posts from another site are accepted",
        "campaigns/signing/guards.py",
        "    if not same_origin(request):",
        "    if False:",
        "tests/campaigns/test_bots.py::test_a_post_from_another_site_is_refused_before_it_is_read",
    ),
    (
        "guards: any size is accepted",
        "campaigns/signing/guards.py",
        "    if length is None or length > settings.SIGNING_MAX_BODY_BYTES:",
        "    if False:",
        "tests/campaigns/test_bots.py::test_an_oversized_body_is_refused_before_it_is_read",
    ),
    (
        "guards: a closed action still signs",
        "campaigns/signing/guards.py",
        "    if not page.action_is_open:\n        return closed(page, request)",
        "    if False:\n        return closed(page, request)",
        "tests/campaigns/test_closing.py::test_post_after_closing_stores_nothing_and_says_why",
    ),
    (
        "rates: a flooding client is never refused",
        "campaigns/signing/quarantine.py",
        "    if rates.refuse:\n        raise OverLimit",
        "    if False:\n        raise OverLimit",
        "tests/campaigns/test_bots.py::test_a_client_flooding_is_refused_with_a_page_that_says_so",
    ),
    (
        "rates: garbage counts against the rates",
        "campaigns/signing/guards.py",
        "        return closed(page, request)\n    return None",
        "        return closed(page, request)\n    from .ratelimits import count\n"
        "    count(request, page)\n    return None",
        "tests/campaigns/test_quarantine.py::test_a_flood_of_garbage_does_not_hold_or_refuse_a_real_supporter",
    ),
    (
        "rates: one connection's windows never fill",
        "campaigns/signing/ratelimits.py",
        "    if client_minute > per_minute or client_hour > per_minute * 10:",
        "    if False:",
        "tests/campaigns/test_quarantine.py::test_over_the_rate_of_one_connection_signatures_are_held_not_refused",
    ),
    (
        "rates: the editor's street-stall setting is ignored",
        "campaigns/models/action.py",
        "        return self.signatures_per_connection or settings.SIGNING_PER_CONNECTION",
        "        return settings.SIGNING_PER_CONNECTION",
        "tests/campaigns/test_quarantine.py::test_a_street_stall_raises_the_rate",
    ),
    (
        "rates: a network's burst passes",
        "campaigns/signing/ratelimits.py",
        "    if network_minute > per_minute * settings.SIGNING_NETWORK_FACTOR:",
        "    if False:",
        "tests/campaigns/test_quarantine.py::test_a_burst_from_one_network_is_held",
    ),
    (
        "tokens: a token signs again and again",
        "campaigns/signing/store.py",
        "            form_token=assessment.token,",
        "            form_token=None,",
        "tests/campaigns/test_quarantine.py::test_a_replayed_token_is_held_and_sends_nothing",
    ),
    (
        "tokens: no minimum fill time",
        "campaigns/signing/tokens.py",
        "    if age < settings.SIGNING_MIN_FILL_SECONDS:",
        "    if False:",
        "tests/campaigns/test_quarantine.py::test_a_token_that_cannot_vouch_holds_the_signature",
    ),
    (
        "tokens: a cached page's shared token vouches",
        "campaigns/signing/tokens.py",
        "    if kind != READER:",
        "    if False:",
        "tests/campaigns/test_quarantine.py::test_a_token_that_cannot_vouch_holds_the_signature",
    ),
    (
        "quarantine: a held signature is emailed",
        "campaigns/signing/store.py",
        "        elif not held:\n            queue_emails(page, submission, address, request)",
        "        else:\n            queue_emails(page, submission, address, request)",
        "tests/campaigns/test_quarantine.py::test_a_replayed_token_is_held_and_sends_nothing",
    ),
    (
        "quarantine: the honeypot lets everything through",
        "campaigns/signing/quarantine.py",
        "    if form.cleaned_data.get(bots.HONEYPOT):",
        "    if False:",
        "tests/campaigns/test_quarantine.py::test_a_filled_honeypot_is_held_and_the_sender_told_nothing",
    ),
    (
        "quarantine: disposable domains pass",
        "campaigns/signing/quarantine.py",
        "    if is_disposable(address):",
        "    if False:",
        "tests/campaigns/test_quarantine.py::test_a_disposable_address_is_held",
    ),
    (
        "quarantine: approving twice sends twice",
        "campaigns/signing/quarantine.py",
        "                pk=submission.pk, quarantined_at__isnull=False",
        "                pk=submission.pk",
        "tests/campaigns/test_held_review.py::test_approving_counts_emails_and_delivers_each_once",
    ),
    (
        "access: another campaign's paper signatures can be changed",
        "campaigns/team/paper.py",
        "        return super().get_queryset().filter(campaign_key__in=self.campaign_keys())",
        "        return super().get_queryset()",
        "tests/campaigns/test_campaign_access.py::test_paper_signatures_of_another_campaign_are_out_of_reach",
    ),
    (
        "access: editing a page is enough to delete its signatures",
        "campaigns/team/erasure.py",
        "        if not request.user.has_perm(ERASE_SUPPORTERS):\n"
        "            raise PermissionDenied\n"
        "        return super().dispatch(request, *args, **kwargs)",
        "        return super().dispatch(request, *args, **kwargs)",
        "tests/campaigns/test_campaign_access.py::test_deleting_signatures_takes_the_delete_permission",
    ),
    (
        "audit: exports are not recorded",
        "campaigns/team/audit.py",
        "    log(instance=page, action=action, user=user, data=data)",
        "    return None",
        "tests/campaigns/test_campaign_access.py::test_every_look_is_in_the_audit_log",
    ),
    (
        "confirmation: an erased signature's link still works",
        "campaigns/signing/confirmation.py",
        "    if submission is None or submission.anonymised_at is not None:",
        "    if submission is None:",
        "tests/campaigns/test_confirmation.py::test_an_erased_signature_can_never_be_confirmed",
    ),
    (
        "erasure: a queued letter still goes to the target",
        "campaigns/team/data_protection.py",
        "    withdraw_letters(submissions)\n    return len(submissions)",
        "    return len(submissions)",
        "tests/campaigns/test_delivery.py::test_a_letter_queued_then_erased_is_never_sent",
    ),
    (
        "clients: the header's first entry is believed",
        "portal/clients.py",
        "            return forwarded[-hops]",
        "            return forwarded[0]",
        "tests/test_security.py::test_a_client_cannot_choose_its_address_when_no_proxy_is_trusted",
    ),
    (
        "captcha: a failed verification passes",
        "campaigns/signing/captcha.py",
        "            super().validate(value)",
        "            pass",
        "tests/campaigns/test_bots.py::test_failed_recaptcha_stores_nothing_and_keeps_the_form",
    ),
    (
        "form: control characters are kept",
        "campaigns/signing/forms.py",
        "data.setlist(key, [clean_text(value) for value in data.getlist(key)])",
        "data.setlist(key, data.getlist(key))",
        "tests/campaigns/test_bots.py::test_control_characters_are_removed_and_chinese_and_emoji_kept",
    ),
    (
        "text: bidi overrides and zero-width characters are kept",
        "campaigns/signing/text.py",
        "        return character in keep",
        "        return True",
        "tests/campaigns/test_duplicates.py::test_addresses_are_normalised",
    ),
    (
        "form: addresses off the internet are accepted",
        "campaigns/signing/forms.py",
        'if domain.startswith("[") or "." not in domain or top_level.isdigit():',
        "if False:",
        "tests/campaigns/test_invalid_input.py",
    ),
    (
        "exports: characters XML cannot hold reach the Excel file",
        "campaigns/team/exports.py",
        '    return XML_ILLEGAL.sub("", value) if isinstance(value, str) else value',
        "    return value",
        "tests/campaigns/test_any_text.py::test_the_excel_export_is_a_valid_file_whatever_the_text",
    ),
    (
        "outbox: an email that cannot be encoded holds up the others",
        "campaigns/outbox/tasks.py",
        "        except UnicodeError as exception:",
        "        except ZeroDivisionError as exception:",
        "tests/campaigns/test_mail_outbox.py::test_an_email_that_cannot_be_encoded_fails_alone_and_visibly",
    ),
    (
        "form: the honeypot and form token are stored",
        "campaigns/signing/forms.py",
        "            if name not in self.transient_fields",
        "            if True",
        "tests/campaigns/test_bots.py::test_valid_recaptcha_signs_and_the_token_is_never_kept",
    ),
    (
        "form: translated choices store the translation",
        "campaigns/signing/forms.py",
        "        if source is None:\n            return choices",
        "        if True:\n            return choices",
        "tests/test_i18n.py::test_choices_keep_their_value_in_every_language",
    ),
    (
        "form: no consent recorded",
        "campaigns/signing/forms.py",
        '        return "\\n".join(',
        '        return "" and "\\n".join(',
        "tests/campaigns/test_data_protection.py::test_signature_records_the_consent_and_language_the_supporter_saw",
    ),
    (
        "form: a skipped dropdown answers its first line",
        "campaigns/signing/forms.py",
        '        form_field.choices = [("", CHOOSE), *form_field.choices]',
        "        form_field.choices = list(form_field.choices)",
        "tests/campaigns/test_form_builder.py::test_a_required_dropdown_starts_empty_and_skipping_it_is_an_error",
    ),
    (
        "form: a translation with other lines stores its own labels",
        "campaigns/signing/forms.py",
        "            return source_choices\n",
        "            return choices\n",
        "tests/campaigns/test_form_builder.py::test_a_translation_with_other_lines_shows_and_stores_the_source_choices",
    ),
    (
        "exports: countries exported as codes",
        "campaigns/team/exports.py",
        "        if field in self.named_answers:",
        "        if False:",
        "tests/campaigns/test_form_builder.py::test_one_country_whatever_the_language_is_one_answer_named_in_lists_exports_and_emails",
    ),
    (
        "form classes: an edited form keeps its old class",
        "campaigns/signing/form_classes.py",
        "    key = (page.translation_key, page.locale_id, page.live_revision_id)",
        "    key = (page.translation_key, page.locale_id)",
        "tests/campaigns/test_form_classes.py::test_a_published_field_is_in_the_form_at_once",
    ),
    (
        "sources: where supporters came from is dropped",
        "campaigns/signing/sources.py",
        "        if value:\n            found[name] = value",
        "        if False:\n            found[name] = value",
        "tests/campaigns/test_sources.py::test_source_and_utm_parameters_are_stored_and_exported",
    ),
    (
        "supporters: addresses are not normalised",
        "campaigns/signing/supporters.py",
        '    return f"{local}@{domain}"',
        "    return address",
        "tests/campaigns/test_duplicates.py::test_addresses_are_normalised",
    ),
    (
        "store: a repeat signature is stored again",
        "campaigns/signing/store.py",
        "            supporter_key=supporter_key(address),",
        "            supporter_key=None,",
        "tests/campaigns/test_duplicates.py::test_repeat_signatures_store_one_row_and_get_the_same_response",
    ),
    (
        "store: no thank-you email",
        "campaigns/signing/store.py",
        '    if page.send_thank_you_email and address:\n        kinds.append("thanks")',
        '    if False:\n        kinds.append("thanks")',
        "tests/campaigns/test_signing.py::test_supporter_gets_a_thank_you_email",
    ),
    (
        "store: confirmation is never asked for",
        "campaigns/signing/store.py",
        "    asks_confirmation = page.require_confirmation and address is not None",
        "    asks_confirmation = False",
        "tests/campaigns/test_confirmation.py::test_an_unconfirmed_signature_is_stored_but_not_counted_and_the_team_waits",
    ),
    (
        "confirmation: a link confirms another campaign's signature",
        "campaigns/signing/confirmation.py",
        "    if key != page.translation_key.hex:",
        "    if False:",
        "tests/campaigns/test_confirmation.py::test_a_link_for_one_campaign_confirms_nothing_on_another",
    ),
    (
        "confirmation: opening the link confirms (a mail scanner would)",
        "campaigns/signing/confirmation.py",
        '        if request.method == "POST" and state == "ready":',
        '        if state == "ready":',
        "tests/campaigns/test_confirmation.py::test_the_link_shows_a_button_and_the_button_confirms_once",
    ),
    (
        "confirmation: confirming twice notifies the team twice",
        "campaigns/signing/confirmation.py",
        "        confirmed_at__isnull=True,\n        quarantined_at__isnull=True,\n",
        "        quarantined_at__isnull=True,\n",
        "tests/campaigns/test_confirmation.py::test_two_confirmations_at_once_count_and_notify_once",
    ),
    (
        "outbox: a failed email is never retried",
        "campaigns/outbox/tasks.py",
        "    if attempt <= len(RETRY_DELAYS):",
        "    if False:",
        "tests/campaigns/test_mail_outbox.py::test_mail_outage_loses_nothing_and_every_email_is_sent_once",
    ),
    (
        "outbox: a task whose worker died is never taken up again",
        "campaigns/outbox/leases.py",
        "    ).update(status=TaskResultStatus.READY, started_at=None)",
        "    ).none().update(status=TaskResultStatus.READY, started_at=None)",
        "tests/campaigns/test_outbox_workers.py",
    ),
    (
        "outbox: a task taken up again sends what its dead worker had sent",
        "campaigns/outbox/tasks.py",
        "            if name != names[-1]:\n                sent(name)\n",
        "",
        "tests/campaigns/test_outbox_workers.py::test_a_worker_killed_sending_the_second_email_leaves_only_that_one_to_the_next",
    ),
    (
        "outbox: an attempt whose worker died after queueing its retry sends the emails too",
        "campaigns/outbox/tasks.py",
        "            handed.record(failed)\n",
        "",
        "tests/campaigns/test_mail_outbox.py::test_an_attempt_whose_worker_died_after_queueing_its_retry_leaves_the_emails_to_the_retry",
    ),
    (
        "outbox: a connection per email",
        "campaigns/outbox/tasks.py",
        "    try:\n        message.connection = connection()\n",
        "    try:\n",
        "tests/campaigns/test_mail_outbox.py::test_a_worker_sends_on_one_connection_and_reconnects_when_dropped",
    ),
    (
        "outbox: a dropped connection fails the email",
        "campaigns/outbox/tasks.py",
        "        if not reused:\n            raise",
        "        raise",
        "tests/campaigns/test_mail_outbox.py::test_a_worker_sends_on_one_connection_and_reconnects_when_dropped",
    ),
    (
        "outbox: a new Message-ID on each attempt",
        "campaigns/outbox/messages.py",
        '"message_id": f"<{signed}.signature-{submission_id}-{kind}@{mail_domain()}>",',
        '"message_id": make_msgid(kind, domain=mail_domain()),',
        "tests/campaigns/test_mail_outbox.py::test_only_the_email_that_failed_is_sent_again",
    ),
    (
        "outbox: an erased supporter is still written to",
        "campaigns/outbox/messages.py",
        "pk=submission_id, anonymised_at__isnull=True, page__isnull=False",
        "pk=submission_id, page__isnull=False",
        "tests/campaigns/test_data_protection.py::test_the_outbox_holds_nothing_of_a_supporter_and_an_erased_one_is_not_written_about",
    ),
    (
        "outbox screen: an attempt followed by another is shown as a failure",
        "campaigns/team/outbox.py",
        "        and not any(superseded(email, other) for other in emails)",
        "",
        "tests/campaigns/test_outbox_admin.py",
    ),
    (
        "page: the thank-you page is not a redirect (a reload signs again)",
        "campaigns/models/pages.py",
        "            response.status_code = 303  # See Other: the browser GETs it",
        "            return super().render_landing_page(request, form_submission)",
        "tests/campaigns/test_signing.py::test_after_signing_the_thanks_has_its_own_cacheable_address",
    ),
    (
        "encryption: answers and emails are stored in clear",
        "portal/encryption.py",
        '    return cipher().encrypt(text.encode("utf-8", "surrogatepass")).decode("ascii")\n\n\n'
        "def decrypt(token):\n"
        '    return cipher().decrypt(token.encode("ascii")).decode("utf-8", "surrogatepass")',
        "    return text\n\n\ndef decrypt(token):\n    return token",
        "tests/campaigns/test_encryption_at_rest.py::test_the_database_holds_no_supporters_name_address_or_letter",
    ),
    (
        "encryption: the supporter key is the address, not its keyed hash",
        "campaigns/signing/supporters.py",
        "    return None if normalised is None else keyed_hash(normalised)",
        "    return normalised",
        "tests/campaigns/test_encryption_at_rest.py::test_the_database_holds_no_supporters_name_address_or_letter",
    ),
    (
        "outbox: a failed email's error keeps the server's text",
        "campaigns/outbox/tasks.py",
        "    raise without_text(error) from None",
        "    raise error",
        "tests/campaigns/test_encryption_at_rest.py::test_the_database_holds_no_supporters_name_address_or_letter",
    ),
    (
        "refusals: a refused post shows an empty form",
        "campaigns/signing/refusals.py",
        "    form = typed_form(page, request, data, cross_site) if data is not None else None",
        "    form = None",
        "tests/campaigns/test_refusals.py::test_too_many_from_one_connection_comes_back_filled_in",
    ),
    (
        "refusals: a cross-site post comes back with its boxes ticked",
        "campaigns/signing/refusals.py",
        "        elif cross_site and isinstance(",
        "        elif False and isinstance(",
        "tests/campaigns/test_refusals.py::test_a_post_from_another_site_shows_the_form_again_and_ticks_nothing",
    ),
    (
        "partners: any site may frame the sign form",
        "campaigns/signing/partners.py",
        """    ancestors = ["'self'", *Partner.framing_origins()]""",
        """    ancestors = ["*"]""",
        "tests/campaigns/test_embed_form.py::test_only_the_listed_partners_and_this_site_may_frame_the_form",
    ),
    (
        "answer first: the thanks leave out the supporter's own signature",
        "campaigns/templates/campaigns/campaign_page_landing.html",
        '{% include "campaigns/includes/answer_header.html" with uncounted=1 %}',
        '{% include "campaigns/includes/answer_header.html" %}',
        "tests/campaigns/test_answer_first.py::test_the_thanks_count_the_supporters_signature_at_once",
    ),
    (
        "opt-ins: consent before the signature counts",
        "campaigns/signing/opt_ins.py",
        "                given_at=now if given else None,",
        "                given_at=now,",
        "tests/campaigns/test_opt_ins.py::test_a_held_signatures_opt_ins_wait_and_are_given_when_released",
    ),
    (
        "opt-ins: a suppressed address is still reachable",
        "campaigns/models/opt_ins.py",
        "            .exclude(Exists(suppressed))",
        "",
        "tests/campaigns/test_opt_in_records.py::test_reachable_is_given_counted_known_and_not_suppressed",
    ),
    (
        "outbox: a suppressed address is written to",
        "campaigns/outbox/tasks.py",
        "    if marked and key in suppressed_keys:",
        "    if False:",
        "tests/bounces/test_bounce_webhooks.py::test_an_email_queued_before_the_bounce_is_not_sent_and_the_outbox_says_why",
    ),
    (
        "unsubscribe: any post unsubscribes, not only RFC 8058's",
        "reportbacks/views.py",
        '        if request.POST.get("List-Unsubscribe") != "One-Click":',
        "        if False:",
        "tests/reportbacks/test_unsubscribe.py",
    ),
    (
        "updates: an edit made while an update is sent changes what is sent",
        "reportbacks/emails.py",
        "    frozen = source.sent_words\n",
        "    frozen = {}\n",
        "tests/reportbacks/test_sending.py::test_the_words_sent_are_those_of_when_sending_began",
    ),
    (
        "OSDI: a held or unconfirmed signature is read by its id",
        "osdi/api/views.py",
        "        .filter(Q(confirmed_at__isnull=False) | Q(osdi_record__isnull=False))\n",
        "",
        "tests/osdi/test_api.py::test_a_signature_nobody_has_vouched_for_is_not_read",
    ),
    (
        "webhooks: the signature leaves out the message's id",
        "webhooks/signing.py",
        '    signed = f"{message_id}.{timestamp}.".encode("ascii") + body',
        '    signed = f"{timestamp}.".encode("ascii") + body',
        "tests/webhooks/test_delivery.py::test_a_signature_is_posted_signed_with_ids_only",
    ),
    (
        "OSDI: a read token records signatures",
        "osdi/api/auth.py",
        '    if method == "POST" and not token.can_write:',
        "    if False:",
        "tests/osdi/test_tokens.py::test_a_read_token_cannot_record_a_signature",
    ),
]


def copy_of_the_project():
    copy = Path(tempfile.mkdtemp(prefix="portal-mutations-"))
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED, dirs_exist_ok=True)
    # The project is installed in the virtualenv in editable mode, pointing at ROOT; run from
    # the copy, Python must find the copy's modules first, or a mutation would go unseen.
    found = subprocess.run(
        [sys.executable, "-c", "import campaigns; print(campaigns.__file__)"],
        cwd=copy,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(found).is_relative_to(copy), f"the copy's tests would import {found}"
    return copy


RUNNING = set()


def pytest(copy, tests, *, first):
    # The first run creates the copy's test database, with its migrations; the others reuse it.
    database = "--create-db" if first else "--reuse-db"
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", database]
    # SQLite whatever DATABASE_URL says: the copies would share one PostgreSQL test database,
    # and what a mutation breaks is the code, not the database.
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    process = subprocess.Popen(
        [*command, *tests],
        cwd=copy,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    RUNNING.add(process)
    try:
        return process.wait()
    finally:
        RUNNING.discard(process)


def run_share(mutations, copy, survived):
    for number, (name, path, text, replacement, tests) in enumerate(mutations):
        source = copy / path
        original = source.read_text()
        if original.count(text) != 1:
            survived.append(f"{name}: the text to change is not in {path} exactly once")
            continue
        source.write_text(original.replace(text, replacement))
        try:
            code = pytest(copy, tests.split(), first=number == 0)
        finally:
            source.write_text(original)
        verdict = "caught" if code == 1 else "SURVIVED" if code == 0 else f"error {code}"
        print(f"{verdict:>8}  {name}", flush=True)
        if code != 1:
            survived.append(name)


def main():
    # Stopped from outside (Ctrl-C, a timeout): the test runs are stopped and the copies removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("Stopped."))
    jobs = max(1, min(int(os.environ.get("MUTATION_JOBS") or os.cpu_count() or 1), len(MUTATIONS)))
    survived = []
    copies = []
    try:
        threads = []
        for share in range(jobs):
            copies.append(copy_of_the_project())
            thread = threading.Thread(
                target=run_share,
                args=(MUTATIONS[share::jobs], copies[-1], survived),
                daemon=True,
            )
            thread.start()
            threads.append(thread)
        for thread in threads:
            # In steps, so that SIGTERM and Ctrl-C are handled while waiting.
            while thread.is_alive():
                thread.join(timeout=1)
    finally:
        for process in list(RUNNING):
            process.kill()
        for copy in copies:
            shutil.rmtree(copy, ignore_errors=True)
    if survived:
        sys.exit("Mutations not caught by a failing test:\n  " + "\n  ".join(survived))
    print(f"All {len(MUTATIONS)} mutations caught.")


if __name__ == "__main__":
    main()
