"""Sample contexts for the quarterly returns templates (tests/pages/test_templates.py renders each)."""

from collections.abc import Callable
from typing import Any

from service.pages.returns.returns_page import STATE_TAGS
from service.returns import overview
from service.returns.quarters import quarter_of
from tests.pages.admin_contexts import CYCLE


def returns_contexts(plan: Callable[[], dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The returns page with one quarter submitted late, one in progress, one overdue and one not yet due."""
    states = [
        (overview.ReturnState.SUBMITTED, 2, 3, False),
        (overview.ReturnState.IN_PROGRESS, 0, None, False),
        (overview.ReturnState.NOT_STARTED, 0, None, True),
        (overview.ReturnState.NOT_STARTED, 0, None, False),
    ]
    standings = [
        overview.QuarterStanding(quarter_of(CYCLE, number), state, made, late, overdue)
        for number, (state, made, late, overdue) in enumerate(states, start=1)
    ]
    return {"returns/returns.html": [plan() | {"standings": standings, "state_tags": STATE_TAGS}]}
