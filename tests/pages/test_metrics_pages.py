"""Administrators see the metric catalogue and add a local KPI from a form, each problem named by its field."""

import re

import pytest
from sqlmodel import Session

from service.monitoring.catalogue import Family, shipped_catalogue
from service.monitoring.metric_versions import load_shipped_catalogue, stored_metrics
from tests.pages.conftest import BrowserFor
from tests.pages.forms import post_form

KPI = {
    "code": "LK-HEPB",
    "version": "1",
    "name": "Clients offered hepatitis B vaccination",
    "definition": "Of new clients in the quarter, those offered a first dose.",
    "numerator": "New clients offered vaccination",
    "denominator": "New clients",
    "value_type": "proportion",
    "multiplier": "100",
    "polarity": "higher-is-better",
    "frequency": "quarterly",
    "window": "quarter",
    "lowest_geography": "service",
    "source": "Provider returns",
    "citation": "Treatment contract, schedule 2",
    "valid_from": "2027/28",
}


@pytest.fixture(autouse=True)
def catalogue(session: Session) -> None:
    load_shipped_catalogue(session=session)  # as `adtp db upgrade` does


def added_kpis(session: Session) -> list[str]:
    """The local KPIs an administrator added (seed 003's come with the service)."""
    shipped = {m.ref for m in shipped_catalogue().metrics}
    return [
        str(m.ref) for m in stored_metrics(session=session) if m.family is Family.LOCAL_KPI and m.ref not in shipped
    ]


def test_the_catalogue_lists_each_family_with_codes_a_file_names(browser_for: BrowserFor) -> None:
    page = browser_for("admin").get("/admin/metrics").text

    assert "The plan&#39;s Part 2 indicators" in page or "The plan's Part 2 indicators" in page
    assert "The 2023 outcomes framework" in page
    assert re.search(r">OF-16<span class=\"govuk-body-s\"> v1</span>", page)
    assert re.search(r">LK-\d+[a-z]?<span", page)  # seed 003's KPIs come with the service


def test_an_admin_adds_a_local_kpi_and_it_is_listed(browser_for: BrowserFor, session: Session) -> None:
    admin = browser_for("admin")

    answer = post_form(admin, "/admin/metrics/new", "/admin/metrics/new", KPI)

    assert answer.status_code == 303
    listed = admin.get(answer.headers["location"]).text
    assert "LK-HEPB is added to the catalogue" in listed
    assert "Clients offered hepatitis B vaccination" in listed
    assert added_kpis(session) == ["LK-HEPB v1"]


def test_an_empty_form_names_every_field_a_kpi_needs_and_adds_nothing(
    browser_for: BrowserFor, session: Session
) -> None:
    answer = post_form(browser_for("admin"), "/admin/metrics/new", "/admin/metrics/new", {"version": ""})

    assert answer.status_code == 422
    summary = answer.text.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    linked = re.findall(r'href="#([a-z_]+)"', summary)
    assert linked == [
        "code", "version", "name", "definition", "numerator", "value_type", "multiplier", "polarity", "frequency",
        "window", "lowest_geography", "source", "citation",
    ]  # fmt: skip
    assert added_kpis(session) == []


def test_a_kpi_the_catalogue_refuses_is_named_beside_its_field_and_the_form_keeps_what_was_typed(
    browser_for: BrowserFor, session: Session
) -> None:
    admin = browser_for("admin")
    post_form(admin, "/admin/metrics/new", "/admin/metrics/new", KPI)

    again = post_form(admin, "/admin/metrics/new", "/admin/metrics/new", KPI | {"name": "Typed again"})
    bad_year = post_form(
        admin, "/admin/metrics/new", "/admin/metrics/new", KPI | {"code": "LK-13", "valid_from": "2027"}
    )

    assert again.status_code == 409
    assert 'href="#code">LK-HEPB v1 is already in the catalogue' in again.text
    assert 'value="Typed again"' in again.text
    assert bad_year.status_code == 422
    assert 'href="#valid_from"' in bad_year.text
    assert added_kpis(session) == ["LK-HEPB v1"]
