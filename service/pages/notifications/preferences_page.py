"""The signed-in user's email settings: each event message at once, or a weekly digest."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from service.access.guards import SignedIn, SignedInForm
from service.access.identity import Member
from service.notifications import preferences
from service.pages.planning.part_editing import posted_fields
from service.pages.rendering import render
from service.platform.deps import SessionDep
from service.platform.errors import InvalidInput, PreconditionFailed
from service.tables.notifications import Cadence

router = APIRouter(include_in_schema=False)
PATH = "/account/notifications"


def _page(
    request: Request,
    caller: Member,
    preference: preferences.Preference,
    *,
    chosen: str | None = None,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    context = {
        "caller": caller,
        "version": preference.version,
        "chosen": chosen if chosen is not None else preference.cadence.value,
        "options": [(cadence.value, label) for cadence, label in preferences.CADENCE_LABELS.items()],
        "error": error,
        "error_list": [(error, "cadence")] if error else [],
        "saved": request.query_params.get("saved") == "1",
    }
    return render(request, "notifications/preferences.html", context, status=status)


@router.get(PATH, response_class=HTMLResponse)
def preferences_page(request: Request, caller: SignedIn, session: SessionDep) -> HTMLResponse:
    """How often the user gets emails about plans and returns, as a form."""
    return _page(request, caller, preferences.preference_of(caller.user_id, session=session))


@router.post(PATH, response_class=HTMLResponse)
def save_preferences(
    request: Request,
    caller: SignedInForm,
    posted: Annotated[dict[str, str], Depends(posted_fields)],
    session: SessionDep,
) -> Response:
    """Save the choice if nobody changed it since the form was shown; otherwise say so and show the current one."""
    current = preferences.preference_of(caller.user_id, session=session)
    typed = posted.get("cadence", "")
    try:
        cadence = preferences.parse_cadence(typed)
    except InvalidInput:
        return _page(request, caller, current, chosen=typed, error=preferences.CADENCE_ERROR, status=422)
    version = posted.get("version", "")
    if not version.isdigit() or len(version) > 9:
        return _page(request, caller, current, chosen=cadence.value, error=preferences.STALE_FORM, status=409)
    try:
        preferences.set_cadence(caller.user_id, Cadence(cadence), version=int(version), session=session)
    except PreconditionFailed:
        return _page(request, caller, current, error=preferences.STALE_FORM, status=409)
    return RedirectResponse(f"{PATH}?saved=1", status_code=303)
