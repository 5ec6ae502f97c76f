"""The start page by role, signing in with GOV.UK errors, and error pages."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from plan_schema.plan_year import first_calendar_year, plan_year_label
from service.planning.cycles import create_cycle
from service.tables.columns import id_of
from service.tables.plans import Plan, PlanCycle
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.forms import csrf_token


def test_a_wrong_password_shows_an_error_summary_linked_to_the_email_field(visitor: TestClient) -> None:
    token = csrf_token(visitor.get("/sign-in").text)

    page = visitor.post("/sign-in", data={"email": "planner@demo.example", "password": "no", "csrf_token": token})

    assert page.status_code == 401
    assert "<title>Error: Sign in" in page.text
    assert 'class="govuk-error-summary"' in page.text
    assert '<a href="#email">The email address or password is not right.</a>' in page.text
    assert 'aria-describedby="email-error"' in page.text
    assert 'value="planner@demo.example"' in page.text


@pytest.mark.parametrize(
    ("actor", "heading", "sees", "does_not_see"),
    [
        ("planner_a", "Your partnership&#39;s plans", "Birmingham", "Manchester"),
        ("finance_a", "Your partnership&#39;s plans", "Birmingham", "Manchester"),
        ("reviewer_x", "Plans in West Midlands", "Birmingham", "Manchester"),
        ("reviewer_y", "Plans in North West", "Manchester", "Birmingham"),
        ("admin", "All plans", "Birmingham", "nobody-else"),
    ],
)
def test_the_start_page_lists_the_plans_of_the_callers_scope(
    browser_for: BrowserFor, demo: Demo, actor: str, heading: str, sees: str, does_not_see: str
) -> None:
    page = browser_for(actor).get("/")

    assert heading in page.text
    assert sees in page.text
    assert does_not_see not in page.text


def test_the_start_page_links_each_plan_to_its_task_list(browser_for: BrowserFor, demo: Demo) -> None:
    page = browser_for("planner_a").get("/")

    assert f'href="/plans/{demo.filled_plan_id}"' in page.text
    assert "Drafting" in page.text
    # A person's list of plans links pages, not the API's JSON (the API has its own documentation).
    assert f'href="/api/v1/plans/{demo.filled_plan_id}"' not in page.text


def test_the_public_are_asked_to_sign_in(visitor: TestClient, demo: Demo) -> None:
    page = visitor.get("/")

    assert 'href="/sign-in"' in page.text
    assert "Sign out" not in page.text


def test_signing_out_from_the_header_button_ends_the_session(browser_for: BrowserFor) -> None:
    browser = browser_for("planner_a")
    token = csrf_token(browser.get("/").text)

    answer = browser.post("/sign-out", data={"csrf_token": token}, follow_redirects=False)

    assert answer.status_code == 303
    assert "planner@demo.example" not in browser.get("/").text


def test_a_plan_page_for_the_public_asks_them_to_sign_in_as_a_page(visitor: TestClient, demo: Demo) -> None:
    page = visitor.get(f"/plans/{demo.filled_plan_id}")

    assert page.status_code == 401
    assert page.headers["content-type"].startswith("text/html")
    assert "Sign in to continue" in page.text


def test_another_partnerships_plan_is_not_found_as_a_page(browser_for: BrowserFor, demo: Demo) -> None:
    page = browser_for("planner_b").get(f"/plans/{demo.filled_plan_id}/funding")

    assert page.status_code == 404
    assert "Page not found" in page.text


def test_the_api_keeps_its_problem_json_errors(visitor: TestClient, demo: Demo) -> None:
    answer = visitor.get(f"/api/v1/plans/{demo.filled_plan_id}")

    assert answer.status_code == 401
    assert answer.headers["content-type"] == "application/problem+json"


def test_a_form_too_large_is_refused_as_a_page_and_nothing_is_saved(browser_for: BrowserFor, demo: Demo) -> None:
    planner = browser_for("planner_a")
    before = planner.get(f"/api/v1/plans/{demo.filled_plan_id}/parts/funding").headers["etag"]

    answer = planner.post(f"/plans/{demo.filled_plan_id}/funding", data={"table_1-2008-09-police": "1" * 3_000_000})

    assert answer.status_code == 413
    assert answer.headers["content-type"].startswith("text/html")
    assert "What you sent is too large" in answer.text
    assert "over the 2 MB limit, so nothing was saved" in answer.text
    assert planner.get(f"/api/v1/plans/{demo.filled_plan_id}/parts/funding").headers["etag"] == before


def _year_after(session: Session, demo: Demo) -> str:
    current = session.get(PlanCycle, demo.current_cycle_id)
    assert current is not None
    return plan_year_label(first_calendar_year(current.plan_year) + 1)


def test_a_planner_starts_next_years_plan_from_this_years(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    next_year = _year_after(session, demo)
    this_year = session.get(PlanCycle, demo.current_cycle_id).plan_year  # type: ignore[union-attr]
    create_cycle(next_year, session=session)
    planner = browser_for("planner_a")
    home = planner.get("/").text
    assert f"Start the {next_year} plan" in home
    assert f"Start from our {this_year} plan" in home
    form = {"csrf_token": csrf_token(home), "partnership_id": _partnership_of(planner, demo), "cycle_id": ""}
    form["cycle_id"] = re.search(r'name="cycle_id" value="(\d+)"', home).group(1)  # type: ignore[union-attr]

    answer = planner.post("/plans", data=form | {"copy_previous": "true"}, follow_redirects=False)

    assert answer.status_code == 303
    new_plan = answer.headers["location"].rsplit("/", 1)[-1]
    old_part_1 = planner.get(f"/api/v1/plans/{demo.filled_plan_id}/parts/strategic-summary").json()["document"]
    new_part_1 = planner.get(f"/api/v1/plans/{new_plan}/parts/strategic-summary").json()["document"]
    assert new_part_1["direction_and_purpose"] == old_part_1["direction_and_purpose"]
    assert f"Start the {next_year} plan" not in planner.get("/").text


def test_a_plan_starts_from_the_latest_earlier_plan_across_a_gap_of_years(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    # Birmingham's current plan moved aside, so the demo's 2008/09 plan is the one to start from.
    current = session.get(PlanCycle, demo.current_cycle_id)
    assert current is not None
    plan = session.get(Plan, demo.filled_plan_id)
    assert plan is not None
    plan.cycle_id = id_of(create_cycle("2090/91", session=session))
    session.add(plan)
    session.flush()
    planner = browser_for("planner_a")
    home = planner.get("/").text
    assert f"Start the {current.plan_year} plan" in home
    assert "Start from our 2008/09 plan" in home
    form = {"csrf_token": csrf_token(home), "partnership_id": _partnership_of(planner, demo, demo.last_year_plan_id)}

    answer = planner.post(
        "/plans", data=form | {"cycle_id": str(current.id), "copy_previous": "true"}, follow_redirects=False
    )

    assert answer.status_code == 303
    new_plan = answer.headers["location"].rsplit("/", 1)[-1]
    funding = planner.get(f"/api/v1/plans/{new_plan}/parts/funding").json()["document"]
    old = planner.get(f"/api/v1/plans/{demo.last_year_plan_id}/parts/funding").json()["document"]
    assert [column["year"] for column in funding["table_1"]] == [current.previous_year, current.plan_year]
    assert funding["table_1"][0]["police"] == next(c for c in old["table_1"] if c["year"] == "2008/09")["police"]


def test_the_start_page_says_when_there_is_no_earlier_plan_to_start_from(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    home = browser_for("planner_b").get("/").text

    assert "Start the 2008/09 plan" in home
    assert "There is no earlier plan of Manchester Drug Action Team&#39;s to start from" in home
    assert "Start from our" not in home


def test_a_planner_cannot_start_a_plan_for_another_partnership(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    cycle = create_cycle(_year_after(session, demo), session=session)
    planner = browser_for("planner_a")
    token = csrf_token(planner.get("/").text)
    other = _partnership_of(browser_for("planner_b"), demo, plan_id=demo.empty_plan_id)

    answer = planner.post("/plans", data={"csrf_token": token, "partnership_id": other, "cycle_id": str(cycle.id)})

    assert answer.status_code == 422
    assert f"there is no partnership {other}" in answer.text


def _partnership_of(client: TestClient, demo: Demo, plan_id: int | None = None) -> str:
    plan = client.get(f"/api/v1/plans/{plan_id or demo.filled_plan_id}").json()
    return str(plan["partnership"]["id"])


@pytest.mark.parametrize(
    ("actor", "dashboards"),
    [("planner_a", 0), ("finance_a", 0), ("reviewer_x", 1), ("reviewer_y", 1), ("admin", 9)],
)
def test_the_start_page_links_the_region_dashboards_the_caller_may_open(
    browser_for: BrowserFor, actor: str, dashboards: int
) -> None:
    browser = browser_for(actor)
    page = browser.get("/").text

    linked = sorted(set(re.findall(r'href="(/regions/\d+[^"]*)"', page)))

    assert len(linked) == dashboards
    assert all(browser.get(link).status_code == 200 for link in linked)  # each one policy lets them open
