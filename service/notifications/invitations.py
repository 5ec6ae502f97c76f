"""Accounts by invitation, and "forgot your password": the one-time link's email, sent from the outbox.

An administrator creates an account with no password; the invitation carries a link to set one
(service/access/account_links.py keeps only its hash). A reset is asked for by address, and whoever asks is
told the same thing whether or not the address has an account: the request itself does the same work either
way (`note_reset_request`), and the account is looked up and written to only after the answer has gone
(`send_reset`), so neither the page nor its timing tells.
"""

import datetime

from sqlmodel import Session

from plan_schema.wording import long_date, plural
from service.access import account_links, accounts, audit, throttle
from service.access.account_links import IssuedLink
from service.notifications import one_time_links, outbox
from service.notifications.one_time_links import INVITATION_KIND, RESET_KIND
from service.planning.timetable import ENGLAND
from service.platform.errors import Conflict, TooManyRequests
from service.tables.access import LinkPurpose, Role, User
from service.tables.columns import id_of
from service.tables.notifications import Message
from service.tables.plans import Partnership, Region

INVITATION_SUBJECT = "Set your password for the adult drug treatment plan service"
RESET_SUBJECT = "Reset your password for the adult drug treatment plan service"
SIGNATURE = "Adult drug treatment plan service"
ROLE_WORDS = {
    Role.PLANNER: "a planner",
    Role.FINANCE: "a finance officer",
    Role.REVIEWER: "a reviewer on a regional panel",
    Role.ADMIN: "an administrator",
}


def set_password_path(secret: str) -> str:
    """The page a link opens (the secret is its last segment)."""
    return one_time_links.path_for(secret)


def when(moment: datetime.datetime) -> str:
    """ "11:03pm on 12 December 2026 (UK time)", as GOV.UK writes a moment."""
    local = moment.astimezone(ENGLAND)
    named = {(0, 0): "midnight", (12, 0): "midday"}
    clock = f"{local.hour % 12 or 12}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'}"
    return f"{named.get((local.hour, local.minute), clock)} on {long_date(local.date())} (UK time)"


def invite_user(
    *,
    session: Session,
    email: str,
    name: str,
    role: Role,
    partnership_id: int | None,
    region_id: int | None,
    invited_by: User,
    base_url: str,
    now: datetime.datetime | None = None,
) -> User:
    """Create an account with no password and send its owner the link to set one, in the caller's transaction."""
    user = accounts.create_user(
        session=session,
        email=email,
        name=name,
        role=role,
        password=None,
        partnership_id=partnership_id,
        region_id=region_id,
    )
    audit.record(
        "user-created",
        session=session,
        user_id=id_of(invited_by),
        object_type="user",
        object_id=user.id,
        email=user.email,
        role=role.value,
    )
    _send_invitation(user, invited_by=invited_by, base_url=base_url, session=session, now=now)
    return user


def resend_invitation(
    user: User, *, invited_by: User, base_url: str, session: Session, now: datetime.datetime | None = None
) -> IssuedLink:
    """A new invitation for someone who has not yet set a password; the link sent before stops working."""
    if not user.active:
        raise Conflict(f"{user.email} is deactivated: reactivate the account before inviting them again.")
    if accounts.has_password(user):
        raise Conflict(
            f"{user.email} has already set a password. If they have forgotten it, they can ask for a new one"
            " from the sign-in page."
        )
    return _send_invitation(user, invited_by=invited_by, base_url=base_url, session=session, now=now)


def _send_invitation(
    user: User, *, invited_by: User, base_url: str, session: Session, now: datetime.datetime | None
) -> IssuedLink:
    issued = account_links.issue(user, LinkPurpose.INVITATION, session=session, now=now)
    path = set_password_path(issued.secret)
    scope = _scope_name(user, session)
    body = invitation_text(user, invited_by, scope=scope, link=_full(base_url, path), expires_at=issued.link.expires_at)
    _enqueue(session, user, INVITATION_KIND, INVITATION_SUBJECT, body, path, now)
    audit.record(
        "invitation-sent",
        session=session,
        user_id=id_of(invited_by),
        object_type="user",
        object_id=user.id,
        email=user.email,
        expires_at=issued.link.expires_at.isoformat(),
    )
    return issued


