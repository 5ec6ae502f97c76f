"""The versioned catalogue of metrics a partnership is monitored on through the year.

The metrics live in `metrics.json` beside this module, not in Python: they are reference data that
a later session loads into tables and an administrator will extend, one entry per metric version,
reviewable as a diff. The JSON is read into frozen dataclasses through pydantic, so an unknown
field, a misspelt enum value or a missing definition stops the load, and `consistency_problems`
then checks what a schema cannot: one entry per code and version, successors that point at a real
version, and versions of one code that never claim the same plan year.
"""

import functools
import re
from dataclasses import field
from enum import StrEnum
from importlib.resources import files

from pydantic import ConfigDict, TypeAdapter
from pydantic.dataclasses import dataclass

from plan_schema.plan_year import check_plan_year, first_calendar_year
from plan_schema.vocabulary import IndicatorId

METRICS_FILE = "metrics.json"
_STRICT = ConfigDict(extra="forbid")


class Family(StrEnum):
    """Where a metric comes from, which is also whose target it is held against."""

    PLAN_PART_2 = "plan-part-2"
    OUTCOMES_FRAMEWORK_2023 = "outcomes-framework-2023"
    LOCAL_KPI = "local-kpi"


# Codes carry their family, so a code alone says where to look it up: P2-1.1, OF-16, LK-5a.
CODE_PREFIXES: dict[Family, str] = {
    Family.PLAN_PART_2: "P2-",
    Family.OUTCOMES_FRAMEWORK_2023: "OF-",
    Family.LOCAL_KPI: "LK-",
}
_CODE = re.compile(r"^(P2|OF|LK)-[A-Za-z0-9.-]+$")


class ValueType(StrEnum):
    """How a value is built from its parts, which decides how areas combine and which interval fits."""

    PROPORTION = "proportion"
    RATE = "rate"
    COUNT = "count"
    MEAN = "mean"
    MEAN_CHANGE = "mean-change"


class Polarity(StrEnum):
    """Which way is good: RAG and better/worse judgements need it; "none" metrics are only described."""

    HIGHER_IS_BETTER = "higher-is-better"
    LOWER_IS_BETTER = "lower-is-better"
    NONE = "none"


class Frequency(StrEnum):
    """How often the source publishes a new figure."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"
    ACADEMIC_YEAR = "academic-year"
    EVERY_TWO_YEARS = "every-two-years"
    INFREQUENT = "infrequent"
    # Many of the framework's metrics do not say; the catalogue says so rather than guess.
    NOT_STATED = "not-stated"


class Window(StrEnum):
    """The period one figure covers, which decides whether successive figures overlap."""

    QUARTER = "quarter"
    YEAR_TO_DATE = "year-to-date"
    ROLLING_12_MONTHS = "rolling-12-months"
    ANNUAL = "annual"
    POOLED_YEARS = "pooled-years"
    NOT_STATED = "not-stated"


class Geography(StrEnum):
    """The smallest area the source publishes for: below it a partnership has no figure of its own."""

    SERVICE = "service"
    PRIMARY_CARE_TRUST = "primary-care-trust"
    PARTNERSHIP = "partnership"
    LOCAL_AUTHORITY = "local-authority"
    POLICE_FORCE_AREA = "police-force-area"
    ENGLISH_REGION = "english-region"
    ENGLAND = "england"
    ENGLAND_AND_WALES = "england-and-wales"


class Outcome(StrEnum):
    """The 2023 outcomes framework's three strategic and three intermediate outcomes."""

    REDUCE_DRUG_USE = "reduce-drug-use"
    REDUCE_DRUG_RELATED_CRIME = "reduce-drug-related-crime"
    REDUCE_DEATHS_AND_HARM = "reduce-drug-related-deaths-and-harm"
    REDUCE_SUPPLY = "reduce-drug-supply"
    INCREASE_ENGAGEMENT = "increase-engagement-in-treatment"
    IMPROVE_RECOVERY = "improve-recovery-outcomes"


class Tier(StrEnum):
    """The framework's standing for a metric: its 11 headline measures, supporting, OHID's additional ones."""

    HEADLINE = "headline"
    SUPPORTING = "supporting"
    OHID_ADDITIONAL = "ohid-additional"


