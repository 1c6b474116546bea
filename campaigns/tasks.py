"""Work done outside the request."""

from django_tasks import task
from wagtail.admin.mail import send_mail


@task()
def send_submission_email(*, subject, body, html_body, to, from_email):
    send_mail(subject, body, to, from_email, html_message=html_body)
