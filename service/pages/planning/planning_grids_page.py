"""Part 3 (planning grids) as a page: each grid's objectives and their actions, postholders and dates.

Adding, removing and moving an objective or an action, and adding or removing a local grid, is a
submit button of the same form (name="action", value="add-objective:2", "add-grid", "remove-grid:5").
It re-shows the form with everything typed kept and the items renumbered, and saves nothing: only
"Save Part 3" does. So a half-typed objective never reaches the plan, a slip of the Remove button
is undone by leaving the page, and the whole editing session is checked against the version the
form was first opened at.
"""

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter
from sqlmodel import Session

from plan_schema.grid_prompts import CROSS_CUTTING_PROMPTS, GRID_PROMPTS
from plan_schema.planning_grids import PlanningGrids
from plan_schema.strategic_summary import StrategicSummary
from plan_schema.vocabulary import THEME_TITLES, PartName
from service.pages.planning import part_editing
from service.pages.planning import planning_grids_form as form
from service.pages.planning.part_editing import PartPage
from service.planning import parts, plans
from service.tables.columns import id_of

router = APIRouter(include_in_schema=False)
PART = PartName.PLANNING_GRIDS


def key_priority_options(plan_id: int, values: Mapping[str, str], *, session: Session) -> list[tuple[str, str]]:
    """The Part 1 key priorities an objective can link to, and any number typed that Part 1 lacks."""
    summary = parts.read_part(plan_id, PartName.STRATEGIC_SUMMARY, session=session).model
    priorities = summary.key_priorities if isinstance(summary, StrategicSummary) else []
    options = [("", "Not linked to a key priority")]
    options += [(str(p.number), f"{p.number}. {p.title}") for p in sorted(priorities, key=lambda p: p.number)]
    known = {value for value, _ in options}
    linked = {value for name, value in values.items() if name.endswith("-key_priority") and value}
    options += [(number, f"{number} (not in Part 1)") for number in sorted(linked - known, key=int)]
    return options


def _context(grids: PlanningGrids, values: Mapping[str, str], view: plans.PlanView, session: Session) -> dict[str, Any]:
    return {
        "names": form,
        "grids": form.draft_from(values, form.grid_numbers(values, grids)),
        # Appendix 1 of the guidance, shown as hints under each grid's heading.
        "grid_prompts": GRID_PROMPTS,
        "cross_cutting_prompts": CROSS_CUTTING_PROMPTS,
        "themes": [(theme.value, title) for theme, title in THEME_TITLES.items()],
        "key_priority_options": key_priority_options(id_of(view.plan), values, session=session),
    }


PAGE = PartPage(
    part=PART,
    template="planning_grids.html",
    model=PlanningGrids,
    form_values=form.form_values,
    read_posted=form.read_posted,
    place_findings=form.place_findings,
    labels=lambda grids, values: form.field_labels(values),
    saved_message="Part 3 is saved.",
    context=_context,
    rearrange=form.rearrange,
)


part_editing.add_routes(
    router,
    PAGE,
    show_name="planning_grids_page",
    show_doc="Part 3 as stored, with its findings beside the objectives and actions they are about.",
    save_name="save_planning_grids",
    save_doc="Save Part 3, or change its grids, objectives and actions on the form without saving.",
)
