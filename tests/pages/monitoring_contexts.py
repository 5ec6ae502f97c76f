"""Contexts for the monitoring templates: a scorecard metric as the partnership sees it and as the public does."""

from typing import Any

from service.monitoring.chart import metric_chart
from tests.monitoring.scorecard_builders import scorecard_example


def monitoring_contexts() -> dict[str, list[dict[str, Any]]]:
    full, public = scorecard_example(), scorecard_example(public=True, q2=(4, 10))
    return {"monitoring/_scorecard_metric.html": [{"row": row, "chart": metric_chart(row)} for row in (full, public)]}
