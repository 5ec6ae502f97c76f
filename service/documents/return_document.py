"""A submitted quarterly return as a Word document: what the submission's snapshot holds, in the plan parts' look.

Pure: the snapshot and who and when in, bytes out. Nothing is read but the snapshot, so the document of a
submission is the same file whenever it is asked for (the zip's times are the submission's, see reproducible).

May import: service.returns.spend_variance, plan_schema.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from plan_schema import funding_totals
from plan_schema.funding import ExpenditureRow
from plan_schema.quarterly_return import ACTION_STATUS_LABELS, ActionStatus
from plan_schema.vocabulary import EXPENDITURE_SOURCES
from plan_schema.wording import pounds
from service.documents.context import long_date, one_line, short_date
from service.documents.docx_template import Properties, prepared
from service.documents.spend_workbook import flag_text, threshold_text
from service.returns.spend_variance import SpendVariance, Variance, quarter_months

TEMPLATE = "quarterly-return.docx"
NOT_RECORDED = "Not recorded"
# How many lines of 11 pt text a landscape page holds, and roughly how many characters a millimetre of
# column: a row estimated taller than a page may split across pages, where it would otherwise be cut off.
_LINES_PER_PAGE = 28
_CHARACTERS_PER_MM = 0.5
ACTION_COLUMNS_MM = (62, 66, 35)  # action, note, evidence: the columns long text goes in
METRIC_COLUMNS_MM = (50, 50)  # reason, recovery action
COMMENTARY_COLUMN_MM = 157


@dataclass(frozen=True)
class SubmittedReturn:
    """A submission of a quarter's return: whose, which, who made it and when, and its snapshot."""

    partnership_name: str
    plan_year: str
    quarter: int
    number: int
    submitted_at: datetime.datetime  # aware, in England's time: as people read it
    submitted_by: str
    due: datetime.date
    lateness: str
    content_sha256: str
    sections: Mapping[str, Any]
    spend: SpendVariance | None  # worked out from the snapshot; None when it kept too little to work it out

    @property
    def title(self) -> str:
        """ "Quarter 2 return: July to September 2024"."""
        return f"Quarter {self.quarter} return: {quarter_months(self.plan_year, self.quarter)}"


