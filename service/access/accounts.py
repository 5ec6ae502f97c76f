"""User accounts: created invited (or by an operator, with a password), passwords checked (Argon2), disabled."""

import re
from collections.abc import Iterable, Sequence

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import update
from sqlmodel import Session, col, select

from service.access import audit
from service.platform.errors import Conflict, InvalidInput
from service.tables.access import ApiToken, Role, User, WebSession
from service.tables.columns import utc_now
from service.tables.plans import Partnership, Region

# argon2-cffi's defaults follow RFC 9106's recommended low-memory profile.
password_hasher = PasswordHasher()
# Checked against when the email is unknown, so a wrong email costs as long as a wrong password.
_UNKNOWN_USER_HASH = password_hasher.hash("no such user: this hash only evens out timing")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD_LENGTH = 12
MAX_EMAIL_LENGTH = 254  # as User.email stores it
MAX_NAME_LENGTH = 200
MAX_PASSWORD_LENGTH = 1024  # as the forms accept; Argon2 takes any length, but a megabyte is an attack
# The password_hash of an account whose owner has not yet set a password: no password verifies against it.
NO_PASSWORD = ""


def normalise_email(email: str) -> str:
    """Emails compare without case or surrounding spaces."""
    return email.strip().lower()


def hash_password(password: str) -> str:
    """An Argon2id hash of a password."""
    return password_hasher.hash(password)


def create_user(
    *,
    session: Session,
    email: str,
    name: str,
    role: Role,
    password: str | None,
    partnership_id: int | None = None,
    region_id: int | None = None,
) -> User:
    """A new active user whose scope fits their role.

    With a password only for the operator's `adtp users create` and the demo's seeding, never from a request: an
    administrator invites people (service/notifications/invitations.py), who set their own password. Without
    one, the account cannot sign in until its owner sets a password through their invitation.
    """
    email, name = normalise_email(email), name.strip()
    problems = account_problems(
        session=session,
        email=email,
        name=name,
        role=role,
        password=password,
        partnership_id=partnership_id,
        region_id=region_id,
    )
    if problems:
        errors = [{"pointer": pointer, "detail": detail} for pointer, detail in problems]
        raise InvalidInput("; ".join(f"{pointer}: {detail}" for pointer, detail in problems), errors=errors)
    if find_user(email, session=session) is not None:
        raise Conflict(f"There is already an account for {email}.")
    user = User(
        email=email,
        name=name,
        role=role,
        partnership_id=partnership_id,
        region_id=region_id,
        password_hash=NO_PASSWORD if password is None else hash_password(password),
    )
    session.add(user)
    session.flush()
    return user


def account_problems(
    *,
    session: Session,
    email: str,
    name: str,
    role: Role | None,
    password: str | None,
    partnership_id: int | None,
    region_id: int | None,
) -> list[tuple[str, str]]:
    """Everything wrong with an account as given, as (JSON Pointer, detail) pairs; without a role, no scope check.

    A password of None is an invited account's: its owner will choose one.
    """
    email, name = normalise_email(email), name.strip()
    problems: list[tuple[str, str]] = []
    if not name or len(name) > MAX_NAME_LENGTH:
        problems.append(("/name", f"must be given, in at most {MAX_NAME_LENGTH} characters"))
    if not is_email(email):
        problems.append(("/email", "is not an email address"))
    if role is not None:
        if (role in (Role.PLANNER, Role.FINANCE)) != (partnership_id is not None):
            problems.append(("/partnership_id", "is required for planners and finance officers, and only for them"))
        elif partnership_id is not None and session.get(Partnership, partnership_id) is None:
            problems.append(("/partnership_id", f"there is no partnership {partnership_id}"))
        if (role is Role.REVIEWER) != (region_id is not None):
            problems.append(("/region_id", "is required for reviewers, and only for them"))
        elif region_id is not None and session.get(Region, region_id) is None:
            problems.append(("/region_id", f"there is no region {region_id}"))
    if password is not None:
        problems += password_problems(password)
    return problems


