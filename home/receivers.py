from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page

from .roles import TRANSLATORS, grant_page_permissions


@receiver(post_save)
def let_translators_work_on_a_new_language_home(sender, instance, created, raw=False, **kwargs):
    """A home page created in another language (by wagtail-localize) is opened to translators."""
    if raw or not created or not isinstance(instance, Page) or instance.depth != 2:
        return
    if instance.locale_id == Locale.get_default().pk:
        return
    from django.contrib.auth.models import Group

    group = Group.objects.filter(name=TRANSLATORS).first()
    if group is not None:
        grant_page_permissions(group, instance)
