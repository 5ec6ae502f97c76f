"""One-time links that let a person set their password: an invitation's, or a reset's.

The secret is 256 random bits, shown only in the email that carries it; the database keeps its SHA-256 (as for
tokens), so a copy of the database opens no account. A link works once, before it expires, for an active account,
and only while it is the newest link sent to that person.
"""

import datetime
import secrets
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import update
from sqlmodel import Session, col, select

from plan_schema.wording import plural
from service.access import accounts, audit
from service.access.tokens import secret_hash
from service.platform.errors import Conflict, InvalidInput
from service.tables.access import AccountLink, LinkPurpose, User
from service.tables.columns import id_of, utc_now

# Long enough for someone away for a few days; a reset is asked for by someone waiting for it.
LIFETIME = {LinkPurpose.INVITATION: datetime.timedelta(days=7), LinkPurpose.RESET: datetime.timedelta(hours=1)}


def _in_words(lifetime: datetime.timedelta) -> str:
    hours = int(lifetime.total_seconds()) // 3600
    return plural(hours // 24, "day") if hours % 24 == 0 else plural(hours, "hour")


# As the messages and pages say it ("7 days", "1 hour").
LIFETIME_IN_WORDS = {purpose: _in_words(lifetime) for purpose, lifetime in LIFETIME.items()}
SECRET_BYTES = 32
# What a link's path looks like, so pages can refuse anything else before hashing it.
MAX_SECRET_LENGTH = 100


class LinkState(StrEnum):
    """Where a link is in its life, as the person holding it (or the admin who sent it) is told."""

    LIVE = "live"
    USED = "used"
    EXPIRED = "expired"
    REPLACED = "replaced"  # a newer link was sent, or the password was set through another
    UNKNOWN = "unknown"  # no such link, or one for a disabled account


class LinkNotUsable(Conflict):
    """The link cannot set a password (any more); `state` says why."""

    def __init__(self, state: LinkState) -> None:
        super().__init__(f"This link cannot be used: it is {state.value}.", state=state.value)
        self.state = state


@dataclass(frozen=True)
class IssuedLink:
    """A link as sent: the secret is here once, for the message, and never again."""

    link: AccountLink
    secret: str


def issue(user: User, purpose: LinkPurpose, *, session: Session, now: datetime.datetime | None = None) -> IssuedLink:
    """A new link for the user; every earlier one still open stops working."""
    moment = now or utc_now()
    _revoke_open_links(id_of(user), session=session, now=moment)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    link = AccountLink(
        user_id=id_of(user),
        purpose=purpose.value,
        secret_hash=secret_hash(secret),
        created_at=moment,
        expires_at=moment + LIFETIME[purpose],
    )
    session.add(link)
    session.flush()
    return IssuedLink(link=link, secret=secret)


def _revoke_open_links(user_id: int, *, session: Session, now: datetime.datetime) -> None:
    session.execute(
        update(AccountLink)
        .where(
            col(AccountLink.user_id) == user_id,
            col(AccountLink.used_at).is_(None),
            col(AccountLink.revoked_at).is_(None),
        )
        .values(revoked_at=now)
    )


def state_of(link: AccountLink, *, now: datetime.datetime | None = None) -> LinkState:
    """Whether the link still works, and if not, why (used wins over expired: it is what happened first)."""
    if link.used_at is not None:
        return LinkState.USED
    if link.revoked_at is not None:
        return LinkState.REPLACED
    if link.expires_at <= (now or utc_now()):
        return LinkState.EXPIRED
    return LinkState.LIVE


def find(secret: str, *, session: Session, now: datetime.datetime | None = None) -> tuple[AccountLink, User, LinkState]:
    """The link a secret opens, its account and its state (UNKNOWN, with no link, for a stranger's guess)."""
    if not secret or len(secret) > MAX_SECRET_LENGTH:
        raise LinkNotUsable(LinkState.UNKNOWN)
    found = session.exec(
        select(AccountLink, User)
        .join(User, col(User.id) == col(AccountLink.user_id))
        .where(AccountLink.secret_hash == secret_hash(secret))
    ).first()
    # A disabled account's link does nothing, and says no more than a link that never existed.
    if found is None or not found[1].active:
        raise LinkNotUsable(LinkState.UNKNOWN)
    link, user = found
    return link, user, state_of(link, now=now)


def set_password(secret: str, password: str, *, session: Session, now: datetime.datetime | None = None) -> User:
    """Use a live link to set its account's password (ending the account's sessions); the account.

    The password is checked before the link is spent, so a password too short leaves the link usable.
    """
    moment = now or utc_now()
    link, user, state = find(secret, session=session, now=moment)
    if state is not LinkState.LIVE:
        raise LinkNotUsable(state)
    problems = accounts.password_problems(password)
    if problems:
        raise InvalidInput.at(*problems[0])
    # One conditional UPDATE spends the link: of two tabs posting at once, only one changes a row.
    spent = session.execute(
        update(AccountLink)
        .where(
            col(AccountLink.id) == link.id,
            col(AccountLink.used_at).is_(None),
            col(AccountLink.revoked_at).is_(None),
            col(AccountLink.expires_at) > moment,
        )
        .values(used_at=moment)
    )
    if spent.rowcount != 1:  # type: ignore[attr-defined]
        raise LinkNotUsable(LinkState.USED)
    accounts.set_password(user, password, session=session)
    _revoke_open_links(id_of(user), session=session, now=moment)
    audit.record(
        "password-set",
        session=session,
        user_id=id_of(user),
        email=user.email,
        object_type="user",
        object_id=user.id,
        purpose=link.purpose,
    )
    return user


def latest_invitations(user_ids: list[int], *, session: Session) -> dict[int, AccountLink]:
    """Each user's newest invitation link, for the admin's list of accounts (users never invited are absent)."""
    if not user_ids:
        return {}
    links = session.exec(
        select(AccountLink)
        .where(col(AccountLink.user_id).in_(user_ids), AccountLink.purpose == LinkPurpose.INVITATION.value)
        .order_by(col(AccountLink.id))
    ).all()
    return {link.user_id: link for link in links}


class InvitationState(StrEnum):
    """Where an account is in being set up, as the administrator's list shows it."""

    NOT_INVITED = "not-invited"  # given a password by an operator (the demo, `adtp users create`)
    PENDING = "pending"  # the invitation's link is live
    EXPIRED = "expired"  # no live link and no password: the invitation needs sending again
    ACCEPTED = "accepted"  # the person has set their password


def invitation_state(
    user: User, latest: AccountLink | None, *, now: datetime.datetime | None = None
) -> InvitationState:
    """The account's state, from whether it has a password and its newest invitation (latest_invitations)."""
    if accounts.has_password(user):
        return InvitationState.NOT_INVITED if latest is None else InvitationState.ACCEPTED
    if latest is not None and state_of(latest, now=now) is LinkState.LIVE:
        return InvitationState.PENDING
    return InvitationState.EXPIRED
