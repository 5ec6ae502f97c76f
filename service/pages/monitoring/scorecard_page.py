"""A partnership's scorecard as a page: a summary, then each metric by family with its chart and table."""

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from plan_schema.plan_year import check_plan_year, plan_year_label, year_before
from service.access import policy
from service.access.guards import PartnershipViewer
from service.access.identity import CurrentPrincipal, Member
from service.access.plan_rows import PlanFact
from service.monitoring import generation, scorecards, wording
from service.monitoring.catalogue import Family
from service.monitoring.chart import default_chart_id, metric_chart
from service.monitoring.judgements import Rag
from service.monitoring.periods import plan_year_on
from service.pages.rendering import render
from service.planning import plans
from service.planning.timetable import local_date
from service.platform.deps import SessionDep
from service.platform.errors import InvalidInput
from service.tables.columns import id_of, utc_now
from service.tables.plans import Partnership

router = APIRouter(include_in_schema=False)

# Read as text and checked here, so that a year typed into the address is refused in words naming it.
YearQuery = Annotated[str | None, Query(max_length=20)]


def year_or_current(year: str | None) -> str:
    """The plan year asked for, or the one in progress in England today."""
    if not year:
        return plan_year_on(local_date(utc_now()))
    try:
        return check_plan_year(year)
    except ValueError:
        raise InvalidInput.at("year", f'The year "{year}" is not a plan year: write it like 2027/28.') from None


def scorecard_context(card: scorecards.Scorecard, *, public: bool) -> dict[str, Any]:
    """What the scorecard's template reads: the rows by family with their charts, and the summary's counts."""
    counts = card.rag_counts
    return {
        "card": card,
        "public": public,
        "families": [
            (wording.family_text(family), [(row, metric_chart(row)) for row in rows])
            for family, rows in card.families()
        ],
        "summary": [
            ("Red", counts[Rag.RED]),
            ("Amber", counts[Rag.AMBER]),
            ("Green", counts[Rag.GREEN]),
            ("Not rated", len(card.rows) - sum(counts.values())),
            ("Targets without a figure yet", len(card.unmeasured)),
        ],
        "other_years": [
            year
            for year in (year_before(card.plan_year), plan_year_label(int(card.plan_year[:4]) + 1))
            if scorecards.is_plan_year(year)
        ],
        "value_text": wording.value_text,
    }


@router.get("/partnerships/{partnership_id}/scorecard", response_class=HTMLResponse)
def scorecard_page(
    request: Request,
    partnership: PartnershipViewer,
    caller: CurrentPrincipal,
    session: SessionDep,
    year: YearQuery = None,
) -> HTMLResponse:
    """The partnership's metrics for a plan year: value, interval, target, RAG, travel, comparisons, charts."""
    card = scorecards.partnership_scorecard(id_of(partnership), year_or_current(year), session=session)
    context = scorecard_context(card, public=False) | {
        "caller": caller,
        "may_set_targets": _may_set_targets(caller, partnership),
    }
    return render(request, "monitoring/scorecard.html", context)


def _may_set_targets(caller: object, partnership: Partnership) -> bool:
    return isinstance(caller, Member) and policy.can_set_targets(caller, partnership)


@dataclass(frozen=True)
class Part2Judgement:
    """A Part 2 indicator as the plan page links it: to its metric on the scorecard, with its latest judgement."""

    code: str
    name: str
    href: str
    judgement: str
    tag_class: str | None


async def kept_judgements(request: Request) -> generation.KeptUnderGeneration[generation.LatestRows]:
    """The application's Part 2 judgements kept under the monitoring generation (create_app makes the store)."""
    # async: a plain function would take a trip through the thread pool to read one attribute.
    kept: generation.KeptUnderGeneration[generation.LatestRows] = request.app.state.kept_judgements
    return kept


KeptJudgements = Annotated[generation.KeptUnderGeneration[generation.LatestRows], Depends(kept_judgements)]


# The generation the plan page's judgements are kept under, read with the plan (service/access/plan_rows.py).
MONITORING_GENERATION = PlanFact("monitoring_generation", lambda _plan_id: generation.current_in_statement())


def part_2_judgements(
    view: plans.PlanView, kept: generation.KeptUnderGeneration[generation.LatestRows], *, session: Session
) -> dict[str, Any]:
    """What the plan page says of Part 2's targets through the year: each indicator's latest judgement, and the page."""
    # Part 2's metrics only, no region or England beside them, no chart: the task list shows a line per indicator,
    # so only each one's latest figure is combined and judged; and kept while the figures and targets stand
    # (half the task list's time at 20 connections went on combining them afresh: bench/README.md).
    partnership, cycle, families = view.partnership, view.cycle, {Family.PLAN_PART_2}
    now = view.known(MONITORING_GENERATION)
    rows, unmeasured = generation.latest_rows(kept, partnership, cycle, families, session=session, generation=now)
    scorecard_href = f"/partnerships/{id_of(partnership)}/scorecard?year={cycle.plan_year}"
    judgements = [
        Part2Judgement(
            code=row.metric.code,
            name=row.metric.name,
            href=f"{scorecard_href}#{default_chart_id(row.metric)}-heading",
            judgement=f"{row.rag_text} (latest figure {row.value_text}, {row.latest.period})",
            tag_class=row.rag_tag_class,
        )
        for row in rows
    ]
    judgements += [
        Part2Judgement(item.metric.code, item.metric.name, scorecard_href, "Target set; no figure yet", None)
        for item in unmeasured
    ]
    return {"part_2_judgements": judgements, "scorecard_href": scorecard_href}
