"""What changed between two submissions, field by field, as a page with a choice of the two."""

import json
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from plan_schema.vocabulary import SubmissionStage
from service import plans, policy, snapshot_diff, submissions
from service.deps import SessionDep
from service.identity import CurrentPrincipal, Member
from service.ids import DbId
from service.models import id_of
from service.pages import field_choices
from service.pages.plan_pages import plan_heading
from service.pages.rendering import render
from service.workflow_models import Submission

router = APIRouter(include_in_schema=False)


def shown_value(value: Any) -> str:
    """A field's value as the table shows it: text as typed, lists and objects as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "), default=str)


def _default(history: list[Submission], stage: SubmissionStage, fallback: int) -> Submission:
    """The latest submission of a stage (as the API's diff defaults), else the one at `fallback`."""
    of_stage = [submission for submission in history if submission.stage == stage.value]
    return of_stage[-1] if of_stage else history[fallback]


def _chosen(
    plan_id: int, history: list[Submission], from_id: int | None, to_id: int | None, session: Session
) -> tuple[Submission, Submission]:
    before = submissions.get(plan_id, from_id, session=session) if from_id else None
    after = submissions.get(plan_id, to_id, session=session) if to_id else None
    return (
        before or _default(history, SubmissionStage.INITIAL, 0),
        after or _default(history, SubmissionStage.FINAL, -1),
    )


def comment_href(plan_id: int, change: snapshot_diff.FieldChange) -> str:
    """The review page's comment form, anchored to the changed field."""
    return f"/plans/{plan_id}/review?{urlencode({'part': change.part, 'path': change.path})}#new-comment"


@router.get("/plans/{plan_id}/diff", response_class=HTMLResponse)
def diff_page(
    request: Request,
    view: Annotated[plans.PlanView, Depends(policy.visible_plan)],
    caller: CurrentPrincipal,
    session: SessionDep,
    from_submission: Annotated[DbId | None, Query(alias="from")] = None,
    to_submission: Annotated[DbId | None, Query(alias="to")] = None,
) -> HTMLResponse:
    """Per-field changes; by default from the latest initial to the latest final submission."""
    plan_id = id_of(view.plan)
    history = list(submissions.list_for(plan_id, session=session))
    context = plan_heading(view, session=session) | {
        "caller": caller,
        "title": "What changed between submissions",
        "history": history,
        "changes": [],
        "counts": {},
        "before": None,
        "after": None,
        "shown_value": shown_value,
        "comment_href": comment_href if isinstance(caller, Member) and caller.role in policy.DISCUSSANTS else None,
        "labels": {},
    }
    if history:
        before, after = _chosen(plan_id, history, from_submission, to_submission, session)
        changes = snapshot_diff.diff_parts(before.parts, after.parts)
        # Named as the pages name them: a field removed since is named as it was.
        named = [field_choices.snapshot_fields(after.parts), field_choices.snapshot_fields(before.parts)]
        labels = {
            (change.part, change.path): next(
                (label for fields in named if (label := field_choices.label_of(fields, change.part, change.path))),
                None,
            )
            for change in changes
            if change.path
        }
        context |= {
            "labels": labels,
            "before": before,
            "after": after,
            "changes": changes,
            "counts": snapshot_diff.summarise(changes),
        }
    return render(request, "diff.html", context)
