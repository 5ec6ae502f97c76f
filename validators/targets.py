"""Part 2 rules: effective-treatment targets, retention, exits and primary care."""

from collections.abc import Iterator
from decimal import Decimal

from plan_schema.target_numbers import MAX_PLANNED_CHANGE_PCT, MIN_PLANNED_CHANGE_PCT
from plan_schema.targets import EffectiveTreatmentTarget, PrimaryCare, SystemTarget, Targets
from plan_schema.vocabulary import INDICATOR_TITLES, IndicatorId, PartName
from validators.context import PlanContext
from validators.findings import Finding, RuleSet, Severity, pointer
from validators.text import register_control_character_rule

RULES: RuleSet[Targets] = RuleSet(PartName.TARGETS, "T-")

# PSA 25 indicator 1: the national minimum movement for performance appraisal.
NATIONAL_MINIMUM_CHANGE = Decimal(1)

_INDICATOR_FIELDS: tuple[tuple[IndicatorId, str], ...] = (
    (IndicatorId.CRACK_OPIATE_EFFECTIVE_TREATMENT, "crack_opiate_users_in_effective_treatment"),
    (IndicatorId.ALL_ADULTS_EFFECTIVE_TREATMENT, "all_adults_in_effective_treatment"),
    (IndicatorId.RETENTION, "retention"),
    (IndicatorId.CARE_PLANNED_EXITS, "care_planned_exits"),
)
_PRACTICE_COUNTS: tuple[tuple[str, str], ...] = (
    ("practices_in_area", "the number of practices in the area"),
    ("practices_in_shared_care", "the number of practices in shared care"),
    ("practices_in_other_models", "the number of practices in other service models"),
)


def _indicator(indicator: IndicatorId) -> str:
    return f"Indicator {indicator.value} ({INDICATOR_TITLES[indicator]})"


def _indicative_year(context: PlanContext, position: int) -> str:
    years = context.indicative_years
    return (
        years[position]
        if position < len(years)
        else ("the first indicative year", "the second indicative year")[position]
    )


def _indicators(targets: Targets) -> Iterator[tuple[IndicatorId, str, EffectiveTreatmentTarget | SystemTarget]]:
    for indicator, field in _INDICATOR_FIELDS:
        yield indicator, field, getattr(targets, field)


def _planned_changes(
    targets: Targets, context: PlanContext
) -> Iterator[tuple[IndicatorId, str, str, str, Decimal | None]]:
    """(indicator, field, change field, year, value) for every planned % change the plan should hold."""
    for indicator, field, target in _indicators(targets):
        yield indicator, field, "plan_year", context.plan_year, target.planned_change_pct.plan_year
        if isinstance(target, EffectiveTreatmentTarget):
            change = target.planned_change_pct
            first, second = _indicative_year(context, 0), _indicative_year(context, 1)
            yield indicator, field, "first_indicative_year", first, change.first_indicative_year
            yield indicator, field, "second_indicative_year", second, change.second_indicative_year


@RULES.rule(
    "T-010",
    Severity.ERROR,
    "Guidance Part 2, 1 to 3",
    "Indicators 1.1, 1.2, 2 and 3 have both baselines and every planned % change (1.1 and 1.2 for three years).",
)
def targets_complete(targets: Targets, context: PlanContext) -> Iterator[Finding]:
    for indicator, field, target in _indicators(targets):
        if target.baseline_actual is None:
            yield RULES.finding(
                "T-010",
                pointer(field, "baseline_actual"),
                f"{_indicator(indicator)} needs its actual baseline figure for {context.baseline_year}, "
                "as provided to the partnership.",
            )
        if target.baseline_predicted is None:
            yield RULES.finding(
                "T-010",
                pointer(field, "baseline_predicted"),
                f"{_indicator(indicator)} needs its predicted figure for {context.previous_year}, "
                "as provided to the partnership.",
            )
    for indicator, field, change_field, year, value in _planned_changes(targets, context):
        if value is None:
            yield RULES.finding(
                "T-010",
                pointer(field, "planned_change_pct", change_field),
                f"{_indicator(indicator)} needs a planned % change for {year}.",
            )


@RULES.rule("T-020", Severity.ERROR, "Guidance Part 2, 1 to 3", "Every planned % change is between −100% and +500%.")
def planned_change_in_range(targets: Targets, context: PlanContext) -> Iterator[Finding]:
    for indicator, field, change_field, year, value in _planned_changes(targets, context):
        if value is not None and not MIN_PLANNED_CHANGE_PCT <= value <= MAX_PLANNED_CHANGE_PCT:
            yield RULES.finding(
                "T-020",
                pointer(field, "planned_change_pct", change_field),
                f"{_indicator(indicator)} plans a change of {value}% for {year}, outside −100% to +500%. "
                "Enter the change as a percentage (5 for a 5% rise) and check the figure.",
            )


