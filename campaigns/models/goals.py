"""Stepped goals: a goal that moves up when it is reached, as Champaign and Proca do it.

The steps are the 1-2-5 series (100, 200, 500, 1,000, 2,000, 5,000, ...): round numbers that
always look within reach, each at most two and a half times the one before.
"""

FIRST_STEP = 100


def steps():
    """100, 200, 500, 1,000, 2,000, 5,000, ... for ever."""
    scale = FIRST_STEP
    while True:
        for factor in (1, 2, 5):
            yield factor * scale
        scale *= 10


def stepped_goal(goal, count):
    """The goal to show for `count` signatures: the editor's `goal` while the count is below it,
    else (or with no goal) the first step of the series above the count. It is always above the
    count, and never goes down as the count grows."""
    if goal is not None and count < goal:
        return goal
    return next(step for step in steps() if step > count)


def reached_step(goal, count):
    """The last goal the count reached, for "We reached 1,000 signatures!": the largest step at
    or below the count, or the editor's goal if it is larger; None if nothing was reached."""
    if goal is not None and count < goal:
        return None
    below = None
    for step in steps():
        if step > count:
            break
        below = step
    if goal is not None:
        return max(goal, below or 0)
    return below
