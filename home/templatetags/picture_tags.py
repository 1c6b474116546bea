"""Wagtail's `{% picture %}` (AVIF, WebP and a JPEG or PNG fallback, each in several widths)
with two things it lacks.

- `{% responsive_picture %}` is `{% picture %}` whose `srcset` names each width once: Wagtail
  does not enlarge an image, so on an upload narrower than the largest width asked for, two
  renditions come out (nearly) the same width; a `srcset` listing a width twice is invalid
  HTML, and a second file as wide as the first gives the reader nothing.
- `{% art_directed_picture narrow wide media=… %}` is one `<picture>` from two of them: the
  browser takes `narrow`'s crop where `media` matches (a phone's own crop of the hero, rather
  than a landscape file cropped and stretched by `object-fit`), `wide`'s elsewhere; Wagtail's
  tag has no `<source media>`.

Both take Wagtail's filter specs with brace expansion, e.g.
`format-{avif,webp,jpeg} fill-{375x469,750x938}`, and render the renditions Wagtail made.
"""

from django import template
from django.forms.utils import flatatt
from django.template.base import Token
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.images import models
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags import wagtailimages_tags
from wagtail.images.templatetags.wagtailimages_tags import PictureNode

register = template.Library()


# A rendition at most this much wider than a smaller one is left out of a srcset: it is the same
# upload enlarged by rounding (750x938 and 1125x1406 of a 1600x900 photo are 720 and 722 wide).
WIDER = 1.05


def distinct_widths(renditions):
    kept = []
    for rendition in sorted(renditions, key=lambda r: r.width):
        if not kept or rendition.width > kept[-1].width * WIDER:
            kept.append(rendition)
    return kept


class Picture(models.Picture):
    @classmethod
    def get_width_srcset(cls, renditions_list):
        return super().get_width_srcset(distinct_widths(renditions_list))

    def sources(self, media=None, sizes=None, include_fallback=False):
        """`<source>` elements, best format first; the fallback format's too if asked (an
        art-directed crop needs one, the `<img>` being the other crop's)."""
        fallback = self.get_fallback_format()
        html = []
        for fmt in self.source_format_order:
            if fmt.name not in self.formats or (fmt.name == fallback and not include_fallback):
                continue
            renditions = self.formats[fmt.name]
            attrs = {
                "media": media,
                "sizes": sizes,
                "srcset": self.get_width_srcset(renditions),
                "type": fmt.mime_type,
                # The crop's own shape, so that no layout waits for the file.
                "width": renditions[0].width,
                "height": renditions[0].height,
            }
            html.append(format_html("<source{}>", flatatt({k: v for k, v in attrs.items() if v})))
        return mark_safe("".join(html))  # noqa: S308 (format_html escaped each)

    def fallback_img(self, attrs):
        """The `<img>`: the fallback format's renditions, as Wagtail's Picture renders it."""
        renditions = self.formats[self.get_fallback_format()] if self.formats else self.renditions
        attrs = dict(attrs)
        if len(renditions) > 1:
            attrs["srcset"] = self.get_width_srcset(renditions)
        return renditions[0].img_tag(attrs)


class ResponsivePictureNode(PictureNode):
    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        renditions = get_renditions_or_not_found(image, self.get_filters())
        if self.output_var_name:
            context[self.output_var_name] = Picture(renditions)
            return ""
        attrs = {key: value.resolve(context) for key, value in self.attrs.items()}
        return Picture(renditions, attrs).__html__()


@register.tag
def responsive_picture(parser, token):
    """Parsed as Wagtail parses `{% picture %}`, rendered with the Picture above."""
    _name, rest = token.contents.split(None, 1)
    node = wagtailimages_tags.image(
        parser, Token(token.token_type, f"picture {rest}", token.position, token.lineno)
    )
    return ResponsivePictureNode(
        node.image_expr, node.filter_specs, attrs=node.attrs, output_var_name=node.output_var_name
    )


@register.simple_tag
def art_directed_picture(narrow, wide, media, sizes="100vw", **attrs):
    """`narrow`'s sources (all its formats) where `media` matches, then `wide`'s, then `wide`'s
    fallback as the `<img>`, with `attrs` (class, alt, fetchpriority…)."""
    if not narrow or not wide:
        return ""
    return format_html(
        "<picture>{}{}{}</picture>",
        narrow.sources(media=media, sizes=sizes, include_fallback=True),
        wide.sources(sizes=sizes),
        wide.fallback_img({**attrs, "sizes": sizes}),
    )
