"""Setting a password through a one-time link (an invitation's or a reset's), and asking for a reset.

Both are public: whoever holds a live link may use it, and anyone may ask for a reset. The answer to a
request for a reset is the same page, in the same time, whether or not the address has an account.
"""

import hmac
import secrets
from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from service.access import account_links, accounts, policy
from service.access.account_links import LinkNotUsable, LinkState
from service.access.identity import client_address
from service.notifications import invitations
from service.pages.planning.start import clear_cookie, set_cookie, signed_in_response
from service.pages.rendering import render
from service.platform.db import SessionFactory
from service.platform.deps import SessionDep, SettingsDep
from service.platform.errors import InvalidInput, TooManyRequests
from service.platform.settings import Settings
from service.tables.access import LinkPurpose, User

router = APIRouter(include_in_schema=False)
LINK_CSRF_COOKIE = "adtp_link_csrf"
LINK_COOKIE_PATH = "/account/set-password"
RESET_CSRF_COOKIE = "adtp_reset_csrf"
RESET_COOKIE_PATH = "/forgot-password"
Secret = Annotated[str, Form(max_length=100)]
# How long links work, as the pages say it.
LIFETIMES = {purpose.value: words for purpose, words in account_links.LIFETIME_IN_WORDS.items()}
# The link's secret is in the address: no other site is told it, and no cache keeps the page.
PRIVATE = {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
PASSWORD_HINT = f"At least {accounts.MIN_PASSWORD_LENGTH} characters. A few words you will remember make a good one."
NOT_AN_EMAIL = "Enter an email address in the correct format, like name@example.com"
EXPIRED_FORM = "Your form had expired. Enter your password again."


def _with_csrf(
    request: Request,
    settings: Settings,
    template: str,
    context: dict[str, object],
    *,
    cookie: tuple[str, str],
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Response:
    # Before sign-in there is no session to hold a CSRF token, so a cookie scoped to this form does (as sign-in's).
    token = secrets.token_urlsafe(32)
    extra = {"csrf_token": token, "caller": None, "lifetimes": LIFETIMES}
    response = render(request, template, context | extra, status=status)
    response.headers.update(PRIVATE | dict(headers or {}))
    name, path = cookie
    set_cookie(response, name, token, settings, samesite="strict", path=path)
    return response


def _csrf_matches(request: Request, cookie: str, posted: str) -> bool:
    expected = request.cookies.get(cookie, "")
    return bool(expected) and hmac.compare_digest(expected, posted)


def _form(
    request: Request, settings: Settings, user: User, secret: str, *, purpose: str, error: str = "", status: int = 200
) -> Response:
    invited = purpose == LinkPurpose.INVITATION
    context = {"user": user, "secret": secret, "invited": invited, "error": error, "hint": PASSWORD_HINT}
    cookie = (LINK_CSRF_COOKIE, LINK_COOKIE_PATH)
    return _with_csrf(request, settings, "access/set_password.html", context, cookie=cookie, status=status)


def _unusable(request: Request, refused: LinkNotUsable) -> Response:
    # Used, expired or replaced links are gone (410); a link that never worked is not found (404).
    status = 404 if refused.state is LinkState.UNKNOWN else 410
    context = {"state": refused.state.value, "caller": None, "lifetimes": LIFETIMES}
    response = render(request, "access/link_unusable.html", context, status=status)
    response.headers.update(PRIVATE)
    return response


@router.get("/account/set-password/{secret}", response_class=HTMLResponse, dependencies=[Depends(policy.public)])
def set_password_page(secret: str, request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    """The form to choose a password, while the link is live; else what happened to the link and what to do."""
    try:
        link, user, state = account_links.find(secret, session=session)
        if state is not LinkState.LIVE:
            raise LinkNotUsable(state)
    except LinkNotUsable as refused:
        return _unusable(request, refused)
    return _form(request, settings, user, secret, purpose=link.purpose)


@router.post("/account/set-password/{secret}", dependencies=[Depends(policy.public)])
def set_password_submit(
    secret: str,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    password: Annotated[str, Form(max_length=accounts.MAX_PASSWORD_LENGTH)] = "",
    csrf_token: Secret = "",
) -> Response:
    """Set the password, spend the link, end the account's other sessions and sign this browser in."""
    try:
        link, user, state = account_links.find(secret, session=session)
        if state is not LinkState.LIVE:
            raise LinkNotUsable(state)
        if not _csrf_matches(request, LINK_CSRF_COOKIE, csrf_token):
            return _form(request, settings, user, secret, purpose=link.purpose, error=EXPIRED_FORM, status=403)
        account_links.set_password(secret, password, session=session)
    except LinkNotUsable as refused:
        return _unusable(request, refused)
    except InvalidInput as refused:
        error = "Password " + refused.detail.removeprefix("/password: ")
        return _form(request, settings, user, secret, purpose=link.purpose, error=error, status=422)
    response = signed_in_response(user, request, session, settings)
    clear_cookie(response, LINK_CSRF_COOKIE, settings, samesite="strict", path=LINK_COOKIE_PATH)
    response.headers.update(PRIVATE)
    return response


def _reset_form(
    request: Request,
    settings: Settings,
    *,
    email: str = "",
    error: str = "",
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Response:
    context: dict[str, object] = {"email": email, "error": error}
    cookie = (RESET_CSRF_COOKIE, RESET_COOKIE_PATH)
    return _with_csrf(
        request, settings, "access/forgot_password.html", context, cookie=cookie, status=status, headers=headers
    )


@router.get("/forgot-password", response_class=HTMLResponse, dependencies=[Depends(policy.public)])
def forgot_password_page(request: Request, settings: SettingsDep) -> Response:
    """The form to ask for a link to reset a password."""
    return _reset_form(request, settings)


@router.post("/forgot-password", dependencies=[Depends(policy.public)])
def forgot_password_submit(
    request: Request,
    background: BackgroundTasks,
    session: SessionDep,
    settings: SettingsDep,
    email: Annotated[str, Form(max_length=accounts.MAX_EMAIL_LENGTH)] = "",
    csrf_token: Secret = "",
) -> Response:
    """Always the same answer; the link goes, after it, only to an address that has an account."""
    if not _csrf_matches(request, RESET_CSRF_COOKIE, csrf_token):
        return _reset_form(request, settings, email=email, error="Your form had expired. Try again.", status=403)
    if not accounts.is_email(email):
        return _reset_form(request, settings, email=email, error=NOT_AN_EMAIL, status=422)
    try:
        invitations.note_reset_request(email, address=client_address(request), session=session)
    except TooManyRequests as refused:
        return _reset_form(request, settings, email=email, error=refused.detail, status=429, headers=refused.headers)
    # After the answer has gone, in a transaction of its own: looking up the account, and writing the link and
    # the message for one that exists, would otherwise make the answer slower exactly when there is an account.
    background.add_task(_send_reset, request.app.state.open_session, email, settings.base_url)
    response = render(request, "access/reset_requested.html", {"caller": None, "lifetimes": LIFETIMES})
    clear_cookie(response, RESET_CSRF_COOKIE, settings, samesite="strict", path=RESET_COOKIE_PATH)
    return response


def _send_reset(open_session: SessionFactory, email: str, base_url: str) -> None:
    with open_session(writes=True) as session:
        invitations.send_reset(email, base_url=base_url, session=session)
        session.commit()
