"""Reading and replacing a plan's parts, guarded by a version against lost updates."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import bindparam, update
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from plan_schema.parts import parse_part
from plan_schema.vocabulary import PartName
from service.access import audit
from service.planning import plans, workflow
from service.platform.canonical import sha256_of
from service.platform.errors import NotFound, PreconditionFailed
from service.tables.access import User
from service.tables.columns import utc_now
from service.tables.plans import Plan, PlanPart, PlanPartVersion


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


def replace_part(
    plan_id: int,
    part: PartName,
    document: BaseModel,
    *,
    expected_version: int,
    session: Session,
    changed_by: int | None = None,
) -> StoredPart:
    """Store a new document for a part if the timetable allows and nobody has saved since `expected_version`."""
    # The plan row first, as every change to a plan takes it (a submission, then the parts it snapshots):
    # one order, so two changes never wait for each other's rows; and whether the part may change is
    # asked of the plan as it is now, not as it was before a submission that froze it.
    plan = plans.lock_plan(plan_id, session=session)
    workflow.ensure_part_editable(plan, part, session=session)
    replaced = read_part(plan_id, part, session=session).row
    # Values, not the row: reading the part again after the UPDATE refreshes the row in place.
    before = PlanPartVersion(
        plan_id=plan_id,
        part=part.value,
        version=replaced.version,
        document=replaced.document,
        saved_at=replaced.updated_at,
    )
    now = utc_now()
    # One conditional UPDATE both checks and bumps the version, so two writers racing
    # on the same version cannot both succeed, on SQLite or PostgreSQL.
    result = session.execute(
        update(PlanPart)
        .where(
            col(PlanPart.plan_id) == plan_id,
            col(PlanPart.part) == part.value,
            col(PlanPart.version) == expected_version,
        )
        .values(document=document.model_dump(mode="json"), version=PlanPart.version + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 0:  # type: ignore[attr-defined]
        current = read_part(plan_id, part, session=session)
        raise PreconditionFailed(
            f"Someone saved this part since you opened it (you edited version {expected_version}; "
            f"it is now at version {current.version}). Reload it, reapply your changes and save again.",
            current_version=current.version,
        )
    session.execute(
        update(Plan).where(col(Plan.id) == plan_id).values(updated_at=now).execution_options(synchronize_session=False)
    )
    after = read_part(plan_id, part, session=session)
    _keep_versions(before, after, changed_by, session=session)
    audit.record(
        "part-updated",
        session=session,
        user_id=changed_by,
        object_type="plan",
        object_id=plan_id,
        part=part.value,
        version=after.version,
        before_sha256=sha256_of(before.document),
        after_sha256=sha256_of(after.row.document),
    )
    return after


def _keep_versions(before: PlanPartVersion, after: StoredPart, saved_by: int | None, *, session: Session) -> None:
    """Keep the new version's document, and the one it replaced if it was saved before history was kept."""
    # A form opened at `before` may be saved late: its changes are merged from this document.
    known = session.exec(
        select(PlanPartVersion.id).where(
            PlanPartVersion.plan_id == before.plan_id,
            PlanPartVersion.part == before.part,
            PlanPartVersion.version == before.version,
        )
    ).first()
    if known is None:
        session.add(before)
    session.add(
        PlanPartVersion(
            plan_id=after.plan_id,
            part=after.part.value,
            version=after.version,
            document=after.row.document,
            saved_by=saved_by,
            saved_at=after.row.updated_at,
        )
    )
    session.flush()


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
