"""The audit log: sign-ins, refusals and changes, with no password or token ever written."""

from typing import Any

from sqlmodel import Session

from service.tables.access import AuditEvent


def record(
    action: str,
    *,
    session: Session,
    user_id: int | None = None,
    email: str | None = None,
    address: str | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    **detail: Any,
) -> AuditEvent:
    """Add an event to the log in the caller's transaction."""
    event = AuditEvent(
        action=action,
        user_id=user_id,
        email=email,
        address=address,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        detail=detail,
    )
    session.add(event)
    return event
