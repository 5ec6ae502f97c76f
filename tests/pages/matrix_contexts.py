"""Contexts for the matrix template: a region's partnerships by metric with figures, and with none yet."""

from typing import Any

from service.access.identity import Member
from service.monitoring.aggregation import CombinedFigure
from service.monitoring.catalogue import Geography, shipped_catalogue
from service.monitoring.region_matrix import Cell, Column, Completeness, Matrix, Row
from service.monitoring.scorecard import Benchmark, PeriodFigure, compare, shown_figure
from service.monitoring.statistics import Aggregate
from service.tables.access import Role

REVIEWER = Member("session", 2, "reviewer@demo.example", Role.REVIEWER, region_id=1, csrf_token="token")
Q1 = "2027/28 Q1"


def _matrix() -> Matrix:
    metric = shipped_catalogue().find("OF-16", version=1)
    england = Aggregate(100, 1300, 100 / 13)
    own = Aggregate(10, 1000, 1.0)
    combined = CombinedFigure(own, Geography.LOCAL_AUTHORITY, ("LA-A",), ("LA-B",))
    figure = shown_figure(metric, PeriodFigure(Q1, own))
    comparison = compare(
        metric, figure, Benchmark("England", (PeriodFigure(Q1, england),)), with_99_8=False, public=False
    )
    cell = Cell(metric, Q1, combined, figure, comparison)
    empty = Cell(metric, Q1, CombinedFigure(None, Geography.LOCAL_AUTHORITY, (), ("LA-C",)), None, None)
    england_cell = Cell(metric, Q1, None, shown_figure(metric, PeriodFigure(Q1, england)), None)
    rows = (
        Row(1, "Birmingham Drug Action Team", (cell,), Completeness(1, 1)),
        Row(2, "Coventry", (empty,), Completeness(0, 1)),
    )
    return Matrix("West Midlands", Q1, (Q1,), (Column(metric, Q1),), rows, Row(None, "England", (england_cell,), None))


def matrix_contexts() -> dict[str, list[dict[str, Any]]]:
    page = {
        "caller": REVIEWER,
        "sees_national_view": False,
        "heading": "West Midlands",
        "caption": "Partnerships by metric",
        "row_label": "Partnership",
        "action": "/regions/1/metrics",
        "downloads": "/api/v1/regions/1/metrics",
        "back": ("/regions/1/dashboard", "Region dashboard"),
    }
    nothing = Matrix("West Midlands", None, (), (), (), None)
    return {
        "monitoring/matrix.html": [page | {"matrix": _matrix()}, page | {"matrix": nothing, "sees_national_view": True}]
    }