def invitation_text(user: User, invited_by: User, *, scope: str, link: str, expires_at: datetime.datetime) -> str:
    """The invitation as the invitee reads it: who, what for, the link in full, until when, and if unexpected."""
    role = ROLE_WORDS[Role(user.role)] + (f" for {scope}" if scope else "")
    return f"""Dear {user.name},

{invited_by.name} has created an account for you on the adult drug treatment plan service, as {role}.

To start using the service, set your password by opening this link:

{link}

The link works once, and only until {when(expires_at)}. If it has expired, ask {invited_by.name} ({invited_by.email}) to send you a new one.

You will sign in with this email address: {user.email}

If you were not expecting this email, you do not need to do anything. Nobody can sign in to the account until a password is set through this link. You can tell {invited_by.name} at {invited_by.email}.

{SIGNATURE}
"""  # noqa: E501 - one paragraph a line: mail programs wrap them, and a link must never be broken


def note_reset_request(email: str, *, address: str, session: Session) -> None:
    """Throttle and record a request for a reset: the same work, and the same answer, for any address."""
    email = accounts.normalise_email(email)
    wait = throttle.seconds_until_reset_allowed(email, address, session=session)
    if wait:
        minutes = max(1, round(wait / 60))
        raise TooManyRequests(
            f"Too many requests for a password reset. Try again in about {plural(minutes, 'minute')}.",
            headers={"Retry-After": str(wait)},
        )
    # Which address, asked from where; not whether it has an account, which is looked up only after the answer.
    audit.record(throttle.RESET_REQUESTED, session=session, email=email, address=address)


def send_reset(email: str, *, base_url: str, session: Session, now: datetime.datetime | None = None) -> Message | None:
    """Send the link to reset a password, if an active account has this address (run after the answer has gone)."""
    user = accounts.find_user(email, session=session)
    if user is None or not user.active:
        return None
    issued = account_links.issue(user, LinkPurpose.RESET, session=session, now=now)
    path = set_password_path(issued.secret)
    body = reset_text(user, link=_full(base_url, path), expires_at=issued.link.expires_at)
    message = _enqueue(session, user, RESET_KIND, RESET_SUBJECT, body, path, now)
    audit.record("password-reset-sent", session=session, user_id=id_of(user), object_type="user", object_id=user.id)
    return message


def reset_text(user: User, *, link: str, expires_at: datetime.datetime) -> str:
    """The reset message: the link in full, until when, and what to do if someone else asked."""
    return f"""Dear {user.name},

Someone asked to reset the password for your account on the adult drug treatment plan service.

To choose a new password, open this link:

{link}

The link works once, and only until {when(expires_at)}. When you set a new password, you are signed out everywhere else you were signed in.

If you did not ask for this, you do not need to do anything: your password has not changed. If you keep getting these emails, tell your administrator.

{SIGNATURE}
"""  # noqa: E501 - one paragraph a line: mail programs wrap them, and a link must never be broken


def _enqueue(
    session: Session, user: User, kind: str, subject: str, body: str, path: str, now: datetime.datetime | None
) -> Message | None:
    # Never digestible: a link that waited for Monday would have expired.
    return outbox.enqueue(session, recipient=user, kind=kind, subject=subject, body=body, link=path, now=now)


def _full(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def _scope_name(user: User, session: Session) -> str:
    if user.partnership_id is not None:
        partnership = session.get(Partnership, user.partnership_id)
        return partnership.name if partnership is not None else ""
    if user.region_id is not None:
        region = session.get(Region, user.region_id)
        return region.name if region is not None else ""
    return ""
