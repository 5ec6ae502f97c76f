"""User accounts: creating them, checking passwords (Argon2), disabling them."""

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import update
from sqlmodel import Session, col, select

from service.errors import Conflict, InvalidInput
from service.models import Partnership, Region, Role, User, WebSession, utc_now

# argon2-cffi's defaults follow RFC 9106's recommended low-memory profile.
password_hasher = PasswordHasher()
# Checked against when the email is unknown, so a wrong email costs as long as a wrong password.
_UNKNOWN_USER_HASH = password_hasher.hash("no such user: this hash only evens out timing")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD_LENGTH = 12


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
    password: str,
    partnership_id: int | None = None,
    region_id: int | None = None,
) -> User:
    """A new active user whose scope fits their role."""
    email = normalise_email(email)
    if not _EMAIL.match(email):
        raise InvalidInput.at("/email", "is not an email address")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput.at("/password", f"must be at least {MIN_PASSWORD_LENGTH} characters")
    needs_partnership = role in (Role.PLANNER, Role.FINANCE)
    if needs_partnership != (partnership_id is not None):
        raise InvalidInput.at("/partnership_id", "is required for planners and finance officers, and only for them")
    if (role is Role.REVIEWER) != (region_id is not None):
        raise InvalidInput.at("/region_id", "is required for reviewers, and only for them")
    if partnership_id is not None and session.get(Partnership, partnership_id) is None:
        raise InvalidInput.at("/partnership_id", f"there is no partnership {partnership_id}")
    if region_id is not None and session.get(Region, region_id) is None:
        raise InvalidInput.at("/region_id", f"there is no region {region_id}")
    if find_user(email, session=session) is not None:
        raise Conflict(f"There is already an account for {email}.")
    user = User(
        email=email,
        name=name,
        role=role,
        partnership_id=partnership_id,
        region_id=region_id,
        password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    return user


def find_user(email: str, *, session: Session) -> User | None:
    """The account with this email, active or not."""
    return session.exec(select(User).where(User.email == normalise_email(email))).first()


def check_password(user: User | None, password: str) -> bool:
    """True when the account exists, is active and the password is its own."""
    try:
        password_hasher.verify(user.password_hash if user is not None else _UNKNOWN_USER_HASH, password)
    except (VerificationError, InvalidHashError):
        return False
    return user is not None and user.active


def disable_user(user: User, *, session: Session) -> None:
    """Stop an account signing in, and end its web sessions now (its tokens stop working too)."""
    user.active = False
    session.add(user)
    session.execute(
        update(WebSession)
        .where(col(WebSession.user_id) == user.id, col(WebSession.ended_at).is_(None))
        .values(ended_at=utc_now())
    )
    session.flush()
