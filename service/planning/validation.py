"""Running the rules on stored plans: a part's findings, and a whole plan's readiness.

A part's findings are kept with the version they were found on (PlanPart.findings), under a key
naming everything they were found against: the rules' and the schema's code (FINGERPRINT), the
plan's context version (bumped when the cycle's settings change or a January submission is made),
the part's version and the versions of the parts its rules also read. A read whose key still
matches runs no rules and parses nothing; any other read finds them afresh, so a change nobody
foresaw costs time, never a wrong finding. They are kept when a part is saved (save_part) and
when a submission changes the context (keep_plan_findings).
"""

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, ValidationError
from sqlalchemy import update
from sqlmodel import Session, col, select

import plan_schema
import validators
from plan_schema.funding import Funding
from plan_schema.vocabulary import PartName, SubmissionStage
from service.planning import parts, plans, reference, self_audit, submitted, workflow
from service.platform.canonical import compact_json
from service.tables.columns import id_of
from service.tables.plans import Plan, PlanPart
from validators.catalogue import CROSS_PART_RULES, validate_plan
from validators.context import PlanContext
from validators.findings import Finding, Severity
from validators.readiness import Readiness, readiness
from validators.stored_form import stored_form_findings


def finding_dict(finding: Finding) -> dict[str, str]:
    """A finding as stored with a submission and sent to clients."""
    return {
        "rule_id": finding.rule_id,
        "severity": finding.severity.value,
        "path": finding.path,
        "message": finding.message,
        "citation": finding.citation,
    }


def initial_submission_funding(plan_id: int, *, session: Session) -> Funding | None:
    """Part 4 as the initial (January) submission carried it; None before that submission is made."""
    carried = submitted.latest_carried(plan_id, SubmissionStage.INITIAL, PartName.FUNDING, session=session)
    if carried is None:
        return None
    try:
        return Funding.model_validate(carried)
    except ValidationError:
        # A snapshot from before a template change: its figures cannot be lined up with today's,
        # so the comparison with January is left out rather than guessed at.
        return None


def plan_context(view: plans.PlanView, *, session: Session, pct_codes: tuple[str, ...] | None = None) -> PlanContext:
    """Everything the rules read beyond the parts: the cycle, the partnership's PCTs (unless given), January's figures.

    The one place a PlanContext is built for a stored plan: every caller that runs the rules
    (API, pages, submissions, dashboards) comes through here, so no rule is left without its data.
    """
    cycle = view.cycle
    plan_id = id_of(view.plan)
    submitted = workflow.has_submitted(view.plan)  # a plan still drafting has no January figures to read
    return PlanContext(
        plan_year=cycle.plan_year,
        previous_year=cycle.previous_year,
        indicative_years=tuple(cycle.indicative_years),
        inflation_uplift_pct=cycle.inflation_uplift_pct,
        harm_reduction_self_audit_required=cycle.harm_reduction_self_audit_required,
        pct_codes=reference.pct_codes_of(id_of(view.partnership), session=session) if pct_codes is None else pct_codes,
        initial_submission_funding=initial_submission_funding(plan_id, session=session) if submitted else None,
    )


class _Parsed(Protocol):
    """A part as the rules take it: its model, or why it no longer fits the template (as parts.StoredPart)."""

    @property
    def model(self) -> BaseModel | None: ...

    @property
    def form_error(self) -> ValidationError | None: ...


@dataclass(frozen=True)
class _Posted:
    """A document being saved, as the rules take it: a model as validated, so it fits."""

    model: BaseModel
    form_error: None = None


def _findings(stored: Mapping[PartName, _Parsed], context: PlanContext) -> dict[PartName, list[Finding]]:
    # Parts that no longer fit the template get findings saying so; the rules run on the rest.
    models: dict[PartName, BaseModel] = {part: s.model for part, s in stored.items() if s.model is not None}
    results = validate_plan(models, context)
    for part, stored_part in stored.items():
        if stored_part.form_error is not None:
            results[part] = stored_form_findings(part, stored_part.form_error)
    return results


