"""The catalogue in the database: the shipped metric versions loaded at each upgrade, and local KPIs an admin adds.

Observations name a stored metric version, so a version must be stored before figures can be
imported for it. Shipped entries are refreshed from metrics.json (a corrected caveat reaches the
database); a local KPI is the administrator's and a load never touches it.
"""

from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlmodel import Session, select

from service.monitoring.catalogue import (
    Catalogue,
    Family,
    Metric,
    consistency_problems,
    shipped_catalogue,
)
from service.platform.errors import Conflict, InvalidInput
from service.tables.columns import utc_now
from service.tables.monitoring import MetricVersion

_METRIC = TypeAdapter(Metric)


def _columns(metric: Metric) -> dict[str, Any]:
    return {
        "code": metric.code,
        "version": metric.version,
        "family": metric.family.value,
        "value_type": metric.value_type.value,
        "multiplier": metric.multiplier,
        "lowest_geography": metric.lowest_geography.value,
        "definition": _METRIC.dump_python(metric, mode="json"),
    }


def metric_of(row: MetricVersion) -> Metric:
    """The catalogue entry a stored version holds."""
    return _METRIC.validate_python(row.definition)


def stored_metrics(*, session: Session) -> list[Metric]:
    """Every metric version in the database (shipped and local), by family, code and version."""
    rows = session.exec(select(MetricVersion)).all()
    metrics = [metric_of(row) for row in rows]
    return sorted(metrics, key=lambda metric: (list(Family).index(metric.family), metric.code, metric.version))


def load_shipped_catalogue(*, session: Session, catalogue: Catalogue | None = None) -> int:
    """Store every shipped metric version, refreshing those whose entry changed; how many were added or changed.

    Idempotent: a second load changes nothing and returns 0.
    """
    stored = {(row.code, row.version): row for row in session.exec(select(MetricVersion)).all()}
    changed = 0
    for metric in (catalogue or shipped_catalogue()).metrics:
        columns = _columns(metric)
        row = stored.get((metric.code, metric.version))
        if row is None:
            session.add(MetricVersion(**columns, shipped=True))
        elif not row.shipped:
            raise Conflict(f"{metric.ref} is shipped in the catalogue but was already added as a local KPI")
        elif any(getattr(row, name) != value for name, value in columns.items()):
            row.sqlmodel_update(columns | {"loaded_at": utc_now()})
            session.add(row)
        else:
            continue
        changed += 1
    session.flush()
    return changed


def add_local_metric(entry: dict[str, Any], *, session: Session) -> MetricVersion:
    """Store a local KPI (family local-kpi, code LK-…) after the checks the shipped catalogue passes.

    Every problem is named: the entry's own fields, then its fit with the versions of its code already stored.
    """
    try:
        metric = _METRIC.validate_python(entry)
    except ValidationError as invalid:
        errors = [
            {"pointer": "/" + "/".join(str(part) for part in error["loc"]), "detail": error["msg"]}
            for error in invalid.errors()
        ]
        first = f"{errors[0]['pointer']}: {errors[0]['detail']}"
        raise InvalidInput(f"The metric cannot be added: {first}", errors=errors) from None
    return store_local_metric(metric, session=session)


def store_local_metric(metric: Metric, *, session: Session) -> MetricVersion:
    """Store a local KPI already read as a catalogue entry, if it fits the versions of its code already stored."""
    if metric.family is not Family.LOCAL_KPI:
        raise InvalidInput.at("/family", f"an administrator adds local KPIs only ({Family.LOCAL_KPI.value})")
    others = session.exec(select(MetricVersion).where(MetricVersion.code == metric.code)).all()
    if any(row.version == metric.version for row in others):
        raise Conflict(f"{metric.ref} is already in the catalogue; add the next version instead")
    problems = consistency_problems((*(metric_of(row) for row in others), metric))
    if problems:
        errors = [{"pointer": "", "detail": problem} for problem in problems]
        raise InvalidInput(f"The metric cannot be added: {problems[0]}", errors=errors)
    row = MetricVersion(**_columns(metric), shipped=False)
    session.add(row)
    session.flush()
    return row
