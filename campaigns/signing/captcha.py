"""reCAPTCHA on the action form, when keys are configured (settings.RECAPTCHA_ENABLED).

django-recaptcha catches only HTTPError: an unreachable or slow verification endpoint would be a
500. Here every network failure is a clear message, in the supporter's language, and the form
keeps what they typed. The widget speaks the page's language.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_recaptcha.fields import ReCaptchaField
from django_recaptcha.widgets import ReCaptchaV2Checkbox, ReCaptchaV3

logger = logging.getLogger(__name__)

FIELD_NAME = "recaptcha"
WIDGET_LANGUAGE = {"en": "en", "zh-hant": "zh-HK", "zh-hans": "zh-CN"}


class CampaignCaptchaField(ReCaptchaField):
    default_error_messages = {
        "required": _("Please confirm that you are not a robot."),
        "captcha_invalid": _("We could not confirm that you are not a robot. Please try again."),
        "captcha_error": _(
            "We could not reach the service that checks for robots. Please try again in a "
            "moment: what you typed is still here."
        ),
    }

    def validate(self, value):
        try:
            super().validate(value)
        except (OSError, ValueError) as error:  # unreachable, timed out, or a garbled answer
            logger.warning("reCAPTCHA verification failed: %r", error)
            raise ValidationError(
                self.error_messages["captcha_error"], code="captcha_error"
            ) from error


def captcha_field():
    params = {"hl": WIDGET_LANGUAGE.get(translation.get_language(), "en")}
    if settings.RECAPTCHA_VERSION == "v3":
        widget = ReCaptchaV3(
            api_params=params,
            action="sign",
            required_score=settings.RECAPTCHA_REQUIRED_SCORE,
            attrs={"data-action": "sign"},
        )
    else:
        widget = ReCaptchaV2Checkbox(api_params=params)
    return CampaignCaptchaField(widget=widget, label=_("Are you a person?"))