def _fingerprint() -> str:
    """What the rules, the schema's derived figures and the context are, as code: a new release changes it."""
    digest = hashlib.sha256()
    roots = [Path(validators.__file__).parent, Path(plan_schema.__file__).parent]
    # plans.py holds what "started" means, which is kept with the findings too.
    own = [Path(__file__), Path(plans.__file__)]
    for path in [*own, *(path for root in roots for path in sorted(root.rglob("*.py")))]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


FINGERPRINT = _fingerprint()


def read_with(part: PartName) -> tuple[PartName, ...]:
    """The other parts whose contents a part's rules read (Part 3's read Part 1's key priorities)."""
    return tuple(
        sorted({needed for rule in CROSS_PART_RULES if rule.part is part for needed in rule.requires} - {part})
    )


def findings_key(part: PartName, version: int, plan: Plan, others: Mapping[PartName, int]) -> str:
    """Everything a part's findings were found against: a stored key that differs means they may be out of date."""
    return key_for(part, version, plan.context_version, others)


def key_for(part: PartName, version: int, context_version: int, others: Mapping[PartName, int]) -> str:
    """findings_key for a plan at `context_version`, as a statement that reads plain columns has it."""
    versions = ",".join(f"{name.value}={number}" for name, number in sorted({part: version, **others}.items()))
    return f"{FINGERPRINT}:{context_version}:{versions}"


def _key_now(row: PlanPart, part: PartName, plan: Plan, session: Session) -> str:
    others = parts.versions_of(row.plan_id, read_with(part), session=session)
    return findings_key(part, row.version, plan, others)


def kept_findings(
    row: PlanPart, plan: Plan, *, session: Session, versions: Mapping[PartName, int] | None = None
) -> list[dict[str, Any]] | None:
    """The findings stored with a part's row, as clients are sent them, if they are still its findings.

    `versions`: the plan's parts' versions, when the caller has read them (else the few needed are read).
    """
    if row.findings is None:
        return None
    part = PartName(row.part)
    if versions is None:
        key = _key_now(row, part, plan, session)
    else:
        key = findings_key(part, row.version, plan, {other: versions[other] for other in read_with(part)})
    return row.findings if row.findings_key == key else None


def _from_dict(kept: Mapping[str, Any], part: PartName) -> Finding:
    return Finding(kept["rule_id"], Severity(kept["severity"]), part, kept["path"], kept["message"], kept["citation"])


def found_afresh(stored: parts.StoredPart, view: plans.PlanView, *, session: Session) -> list[Finding]:
    """A part's findings found now: for a document that is not stored as it is (a form not saved yet)."""
    return _found(stored, view, session)


def _found(stored: parts.StoredPart, view: plans.PlanView, session: Session) -> list[Finding]:
    context = plan_context(view, session=session)
    gathered: dict[PartName, _Parsed] = {**parts.read_some(stored.plan_id, read_with(stored.part), session=session)}
    gathered[stored.part] = stored
    return _findings(gathered, context).get(stored.part, [])


def part_findings(stored: parts.StoredPart, view: plans.PlanView, *, session: Session) -> list[Finding]:
    """Every finding about one part, including rules that also read other parts: as kept, or found afresh."""
    kept = kept_findings(stored.row, view.plan, session=session)
    if kept is not None:
        return [_from_dict(finding, stored.part) for finding in kept]
    return _found(stored, view, session)


def keep_findings(stored: parts.StoredPart, view: plans.PlanView, *, session: Session) -> list[Finding]:
    """Find a part's findings afresh and keep them with its row (in a session that writes)."""
    findings = _found(stored, view, session)
    key = _key_now(stored.row, stored.part, view.plan, session)
    document = stored.document
    parts.keep(stored, document, _kept(document, findings, key, started=_started(stored)), session=session)
    return findings


def _kept(document: dict[str, Any], findings: Sequence[Finding], key: str, *, started: bool) -> parts.Kept:
    """What is kept with a part's version: its findings under their key, and the document with them as served."""
    kept = [finding_dict(finding) for finding in findings]
    # `document` in the form this release serves it (computed figures worked out again), so that a read
    # whose key matches can send it as it is.
    served = compact_json({"document": document, "findings": kept})
    return parts.Kept(findings=kept, findings_key=key, started=started, served=served)


