"""Every rule in one registry: run them on a part or a whole plan, and list them for docs/rules.md."""

import logging
import sys
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from plan_schema.vocabulary import PART_TITLES, PartName
from validators import funding, planning_grids, strategic_summary, targets
from validators.context import PlanContext
from validators.findings import CrossPartRule, Finding, Rule, RuleInfo, RuleSet, Severity
from validators.returns import RETURN_RULES
from validators.stored_form import STORED_FORM_RULES

logger = logging.getLogger(__name__)

_RULE_SETS: tuple[RuleSet[Any], ...] = (
    strategic_summary.RULES,
    targets.RULES,
    planning_grids.RULES,
    funding.RULES,
)
RULES_BY_PART: dict[PartName, tuple[Rule[Any], ...]] = {rules.part: tuple(rules.rules) for rules in _RULE_SETS}
CROSS_PART_RULES: tuple[CrossPartRule, ...] = tuple(rule for rules in _RULE_SETS for rule in rules.cross_part_rules)
_PART_ORDER = {part: position for position, part in enumerate(PartName)}
# Parts in plan order (1 to 4), then ids: the order a reader of the guidance expects.
ALL_RULES: tuple[RuleInfo, ...] = tuple(
    sorted(
        (
            *STORED_FORM_RULES.values(),
            *(rule for rules in RULES_BY_PART.values() for rule in rules),
            *CROSS_PART_RULES,
        ),
        key=lambda rule: (_PART_ORDER[rule.part], rule.id),
    )
)


def _could_not_check(rule: RuleInfo, error: Exception) -> Finding:
    """The error finding that stands in for a rule that raised."""
    # The traceback goes to the log for us; the planner gets a finding they can act on.
    logger.exception("rule %s raised on %s", rule.id, rule.part.value, exc_info=error)
    return Finding(
        rule_id=rule.id,
        severity=Severity.ERROR,
        part=rule.part,
        path="",
        message=(
            f"{PART_TITLES[rule.part]} could not be checked against rule {rule.id}: some of its stored data is "
            "not in the expected form. Open the part, check its entries and save it again; if this finding "
            f"stays, report it to the service's support team. (Rule {rule.id}: {rule.description})"
        ),
        citation=rule.citation,
    )


def validate_part(part: PartName, document: BaseModel, context: PlanContext) -> list[Finding]:
    """Every finding of every rule of one part; a rule that raises becomes an error finding."""
    findings: list[Finding] = []
    for rule in RULES_BY_PART[part]:
        try:
            # list() inside the try: checks are generators, so they raise while being consumed.
            findings.extend(list(rule.check(document, context)))
        except Exception as error:  # one broken rule must not stop the others
            findings.append(_could_not_check(rule, error))
    return findings


def validate_plan(documents: Mapping[PartName, BaseModel], context: PlanContext) -> dict[PartName, list[Finding]]:
    """Findings for each part given, including rules that read several parts when all they need is given."""
    results = {part: validate_part(part, document, context) for part, document in documents.items()}
    for rule in CROSS_PART_RULES:
        if not all(part in documents for part in rule.requires):
            continue  # a missing part is reported where parts are gathered, not guessed at here
        try:
            found = list(rule.check(documents, context))
        except Exception as error:
            found = [_could_not_check(rule, error)]
        results.setdefault(rule.part, []).extend(found)
    return results


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_rules_markdown() -> str:
    """The catalogue as docs/rules.md: one table row per rule, in id order."""
    lines = [
        "# Plan rules",
        "",
        "Generated from `validators.catalogue` by `python -m validators.catalogue > docs/rules.md`;",
        "do not edit by hand (a test fails when this file and the catalogue differ).",
        "",
        "Errors block a submission; warnings never do. Rules numbered 900 apply the same check to every part.",
        "",
        "| id | severity | part | citation | description |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rule in ALL_RULES:
        cells = (rule.id, rule.severity.value, rule.part.value, rule.citation, rule.description)
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    lines += [
        "",
        "## Quarterly return rules",
        "",
        "Checked on a plan's quarterly return; errors block its submission, warnings never do.",
        "",
        "| id | severity | section | citation | description |",
        "| --- | --- | --- | --- | --- |",
    ]
    for return_rule in RETURN_RULES:
        row = (return_rule.id, return_rule.severity.value, return_rule.section, return_rule.citation)
        lines.append("| " + " | ".join(_cell(cell) for cell in (*row, return_rule.description)) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render_rules_markdown())
