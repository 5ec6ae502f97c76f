"""What every part's page does alike: show the part with its findings, save it, and survive a stale save.

Each part supplies a `PartPage`: its form's field names, how a posted form becomes a document,
where its findings are shown, and its template. The flow is the same for all four parts:
GET shows the stored part; POST saves it with the version the form was opened at; a save that
someone else beat comes back merged from three versions (part_conflicts), with a choice wherever
both changed the same thing; a plan the timetable has locked says why. Nothing here knows about
funding, targets or grids.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel
from sqlmodel import Session

from plan_schema.vocabulary import PART_SHORT_TITLES, PART_TITLES, PartName
from service.access import policy
from service.access.capabilities import EDIT, capabilities, role_may
from service.access.identity import CurrentPrincipal, Principal
from service.pages.form_limits import MAX_FIELD_BYTES, MAX_FORM_FIELDS
from service.pages.planning import part_conflicts
from service.pages.planning.part_conflicts import Conflict
from service.pages.planning.part_findings import (
    errors_left,
    in_page_order,
    posted_findings,
    saved_with_findings,
    stored_findings,
    to_do_sentence,
)
from service.pages.planning.part_form import PlacedFinding, Posted, Rearranged, messages_by_field
from service.pages.planning.plan_pages import part_page_context, part_page_viewer, plan_heading
from service.pages.rendering import render
from service.planning import parts, plans, validation, workflow
from service.platform.deps import SessionDep
from service.platform.errors import PreconditionFailed
from service.platform.event_loop import on_the_loop
from service.platform.ids import db_integer
from service.tables.columns import id_of
from validators.findings import Finding, Severity, count_by_severity

# The submit button a form's structural buttons (add, remove, move) share with Save.
ACTION_FIELD = "action"
SAVE = "save"
# The second submit button beside Save: save, then go on to the next page if nothing is left to fix here.
CONTINUE_FIELD = "continue"
# Add, remove and move buttons: the posted values rearranged, or None for a button it does not know.
Rearranger = Callable[[Mapping[str, str], str, Any], Rearranged | None]


async def posted_fields(request: Request) -> dict[str, str]:
    """The posted form's text fields (FastAPI has already parsed it for the CSRF field, with the same limits)."""
    posted = await request.form(max_fields=MAX_FORM_FIELDS, max_part_size=MAX_FIELD_BYTES)
    return {name: value for name, value in posted.items() if isinstance(value, str)}


def part_short_name(part: PartName) -> str:
    """ "Part 4", as sentences name a part."""
    return PART_SHORT_TITLES[part]


def editing_refusal(view: plans.PlanView, caller: Principal, part: PartName, session: Session) -> str | None:
    """Why this caller cannot change the part here, or None when they can (what policy.capabilities says)."""
    if EDIT[part] in capabilities(caller, view):
        return None
    if not role_may(caller, EDIT[part]):
        return f"You can read {part_short_name(part)} but your role does not change it."
    try:
        workflow.ensure_part_editable(view.plan, part, session=session)
    except workflow.PlanLocked as locked:
        return locked.detail
    return f"You cannot change {part_short_name(part)} now."


@dataclass(frozen=True)
class PartPage:
    """How one part's page is made: its form, its findings' places and its template."""

    part: PartName
    template: str
    model: type[BaseModel]
    form_values: Callable[[Any], dict[str, str]]
    read_posted: Callable[[Mapping[str, str], Any], Posted]
    place_findings: Callable[[Iterable[Finding], Any], list[PlacedFinding]]
    labels: Callable[[Any, Mapping[str, str]], dict[str, str]]
    saved_message: str
    unreadable_template: str = "part_unreadable.html"
    # The part's own context (tables, grids, hints), from the model shown and the values typed.
    context: Callable[[Any, Mapping[str, str], plans.PlanView, Session], dict[str, Any]] = lambda *_: {}
    rearrange: Rearranger | None = None
    noun: tuple[str, str] = ("field", "fields")
    # Where "Save and continue" goes from this page (the plan's id in, a URL out); the next part's page by default.
    continue_to: Callable[[int], str] | None = None
    # A page showing some of the part (one of Part 3's grids: "/2") is at this under the part's URL.
    subpath: str = ""
    # Labels that need the plan (Part 2 names each PCT as the partnership's reference data does).
    relabel: Callable[[Mapping[str, str], plans.PlanView, Session], dict[str, str]] = lambda *_: {}
    # Whether a field id is on this page (the comments on other fields are listed on the pages showing them).
    shows_field: Callable[[str], bool] = lambda field_id: True

    @property
    def path(self) -> str:
        """The page's URL under its plan."""
        return self.part.value + self.subpath

    def next_href(self, plan_id: int) -> str:
        """Where "Save and continue" goes: the next part's page, or the plan's task list after Part 4."""
        if self.continue_to is not None:
            return self.continue_to(plan_id)
        order = list(PartName)
        place = order.index(self.part) + 1
        return f"/plans/{plan_id}/{order[place].value}" if place < len(order) else f"/plans/{plan_id}"


