"""A quarter's spend as a page: the Table 2 grid of actual spend beside its profile and variance, saved at a version.

The finance officer, planners and admins (whoever edits Part 4: role_groups.SPEND_REPORTERS) type the quarter's
spend; anyone else who sees the plan reads it. The page stands alone: the return's task list links to it.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from plan_schema.vocabulary import EXPENDITURE_SOURCES
from service.access.capabilities import Capability, capabilities
from service.access.guards import SpendReporterForm, Viewer
from service.access.identity import CurrentPrincipal, Principal
from service.pages.planning.part_editing import posted_fields
from service.pages.rendering import render
from service.pages.returns import spend_form
from service.planning import plans
from service.platform.deps import SessionDep
from service.platform.errors import InvalidInput, PreconditionFailed
from service.returns import spend, spend_variance
from service.tables.columns import id_of

router = APIRouter(include_in_schema=False)

Quarter = Annotated[int, Path(ge=1, le=4, description="The quarter of the plan year: 1 is April to June.")]
STALE = (
    "Someone else saved this quarter's spend since you opened it. Your figures are kept; the figures to date "
    "beside them are theirs. Check yours and save again to replace theirs"
)
# Where a problem with the whole form (not one figure) is shown, and what the error summary links to.
FORM = "spend-form"
NO_VERSION = "The form came without the version it was opened at. Open the page again and retype your figures"
NOT_YOURS = "You can read this quarter's spend, but your role does not report it."


def spend_context(view: plans.PlanView, caller: Principal, quarter: int, *, session: Session) -> dict[str, Any]:
    """What the page shows of a quarter: the stored figures worked out, and whether this caller may change them."""
    plan_id = id_of(view.plan)
    stored = spend.read_spend(plan_id, quarter, session=session)
    default_profile = spend_variance.profile_to_date(spend.table_2(plan_id, session=session), quarter)
    return {
        "view": view,
        "plan_id": plan_id,
        "caller": caller,
        "quarter": quarter,
        "months": spend_variance.quarter_months(view.cycle.plan_year, quarter),
        "result": spend.variance_of(plan_id, quarter, session=session),
        "stored": stored,
        "sources": EXPENDITURE_SOURCES,
        "names": spend_form,
        "editable": Capability.REPORT_SPEND in capabilities(caller, view),
        "not_yours": NOT_YOURS,
        "form_anchor": FORM,
        "values": spend_form.form_values(stored.entry, default_profile),
        "profile_entered": stored.entry.profile is not None,
        "errors": {},
        "error_list": [],
        "version": stored.version,
    }


@router.get("/plans/{plan_id}/returns/{quarter}/spend", response_class=HTMLResponse)
def spend_page(
    request: Request, view: Viewer, quarter: Quarter, caller: CurrentPrincipal, session: SessionDep
) -> HTMLResponse:
    """The quarter's spend against its profile: a form for those who report it, the figures for everyone else."""
    context = spend_context(view, caller, quarter, session=session)
    context["saved"] = request.query_params.get("saved") in ("1", "profile-cleared")
    context["profile_cleared"] = request.query_params.get("saved") == "profile-cleared"
    return render(request, "returns/spend.html", context)


@router.post("/plans/{plan_id}/returns/{quarter}/spend", response_class=HTMLResponse)
def save_spend(
    request: Request,
    reporting: SpendReporterForm,
    quarter: Quarter,
    posted: Annotated[dict[str, str], Depends(posted_fields)],
    session: SessionDep,
) -> Response:
    """Save the quarter if nobody has since the form was opened; else show the form again, everything typed kept."""
    plan_id = reporting.plan_id
    stored = spend.read_spend(plan_id, quarter, session=session)
    categories = [row.category for row in stored.entry.actual]
    default_profile = spend_variance.profile_to_date(spend.table_2(plan_id, session=session), quarter)
    read = spend_form.read_posted(posted, stored.entry, categories, default_profile)
    errors = dict(read.errors)
    version = posted.get("version", "")
    if not version.isdigit():
        errors[FORM] = NO_VERSION  # nothing to compare with: saving could overwrite someone's figures unseen
    elif read.entry is not None:
        try:
            spend.save_spend(
                plan_id,
                quarter,
                read.entry,
                expected_version=int(version),
                by=reporting.member.user_id,
                session=session,
            )
        except PreconditionFailed:
            errors[FORM] = STALE
        except InvalidInput as refused:
            errors[FORM] = refused.detail
        else:
            saved = "profile-cleared" if posted.get(spend_form.PROFILE_ACTION) == spend_form.CLEAR else "1"
            return RedirectResponse(f"/plans/{plan_id}/returns/{quarter}/spend?saved={saved}", status_code=303)
    context = spend_context(reporting.view, reporting.member, quarter, session=session)
    context |= {"values": read.values, "errors": errors, "error_list": [(text, name) for name, text in errors.items()]}
    return render(request, "returns/spend.html", context, status=409 if STALE in errors.values() else 422)
