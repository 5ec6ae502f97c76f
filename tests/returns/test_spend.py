"""A quarter's spend stored, guarded by its version, and worked out against the plan's Part 4 and Part 2."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlmodel import Session

from plan_schema.funding import ExpenditureRow
from plan_schema.funding_totals import SOURCE_FIELDS
from service.access.accounts import find_user
from service.platform.errors import InvalidInput, PreconditionFailed
from service.returns import spend
from service.tables.plans import PlanCycle
from tests.conftest import Demo


def _entry(session: Session, plan_id: int, **figures: str) -> spend.SpendEntry:
    """A quarter's spend with `figures` in Part 4's first category and nothing elsewhere."""
    categories = [row.category for row in spend.table_2(plan_id, session=session)]
    rows = [ExpenditureRow(category=category) for category in categories]
    rows[0] = ExpenditureRow(category=categories[0], **figures)
    return spend.SpendEntry(actual=rows)


def _user(session: Session) -> int:
    user = find_user("finance@demo.example", session=session)
    if user is None or user.id is None:
        raise LookupError("the demo finance officer")
    return user.id


def test_a_quarter_never_saved_reads_as_version_0_with_part_4s_categories_and_nothing_spent(
    session: Session, demo: Demo
) -> None:
    stored = spend.read_spend(demo.filled_plan_id, 1, session=session)

    assert stored.version == 0
    assert [row.category for row in stored.entry.actual] == [
        row.category for row in spend.table_2(demo.filled_plan_id, session=session)
    ]
    assert all(row.total == 0 for row in stored.entry.actual)


def test_saving_bumps_the_version_and_a_stale_save_is_refused_with_the_current_one(
    session: Session, demo: Demo
) -> None:
    by = _user(session)
    first = spend.save_spend(
        demo.filled_plan_id,
        1,
        _entry(session, demo.filled_plan_id, police="100"),
        expected_version=0,
        by=by,
        session=session,
    )
    second = spend.save_spend(
        demo.filled_plan_id,
        1,
        _entry(session, demo.filled_plan_id, police="250.5"),
        expected_version=1,
        by=by,
        session=session,
    )

    with pytest.raises(PreconditionFailed) as stale:
        spend.save_spend(
            demo.filled_plan_id, 1, _entry(session, demo.filled_plan_id), expected_version=1, by=by, session=session
        )
    with pytest.raises(PreconditionFailed):
        spend.save_spend(
            demo.filled_plan_id, 1, _entry(session, demo.filled_plan_id), expected_version=0, by=by, session=session
        )

    assert (first.version, second.version) == (1, 2)
    assert stale.value.extensions["current_version"] == 2
    assert spend.read_spend(demo.filled_plan_id, 1, session=session).entry.actual[0].police == Decimal("250.50")


def test_rows_that_are_not_part_4s_categories_are_refused_by_pointer(session: Session, demo: Demo) -> None:
    entry = _entry(session, demo.filled_plan_id)
    entry.actual[2] = ExpenditureRow(category="Something else")

    with pytest.raises(InvalidInput) as refused:
        spend.save_spend(demo.filled_plan_id, 1, entry, expected_version=0, by=_user(session), session=session)

    assert [error["pointer"] for error in refused.value.extensions["errors"]] == ["/actual/2/category"]


def test_the_variance_adds_the_quarters_so_far_and_reads_the_cycles_threshold_and_part_2s_adults(
    session: Session, demo: Demo
) -> None:
    plan_id, by = demo.filled_plan_id, _user(session)
    spend.save_spend(plan_id, 1, _entry(session, plan_id, police="1000"), expected_version=0, by=by, session=session)
    spend.save_spend(plan_id, 2, _entry(session, plan_id, police="500.25"), expected_version=0, by=by, session=session)
    spend.save_spend(plan_id, 3, _entry(session, plan_id, police="99999"), expected_version=0, by=by, session=session)
    cycle = session.get(PlanCycle, demo.current_cycle_id)
    assert cycle is not None
    cycle.spend_variance_threshold_pct = Decimal("3.00")
    session.add(cycle)
    session.flush()

    result = spend.variance_of(plan_id, 2, session=session)

    planned = spend.table_2(plan_id, session=session)
    assert result.categories[0].cells["police"].actual == Decimal("1500.25")  # Q1 + Q2, not Q3
    assert result.total.actual == Decimal("1500.25")
    assert result.threshold_pct == Decimal("3.00")
    assert result.total.profile == sum(
        (
            (getattr(row, field) * 2 / 4).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            for row in planned
            for field in SOURCE_FIELDS
        ),
        Decimal(0),
    )
    # Part 2: 4,571 predicted for last year, +2.5 % planned: 4,685.275 → 4,685 adults; 1,500.25 ÷ 4,685 = £0.32.
    assert (result.adults_in_treatment, result.cost_per_adult) == (4685, Decimal("0.32"))
    assert result.forecast_outturn == Decimal("3000.50")


def test_the_spend_section_is_the_quarter_as_stored_with_money_as_decimal_strings(session: Session, demo: Demo) -> None:
    plan_id = demo.filled_plan_id
    entry = _entry(session, plan_id, police="1234.5", pct_mainstream="10")
    entry.forecast_outturn = Decimal("50000")
    spend.save_spend(plan_id, 4, entry, expected_version=0, by=_user(session), session=session)

    section = spend.spend_section(plan_id, 4, session=session)

    assert (section["quarter"], section["version"], section["saved_by"]) == (4, 1, _user(session))
    assert section["actual"][0]["police"] == "1234.50"
    assert section["actual"][0]["total"] == "1244.50"
    assert section["actual"][1]["police"] == "0.00"
    assert (section["profile"], section["forecast_outturn"]) == (None, "50000.00")
    assert isinstance(section["saved_at"], str)