@RULES.rule(
    "T-030",
    Severity.WARNING,
    "Guidance Part 2, 1",
    "Indicator 1.1's plan-year change is at least the national minimum movement of +1 percentage point.",
)
def national_minimum_movement(targets: Targets, context: PlanContext) -> Iterator[Finding]:
    field = "crack_opiate_users_in_effective_treatment"
    change = targets.crack_opiate_users_in_effective_treatment.planned_change_pct.plan_year
    if change is not None and change < NATIONAL_MINIMUM_CHANGE:
        yield RULES.finding(
            "T-030",
            pointer(field, "planned_change_pct", "plan_year"),
            f"{_indicator(IndicatorId.CRACK_OPIATE_EFFECTIVE_TREATMENT)} plans {change}% for {context.plan_year}, "
            "below the national minimum movement of 1 percentage point set by PSA 25. Discuss the figure "
            "with your NTA regional team before final agreement.",
        )


@RULES.rule(
    "T-040", Severity.ERROR, "Guidance Part 2, 4", "Primary care has an entry for every PCT the partnership covers."
)
def primary_care_for_every_pct(targets: Targets, context: PlanContext) -> Iterator[Finding]:
    given = {entry.pct_code for entry in targets.primary_care}
    for code in context.pct_codes:
        if code not in given:
            yield RULES.finding(
                "T-040",
                pointer("primary_care"),
                f"Primary care (indicator 4) has no entry for PCT {code}. Where the partnership covers more than "
                "one PCT, give the practice figures for each one.",
            )


@RULES.rule(
    "T-050", Severity.ERROR, "Guidance Part 2, 4", "Primary care has no entry for a PCT the partnership does not cover."
)
def primary_care_only_for_covered_pcts(targets: Targets, context: PlanContext) -> Iterator[Finding]:
    covered = ", ".join(context.pct_codes) or "none recorded"
    for index, entry in enumerate(targets.primary_care):
        if entry.pct_code not in context.pct_codes:
            yield RULES.finding(
                "T-050",
                pointer("primary_care", index, "pct_code"),
                f"Primary care has an entry for PCT {entry.pct_code}, which the partnership does not cover "
                f"(it covers: {covered}). Correct the PCT code or remove the entry.",
            )


def _counts(entry: PrimaryCare) -> Iterator[tuple[str, str, int | None]]:
    for field, words in _PRACTICE_COUNTS:
        yield field, words, getattr(entry, field)


@RULES.rule("T-060", Severity.ERROR, "Guidance Part 2, 4", "Each primary care entry has all three practice counts.")
def practice_counts_complete(targets: Targets, context: PlanContext) -> Iterator[Finding]:
    for index, entry in enumerate(targets.primary_care):
        for field, words, value in _counts(entry):
            if value is None:
                yield RULES.finding(
                    "T-060",
                    pointer("primary_care", index, field),
                    f"Primary care for PCT {entry.pct_code} needs {words} (enter 0 if there are none).",
                )


@RULES.rule(
    "T-070",
    Severity.ERROR,
    "Guidance Part 2, 4",
    "Practices in shared care and in other models, each and together, are no more than the practices in the area.",
)
def practice_counts_consistent(targets: Targets, context: PlanContext) -> Iterator[Finding]:
    for index, entry in enumerate(targets.primary_care):
        area = entry.practices_in_area
        if area is None:
            continue  # T-060 reports it; there is nothing to compare with.
        over = False
        for field, words, value in _counts(entry):
            if field != "practices_in_area" and value is not None and value > area:
                over = True
                yield RULES.finding(
                    "T-070",
                    pointer("primary_care", index, field),
                    f"Primary care for PCT {entry.pct_code} gives {words} as {value}, more than the {area} "
                    "practices in the area. Check both figures.",
                )
        shared = entry.practices_in_shared_care or 0
        other = entry.practices_in_other_models or 0
        # Only when neither count is over on its own: otherwise the sum repeats what was just said.
        if not over and shared + other > area:
            yield RULES.finding(
                "T-070",
                pointer("primary_care", index),
                f"Primary care for PCT {entry.pct_code} has {shared} practices in shared care and {other} in other "
                f"models, {shared + other} in all, more than the {area} practices in the area. Count each practice "
                "once, under the model it works in.",
            )


register_control_character_rule(RULES, "T-900")
