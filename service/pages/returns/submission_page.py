"""A submission of a quarter's return as its reviewer reads it: what it holds, section by section, with each
question beside the action, metric or spend cell it is about, its replies, and the review's forms.

Where the review stands and what may be done next are the domain's (service/returns/reviews.py and
review_actions.py) and the policy's (capabilities, role_groups.QUESTION_REPLIERS); the page only shows
them, offering each form to those the route would let use it.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from plan_schema.funding_totals import SOURCE_FIELDS
from plan_schema.quarterly_return import ACTION_STATUS_LABELS
from service.access import accounts
from service.access.capabilities import Capability, capabilities
from service.access.guards import Viewer
from service.access.identity import CurrentPrincipal, Member, Principal
from service.access.role_groups import QUESTION_REPLIERS
from service.pages.journey.review_forms import Posted
from service.pages.rendering import render
from service.pages.returns.submission_downloads import downloads
from service.planning.plans import PlanView
from service.planning.timetable import lateness
from service.platform.deps import SessionDep
from service.platform.ids import DbId
from service.returns import anchors, reviews, submissions
from service.returns.anchors import Anchor
from service.returns.quarters import quarter_of
from service.tables.columns import id_of
from service.tables.return_reviews import AnchorKind
from service.tables.returns import ReturnSubmission

router = APIRouter(include_in_schema=False)
_DATES = ("due", "completed", "recovery_date")
Quarter = Annotated[int, Path(ge=1, le=4)]

# What the page says after each of its forms has done its work (?done=… after the redirect).
DONE = {
    "asked": "Your question is added. The partnership sees it beside what it is about.",
    "replied": "Your reply is added.",
    "resolved": "The question is marked as resolved.",
    "accepted": "The return is accepted. Any questions still open on it are closed.",
}
REVIEW_TAGS = {
    reviews.ReviewState.SUBMITTED: "govuk-tag--blue",
    reviews.ReviewState.QUESTIONS_OPEN: "govuk-tag--orange",
    reviews.ReviewState.ACCEPTED: "govuk-tag--green",
    reviews.ReviewState.NOT_SUBMITTED: "govuk-tag--grey",
}


@dataclass(frozen=True)
class ThreadView:
    """A question's thread as this submission's page shows it."""

    thread: reviews.Thread
    changed: bool | None  # None when asked on the submission shown; else whether its thing changed since
    can_reply: bool


@dataclass(frozen=True)
class Item:
    """One thing the submission holds that questions can be about, what it says, and the questions on it."""

    anchor: Anchor
    label: str
    said: Any
    threads: list[ThreadView] = field(default_factory=list)


def choice_value(anchor: Anchor) -> str:
    """The "what is it about?" select's value for a thing: "action|1.1.2", "spend-cell|police|Category"."""
    return "|".join([anchor.kind.value, anchor.key, *([anchor.category] if anchor.category is not None else [])])


def parse_choice(value: str) -> Anchor | None:
    """The thing a select value names; None for a value the select never offers."""
    kind, _, rest = value.partition("|")
    if kind not in {k.value for k in AnchorKind} or not rest:
        return None
    if kind == AnchorKind.SPEND_CELL.value:
        source, _, category = rest.partition("|")
        return Anchor(AnchorKind.SPEND_CELL, source, category) if category else None
    return Anchor(AnchorKind(kind), rest)


def _readable(said: dict[str, Any]) -> dict[str, Any]:
    """What the submission says of an action or metric, its ISO dates as dates (for the page's long dates)."""
    dates = {key: datetime.date.fromisoformat(said[key]) for key in _DATES if isinstance(said.get(key), str)}
    return said | dates


def _amount(text: Any) -> Decimal:
    try:
        return Decimal(str(text or "0"))
    except InvalidOperation:
        return Decimal(0)


def _may_reply(caller: Principal, can: frozenset[Capability], thread: reviews.Thread, latest: bool) -> bool:
    allowed = isinstance(caller, Member) and caller.role in QUESTION_REPLIERS[thread.anchor.kind]
    return latest and thread.is_open and Capability.ANSWER_RETURN_QUESTIONS in can and allowed


def _threads_by_anchor(
    shown: ReturnSubmission, all_made: list[ReturnSubmission], threads: list[reviews.Thread], may: Any
) -> dict[Anchor, list[ThreadView]]:
    held = {made.number: made.sections for made in all_made}
    found: dict[Anchor, list[ThreadView]] = {}
    for thread in threads:
        changed = None
        if thread.asked_on != shown.number:
            then = anchors.anchored(held.get(thread.asked_on, {}), thread.anchor)
            changed = then != anchors.anchored(shown.sections, thread.anchor)
        found.setdefault(thread.anchor, []).append(ThreadView(thread, changed, may(thread)))
    return found


