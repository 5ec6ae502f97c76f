"""What a process may keep of what it computed from monitoring data, and for how long: while the database's
monitoring generation (`tables.monitoring.MonitoringGeneration`) stands.

The database's own triggers give the generation a fresh number in the same transaction as any write to the
figures, footprints, metric versions, targets, agreed targets or cycles (migration 0017), whoever writes them.
A process reads the number before it computes, and keeps the answer under it: whatever it then reads is at
least as new as the number, so an answer is never kept under a number older than its data. Another process's
write changes the number for every process at once, as it commits.

Kept answers must not depend on anything else that can change, unless it is part of their key.
"""

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Hashable
from typing import Any, Generic, TypeVar

from sqlmodel import Session, col, select

from service.monitoring import scorecards
from service.monitoring.catalogue import Family
from service.monitoring.scorecard import ScorecardRow
from service.monitoring.targets import cycle_tolerance
from service.tables.columns import id_of
from service.tables.monitoring import MonitoringGeneration
from service.tables.plans import Partnership, PlanCycle

Kept = TypeVar("Kept")

_CURRENT = select(MonitoringGeneration.generation).where(col(MonitoringGeneration.id) == 1)


def current(*, session: Session) -> int:
    """The monitoring generation standing now."""
    return session.exec(_CURRENT).one()


def current_in_statement() -> Any:
    """The monitoring generation standing now, as a scalar subquery: to read it in another statement."""
    return _CURRENT.scalar_subquery()


class KeptUnderGeneration(Generic[Kept]):
    """Answers kept in this process under the generation read before each was computed.

    At most `size` of them, the least recently used dropped first: answers kept under a generation that has
    passed are never asked for again, and go that way.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._kept: OrderedDict[tuple[Hashable, int], Kept] = OrderedDict()
        self._lock = threading.Lock()  # pages run on several threads at once

    def get(
        self, key: Hashable, compute: Callable[[], Kept], *, session: Session, generation: int | None = None
    ) -> Kept:
        """The answer kept for `key` under the current generation, or `compute()`'s, then kept.

        `generation`: the current generation, when the caller has read it (before anything compute() reads).
        """
        # First: what compute() reads is then at least this new.
        under = (key, generation if generation is not None else current(session=session))
        with self._lock:
            if under in self._kept:
                self._kept.move_to_end(under)
                return self._kept[under]
        answer = compute()
        with self._lock:
            self._kept[under] = answer
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return answer


LatestRows = tuple[tuple[ScorecardRow, ...], tuple[scorecards.Unmeasured, ...]]

# A partnership's latest rows for a plan year and a set of families: well under a megabyte for every
# partnership's current and last year.
LATEST_ROWS_KEPT = 2048


def latest_rows(
    kept: KeptUnderGeneration[LatestRows],
    partnership: Partnership,
    cycle: PlanCycle,
    families: Collection[Family],
    *,
    session: Session,
    generation: int | None = None,
) -> LatestRows:
    """scorecards.latest_rows, kept: its answer depends on monitoring data, and on the partnership and the cycle's
    plan year and tolerance as the caller holds them (read afresh at each request); `generation` as kept.get's."""
    key = (id_of(partnership), partnership.name, cycle.plan_year, cycle_tolerance(cycle), frozenset(families))
    compute = functools.partial(scorecards.latest_rows, partnership, cycle, families, session=session)
    return kept.get(key, compute, session=session, generation=generation)
