"""Part 1 rules: the strategic summary's five elements and its key priorities."""

from collections.abc import Iterator

from plan_schema.strategic_summary import StrategicSummary
from plan_schema.vocabulary import STRATEGIC_SUMMARY_ELEMENTS, PartName
from plan_schema.wording import plural, words_in
from validators.context import PlanContext
from validators.findings import Finding, RuleSet, Severity, pointer
from validators.text import register_control_character_rule

RULES: RuleSet[StrategicSummary] = RuleSet(PartName.STRATEGIC_SUMMARY, "S-")

# "In the region of 4-6 pages of A4": roughly 1,500 to 3,500 words of prose.
WORDS_MIN = 1_500
WORDS_MAX = 3_500


def word_count(summary: StrategicSummary) -> int:
    """Words in the five elements and the key priorities (titles and descriptions)."""
    texts = [getattr(summary, field) for field, _ in STRATEGIC_SUMMARY_ELEMENTS]
    for priority in summary.key_priorities:
        texts += (priority.title, priority.description)
    return sum(words_in(text) for text in texts)


@RULES.rule("S-010", Severity.ERROR, "Guidance Part 1", "Each of the five required elements has content.")
def elements_present(summary: StrategicSummary, context: PlanContext) -> Iterator[Finding]:
    for field, heading in STRATEGIC_SUMMARY_ELEMENTS:
        text: str = getattr(summary, field)
        if not text.strip():
            yield RULES.finding(
                "S-010",
                pointer(field),
                f"The strategic summary has nothing under '{heading}'. Every one of the five elements is "
                "required: write this section.",
            )


@RULES.rule(
    "S-020",
    Severity.WARNING,
    "Guidance Part 1",
    f"The summary is in the region of 4–6 pages: about {WORDS_MIN:,} to {WORDS_MAX:,} words in all.",
)
def length_in_region(summary: StrategicSummary, context: PlanContext) -> Iterator[Finding]:
    words = word_count(summary)
    if words < WORDS_MIN:
        advice = "it looks too short to cover the five elements in the depth expected: expand it"
    elif words > WORDS_MAX:
        advice = "it looks longer than expected: tighten it, moving detail to the needs assessment"
    else:
        return
    yield RULES.finding(
        "S-020",
        pointer(),
        f"The strategic summary and key priorities come to {plural(words, 'word')}. The guidance asks for "
        f"4 to 6 pages of A4 (about {WORDS_MIN:,} to {WORDS_MAX:,} words), so {advice}.",
    )


@RULES.rule("S-030", Severity.ERROR, "Guidance Part 1", "There is at least one key priority.")
def has_key_priorities(summary: StrategicSummary, context: PlanContext) -> Iterator[Finding]:
    if not summary.key_priorities:
        yield RULES.finding(
            "S-030",
            pointer("key_priorities"),
            f"The strategic summary has no key priorities. Add the key priorities for {context.plan_year}: "
            "the planning grid objectives (Part 3) are linked to them by number.",
        )


@RULES.rule("S-040", Severity.ERROR, "Guidance Part 1", "Every key priority has a title.")
def key_priorities_titled(summary: StrategicSummary, context: PlanContext) -> Iterator[Finding]:
    for index, priority in enumerate(summary.key_priorities):
        if not priority.title.strip():
            yield RULES.finding(
                "S-040",
                pointer("key_priorities", index, "title"),
                f"Key priority {priority.number} has no title. Give it a short title that says what it is.",
            )


register_control_character_rule(RULES, "S-900")