def _spend(sections: dict[str, Any], threads: dict[Anchor, list[ThreadView]]) -> dict[str, Any]:
    """The spend grid narrowed to the sources something was spent from or asked about, and the questioned cells."""
    rows = anchors.spend_rows(sections)
    asked = {anchor.key for anchor in threads if anchor.kind is AnchorKind.SPEND_CELL}
    sources = [s for s in SOURCE_FIELDS if s in asked or any(_amount(row.get(s)) for row in rows)]
    cells = [
        Item(anchor, anchors.label(anchor, sections), _amount(anchors.anchored(sections, anchor)), threads[anchor])
        for anchor in anchors.anchors_of(sections)
        if anchor.kind is AnchorKind.SPEND_CELL and anchor in threads
    ]
    grid = []
    for row in rows:
        category = row.get("category", "")
        # Each cell with the questions on it, so the grid links to them where the figure is.
        amounts = [(_amount(row.get(s)), Anchor(AnchorKind.SPEND_CELL, s, category)) for s in sources]
        grid.append(
            {
                "category": category,
                "cells": [(amount, anchor.slug, len(threads.get(anchor, []))) for amount, anchor in amounts],
                "total": sum((_amount(row.get(s)) for s in SOURCE_FIELDS), Decimal(0)),
            }
        )
    return {"sources": [(s, anchors.source_label(s)) for s in sources], "grid": grid, "cells": cells}


def _about_options(sections: dict[str, Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[AnchorKind, list[tuple[str, str]]] = {kind: [] for kind in AnchorKind}
    for anchor in anchors.anchors_of(sections):
        groups[anchor.kind].append((choice_value(anchor), anchors.label(anchor, sections)))
    titles = {AnchorKind.ACTION: "Actions", AnchorKind.METRIC: "Metrics", AnchorKind.SPEND_CELL: "Spend cells"}
    return [(titles[kind], options) for kind, options in groups.items() if options]


def submission_page(
    request: Request,
    view: PlanView,
    caller: Principal,
    quarter: int,
    number: int,
    session: Session,
    *,
    posted: dict[str, Posted] | None = None,
    status: int = 200,
) -> HTMLResponse:
    """The page; `posted` holds a refused form (by form name) to show again with its errors."""
    plan_id = id_of(view.plan)
    shown = submissions.submission(plan_id, quarter, number, session=session)
    all_made = list(submissions.submissions_of(plan_id, quarter, session=session))
    latest = all_made[-1].number == number
    summary = reviews.review_summary(plan_id, quarter, session=session)
    acceptances = reviews.acceptances_of(plan_id, quarter, session=session)
    can = capabilities(caller, view)
    threads = reviews.threads_of(plan_id, quarter, session=session, up_to=number)
    by_anchor = _threads_by_anchor(shown, all_made, threads, lambda thread: _may_reply(caller, can, thread, latest))
    sections = shown.sections
    held = anchors.anchors_of(sections)
    items = {
        kind: [
            Item(
                anchor,
                anchors.label(anchor, sections),
                _readable(anchors.anchored(sections, anchor)),
                by_anchor.get(anchor, []),
            )
            for anchor in held
            if anchor.kind is kind
        ]
        for kind in (AnchorKind.ACTION, AnchorKind.METRIC)
    }
    elsewhere = [view_ for anchor, views in by_anchor.items() if anchor not in held for view_ in views]
    accepted_this = any(acceptance.submission == number for acceptance in acceptances)
    forms = {"question": Posted(), "reply": Posted(), "acceptance": Posted()} | (posted or {})
    if not posted and request.query_params.get("about"):
        forms["question"].values = {"about": request.query_params["about"]}
    people = [shown.submitted_by, *(a.accepted_by for a in acceptances)]
    people += [t.question.asked_by for t in threads] + [r.author_id for t in threads for r in t.replies]
    people += [t.question.closed_by for t in threads if t.question.closed_by]
    context = {
        "caller": caller,
        # Named apart from `caller`, which inside a Jinja macro means the macro's caller.
        "csrf_token": (caller.csrf_token or "") if isinstance(caller, Member) else "",
        "view": view,
        "plan_id": plan_id,
        "quarter": quarter_of(view.cycle, quarter),
        "submission": shown,
        "lateness": lateness(shown.days_late),
        "latest_number": all_made[-1].number,
        "is_latest": latest,
        "summary": summary,
        "review_tag": REVIEW_TAGS[summary.state],
        "acceptances": acceptances,
        "accepted_this": accepted_this,
        "names": accounts.names_of(people, session=session),
        "status_labels": {status.value: label for status, label in ACTION_STATUS_LABELS.items()},
        "actions": items[AnchorKind.ACTION],
        "metrics": items[AnchorKind.METRIC],
        "spend": _spend(sections, by_anchor),
        "elsewhere": elsewhere,
        "can_ask": latest and not accepted_this and Capability.REVIEW_RETURNS in can,
        "can_resolve": latest and Capability.REVIEW_RETURNS in can,
        "about_options": _about_options(sections),
        "choice_value": choice_value,
        "forms": forms,
        "error_list": [(text, name) for form in forms.values() for name, text in form.errors.items()],
        "done": DONE.get(request.query_params.get("done", "")),
        "downloads": downloads(view, shown, session=session),
    }
    return render(request, "returns/submitted.html", context, status=status)


@router.get("/plans/{plan_id}/returns/{quarter}/submissions/{number}", response_class=HTMLResponse)
def submitted_page(
    request: Request, view: Viewer, caller: CurrentPrincipal, quarter: Quarter, number: DbId, session: SessionDep
) -> HTMLResponse:
    """What was submitted, section by section, where its review stands, and its questions beside what they ask."""
    return submission_page(request, view, caller, quarter, number, session)
