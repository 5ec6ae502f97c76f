"""Findings for a stored part that no longer fits the plan template (stored before a change)."""

from pydantic import ValidationError

from plan_schema.vocabulary import PartName
from validators.findings import Finding, RuleInfo, Severity, pointer

_PREFIXES = {
    PartName.STRATEGIC_SUMMARY: "S",
    PartName.TARGETS: "T",
    PartName.PLANNING_GRIDS: "G",
    PartName.FUNDING: "F",
}
STORED_FORM_RULES: dict[PartName, RuleInfo] = {
    part: RuleInfo(
        id=f"{prefix}-000",
        severity=Severity.ERROR,
        part=part,
        citation="Not in the guidance: the plan template (plan_schema) as it stands today",
        description="Every stored entry of the part still fits the plan template, so the other rules can check it.",
    )
    for part, prefix in _PREFIXES.items()
}


def stored_form_findings(part: PartName, error: ValidationError) -> list[Finding]:
    """One error finding per entry of a stored part that the template no longer accepts."""
    rule = STORED_FORM_RULES[part]
    findings = []
    for problem in error.errors():
        message = problem["msg"].removeprefix("Value error, ")
        findings.append(
            rule.finding(
                pointer(*problem["loc"]),
                f"This entry no longer fits the plan template ({message}). Correct it and save the part again; "
                "until then the part's other rules cannot be checked.",
            )
        )
    return findings
