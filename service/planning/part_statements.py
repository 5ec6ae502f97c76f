"""The statements a part's save makes (service.planning.parts), built once: building one costs tens of µs, more
than running it, and loading a row through the ORM more than its query."""

from typing import Any

from sqlalchemy import Integer, bindparam, cast, exists, func, insert, inspect, null, update
from sqlalchemy import select as select_columns
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col

from service.access import audit
from service.planning import plans
from service.planning.reference import pct_codes_column
from service.tables.access import AuditEvent
from service.tables.plans import Plan, PlanPart, PlanPartVersion

_AUDIT_TYPES = {name: inspect(AuditEvent).columns[name].type for name in audit.COLUMNS}

# A row's every column: a row made from fewer would read the others again when they are asked for.
NAMES = ("id", "plan_id", "part", "document", "version", "updated_at", "findings", "findings_key", "served", "started")
COLUMNS = tuple(col(getattr(PlanPart, name)) for name in NAMES)
KEPT = ("findings", "findings_key", "started", "served")

# The plan's row locked first, as every change to a plan takes it; the part's row and the PCTs the rules read too.
# Whether its history already holds the version about to be replaced: nearly always, as each save keeps what it
# saved; a version from before history began, or a new plan's first, is copied there before it is replaced.
_VERSION_KEPT = exists().where(
    col(PlanPartVersion.plan_id) == col(PlanPart.plan_id),
    col(PlanPartVersion.part) == col(PlanPart.part),
    col(PlanPartVersion.version) == col(PlanPart.version),
)
# What a save reads of the part's row with the plan's (also read by a bearer token's save with its caller, in one
# statement: service/access/part_writes.py), in this order.
LOCKED_PART = ("id", "version", "document", "kept", "pct_codes")
LOCKED_PART_COLUMNS = (
    col(PlanPart.id),
    col(PlanPart.version),
    col(PlanPart.document),
    _VERSION_KEPT.label("kept"),
    pct_codes_column(),
)
LOCKED_ROW = plans.locking(*LOCKED_PART_COLUMNS).where(
    col(PlanPart.plan_id) == col(Plan.id), col(PlanPart.part) == bindparam("part")
)
ROWS = select_columns(*COLUMNS).where(
    col(PlanPart.plan_id) == bindparam("plan_id"), col(PlanPart.part).in_(bindparam("parts", expanding=True))
)
REPLACE = (
    update(PlanPart)
    .where(col(PlanPart.id) == bindparam("part_id"), col(PlanPart.version) == bindparam("expected"))
    .values({name: bindparam(f"new_{name}") for name in ("document", "version", "updated_at", *KEPT)})
)
KEEP = (
    update(PlanPart)
    .where(col(PlanPart.id) == bindparam("part_id"))
    .values({name: bindparam(f"new_{name}") for name in ("document", *KEPT)})
)
TOUCH_PLAN = update(Plan).where(col(Plan.id) == bindparam("plan_id")).values(updated_at=bindparam("now"))


HISTORY_COLUMNS = ["plan_id", "part", "version", "document", "saved_by", "saved_at"]
HISTORY_KEY = ["plan_id", "part", "version"]


def _copied_to_history(insert_into: Any) -> Any:
    """INSERT … SELECT: the part's row at a version copied into its history by the database, document and all."""
    copied = select_columns(
        col(PlanPart.plan_id),
        col(PlanPart.part),
        col(PlanPart.version),
        col(PlanPart.document),
        cast(bindparam("saved_by"), Integer),
        col(PlanPart.updated_at),
    ).where(col(PlanPart.id) == bindparam("part_id"), col(PlanPart.version) == bindparam("at_version"))
    return insert_into(PlanPartVersion).from_select(HISTORY_COLUMNS, copied)


# The replaced version is kept unless it already is (LOCKED_ROW asks; the unique (plan_id, part, version) would
# refuse a second copy, and ON CONFLICT DO NOTHING leaves the transaction usable).
KEEP_REPLACED = _copied_to_history(sqlite.insert).on_conflict_do_nothing(index_elements=HISTORY_KEY)
# A form opened at the new version may be saved late: its changes are then merged from this copy.
KEEP_SAVED = _copied_to_history(insert)


def _replaced_in_one() -> Any:
    """PostgreSQL's save as one statement: the four above and the audit event, as data-modifying CTEs; the number
    of parts replaced (the event's columns are parameters named audit_<column>).

    Every sub-statement sees the rows as they were before the statement, so the replaced version is copied with
    its own document; the new version is copied from what the UPDATE returned, and the plan is touched only if
    the part was replaced. Five round trips become one: a save's CPU 3.6 → 3.3 ms in-process with the first four
    (bench/README.md, fourth session), and 2.86–2.97 → 2.60–2.67 ms served with the event (seventh session).
    """
    replaced = (
        postgresql.insert(PlanPartVersion)
        .from_select(
            HISTORY_COLUMNS,
            select_columns(
                col(PlanPart.plan_id),
                col(PlanPart.part),
                col(PlanPart.version),
                col(PlanPart.document),
                cast(null(), Integer),
                col(PlanPart.updated_at),
            ).where(col(PlanPart.id) == bindparam("part_id"), col(PlanPart.version) == bindparam("expected")),
        )
        .on_conflict_do_nothing(index_elements=HISTORY_KEY)
        .cte("replaced")
    )
    stored = REPLACE.returning(
        col(PlanPart.plan_id),
        col(PlanPart.part),
        col(PlanPart.version),
        col(PlanPart.document),
        col(PlanPart.updated_at),
    ).cte("stored")
    copied = select_columns(
        stored.c.plan_id,
        stored.c.part,
        stored.c.version,
        stored.c.document,
        cast(bindparam("saved_by"), Integer),
        stored.c.updated_at,
    )
    saved = insert(PlanPartVersion).from_select(HISTORY_COLUMNS, copied).cte("saved")
    # Not "plan_id": a parameter named as a column of a table an UPDATE here changes would be SET as well.
    touched = (
        update(Plan)
        .where(col(Plan.id) == bindparam("plan_touched"), exists(stored.select()))
        .values(updated_at=bindparam("now"))
        .cte("touched")
    )
    # The save's audit event, recorded only if the part was replaced: a round trip fewer than recording it apart.
    event = select_columns(*(bindparam(f"audit_{name}", type_=_AUDIT_TYPES[name]) for name in audit.COLUMNS))
    audited = insert(AuditEvent).from_select(audit.COLUMNS, event.where(exists(stored.select()))).cte("audited")
    return select_columns(func.count()).select_from(stored).add_cte(replaced, saved, touched, audited)


REPLACED_IN_ONE = _replaced_in_one()
