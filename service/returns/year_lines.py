"""The year's picture as tables to download: one sheet per aspect, numbers as numbers, money to the penny.

Pure. The workbook writer (service/documents/table_workbook) turns each Sheet into a worksheet; the page
shows the same YearPicture, so the two cannot disagree.
"""

from dataclasses import dataclass

from plan_schema.quarterly_return import ACTION_STATUS_LABELS, ActionStatus
from service.returns.year_picture import CategorySpend, YearPicture

Value = str | float | int | None
QUARTER_HEADINGS = ("Q1", "Q2", "Q3", "Q4")


@dataclass(frozen=True)
class Sheet:
    """One aspect of the year as a table."""

    name: str
    note: str
    headings: tuple[str, ...]
    rows: list[list[Value]]
    money_columns: frozenset[int] = frozenset()


def status_text(status: ActionStatus | None) -> str:
    """An action's status in words; "Not reported" when the quarter's return said nothing of it."""
    return "Not reported" if status is None else ACTION_STATUS_LABELS[status]


def _money(amount: object) -> float | None:
    return None if amount is None else float(str(amount))


def _spend_line(row: CategorySpend) -> list[Value]:
    return [
        row.category,
        _money(row.planned),
        *(_money(q) for q in row.quarters),
        _money(row.to_date),
        _money(row.remaining),
    ]


def sheets(picture: YearPicture) -> list[Sheet]:
    """The quarters read, the actions, the metrics, spend against plan, and each quarter's variance."""
    quarters = Sheet(
        "Quarters",
        "Each quarter is read from its latest submission; a quarter without one shows nothing reported.",
        ("Quarter", "Months", "Due", "Read from", "Submitted"),
        [
            [
                s.quarter.quarter,
                s.quarter.months,
                s.quarter.due.isoformat(),
                s.text,
                s.submitted_at.date().isoformat() if s.submitted_at else None,
            ]
            for s in picture.sources
        ],
    )
    actions = Sheet(
        "Actions",
        "Each Part 3 action's status as each quarter's return reported it.",
        ("Action", "Text", "Postholder", "Due", *QUARTER_HEADINGS),
        [
            [
                a.planned.reference,
                a.planned.text,
                a.planned.postholder,
                a.planned.due.isoformat() if a.planned.due else None,
                *(status_text(s) for s in a.statuses),
            ]
            for a in picture.actions
        ],
    )
    metrics = Sheet(
        "Metrics",
        "Each scorecard metric's RAG and figure as each quarter's return judged it.",
        ("Metric", "Name", *(f"{q} {what}" for q in QUARTER_HEADINGS for what in ("RAG", "figure"))),
        [
            [
                m.code,
                m.name,
                *(value for q in m.quarters for value in ((q.rag_text, q.value) if q else ("Not on the return", None))),
            ]
            for m in picture.metrics
        ],
    )
    spend = Sheet(
        "Spend",
        "Table 2's plan for the year against each quarter's actual spend (£); blank where no return was submitted.",
        ("Category", "Planned for the year", *QUARTER_HEADINGS, "Spent to date", "Remaining"),
        [*(_spend_line(row) for row in picture.spend), _spend_line(picture.total)],
        money_columns=frozenset(range(1, 8)),
    )
    threshold = f"{picture.view.cycle.spend_variance_threshold_pct.normalize():f}"
    variance = Sheet(
        "Variance",
        f"Spend to date against the profile to date (£); cells flagged beyond {threshold}% of their profile.",
        (
            "Quarter",
            "Read from",
            "Profile to date",
            "Spent to date",
            "Variance",
            "Variance %",
            "Cells flagged",
            "Forecast outturn",
        ),
        [
            [
                s.quarter.quarter,
                s.text,
                *(
                    (
                        _money(v.total.profile),
                        _money(v.total.actual),
                        _money(v.total.amount),
                        _money(v.total.pct),
                        v.flagged_count,
                        _money(v.forecast_outturn),
                    )
                    if v
                    else (None,) * 6
                ),
            ]
            for s, v in zip(picture.sources, picture.variances, strict=True)
        ],
        money_columns=frozenset({2, 3, 4, 7}),
    )
    return [quarters, actions, metrics, spend, variance]
