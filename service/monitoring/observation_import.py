"""Importing observed figures from CSV: every problem named by row and column, nothing stored unless all is well.

Columns (header names, any order): metric, version, area, period, numerator, and optionally
breakdown (blank is all persons), denominator (blank for counts) and release (else the release the
caller names for the whole file). The header is row 1, so a problem's row is the one a spreadsheet
shows. Periods are written as periods.ACCEPTED_FORMS says.

The file is read a row at a time and written in batches, so a large file never sits in memory as
objects; only the keys seen so far are kept, to find a figure given twice. The batches are written
inside a savepoint that is rolled back if any row has a problem: all or nothing.
"""

import csv
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlmodel import Session, select

from service.monitoring.areas import publishes_for
from service.monitoring.catalogue import Geography, ValueType
from service.monitoring.observations import BATCH_SIZE, ImportCounts, ObservationKey, ObservedRow, store_batch
from service.monitoring.periods import Period
from service.tables.columns import id_of, utc_now
from service.tables.monitoring import Area, MetricVersion

REQUIRED_COLUMNS = ("metric", "version", "area", "period", "numerator")
OPTIONAL_COLUMNS = ("breakdown", "denominator", "release")
MAX_RELEASE = 100
MAX_BREAKDOWN = 100
# How the checks of one row report a problem: the column, and what is wrong with it.
Report = Callable[[str, str], None]


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with a file, where it is."""

    row: int
    column: str
    detail: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.column}: {self.detail}"


class ObservationsRejected(ValueError):
    """The file has problems, each named; nothing of it was stored."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__(f"{len(problems)} problems, the first: {problems[0]}")
        self.problems = problems


@dataclass(frozen=True)
class _Metric:
    id: int
    label: str
    value_type: ValueType
    lowest_geography: Geography
    # The plan years the version is in force, as stored ("2023/24", or None for open).
    valid_from: str | None
    valid_to: str | None

    def in_force(self, plan_year: str) -> bool:
        # Plan years written "2008/09" sort as text in the order of time.
        return (self.valid_from or plan_year) <= plan_year <= (self.valid_to or plan_year)


@dataclass(frozen=True)
class _Area:
    id: int
    kind: Geography


@dataclass(frozen=True)
class _Lookups:
    """The stored metric versions and areas, read once for the whole file."""

    metrics: dict[tuple[str, int], _Metric]
    codes: frozenset[str]
    areas: dict[str, _Area]


def _lookups(session: Session) -> _Lookups:
    metrics = {
        (row.code, row.version): _Metric(
            id=id_of(row),
            label=f"{row.code} v{row.version}",
            value_type=ValueType(row.value_type),
            lowest_geography=Geography(row.lowest_geography),
            valid_from=row.definition.get("valid_from"),
            valid_to=row.definition.get("valid_to"),
        )
        for row in session.exec(select(MetricVersion)).all()
    }
    areas = {row.code: _Area(id_of(row), Geography(row.kind)) for row in session.exec(select(Area)).all()}
    return _Lookups(metrics=metrics, codes=frozenset(code for code, _ in metrics), areas=areas)


def import_observations(lines: Iterable[str], *, release: str | None, by: int | None, session: Session) -> ImportCounts:
    """Import a CSV's figures (lines of text, as a file opened for reading gives them): added, revised, unchanged.

    Idempotent: the same file again changes nothing. A changed figure is a revision that keeps the one it replaces.
    """
    lookups = _lookups(session)
    problems: list[ImportProblem] = []
    reader = csv.reader(lines)
    savepoint = session.begin_nested()
    try:
        counts = _store_sound_rows(_checked_rows(reader, lookups, release, problems), problems, by=by, session=session)
    except csv.Error as unreadable:
        # A stray quote or NUL byte: the reader cannot go on, so this is the last problem named.
        problems.append(ImportProblem(reader.line_num, "(row)", f"the CSV cannot be read here: {unreadable}"))
    except BaseException:
        savepoint.rollback()
        raise
    if problems:
        savepoint.rollback()
        raise ObservationsRejected(problems)
    savepoint.commit()
    return counts


def _store_sound_rows(
    rows: Iterator[ObservedRow], problems: list[ImportProblem], *, by: int | None, session: Session
) -> ImportCounts:
    """Write the rows in batches until the first problem, then only read on to name the rest."""
    counts = ImportCounts()
    now = utc_now()
    batch: list[ObservedRow] = []
    for observed in rows:
        if problems:
            continue
        batch.append(observed)
        if len(batch) >= BATCH_SIZE:
            counts += store_batch(batch, by=by, now=now, session=session)
            batch.clear()
    if not problems and batch:
        counts += store_batch(batch, by=by, now=now, session=session)
    return counts


