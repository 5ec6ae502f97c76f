"""The monitoring generation: the database changes it with every write to what judgements are made from, and
an answer kept under it is asked afresh as soon as it changes, in every process."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, text
from sqlmodel import Session

from plan_schema.vocabulary import PartName
from service import pages
from service.app import create_app
from service.monitoring import generation
from service.monitoring.targets import set_local_target
from service.planning import parts
from service.platform.settings import Settings
from service.tables.journey import AgreedTargets
from service.tables.plans import Plan, PlanCycle
from tests.conftest import ACTORS, DEMO_PASSWORD, HTTPS, Demo
from tests.monitoring.stored_figures import imported
from tests.pages.forms import csrf_token
from tests.pages.page_text import text_of
from tests.validators.stored_parts import edit

# Every table scorecards.latest_rows reads but the plan rows it joins through (migration 0017).
MONITORED = (
    "observation",
    "metric_version",
    "area",
    "partnership_area",
    "local_target",
    "agreed_targets",
    "plan_cycle",
)


def _agreed_targets_stored(session: Session, demo: Demo) -> None:
    # The demo agrees no Part 2 targets; the tables' other rows are the demo's own.
    session.add(AgreedTargets(plan_id=demo.filled_plan_id))
    session.flush()


@pytest.mark.parametrize("table", MONITORED)
def test_a_change_to_any_table_judgements_are_made_from_changes_the_generation_within_its_transaction(
    session: Session, demo: Demo, table: str
) -> None:
    _agreed_targets_stored(session, demo)
    before = generation.current(session=session)

    key = "plan_id" if table == "agreed_targets" else "id"
    one_row = f"UPDATE {table} SET {key} = {key} WHERE {key} = (SELECT min({key}) FROM {table})"  # noqa: S608 (our names)
    changed = session.execute(text(one_row))

    assert changed.rowcount == 1  # type: ignore[attr-defined]
    assert generation.current(session=session) != before


def test_adding_and_removing_a_row_each_change_it(session: Session, demo: Demo) -> None:
    first = generation.current(session=session)
    _agreed_targets_stored(session, demo)
    added = generation.current(session=session)
    session.execute(text("DELETE FROM agreed_targets"))

    assert len({first, added, generation.current(session=session)}) == 3


def test_a_part_saved_leaves_it_alone_so_saves_never_wait_for_it(session: Session, demo: Demo) -> None:
    before = generation.current(session=session)
    version = parts.read_part(demo.filled_plan_id, PartName.STRATEGIC_SUMMARY, session=session).version

    edit(
        session,
        demo.filled_plan_id,
        PartName.STRATEGIC_SUMMARY,
        lambda document: document.update(likely_demand="Changed"),
    )

    assert parts.read_part(demo.filled_plan_id, PartName.STRATEGIC_SUMMARY, session=session).version == version + 1
    assert generation.current(session=session) == before


def test_an_answer_is_computed_once_while_the_generation_stands_and_afresh_after_a_change(
    session: Session, demo: Demo
) -> None:
    kept: generation.KeptUnderGeneration[int] = generation.KeptUnderGeneration(size=4)
    computed: list[int] = []

    def compute() -> int:
        computed.append(len(computed))
        return computed[-1]

    answers = [kept.get("key", compute, session=session) for _ in range(3)]
    set_local_target(_birmingham(session, demo), "OF-16", "2031/32", baseline=22, annual=14, by=None, session=session)
    answers.append(kept.get("key", compute, session=session))

    assert answers == [0, 0, 0, 1]


def test_the_least_recently_used_answer_goes_first_when_more_are_kept_than_room_allows(session: Session) -> None:
    kept: generation.KeptUnderGeneration[str] = generation.KeptUnderGeneration(size=2)
    asked: list[str] = []

    def answer(key: str) -> str:
        def compute() -> str:
            asked.append(key)
            return key

        return kept.get(key, compute, session=session)

    for key in ("a", "b", "a", "c", "a", "b"):
        answer(key)

    assert asked == ["a", "b", "c", "b"]  # "b" was the least recently used when "c" came


def test_a_figure_imported_by_another_process_shows_on_this_process_s_task_list_at_once(
    connection: Connection, session: Session, demo: Demo
) -> None:
    # A process of our own, with answers kept apart from the other tests' application.
    app = create_app(Settings(environment="test", database_url="sqlite://"), engine=connection.engine)
    pages.install(app)
    app.state.open_session = lambda *, writes: Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    cycle = session.get(PlanCycle, demo.current_cycle_id)  # the filled plan's
    assert cycle is not None
    year = cycle.plan_year
    with TestClient(app, base_url=HTTPS) as planner:
        form = planner.get("/sign-in")
        planner.post(
            "/sign-in",
            data={"email": ACTORS["planner_a"], "password": DEMO_PASSWORD, "csrf_token": csrf_token(form.text)},
        )
        shown = [text_of(planner.get(f"/plans/{demo.filled_plan_id}").text) for _ in range(2)]
        imported(f"P2-2,1,birmingham-dat,{year} Q1,,61,100,", session=session)  # as `adtp import-observations` would
        after = text_of(planner.get(f"/plans/{demo.filled_plan_id}").text)

    assert shown[0] == shown[1]
    assert f"(latest figure 61.0%, {year} Q1)" not in shown[0]
    assert f"(latest figure 61.0%, {year} Q1)" in after


def _birmingham(session: Session, demo: Demo) -> int:
    plan = session.get(Plan, demo.filled_plan_id)
    assert plan is not None
    return plan.partnership_id
