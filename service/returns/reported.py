"""What a submitted return reports, read from its snapshot: its actions' progress, the metrics it judged red,
the actions overdue at the quarter's end, and its spend against the profile with the variances flagged.

Pure: snapshots in, figures out. Everything is read from the snapshot (what the partnership said then),
never from the return as it is being edited now. The spend to date of a quarter adds up the latest
submission of each quarter so far, so a correction resubmitted for Q1 shows in every later quarter.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from plan_schema.funding import ExpenditureRow
from plan_schema.quarterly_return import SubmittedAction, submitted_actions
from service.monitoring import wording
from service.monitoring.judgements import Rag
from service.returns import spend_variance
from service.returns.spend import SpendEntry


@dataclass(frozen=True)
class SubmittedMetric:
    """A scorecard metric as the return judged it: its figure in words and its RAG (None: not judged)."""

    code: str
    name: str
    value: str
    rag: str | None

    @property
    def judged(self) -> Rag | None:
        """The RAG as the enum; None when the metric could not be judged."""
        return Rag(self.rag) if self.rag in {rag.value for rag in Rag} else None

    @property
    def rag_text(self) -> str:
        """ "Red – off track", or "Not judged"."""
        return wording.rag_text(self.judged) if self.judged else "Not judged"


def actions_of(sections: Mapping[str, Any]) -> list[SubmittedAction]:
    """The progress the return reported on each action of the plan."""
    return submitted_actions(sections.get("actions"))


def metrics_of(sections: Mapping[str, Any]) -> list[SubmittedMetric]:
    """Each scorecard metric as the return judged it, in the scorecard's order."""
    entries = sections.get("exceptions")
    if not isinstance(entries, list):
        return []
    return [
        SubmittedMetric(str(e.get("metric", "")), str(e.get("name", "")), str(e.get("value", "")), e.get("rag"))
        for e in entries
        if isinstance(e, dict)
    ]


def red_metrics(sections: Mapping[str, Any]) -> int:
    """How many metrics the return judged red: each one carries an exception."""
    return sum(metric.rag == "red" for metric in metrics_of(sections))


def overdue_actions(sections: Mapping[str, Any], quarter_ends: datetime.date) -> int:
    """How many actions were due by the quarter's last day and not reported complete."""
    return sum(action.is_overdue(quarter_ends) for action in actions_of(sections))


def spend_entry(sections: Mapping[str, Any]) -> SpendEntry | None:
    """The quarter's spend as the snapshot kept it; None when it cannot be read as Table 2's grid."""
    spend = sections.get("spend")
    if not isinstance(spend, dict):
        return None
    try:
        return SpendEntry.model_validate({key: spend.get(key) for key in ("actual", "profile", "forecast_outturn")})
    except ValidationError:
        return None  # a snapshot of a grid the template has since changed: reported, but not comparable


def quarter_variance(
    quarter: int,
    *,
    table_2: Sequence[ExpenditureRow],
    spent: Mapping[int, SpendEntry],
    threshold_pct: Decimal,
) -> spend_variance.SpendVariance | None:
    """The quarter's spend to date against its profile, from the submitted quarters so far; None unsubmitted."""
    this = spent.get(quarter)
    if this is None or len(this.actual) != len(table_2):
        return None
    categories = [row.category for row in table_2]
    so_far = [entry.actual for number, entry in sorted(spent.items()) if number <= quarter]
    return spend_variance.spend_variance(
        quarter=quarter,
        table_2=table_2,
        actual_to_date=spend_variance.year_to_date(so_far, categories),
        threshold_pct=threshold_pct,
        entered_profile=this.profile,
        entered_forecast=this.forecast_outturn,
    )
