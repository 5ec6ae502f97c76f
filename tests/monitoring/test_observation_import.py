"""Importing figures: all or nothing, every problem by row and column, idempotent, revisions keep what they replace."""

import pytest
from sqlmodel import Session, select

from service.monitoring import observation_import
from service.monitoring.metric_versions import load_shipped_catalogue
from service.monitoring.observation_import import ImportProblem, ObservationsRejected
from service.monitoring.observations import ImportCounts, revisions_of
from service.tables.monitoring import Observation
from tests.monitoring.stored_figures import HEADER, csv_lines, imported, without_demo_figures


@pytest.fixture(autouse=True)
def catalogue(session: Session) -> None:
    """The catalogue as shipped, without the demo's figures: these tests count what they import."""
    without_demo_figures(session)
    load_shipped_catalogue(session=session)


def stored(session: Session) -> list[tuple[str, float, float | None, str]]:
    rows = session.exec(select(Observation).order_by(Observation.period)).all()
    return [(row.period, row.numerator, row.denominator, row.release) for row in rows]


def problems_of(*rows: str, session: Session, header: str = HEADER) -> list[ImportProblem]:
    lines = csv_lines(*rows, header=header)
    with pytest.raises(ObservationsRejected) as rejected:
        observation_import.import_observations(lines, release="test release", by=None, session=session)
    return rejected.value.problems


def test_figures_are_stored_with_their_release_and_periods_in_either_form(session: Session) -> None:
    counts = imported(
        "OF-16,1,LA-BIRMINGHAM,2027/28 Q1,,30,100,",
        "OF-16,1,LA-BIRMINGHAM,2027/28,,120,400,annual release",
        session=session,
    )

    assert counts == ImportCounts(added=2)
    assert stored(session) == [("2027/28", 120, 400, "annual release"), ("2027/28 Q1", 30, 100, "test release")]


def test_the_same_file_again_changes_nothing(session: Session) -> None:
    rows = ("OF-16,1,LA-BIRMINGHAM,2027/28 Q1,,30,100,", "OF-04,1,LA-COVENTRY,2027/28 Q1,,12,,")
    imported(*rows, session=session)

    assert imported(*rows, session=session) == ImportCounts(unchanged=2)
    assert imported(*rows, session=session, release="a later release") == ImportCounts(unchanged=2)
    assert {row[3] for row in stored(session)} == {"test release"}


def test_a_changed_figure_is_a_revision_that_keeps_the_figure_it_replaced(session: Session) -> None:
    imported("OF-16,1,LA-BIRMINGHAM,2027/28 Q1,,30,100,", session=session, release="first")

    counts = imported("OF-16,1,LA-BIRMINGHAM,2027/28 Q1,,31,101,", session=session, release="revised")

    assert counts == ImportCounts(revised=1)
    assert stored(session) == [("2027/28 Q1", 31, 101, "revised")]
    observation = session.exec(select(Observation)).one()
    [kept] = revisions_of(observation.id or 0, session=session)
    assert (kept.numerator, kept.denominator, kept.release, kept.replaced_by_release) == (30, 100, "first", "revised")


def test_a_breakdown_is_a_figure_of_its_own_beside_all_persons(session: Session) -> None:
    counts = imported(
        "OF-16,1,LA-BIRMINGHAM,2027/28 Q1,,30,100,",
        "OF-16,1,LA-BIRMINGHAM,2027/28 Q1,female,10,40,",
        session=session,
    )

    assert counts == ImportCounts(added=2)


