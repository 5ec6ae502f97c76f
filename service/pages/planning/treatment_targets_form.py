"""Part 2 (effective-treatment targets) as an HTML form: field names, figures as typed, and reading them back.

Pure functions, no HTTP. Fields are named by their place in the document: the JSON Pointer
/retention/planned_change_pct/plan_year is the field retention-planned_change_pct-plan_year.
"""

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from plan_schema.targets import MAX_PCTS, EffectiveTreatmentTarget, SystemTarget, Targets
from plan_schema.typed_numbers import percentage, whole_number
from plan_schema.vocabulary import INDICATOR_TITLES, IndicatorId
from service.pages.planning.part_form import PlacedFinding, PostedPart, nearest_field, place_by_anchor, validated
from validators.findings import Finding

# Indicators 1.1 and 1.2 count people over three years; 2 and 3 are rates for the plan year.
EFFECTIVE: tuple[tuple[IndicatorId, str], ...] = (
    (IndicatorId.CRACK_OPIATE_EFFECTIVE_TREATMENT, "crack_opiate_users_in_effective_treatment"),
    (IndicatorId.ALL_ADULTS_EFFECTIVE_TREATMENT, "all_adults_in_effective_treatment"),
)
SYSTEM: tuple[tuple[IndicatorId, str], ...] = (
    (IndicatorId.RETENTION, "retention"),
    (IndicatorId.CARE_PLANNED_EXITS, "care_planned_exits"),
)
BASELINES = ("baseline_actual", "baseline_predicted")
EFFECTIVE_CHANGES = ("plan_year", "first_indicative_year", "second_indicative_year")
PRACTICE_COUNTS = ("practices_in_area", "practices_in_shared_care", "practices_in_other_models")
FORM_SECTION = "targets-form"
PRIMARY_CARE_SECTION = "primary-care"
_CHANGE_WORDS = {
    "plan_year": "planned change, plan year",
    "first_indicative_year": "planned change, first indicative year",
    "second_indicative_year": "planned change, second indicative year",
}


def baseline_name(indicator_field: str, baseline: str) -> str:
    """The field of one indicator's baseline."""
    return f"{indicator_field}-{baseline}"


def change_name(indicator_field: str, year: str) -> str:
    """The field of one indicator's planned % change for one year."""
    return f"{indicator_field}-planned_change_pct-{year}"


def primary_care_name(index: int, field_name: str) -> str:
    """The field of one primary care entry (index 0 is the first PCT listed)."""
    return f"primary_care-{index}-{field_name}"


def primary_care_count(values: Mapping[str, str]) -> int:
    """How many primary care rows a form holds (numbered from 0 without gaps)."""
    count = 0
    while primary_care_name(count, "pct_code") in values:
        count += 1
    return count


def _text(figure: Decimal | int | None) -> str:
    return "" if figure is None else format(figure, "f") if isinstance(figure, Decimal) else str(figure)


def form_values(targets: Targets) -> dict[str, str]:
    """Every input of the form as it shows a stored document."""
    values: dict[str, str] = {}
    for _, field_name in EFFECTIVE + SYSTEM:
        target: EffectiveTreatmentTarget | SystemTarget = getattr(targets, field_name)
        for baseline in BASELINES:
            values[baseline_name(field_name, baseline)] = _text(getattr(target, baseline))
        years = EFFECTIVE_CHANGES if isinstance(target, EffectiveTreatmentTarget) else ("plan_year",)
        for year in years:
            values[change_name(field_name, year)] = _text(getattr(target.planned_change_pct, year))
    for index, entry in enumerate(targets.primary_care):
        values[primary_care_name(index, "pct_code")] = entry.pct_code
        for count in PRACTICE_COUNTS:
            values[primary_care_name(index, count)] = _text(getattr(entry, count))
        values[primary_care_name(index, "notes")] = entry.notes
    return values


def _figure_fields() -> Iterable[tuple[str, Callable[[str], tuple[Any, str | None]]]]:
    """Every fixed input with the reader of what is typed in it."""
    for _, field_name in EFFECTIVE:
        yield from ((baseline_name(field_name, baseline), whole_number) for baseline in BASELINES)
        yield from ((change_name(field_name, year), percentage) for year in EFFECTIVE_CHANGES)
    for _, field_name in SYSTEM:
        yield from ((baseline_name(field_name, baseline), percentage) for baseline in BASELINES)
        yield change_name(field_name, "plan_year"), percentage