def _checked_rows(
    reader: Iterator[list[str]], lookups: _Lookups, release: str | None, problems: list[ImportProblem]
) -> Iterator[ObservedRow]:
    """Each sound row as it is read; each problem added to `problems`."""
    header = [name.strip().lower() for name in next(reader, [])]
    header[:1] = [header[0].lstrip("\ufeff")] if header else []  # a spreadsheet's byte-order mark
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if release is None and "release" not in header:
        missing.append("release")
    problems += [ImportProblem(1, name, "this column is missing") for name in missing]
    known = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
    problems += [ImportProblem(1, name or "(blank)", "no such column") for name in header if name not in known]
    if len(set(header)) < len(header):
        problems.append(ImportProblem(1, "(header)", "a column is named twice"))
    if problems:
        return
    seen: dict[ObservationKey, int] = {}
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            problems.append(ImportProblem(number, "(row)", f"has {len(cells)} cells; the header has {len(header)}"))
            continue
        observed = _checked_row(number, dict(zip(header, cells, strict=True)), lookups, release, problems)
        if observed is None:
            continue
        first = seen.setdefault(observed.key, number)
        if first != number:
            problems.append(ImportProblem(number, "(row)", f"gives the same figure as row {first}"))
            continue
        yield observed


def _checked_row(
    number: int, cells: dict[str, str], lookups: _Lookups, release: str | None, problems: list[ImportProblem]
) -> ObservedRow | None:
    """One row as it will be stored, or None with its problems added."""
    found: list[ImportProblem] = []

    def problem(column: str, detail: str) -> None:
        found.append(ImportProblem(number, column, detail))

    code, version_text = cells["metric"].strip(), cells["version"].strip()
    metric: _Metric | None = None
    if code not in lookups.codes:
        problem("metric", f"no metric has the code {code!r}")
    elif not version_text.isdigit():
        problem("version", f"{version_text!r} is not a version number")
    elif (metric := lookups.metrics.get((code, int(version_text)))) is None:
        problem("version", f"{code} has no version {version_text}")
    area = lookups.areas.get(cells["area"].strip())
    if area is None:
        problem("area", f"no area has the code {cells['area'].strip()!r}")
    elif metric is not None and not publishes_for(metric.lowest_geography, area.kind):
        problem("area", f"a {area.kind} is smaller than {metric.label} is published for ({metric.lowest_geography})")
    try:
        parsed = Period.parse(cells["period"])
        period = str(parsed)
        if metric is not None and not metric.in_force(parsed.plan_year):
            problem("period", f"{metric.label} is not in force in {parsed.plan_year}: name the version that is")
    except ValueError as error:
        problem("period", str(error))
    breakdown = cells.get("breakdown", "").strip()
    if len(breakdown) > MAX_BREAKDOWN:
        problem("breakdown", f"is longer than {MAX_BREAKDOWN} characters")
    given_release = cells.get("release", "").strip() or (release or "").strip()
    if not given_release or len(given_release) > MAX_RELEASE:
        problem("release", f"name the release, in at most {MAX_RELEASE} characters")
    numerator = _number(cells["numerator"], "numerator", problem, required=True)
    denominator = _number(cells.get("denominator", ""), "denominator", problem, required=False)
    if metric is not None:
        _check_parts(metric, numerator, denominator, problem)
    problems += found
    if found or metric is None or area is None or numerator is None:
        return None
    key = ObservationKey(metric.id, area.id, period, breakdown)
    return ObservedRow(key=key, numerator=numerator, denominator=denominator, release=given_release)


def _number(text: str, column: str, problem: Report, *, required: bool) -> float | None:
    text = text.strip().replace(",", "")
    if not text:
        if required:
            problem(column, "a number is needed")
        return None
    try:
        value = float(text)
    except ValueError:
        problem(column, f"{text!r} is not a number")
        return None
    if not math.isfinite(value) or value < 0:
        problem(column, f"{text} is not a number of people or events (0 or more)")
        return None
    return value


def _check_parts(metric: _Metric, numerator: float | None, denominator: float | None, problem: Report) -> None:
    """The parts a value type needs: a count has no denominator, the rest need one; a proportion is a part of it."""
    if metric.value_type is ValueType.COUNT:
        if denominator is not None:
            problem("denominator", f"{metric.label} is a count: leave the denominator blank")
        return
    if denominator is None:
        problem("denominator", f"{metric.label} is a {metric.value_type}: its denominator is needed")
    elif metric.value_type is ValueType.PROPORTION and numerator is not None and numerator > denominator:
        problem("numerator", f"{numerator:g} is more than its denominator {denominator:g} in a proportion")