def keep_plan_findings(view: plans.PlanView, *, session: Session) -> None:
    """Keep every part's findings afresh: after something every part's rules read has changed."""
    for stored in parts.read_parts(id_of(view.plan), session=session).values():
        keep_findings(stored, view, session=session)


def keep_stale_findings(*, session: Session) -> int:
    """Keep afresh every part's findings whose key is no longer current (after a release); how many there were.

    Run after migrating (adtp db upgrade), so that reads after a release send what is kept rather than
    each finding it afresh until the part is next saved. Committed a plan at a time.
    """
    kept = 0
    for plan_id in session.exec(select(Plan.id).order_by(col(Plan.id))).all():
        if plan_id is None:
            continue
        view = plans.get_plan(plan_id, session=session)
        stored = parts.read_parts(id_of(view.plan), session=session)
        versions = {part: one.version for part, one in stored.items()}
        for one in stored.values():
            if kept_findings(one.row, view.plan, session=session, versions=versions) is None:
                keep_findings(one, view, session=session)
                kept += 1
        session.commit()
    return kept


def context_changed(plan_ids: Sequence[int], *, session: Session) -> None:
    """Say that what the rules read besides the parts has changed for these plans: their kept findings are stale."""
    session.execute(
        update(Plan)
        .where(col(Plan.id).in_(plan_ids))
        .values(context_version=Plan.context_version + 1)
        .execution_options(synchronize_session=False)
    )
    for loaded in list(session.identity_map.values()):
        if isinstance(loaded, Plan) and loaded.id in plan_ids:
            session.expire(loaded, ["context_version"])  # read again when next asked


def cycle_changed(cycle_id: int, *, session: Session) -> None:
    """Say that a setting of a cycle the rules read has changed: its plans' kept findings are stale."""
    plan_ids = session.exec(select(Plan.id).where(Plan.cycle_id == cycle_id)).all()
    context_changed([plan_id for plan_id in plan_ids if plan_id is not None], session=session)


def partnership_changed(partnership_id: int, *, session: Session) -> None:
    """Say that a partnership's reference data (the PCTs it covers) has changed: its plans' kept findings are stale.

    The service itself never changes which PCTs a partnership covers (reference data is loaded with a
    release); whatever does must say so here.
    """
    plan_ids = session.exec(select(Plan.id).where(Plan.partnership_id == partnership_id)).all()
    context_changed([plan_id for plan_id in plan_ids if plan_id is not None], session=session)


def save_part(
    view: plans.PlanView,
    part: PartName,
    document: BaseModel,
    *,
    expected_version: int,
    session: Session,
    changed_by: int | None = None,
    locked: Mapping[str, Any] | None = None,
) -> parts.StoredPart:
    """Replace a part (parts.replace_part, `locked` as it takes it) and keep its findings, and those of the parts
    whose rules read it.

    `document` is a model as validated: it is stored, and the rules run on it, as it is.
    """
    saving = _Saving(view, part, document, session)
    saved = parts.replace_part(
        id_of(view.plan),
        part,
        document,
        expected_version=expected_version,
        session=session,
        changed_by=changed_by,
        keeping=saving.keeping,
        locked=locked,
    )
    saving.keep_readers()  # only once the part is saved: a refused save keeps nothing
    return saved


