"""What changed between two submissions, field by field, as a page with a choice of the two."""

import json
import re
from decimal import Decimal
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from plan_schema.vocabulary import PartName
from plan_schema.wording import plural, pounds
from service.access import policy
from service.access.capabilities import Capability, capabilities
from service.access.identity import CurrentPrincipal
from service.journey import snapshot_diff, submissions
from service.pages.journey import field_choices
from service.pages.planning.plan_pages import plan_heading
from service.pages.rendering import render
from service.planning import plans
from service.platform.deps import SessionDep
from service.platform.ids import DbId
from service.tables.columns import id_of
from service.tables.journey import Submission

router = APIRouter(include_in_schema=False)
_MONEY = re.compile(r"-?[0-9]+\.[0-9]{2}")


def shown_value(value: Any, part: str = "") -> str:
    """A field's value as the table shows it: money in pounds, text as typed, lists and objects as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        # Part 4's figures are stored as "1234.50"; its pages show them as £1,234.50.
        return pounds(Decimal(value)) if part == PartName.FUNDING.value and _MONEY.fullmatch(value) else value
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "), default=str)


def part_counts(changes: list[snapshot_diff.FieldChange], before: Submission, after: Submission) -> dict[str, str]:
    """What changed in each part, in words; a part only one submission carried is said so, its fields not counted."""
    counts = snapshot_diff.summarise(changes)
    said: dict[str, str] = {}
    for part in PartName:
        name = part.value
        if name not in counts:
            continue
        if name not in before.parts:
            said[name] = f"first submitted in submission {after.number}, so each of its fields is shown as added"
        elif name not in after.parts:
            said[name] = f"not in submission {after.number}, so each of its fields is shown as removed"
        else:
            said[name] = f"{plural(counts[name], 'field')} changed"
    return said


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
        "comment_href": comment_href if Capability.COMMENT in capabilities(caller, view) else None,
        "labels": {},
        "nothing_to_compare": None,
    }
    if history:
        try:
            # An unknown submission is the 404 page, as the API answers 404; a default end the plan has not
            # reached yet (no final submission) leaves the choice to the reader, saying why.
            before, after = submissions.compared(plan_id, from_submission, to_submission, session=session)
        except submissions.NothingToCompare as missing:
            context["nothing_to_compare"] = missing.detail
            return render(request, "diff.html", context)
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
            "counts": part_counts(changes, before, after),
        }
    return render(request, "diff.html", context)
