"""Throttling: five failed sign-ins, or five requests for a password reset, for one account or address in 15 minutes."""

import datetime
import math
from collections.abc import Sequence

from sqlmodel import Session, col, select

from service.tables.access import AuditEvent, SignInFailure
from service.tables.columns import utc_now

MAX_FAILURES = 5
MAX_RESET_REQUESTS = 5
WINDOW = datetime.timedelta(minutes=15)
# The audit event every request for a reset leaves (service/notifications/invitations.py), whatever the address.
RESET_REQUESTED = "password-reset-requested"


def seconds_until_allowed(email: str, address: str, *, session: Session) -> int:
    """0 when a sign-in may be tried now, else how long until the oldest failure leaves the window."""
    now = utc_now()
    recent = select(SignInFailure.at).where(col(SignInFailure.at) > now - WINDOW)
    for criterion in (SignInFailure.email == email, SignInFailure.address == address):
        moments = session.exec(recent.where(criterion).order_by(col(SignInFailure.at).desc())).all()
        if len(moments) >= MAX_FAILURES:
            return _wait(moments, MAX_FAILURES, now)
    return 0


def seconds_until_reset_allowed(email: str, address: str, *, session: Session) -> int:
    """0 when a reset may be asked for now, else how long to wait.

    Every request counts, for an address with an account or without: were only the first kind counted, the
    throttle itself would tell who has an account.
    """
    now = utc_now()
    recent = select(AuditEvent.at).where(AuditEvent.action == RESET_REQUESTED, col(AuditEvent.at) > now - WINDOW)
    for criterion in (AuditEvent.email == email, AuditEvent.address == address):
        moments = session.exec(recent.where(criterion).order_by(col(AuditEvent.at).desc())).all()
        if len(moments) >= MAX_RESET_REQUESTS:
            return _wait(moments, MAX_RESET_REQUESTS, now)
    return 0


def _wait(newest_first: Sequence[datetime.datetime], limit: int, now: datetime.datetime) -> int:
    oldest_counted = newest_first[limit - 1]
    return max(1, math.ceil((oldest_counted + WINDOW - now).total_seconds()))


def record_failure(email: str, address: str, *, session: Session) -> None:
    """Count a failed sign-in against the account and the address."""
    session.add(SignInFailure(email=email, address=address))
    session.flush()
