"""Reading and replacing a plan's parts, guarded by a version against lost updates."""

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import RowMapping, bindparam
from sqlalchemy.orm import class_mapper, defer, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from plan_schema.parts import parse_part
from plan_schema.vocabulary import PartName
from service.access import audit
from service.planning import part_statements as statements
from service.planning import plans, workflow
from service.planning.reference import pct_codes_in
from service.platform.canonical import sha256_of
from service.platform.errors import NotFound, PreconditionFailed
from service.tables.access import User
from service.tables.columns import id_of, utc_now
from service.tables.plans import PlanPart, PlanPartVersion


class StoredPart:
    """A part as stored: its model when it still fits the template, else why it does not.

    The document is parsed when first asked for, not when read: a task list or a read whose findings were
    kept with the version needs none of the four parts parsed, and parsing them was most of such a page.
    """

    __slots__ = ("_parsed", "_stored_document", "part", "plan_id", "row")

    def __init__(self, plan_id: int, part: PartName, row: PlanPart) -> None:
        self.plan_id = plan_id
        self.part = part
        self.row = row
        # The document as read now: a later read of the same row after an UPDATE refreshes the row in place.
        self._stored_document: dict[str, Any] = row.document
        self._parsed: tuple[BaseModel | None, ValidationError | None] | None = None

    def _parse(self) -> tuple[BaseModel | None, ValidationError | None]:
        # Re-reading recomputes derived figures, so a change to how they are worked out reaches
        # stored plans too. A document stored before a schema change may no longer parse: it is
        # kept as stored, for the rules to report on, rather than failing the read.
        if self._parsed is None:
            try:
                self._parsed = (parse_part(self.part, self._stored_document), None)
            except ValidationError as error:
                self._parsed = (None, error)
        return self._parsed

    def holding(self, model: BaseModel) -> "StoredPart":
        """This part at the same version as if it held `model`: what the rules would find on a posted form."""
        posted = StoredPart(self.plan_id, self.part, self.row)
        posted._parsed = (model, None)
        return posted

    @property
    def model(self) -> BaseModel | None:
        """The document as the template's model, or None when it no longer fits (see form_error)."""
        return self._parse()[0]

    @property
    def form_error(self) -> ValidationError | None:
        """Why the stored document no longer fits the template, or None when it does."""
        return self._parse()[1]

    @property
    def stored_document(self) -> dict[str, Any]:
        """The document as stored, not parsed: for what reads a field or two of it at every showing."""
        return self._stored_document

    @property
    def version(self) -> int:
        """The version If-Match must name to replace this part."""
        return self.row.version

    @property
    def document(self) -> dict[str, Any]:
        """The document with its computed figures brought up to date, or as stored if it no longer parses."""
        return self.model.model_dump(mode="json") if self.model is not None else self._stored_document


def _stored(plan_id: int, part: PartName, row: PlanPart) -> StoredPart:
    return StoredPart(plan_id, part, row)


# Built once, as every page showing a plan reads its parts: building a statement costs more than running it.
# `served` (the part as the API sends it, as long as the document) is left unread: only served_part reads it.
_PARTS = (
    select(PlanPart).where(col(PlanPart.plan_id) == bindparam("plan_id")).options(defer(PlanPart.served))  # type: ignore[arg-type]  # SQLModel types it as str
)
# populate_existing: a part re-read after our own UPDATE must show the new version.
_PART = _PARTS.where(col(PlanPart.part) == bindparam("part")).execution_options(populate_existing=True)


def read_part(plan_id: int, part: PartName, *, session: Session) -> StoredPart:
    """A part of a plan; NotFound when the plan does not exist."""
    row = session.exec(_PART, params={"plan_id": plan_id, "part": part.value}).first()
    if row is None:
        raise NotFound(f"There is no plan {plan_id}.")
    return _stored(plan_id, part, row)


def part_of(view: plans.PlanView, part: PartName, *, session: Session) -> StoredPart:
    """A part of the plan: as read with it (plans.PlanView.parts), or now."""
    row = view.parts.get(part.value)
    return (
        _stored(id_of(view.plan), part, row) if row is not None else read_part(id_of(view.plan), part, session=session)
    )


def parts_of(view: plans.PlanView, *, session: Session) -> dict[PartName, StoredPart]:
    """Every part of the plan, in plan order: as read with it (plans.PlanView.parts), or now."""
    plan_id = id_of(view.plan)
    if any(part.value not in view.parts for part in PartName):
        return read_parts(plan_id, session=session)
    return {part: _stored(plan_id, part, view.parts[part.value]) for part in PartName}


