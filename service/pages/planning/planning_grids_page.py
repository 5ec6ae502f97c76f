"""Part 3 (planning grids) as pages: a list of the grids, and each grid on a page of its own.

The list (/planning-grids) says where each grid is and links to it, with a way to add a local grid.
A grid's page (/planning-grids/2) is a part page (part_editing) whose form holds that grid alone:
"Save and continue" goes on to the next grid, and after the last to the list. Adding, removing and
moving an objective or an action is a submit button of the same form (name="action",
value="add-objective:2") that re-shows it with everything typed kept and saves nothing. Removing a
local grid asks first, then saves the part without it.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from plan_schema.grid_prompts import CROSS_CUTTING_PROMPTS, GRID_PROMPTS
from plan_schema.planning_grids import PlanningGrids
from plan_schema.strategic_summary import StrategicSummary
from plan_schema.vocabulary import PART_TITLES, THEME_TITLES, PartName
from plan_schema.wording import plural
from service.access import policy
from service.access.identity import CurrentPrincipal
from service.pages.journey.confirmation import CONFIRMED, Question, confirmation_page
from service.pages.planning import grid_page_form, part_editing
from service.pages.planning import planning_grids_form as form
from service.pages.planning.part_editing import ACTION_FIELD, PartPage, editing_refusal, posted_fields
from service.pages.planning.part_findings import to_do_sentence
from service.pages.planning.plan_pages import STATUS_TAGS, PartPageViewer, part_page_context, part_page_viewer
from service.pages.rendering import render
from service.planning import parts, plans, validation, workflow, year_on_year
from service.planning.part_status import PartStatus
from service.platform.deps import SessionDep
from service.platform.errors import NotFound, PreconditionFailed
from service.platform.event_loop import on_the_loop
from service.platform.ids import db_integer
from service.tables.columns import id_of
from validators.findings import Finding, count_by_severity

router = APIRouter(include_in_schema=False)
PART = PartName.PLANNING_GRIDS
LIST_PATH = "planning-grids"
REMOVE = "remove-grid"


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


def _list_href(plan_id: int) -> str:
    return f"/plans/{plan_id}/{LIST_PATH}"


def grid_page(number: int, stored: PlanningGrids) -> PartPage:
    """The part page of grid `number` of the part as `stored`: its form holds that grid; saving it saves
    the part with the other grids as stored, and "Save and continue" goes on to the grid after it."""
    following = grid_page_form.next_grid(stored, number)

    def context(
        grids: PlanningGrids, values: Mapping[str, str], view: plans.PlanView, session: Session
    ) -> dict[str, Any]:
        plan_id = id_of(view.plan)
        stored_title = next((grid.title for grid in grids.grids if grid.number == number), "")
        return {
            # The page's heading: which grid this is, as the list names it.
            "title": f"Part 3, grid {number}: {stored_title or 'a new local grid'}",
            "names": form,
            "grid": form.draft_from(values, [number])[0],
            "grid_prompts": GRID_PROMPTS,  # Appendix 1 of the guidance, shown as hints under the grid's heading
            "cross_cutting_prompts": CROSS_CUTTING_PROMPTS,
            "themes": [(theme.value, title) for theme, title in THEME_TITLES.items()],
            "key_priority_options": key_priority_options(plan_id, values, session=session),
            "list_href": _list_href(plan_id),
            "continues_to": f"grid {following}" if following else "the list of grids",
            "removable": form.is_local(number) and number in grid_page_form.numbers(grids),
            "save_what": f"grid {number}",
        }

    return PartPage(
        part=PART,
        template="planning_grid.html",
        model=PlanningGrids,
        form_values=lambda grids: grid_page_form.values(grids, number),
        read_posted=lambda posted, current: grid_page_form.read_posted(posted, current, number),
        place_findings=lambda findings, document: grid_page_form.place_findings(findings, document, number),
        labels=lambda grids, values: grid_page_form.labels(values, number),
        saved_message=f"Grid {number} is saved.",
        context=context,
        rearrange=lambda values, button, current: grid_page_form.rearrange(values, button),
        continue_to=lambda plan_id: f"{_list_href(plan_id)}/{following}" if following else _list_href(plan_id),
        subpath=f"/{number}",
        shows_field=lambda field_id: grid_page_form.grid_of(field_id) == number,
    )


# Part 3 as a whole, as the comment choices and check your answers read it (every grid's fields, by their
# labels); the pages themselves are the list and a page per grid.
PAGE = PartPage(
    part=PART,
    template="planning_grid.html",
    model=PlanningGrids,
    form_values=form.form_values,
    read_posted=form.read_posted,
    place_findings=form.place_findings,
    labels=lambda grids, values: form.field_labels(values),
    saved_message="Part 3 is saved.",
    subpath="",
)


@dataclass(frozen=True)
class GridItem:
    """One grid on Part 3's list, as templates/macros/govuk.html's task list shows it."""

    number: int
    title: str
    href: str
    objectives: int
    errors: int
    warnings: int

    @property
    def status(self) -> PartStatus:
        """Not started while it has no objective, then in progress while the rules find errors, then completed."""
        if not self.objectives and not self.errors:
            return PartStatus.NOT_STARTED
        return PartStatus.IN_PROGRESS if self.errors else PartStatus.COMPLETED

    @property
    def tag_classes(self) -> str | None:
        """The GOV.UK tag colour of the status, or None for plain text."""
        return STATUS_TAGS[self.status]

    @property
    def hint(self) -> str:
        """Its objectives and what is left, in words."""
        said = [plural(self.objectives, "objective")]
        said += [f"{plural(self.errors, 'thing')} to do"] if self.errors else []
        said += [f"{plural(self.warnings, 'thing')} to check"] if self.warnings else []
        return "; ".join(said)


def grid_items(plan_id: int, grids: PlanningGrids, findings: list[Finding]) -> list[GridItem]:
    """Each grid of the part in order, with what the rules find in it."""
    by_index: dict[int, list[Finding]] = {}
    for finding in findings:
        segments = finding.path.split("/")
        if len(segments) > 2 and segments[1] == "grids" and segments[2].isdigit():
            by_index.setdefault(int(segments[2]), []).append(finding)
    items = []
    for index, grid in enumerate(grids.grids):
        counts = count_by_severity(by_index.get(index, []))
        title = f"Grid {grid.number}: {grid.title}" if grid.title else f"Grid {grid.number}"
        href = f"{_list_href(plan_id)}/{grid.number}"
        items.append(GridItem(grid.number, title, href, len(grid.objectives), counts.errors, counts.warnings))
    return items


@router.get(f"/plans/{{plan_id}}/{LIST_PATH}", response_class=HTMLResponse)
@on_the_loop
def planning_grids_page(
    request: Request,
    view: Annotated[plans.PlanView, Depends(part_page_viewer(PART))],
    caller: CurrentPrincipal,
    session: SessionDep,
) -> HTMLResponse:
    """Part 3's grids: where each is, a link to its page, and the way to add a local grid."""
    plan_id = id_of(view.plan)
    stored = parts.part_of(view, PART, session=session)
    if not isinstance(stored.model, PlanningGrids):
        return part_editing.show_stored(request, PAGE, view, caller, session)  # says why it cannot be read
    items = grid_items(plan_id, stored.model, validation.part_findings(stored, view, session=session))
    refusal = editing_refusal(view, caller, PART, session)
    context = part_page_context(view, caller, PART, session=session)
    removed = db_integer(request.query_params.get("removed", ""))
    context |= {
        "caller": caller,
        "title": PART_TITLES[PART],
        "part_name": "Part 3",
        "grids": items,
        "to_do": to_do_sentence(PART, sum(item.errors for item in items)),
        "refusal": refusal,
        "editable": refusal is None,
        "new_grid": grid_page_form.new_local_grid(stored.model) if refusal is None else None,
        "list_href": _list_href(plan_id),
        "removed": removed,
        "carried_over": year_on_year.carried_over_actions(stored.stored_document),
        "carried_over_href": None,
        # The comments about a grid's fields are on its page; here, those about the part as a whole.
        "comments": {name: on for name, on in context["comments"].items() if grid_page_form.grid_of(name) is None},
    }
    return render(request, "planning_grids.html", context)


