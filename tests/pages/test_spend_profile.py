"""The finance officer enters the quarter's profile to date on the spend page, and goes back to the plan's."""

import html
import re
from decimal import Decimal

from fastapi.testclient import TestClient

from plan_schema.funding import ExpenditureRow, Funding
from service.pages.returns.spend_form import form_values, read_posted
from service.returns.spend import SpendEntry
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.forms import spend_fields

CELL = "profile-0-police"  # Open access and harm reduction (tiers 1 and 2): Police (1.6)


def _path(demo: Demo) -> str:
    return f"/plans/{demo.filled_plan_id}/returns/2/spend"


def _stored_profile(browser: TestClient, demo: Demo) -> list[dict[str, str]] | None:
    answer = browser.get(f"/api/v1/plans/{demo.filled_plan_id}/returns/2/spend").json()
    profile: list[dict[str, str]] | None = answer["profile"]
    return profile


def test_the_profile_shows_the_plans_and_saved_unchanged_stays_the_plans(browser_for: BrowserFor, demo: Demo) -> None:
    finance = browser_for("finance_a")
    page = finance.get(_path(demo)).text
    fields = spend_fields(page)

    saved = finance.post(_path(demo), data=fields | {"spend-0-police": "100"}, follow_redirects=False)

    assert CELL in fields
    assert "as 2/4 of Part 4" in html.unescape(page)
    assert saved.status_code == 303
    assert _stored_profile(finance, demo) is None
    assert 'id="clear-profile"' not in finance.get(_path(demo)).text


def test_a_changed_figure_makes_the_whole_profile_theirs_and_the_variance_follows_it(
    browser_for: BrowserFor, demo: Demo
) -> None:
    finance = browser_for("finance_a")
    fields = spend_fields(finance.get(_path(demo)).text)

    saved = finance.post(_path(demo), data=fields | {CELL: "£1,500", "spend-0-police": "1,200"}, follow_redirects=False)
    shown = html.unescape(finance.get(saved.headers["location"]).text)
    profile = _stored_profile(finance, demo)

    assert saved.status_code == 303
    assert profile is not None
    assert profile[0]["police"] == "1500.00"
    assert profile[1]["police"] == fields["profile-1-police"].replace(",", "")  # the rest kept as shown
    assert re.search(r'id="profile-0-police"[^>]*value="1,500.00"', shown)
    assert "(as the finance officer entered it)" in shown
    assert "Save and use the plan's profile (2/4 of Table 2)" in shown


def test_a_profile_figure_that_is_not_money_is_named_in_page_order_and_everything_typed_is_kept(
    browser_for: BrowserFor, demo: Demo
) -> None:
    finance = browser_for("finance_a")
    fields = spend_fields(finance.get(_path(demo)).text)

    refused = finance.post(
        _path(demo), data=fields | {"spend-0-probation": "-5", CELL: "lots", "profile-3-police": "1.234"}
    )

    assert refused.status_code == 422
    summary = re.findall(r'<li><a href="#([^"]+)">', refused.text)
    assert summary == [CELL, "spend-0-probation", "profile-3-police"]
    text = html.unescape(refused.text)
    assert (
        "Open access and harm reduction (tiers 1 and 2): Police (1.6), profile to date: Enter an amount in pounds"
        in text
    )
    assert "Shared care / GP prescribing: Police (1.6), profile to date: Enter an amount with no more than 2" in text
    assert re.search(r'id="profile-0-police"[^>]*value="lots"', refused.text)
    assert re.search(r'id="spend-0-probation"[^>]*value="-5"', refused.text)
    assert _stored_profile(finance, demo) is None


def test_going_back_to_the_plans_profile_clears_the_entered_one(browser_for: BrowserFor, demo: Demo) -> None:
    finance = browser_for("finance_a")
    fields = spend_fields(finance.get(_path(demo)).text)
    entered = finance.post(_path(demo), data=fields | {CELL: "1500"}, follow_redirects=False)
    fields = spend_fields(finance.get(entered.headers["location"]).text)

    cleared = finance.post(
        _path(demo), data=fields | {CELL: "not money", "profile_action": "clear"}, follow_redirects=False
    )
    shown = html.unescape(finance.get(cleared.headers["location"]).text)

    assert cleared.status_code == 303
    assert _stored_profile(finance, demo) is None
    assert "its profile to date is the plan's again: 2/4 of Part 4's Table 2" in shown
    shown_profile = re.search(r'id="profile-0-police"[^>]*value="([^"]*)"', shown)
    assert shown_profile is not None
    assert shown_profile.group(1) != "1,500.00"


def test_a_stale_profile_is_refused_with_the_typed_profile_kept(browser_for: BrowserFor, demo: Demo) -> None:
    first, second = browser_for("finance_a"), browser_for("planner_a")
    opened_first, opened_second = spend_fields(first.get(_path(demo)).text), spend_fields(second.get(_path(demo)).text)
    first.post(_path(demo), data=opened_first | {CELL: "100"}, follow_redirects=False)

    stale = second.post(_path(demo), data=opened_second | {CELL: "999"})

    assert stale.status_code == 409
    assert re.search(r'id="profile-0-police"[^>]*value="999"', stale.text)
    profile = _stored_profile(first, demo)
    assert profile is not None
    assert profile[0]["police"] == "100.00"


def test_a_form_posted_without_the_profiles_grid_keeps_the_stored_profile() -> None:
    categories = [row.category for row in Funding().table_2]
    entered = [ExpenditureRow(category=category, police=Decimal("10")) for category in categories]
    stored = SpendEntry(actual=[ExpenditureRow(category=category) for category in categories], profile=entered)
    default = [ExpenditureRow(category=category) for category in categories]
    posted = {name: value for name, value in form_values(stored, default).items() if not name.startswith("profile-")}

    read = read_posted(posted, stored, categories, default)

    assert read.errors == {}
    assert read.entry is not None
    assert read.entry.profile == entered
