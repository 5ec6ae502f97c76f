"""What changed between two submissions, field by field."""

import re
from decimal import Decimal

from sqlmodel import Session

from service.journey import submissions
from service.pages.rendering import long_date
from tests.conftest import ClientFor, Demo
from tests.pages.conftest import BrowserFor
from tests.pages.reviewing import assess, submit


def test_the_diff_shows_each_changed_field_from_the_initial_to_the_final_submission(
    browser_for: BrowserFor, final_plan: int, session: Session
) -> None:
    initial, final = submissions.list_for(final_plan, session=session)

    page = browser_for("reviewer_x").get(f"/plans/{final_plan}/diff").text
    reversed_page = browser_for("reviewer_x").get(f"/plans/{final_plan}/diff?from={final.id}&to={initial.id}").text

    assert f'<option value="{initial.id}" selected>Submission 1 (initial)' in page
    assert f'<option value="{final.id}" selected>Submission 2 (final)' in page
    # Parts 2 and 3 arrive with the final submission: every field of theirs is new.
    assert "Part 2: first submitted in submission 2, so each of its fields is shown as added" in page
    assert "Added</strong>" in page
    heading = page.split('id="summary">')[1].split("</h2>")[0]
    assert heading == (
        f"From submission 1 (initial), {long_date(initial.submitted_at)}"
        f" to submission 2 (final), {long_date(final.submitted_at)}"
    )
    assert f"/plans/{final_plan}/review?part=targets" in page
    assert "Removed</strong>" in reversed_page


def test_the_diff_names_a_changed_figure_as_the_part_4_page_does(
    browser_for: BrowserFor, client_for: ClientFor, submitted_plan: int
) -> None:
    assess(browser_for("reviewer_x"), submitted_plan, {"decision": "accepted"})
    planner = client_for("planner_a")
    url = f"/api/v1/plans/{submitted_plan}/parts/funding"
    read = planner.get(url)
    funding = read.json()["document"]
    funding["table_1"][1]["police"] = "295100.00"
    funding["table_2"][0]["police"] = str(Decimal(funding["table_2"][0]["police"]) + 100)  # N15 still equals 1.14
    assert planner.put(url, json=funding, headers={"If-Match": read.headers["ETag"]}).status_code == 200
    submit(client_for, submitted_plan, "final")

    page = browser_for("reviewer_x").get(f"/plans/{submitted_plan}/diff").text

    assert f"1.6 Police, {funding['table_1'][1]['year']}</th>" in page
    assert "/table_1/1/police" not in page  # named as the page names it, not by its JSON pointer
    assert "£295,100.00" in page  # money as the Part 4 page shows it
    assert re.search(r"Part 4: \d+ fields changed</li>", page)


def test_the_diff_of_a_plan_never_submitted_says_there_is_nothing_to_compare(
    browser_for: BrowserFor, demo: Demo
) -> None:
    page = browser_for("reviewer_x").get(f"/plans/{demo.filled_plan_id}/diff")

    assert page.status_code == 200
    assert "nothing to compare" in page.text


def test_the_page_and_the_api_refuse_alike_a_submission_the_plan_does_not_have(
    browser_for: BrowserFor, client_for: ClientFor, final_plan: int, session: Session
) -> None:
    initial, _final = submissions.list_for(final_plan, session=session)
    missing = 999_999

    page = browser_for("reviewer_x").get(f"/plans/{final_plan}/diff?from={initial.id}&to={missing}")
    api = client_for("reviewer_x").get(f"/api/v1/plans/{final_plan}/diff?from={initial.id}&to={missing}")

    assert (page.status_code, api.status_code) == (404, 404)
    assert f"Plan {final_plan} has no submission {missing}." in page.text
    assert api.json()["detail"] == f"Plan {final_plan} has no submission {missing}."


def test_before_a_final_submission_the_page_compares_nothing_rather_than_the_initial_with_itself(
    browser_for: BrowserFor, client_for: ClientFor, submitted_plan: int, session: Session
) -> None:
    (initial,) = submissions.list_for(submitted_plan, session=session)

    page = browser_for("reviewer_x").get(f"/plans/{submitted_plan}/diff")
    api = client_for("reviewer_x").get(f"/api/v1/plans/{submitted_plan}/diff")

    assert api.status_code == 404
    assert api.json()["detail"] == "The plan has no final submission to compare."
    assert page.status_code == 200
    assert "The plan has no final submission to compare. Choose the two submissions to compare." in page.text
    assert "Nothing changed between these submissions" not in page.text
    assert f'<option value="{initial.id}">Submission 1 (initial)' in page.text  # offered, not chosen for them
