"""A region's metrics and the national view in a real browser, with and without JavaScript, checked by axe-core.

The figures are imported once through the API, as an administrator would, for West Midlands' councils
over two quarters; nothing here changes a plan, so the module's service is shared.
"""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlmodel import Session

from service.monitoring.metric_versions import load_shipped_catalogue
from service.platform.db import create_db_engine
from service.platform.migrations import upgrade_to_head
from tests.conftest import DEMO_PASSWORD
from tests.pages.browser import api_client, require_browser_tools, serve, sign_in
from tests.pages.conftest import Axe

pytestmark = pytest.mark.browser

ADMIN = "admin@demo.example"
REVIEWER = "reviewer@demo.example"
COUNCILS = {
    "LA-BIRMINGHAM": (10, 1000),
    "LA-COVENTRY": (90, 300),
    "LA-WOLVERHAMPTON": (30, 700),
    "LA-SANDWELL": (3, 40),
}
Q1, Q2 = "2027/28 Q1", "2027/28 Q2"
# To look at, not to commit: docs/screenshots holds the screenshots the docs show.
SHOTS = Path(__file__).resolve().parents[2] / "var"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The module's service, its database holding the metric catalogue as `adtp upgrade` stores it."""
    require_browser_tools()
    directory = tmp_path_factory.mktemp("browser_metrics")
    engine = create_db_engine(f"sqlite:///{directory / 'browser.sqlite3'}")
    with engine.begin() as connection:
        upgrade_to_head(connection)
    with Session(engine) as session:
        load_shipped_catalogue(session=session)
        session.commit()
    engine.dispose()
    yield from serve(directory, DEMO_PASSWORD)


@pytest.fixture(scope="module")
def region_id(base_url: str) -> int:
    """West Midlands, with deaths in treatment (OF-16) for its councils in Q1 and Q2, and a count in Q1 only."""
    lines = ["metric,version,area,period,numerator,denominator,release"]
    for quarter, extra in ((Q1, 0), (Q2, 5)):
        lines += [f"OF-16,1,{area},{quarter},{n + extra},{d},Browser test" for area, (n, d) in COUNCILS.items()]
    lines += [f"OF-04,1,LA-BIRMINGHAM,{Q1},120,,Browser test"]
    with api_client(base_url, ADMIN) as api:
        answer = api.post("/api/v1/observations", content="\n".join(lines) + "\n", headers={"Content-Type": "text/csv"})
        assert answer.status_code == 201, answer.text
        regions = api.get("/api/v1/regions").json()["items"]
    return int(next(region["id"] for region in regions if region["name"] == "West Midlands"))


def test_a_reviewer_finds_their_regions_metrics_from_the_dashboard_and_chooses_a_period(
    page: Any, axe: Axe, region_id: int
) -> None:
    sign_in(page, REVIEWER)
    page.goto(f"/regions/{region_id}/dashboard")
    page.get_by_role("link", name="See the region's partnerships by metric").click()
    page.wait_for_url(re.compile(rf"/regions/{region_id}/metrics$"))

    table = page.get_by_role("table", name=f"Partnerships by metric, {Q2}")
    expect(table).to_be_visible()
    birmingham = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Birmingham Drug Action Team"))
    # In words, not colour: the value, its interval, and how it compares with England.
    expect(birmingham).to_contain_text("1.5%")
    expect(birmingham).to_contain_text("95% CI")
    expect(birmingham).to_contain_text("Better than England")
    expect(birmingham).to_contain_text("3 of 3 (100%)")
    # Reporting: OF-16 in Q1 and Q2, and the count (not published quarterly) in Q1, when Birmingham gave it.
    coventry = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=re.compile("^Coventry")))
    expect(coventry).to_contain_text("2 of 3 (67%)")
    expect(table.get_by_role("columnheader", name=re.compile("^OF-04"))).to_contain_text(f"Figures for {Q1}")
    # The table scrolls within a container a keyboard can reach, named by the table's caption.
    scroller = page.get_by_role("region", name=f"Partnerships by metric, {Q2}")
    expect(scroller).to_have_attribute("tabindex", "0")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(SHOTS / "region-metrics.png"), full_page=True)
    assert axe(page) == []

    page.get_by_label("Period").select_option(Q1)
    page.get_by_role("button", name="Show figures").click()
    expect(page.get_by_role("table", name=f"Partnerships by metric, {Q1}")).to_be_visible()
    expect(page.get_by_role("link", name="Download these figures as CSV")).to_have_attribute(
        "href", f"/api/v1/regions/{region_id}/metrics.csv?period=2027/28%20Q1"
    )
    assert "/metrics/england" not in page.content()  # a reviewer is not offered the national view


@pytest.mark.parametrize("page", [True, False], indirect=True, ids=["javascript", "no-javascript"])
def test_an_admin_sees_every_region_against_england(page: Any, axe: Axe, region_id: int) -> None:
    sign_in(page, ADMIN)
    page.goto(f"/regions/{region_id}/metrics")
    page.get_by_role("link", name="See every region by metric (the national view)").click()
    page.wait_for_url(re.compile(r"/metrics/england$"))

    table = page.get_by_role("table", name=f"Regions by metric, {Q2}")
    expect(table.get_by_role("rowheader", name="West Midlands")).to_be_visible()
    expect(table.get_by_role("rowheader", name="England", exact=True)).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(SHOTS / "england-metrics.png"), full_page=True)
    assert axe(page) == []
