"""Contexts for the monitoring templates: a scorecard metric as the partnership sees it and as the public does."""

from typing import Any

from service.access.identity import Member
from service.monitoring.chart import metric_chart
from service.monitoring.scorecard import Target
from service.monitoring.scorecards import Scorecard, Unmeasured
from service.pages.monitoring.scorecard_page import scorecard_context
from service.tables.access import Role
from service.tables.plans import Partnership, Region
from tests.monitoring.scorecard_builders import metric, scorecard_example

PLANNER = Member("session", 1, "planner@demo.example", Role.PLANNER, partnership_id=1, csrf_token="token")


def _card(*, public: bool, empty: bool = False) -> Scorecard:
    partnership = Partnership(id=1, code="b", name="Birmingham Drug Action Team", region_id=5)
    region = Region(id=5, code="wm", name="West Midlands")
    rows = () if empty else (scorecard_example(public=public),)
    unmeasured = () if empty else (Unmeasured(metric("OF-16"), Target("2027/28", baseline=22.0, annual=14.0)),)
    return Scorecard(partnership, region, "2027/28", rows, unmeasured)


def monitoring_contexts() -> dict[str, list[dict[str, Any]]]:
    full, public = scorecard_example(), scorecard_example(public=True, q2=(4, 10))
    signed_in = {"caller": PLANNER, "may_set_targets": True}
    return {
        "monitoring/_scorecard_metric.html": [{"row": row, "chart": metric_chart(row)} for row in (full, public)],
        "monitoring/scorecard.html": [
            scorecard_context(_card(public=False), public=False) | signed_in,
            scorecard_context(_card(public=False, empty=True), public=False) | signed_in | {"may_set_targets": False},
            scorecard_context(_card(public=True), public=True) | {"caller": None, "back_href": "/published/1"},
        ],
    }
