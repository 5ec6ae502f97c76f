"""A matrix as a table to download: one line per row and metric, numbers as numbers, England's line last.

Long rather than wide: a line names its row, metric and period, so a spreadsheet can filter and pivot it,
and a metric's value, interval and parts sit in columns of their own rather than in one cell's words.
The CSV and the workbook are written from these lines, so they cannot disagree.
"""

import csv
import io
from collections.abc import Iterator

from service.monitoring.region_matrix import Cell, Matrix, Row
from service.platform.spreadsheet_text import safe_text

# Each heading, and whether its column holds numbers (True) or text.
COLUMNS: tuple[tuple[str, bool], ...] = (
    ("Area", False),
    ("Metric", False),
    ("Version", True),
    ("Metric name", False),
    ("Period", False),
    ("Value", True),
    ("Lower 95% limit", True),
    ("Upper 95% limit", True),
    ("Numerator", True),
    ("Denominator", True),
    ("Value in words", False),
    ("Compared with England", False),
    ("Areas with a figure", True),
    ("Areas without a figure", True),
    ("Periods reported", True),
    ("Periods expected", True),
)
Value = str | float | int | None


def _line(row: Row, cell: Cell) -> tuple[Value, ...]:
    figure, combined, completeness = cell.figure, cell.combined, row.completeness
    interval = figure.interval if figure is not None else None
    return (
        row.name,
        cell.metric.code,
        cell.metric.version,
        cell.metric.name,
        cell.period,
        figure.value if figure is not None else None,
        interval.lower if interval is not None else None,
        interval.upper if interval is not None else None,
        figure.numerator if figure is not None else None,
        figure.denominator if figure is not None else None,
        cell.value_text,
        cell.comparison_text or "",
        len(combined.included) if combined is not None else None,
        len(combined.missing) if combined is not None else None,
        completeness.reported if completeness is not None else None,
        completeness.expected if completeness is not None else None,
    )


def lines(matrix: Matrix) -> Iterator[tuple[Value, ...]]:
    """Every row's cells, in the matrix's order, then England's."""
    rows = (*matrix.rows, *((matrix.england,) if matrix.england is not None else ()))
    for row in rows:
        for cell in row.cells:
            yield _line(row, cell)


def as_csv(matrix: Matrix) -> str:
    """The lines as CSV, safe to open in a spreadsheet: text that looks like a formula is kept as text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([heading for heading, _ in COLUMNS])
    for line in lines(matrix):
        writer.writerow(
            ["" if v is None else v if numeric else safe_text(v) for v, (_, numeric) in zip(line, COLUMNS, strict=True)]
        )
    return buffer.getvalue()
