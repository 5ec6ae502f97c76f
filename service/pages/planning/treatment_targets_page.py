"""Part 2 (effective-treatment targets) as a page: baselines and planned % changes, and the targets as numbers."""

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter
from sqlmodel import Session

from plan_schema.plan_year import year_before
from plan_schema.targets import Targets
from plan_schema.vocabulary import INDICATOR_TITLES, IndicatorId, PartName
from service.journey import agreed_targets
from service.pages.planning import part_editing
from service.pages.planning import treatment_targets_form as form
from service.pages.planning.part_editing import PartPage
from service.planning import plans, reference
from service.tables.columns import id_of

router = APIRouter(include_in_schema=False)
PART = PartName.TARGETS


def target_numbers(plan_id: int, *, session: Session) -> list[dict[str, Any]]:
    """Indicators 1.1 and 1.2 with their annualised baseline, agreed % change and target in people, as known."""
    agreed = agreed_targets.current(plan_id, session=session)
    numbers = agreed_targets.numbers(agreed)
    return [
        {
            "id": indicator.value,
            "title": INDICATOR_TITLES[indicator],
            "baseline": agreed.baselines.get(indicator.value),
            "agreed_pct": agreed.planned_change_pct.get(indicator.value),
            "people": numbers.get(indicator.value),
        }
        for indicator in agreed_targets.AGREED_INDICATORS
    ]


def _named_labels(values: Mapping[str, str], view: plans.PlanView, session: Session) -> dict[str, str]:
    """Each PCT's fields labelled with its name, on the rows the page shows (one for every PCT covered)."""
    covered = reference.pcts_of(id_of(view.partnership), session=session)
    shown = form.with_covered_pcts(values, [pct.code for pct in covered])
    return form.field_labels(shown, {pct.code: pct.name for pct in covered})


def _context(targets: Targets, values: Mapping[str, str], view: plans.PlanView, session: Session) -> dict[str, Any]:
    cycle = view.cycle
    covered = reference.pcts_of(id_of(view.partnership), session=session)
    pct_codes = [pct.code for pct in covered]
    shown = form.with_covered_pcts(values, pct_codes)
    return {
        "values": shown,
        "names": form,
        "effective": [(indicator.value, INDICATOR_TITLES[indicator], field) for indicator, field in form.EFFECTIVE],
        "system": [(indicator.value, INDICATOR_TITLES[indicator], field) for indicator, field in form.SYSTEM],
        "primary_care_title": INDICATOR_TITLES[IndicatorId.PRIMARY_CARE],
        "primary_care_rows": form.primary_care_count(shown),
        "covered_pcts": [pct.name for pct in covered],
        # Users know their PCTs by name; the code is kept beside it, as the guidance's tables show it.
        "pct_names": {pct.code: pct.name for pct in covered},
        "baseline_year": year_before(cycle.previous_year),
        "previous_year": cycle.previous_year,
        "indicative_years": list(cycle.indicative_years),
        "target_numbers": target_numbers(id_of(view.plan), session=session),
    }


PAGE = PartPage(
    part=PART,
    template="treatment_targets.html",
    model=Targets,
    form_values=form.form_values,
    read_posted=form.read_posted,
    place_findings=form.place_findings,
    labels=lambda targets, values: form.field_labels(values),
    relabel=lambda values, view, session: _named_labels(values, view, session),
    saved_message="Part 2 is saved.",
    context=_context,
    noun=("figure", "figures"),
)


part_editing.add_routes(
    router,
    PAGE,
    show_name="targets_part_page",
    show_doc="Part 2 as stored, with its findings beside the figures they are about.",
    save_name="save_targets_part",
    save_doc="Save Part 2 if nobody else has since the form was opened; otherwise show the form again, input kept.",
)
