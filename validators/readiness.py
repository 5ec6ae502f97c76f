"""Whether a plan is ready for each submission stage: every part it carries started, and none with errors."""

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from plan_schema.vocabulary import PART_SHORT_TITLES, PART_SUBJECTS, STAGE_PARTS, PartName, SubmissionStage
from plan_schema.wording import plural
from validators.findings import Finding, count_by_severity


@dataclass(frozen=True)
class Readiness:
    """A stage, the parts it carries, and what (if anything) stops it being submitted."""

    stage: SubmissionStage
    parts: tuple[PartName, ...]
    blocking: tuple[str, ...]
    not_started: tuple[PartName, ...]

    @property
    def ready(self) -> bool:
        """Nothing blocks the submission."""
        return not self.blocking


def not_started_reason(part: PartName, stage: SubmissionStage) -> str:
    """Why a part with nothing entered stops a submission, naming the part."""
    return (
        f"{PART_SHORT_TITLES[part]} {PART_SUBJECTS[part]} has not been started: nothing has been entered in it, "
        f"so the {stage.value} submission cannot carry it."
    )


def readiness(
    findings: Mapping[PartName, list[Finding]],
    *,
    not_started: Collection[PartName],
    self_audit_required: bool,
    self_audit_attached: bool,
) -> dict[SubmissionStage, Readiness]:
    """For each stage, the reasons it cannot be submitted yet (none when it can)."""
    stages = {}
    for stage, parts in STAGE_PARTS.items():
        blocking = []
        empty = tuple(part for part in parts if part in not_started)
        for part in parts:
            errors = count_by_severity(findings.get(part, [])).errors
            if part in empty:  # its errors are only the blanks of a part nobody has begun
                blocking.append(not_started_reason(part, stage))
            elif errors:
                blocking.append(f"{PART_SHORT_TITLES[part]} has {plural(errors, 'error')} to correct.")
        if stage is SubmissionStage.INITIAL and self_audit_required and not self_audit_attached:
            blocking.append("The harm reduction strategy self-audit is not attached.")
        stages[stage] = Readiness(stage=stage, parts=parts, blocking=tuple(blocking), not_started=empty)
    return stages