class _Saving:
    """A part's save as the rules see it: what they read is read once, under the plan's lock, for this part and for
    the parts whose rules read it (Part 3's after a Part 1 save), and cannot change before the transaction ends."""

    def __init__(self, view: plans.PlanView, part: PartName, document: BaseModel, session: Session) -> None:
        self.view, self.part, self.document, self.session = view, part, document, session
        self.readers = [reader for reader in PartName if part in read_with(reader)]
        self.gathered: dict[PartName, parts.StoredPart] = {}
        self.found: dict[PartName, list[Finding]] = {}
        self.versions: dict[PartName, int] = {}
        self.context_version = 0

    def keeping(self, replacing: parts.Replacing) -> parts.Kept:
        """What to keep with the part's new version (parts.replace_part asks, under the plan's lock)."""
        part, readers = self.part, self.readers
        needed = {*read_with(part), *readers, *(other for reader in readers for other in read_with(reader))} - {part}
        self.gathered = parts.read_some(id_of(self.view.plan), needed, session=self.session)
        context = plan_context(self.view, session=self.session, pct_codes=replacing.pct_codes)
        self.found = _findings({**self.gathered, part: _Posted(self.document)}, context)
        self.versions = {other: one.version for other, one in self.gathered.items()} | {part: replacing.version}
        self.context_version = replacing.context_version
        key = _key_among(part, self.versions, self.context_version)
        return _kept(replacing.document, self.found[part], key, started=plans.is_started(part, self.document))

    def keep_readers(self) -> None:
        """Keep afresh the findings of the parts whose rules read the part saved."""
        for reader in self.readers:
            one = self.gathered[reader]
            document = one.document
            key = _key_among(reader, self.versions, self.context_version)
            kept = _kept(document, self.found[reader], key, started=_started(one))
            parts.keep(one, document, kept, session=self.session)


def _key_among(part: PartName, versions: Mapping[PartName, int], context_version: int) -> str:
    """findings_key of a part among the plan's parts at these versions."""
    return key_for(part, versions[part], context_version, {other: versions[other] for other in read_with(part)})


@dataclass(frozen=True)
class PlanValidation:
    """All findings of a plan by part, the parts not started, whether each stage could go now, and the self-audit."""

    plan_id: int
    self_audit_required: bool
    findings: dict[PartName, list[Finding]]
    not_started: frozenset[PartName]
    stages: dict[SubmissionStage, Readiness]
    self_audit_attached: bool

    def started(self, part: PartName) -> bool:
        """True once the part holds something a person entered (service.planning.plans.is_started)."""
        return part not in self.not_started


def _started(stored: parts.StoredPart) -> bool:
    # A part that no longer fits the template has something in it.
    return stored.model is None or plans.is_started(stored.part, stored.model)


def not_started(
    stored: Mapping[PartName, parts.StoredPart], *, kept: Mapping[PartName, bool] | None = None
) -> frozenset[PartName]:
    """The parts with nothing entered yet; `kept`: whether parts are started, as kept with current findings."""
    known = kept or {}
    return frozenset(part for part, one in stored.items() if not (known[part] if part in known else _started(one)))


def validate(view: plans.PlanView, stored: Mapping[PartName, parts.StoredPart], *, session: Session) -> PlanValidation:
    """Run every rule on a plan's parts as the caller already read them (or send what is kept, while current)."""
    plan_id = id_of(view.plan)
    versions = {part: one.version for part, one in stored.items()}
    findings: dict[PartName, list[Finding]] = {}
    started: dict[PartName, bool] = {}
    for part, one in stored.items():
        kept = kept_findings(one.row, view.plan, session=session, versions=versions)
        if kept is not None:
            findings[part] = [_from_dict(finding, part) for finding in kept]
            if one.row.started is not None:
                started[part] = one.row.started
    if len(findings) < len(stored):
        findings = _findings(stored, plan_context(view, session=session)) | findings
    empty = not_started(stored, kept=started)
    attached = self_audit.attached(view, session=session)
    required = view.cycle.harm_reduction_self_audit_required
    stages = readiness(findings, not_started=empty, self_audit_required=required, self_audit_attached=attached)
    return PlanValidation(
        plan_id=plan_id,
        self_audit_required=required,
        findings={part: findings.get(part, []) for part in PartName},
        not_started=empty,
        stages=stages,
        self_audit_attached=attached,
    )


def validate_stored_plan(plan_id: int, *, session: Session) -> PlanValidation:
    """Run every rule on a plan as stored."""
    view = plans.get_plan(plan_id, session=session)
    return validate(view, parts.read_parts(plan_id, session=session), session=session)