@dataclass(frozen=True, config=_STRICT)
class MetricRef:
    """One version of one metric."""

    code: str
    version: int

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"


@dataclass(frozen=True, config=_STRICT)
class DirectionNote:
    """Plan years in which a rise is expected even when lower is better in the long run (seed 001)."""

    from_cycle: str
    to_cycle: str | None
    note: str


@dataclass(frozen=True, config=_STRICT)
class SeriesBreak:
    """A change of definition or collection from a plan year on: figures either side do not compare."""

    cycle: str
    note: str


@dataclass(frozen=True, config=_STRICT)
class Metric:
    """One version of a metric: what is counted, how it combines, which way is good, and where it is from."""

    code: str
    version: int
    family: Family
    name: str
    definition: str
    numerator: str
    denominator: str | None
    value_type: ValueType
    multiplier: int
    polarity: Polarity
    frequency: Frequency
    window: Window
    source: str
    lowest_geography: Geography
    citation: str
    valid_from: str | None = None
    valid_to: str | None = None
    supersedes: MetricRef | None = None
    outcome: Outcome | None = None
    tier: Tier | None = None
    caveats: tuple[str, ...] = field(default_factory=tuple)
    series_breaks: tuple[SeriesBreak, ...] = field(default_factory=tuple)
    direction_notes: tuple[DirectionNote, ...] = field(default_factory=tuple)

    @property
    def ref(self) -> MetricRef:
        return MetricRef(code=self.code, version=self.version)

    def valid_in(self, cycle: str) -> bool:
        """Whether this version is the one in force for a plan year such as "2024/25"."""
        return _within(first_calendar_year(cycle), self.valid_from, self.valid_to)

    def direction_note_for(self, cycle: str) -> str | None:
        """What a reader should know about the good direction in this plan year, if anything."""
        year = first_calendar_year(cycle)
        notes = [note.note for note in self.direction_notes if _within(year, note.from_cycle, note.to_cycle)]
        return " ".join(notes) or None

    def breaks_between(self, earlier: str, later: str) -> tuple[SeriesBreak, ...]:
        """The series breaks that make a figure for `earlier` incomparable with one for `later`."""
        start, end = first_calendar_year(earlier), first_calendar_year(later)
        return tuple(brk for brk in self.series_breaks if start < first_calendar_year(brk.cycle) <= end)


def _within(year: int, valid_from: str | None, valid_to: str | None) -> bool:
    return _start(valid_from) <= year <= _end(valid_to)


class UnknownMetric(LookupError):
    """No metric has that code, that version, or a version in force for that plan year."""


class CatalogueInconsistent(ValueError):
    """The shipped catalogue breaks its own rules; every problem is named, not only the first."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("the metric catalogue is inconsistent: " + "; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Catalogue:
    """Every version of every metric, looked up by code and by version or plan year."""

    metrics: tuple[Metric, ...]

    def versions(self, code: str) -> tuple[Metric, ...]:
        """Every version of one code, oldest first."""
        return tuple(sorted((m for m in self.metrics if m.code == code), key=lambda m: m.version))

    def find(self, code: str, *, version: int | None = None, cycle: str | None = None) -> Metric:
        """A version by number, or the one in force in a plan year, or else the newest."""
        candidates = self.versions(code)
        if not candidates:
            raise UnknownMetric(f"no metric has the code {code}")
        if version is not None:
            candidates = tuple(m for m in candidates if m.version == version)
            if not candidates:
                raise UnknownMetric(f"{code} has no version {version}")
        if cycle is not None:
            candidates = tuple(m for m in candidates if m.valid_in(cycle))
            if not candidates:
                raise UnknownMetric(f"{code} has no version in force in {cycle}")
        return candidates[-1]

    def in_family(self, family: Family, *, cycle: str | None = None) -> tuple[Metric, ...]:
        """A family's metrics (in force in a plan year when one is given), in catalogue order."""
        return tuple(m for m in self.metrics if m.family is family and (cycle is None or m.valid_in(cycle)))


def part_2_code(indicator: IndicatorId) -> str:
    """The catalogue code of a plan's Part 2 indicator: P2-1.1 for indicator 1.1."""
    return CODE_PREFIXES[Family.PLAN_PART_2] + indicator.value


