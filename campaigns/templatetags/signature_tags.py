from django import template

register = template.Library()


@register.filter
def grouped(number):
    """12345 as 12,345: grouped with commas in every language, as Hong Kong and mainland readers
    write numbers (Django's own grouping would depend on the language's format files)."""
    return f"{number:,}"


@register.inclusion_tag("components/signature_progress.html")
def signature_progress(campaign, open=None, signed=False, uncounted=0):
    """The campaign's count across languages and, with a goal, an accessible progress bar.

    `open` overrides the campaign's own state (previews show a closed page while it is open).
    `signed`: shown to a supporter who has just signed, never "Be the first to sign."; and
    `uncounted` (0 or 1) is their own signature, counted but not tallied yet
    (campaigns/includes/answer_header.html).
    """
    count = campaign.signature_count + uncounted
    goal = campaign.signature_goal
    return {
        "count": count,
        "count_display": grouped(count),
        "goal": goal,
        "goal_display": grouped(goal) if goal else "",
        # The bar stops at full; the text still says how far past the goal the count is.
        "bar_value": min(count, goal) if goal else 0,
        "percent": min(100, count * 100 // goal) if goal else 0,
        "goal_reached": bool(goal) and count >= goal,
        "open": campaign.action_is_open if open is None else open,
        "signed": signed,
        "id_prefix": f"progress-{campaign.pk}",
    }