def versions_of(plan_id: int, wanted: Sequence[PartName], *, session: Session) -> dict[PartName, int]:
    """The current versions of some of a plan's parts (none asked, no query)."""
    if not wanted:
        return {}
    query = select(PlanPart.part, PlanPart.version).where(
        PlanPart.plan_id == plan_id, col(PlanPart.part).in_([part.value for part in wanted])
    )
    return {PartName(part): version for part, version in session.exec(query).all()}


def read_parts(plan_id: int, *, session: Session) -> dict[PartName, StoredPart]:
    """Every part of a plan, in plan order; NotFound when the plan does not exist."""
    rows = {row.part: row for row in session.exec(_PARTS, params={"plan_id": plan_id}).all()}
    if not rows:
        raise NotFound(f"There is no plan {plan_id}.")
    return {part: _stored(plan_id, part, rows[part.value]) for part in PartName}


@dataclass(frozen=True)
class Kept:
    """What is kept with a version of a part beside its document (service.planning.validation says what it means)."""

    findings: list[dict[str, str]]
    findings_key: str
    started: bool
    served: str


@dataclass(frozen=True)
class Replacing:
    """A part about to be replaced, as `keeping` is told of it: under the plan's lock, its version known current."""

    version: int  # the version it is about to become
    document: dict[str, Any]  # as it is about to be stored
    context_version: int  # the plan's, as locked
    pct_codes: tuple[str, ...]  # of the PCTs its partnership covers, read with the lock


# Rows read by the statements above are made as the ORM makes a row it loads, without __init__: its defaults
# are for new rows, and making one through it cost more than the query.
_MAKE_ROW = class_mapper(PlanPart).class_manager.new_instance


def _in_session(values: RowMapping | Mapping[str, Any], session: Session) -> PlanPart:
    """The part's row as the session's, holding `values` (every column) as stored: the one it holds, or a new one."""
    held = session.identity_map.get(session.identity_key(PlanPart, values["id"]))
    row = held if isinstance(held, PlanPart) else _MAKE_ROW()
    for name, value in values.items():  # the one held is brought up to date, as read_part's read afresh would
        set_committed_value(row, name, value)
    if row is not held:
        make_transient_to_detached(row)
        session.add(row)
    return row


def read_some(plan_id: int, wanted: Iterable[PartName], *, session: Session) -> dict[PartName, StoredPart]:
    """Some of a plan's parts, in one statement (none asked, none read; none at all when the plan does not exist)."""
    names = [part.value for part in wanted]
    if not names:
        return {}
    session.flush()  # the connection's statement sees what the session has pending, as the session's own would
    rows = session.connection().execute(statements.ROWS, {"plan_id": plan_id, "parts": names}).mappings()
    return {PartName(row["part"]): _stored(plan_id, PartName(row["part"]), _in_session(row, session)) for row in rows}


def _stale(expected_version: int, current_version: int) -> PreconditionFailed:
    return PreconditionFailed(
        f"Someone saved this part since you opened it (you edited version {expected_version}; "
        f"it is now at version {current_version}). Reload it, reapply your changes and save again.",
        current_version=current_version,
    )