def _lines(text: str, width_mm: int) -> int:
    width = max(1, int(width_mm * _CHARACTERS_PER_MM))
    return sum(max(1, -(-len(line) // width)) for line in text.split("\n"))


def _whole(*cells: tuple[str, int]) -> str:
    """ "1" when every cell of a row fits on a page, so the row is kept whole; "0" when it may split."""
    return "1" if all(_lines(text, width) < _LINES_PER_PAGE for text, width in cells) else "0"


def _date(iso: str | None) -> str:
    return "" if not iso else short_date(datetime.date.fromisoformat(iso))


def _status(action: Mapping[str, Any]) -> str:
    label = ACTION_STATUS_LABELS[ActionStatus(action["status"])]
    completed = action.get("completed")
    return f"{label} on {_date(completed)}" if completed else label


def _actions(actions: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    rows = []
    for action in actions:
        text, note, evidence = action["text"], action.get("note", ""), action.get("evidence", "")
        rows.append(
            {
                "reference": action["reference"],
                "text": text,
                "postholder": action.get("postholder", ""),
                "due": _date(action.get("due")) or "No date",
                "status": _status(action),
                "note": note,
                "evidence": evidence,
                "whole": _whole(*zip((text, note, evidence), ACTION_COLUMNS_MM, strict=True)),
            }
        )
    return rows


def _rag(metric: Mapping[str, Any]) -> str:
    rag = metric.get("rag")
    return str(metric.get("rag_text") or (rag.capitalize() if rag else "Not judged"))


def _metric(metric: Mapping[str, Any]) -> dict[str, str]:
    reason, recovery = metric.get("reason", ""), metric.get("recovery_action", "")
    commentary = metric.get("commentary", "")
    return {
        "name": f"{metric['metric']} {metric['name']}",
        "value": metric.get("value", ""),
        "target": metric.get("target", NOT_RECORDED),
        "rag": _rag(metric),
        "reason": reason,
        "recovery_action": recovery,
        "owner": metric.get("owner", ""),
        "recovery_date": _date(metric.get("recovery_date")),
        "commentary": commentary,
        "whole": _whole(*zip((reason, recovery), METRIC_COLUMNS_MM, strict=True), (commentary, COMMENTARY_COLUMN_MM)),
    }


def signed_pounds(amount: Decimal) -> str:
    """A variance with its sign: +£1.00, −£1.00, £0.00."""
    if amount > 0:
        return f"+{pounds(amount)}"
    return f"−{pounds(-amount)}" if amount < 0 else pounds(amount)


def _pct(figure: Variance) -> str:
    if figure.pct is None:
        return "—"
    return ("+" if figure.pct > 0 else "−" if figure.pct < 0 else "") + f"{abs(figure.pct)}%"


def _against(figure: Variance, threshold: Decimal) -> str:
    return flag_text(figure, threshold) or f"Within {threshold_text(threshold)}%"


def _figures(
    label: str, planned: Decimal, this_quarter: Decimal, figure: Variance, threshold: Decimal
) -> dict[str, str]:
    return {
        "label": label,
        "planned": pounds(planned),
        "this_quarter": pounds(this_quarter),
        "actual": pounds(figure.actual),
        "profile": pounds(figure.profile),
        "variance": signed_pounds(figure.amount),
        "pct": _pct(figure),
        "flag": _against(figure, threshold),
        "whole": "1",
    }


def _spend_facts(result: SpendVariance, this_quarter: Decimal, profile_entered: bool) -> list[dict[str, str]]:
    quarter, threshold, total = result.quarter, threshold_text(result.threshold_pct), result.total
    profiled = "as the finance officer entered it" if profile_entered else f"{quarter}/4 of Part 4's Table 2"
    direction = "over" if total.amount > 0 else "under"
    variance = "On profile" if total.amount == 0 else f"{pounds(abs(total.amount))} {direction} profile"
    forecast = "as the finance officer forecast it" if result.forecast_entered else f"spent to date ÷ {quarter} × 4"
    adults = result.adults_in_treatment
    return [
        {"label": "Spent in the quarter", "value": pounds(this_quarter)},
        {"label": "Spent to date", "value": f"{pounds(total.actual)} (quarters 1 to {quarter})"},
        {"label": "Profile to date", "value": f"{pounds(total.profile)} ({profiled})"},
        {"label": "Planned for the year (Table 2)", "value": pounds(result.planned_total)},
        {"label": "Variance to date", "value": variance + (f" ({_pct(total)})" if total.pct is not None else "")},
        {
            "label": "Flagged",
            "value": f"{result.flagged_count} of the grid's figures more than {threshold}% from profile",
        },
        {"label": "Forecast outturn", "value": f"{pounds(result.forecast_outturn)} ({forecast})"},
        {
            "label": "Cost per adult in treatment",
            "value": f"{pounds(result.cost_per_adult)} to date ({adults:,} adults in effective treatment planned)"
            if result.cost_per_adult is not None and adults
            else "Not worked out: Part 2 plans no number of adults in effective treatment",
        },
    ]


def _spend(result: SpendVariance | None, section: Mapping[str, Any]) -> dict[str, Any] | None:
    if result is None:
        return None
    table_2 = [ExpenditureRow.model_validate(row) for row in section["worked_out_from"]["table_2"]]
    actual = [ExpenditureRow.model_validate(row) for row in section["actual"]]
    threshold = result.threshold_pct
    categories = [
        _figures(
            row.category,
            funding_totals.expenditure_row_total(planned),
            funding_totals.expenditure_row_total(spent),
            row.total,
            threshold,
        )
        for row, planned, spent in zip(result.categories, table_2, actual, strict=True)
    ]
    sources = [
        _figures(
            f"{source.label} ({source.code})",
            funding_totals.expenditure_source_total(table_2, source.field),
            funding_totals.expenditure_source_total(actual, source.field),
            result.sources[source.field],
            threshold,
        )
        for source in EXPENDITURE_SOURCES
    ]
    this_quarter = funding_totals.grand_total(actual)
    flags = [
        _figures(f"{row.category}: {source.label} ({source.code})", Decimal(0), Decimal(0), cell, threshold)
        for row in result.categories
        for source in EXPENDITURE_SOURCES
        if (cell := row.cells[source.field]).flagged
    ]
    return {
        "threshold": f"{threshold_text(threshold)}%",
        "facts": _spend_facts(result, this_quarter, section.get("profile") is not None),
        "categories": categories,
        "sources": sources,
        "total": _figures("Total", result.planned_total, this_quarter, result.total, threshold),
        "flags": flags,
    }


def _facts(submitted: SubmittedReturn, partnership: str) -> list[dict[str, str]]:
    moment = submitted.submitted_at
    return [
        {"label": "Partnership", "value": partnership},
        {"label": "Plan year", "value": submitted.plan_year},
        {"label": "Quarter", "value": f"{submitted.quarter}: {quarter_months(submitted.plan_year, submitted.quarter)}"},
        {"label": "Submission", "value": f"Number {submitted.number}"},
        {"label": "Submitted by", "value": submitted.submitted_by},
        {"label": "Submitted", "value": f"{long_date(moment.date())} at {moment:%H:%M}"},
        {"label": "Due", "value": long_date(submitted.due)},
        {"label": "Timeliness", "value": submitted.lateness.capitalize()},
        {"label": "Fingerprint (SHA-256)", "value": submitted.content_sha256},
    ]


def render_return_docx(submitted: SubmittedReturn) -> bytes:
    """The submitted return as a Word document; the same submission always gives the same bytes."""
    partnership = one_line(submitted.partnership_name)
    sections = submitted.sections
    metrics = [_metric(metric) for metric in sections.get("exceptions", [])]
    submitted_on = submitted.submitted_at.date()
    status = f"Quarter {submitted.quarter} return, submission {submitted.number}, submitted {long_date(submitted_on)}"
    variables = {
        "partnership_name": partnership,
        "plan_year": submitted.plan_year,
        "part_title": submitted.title,
        "document_date": long_date(submitted_on),
        "document_status": status,
        "snapshot_sha256": submitted.content_sha256,
        "row_height": "0",
        "quarter": submitted.quarter,
        "facts": _facts(submitted, partnership),
        "actions": _actions(sections.get("actions", [])),
        "exceptions": [
            metric
            for metric, kept in zip(metrics, sections.get("exceptions", []), strict=True)
            if kept.get("rag") == "red"
        ],
        "commentary": [metric for metric in metrics if metric["commentary"]],
        "spend": _spend(submitted.spend, sections.get("spend", {})),
    }
    moment = submitted.submitted_at.astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)
    properties = Properties(
        title=f"{partnership} {submitted.plan_year} quarter {submitted.quarter} return, submission {submitted.number}",
        subject=f"Adult drug treatment plan {submitted.plan_year}: quarterly return",
        author=partnership,
        timestamp=moment,
    )
    return prepared(TEMPLATE).render(variables, properties, submitted_on)