@dataclass(frozen=True)
class Shown:
    """What one showing of the form holds besides the plan: the document, the typed values and the bookkeeping."""

    model: BaseModel
    values: dict[str, str]
    version: int
    input_errors: dict[str, str] = field(default_factory=dict)
    # After a stale save: what both people changed (to choose between), and the fields only the other person did.
    conflicts: list[Conflict] = field(default_factory=list)
    theirs_only: dict[str, str] = field(default_factory=dict)
    unchosen: dict[str, str] = field(default_factory=dict)
    notice: str = ""
    message: str = ""
    focus: str = ""
    # After an add, remove or move, the stored findings no longer line up with the fields shown.
    with_findings: bool = True
    # A form the model refused: what it accepts of it, for the rules to read, and what had to be left out.
    best: BaseModel | None = None
    left_out: tuple[str, ...] = ()
    # The part as read to show it as stored: its findings are read from it, not from reading the part again.
    stored: parts.StoredPart | None = None


def render_form(
    request: Request,
    page: PartPage,
    view: plans.PlanView,
    caller: Principal,
    session: Session,
    shown: Shown,
    *,
    status: int = 200,
) -> HTMLResponse:
    """The form with whatever it must show: typed values, their errors, findings, or someone else's changes."""
    findings: list[PlacedFinding] = []
    if shown.input_errors and shown.best is not None:
        findings = posted_findings(view, page.part, shown.best, shown.left_out, page.place_findings, session)
    elif not shown.input_errors and shown.with_findings:
        findings = stored_findings(view, page.part, shown.model, page.place_findings, session, stored=shown.stored)
    labels = page.labels(shown.model, shown.values) | page.relabel(shown.values, view, session)
    refusal = editing_refusal(view, caller, page.part, session)
    saved = request.query_params.get("saved") == "1"
    imported = request.query_params.get("imported") == "1"  # back from a workbook upload
    # As GOV.UK forms do, what is still to do shows as errors only once the user has acted: saved, or asked to
    # check the part. Before that the page says how much is left, not a red summary of an unfinished form.
    checking = request.method == "POST" or saved or imported or request.query_params.get("check") == "1"
    to_do = count_by_severity(placed.finding for placed in findings).errors
    if shown.input_errors:
        # What could not be read or the model refused, and beside the other fields what the rules found.
        found = messages_by_field(findings, Severity.ERROR)
        errors = {name: [message] for name, message in shown.input_errors.items()}
        errors |= {name: texts for name, texts in found.items() if name not in errors}
        summary = [(f"{labels.get(name, name)}: {text}", name) for name, text in shown.input_errors.items()]
        summary += [(text, name) for name, texts in found.items() if name not in shown.input_errors for text in texts]
        summary = in_page_order(summary, shown.values)
    elif checking:
        # A rule's message names what it is about ("Objective 1.2 action 1 needs …"): no label in front.
        errors = messages_by_field(findings, Severity.ERROR)
        summary = in_page_order([(text, name) for name, texts in errors.items() for text in texts], shown.values)
    else:
        errors, summary = {}, []
    summary = [(text, name) for name, text in shown.unchosen.items()] + summary
    # Each field both people changed says what the other person saved in it.
    changed = {name: value for conflict in shown.conflicts for name, value in conflict.note.fields.items()}
    saved_message = f"The workbook is imported into {part_short_name(page.part)}." if imported else page.saved_message
    context = part_page_context(view, caller, page.part, session=session) | {
        "caller": caller,
        "title": PART_TITLES[page.part],
        "part_name": part_short_name(page.part),
        "form_action": f"/plans/{id_of(view.plan)}/{page.path}",
        "values": shown.values,
        "errors": errors,
        "warnings": messages_by_field(findings, Severity.WARNING),
        "error_list": summary,
        "changed": changed,
        "theirs_only": shown.theirs_only,
        "conflicts": shown.conflicts,
        "conflicts_json": part_conflicts.conflicts_json(shown.conflicts),
        "unchosen": shown.unchosen,
        "labels": labels,
        "version": shown.version,
        "refusal": refusal,
        "editable": refusal is None,
        "notice": shown.notice,
        "message": shown.message,
        "focus": shown.focus,
        # Saved with things still to fix: one message says both, in place of "There is a problem" and "Success".
        "saved": (saved or imported) and not summary,
        "saved_message": saved_message,
        "summary_title": saved_with_findings(saved_message, page.part, to_do) if (saved or imported) else "",
        "to_do": to_do_sentence(page.part, to_do) if not checking else "",
        "check_href": f"/plans/{id_of(view.plan)}/{page.path}?check=1",
    }
    context["comments"] = {name: items for name, items in context["comments"].items() if page.shows_field(name)}
    # The fields with anything to say under them: the rest skip the macros that would find nothing to say.
    context["noted"] = set(context["comments"]) | set(changed) | set(shown.theirs_only) | set(context["warnings"])
    context |= page.context(shown.model, shown.values, view, session)
    return render(request, page.template, context, status=status)


