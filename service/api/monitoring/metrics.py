"""Routes for the metric catalogue: an administrator adds a local KPI."""

from fastapi import APIRouter
from pydantic import BaseModel

from service.access.guards import Admin
from service.monitoring.catalogue import Metric
from service.monitoring.metric_versions import store_local_metric
from service.platform.deps import SessionDep

router = APIRouter(tags=["monitoring"])


class MetricVersionOut(BaseModel):
    """A stored metric version: what figures are imported against."""

    code: str
    version: int
    family: str
    value_type: str
    multiplier: int
    lowest_geography: str
    shipped: bool


@router.post("/metrics", status_code=201, summary="Add a local KPI to the catalogue")
def add_local_kpi(body: Metric, _admin: Admin, session: SessionDep) -> MetricVersionOut:
    """Admins add a local contract KPI (family local-kpi, code LK-…), checked as the shipped catalogue is."""
    row = store_local_metric(body, session=session)
    return MetricVersionOut.model_validate(row, from_attributes=True)
