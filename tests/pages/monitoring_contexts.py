"""Contexts for the monitoring templates: a scorecard metric as the partnership sees it and as the public does."""

from typing import Any

from service.access.identity import Member
from service.monitoring.chart import metric_chart
from service.monitoring.scorecard import Target
from service.monitoring.scorecards import Scorecard, Unmeasured
from service.monitoring.targets import AGREED_NOTE
from service.monitoring.wording import value_text
from service.pages.monitoring.scorecard_page import Part2Judgement, scorecard_context
from service.tables.access import Role
from service.tables.monitoring import LocalTarget
from service.tables.plans import Partnership, Region
from tests.monitoring.scorecard_builders import metric, scorecard_example

PLANNER = Member("session", 1, "planner@demo.example", Role.PLANNER, partnership_id=1, csrf_token="token")


def _card(*, public: bool, empty: bool = False) -> Scorecard:
    partnership = Partnership(id=1, code="b", name="Birmingham Drug Action Team", region_id=5)
    region = Region(id=5, code="wm", name="West Midlands")
    rows = () if empty else (scorecard_example(public=public),)
    unmeasured = () if empty else (Unmeasured(metric("OF-16"), Target("2027/28", baseline=22.0, annual=14.0)),)
    return Scorecard(partnership, region, "2027/28", rows, unmeasured)


def _targets(**changes: Any) -> dict[str, Any]:
    proportion = metric("LK-7a")
    target = LocalTarget(partnership_id=1, metric_version_id=1, plan_year="2027/28", baseline=40, annual=45)
    return {
        "caller": PLANNER,
        "partnership": _card(public=False).partnership,
        "plan_year": "2027/28",
        "local": [(proportion, target)],
        "agreed": {"P2-1.1": Target("2027/28", baseline=3412, annual=3583)},
        "agreed_note": AGREED_NOTE,
        "metric_choices": [("", "Choose a metric"), ("LK-7a", "LK-7a: Successful completions")],
        "value_text": value_text,
        "by_code": {"LK-7a": proportion},
        "values": {},
        "errors": {},
        "error_items": [],
        "saved": None,
    } | changes


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
        "monitoring/_part_2_judgements.html": [
            {"part_2_judgements": [], "scorecard_href": "/partnerships/1/scorecard?year=2027/28"},
            {
                "part_2_judgements": [
                    Part2Judgement("P2-2", "Retention", "/partnerships/1/scorecard#chart-p2-2-v1-heading", "Red", "x"),
                    Part2Judgement("P2-3", "Exits", "/partnerships/1/scorecard", "Target set; no figure yet", None),
                ],
                "scorecard_href": "/partnerships/1/scorecard?year=2027/28",
            },
        ],
        "monitoring/targets.html": [
            _targets(),
            _targets(saved="LK-7a", local=[], agreed={}),
            _targets(
                values={"code": "LK-7a", "annual": "145"},
                errors={"annual": "Target for the year: a value between 0 and 100"},
                error_items=[("Target for the year: a value between 0 and 100", "annual")],
            ),
        ],
    }
