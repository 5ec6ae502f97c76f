"""Signing in with an email and password, throttled and audited, for the API and the pages alike."""

from sqlmodel import Session

from plan_schema.wording import plural
from service.access import accounts, audit, throttle
from service.platform.errors import TooManyRequests, Unauthenticated
from service.tables.access import User
from service.tables.columns import id_of


def sign_in(email: str, password: str, *, address: str, session: Session) -> User:
    """The user whose credentials these are; failures are counted and every attempt is logged."""
    email = accounts.normalise_email(email)
    wait = throttle.seconds_until_allowed(email, address, session=session)
    if wait:
        audit.record("sign-in-throttled", session=session, email=email, address=address)
        minutes = max(1, round(wait / 60))
        raise TooManyRequests(
            f"Too many failed sign-ins. Try again in about {plural(minutes, 'minute')}.",
            headers={"Retry-After": str(wait)},
            keeps_changes=True,
        )
    user = accounts.find_user(email, session=session)
    # `user is None` only tells mypy what check_password knows; it comes second so an unknown email is hashed too.
    if not accounts.check_password(user, password) or user is None:
        throttle.record_failure(email, address, session=session)
        audit.record("sign-in-failed", session=session, email=email, address=address)
        raise Unauthenticated("The email address or password is not right.", keeps_changes=True, error="invalid_grant")
    audit.record("sign-in", session=session, user_id=id_of(user), email=email, address=address)
    return user