def show_stored(
    request: Request, page: PartPage, view: plans.PlanView, caller: Principal, session: Session
) -> HTMLResponse:
    """The part as stored, with its findings beside the fields they are about."""
    stored = parts.part_of(view, page.part, session=session)
    if not isinstance(stored.model, page.model):
        # Stored before a template change and no longer readable as this part: the API shows why.
        context = plan_heading(view, session=session) | {
            "caller": caller,
            "title": PART_TITLES[page.part],
            "part_name": part_short_name(page.part),
        }
        return render(request, page.unreadable_template, context, status=200)
    values = page.form_values(stored.model)
    shown = Shown(stored.model, values, stored.version, stored=stored)
    return render_form(request, page, view, caller, session, shown)


def save_posted(
    request: Request, page: PartPage, editing: policy.OnPlan, posted: dict[str, str], session: Session
) -> Response:
    """Save the part if nobody else has since the form was opened; otherwise merge and show the form again."""
    view, plan_id, member = editing.view, editing.plan_id, editing.member
    current = parts.read_part(plan_id, page.part, session=session)
    if not isinstance(current.model, page.model):
        return RedirectResponse(f"/plans/{plan_id}/{page.path}", status_code=303)
    version = db_integer(posted.get("version", ""))
    if version is None:
        notice = "This form was incomplete, so nothing was saved. Check your entries and save again."
        typed = page.read_posted(posted, current.model).values
        shown = Shown(current.model, typed, current.version, notice=notice)
        return render_form(request, page, view, member, session, shown, status=422)
    conflicts = part_conflicts.read_conflicts(posted)
    button = posted.get(ACTION_FIELD, SAVE) or SAVE
    if button != SAVE and page.rearrange is not None:
        return _rearrange(request, page, page.rearrange, editing, posted, session, button, current.model)
    result = page.read_posted(posted, current.model)
    unchosen = part_conflicts.unchosen(conflicts)
    if result.document is None or unchosen:
        shown = Shown(
            result.document or current.model,
            result.values,
            version,
            input_errors=result.errors,
            conflicts=conflicts,
            unchosen=unchosen,
            best=result.best,
            left_out=result.left_out,
        )
        return render_form(request, page, view, member, session, shown, status=422)
    document: BaseModel | None = result.document
    if conflicts:
        # The conflict page was built from `version`: "use theirs" means the value stored at it.
        theirs = parts.document_at(plan_id, page.part, version, session=session) or current.row.document
        document = part_conflicts.with_choices(page.model, result.document, conflicts, theirs)
    if document is None:
        notice = "Those choices together make a part that cannot be saved. Choose again, then save."
        shown = Shown(result.document, result.values, version, conflicts=conflicts, notice=notice)
        return render_form(request, page, view, member, session, shown, status=422)
    try:
        validation.save_part(
            view, page.part, document, expected_version=version, session=session, changed_by=member.user_id
        )
    except PreconditionFailed:
        return _stale(request, page, editing, session, document, version)
    except workflow.PlanLocked as locked:
        shown = Shown(current.model, result.values, current.version, conflicts=conflicts, notice=locked.detail)
        return render_form(request, page, view, member, session, shown, status=409)
    # Post/redirect/get: reloading the saved page never posts the form twice.
    if posted.get(CONTINUE_FIELD) and not errors_left(view, page.part, page.place_findings, session):
        return RedirectResponse(page.next_href(plan_id), status_code=303)
    # Save, or Save and continue with things still to fix: the page again, with them.
    return RedirectResponse(f"/plans/{plan_id}/{page.path}?saved=1", status_code=303)


