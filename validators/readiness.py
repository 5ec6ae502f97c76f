"""Whether a plan is ready for each submission stage: no errors in the parts that stage carries."""

from collections.abc import Mapping
from dataclasses import dataclass

from plan_schema.vocabulary import PART_SHORT_TITLES, STAGE_PARTS, PartName, SubmissionStage
from validators.findings import Finding, Severity


@dataclass(frozen=True)
class Readiness:
    """A stage, the parts it carries, and what (if anything) stops it being submitted."""

    stage: SubmissionStage
    parts: tuple[PartName, ...]
    blocking: tuple[str, ...]

    @property
    def ready(self) -> bool:
        """Nothing blocks the submission."""
        return not self.blocking


def error_count(findings: list[Finding]) -> int:
    """How many findings are errors."""
    return sum(1 for finding in findings if finding.severity is Severity.ERROR)


def readiness(
    findings: Mapping[PartName, list[Finding]], *, self_audit_required: bool, self_audit_attached: bool
) -> dict[SubmissionStage, Readiness]:
    """For each stage, the reasons it cannot be submitted yet (none when it can)."""
    stages = {}
    for stage, parts in STAGE_PARTS.items():
        blocking = []
        for part in parts:
            errors = error_count(findings.get(part, []))
            if errors:
                noun = "error" if errors == 1 else "errors"
                blocking.append(f"{PART_SHORT_TITLES[part]} has {errors} {noun} to correct.")
        if stage is SubmissionStage.INITIAL and self_audit_required and not self_audit_attached:
            blocking.append("The harm reduction strategy self-audit is not attached.")
        stages[stage] = Readiness(stage=stage, parts=parts, blocking=tuple(blocking))
    return stages