def anchors(values: Mapping[str, str]) -> dict[str, str]:
    """Where each location of the document is shown: its field, its primary care row, or its section."""
    found = {name.replace("-", "/"): name for name in values if not name.endswith("-pct_code")}
    rows = {f"primary_care/{index}": f"primary_care-{index}" for index in range(primary_care_count(values))}
    return found | rows | {"primary_care": PRIMARY_CARE_SECTION}


def read_posted(posted: Mapping[str, str], current: Targets) -> PostedPart:
    """A posted Part 2 form as a document, or every problem with it by field."""
    values = {name: posted.get(name, "") for name, _ in _figure_fields()}
    for index in range(min(primary_care_count(posted), MAX_PCTS)):
        for field_name in ("pct_code", *PRACTICE_COUNTS, "notes"):
            values[primary_care_name(index, field_name)] = posted.get(primary_care_name(index, field_name), "")
    result = PostedPart(values=values)
    document: dict[str, Any] = {}
    for name, read in _figure_fields():
        figure, error = read(values[name])
        if error:
            result.errors[name] = error
        *where, last = name.split("-")
        place = document
        for key in where:
            place = place.setdefault(key, {})
        place[last] = None if figure is None else format(figure, "f") if isinstance(figure, Decimal) else figure
    document["primary_care"] = []
    for index in range(primary_care_count(values)):
        entry: dict[str, Any] = {"pct_code": values[primary_care_name(index, "pct_code")].strip()}
        for count in PRACTICE_COUNTS:
            entry[count], error = whole_number(values[primary_care_name(index, count)])
            if error:
                result.errors[primary_care_name(index, count)] = error
        entry["notes"] = values[primary_care_name(index, "notes")].strip()
        # A row left blank is a PCT not reported on (the rules say so), not a row of nothing.
        if any(entry[count] is not None for count in PRACTICE_COUNTS) or entry["notes"]:
            document["primary_care"].append(entry)
    shown = anchors(values)
    return validated(result, Targets, document, lambda loc: nearest_field(loc, shown), FORM_SECTION)


def place_findings(findings: Iterable[Finding], document: Mapping[str, Any]) -> list[PlacedFinding]:
    """Each finding beside its figure, or by the row or section it is about."""
    shown = form_values(Targets.model_validate(document))
    return place_by_anchor(findings, anchors(shown), FORM_SECTION)


def field_labels(values: Mapping[str, str], pct_names: Mapping[str, str] | None = None) -> dict[str, str]:
    """What each input is called in the error summary: "Indicator 1.1: planned change, plan year".

    A PCT is named as "South Birmingham PCT (5M1)" where `pct_names` knows it, else by its code.
    """
    names = pct_names or {}
    labels: dict[str, str] = {}
    for indicator, field_name in EFFECTIVE + SYSTEM:
        title = f"Indicator {indicator.value}"
        labels[baseline_name(field_name, "baseline_actual")] = f"{title}: actual baseline"
        labels[baseline_name(field_name, "baseline_predicted")] = f"{title}: predicted baseline"
        for year, words in _CHANGE_WORDS.items():
            labels[change_name(field_name, year)] = f"{title}: {words}"
    for index in range(primary_care_count(values)):
        code = values.get(primary_care_name(index, "pct_code"), "")
        pct = f"{names[code]} ({code})" if code in names else f"PCT {code}"
        labels[primary_care_name(index, "practices_in_area")] = f"{pct}: practices in the area"
        labels[primary_care_name(index, "practices_in_shared_care")] = f"{pct}: practices in shared care"
        labels[primary_care_name(index, "practices_in_other_models")] = f"{pct}: practices in other models"
        labels[primary_care_name(index, "notes")] = f"{pct}: notes"
        labels[f"primary_care-{index}"] = pct
    return labels | {
        FORM_SECTION: "Part 2",
        PRIMARY_CARE_SECTION: f"Indicator 4: {INDICATOR_TITLES[IndicatorId.PRIMARY_CARE]}",
    }


def with_covered_pcts(values: Mapping[str, str], pct_codes: Iterable[str]) -> dict[str, str]:
    """The form with a blank primary care row for each PCT the partnership covers that has none yet."""
    shown = dict(values)
    count = primary_care_count(values)
    listed = {values[primary_care_name(index, "pct_code")] for index in range(count)}
    for code in pct_codes:
        if code not in listed and count < MAX_PCTS:
            shown[primary_care_name(count, "pct_code")] = code
            count += 1
    return shown
