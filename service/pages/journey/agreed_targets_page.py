"""The agreed targets on the review page: the reviewer records the agreed % change, the planner confirms it."""

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from plan_schema import typed_numbers
from service.access.guards import TargetConfirmerForm, TargetRecorderForm
from service.journey import agreed_targets
from service.pages.journey.review_forms import Posted, field_errors
from service.pages.journey.review_pages import done, review_page
from service.pages.planning.part_editing import posted_fields
from service.platform.deps import SessionDep
from service.platform.errors import Conflict, InvalidInput

router = APIRouter(include_in_schema=False)


def read_percentages(fields: dict[str, str]) -> tuple[Posted, dict[str, Decimal]]:
    """The agreed % per indicator as typed and as numbers, read as Part 2's % fields are, each one required."""
    posted = Posted({name: value for name, value in fields.items() if name.startswith("pct-")})
    agreed: dict[str, Decimal] = {}
    for indicator in agreed_targets.AGREED_INDICATORS:
        name = f"pct-{indicator.value}"
        # Any precision, as the API records it; the wording of a refusal is the one every % field uses.
        figure, problem = typed_numbers.percentage(fields.get(name, ""), places=None)
        if figure is not None:
            agreed[indicator.value] = figure
        else:
            posted.errors[name] = f"{indicator.value}: {problem or 'Enter the agreed % change'}"
    return posted, agreed


@router.post("/plans/{plan_id}/review/agreed-targets", response_class=HTMLResponse)
def record(
    request: Request,
    recorder: TargetRecorderForm,
    fields: Annotated[dict[str, str], Depends(posted_fields)],
    session: SessionDep,
) -> Response:
    """Record the % change agreed per indicator; the planner then confirms it."""
    posted, agreed = read_percentages(fields)
    status = 422
    if not posted.errors:
        try:
            agreed_targets.record(recorder.plan_id, agreed, reviewer=recorder.member, session=session)
        except InvalidInput as refused:
            pointers = {f"/planned_change_pct/{key}": f"pct-{key}" for key in agreed}
            posted.errors = field_errors(refused, pointers, next(iter(pointers.values())))
        except Conflict as not_now:  # not published yet, or past the deadline: the form is no longer offered
            posted.errors, status = {"agreed-targets": not_now.detail}, not_now.status
    if posted.errors:
        forms = {"targets": posted}
        return review_page(request, recorder.view, recorder.member, session, posted=forms, status=status)
    return done(recorder.plan_id, "targets", "#agreed-targets")


@router.post("/plans/{plan_id}/review/agreed-targets/confirmation")
def confirm(confirmer: TargetConfirmerForm, session: SessionDep) -> Response:
    """The planner confirms what the reviewer recorded; the plan's targets are then agreed."""
    agreed_targets.confirm(confirmer.plan_id, planner=confirmer.member, session=session)
    return done(confirmer.plan_id, "confirmed", "#agreed-targets")