def add_routes(
    router: APIRouter, page: PartPage, *, show_name: str, show_doc: str, save_name: str, save_doc: str
) -> None:
    """Put the page's GET (the stored part, to whoever may see the plan) and POST (save it) on the router."""
    # Each route declares its own policy: create_app refuses a route without one.
    path = f"/plans/{{plan_id}}/{page.path}"

    def show(
        request: Request,
        view: Annotated[plans.PlanView, Depends(part_page_viewer(page.part))],
        caller: CurrentPrincipal,
        session: SessionDep,
    ) -> HTMLResponse:
        return show_stored(request, page, view, caller, session)

    def save(
        request: Request,
        editing: Annotated[policy.OnPlan, Depends(policy.part_form_editor(page.part))],
        posted: Annotated[dict[str, str], Depends(posted_fields)],
        session: SessionDep,
    ) -> Response:
        return save_posted(request, page, editing, posted, session)

    # The pages are not in the OpenAPI, so the docstrings are for whoever lists the routes.
    show.__name__ = show.__qualname__ = show_name
    save.__name__ = save.__qualname__ = save_name
    show.__doc__, save.__doc__ = show_doc, save_doc
    # The form as stored only reads and renders: on the event loop (platform/event_loop.py says why).
    router.add_api_route(path, on_the_loop(show), methods=["GET"], response_class=HTMLResponse, name=show_name)
    router.add_api_route(path, save, methods=["POST"], response_class=HTMLResponse, name=save_name)


def _rearrange(
    request: Request,
    page: PartPage,
    rearrange: Rearranger,
    editing: policy.OnPlan,
    posted: dict[str, str],
    session: Session,
    button: str,
    current: BaseModel,
) -> HTMLResponse:
    """An add, remove or move button: the form again with everything typed kept, and nothing saved."""
    typed = page.read_posted(posted, current).values
    rearranged = rearrange(typed, button, current)
    if rearranged is None:
        rearranged = Rearranged(typed, "That button is not one this form knows, so nothing changed.")
    # The version stays that of the form as first opened (and any choices to make stay too), so a
    # later save still finds out whether someone else saved meanwhile.
    shown = Shown(
        current,
        rearranged.values,
        int(posted["version"]),
        conflicts=part_conflicts.read_conflicts(posted),
        message=rearranged.message,
        focus=rearranged.focus,
        with_findings=False,
    )
    return render_form(request, page, editing.view, editing.member, session, shown)


def _stale(
    request: Request, page: PartPage, editing: policy.OnPlan, session: Session, mine: BaseModel, base_version: int
) -> Response:
    """Someone saved first: the form merged from the version it was opened at, theirs and mine, nothing saved."""
    now = parts.read_part(editing.plan_id, page.part, session=session)
    if not isinstance(now.model, page.model):  # only a newer save makes a save stale, and it parsed
        return RedirectResponse(f"/plans/{editing.plan_id}/{page.path}", status_code=303)
    base = parts.document_at(editing.plan_id, page.part, base_version, session=session)
    names = parts.saved_since(editing.plan_id, page.part, base_version, session=session)
    savers = " and ".join(names) if names else "someone else"
    merged = part_conflicts.three_way(page, base, now.model, mine, savers)
    if not merged.conflicts and not merged.theirs_only:
        # They changed only what this page does not show (another of Part 3's grids): nothing here to check again.
        try:
            validation.save_part(
                editing.view,
                page.part,
                merged.model,
                expected_version=now.version,
                session=session,
                changed_by=editing.member.user_id,
            )
        except PreconditionFailed:
            pass  # someone saved again meanwhile: show this user the form, as below
        else:
            return RedirectResponse(f"/plans/{editing.plan_id}/{page.path}?saved=1", status_code=303)
    notice = part_conflicts.stale_notice(page.part, now.version, savers, merged, page.noun)
    # The next save is made against the version just merged in, so it can only overwrite what this user has seen.
    shown = Shown(
        merged.model,
        merged.values,
        now.version,
        conflicts=merged.conflicts,
        theirs_only=merged.theirs_only,
        notice=notice,
    )
    return render_form(request, page, editing.view, editing.member, session, shown, status=409)