def test_every_problem_is_named_by_row_and_column_and_nothing_is_stored(session: Session) -> None:
    problems = problems_of(
        "OF-16,1,LA-BIRMINGHAM,2027/28 Q1,,30,100,",  # sound, but not stored
        "OF-999,1,LA-BIRMINGHAM,2027/28 Q1,,1,2,",
        "OF-16,7,LA-BIRMINGHAM,2027/28 Q1,,1,2,",
        "OF-16,1,NOWHERE,2027/28 Q1,,1,2,",
        "OF-16,1,5PG,2027/28 Q1,,1,2,",  # a PCT: fine for a local-authority metric
        "OF-16,1,region:london,2027/28 Q5,,1,2,",
        "OF-16,1,LA-LEEDS,2027/28 Q1,,many,2,",
        "OF-16,1,LA-SHEFFIELD,2027/28 Q1,,-1,2,",
        "OF-16,1,LA-CAMDEN,2027/28 Q1,,3,2,",
        "OF-16,1,LA-LAMBETH,2027/28 Q1,,3,,",
        "OF-04,1,LA-LAMBETH,2027/28 Q1,,3,9,",
        "OF-14,1,LA-HACKNEY,2027/28 Q1,,3,,",
        "OF-16,1,LA-BIRMINGHAM,2027/28 Q1,,31,100,",
        session=session,
    )

    assert [(p.row, p.column) for p in problems] == [
        (3, "metric"),
        (4, "version"),
        (5, "area"),
        (7, "period"),
        (8, "numerator"),
        (9, "numerator"),
        (10, "numerator"),
        (11, "denominator"),
        (12, "denominator"),
        (13, "area"),
        (14, "(row)"),
    ]
    assert "same figure as row 2" in problems[-1].detail
    assert "smaller than OF-14 v1 is published for (english-region)" in problems[-2].detail
    assert session.exec(select(Observation)).all() == []


def test_a_problem_after_several_batches_undoes_the_batches_already_written(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(observation_import, "BATCH_SIZE", 2)
    good = [f"OF-04,1,LA-BIRMINGHAM,2027/28 Q1,group {n},{n},," for n in range(5)]

    problems = problems_of(*good, "OF-04,1,LA-BIRMINGHAM,2027/28 Q1,,x,,", session=session)

    assert [(p.row, p.column) for p in problems] == [(7, "numerator")]
    assert session.exec(select(Observation)).all() == []


def test_a_missing_or_unknown_column_is_named_in_the_header(session: Session) -> None:
    problems = problems_of("OF-04,LA-LEEDS,2027/28,4", header="metric,area,period,numeratr", session=session)

    assert {(p.row, p.column) for p in problems} == {(1, "version"), (1, "numerator"), (1, "numeratr")}


def test_a_row_without_a_release_when_the_file_names_none_is_a_problem(session: Session) -> None:
    with pytest.raises(ObservationsRejected) as rejected:
        imported("OF-04,1,LA-LEEDS,2027/28,,4,,", session=session, release=None)

    assert [(p.row, p.column) for p in rejected.value.problems] == [(2, "release")]


def test_a_spreadsheets_byte_order_mark_and_blank_lines_are_no_problem(session: Session) -> None:
    lines = csv_lines(
        "OF-04,1,LA-LEEDS,2027/28,,4,,",
        "",
        header="\ufeffmetric,version,area,period,breakdown,numerator,denominator,release",
    )

    counts = observation_import.import_observations(lines, release="r", by=None, session=session)

    assert counts == ImportCounts(added=1)


def test_a_row_the_csv_reader_cannot_read_is_a_problem_not_a_failure(session: Session) -> None:
    too_long = "x" * 200_000  # over the csv module's field size limit
    problems = problems_of("OF-04,1,LA-LEEDS,2027/28,,4,,", f"OF-04,1,LA-LEEDS,2027/28,{too_long},4,,", session=session)

    assert problems[-1].column == "(row)"
    assert "cannot be read" in problems[-1].detail
    assert session.exec(select(Observation)).all() == []


def test_a_figure_for_a_year_its_metric_version_is_not_in_force_names_the_period(session: Session) -> None:
    # OF-35's first version covered 2022/23 only; its second is in force from 2023/24.
    problems = problems_of("OF-35,1,england,2027/28,,4,10,", "OF-35,2,england,2027/28,,4,10,", session=session)

    assert [(p.row, p.column) for p in problems] == [(2, "period")]
    assert "OF-35 v1 is not in force in 2027/28" in problems[0].detail
