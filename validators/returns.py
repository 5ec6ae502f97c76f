"""The quarterly return's rules: pure checks of its sections against what the quarter asks of them."""

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from plan_schema.quarterly_return import ActionsProgress, ActionStatus, MetricReports
from validators.findings import Severity, pointer

logger = logging.getLogger(__name__)

_DELIVERY_PLAN = "Seed 002 (NTA planning guidance 2008/09), Part 3: Actions and milestones (Delivery plan)"
_QUARTERLY_REVIEWS = "Seed 002 (NTA planning guidance 2008/09), Introduction: annual agreements and quarterly reviews"
_EXCEPTIONS = (
    "Seed 002 (NTA planning guidance 2008/09), Drug system management: routine review and exceptions reporting"
)


@dataclass(frozen=True)
class ReturnContext:
    """What the rules read beyond the return: the quarter's last day, today, and the metrics judged red."""

    quarter_ends: datetime.date
    today: datetime.date
    red_metrics: tuple[str, ...]


@dataclass(frozen=True)
class ReturnSections:
    """The sections of a return the rules check."""

    actions: ActionsProgress
    metrics: MetricReports


@dataclass(frozen=True)
class ReturnFinding:
    """One thing a rule found, located by a JSON Pointer into a section ("actions", "exceptions") or the return."""

    rule_id: str
    severity: Severity
    section: str
    path: str
    message: str
    citation: str


ReturnCheck = Callable[[ReturnSections, ReturnContext], Iterable[ReturnFinding]]


@dataclass(frozen=True)
class ReturnRule:
    """A rule of the quarterly return, with its id, severity, section and citation (docs/rules.md lists them)."""

    id: str
    severity: Severity
    section: str
    citation: str
    description: str
    check: ReturnCheck

    def finding(self, path: str, message: str) -> ReturnFinding:
        """A finding of this rule."""
        return ReturnFinding(self.id, self.severity, self.section, path, message, self.citation)


RETURN_RULES: list[ReturnRule] = []


def _rule(
    rule_id: str, severity: Severity, section: str, citation: str, description: str
) -> Callable[[ReturnCheck], ReturnCheck]:
    def register(check: ReturnCheck) -> ReturnCheck:
        # Ids are stable references (docs, findings kept with submissions): a reused one must fail at import.
        if any(rule.id == rule_id for rule in RETURN_RULES):
            raise ValueError(f"rule id {rule_id} is registered twice")
        RETURN_RULES.append(ReturnRule(rule_id, severity, section, citation, description, check))
        return check

    return register


def _of(rule_id: str) -> ReturnRule:
    return next(rule for rule in RETURN_RULES if rule.id == rule_id)


@_rule("R-010", Severity.ERROR, "actions", _DELIVERY_PLAN, "An action marked complete has the date it was completed.")
def _complete_has_date(sections: ReturnSections, context: ReturnContext) -> Iterable[ReturnFinding]:
    for index, progress in enumerate(sections.actions.actions):
        if progress.status is ActionStatus.COMPLETE and progress.completed is None:
            yield _of("R-010").finding(
                pointer("actions", index, "completed"),
                f"Enter the date action {progress.reference} was completed",
            )


@_rule("R-020", Severity.ERROR, "actions", _DELIVERY_PLAN, "An off-track action has a note saying why.")
def _off_track_has_note(sections: ReturnSections, context: ReturnContext) -> Iterable[ReturnFinding]:
    for index, progress in enumerate(sections.actions.actions):
        if progress.status is ActionStatus.OFF_TRACK and not progress.note.strip():
            yield _of("R-020").finding(
                pointer("actions", index, "note"), f"Say why action {progress.reference} is off track"
            )


@_rule(
    "R-030", Severity.WARNING, "actions", _DELIVERY_PLAN, "An action at risk has a note saying what puts it at risk."
)
def _at_risk_has_note(sections: ReturnSections, context: ReturnContext) -> Iterable[ReturnFinding]:
    for index, progress in enumerate(sections.actions.actions):
        if progress.status is ActionStatus.AT_RISK and not progress.note.strip():
            yield _of("R-030").finding(
                pointer("actions", index, "note"), f"Say what puts action {progress.reference} at risk"
            )


_EXCEPTION_FIELDS = {
    "reason": "why it is red",
    "recovery_action": "the recovery action",
    "owner": "who owns the recovery",
    "recovery_date": "when it will be back on track",
}


@_rule(
    "R-040",
    Severity.ERROR,
    "exceptions",
    _EXCEPTIONS,
    "A metric the scorecard judges red in the quarter has an exception: its reason, recovery action, owner and date.",
)
def _red_metric_has_exception(sections: ReturnSections, context: ReturnContext) -> Iterable[ReturnFinding]:
    reported = {report.metric: index for index, report in enumerate(sections.metrics.metrics)}
    for code in context.red_metrics:
        index = reported.get(code)
        if index is None:
            yield _of("R-040").finding(pointer("metrics"), f"Give the exception for {code}, which is red")
            continue
        report = sections.metrics.metrics[index]
        for field, what in _EXCEPTION_FIELDS.items():
            if getattr(report, field) in ("", None) or not str(getattr(report, field)).strip():
                yield _of("R-040").finding(pointer("metrics", index, field), f"Enter {what} for {code}, which is red")


@_rule("R-050", Severity.ERROR, "return", _QUARTERLY_REVIEWS, "A return is not submitted before its quarter has ended.")
def _quarter_has_ended(sections: ReturnSections, context: ReturnContext) -> Iterable[ReturnFinding]:
    if context.today <= context.quarter_ends:
        yield _of("R-050").finding(
            "", f"The quarter ends on {context.quarter_ends:%-d %B %Y}: submit its return after that day"
        )


def validate_return(sections: ReturnSections, context: ReturnContext) -> list[ReturnFinding]:
    """Every finding of every rule, in the rules' order (errors block submission; warnings never do)."""
    findings: list[ReturnFinding] = []
    for rule in RETURN_RULES:
        try:
            # list() inside the try: checks are generators, so they raise while being consumed.
            findings.extend(list(rule.check(sections, context)))
        except Exception:  # one broken rule must not stop the others, nor let a return through unchecked
            logger.exception("return rule %s raised", rule.id)
            findings.append(
                rule.finding("", f"The return could not be checked against rule {rule.id}: {rule.description}")
            )
    return findings
