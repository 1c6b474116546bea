from django import template

from campaigns.next_steps import steps_for

register = template.Library()


@register.simple_tag(takes_context=True)
def next_steps(context, page):
    """The steps after signing, as `page`'s editor ordered them (campaigns.next_steps), with the
    organisation's donation page in the reader's language as the default."""
    return steps_for(page, context.get("organisation"))
