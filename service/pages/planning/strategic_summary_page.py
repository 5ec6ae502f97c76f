"""Part 1 (strategic summary) as a page: the five elements and the key priorities as one form."""

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter
from sqlmodel import Session

from plan_schema.strategic_summary import StrategicSummary
from plan_schema.vocabulary import STRATEGIC_SUMMARY_ELEMENTS, PartName
from plan_schema.wording import plural, words_in
from service.pages.planning import part_editing
from service.pages.planning import strategic_summary_form as form
from service.pages.planning.part_editing import PartPage
from service.planning import plans
from validators.strategic_summary import WORDS_MAX, WORDS_MIN, word_count

router = APIRouter(include_in_schema=False)
PART = PartName.STRATEGIC_SUMMARY

# What each element should cover (guidance Part 1), shown as the field's hint.
ELEMENT_HINTS: dict[str, str] = {
    "direction_and_purpose": "Where the partnership's drug treatment strategy is heading and why.",
    "likely_demand": "The demand for treatment you expect, including any differential impact on diverse groups.",
    "needs_assessment_findings": "What the needs assessment found that shapes this plan.",
    "outcome_improvements": "How treatment outcomes will improve, and how you will know.",
    "priorities_for_next_year": "The key priorities for the following financial year, in words: number them below.",
}


def _context(
    summary: StrategicSummary, values: Mapping[str, str], view: plans.PlanView, session: Session
) -> dict[str, Any]:
    # Each element's hint says how long it is so far, against the guidance's 4 to 6 pages in all.
    elements = [
        (name, heading, f"{ELEMENT_HINTS[name]} So far: {plural(words_in(values.get(name, '')), 'word')}.")
        for name, heading in STRATEGIC_SUMMARY_ELEMENTS
    ]
    return {
        "elements": elements,
        "total_words": word_count(summary),
        "priority_count": form.priority_count(values),
        "names": form,
        "words_min": WORDS_MIN,
        "words_max": WORDS_MAX,
    }


PAGE = PartPage(
    part=PART,
    template="strategic_summary.html",
    model=StrategicSummary,
    form_values=form.form_values,
    read_posted=form.read_posted,
    place_findings=form.place_findings,
    labels=lambda summary, values: form.field_labels(values),
    saved_message="Part 1 is saved.",
    context=_context,
    rearrange=form.rearrange,
)


part_editing.add_routes(
    router,
    PAGE,
    show_name="strategic_summary_page",
    show_doc="Part 1 as stored, with its findings beside the sections they are about.",
    save_name="save_strategic_summary",
    save_doc="Save Part 1, or add or remove a key priority on the form without saving.",
)