def replace_part(
    plan_id: int,
    part: PartName,
    document: BaseModel,
    *,
    expected_version: int,
    session: Session,
    changed_by: int | None = None,
    keeping: Callable[[Replacing], Kept] | None = None,
    locked: Mapping[str, Any] | None = None,
) -> StoredPart:
    """Store a new document for a part if the timetable allows and nobody has saved since `expected_version`.

    `document` is stored as it is: a model as validated, its computed figures worked out when it was built.
    `keeping` says what to keep with the new version (validation.save_part keeps its findings so, in the same
    statement); without it nothing is kept, and a read finds afresh. `locked` is the plan's and the part's row as
    LOCKED_ROW reads them, when this transaction has already read them so (the caller's statement:
    access/part_writes.py); without it they are read here.
    """
    # The plan row first, as every change to a plan takes it (a submission, then the parts it snapshots):
    # one order, so two changes never wait for each other's rows; and whether the part may change is
    # asked of the plan as it is now, not as it was before a submission that froze it.
    session.flush()  # the connection's statements come after what the session has pending, as the session's would
    connection = session.connection()
    found: Mapping[Any, Any] | None = locked
    if found is None:
        found = connection.execute(statements.LOCKED_ROW, {"plan_id": plan_id, "part": part.value}).mappings().first()
    if found is None:
        raise NotFound(f"There is no plan {plan_id}.")
    plan_now = plans.locked(plan_id, found, session=session)
    if not workflow.part_editable_at(workflow.PlanStatus(plan_now.status), part):
        workflow.ensure_part_editable(plans.lock_plan(plan_id, session=session), part, session=session)  # says why
    if found["version"] != expected_version:
        raise _stale(expected_version, found["version"])
    stored_document = document.model_dump(mode="json")
    replacing = Replacing(
        expected_version + 1, stored_document, plan_now.context_version, pct_codes_in(found["pct_codes"])
    )
    kept = keeping(replacing) if keeping is not None else None
    now = utc_now()
    new: dict[str, Any] = {"document": stored_document, "version": replacing.version, "updated_at": now}
    new |= {name: getattr(kept, name) if kept is not None else None for name in statements.KEPT}
    part_id = found["id"]
    # One conditional UPDATE both checks and bumps the version, so two writers racing
    # on the same version cannot both succeed, on SQLite or PostgreSQL.
    parameters = {"part_id": part_id, "expected": expected_version} | {f"new_{name}": new[name] for name in new}
    event = audit.event(
        "part-updated",
        user_id=changed_by,
        object_type="plan",
        object_id=plan_id,
        part=part.value,
        version=replacing.version,
        before_sha256=sha256_of(found["document"]),
        after_sha256=sha256_of(stored_document),
    )
    if connection.dialect.name == "postgresql":  # in one statement, the audit event with it
        touched = {"plan_touched": plan_id, "now": now, "saved_by": changed_by}
        recorded = {f"audit_{name}": value for name, value in event.items()}
        replaced = connection.execute(statements.REPLACED_IN_ONE, parameters | touched | recorded).scalar_one()
    else:
        if not found["kept"]:  # a statement fewer at nearly every save (about 60 µs of its six)
            kept_before = {"part_id": part_id, "at_version": expected_version, "saved_by": None}
            connection.execute(statements.KEEP_REPLACED, kept_before)
        replaced = connection.execute(statements.REPLACE, parameters).rowcount
        if replaced:
            connection.execute(statements.TOUCH_PLAN, {"plan_id": plan_id, "now": now})
            saved = {"part_id": part_id, "at_version": replacing.version, "saved_by": changed_by}
            connection.execute(statements.KEEP_SAVED, saved)
            audit.record_event(event, session=session)
    if replaced == 0:
        raise _stale(expected_version, read_part(plan_id, part, session=session).version)
    row = _in_session({"id": part_id, "plan_id": plan_id, "part": part.value, **new}, session)
    return _stored(plan_id, part, row).holding(document)


def keep(stored: StoredPart, document: dict[str, Any], kept: Kept, *, session: Session) -> None:
    """Keep `kept` with a part's current version, and its document as `document` (as this release serves it)."""
    new: dict[str, Any] = {"document": document} | {name: getattr(kept, name) for name in statements.KEPT}
    session.flush()  # the connection's statement comes after what the session has pending, as the session's would
    session.connection().execute(
        statements.KEEP, {"part_id": stored.row.id} | {f"new_{name}": new[name] for name in new}
    )
    for name, value in new.items():
        set_committed_value(stored.row, name, value)


@dataclass(frozen=True)
class PartVersion:
    """A part's document as it was at one version, and when that version was saved."""

    version: int
    document: dict[str, Any]
    saved_at: datetime.datetime


def version_at(plan_id: int, part: PartName, version: int, *, session: Session) -> PartVersion | None:
    """The part as it was at `version`, or None when that version was never kept (or never existed)."""
    current = read_part(plan_id, part, session=session)
    if current.version == version:
        return PartVersion(version, current.row.document, current.row.updated_at)
    kept = session.exec(
        select(PlanPartVersion).where(
            PlanPartVersion.plan_id == plan_id,
            PlanPartVersion.part == part.value,
            PlanPartVersion.version == version,
        )
    ).first()
    return PartVersion(version, dict(kept.document), kept.saved_at) if kept is not None else None


def document_at(plan_id: int, part: PartName, version: int, *, session: Session) -> dict[str, Any] | None:
    """The part's document as it was at `version`, or None when that version was never kept."""
    found = version_at(plan_id, part, version, session=session)
    return found.document if found is not None else None


def saved_since(plan_id: int, part: PartName, version: int, *, session: Session) -> list[str]:
    """The names of the people who saved the part after `version`, first saver first, each once."""
    names = session.exec(
        select(User.name)
        .join(PlanPartVersion, col(PlanPartVersion.saved_by) == col(User.id))
        .where(
            PlanPartVersion.plan_id == plan_id,
            PlanPartVersion.part == part.value,
            PlanPartVersion.version > version,
        )
        .order_by(col(PlanPartVersion.version))
    ).all()
    return list(dict.fromkeys(names))
