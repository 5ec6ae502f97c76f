"""Targets as numbers of people: the agreed % change applied to the annualised baseline (guidance Part 2).

Plans are agreed in per cent because the 2007/08 annualised baseline arrives only in August; once it
does, each target becomes a whole number of people. This module is the one place that happens, so
the reviewer's screen, the exports and any report always agree on the number.
"""

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, localcontext

from plan_schema.vocabulary import IndicatorId

# The planned change can fall by at most everyone in treatment; below -100% a target would be a
# negative number of people, which is never a plan but always a typing mistake.
MIN_PLANNED_CHANGE_PCT = Decimal(-100)
# A planned change beyond +500% is taken for a typing slip (rule T-020, and agreed targets refuse it).
MAX_PLANNED_CHANGE_PCT = Decimal(500)

# Only indicators 1.1 and 1.2 count people. Indicators 2 and 3 are rates (already in per cent) and
# indicator 4 counts practices, so "translating them into a number" would produce nonsense.
PEOPLE_INDICATORS: frozenset[str] = frozenset(
    {IndicatorId.CRACK_OPIATE_EFFECTIVE_TREATMENT.value, IndicatorId.ALL_ADULTS_EFFECTIVE_TREATMENT.value}
)

_WHOLE_PERSON = Decimal(1)


def _digits_of_100_plus(pct: Decimal) -> int:
    """How many significant digits 100 + pct needs to be held exactly (pct finite)."""
    whole_digits = max(pct.adjusted(), 2) + 1
    decimal_places = max(0, len(pct.as_tuple().digits) - 1 - pct.adjusted())
    return whole_digits + decimal_places


def target_number(baseline: int, planned_change_pct: Decimal) -> int:
    """Baseline × (1 + pct/100) in whole people, half a person rounded up; Decimal only, never float."""
    # bool is an int to Python, but True people in treatment is a caller's mistake, not a baseline.
    if isinstance(baseline, bool) or not isinstance(baseline, int):
        raise TypeError(f"the baseline must be a whole number of people, not {baseline!r}")
    if not isinstance(planned_change_pct, Decimal):
        # A float has already lost the exact percentage the panel agreed; refuse it rather than guess.
        raise TypeError(f"the planned change must be a Decimal, not {type(planned_change_pct).__name__}")
    if not planned_change_pct.is_finite():
        raise ValueError("the planned change must be a finite percentage")
    if baseline < 0:
        raise ValueError(f"the baseline must not be negative (got {baseline})")
    if planned_change_pct < MIN_PLANNED_CHANGE_PCT:
        raise ValueError(f"the planned change must be at least -100% (got {planned_change_pct}%)")
    # Enough precision that baseline × (100 + pct) is exact whatever its size: the only rounding
    # is the one to whole people below, never a silent one in the context's 28 digits.
    with localcontext() as context:
        context.prec = max(28, len(str(baseline)) + _digits_of_100_plus(planned_change_pct) + 2)
        # × (100 + pct) then ÷ 100 by moving the decimal point: both exact, unlike × (1 + pct/100).
        people = (Decimal(baseline) * (Decimal(100) + planned_change_pct)).scaleb(-2)
        return int(people.quantize(_WHOLE_PERSON, rounding=ROUND_HALF_UP))


def targets_as_numbers(baselines: Mapping[str, int], agreed_pct: Mapping[str, Decimal]) -> dict[str, int]:
    """Target numbers for each people-counting indicator that has both a baseline and an agreed %."""
    numbers: dict[str, int] = {}
    # Baselines' order, so a caller listing 1.1 before 1.2 gets them back that way.
    for indicator, baseline in baselines.items():
        if indicator not in agreed_pct:
            continue  # not agreed yet (final agreement is end of May): no number to show
        if indicator not in PEOPLE_INDICATORS:
            raise ValueError(
                f"indicator {indicator!r} is not counted in people; only "
                f"{', '.join(sorted(PEOPLE_INDICATORS))} become target numbers"
            )
        numbers[indicator] = target_number(baseline, agreed_pct[indicator])
    return numbers
