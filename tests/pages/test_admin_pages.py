"""The administrator's pages: refused to everyone else; the cycle's timetable form keeps what was typed."""

import datetime
import re

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from service.tables.plans import PlanCycle
from tests.conftest import ClientFor, Demo
from tests.pages.conftest import BrowserFor
from tests.pages.forms import csrf_token
from tests.pages.reviewing import submit

ADMIN_PAGES = ("/admin", "/admin/cycles", "/admin/partnerships", "/admin/users", "/admin/cycles/new")


def _cycle(session: Session) -> PlanCycle:
    """The demo's current cycle, as stored now."""
    cycle = session.exec(select(PlanCycle).order_by(col(PlanCycle.plan_year).desc())).first()
    assert cycle is not None
    session.refresh(cycle)
    return cycle


def _cycle_form(page: str) -> dict[str, str]:
    """The fields a browser would post back from the cycle form, as it shows them."""
    fields = dict(re.findall(r'name="([^"]+)" type="text"[^>]*value="([^"]*)"', page))
    fields |= dict(re.findall(r'id="([a-z_]+)" name="[a-z_]+" type="text" value="([^"]*)"', page))
    radios = dict(re.findall(r'name="([a-z_]+)" type="radio" value="([a-z]+)" checked', page))
    assert set(radios) == {"harm_reduction_self_audit_required", "amber_tolerance_relative"}
    return fields | radios | {"csrf_token": csrf_token(page)}


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_a_planner_is_refused_every_admin_page(path: str, browser_for: BrowserFor) -> None:
    page = browser_for("planner_a").get(path)

    assert page.status_code == 403
    assert "You cannot do that" in page.text


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_someone_not_signed_in_is_asked_to_sign_in(path: str, visitor: TestClient) -> None:
    page = visitor.get(path)

    assert page.status_code == 401
    assert 'href="/sign-in"' in page.text


def test_the_index_leads_to_each_admin_page_and_each_plans_publication(browser_for: BrowserFor, demo: Demo) -> None:
    page = browser_for("admin").get("/admin").text

    for path in ADMIN_PAGES[1:4]:
        assert f'href="{path}"' in page
    assert f'href="/plans/{demo.filled_plan_id}/publication"' in page
    assert f'href="/plans/{demo.filled_plan_id}/baselines"' in page


def test_the_cycles_list_shows_each_timetable(browser_for: BrowserFor, session: Session) -> None:
    cycle = _cycle(session)

    page = browser_for("admin").get("/admin/cycles").text

    assert f"{cycle.initial_submission_due:%-d %B %Y}" in page
    assert f'href="/admin/cycles/{cycle.id}"' in page


def test_an_admin_moves_a_date_and_changes_the_uplift(browser_for: BrowserFor, session: Session) -> None:
    admin, cycle = browser_for("admin"), _cycle(session)
    fields = _cycle_form(admin.get(f"/admin/cycles/{cycle.id}").text)

    answer = admin.post(
        f"/admin/cycles/{cycle.id}",
        data=fields | {"initial_submission_due-day": "18", "inflation_uplift_pct": "3.25"},
    )

    assert answer.status_code == 200
    assert "The timetable and settings are saved." in answer.text
    saved = _cycle(session)
    assert saved.initial_submission_due == cycle.initial_submission_due.replace(day=18)
    assert str(saved.inflation_uplift_pct) == "3.25"


def test_a_date_that_does_not_exist_is_named_and_kept(browser_for: BrowserFor, session: Session) -> None:
    admin, cycle = browser_for("admin"), _cycle(session)
    fields = _cycle_form(admin.get(f"/admin/cycles/{cycle.id}").text)

    answer = admin.post(
        f"/admin/cycles/{cycle.id}",
        data=fields | {"panel_response_due-day": "31", "panel_response_due-month": "2", "inflation_uplift_pct": "lots"},
    )

    assert answer.status_code == 422
    assert "<title>Error: " in answer.text
    assert '<a href="#panel_response_due-day">Panel assessment and response due: enter a real date' in answer.text
    assert '<a href="#inflation_uplift_pct">Enter the inflation uplift' in answer.text
    assert 'name="panel_response_due-day" type="text" inputmode="numeric" value="31"' in answer.text
    assert 'value="lots"' in answer.text
    assert _cycle(session).panel_response_due == cycle.panel_response_due


