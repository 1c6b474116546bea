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
    # The same goal everywhere a count is shown: the editor's, or the step it has moved up to
    # (from the tally: one signature not yet in it does not move the goal).
    goal = campaign.current_goal
    reached = campaign.reached_goal
    return {
        "count": count,
        "count_display": grouped(count),
        "goal": goal,
        "goal_display": grouped(goal) if goal else "",
        # The bar stops at full; the text still says how far past the goal the count is.
        "bar_value": min(count, goal) if goal else 0,
        "percent": min(100, count * 100 // goal) if goal else 0,
        "goal_reached": bool(goal) and count >= goal,
        # A goal that stepped up: "We reached 1,000 signatures! Help us reach 2,000."
        "reached_goal": reached,
        "reached_display": grouped(reached) if reached else "",
        "open": campaign.action_is_open if open is None else open,
        "signed": signed,
        "id_prefix": f"progress-{campaign.pk}",
    }
