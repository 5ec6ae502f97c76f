"""Sample contexts for the region's returns and the year's picture (tests/pages/test_templates.py renders each)."""

import datetime
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from plan_schema.funding import ExpenditureRow
from service.monitoring import wording
from service.pages.returns.region_page import STATUS_TAGS
from service.pages.returns.year_page import ACTION_TAGS
from service.returns import region_view, year_lines
from service.returns.actions import PlannedAction
from service.returns.quarters import quarters_of
from service.returns.submitted import SubmittedQuarter
from service.returns.year_picture import YearPicture, action_years, metric_years, source_of, spend_years
from service.tables.returns import ReturnSubmission
from tests.pages.admin_contexts import CYCLE

SECTIONS: dict[str, Any] = {
    "actions": [{"reference": "1.1.1", "text": "Recruit <two> keyworkers", "due": "2008-06-30", "status": "at-risk"}],
    "exceptions": [{"metric": "OF-16", "name": "Deaths in treatment", "value": "30.0%", "rag": "red"}],
    "spend": {"actual": [{"category": "Open access", "police": "1000.00"}]},
}


def _made(quarter: int, days_late: int) -> SubmittedQuarter:
    latest = ReturnSubmission(
        plan_id=7,
        quarter=quarter,
        number=2,
        submitted_at=datetime.datetime(2008, 8, 3, tzinfo=datetime.UTC),
        submitted_by=1,
        due=datetime.date(2008, 7, 31),
        days_late=days_late,
        sections=SECTIONS,
        findings=[],
        content_sha256="0" * 64,
    )
    return SubmittedQuarter(days_late, latest.submitted_at, latest)


def region_context() -> dict[str, Any]:
    """West Midlands with one partnership late in Q1, on time in Q2, and one partnership not reporting."""
    quarters = quarters_of(CYCLE)
    today = datetime.date(2009, 2, 15)
    made = {1: _made(1, 3), 2: _made(2, 0)}
    returns = [
        region_view.quarter_return(q, made.get(q.quarter), flagged_variances=int(q.quarter in made), today=today)
        for q in quarters
    ]
    row = region_view.PartnershipReturns(1, "Birmingham Drug Action Team", 7, returns)
    by_quarter = [region_view.completeness([made_return]) for made_return in returns]
    view = region_view.RegionReturns(
        CYCLE,
        quarters,
        [row],
        [region_view.NotReporting("Coventry Drug and Alcohol Action Team", 8, "drafting")],
        by_quarter,
        region_view.completeness(returns),
    )
    return {
        "region": type("Region", (), {"id": 5, "name": "West Midlands"})(),
        "view": view,
        "query": "?cycle_id=1",
        "figures": region_view.FIGURES,
        "expected_means": region_view.EXPECTED_MEANS,
        "status_tags": STATUS_TAGS,
    }


def year_context(plan: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The year's picture with Q1 and Q2 submitted, an action, a red metric and spend on one category."""
    made = {1: _made(1, 3), 2: _made(2, 0)}
    planned = [PlannedAction(1, "Treatment", 1, "Cut waits", 1, "Recruit <two> keyworkers", "Manager", None)]
    table_2 = [ExpenditureRow(category="Open access", police=Decimal(4000))]
    spend, total = spend_years(table_2, made)
    base = plan()
    view = base["view"]
    view.cycle.spend_variance_threshold_pct = Decimal("10.00")
    picture = YearPicture(
        view,
        [source_of(q, made.get(q.quarter)) for q in quarters_of(CYCLE)],
        action_years(planned, made),
        metric_years(made),
        spend,
        total,
        [None, None, None, None],
    )
    return base | {
        "plan_id": 7,
        "picture": picture,
        "status_text": year_lines.status_text,
        "action_tags": ACTION_TAGS,
        "rag_tag": wording.rag_tag_class,
    }


def region_returns_contexts(plan: Callable[[], dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The region's returns with a reporting partnership and with none; the year's picture."""
    with_rows = region_context()
    empty_view = replace(with_rows["view"], rows=[], not_reporting=[])
    return {
        "returns/region.html": [with_rows, with_rows | {"view": empty_view, "query": ""}],
        "returns/year.html": [year_context(plan)],
    }