def _stored_grids(plan_id: int, number: int, session: Session) -> tuple[PlanningGrids, int]:
    """The part as stored (the standard grids if it no longer reads as Part 3) and its version; 404 for no such grid."""
    stored = parts.read_part(plan_id, PART, session=session)
    grids = stored.model if isinstance(stored.model, PlanningGrids) else PlanningGrids()
    if not grid_page_form.has_page(grids, number):
        raise NotFound(f"Part 3 has no grid {number}.")
    return grids, stored.version


@router.get(f"/plans/{{plan_id}}/{LIST_PATH}/{{grid}}", response_class=HTMLResponse)
@on_the_loop
def planning_grid_page(
    request: Request, grid: int, view: PartPageViewer, caller: CurrentPrincipal, session: SessionDep
) -> HTMLResponse:
    """One grid of Part 3 as stored (or a new local grid), with its findings beside its objectives and actions."""
    grids, _ = _stored_grids(id_of(view.plan), grid, session)
    return part_editing.show_stored(request, grid_page(grid, grids), view, caller, session)


@router.post(f"/plans/{{plan_id}}/{LIST_PATH}/{{grid}}", response_class=HTMLResponse)
def save_planning_grid(
    request: Request,
    grid: int,
    editing: Annotated[policy.OnPlan, Depends(policy.part_form_editor(PART))],
    posted: Annotated[dict[str, str], Depends(posted_fields)],
    session: SessionDep,
) -> Response:
    """Save one grid, change its objectives and actions on the form without saving, or remove a local grid."""
    grids, version = _stored_grids(editing.plan_id, grid, session)
    page = grid_page(grid, grids)
    if posted.get(ACTION_FIELD) != f"{REMOVE}:{grid}":
        return part_editing.save_posted(request, page, editing, posted, session)
    if grid not in grid_page_form.numbers(grids) or not form.is_local(grid):
        return RedirectResponse(_list_href(editing.plan_id), status_code=303)
    if posted.get("confirmed") != CONFIRMED:
        return _ask_to_remove(request, editing, session, grids, grid, posted.get("version", ""))
    try:
        validation.save_part(
            editing.view,
            PART,
            PlanningGrids.model_validate(grid_page_form.without(grids, grid)),
            expected_version=db_integer(posted.get("version", "")) or 0,
            session=session,
            changed_by=editing.member.user_id,
        )
    except (PreconditionFailed, workflow.PlanLocked) as refused:
        notice = (
            refused.detail
            if isinstance(refused, workflow.PlanLocked)
            else f"Someone else saved Part 3 since you opened grid {grid}, so it is not removed. "
            "Check it, then remove it again if you still want to."
        )
        shown = part_editing.Shown(grids, page.form_values(grids), version, notice=notice)
        return part_editing.render_form(request, page, editing.view, editing.member, session, shown, status=409)
    return RedirectResponse(f"{_list_href(editing.plan_id)}?removed={grid}", status_code=303)


def _ask_to_remove(
    request: Request, editing: policy.OnPlan, session: Session, grids: PlanningGrids, number: int, version: str
) -> HTMLResponse:
    """The question before a local grid is removed: what goes with it, and what happens to the grids after it."""
    grid = next(shown for shown in grids.grids if shown.number == number)
    here = f"{_list_href(editing.plan_id)}/{number}"
    consequences = [
        f"Grid {number}{f' ({grid.title})' if grid.title else ''} and its "
        f"{plural(len(grid.objectives), 'objective')} are removed from Part 3 and Part 3 is saved without them."
    ]
    if any(form.is_local(other) and other > number for other in grid_page_form.numbers(grids)):
        consequences.append("The local grids after it are renumbered, so that they still run on from grid 5.")
    asked = Question(
        question=f"Remove grid {number}?",
        consequences=tuple(consequences),
        action=here,
        button=f"Yes, remove grid {number}",
        back=here,
        fields={ACTION_FIELD: f"{REMOVE}:{number}", "version": version},
    )
    return confirmation_page(request, editing.view, editing.member, session, asked)
