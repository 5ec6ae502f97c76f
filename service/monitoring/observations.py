"""Stored figures: writing a batch of imported ones (adding, revising, or leaving alone), and reading them back.

A revision keeps what it replaced as an ObservationRevision row rather than marking the old row
superseded: the observation table then holds exactly one current figure per key, which is what
every reader wants, and its unique key is enforced by the database. The history is a second table
read only when someone asks how a figure changed.

The same figures under another release are not a revision: the figure first published stands, with
its release, so re-importing a file (or a later release repeating old quarters) changes nothing.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import insert, update
from sqlmodel import Session, col, select

from service.tables.monitoring import Observation, ObservationRevision

# Rows written at once: large enough that a 100,000-row file is a hundred round trips, small
# enough that a batch's existing figures are one modest query.
BATCH_SIZE = 1_000


@dataclass(frozen=True)
class ObservationKey:
    """What a figure is of: a metric version, an area, a period, a breakdown ("" for all persons)."""

    metric_version_id: int
    area_id: int
    period: str
    breakdown: str


@dataclass(frozen=True)
class ObservedRow:
    """A figure as imported, checked and ready to store."""

    key: ObservationKey
    numerator: float
    denominator: float | None
    release: str


@dataclass(frozen=True)
class ImportCounts:
    """How many figures an import added, revised, and found already stored as they were."""

    added: int = 0
    revised: int = 0
    unchanged: int = 0

    def __add__(self, other: "ImportCounts") -> "ImportCounts":
        return ImportCounts(
            added=self.added + other.added,
            revised=self.revised + other.revised,
            unchanged=self.unchanged + other.unchanged,
        )


@dataclass(frozen=True)
class _Stored:
    """A stored figure as a batch compares with it."""

    id: int
    metric_version_id: int
    area_id: int
    period: str
    breakdown: str
    numerator: float
    denominator: float | None
    release: str
    imported_by: int | None
    imported_at: datetime.datetime

    @property
    def key(self) -> ObservationKey:
        return ObservationKey(self.metric_version_id, self.area_id, self.period, self.breakdown)


_STORED_COLUMNS = tuple(col(getattr(Observation, name)) for name in _Stored.__dataclass_fields__)


def store_batch(
    rows: Sequence[ObservedRow], *, by: int | None, now: datetime.datetime, session: Session
) -> ImportCounts:
    """Add new figures, revise changed ones (keeping the old), and count the rest as unchanged."""
    stored = _stored(rows, session=session)
    added: list[dict[str, object]] = []
    revisions: list[dict[str, object]] = []
    changes: list[dict[str, object]] = []
    for row in rows:
        old = stored.get(row.key)
        figures: dict[str, object] = {
            "numerator": row.numerator,
            "denominator": row.denominator,
            "release": row.release,
        }
        provenance: dict[str, object] = {"imported_by": by, "imported_at": now}
        if old is None:
            added.append(vars(row.key) | figures | provenance)
        elif (old.numerator, old.denominator) != (row.numerator, row.denominator):
            revisions.append(
                {
                    "observation_id": old.id,
                    "numerator": old.numerator,
                    "denominator": old.denominator,
                    "release": old.release,
                    "imported_by": old.imported_by,
                    "imported_at": old.imported_at,
                    "replaced_by_release": row.release,
                    "replaced_at": now,
                }
            )
            changes.append({"id": old.id} | figures | provenance)
    # Executed as many rows per statement: one round trip a batch, not one a row.
    if added:
        session.execute(insert(Observation), added)
    if revisions:
        session.execute(insert(ObservationRevision), revisions)
        session.execute(update(Observation), changes)
    return ImportCounts(added=len(added), revised=len(changes), unchanged=len(rows) - len(added) - len(changes))


def _stored(rows: Sequence[ObservedRow], *, session: Session) -> dict[ObservationKey, _Stored]:
    """The stored figures of a batch's keys, found by a query on the keys' parts and sifted here.

    Plain rows, not ORM objects: cheaper by far, and never a stale copy from the session's identity map.
    """
    keys = {row.key for row in rows}
    query = select(*_STORED_COLUMNS).where(
        col(Observation.metric_version_id).in_({key.metric_version_id for key in keys}),
        col(Observation.area_id).in_({key.area_id for key in keys}),
        col(Observation.period).in_({key.period for key in keys}),
    )
    found = (_Stored(*row) for row in session.execute(query))
    return {stored.key: stored for stored in found if stored.key in keys}


def current_figures(
    metric_version_id: int, area_ids: Sequence[int], period: str, breakdown: str, *, session: Session
) -> list[Observation]:
    """The current figures of one metric version, period and breakdown for the areas given."""
    query = select(Observation).where(
        Observation.metric_version_id == metric_version_id,
        col(Observation.area_id).in_(area_ids),
        Observation.period == period,
        Observation.breakdown == breakdown,
    )
    return list(session.exec(query).all())


def revisions_of(observation_id: int, *, session: Session) -> list[ObservationRevision]:
    """The figures an observation had before, oldest first."""
    query = (
        select(ObservationRevision)
        .where(ObservationRevision.observation_id == observation_id)
        .order_by(col(ObservationRevision.replaced_at), col(ObservationRevision.id))
    )
    return list(session.exec(query).all())
