"""An administrator keeps a partnership's footprint on a page: adds an area from a year, ends a stretch."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.monitoring import areas
from service.planning import plans
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.forms import post_form


@pytest.fixture
def partnership_a(session: Session, demo: Demo) -> int:
    return plans.get_plan(demo.filled_plan_id, session=session).plan.partnership_id


def page_of(partnership_id: int) -> str:
    return f"/admin/partnerships/{partnership_id}/footprint"


def covered(session: Session, partnership_id: int) -> list[tuple[str, str, str | None]]:
    return [(s.area.code, s.valid_from, s.valid_to) for s in areas.footprint_of(partnership_id, session=session)]


def test_an_admin_adds_an_area_from_a_year_and_sees_it_listed(
    browser_for: BrowserFor, session: Session, partnership_a: int
) -> None:
    admin = browser_for("admin")
    url = page_of(partnership_a)

    answer = post_form(admin, url, url, {"area_code": "LA-COVENTRY", "valid_from": "2028/29", "valid_to": ""})

    assert answer.status_code == 303
    page = admin.get(answer.headers["location"]).text
    assert "The area is added to the footprint." in page
    assert "Coventry City Council" in page.split('class="govuk-table"')[1]
    assert ("LA-COVENTRY", "2028/29", None) in covered(session, partnership_a)


def test_a_stretch_is_ended_in_a_year_and_a_bad_year_is_named_beside_its_row(
    browser_for: BrowserFor, session: Session, partnership_a: int
) -> None:
    admin = browser_for("admin")
    url = page_of(partnership_a)
    stretch = next(s for s in areas.footprint_of(partnership_a, session=session) if s.area.code == "LA-BIRMINGHAM")

    wrong = post_form(admin, url, f"{url}/{stretch.id}", {"valid_to": "2001/02"})
    right = post_form(admin, url, f"{url}/{stretch.id}", {"valid_to": "2030/31"})

    assert wrong.status_code == 422
    assert f'href="#valid_to-{stretch.id}"' in wrong.text
    assert f'id="valid_to-{stretch.id}-error"' in wrong.text
    assert right.status_code == 303
    assert ("LA-BIRMINGHAM", stretch.valid_from, "2030/31") in covered(session, partnership_a)


def test_an_empty_form_or_a_clash_is_refused_by_field_and_nothing_changes(
    browser_for: BrowserFor, session: Session, partnership_a: int
) -> None:
    admin = browser_for("admin")
    url = page_of(partnership_a)
    before = covered(session, partnership_a)

    empty = post_form(admin, url, url, {"area_code": "", "valid_from": "", "valid_to": ""})
    clash = post_form(admin, url, url, {"area_code": "LA-BIRMINGHAM", "valid_from": "2027/28", "valid_to": ""})

    assert empty.status_code == 422
    assert "Select the area to add" in empty.text
    assert "Enter the first plan year covered as the year it starts and the next" in empty.text
    assert clash.status_code == 409
    assert re.search(
        r'href="#area_code">The footprint already covers Birmingham City Council from \d{4}/\d{2} on', clash.text
    )
    assert covered(session, partnership_a) == before


def test_the_partnerships_page_links_each_footprint_and_only_admins_open_it(
    browser_for: BrowserFor, partnership_a: int
) -> None:
    admin: TestClient = browser_for("admin")

    assert f'href="{page_of(partnership_a)}"' in admin.get("/admin/partnerships").text
    assert browser_for("reviewer_x").get(page_of(partnership_a)).status_code == 403
