"""Part 4 as a page: saving, money the form refuses, findings beside figures, and a stale save."""

import html
import re
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from plan_schema.funding import Funding
from plan_schema.vocabulary import PartName
from service.pages.planning import funding_form
from service.planning import parts
from service.tables.plans import PlanCycle
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.forms import csrf_token

INPUT = re.compile(r'<input class="govuk-input[^"]*" id="([^"]+)" name="[^"]+"[^>]*value="([^"]*)"')


def form_of(page: str) -> dict[str, str]:
    """The fields a browser would post back from the Part 4 page, as it shows them."""
    fields = dict(INPUT.findall(page))
    for name in ("csrf_token", "version"):
        found = re.search(rf'name="{name}" value="([^"]*)"', page)
        assert found is not None
        fields[name] = found.group(1)
    conflicts = re.search(r'name="conflicts" value="([^"]*)"', page)
    if conflicts is not None:  # a conflict page carries what both people changed back to itself
        fields["conflicts"] = html.unescape(conflicts.group(1))
    return fields


@pytest.fixture
def plan_year(session: Session, demo: Demo) -> str:
    """The filled plan's year, whose Table 1 column the tests change."""
    cycle = session.get(PlanCycle, demo.current_cycle_id)
    assert cycle is not None
    return cycle.plan_year


def cell(plan_year: str, field_name: str) -> str:
    """A Table 1 field of the plan year, as the form names it."""
    return funding_form.table_1_name(plan_year, field_name)


def stored_funding(session: Session, plan_id: int) -> Funding:
    model = parts.read_part(plan_id, PartName.FUNDING, session=session).model
    assert isinstance(model, Funding)
    return model


def open_funding(browser: TestClient, plan_id: int) -> dict[str, str]:
    page = browser.get(f"/plans/{plan_id}/funding")
    assert page.status_code == 200
    return form_of(page.text)


def test_the_page_shows_both_tables_with_computed_rows_read_only(
    plan_year: str, browser_for: BrowserFor, demo: Demo
) -> None:
    page = browser_for("planner_a").get(f"/plans/{demo.filled_plan_id}/funding").text

    for code in ("1.1", "1.5(a)", "1.13", "1.14"):
        assert f'<td class="govuk-table__cell">{code}</td>' in page
    assert f'id="{cell(plan_year, "total")}"' in page
    assert f'name="{cell(plan_year, "total")}"' not in page  # worked out, never typed
    assert page.count('data-row="') == 10 * 12
    assert 'id="table_2-total-total"' in page