def test_dates_out_of_order_are_refused_and_nothing_is_saved(browser_for: BrowserFor, session: Session) -> None:
    admin, cycle = browser_for("admin"), _cycle(session)
    fields = _cycle_form(admin.get(f"/admin/cycles/{cycle.id}").text)
    late = cycle.final_submission_due + datetime.timedelta(days=1)

    answer = admin.post(
        f"/admin/cycles/{cycle.id}",
        data=fields
        | {
            "initial_submission_due-day": str(late.day),
            "initial_submission_due-month": str(late.month),
            "inflation_uplift_pct": "4",
        },
    )

    assert answer.status_code == 422
    assert "The dates must run in the timetable&#39;s order" in answer.text
    assert f'name="initial_submission_due-day" type="text" inputmode="numeric" value="{late.day}"' in answer.text
    saved = _cycle(session)
    assert saved.initial_submission_due == cycle.initial_submission_due
    assert saved.inflation_uplift_pct == cycle.inflation_uplift_pct


def test_a_planner_cannot_post_the_cycle_form(browser_for: BrowserFor, session: Session) -> None:
    planner = browser_for("planner_a")
    token = csrf_token(planner.get("/").text)

    answer = planner.post(f"/admin/cycles/{_cycle(session).id}", data={"csrf_token": token})

    assert answer.status_code == 403


def test_the_partnerships_list_shows_regions_and_pcts(browser_for: BrowserFor) -> None:
    page = browser_for("admin").get("/admin/partnerships").text

    assert "Birmingham" in page
    assert "West Midlands" in page
    assert re.search(r"\([0-9A-Z]{3}\)</li>", page), "each PCT with its code"


def test_an_admin_creates_a_cycle_and_opens_its_timetable(browser_for: BrowserFor, session: Session) -> None:
    admin = browser_for("admin")
    assert 'href="/admin/cycles/new"' in admin.get("/admin/cycles").text
    form = admin.get("/admin/cycles/new").text
    assert 'value="2.50"' in form

    answer = admin.post(
        "/admin/cycles/new",
        data={
            "csrf_token": csrf_token(form),
            "plan_year": "2035/36",
            "inflation_uplift_pct": "3",
            "harm_reduction_self_audit_required": "no",
        },
    )

    assert answer.status_code == 200
    assert "The 2035/36 plan cycle is created" in answer.text
    assert "Previous year 2034/35; indicative years 2036/37 and 2037/38." in answer.text
    assert 'name="initial_submission_due-day" type="text" inputmode="numeric" value="15"' in answer.text
    assert 'name="initial_submission_due-year" type="text" inputmode="numeric" value="2035"' in answer.text
    created = session.exec(select(PlanCycle).where(PlanCycle.plan_year == "2035/36")).one()
    assert created.initial_submission_due == datetime.date(2035, 1, 15)
    assert str(created.inflation_uplift_pct) == "3.00"
    assert created.harm_reduction_self_audit_required is False


def test_the_new_cycle_form_shows_each_problem_by_its_field(browser_for: BrowserFor, session: Session) -> None:
    admin = browser_for("admin")
    token = csrf_token(admin.get("/admin/cycles/new").text)

    answer = admin.post(
        "/admin/cycles/new", data={"csrf_token": token, "plan_year": "2035-37", "inflation_uplift_pct": "lots"}
    )

    assert answer.status_code == 422
    assert "<title>Error: " in answer.text
    assert '<a href="#plan_year">Enter the plan year as the year it starts and the next, like 2027/28' in answer.text
    assert '<a href="#inflation_uplift_pct">Enter the inflation uplift' in answer.text
    assert '<a href="#harm_reduction_self_audit_required">Select whether' in answer.text
    assert 'value="2035-37"' in answer.text
    assert 'value="lots"' in answer.text


