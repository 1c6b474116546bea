"""Block defaults in the language of the page being edited, not in the editor's own.

A block's default text ("Sign now") is a lazy translation. Wagtail evaluates it when it sends
the StreamField's block definitions to the browser, in the admin user's language: an editor
whose admin is in Chinese would add 立即聯署 to an English page, and English supporters would
read it. So the page's editing form packs its StreamFields with `PageLanguageBlockWidget`, and
the blocks whose default is a sentence (`PageLanguageCharBlock`) evaluate it in the page's
language while that happens. Labels and help text stay in the editor's language.

Outside the editor (a value stored without the field, a preview) the default is evaluated when
the page is rendered, which is already in the page's language.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import translation
from django.utils.functional import Promise
from wagtail import blocks
from wagtail.blocks.base import BlockWidget

_language = ContextVar("block_defaults_language", default=None)


@contextmanager
def defaults_in(language):
    """Within this block, translated block defaults are evaluated in `language`."""
    token = _language.set(language)
    try:
        yield
    finally:
        _language.reset(token)


class DefaultInPageLanguageMixin:
    """For a block whose default is a translated string."""

    def get_default(self):
        default = super().get_default()
        language = _language.get()
        if language is None or not isinstance(default, Promise):
            return default
        with translation.override(language):
            return str(default)


class PageLanguageCharBlock(DefaultInPageLanguageMixin, blocks.CharBlock):
    def deconstruct(self):
        # It stores what a CharBlock stores; only the editor differs. Migrations need not know.
        _path, args, kwargs = super().deconstruct()
        return "wagtail.blocks.CharBlock", args, kwargs


class PageLanguageBlockWidget(BlockWidget):
    """A StreamField's widget that packs its block definitions with the defaults in `language`.

    Both ways Wagtail reads the packed definitions (the form's media and the rendered field)
    go through these two properties.
    """

    def __init__(self, block_def, language, attrs=None):
        super().__init__(block_def, attrs=attrs)
        self.language = language

    @property
    def js_context(self):
        with defaults_in(self.language):
            return super().js_context

    @property
    def block_json(self):
        with defaults_in(self.language):
            return super().block_json


def use_page_language_for_defaults(form, language):
    """Give every StreamField of a page's editing form the page's language for its defaults."""
    for field in form.fields.values():
        if isinstance(field.widget, BlockWidget):
            field.widget = PageLanguageBlockWidget(
                field.widget.block_def, language, attrs=field.widget.attrs
            )
