"""A return's sections as last saved, guarded by a version against lost updates (as plan parts are)."""

import datetime
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from service.access import audit
from service.planning import plans
from service.platform.canonical import sha256_of
from service.platform.errors import PreconditionFailed
from service.returns.quarters import ensure_reporting
from service.tables.columns import utc_now
from service.tables.returns import ReturnSection


class SectionName(StrEnum):
    """The sections of a return the planners write (the finance officer's spend is kept apart)."""

    ACTIONS = "actions"
    EXCEPTIONS = "exceptions"


@dataclass(frozen=True)
class StoredSection:
    """A section's document and version; version 0 and no document when nobody has saved it."""

    document: dict[str, Any] | None
    version: int
    updated_at: datetime.datetime | None


def read_section(plan_id: int, quarter: int, section: SectionName, *, session: Session) -> StoredSection:
    """The section as last saved, or version 0 when it never was."""
    query = select(ReturnSection).where(
        ReturnSection.plan_id == plan_id, ReturnSection.quarter == quarter, ReturnSection.section == section.value
    )
    # populate_existing: a section re-read after our own UPDATE must show the new version.
    row = session.exec(query.execution_options(populate_existing=True)).first()
    if row is None:
        return StoredSection(None, 0, None)
    return StoredSection(dict(row.document), row.version, row.updated_at)


def _stale(expected: int, current: int) -> PreconditionFailed:
    return PreconditionFailed(
        f"Someone saved this section since you opened it (you edited version {expected}; it is now at version "
        f"{current}). Reload it, reapply your changes and save again.",
        current_version=current,
    )


def replace_section(
    plan_id: int,
    quarter: int,
    section: SectionName,
    document: BaseModel,
    *,
    expected_version: int,
    by: int,
    session: Session,
) -> StoredSection:
    """Store a section's new document if the plan reports quarterly and nobody has saved since `expected_version`."""
    # The plan row first, as a submission takes it: a save and a submission of one return never interleave.
    ensure_reporting(plans.lock_plan(plan_id, session=session))
    stored = document.model_dump(mode="json")
    now = utc_now()
    if expected_version == 0:
        try:
            # The unique (plan, quarter, section) refuses a second first save: the loser is told, not merged.
            with session.begin_nested():
                session.add(
                    ReturnSection(
                        plan_id=plan_id,
                        quarter=quarter,
                        section=section.value,
                        document=stored,
                        version=1,
                        updated_at=now,
                        updated_by=by,
                    )
                )
                session.flush()
        except IntegrityError:
            raise _stale(0, read_section(plan_id, quarter, section, session=session).version) from None
    else:
        # One conditional UPDATE both checks and bumps the version, so two writers racing cannot both succeed.
        result = session.execute(
            update(ReturnSection)
            .where(
                col(ReturnSection.plan_id) == plan_id,
                col(ReturnSection.quarter) == quarter,
                col(ReturnSection.section) == section.value,
                col(ReturnSection.version) == expected_version,
            )
            .values(document=stored, version=ReturnSection.version + 1, updated_at=now, updated_by=by)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise _stale(expected_version, read_section(plan_id, quarter, section, session=session).version)
    saved = read_section(plan_id, quarter, section, session=session)
    audit.record(
        "return-section-saved",
        session=session,
        user_id=by,
        object_type="plan",
        object_id=plan_id,
        quarter=quarter,
        section=section.value,
        version=saved.version,
        sha256=sha256_of(stored),
    )
    return saved
