"""Administration of accounts: the list, inviting someone (who sets their own password), deactivating, reactivating."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from service.access import account_links, accounts
from service.access.account_links import InvitationState
from service.access.guards import Admin, AdminForm
from service.access.identity import Member
from service.notifications import invitations
from service.pages.admin.admin_pages import ALL
from service.pages.planning.part_editing import posted_fields
from service.pages.rendering import render
from service.planning import reference
from service.platform.deps import SessionDep, SettingsDep
from service.platform.errors import Conflict, InvalidInput, NotFound
from service.platform.ids import DbId, db_integer
from service.tables.access import LinkPurpose, Role, User
from service.tables.columns import id_of

router = APIRouter(include_in_schema=False)
Posted = Annotated[dict[str, str], Depends(posted_fields)]

ROLE_NAMES: dict[Role, str] = {
    Role.PLANNER: "Planner",
    Role.FINANCE: "Finance officer",
    Role.REVIEWER: "Reviewer (regional panel)",
    Role.ADMIN: "Administrator",
}
# The form's fields, in the order the error summary names them, with how messages call them.
FIELD_LABELS = {
    "name": "Full name",
    "email": "Email address",
    "role": "Role",
    "partnership_id": "Partnership",
    "region_id": "Region",
}
TEXT_FIELDS = ("name", "email", "role", "partnership_id", "region_id")


# What the form says where the account rules' words are written for the API.
PAGE_MESSAGES = {
    "/email": "Enter an email address in the correct format, like name@example.com",
    "/partnership_id": "Select the partnership a planner or finance officer works for",
    "/region_id": "Select the region a reviewer reviews",
}


def _in_words(pointer: str, detail: str) -> str:
    """A rule's problem as the form says it."""
    if pointer in PAGE_MESSAGES and not detail.startswith("there is no"):
        return PAGE_MESSAGES[pointer]
    return f"{FIELD_LABELS.get(pointer.lstrip('/'), pointer)} {detail}"


def _scope_names(session: Session) -> tuple[dict[int, str], dict[int, str]]:
    partnerships = reference.list_partnerships(session=session, page=ALL)[0]
    regions = reference.list_regions(session=session, page=ALL)[0]
    return {id_of(row): row.name for row in partnerships}, {id_of(row): row.name for row in regions}