def test_a_second_cycle_for_a_year_is_refused_on_the_plan_year_field(browser_for: BrowserFor, session: Session) -> None:
    admin, taken = browser_for("admin"), _cycle(session).plan_year
    token = csrf_token(admin.get("/admin/cycles/new").text)

    answer = admin.post(
        "/admin/cycles/new",
        data={
            "csrf_token": token,
            "plan_year": taken,
            "inflation_uplift_pct": "2.5",
            "harm_reduction_self_audit_required": "yes",
        },
    )

    assert answer.status_code == 409
    assert f'<a href="#plan_year">There is already a {taken} plan cycle</a>' in answer.text
    assert f'value="{taken}"' in answer.text


def test_settings_are_refused_on_the_page_once_a_plan_is_submitted_but_dates_still_move(
    browser_for: BrowserFor, client_for: ClientFor, session: Session, demo: Demo
) -> None:
    submit(client_for, demo.filled_plan_id, "initial")
    admin, cycle = browser_for("admin"), _cycle(session)
    page = admin.get(f"/admin/cycles/{cycle.id}").text
    assert "have been submitted and were checked against these" in page
    fields = _cycle_form(page)

    refused = admin.post(f"/admin/cycles/{cycle.id}", data=fields | {"inflation_uplift_pct": "3.25"})
    moved = admin.post(f"/admin/cycles/{cycle.id}", data=fields | {"baseline_due-day": "20"})

    assert refused.status_code == 409
    assert '<a href="#inflation_uplift_pct">The inflation uplift cannot change' in refused.text
    assert moved.status_code == 200
    assert "The timetable and settings are saved." in moved.text
    saved = _cycle(session)
    assert saved.inflation_uplift_pct == cycle.inflation_uplift_pct
    assert saved.baseline_due == cycle.baseline_due.replace(day=20)


def test_an_admin_changes_the_amber_tolerance_and_a_relative_one_over_100_is_refused(
    browser_for: BrowserFor, session: Session
) -> None:
    admin, cycle = browser_for("admin"), _cycle(session)
    fields = _cycle_form(admin.get(f"/admin/cycles/{cycle.id}").text)

    absolute = admin.post(
        f"/admin/cycles/{cycle.id}", data=fields | {"amber_tolerance": "2.5", "amber_tolerance_relative": "absolute"}
    )
    too_much = admin.post(
        f"/admin/cycles/{cycle.id}", data=fields | {"amber_tolerance": "150", "amber_tolerance_relative": "relative"}
    )
    unreadable = admin.post(f"/admin/cycles/{cycle.id}", data=fields | {"amber_tolerance": "a bit"})

    assert absolute.status_code == 200
    saved = _cycle(session)
    assert (str(saved.amber_tolerance), saved.amber_tolerance_relative) == ("2.50", False)
    assert too_much.status_code == 422
    assert "A relative tolerance is a percentage of the value expected: from 0 to 100" in too_much.text
    assert unreadable.status_code == 422
    assert '<a href="#amber_tolerance">Enter the amber tolerance as a number' in unreadable.text
    assert _cycle(session).amber_tolerance_relative is False


def test_an_admin_changes_the_spend_variance_threshold_and_one_that_is_no_percentage_is_refused_as_typed(
    browser_for: BrowserFor, session: Session
) -> None:
    admin, cycle = browser_for("admin"), _cycle(session)
    fields = _cycle_form(admin.get(f"/admin/cycles/{cycle.id}").text)
    assert fields["spend_variance_threshold_pct"] == "10.00"

    changed = admin.post(f"/admin/cycles/{cycle.id}", data=fields | {"spend_variance_threshold_pct": "7.5"})
    refused = admin.post(f"/admin/cycles/{cycle.id}", data=fields | {"spend_variance_threshold_pct": "110%"})

    assert changed.status_code == 200
    assert str(_cycle(session).spend_variance_threshold_pct) == "7.50"
    assert refused.status_code == 422
    assert '<a href="#spend_variance_threshold_pct">Enter the spend variance threshold as a percentage' in refused.text
    assert 'value="110%"' in refused.text
