"""Sign-in throttling: five failures for one account or one address in 15 minutes."""

import datetime
import math

from sqlmodel import Session, col, select

from service.tables.access import SignInFailure
from service.tables.columns import utc_now

MAX_FAILURES = 5
WINDOW = datetime.timedelta(minutes=15)


def seconds_until_allowed(email: str, address: str, *, session: Session) -> int:
    """0 when a sign-in may be tried now, else how long until the oldest failure leaves the window."""
    now = utc_now()
    since = now - WINDOW
    recent = select(SignInFailure).where(col(SignInFailure.at) > since)
    for criterion in (SignInFailure.email == email, SignInFailure.address == address):
        failures = session.exec(recent.where(criterion).order_by(col(SignInFailure.at).desc())).all()
        if len(failures) >= MAX_FAILURES:
            oldest_counted = failures[MAX_FAILURES - 1].at
            return max(1, math.ceil((oldest_counted + WINDOW - now).total_seconds()))
    return 0


def record_failure(email: str, address: str, *, session: Session) -> None:
    """Count a failed sign-in against the account and the address."""
    session.add(SignInFailure(email=email, address=address))
    session.flush()
