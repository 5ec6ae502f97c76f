"""Scorecard figures and judgements in the words a page shows, in GOV.UK style: sentence case, no jargon.

One place for each: a scorecard row, its chart and its table all word a value, an interval and a
judgement through these, so a percentage never reads "30.8 %" in one place and "30.8%" in another.
"""

from service.monitoring.catalogue import Family, Metric, Polarity, ValueType
from service.monitoring.judgements import Change, Rag, Travel
from service.monitoring.statistics import Interval

# What a reader is told in place of a figure hidden to protect small numbers (statistics.suppress).
NOT_SHOWN = "Not shown (small numbers)"

_RAG_WORDS: dict[Rag, str] = {
    Rag.GREEN: "Green – on track",
    Rag.AMBER: "Amber – close to track",
    Rag.RED: "Red – off track",
}
# GOV.UK Frontend's tag colours; the tag's words carry the meaning, the colour only repeats it.
_RAG_TAG_CLASSES: dict[Rag, str] = {
    Rag.GREEN: "govuk-tag--green",
    Rag.AMBER: "govuk-tag--orange",
    Rag.RED: "govuk-tag--red",
}
_COMPARISON_WORDS: dict[Change, str] = {
    Change.BETTER: "Better than {benchmark}",
    Change.WORSE: "Worse than {benchmark}",
    Change.HIGHER: "Higher than {benchmark}",
    Change.LOWER: "Lower than {benchmark}",
    Change.SIMILAR: "Similar to {benchmark}",
}
_FAMILY_WORDS: dict[Family, str] = {
    Family.PLAN_PART_2: "The plan's Part 2 indicators",
    Family.OUTCOMES_FRAMEWORK_2023: "The 2023 outcomes framework",
    Family.LOCAL_KPI: "Local and contract KPIs",
}
_UNITS: dict[ValueType, str] = {
    ValueType.PROPORTION: "Percentage",
    ValueType.RATE: "Rate per {multiplier:,}",
    ValueType.COUNT: "Number",
    ValueType.MEAN: "Mean",
    ValueType.MEAN_CHANGE: "Mean change",
}


def number_text(metric: Metric, value: float) -> str:
    """A value without its unit, as an axis tick shows it: whole counts whole, everything else to one place."""
    if metric.value_type is ValueType.COUNT and float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.1f}"


def value_text(metric: Metric, value: float | None) -> str:
    """ "30.8%", "12.3 per 100,000", "1,234" or "4.2"; a missing value as "No figure"."""
    if value is None:
        return "No figure"
    number = number_text(metric, value)
    if metric.value_type is ValueType.PROPORTION:
        return f"{number}%"
    if metric.value_type is ValueType.RATE:
        return f"{number} per {metric.multiplier:,}"
    return number


def interval_text(metric: Metric, interval: Interval | None) -> str:
    """ "25.5% to 36.6%"; "No interval" for a figure that has none (a mean, or nothing counted)."""
    if interval is None:
        return "No interval"
    return f"{value_text(metric, interval.lower)} to {value_text(metric, interval.upper)}"


def unit_text(metric: Metric) -> str:
    """What the value axis measures: "Percentage", "Rate per 100,000", "Number"."""
    return _UNITS[metric.value_type].format(multiplier=metric.multiplier)


def rag_text(rag: Rag) -> str:
    """The RAG in words, colour named and meaning said, so the tag does not rely on colour."""
    return _RAG_WORDS[rag]


def rag_tag_class(rag: Rag) -> str:
    """The GOV.UK tag modifier that colours a RAG."""
    return _RAG_TAG_CLASSES[rag]


def short_of_target_text(short: bool, polarity: Polarity) -> str:
    """ "Significantly below target" (or "above" where lower is better), or that it is not."""
    side = "above" if polarity is Polarity.LOWER_IS_BETTER else "below"
    return f"Significantly {side} target" if short else f"Not significantly {side} target"


def travel_text(travel: Travel) -> str:
    """ "Improving", "Worsening", "No significant change"."""
    return travel.value.capitalize()


def comparison_text(change: Change, benchmark: str) -> str:
    """ "Similar to England", "Better than the region"."""
    return _COMPARISON_WORDS[change].format(benchmark=benchmark)


def family_text(family: Family) -> str:
    """A family of metrics as a scorecard's heading names it."""
    return _FAMILY_WORDS[family]
