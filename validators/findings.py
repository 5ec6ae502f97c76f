"""Findings, rules and the per-part rule sets that register them."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from pydantic import BaseModel

from plan_schema.vocabulary import PartName
from validators.context import PlanContext

DocT = TypeVar("DocT", bound=BaseModel)


class Severity(StrEnum):
    """Errors block a submission; warnings never do."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One thing a rule found, located by an RFC 6901 JSON Pointer into the part's document."""

    rule_id: str
    severity: Severity
    part: PartName
    path: str
    message: str
    citation: str


def errors_of(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that block a submission."""
    return [finding for finding in findings if finding.severity is Severity.ERROR]


def warnings_of(findings: Iterable[Finding]) -> list[Finding]:
    """The findings to check, which never block."""
    return [finding for finding in findings if finding.severity is Severity.WARNING]


@dataclass(frozen=True)
class FindingCounts:
    """How many findings are errors and how many warnings."""

    errors: int
    warnings: int


def count_by_severity(findings: Iterable[Finding]) -> FindingCounts:
    """The one count of errors and warnings that readiness, the API, the pages and the dashboards all show."""
    listed = list(findings)
    return FindingCounts(errors=len(errors_of(listed)), warnings=len(warnings_of(listed)))


Check = Callable[[DocT, PlanContext], Iterable[Finding]]
CrossPartCheck = Callable[[Mapping[PartName, BaseModel], PlanContext], Iterable[Finding]]


def pointer(*segments: str | int) -> str:
    """An RFC 6901 JSON Pointer from field names and list indices ("" is the whole document)."""
    return "".join("/" + str(segment).replace("~", "~0").replace("/", "~1") for segment in segments)


@dataclass(frozen=True)
class RuleInfo:
    """What a rule is called and where it comes from: the catalogue's columns."""

    id: str
    severity: Severity
    part: PartName
    citation: str
    description: str

    def finding(self, path: str, message: str) -> Finding:
        """A finding of this rule."""
        return Finding(self.id, self.severity, self.part, path, message, self.citation)


@dataclass(frozen=True)
class Rule(RuleInfo, Generic[DocT]):
    """A rule that needs only its own part: check(part_document, context) yields findings."""

    check: Check[DocT]


@dataclass(frozen=True)
class CrossPartRule(RuleInfo):
    """A rule that reads more than one part; it runs only when every part it requires is given."""

    requires: tuple[PartName, ...]
    check: CrossPartCheck


class RuleSet(Generic[DocT]):
    """The rules of one part, in the order they are registered, with ids checked as they arrive."""

    def __init__(self, part: PartName, prefix: str) -> None:
        self.part = part
        self.prefix = prefix
        self.rules: list[Rule[DocT]] = []
        self.cross_part_rules: list[CrossPartRule] = []
        self._by_id: dict[str, RuleInfo] = {}

    def _claim(self, rule_id: str) -> None:
        # Ids are stable references (docs, findings stored with submissions), so a typo or a
        # reused id must fail at import, not surface later as two rules sharing a name.
        number = rule_id.removeprefix(self.prefix)
        if not rule_id.startswith(self.prefix) or len(number) != 3 or not number.isdigit() or number[-1] != "0":
            raise ValueError(f"rule id {rule_id!r} is not {self.prefix}NN0")
        if rule_id in self._by_id:
            raise ValueError(f"rule id {rule_id} is registered twice")

    def rule(
        self, rule_id: str, severity: Severity, citation: str, description: str
    ) -> Callable[[Check[DocT]], Check[DocT]]:
        """Register a check of this part under a stable id."""

        def register(check: Check[DocT]) -> Check[DocT]:
            self._claim(rule_id)
            rule = Rule(rule_id, severity, self.part, citation, description, check)
            self.rules.append(rule)
            self._by_id[rule_id] = rule
            return check

        return register

    def cross_part_rule(
        self, rule_id: str, severity: Severity, citation: str, description: str, requires: tuple[PartName, ...]
    ) -> Callable[[CrossPartCheck], CrossPartCheck]:
        """Register a check that also reads other parts; its findings belong to this part."""

        def register(check: CrossPartCheck) -> CrossPartCheck:
            self._claim(rule_id)
            rule = CrossPartRule(rule_id, severity, self.part, citation, description, requires, check)
            self.cross_part_rules.append(rule)
            self._by_id[rule_id] = rule
            return check

        return register

    def finding(self, rule_id: str, path: str, message: str) -> Finding:
        """A finding of one of this set's rules."""
        return self._by_id[rule_id].finding(path, message)
