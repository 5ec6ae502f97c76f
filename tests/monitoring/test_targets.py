"""A partnership's targets: local ones checked against their metric, Part 2's agreed ones once they are numbers."""

import pytest
from sqlmodel import Session, select

from service.monitoring.judgements import AmberTolerance
from service.monitoring.metric_versions import load_shipped_catalogue
from service.monitoring.scorecard import Target
from service.monitoring.targets import (
    cycle_tolerance,
    local_targets,
    remove_local_target,
    set_local_target,
    targets_for,
)
from service.planning.cycles import create_cycle
from service.platform.errors import InvalidInput, NotFound
from service.tables.columns import id_of
from service.tables.journey import AgreedTargets
from service.tables.monitoring import LocalTarget
from service.tables.plans import Partnership, Plan
from tests.monitoring.stored_figures import new_partnership, new_region

YEAR = "2031/32"  # a year with no demo cycle, so a test may make one


@pytest.fixture
def partnership(session: Session) -> Partnership:
    load_shipped_catalogue(session=session)
    return new_partnership("p-one", new_region("r", session=session), "LA-A", session=session)


def _set(partnership: Partnership, session: Session, code: str = "OF-16", **numbers: object) -> LocalTarget:
    values = {"baseline": 22.0, "annual": 14.0} | numbers
    return set_local_target(id_of(partnership), code, YEAR, by=None, session=session, **values)  # type: ignore[arg-type]


def _pointer(refused: pytest.ExceptionInfo[InvalidInput]) -> str:
    return str(refused.value.extensions["errors"][0]["pointer"])


def test_a_local_target_is_stored_on_the_version_in_force_and_replaced_not_doubled(
    session: Session, partnership: Partnership
) -> None:
    _set(partnership, session)
    _set(partnership, session, annual=12.5, milestones={2: 16.0})

    stored = session.exec(select(LocalTarget).where(LocalTarget.partnership_id == id_of(partnership))).all()
    assert stored == [local_targets(id_of(partnership), YEAR, session=session)["OF-16"]]
    assert targets_for(id_of(partnership), YEAR, session=session) == {
        "OF-16": Target(plan_year=YEAR, baseline=22.0, annual=12.5, milestones={2: 16.0})
    }


@pytest.mark.parametrize(
    ("code", "numbers", "pointer"),
    [
        ("OF-16", {"annual": 120.0}, "/annual"),  # a percentage above 100
        ("OF-16", {"baseline": -1.0}, "/baseline"),
        ("OF-04", {"baseline": -3.0}, "/baseline"),  # a count below zero
        ("OF-16", {"annual": float("nan")}, "/annual"),
        ("OF-16", {"milestones": {4: 14.0}}, "/milestones/4"),  # quarter 4 is the annual target
        ("OF-16", {"milestones": {1: 101.0}}, "/milestones/1"),
        ("P2-1.1", {}, "/code"),  # agreed in Part 2, never a local target
    ],
)
def test_a_target_that_does_not_fit_its_metric_is_refused_naming_the_field(
    session: Session, partnership: Partnership, code: str, numbers: dict[str, object], pointer: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        _set(partnership, session, code, **numbers)

    assert _pointer(refused) == pointer


def test_a_metric_not_in_force_that_year_or_not_in_the_catalogue_is_refused(
    session: Session, partnership: Partnership
) -> None:
    with pytest.raises(InvalidInput) as refused:
        set_local_target(id_of(partnership), "OF-16", "2008/09", baseline=1, annual=2, by=None, session=session)
    with pytest.raises(NotFound):
        _set(partnership, session, "OF-999")

    assert _pointer(refused) == "/year"


def test_removing_a_target_leaves_none_and_removing_it_again_is_not_found(
    session: Session, partnership: Partnership
) -> None:
    _set(partnership, session)
    remove_local_target(id_of(partnership), "OF-16", YEAR, session=session)

    assert targets_for(id_of(partnership), YEAR, session=session) == {}
    with pytest.raises(NotFound):
        remove_local_target(id_of(partnership), "OF-16", YEAR, session=session)


def test_part_2_targets_count_once_the_agreed_percent_has_a_baseline(
    session: Session, partnership: Partnership
) -> None:
    cycle = create_cycle(YEAR, session=session)
    plan = Plan(partnership_id=id_of(partnership), cycle_id=id_of(cycle))
    session.add(plan)
    session.flush()
    # 1.1 has both (1,000 people + 10 % = 1,100); 1.2 an agreed % but no baseline yet, so no number.
    agreed = AgreedTargets(plan_id=id_of(plan), planned_change_pct={"1.1": "10.0", "1.2": "5"}, baselines={"1.1": 1000})
    session.add(agreed)
    session.flush()

    assert targets_for(id_of(partnership), YEAR, session=session) == {
        "P2-1.1": Target(plan_year=YEAR, baseline=1000.0, annual=1100.0)
    }


def test_the_cycle_tolerance_is_relative_five_percent_unless_an_admin_changes_it(session: Session) -> None:
    cycle = create_cycle(YEAR, session=session)

    assert cycle_tolerance(cycle) == AmberTolerance(amount=0.05, relative=True)
    assert cycle_tolerance(None) == AmberTolerance(amount=0.05, relative=True)
    cycle.amber_tolerance_relative = False
    assert cycle_tolerance(cycle) == AmberTolerance(amount=5.0, relative=False)
