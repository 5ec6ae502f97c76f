"""Each user's choice: event messages at once, or gathered into a weekly digest. Deadline reminders always come."""

from dataclasses import dataclass

from sqlalchemy import update
from sqlmodel import Session, col

from service.notifications.stored_once import insert_once
from service.platform.errors import InvalidInput, PreconditionFailed
from service.tables.columns import utc_now
from service.tables.notifications import Cadence, Message, MessageState, NotificationPreference

CADENCE_LABELS = {
    Cadence.IMMEDIATE: "Send each message as it happens",
    Cadence.WEEKLY: "Send one message a week, on Monday morning, with everything that happened",
}
CADENCE_ERROR = "Select how often you want to get emails about plans and returns"
STALE_FORM = (
    "Your email settings were changed in another window since you opened this page. "
    "Check the choice shown now and save again."
)


@dataclass(frozen=True)
class Preference:
    """A user's cadence and the version a change must name (0 while they have never chosen)."""

    cadence: Cadence
    version: int


def preference_of(user_id: int, *, session: Session) -> Preference:
    """The user's choice; immediate messages until they choose otherwise."""
    stored = session.get(NotificationPreference, user_id)
    if stored is None:
        return Preference(Cadence.IMMEDIATE, 0)
    return Preference(Cadence(stored.cadence), stored.version)


def wants_digest(user_id: int, *, session: Session) -> bool:
    """True when the user's event messages wait for Monday's digest."""
    return preference_of(user_id, session=session).cadence is Cadence.WEEKLY


def parse_cadence(typed: object) -> Cadence:
    """The cadence named, or InvalidInput naming the field."""
    try:
        return Cadence(str(typed))
    except ValueError:
        raise InvalidInput.at("/cadence", CADENCE_ERROR) from None


def set_cadence(user_id: int, cadence: Cadence, *, version: int, session: Session) -> Preference:
    """Save the user's choice if `version` is the one they saw; a stale version is refused (412), never overwritten.

    One conditional UPDATE … WHERE version = ?, as part saves do: two tabs saving at once cannot both win.
    """
    if version == 0:  # a first choice: refused if another window made one meanwhile
        first = {"user_id": user_id, "cadence": cadence.value, "version": 1, "updated_at": utc_now()}
        if insert_once(session, NotificationPreference, first, key="user_id") is None:
            raise _stale()
        return _saved(user_id, cadence, 1, session=session)
    changed = session.execute(
        update(NotificationPreference)
        .where(col(NotificationPreference.user_id) == user_id, col(NotificationPreference.version) == version)
        .values(cadence=cadence.value, version=version + 1, updated_at=utc_now())
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:  # type: ignore[attr-defined]
        raise _stale()
    session.expire_all()
    return _saved(user_id, cadence, version + 1, session=session)


def _saved(user_id: int, cadence: Cadence, version: int, *, session: Session) -> Preference:
    if cadence is Cadence.IMMEDIATE:  # what waited for a digest goes now
        _release_held(user_id, session=session)
    return Preference(cadence, version)


def _release_held(user_id: int, *, session: Session) -> None:
    session.execute(
        update(Message)
        .where(col(Message.recipient_user_id) == user_id, col(Message.state) == MessageState.HELD.value)
        .values(state=MessageState.QUEUED.value)
        .execution_options(synchronize_session=False)
    )


def _stale() -> PreconditionFailed:
    return PreconditionFailed(STALE_FORM)