def password_problems(password: str) -> list[tuple[str, str]]:
    """What is wrong with a password someone chose, as (JSON Pointer, detail) pairs."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return [("/password", f"must be at least {MIN_PASSWORD_LENGTH} characters")]
    if len(password) > MAX_PASSWORD_LENGTH:
        return [("/password", f"must be at most {MAX_PASSWORD_LENGTH} characters")]
    return []


def has_password(user: User) -> bool:
    """True once the account's owner has a password (an invited one has none until they set it)."""
    return user.password_hash != NO_PASSWORD


def set_password(user: User, password: str, *, session: Session) -> None:
    """Give the account a new password and sign it out everywhere it was signed in with the old one.

    Whoever resets a password may fear someone else knows the old one: every browser session, and every
    short-lived token the password flow handed out, ends now. Personal access tokens stay: the owner made
    them for a local system on purpose, and revokes them (or an admin disables the account) if they fear for them.
    """
    problems = password_problems(password)
    if problems:
        raise InvalidInput.at(*problems[0])
    now = utc_now()
    user.password_hash = hash_password(password)
    session.add(user)
    session.execute(
        update(WebSession)
        .where(col(WebSession.user_id) == user.id, col(WebSession.ended_at).is_(None))
        .values(ended_at=now)
    )
    session.execute(
        update(ApiToken)
        .where(col(ApiToken.user_id) == user.id, col(ApiToken.kind) == "access", col(ApiToken.revoked_at).is_(None))
        .values(revoked_at=now)
    )
    session.flush()


def is_email(email: str) -> bool:
    """True for what could be someone's address (whether or not it has an account)."""
    email = normalise_email(email)
    return bool(_EMAIL.match(email)) and len(email) <= MAX_EMAIL_LENGTH


def find_user(email: str, *, session: Session) -> User | None:
    """The account with this email, active or not."""
    return session.exec(select(User).where(User.email == normalise_email(email))).first()


def names_of(user_ids: Iterable[int], *, session: Session) -> dict[int, str]:
    """People's names by user id, for pages that say who did what."""
    wanted = set(user_ids)
    if not wanted:
        return {}
    users = session.exec(select(User).where(col(User.id).in_(wanted))).all()
    return {user.id: user.name for user in users if user.id is not None}


def check_password(user: User | None, password: str) -> bool:
    """True when the account exists, is active, has a password and the password is its own."""
    # An unknown email, or an invited account with no password yet, costs one verification too.
    usable = user is not None and has_password(user)
    try:
        password_hasher.verify(user.password_hash if user is not None and usable else _UNKNOWN_USER_HASH, password)
    except (VerificationError, InvalidHashError):
        return False
    return user is not None and usable and user.active


def disable_user(user: User, *, session: Session) -> None:
    """Stop an account signing in, end its web sessions and revoke its tokens, now.

    Revoked, not merely refused while the account is disabled: enabling it again must not bring back
    tokens that a local system may still hold from before.
    """
    now = utc_now()
    user.active = False
    session.add(user)
    session.execute(
        update(WebSession)
        .where(col(WebSession.user_id) == user.id, col(WebSession.ended_at).is_(None))
        .values(ended_at=now)
    )
    session.execute(
        update(ApiToken)
        .where(col(ApiToken.user_id) == user.id, col(ApiToken.revoked_at).is_(None))
        .values(revoked_at=now)
    )
    session.flush()


def list_users(*, session: Session) -> Sequence[User]:
    """Every account, active or not, by email."""
    return session.exec(select(User).order_by(col(User.email))).all()


def set_active(user: User, active: bool, *, by: int, session: Session) -> None:
    """Disable an account (ending its sessions) or enable it again; nobody disables their own."""
    if user.id == by and not active:
        raise Conflict("You cannot deactivate your own account: ask another administrator.")
    if active:
        user.active = True
        session.add(user)
        session.flush()
    else:
        disable_user(user, session=session)
    action = "user-enabled" if active else "user-disabled"
    audit.record(action, session=session, user_id=by, object_type="user", object_id=user.id, email=user.email)