def _page(
    request: Request,
    caller: Member,
    session: Session,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    partnerships, regions = _scope_names(session)
    errors = errors or {}
    ordered = [name for name in FIELD_LABELS if name in errors]
    users = accounts.list_users(session=session)
    context: dict[str, Any] = {
        "caller": caller,
        "users": users,
        "partnerships": partnerships,
        "regions": regions,
        "role_names": {role.value: text for role, text in ROLE_NAMES.items()},
        "values": values or dict.fromkeys(TEXT_FIELDS, ""),
        "errors": errors,
        "error_list": [(errors[name], name) for name in ordered],
        "invitations": _invitations(users, session),
        "lifetime": account_links.LIFETIME_IN_WORDS[LinkPurpose.INVITATION],
        "notice": _notice(request, session),
    }
    return render(request, "admin/users.html", context, status=status)


@dataclass(frozen=True)
class Invitation:
    """How far an account is set up, as its row shows it."""

    state: InvitationState
    expires: str  # when a pending invitation's link stops working, in words


def _invitations(users: Sequence[User], session: Session) -> dict[int, Invitation]:
    latest = account_links.latest_invitations([id_of(user) for user in users], session=session)
    shown: dict[int, Invitation] = {}
    for user in users:
        link = latest.get(id_of(user))
        state = account_links.invitation_state(user, link)
        shown[id_of(user)] = Invitation(state, invitations.when(link.expires_at) if link is not None else "")
    return shown


def _notice(request: Request, session: Session) -> str:
    """What the last action did, from the query the redirect after it carried."""
    said = {
        "created": "An account is created for {email}. We have sent them an invitation to set their password.",
        "invited": "We have sent {email} a new invitation. The link in the one before no longer works.",
        "activated": "Reactivated: {email}.",
    }
    for key, sentence in said.items():
        user_id = db_integer(request.query_params.get(key, ""))
        user = session.get(User, user_id) if user_id is not None else None
        if user is not None:
            return sentence.format(email=user.email)
    user_id = db_integer(request.query_params.get("deactivated", ""))
    user = session.get(User, user_id) if user_id is not None else None
    return f"Deactivated: {user.email}. They are signed out and cannot sign in." if user is not None else ""


@router.get("/admin/users", response_class=HTMLResponse)
def user_list(request: Request, caller: Admin, session: SessionDep) -> HTMLResponse:
    """Every account, and a form to create one."""
    return _page(request, caller, session)


@router.post("/admin/users", response_class=HTMLResponse)
def create_user(
    request: Request, caller: AdminForm, posted: Posted, session: SessionDep, settings: SettingsDep
) -> Response:
    """Create an account and invite its owner to set a password; problems re-show the form as typed."""
    values = {name: posted.get(name, "").strip() for name in TEXT_FIELDS}
    role = next((role for role in Role if role.value == values["role"]), None)
    # Only the scope the chosen role has is sent: the other list may still show an earlier choice.
    partnership_id = db_integer(values["partnership_id"]) if role in (Role.PLANNER, Role.FINANCE) else None
    region_id = db_integer(values["region_id"]) if role is Role.REVIEWER else None
    email, name = values["email"], values["name"]
    # Every problem at once, as the error summary lists them, not one per attempt.
    problems = accounts.account_problems(
        session=session,
        email=email,
        name=name,
        role=role,
        password=None,
        partnership_id=partnership_id,
        region_id=region_id,
    )
    errors = {pointer.lstrip("/"): _in_words(pointer, detail) for pointer, detail in problems}
    if role is None:
        errors["role"] = "Select a role"
    if errors or role is None:
        return _page(request, caller, session, values=values, errors=errors, status=422)
    try:
        user = invitations.invite_user(
            session=session,
            email=email,
            name=name,
            role=role,
            partnership_id=partnership_id,
            region_id=region_id,
            invited_by=_account_of(caller, session),
            base_url=settings.base_url,
        )
    except InvalidInput as refused:  # account_problems found nothing, so only a race leaves this
        return _page(request, caller, session, values=values, errors={"email": refused.detail}, status=422)
    except Conflict as duplicate:
        return _page(request, caller, session, values=values, errors={"email": duplicate.detail}, status=422)
    return RedirectResponse(f"/admin/users?created={id_of(user)}", status_code=303)


def _account_of(caller: Member, session: Session) -> User:
    user = session.get(User, caller.user_id)
    if user is None:  # the caller was signed in a moment ago: their account cannot have gone
        raise NotFound("Your account is not there any more.")
    return user


def _user(user_id: int, session: Session) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"There is no user {user_id}.")
    return user


@router.post("/admin/users/{user_id}/invitation", response_class=HTMLResponse)
def resend_invitation(user_id: DbId, caller: AdminForm, session: SessionDep, settings: SettingsDep) -> Response:
    """Send someone who has not set a password a new invitation; the link sent before stops working."""
    invitations.resend_invitation(
        _user(user_id, session), invited_by=_account_of(caller, session), base_url=settings.base_url, session=session
    )
    return RedirectResponse(f"/admin/users?invited={user_id}", status_code=303)


@router.post("/admin/users/{user_id}/active", response_class=HTMLResponse)
def set_active(user_id: DbId, caller: AdminForm, posted: Posted, session: SessionDep) -> Response:
    """Deactivate an account (its sessions end at once) or reactivate it."""
    user = _user(user_id, session)
    active = posted.get("active") == "yes"
    accounts.set_active(user, active, by=caller.user_id, session=session)
    return RedirectResponse(f"/admin/users?{'activated' if active else 'deactivated'}={user_id}", status_code=303)