def consistency_problems(metrics: tuple[Metric, ...]) -> list[str]:
    """Everything wrong with a set of metric versions, as sentences; empty when it is consistent."""
    problems = [problem for metric in metrics for problem in _own_problems(metric)]
    refs = [metric.ref for metric in metrics]
    problems += [f"{ref} appears more than once" for ref in sorted(set(refs), key=str) if refs.count(ref) > 1]
    for metric in metrics:
        if metric.supersedes is not None and metric.supersedes not in refs:
            problems.append(f"{metric.ref} supersedes {metric.supersedes}, which is not in the catalogue")
        if metric.supersedes == metric.ref:
            problems.append(f"{metric.ref} supersedes itself")
    problems += _overlaps(metrics)
    return problems


def _own_problems(metric: Metric) -> list[str]:
    """What is wrong with one entry on its own: its code, plan years, and parts for its value type."""
    found: list[str] = []
    if not _CODE.match(metric.code) or not metric.code.startswith(CODE_PREFIXES[metric.family]):
        found.append(f"{metric.ref}: a {metric.family} code starts {CODE_PREFIXES[metric.family]}")
    years = [metric.valid_from, metric.valid_to]
    years += [brk.cycle for brk in metric.series_breaks]
    years += [y for note in metric.direction_notes for y in (note.from_cycle, note.to_cycle)]
    for label in (y for y in years if y is not None):
        try:
            check_plan_year(label)
        except ValueError as error:
            found.append(f"{metric.ref}: {error}")
    if found:
        return found
    if _end(metric.valid_to) < _start(metric.valid_from):
        found.append(f"{metric.ref} ends ({metric.valid_to}) before it starts ({metric.valid_from})")
    needs_denominator = metric.value_type is not ValueType.COUNT
    if needs_denominator != (metric.denominator is not None):
        found.append(f"{metric.ref}: a {metric.value_type} {'needs' if needs_denominator else 'has no'} denominator")
    if metric.multiplier not in _MULTIPLIERS[metric.value_type]:
        allowed = ", ".join(str(m) for m in sorted(_MULTIPLIERS[metric.value_type]))
        found.append(f"{metric.ref}: a {metric.value_type}'s multiplier is one of {allowed}")
    return found


# A proportion is shown as a percentage; a rate is per some round number of people; the rest as counted.
_MULTIPLIERS: dict[ValueType, frozenset[int]] = {
    ValueType.PROPORTION: frozenset({100}),
    ValueType.RATE: frozenset({1_000, 10_000, 100_000}),
    ValueType.COUNT: frozenset({1}),
    ValueType.MEAN: frozenset({1}),
    ValueType.MEAN_CHANGE: frozenset({1}),
}


def _start(label: str | None) -> float:
    """A range's first plan year as a number; an open start is minus infinity, so open ranges compare too."""
    return first_calendar_year(label) if label is not None else float("-inf")


def _end(label: str | None) -> float:
    """A range's last plan year as a number; an open end is infinity."""
    return first_calendar_year(label) if label is not None else float("inf")


def _overlaps(metrics: tuple[Metric, ...]) -> list[str]:
    """Two versions of one code in force in the same plan year: lookup by year would be ambiguous."""
    return [
        f"{first.ref} and {second.ref} are both in force in some plan year"
        for index, first in enumerate(metrics)
        for second in metrics[index + 1 :]
        if first.code == second.code
        and first.version != second.version
        and _start(first.valid_from) <= _end(second.valid_to)
        and _start(second.valid_from) <= _end(first.valid_to)
    ]


_METRICS = TypeAdapter(tuple[Metric, ...])


def load_catalogue(text: str) -> Catalogue:
    """Read a catalogue from JSON and refuse it, naming every problem, unless it is consistent."""
    metrics = _METRICS.validate_json(text)
    problems = consistency_problems(metrics)
    if problems:
        raise CatalogueInconsistent(problems)
    return Catalogue(metrics=metrics)


@functools.cache
def shipped_catalogue() -> Catalogue:
    """The catalogue this release ships, read once."""
    return load_catalogue(files(__package__).joinpath(METRICS_FILE).read_text(encoding="utf-8"))
