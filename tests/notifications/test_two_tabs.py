"""Two tabs posting the same link at once on PostgreSQL: one sets the password, the other is told the link is used.

The second tab reads the link as live while the first tab's change is not yet committed, and its conditional
UPDATE waits on the first tab's row lock; once the first commits, PostgreSQL re-checks the UPDATE's condition
against the committed row, and it no longer holds.
"""

import threading

from sqlalchemy import Engine, text
from sqlmodel import Session

from service.access import account_links, accounts
from service.access.account_links import LinkNotUsable, LinkState
from service.access.accounts import find_user
from service.tables.access import LinkPurpose
from tests.conftest import ACTORS
from tests.throwaway_database import throwaway_postgres


def _waiting_for_a_lock(engine: Engine) -> bool:
    with engine.connect() as connection:
        waiting = connection.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
        ).scalar_one()
    return bool(waiting)


def test_the_second_of_two_tabs_at_once_is_refused() -> None:
    with throwaway_postgres("the two-tabs link test") as (engine, _):
        with Session(engine) as session:
            planner = find_user(ACTORS["planner_a"], session=session)
            assert planner is not None
            secret = account_links.issue(planner, LinkPurpose.RESET, session=session).secret
            session.commit()
        first, second = Session(engine), Session(engine)
        account_links.set_password(secret, "the first tab's password", session=first)  # not yet committed
        outcome: list[BaseException | None] = []

        def second_tab() -> None:
            try:
                account_links.set_password(secret, "the second tab's password", session=second)
                second.commit()
                outcome.append(None)
            except BaseException as refused:  # reported below, where the test can fail on it
                second.rollback()
                outcome.append(refused)

        thread = threading.Thread(target=second_tab)
        thread.start()
        while thread.is_alive() and not _waiting_for_a_lock(engine):
            pass  # until the second tab's UPDATE waits on the first tab's row lock
        assert thread.is_alive(), outcome  # it read the link as live, so only the lock held it back
        first.commit()
        thread.join()
        first.close()
        second.close()

        [refused] = outcome
        assert isinstance(refused, LinkNotUsable)
        assert refused.state is LinkState.USED
        with Session(engine) as session:
            planner = find_user(ACTORS["planner_a"], session=session)
            assert accounts.check_password(planner, "the first tab's password")
            assert not accounts.check_password(planner, "the second tab's password")
