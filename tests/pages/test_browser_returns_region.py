"""A reviewer reads the region's quarterly returns and a partnership's year of returns, in Chromium, checked by axe."""

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlmodel import Session

from service.platform.db import create_db_engine
from service.tables.columns import id_of
from tests.pages.browser import sign_in
from tests.pages.conftest import Axe
from tests.returns.year_of_returns import year_of_returns

pytestmark = pytest.mark.browser
REVIEWER = "reviewer@demo.example"
# The region and the 2024/25 cycle the module's service is given (their ids are known only once made).
SEEDED: dict[str, int] = {}


@pytest.fixture(scope="module")
def base_url(base_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The module's own service with Birmingham's signed-off 2024/25 plan and three quarters of its returns."""
    (database,) = {
        path.resolve() for path in tmp_path_factory.getbasetemp().glob("test_browser_returns_region*/*.sqlite3")
    }
    engine = create_db_engine(f"sqlite:///{database}")
    with Session(engine) as session:
        view = year_of_returns(session)
        SEEDED.update(region=view.partnership.region_id, cycle=id_of(view.cycle), plan=id_of(view.plan))
        session.commit()
    engine.dispose()
    return base_url


@pytest.mark.parametrize("page", [True], indirect=True, ids=["javascript"])
def test_a_reviewer_goes_from_the_dashboard_to_the_regions_returns_and_a_years_picture_with_no_axe_violations(
    page: Any, axe: Axe, tmp_path: Path
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, REVIEWER)
    page.goto(f"/regions/{SEEDED['region']}/dashboard?cycle_id={SEEDED['cycle']}")

    page.get_by_role("link", name="See the region's quarterly returns").click()

    expect(page.get_by_role("heading", name="Completeness")).to_be_visible()
    expect(page.locator(".adtp-returns tbody tr").first).to_contain_text("Submitted on time")
    assert axe(page) == []
    # Under pytest's --basetemp, not docs/screenshots: looked at while building the page, not published.
    page.screenshot(path=str(tmp_path / "region-returns.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280

    page.get_by_role("link", name="The year's picture of Birmingham Drug Action Team").click()

    expect(page.get_by_role("heading", name="The year's returns")).to_be_visible()
    expect(page.locator("#sources tbody tr").nth(3)).to_contain_text("No submission")
    assert axe(page) == []
    page.screenshot(path=str(tmp_path / "year-returns.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