def test_saving_a_figure_updates_the_totals(
    plan_year: str, browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    fields = open_funding(browser, demo.filled_plan_id)
    before = stored_funding(session, demo.filled_plan_id).table_1[1]

    answer = browser.post(
        f"/plans/{demo.filled_plan_id}/funding",
        data=fields | {cell(plan_year, "police"): f"{before.police + 1000:.2f}"},
    )

    assert answer.status_code == 200
    assert "Part 4 is saved" in answer.text
    assert f"£{before.total + 1000:,.2f}" in answer.text
    assert stored_funding(session, demo.filled_plan_id).table_1[1].police == before.police + 1000


def test_finance_officers_save_part_4_too(browser_for: BrowserFor, demo: Demo) -> None:
    browser = browser_for("finance_a")
    fields = open_funding(browser, demo.filled_plan_id)

    assert browser.post(f"/plans/{demo.filled_plan_id}/funding", data=fields).status_code == 200


def test_bad_money_re_shows_the_form_with_the_input_kept_and_the_field_named(
    plan_year: str, browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    fields = open_funding(browser, demo.filled_plan_id)
    before = stored_funding(session, demo.filled_plan_id)

    answer = browser.post(
        f"/plans/{demo.filled_plan_id}/funding",
        data=fields | {cell(plan_year, "police"): "12.345", "table_2-0-police": "lots"},
    )

    assert answer.status_code == 422
    assert "<title>Error: " in answer.text
    assert f'<a href="#{cell(plan_year, "police")}">1.6 Police, {plan_year}: Enter an amount' in answer.text
    assert "Enter an amount with no more than 2 decimal places, like 2,500.50" in answer.text
    assert '<a href="#table_2-0-police">' in answer.text
    assert "Enter an amount in pounds, like 2,500 or 2,500.50" in answer.text  # "lots", in words a user acts on
    assert "is not an amount of money" not in answer.text
    assert form_of(answer.text)[cell(plan_year, "police")] == "12.345"
    assert form_of(answer.text)["table_2-0-police"] == "lots"
    assert stored_funding(session, demo.filled_plan_id) == before


def test_pounds_signs_and_thousands_separators_are_accepted(
    plan_year: str, browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    fields = open_funding(browser, demo.filled_plan_id)

    browser.post(f"/plans/{demo.filled_plan_id}/funding", data=fields | {cell(plan_year, "police"): "£1,250,000"})

    assert str(stored_funding(session, demo.filled_plan_id).table_1[1].police) == "1250000.00"


def test_rule_findings_are_shown_beside_their_fields_and_in_the_summary(
    plan_year: str, browser_for: BrowserFor, demo: Demo
) -> None:
    browser = browser_for("planner_a")
    fields = open_funding(browser, demo.filled_plan_id)
    # 1.2 greater than 1.1 breaks a rule (guidance §Part 4 1.2) without being unreadable money.
    young = cell(plan_year, "young_peoples_allocation")

    answer = browser.post(
        f"/plans/{demo.filled_plan_id}/funding", data=fields | {young: "999999999.00"}, follow_redirects=True
    )

    assert 'class="govuk-error-summary"' in answer.text
    assert f'<a href="#{young}">' in answer.text
    assert f'id="{young}-error"' in answer.text


def test_a_stale_save_keeps_their_figure_and_mine_and_saving_again_keeps_both(
    plan_year: str, browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    mine, theirs = browser_for("planner_a"), browser_for("finance_a")
    my_form = open_funding(mine, demo.filled_plan_id)
    their_form = open_funding(theirs, demo.filled_plan_id)
    probation = cell(plan_year, "probation")
    theirs.post(f"/plans/{demo.filled_plan_id}/funding", data=their_form | {probation: "4321.00"})

    answer = mine.post(f"/plans/{demo.filled_plan_id}/funding", data=my_form | {cell(plan_year, "police"): "777.00"})
    again = mine.post(f"/plans/{demo.filled_plan_id}/funding", data=form_of(answer.text))

    assert answer.status_code == 409
    assert "Frank Finance saved Part 4 while you were editing it" in answer.text
    assert f'id="{probation}-changed">Changed by Frank Finance since you opened the form' in answer.text
    assert form_of(answer.text)[cell(plan_year, "police")] == "777.00"
    assert form_of(answer.text)[probation] == "4,321.00"
    assert again.status_code == 200
    assert stored_funding(session, demo.filled_plan_id).table_1[1].probation == 4321
    assert stored_funding(session, demo.filled_plan_id).table_1[1].police == 777


def test_a_figure_both_changed_must_be_chosen_before_saving_again(
    plan_year: str, browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    mine, theirs = browser_for("planner_a"), browser_for("finance_a")
    my_form = open_funding(mine, demo.filled_plan_id)
    theirs.post(
        f"/plans/{demo.filled_plan_id}/funding",
        data=open_funding(theirs, demo.filled_plan_id) | {cell(plan_year, "police"): "555.00"},
    )
    shown = mine.post(f"/plans/{demo.filled_plan_id}/funding", data=my_form | {cell(plan_year, "police"): "777.00"})

    unchosen = mine.post(f"/plans/{demo.filled_plan_id}/funding", data=form_of(shown.text))
    police_meanwhile = stored_funding(session, demo.filled_plan_id).table_1[1].police
    kept = mine.post(f"/plans/{demo.filled_plan_id}/funding", data=form_of(unchosen.text) | {"conflict-1": "yours"})

    assert f'id="{cell(plan_year, "police")}-changed">Someone else saved £555.00' in shown.text
    assert unchosen.status_code == 422
    assert '<a href="#conflict-1">Choose whether to keep yours or use theirs for' in unchosen.text
    assert police_meanwhile == 555
    assert kept.status_code == 200
    assert stored_funding(session, demo.filled_plan_id).table_1[1].police == 777


def test_saving_again_after_a_stale_save_keeps_the_users_figures(
    plan_year: str, browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    mine, theirs = browser_for("planner_a"), browser_for("finance_a")
    my_form = open_funding(mine, demo.filled_plan_id)
    theirs.post(f"/plans/{demo.filled_plan_id}/funding", data=open_funding(theirs, demo.filled_plan_id))
    shown_again = mine.post(
        f"/plans/{demo.filled_plan_id}/funding", data=my_form | {cell(plan_year, "police"): "777.00"}
    )

    answer = mine.post(f"/plans/{demo.filled_plan_id}/funding", data=form_of(shown_again.text))

    assert answer.status_code == 200
    assert stored_funding(session, demo.filled_plan_id).table_1[1].police == 777


def test_a_save_without_the_csrf_token_is_refused(browser_for: BrowserFor, demo: Demo, session: Session) -> None:
    browser = browser_for("planner_a")
    fields = open_funding(browser, demo.filled_plan_id)
    before = stored_funding(session, demo.filled_plan_id)

    answer = browser.post(f"/plans/{demo.filled_plan_id}/funding", data=fields | {"csrf_token": "forged"})

    assert answer.status_code == 403
    assert stored_funding(session, demo.filled_plan_id) == before


def test_reviewers_read_part_4_without_a_form_and_cannot_post_one(
    plan_year: str, browser_for: BrowserFor, demo: Demo
) -> None:
    reviewer = browser_for("reviewer_x")
    page = reviewer.get(f"/plans/{demo.filled_plan_id}/funding")

    answer = reviewer.post(
        f"/plans/{demo.filled_plan_id}/funding", data={"csrf_token": csrf_token(page.text), "version": "1"}
    )

    assert "your role does not change it" in page.text
    assert f'name="{cell(plan_year, "police")}"' not in page.text
    assert answer.status_code == 403


def test_form_names_follow_the_years_not_the_column_positions(plan_year: str, session: Session, demo: Demo) -> None:
    funding = stored_funding(session, demo.filled_plan_id)

    values = funding_form.form_values(funding)

    assert values[cell(plan_year, "police")] == f"{funding.table_1[1].police:,.2f}"  # grouped, as people read it
    assert funding_form.anchors(funding)["table_1/1/police"] == cell(plan_year, "police")


def test_the_form_reads_spaces_around_a_figure_but_not_other_scripts_digits(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    fields = open_funding(browser, demo.filled_plan_id)
    before = stored_funding(session, demo.filled_plan_id)
    police = funding_form.table_1_name(before.table_1[1].year, "police")
    probation = funding_form.table_1_name(before.table_1[1].year, "probation")

    refused = browser.post(f"/plans/{demo.filled_plan_id}/funding", data=fields | {police: "１２３"})
    saved = browser.post(f"/plans/{demo.filled_plan_id}/funding", data=fields | {probation: " 5\n"})

    assert refused.status_code == 422
    assert f'<a href="#{police}">' in refused.text
    assert saved.status_code in (200, 303), saved.text
    after = stored_funding(session, demo.filled_plan_id)
    assert (after.table_1[1].police, after.table_1[1].probation) == (before.table_1[1].police, Decimal(5))
