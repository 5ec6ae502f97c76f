"""The catalogue in the database: loaded once however often asked; local KPIs checked as shipped ones are."""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from service.monitoring.catalogue import shipped_catalogue
from service.monitoring.metric_versions import add_local_metric, load_shipped_catalogue, metric_of
from service.platform.errors import Conflict, InvalidInput
from service.tables.monitoring import MetricVersion
from tests.monitoring.stored_figures import local_kpi, without_demo_figures


def test_loading_the_catalogue_stores_every_shipped_version_and_a_second_load_changes_nothing(
    session: Session,
) -> None:
    without_demo_figures(session)  # the demo stores the catalogue when it imports its figures
    first = load_shipped_catalogue(session=session)
    second = load_shipped_catalogue(session=session)

    assert first == len(shipped_catalogue().metrics) == 87
    assert second == 0
    assert len(session.exec(select(MetricVersion)).all()) == 87


def test_a_stored_version_reads_back_as_the_catalogue_entry_it_came_from(session: Session) -> None:
    load_shipped_catalogue(session=session)
    row = session.exec(select(MetricVersion).where(MetricVersion.code == "OF-16")).one()

    assert metric_of(row) == shipped_catalogue().find("OF-16", version=1)
    assert (row.value_type, row.multiplier, row.lowest_geography) == ("proportion", 100, "local-authority")


def test_a_changed_shipped_entry_is_refreshed_at_the_next_load(session: Session) -> None:
    load_shipped_catalogue(session=session)
    row = session.exec(select(MetricVersion).where(MetricVersion.code == "OF-16")).one()
    row.definition = row.definition | {"name": "an older wording"}
    session.add(row)
    session.flush()

    assert load_shipped_catalogue(session=session) == 1
    assert metric_of(row).name == shipped_catalogue().find("OF-16").name


def test_an_admin_adds_a_local_kpi_checked_by_the_catalogues_own_model(session: Session) -> None:
    row = add_local_metric(local_kpi(), session=session)

    assert (row.code, row.version, row.family, row.shipped) == ("LK-99", 1, "local-kpi", False)
    assert metric_of(row).denominator == "New clients"


def test_a_local_kpi_with_bad_fields_is_refused_naming_each_field(session: Session) -> None:
    with pytest.raises(InvalidInput) as refused:
        add_local_metric(local_kpi(value_type="percentage", multiplier="lots"), session=session)

    pointers = {error["pointer"] for error in refused.value.extensions["errors"]}
    assert pointers == {"/value_type", "/multiplier"}


def test_a_local_kpi_breaking_the_catalogues_rules_is_refused_with_every_rule_broken(session: Session) -> None:
    with pytest.raises(InvalidInput) as refused:
        add_local_metric(local_kpi(code="LK-X", denominator=None, multiplier=7), session=session)

    details = " ".join(error["detail"] for error in refused.value.extensions["errors"])
    assert "needs denominator" in details
    assert "multiplier is one of 100" in details


def test_only_local_kpis_are_added_by_an_admin(session: Session) -> None:
    with pytest.raises(InvalidInput, match="local KPIs only"):
        add_local_metric(local_kpi(family="outcomes-framework-2023", code="OF-99"), session=session)


def test_a_version_already_stored_is_a_conflict_and_a_second_version_may_not_overlap_the_first(
    session: Session,
) -> None:
    add_local_metric(local_kpi(valid_to="2027/28"), session=session)

    with pytest.raises(Conflict):
        add_local_metric(local_kpi(), session=session)
    with pytest.raises(InvalidInput, match="both in force"):
        add_local_metric(local_kpi(version=2, valid_from="2027/28"), session=session)
    second = add_local_metric(local_kpi(version=2, valid_from="2028/29"), session=session)
    assert second.version == 2


def test_an_admin_adds_a_local_kpi_through_the_api(client: TestClient) -> None:
    added = client.post("/api/v1/metrics", json=local_kpi())
    again = client.post("/api/v1/metrics", json=local_kpi())
    broken = client.post("/api/v1/metrics", json=local_kpi(code="LK-7", denominator=None))

    assert added.status_code == 201
    assert added.json()["shipped"] is False
    assert (added.json()["code"], added.json()["version"]) == ("LK-99", 1)
    assert again.status_code == 409
    assert broken.status_code == 422
    assert "needs denominator" in broken.json()["errors"][0]["detail"]
