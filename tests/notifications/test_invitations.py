"""One-time links: hashed at rest, expiring on the clock, spent once, dead for a disabled account."""

import datetime
import hashlib

import pytest
from sqlalchemy import update
from sqlmodel import Session, select

from service.access import account_links, accounts
from service.access.account_links import InvitationState, LinkNotUsable, LinkState
from service.access.accounts import find_user
from service.notifications import invitations
from service.notifications.outbox import messages_to
from service.platform.errors import InvalidInput
from service.tables.access import AccountLink, LinkPurpose, Role, User
from service.tables.columns import id_of, utc_now
from tests.conftest import ACTORS

PASSWORD = "correct horse battery staple"


def _admin(session: Session) -> User:
    admin = find_user(ACTORS["admin"], session=session)
    assert admin is not None
    return admin


def _invite(session: Session, now: datetime.datetime | None = None) -> tuple[User, str]:
    """A new invited account and the secret its email carries."""
    user = invitations.invite_user(
        session=session,
        email="nia@example.org",
        name="Nia Newcomer",
        role=Role.ADMIN,
        partnership_id=None,
        region_id=None,
        invited_by=_admin(session),
        base_url="https://adtp.example",
        now=now,
    )
    body = messages_to("nia@example.org", session=session)[-1].body
    return user, body.split("https://adtp.example/account/set-password/", 1)[1].split()[0]


def test_only_the_secrets_sha_256_is_stored(session: Session) -> None:
    user, secret = _invite(session)

    [link] = session.exec(select(AccountLink).where(AccountLink.user_id == user.id)).all()

    assert len(secret) >= 43  # 32 random bytes, base64url
    assert link.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in repr(link)


def test_an_invitation_expires_after_7_days_on_the_clock(session: Session) -> None:
    sent = utc_now()
    user, secret = _invite(session, now=sent)
    just_before, at_expiry = sent + datetime.timedelta(days=7, seconds=-1), sent + datetime.timedelta(days=7)

    assert account_links.find(secret, session=session, now=just_before)[2] is LinkState.LIVE
    with pytest.raises(LinkNotUsable) as refused:
        account_links.set_password(secret, PASSWORD, session=session, now=at_expiry)
    assert refused.value.state is LinkState.EXPIRED
    assert not accounts.has_password(user)


def test_a_reset_link_lives_an_hour(session: Session) -> None:
    planner = find_user(ACTORS["planner_a"], session=session)
    assert planner is not None
    sent = utc_now()

    issued = account_links.issue(planner, LinkPurpose.RESET, session=session, now=sent)

    assert issued.link.expires_at - issued.link.created_at == datetime.timedelta(hours=1)
    assert account_links.find(issued.secret, session=session, now=sent + datetime.timedelta(minutes=61))[2] is (
        LinkState.EXPIRED
    )


def test_a_link_sets_a_password_once(session: Session) -> None:
    user, secret = _invite(session)

    account_links.set_password(secret, PASSWORD, session=session)
    with pytest.raises(LinkNotUsable) as again:
        account_links.set_password(secret, "another long password", session=session)

    assert again.value.state is LinkState.USED
    assert accounts.check_password(user, PASSWORD)
    [latest] = account_links.latest_invitations([id_of(user)], session=session).values()
    assert account_links.invitation_state(user, latest) is InvitationState.ACCEPTED


def test_a_link_already_spent_by_another_tab_is_not_spent_twice(session: Session) -> None:
    user, secret = _invite(session)
    link, _, _ = account_links.find(secret, session=session)
    # The other tab's UPDATE lands after this tab read the link as live (its copy still says unused).
    table = AccountLink.metadata.tables["account_link"]
    other_tab = update(table).where(table.c.id == link.id).values(used_at=utc_now())
    session.connection().execute(other_tab)
    assert link.used_at is None

    with pytest.raises(LinkNotUsable) as refused:
        account_links.set_password(secret, PASSWORD, session=session)

    assert refused.value.state is LinkState.USED
    assert not accounts.has_password(user)


def test_a_short_password_leaves_the_link_usable(session: Session) -> None:
    _, secret = _invite(session)

    with pytest.raises(InvalidInput):
        account_links.set_password(secret, "too short", session=session)

    assert account_links.find(secret, session=session)[2] is LinkState.LIVE


def test_an_invited_account_cannot_sign_in_with_any_password(session: Session) -> None:
    user, _ = _invite(session)

    assert not accounts.check_password(user, "")
    assert not accounts.check_password(user, "no such user: this hash only evens out timing")


def test_a_reset_for_an_unknown_or_disabled_address_sends_nothing(session: Session) -> None:
    finance = find_user(ACTORS["finance_a"], session=session)
    assert finance is not None
    accounts.disable_user(finance, session=session)

    assert invitations.send_reset("nobody@example.org", base_url="https://adtp.example", session=session) is None
    assert invitations.send_reset(finance.email, base_url="https://adtp.example", session=session) is None
