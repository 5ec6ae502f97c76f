"""Comments on the review page: chosen by field label, stored by pointer, replied to and resolved."""

import re

import pytest

from plan_schema.plan_year import year_before
from tests.conftest import ClientFor, Demo
from tests.pages.conftest import BrowserFor
from tests.pages.reviewing import review


@pytest.fixture
def plan_year(client_for: ClientFor, demo: Demo) -> str:
    """The filled plan's year (its Table 1's second column); the first is the year before."""
    return str(client_for("admin").get(f"/api/v1/plans/{demo.filled_plan_id}").json()["cycle"]["plan_year"])


def comment_select(page: str) -> str:
    """The comment form's "What is the comment about?" select."""
    return page.split('id="about" name="about"')[1].split("</select>")[0]


def optgroup(select: str, part_title_start: str) -> str:
    """One part's options in the select."""
    return select.split(f'<optgroup label="{part_title_start}')[1].split("</optgroup>")[0]


def test_the_comment_form_lists_each_part_then_its_fields_by_label(
    plan_year: str, browser_for: BrowserFor, demo: Demo
) -> None:
    page = browser_for("reviewer_x").get(f"/plans/{demo.filled_plan_id}/review").text
    select = comment_select(page)
    funding = optgroup(select, "Part 4:")

    assert '<label class="govuk-label" for="about">What is the comment about?</label>' in page
    assert 'aria-describedby="about-hint"' in page
    assert 'name="path"' not in page  # no JSON Pointer to type
    assert '<option value="" selected>Choose a part or a field</option>' in select
    assert [title.split(":")[0] for title in re.findall(r'<optgroup label="([^"]+)"', select)] == [
        "Part 1",
        "Part 2",
        "Part 3",
        "Part 4",
    ]
    assert '<option value="funding|">Part 4: the whole part</option>' in funding
    assert f'<option value="funding|/table_1/1/police">Part 4 — 1.6 Police, {plan_year}</option>' in funding
    assert (
        funding.index(f"1.6 Police, {year_before(plan_year)}")
        < funding.index(f"1.6 Police, {plan_year}")
        < funding.index("1.7 PCT")
    )
    assert "Part 3 — Objective 1.1: measure" in optgroup(select, "Part 3:")
    assert "Objective 1.1, action 1: postholder" not in select  # an action is one option, not three


def test_a_comment_on_a_chosen_field_is_stored_with_its_pointer_shown_by_label_replied_to_and_resolved(
    plan_year: str, browser_for: BrowserFor, client_for: ClientFor, demo: Demo
) -> None:
    reviewer, planner = browser_for("reviewer_x"), browser_for("planner_a")
    chosen = {"about": "funding|/table_1/1/police", "body": "Why did police funding fall?"}

    added = review(reviewer, demo.filled_plan_id, "comments", chosen)
    stored = client_for("reviewer_x").get(f"/api/v1/plans/{demo.filled_plan_id}/comments").json()
    page = reviewer.get(f"/plans/{demo.filled_plan_id}/review").text
    comment_id = re.search(r'id="comment-(\d+)"', page).group(1)  # type: ignore[union-attr]
    replied = review(planner, demo.filled_plan_id, f"comments/{comment_id}/replies", {"body": "A one-off grant ended."})
    resolved = review(planner, demo.filled_plan_id, f"comments/{comment_id}/resolution")
    page = reviewer.get(f"/plans/{demo.filled_plan_id}/review").text

    assert [added.status_code, replied.status_code, resolved.status_code] == [303, 303, 303]
    assert [(c["part"], c["path"], c["body"]) for c in stored] == [
        ("funding", "/table_1/1/police", "Why did police funding fall?")
    ]
    assert f"Part 4 — 1.6 Police, {plan_year}" in page.split(f'id="comment-{comment_id}"')[1]
    assert "/table_1/1/police" not in page.split('id="comments"')[1].split('id="about"')[0]
    assert "Why did police funding fall?" in page
    assert "A one-off grant ended." in page
    assert re.search(r"Reply from [A-Z][a-z]+ [A-Z][a-z]+, \d+ \w+ \d{4}", page)
    assert "Resolved</strong>" in page
    assert "Mark as resolved" not in page


def test_a_comment_on_the_whole_part_has_no_pointer(browser_for: BrowserFor, client_for: ClientFor, demo: Demo) -> None:
    added = review(
        browser_for("planner_a"), demo.filled_plan_id, "comments", {"about": "targets|", "body": "All of it."}
    )
    stored = client_for("planner_a").get(f"/api/v1/plans/{demo.filled_plan_id}/comments").json()

    assert added.status_code == 303
    assert [(c["part"], c["path"]) for c in stored] == [("targets", None)]


def test_the_diffs_comment_link_chooses_its_field(browser_for: BrowserFor, final_plan: int) -> None:
    browser = browser_for("reviewer_x")
    diff = browser.get(f"/plans/{final_plan}/diff").text
    link = re.search(
        r'href="(/plans/\d+/review\?part=targets&amp;path=%2Fretention%2Fbaseline_actual)#new-comment"', diff
    )
    assert link is not None

    page = browser.get(link.group(1).replace("&amp;", "&")).text

    chosen = (
        '<option value="targets|/retention/baseline_actual" selected>Part 2 — Indicator 2: actual baseline</option>'
    )
    assert chosen in comment_select(page)
    assert comment_select(page).count(" selected>") == 1


def test_a_linked_field_no_longer_in_the_plan_is_kept_as_a_choice_and_can_be_commented_on(
    browser_for: BrowserFor, client_for: ClientFor, demo: Demo
) -> None:
    browser = browser_for("reviewer_x")

    page = browser.get(f"/plans/{demo.filled_plan_id}/review?part=funding&path=/table_1/5/police").text
    added = review(browser, demo.filled_plan_id, "comments", {"about": "funding|/table_1/5/police", "body": "Gone?"})
    after = browser.get(f"/plans/{demo.filled_plan_id}/review").text

    kept = (
        '<option value="funding|/table_1/5/police" selected>Part 4 — /table_1/5/police (not in the plan as it is now)'
    )
    assert kept in optgroup(comment_select(page), "Part 4:")
    assert added.status_code == 303
    assert "Part 4, field <code>/table_1/5/police</code>" in after  # no label: the pointer, as stored
    stored = client_for("reviewer_x").get(f"/api/v1/plans/{demo.filled_plan_id}/comments").json()
    assert [(c["part"], c["path"]) for c in stored] == [("funding", "/table_1/5/police")]


def test_a_linked_field_the_list_leaves_out_is_chosen_by_its_label(browser_for: BrowserFor, demo: Demo) -> None:
    path = "/grids/0/objectives/0/actions/0/postholder"

    page = browser_for("reviewer_x").get(f"/plans/{demo.filled_plan_id}/review?part=planning-grids&path={path}").text

    chosen = f'<option value="planning-grids|{path}" selected>Part 3 — Objective 1.1, action 1: postholder</option>'
    assert chosen in comment_select(page)


def test_a_link_to_an_unknown_part_chooses_nothing(browser_for: BrowserFor, demo: Demo) -> None:
    page = browser_for("reviewer_x").get(f"/plans/{demo.filled_plan_id}/review?part=part-9&path=/x").text

    assert '<option value="" selected>' in comment_select(page)
    assert "part-9" not in page


def test_a_comment_with_a_field_that_is_not_a_pointer_is_refused_with_the_choice_kept(
    browser_for: BrowserFor, demo: Demo
) -> None:
    fields = {"about": "funding|table_1", "body": "About this."}

    answer = review(browser_for("reviewer_x"), demo.filled_plan_id, "comments", fields)

    assert answer.status_code == 422
    assert '<a href="#about">Is a JSON Pointer into the part' in answer.text
    assert '<option value="funding|table_1" selected>Part 4 — table_1 (not in the plan as it is now)' in answer.text
    assert 'aria-describedby="about-hint about-error"' in answer.text
    assert "About this.</textarea>" in answer.text


def test_a_refused_comment_keeps_the_field_chosen(plan_year: str, browser_for: BrowserFor, demo: Demo) -> None:
    fields = {"about": "funding|/table_1/1/police", "body": " "}

    answer = review(browser_for("reviewer_x"), demo.filled_plan_id, "comments", fields)

    assert answer.status_code == 422
    assert f'<option value="funding|/table_1/1/police" selected>Part 4 — 1.6 Police, {plan_year}' in answer.text
    assert comment_select(answer.text).count(f"1.6 Police, {plan_year}") == 1  # chosen in place, not added again


@pytest.mark.parametrize("about", ["", "part-9|/table_1/1/police", "/table_1/1/police"])
def test_a_comment_without_a_known_part_or_text_names_both_fields(
    browser_for: BrowserFor, demo: Demo, about: str
) -> None:
    answer = review(browser_for("planner_a"), demo.filled_plan_id, "comments", {"about": about, "body": "\x07"})

    assert answer.status_code == 422
    assert '<a href="#about">Select what the comment is about</a>' in answer.text
    assert '<a href="#comment-body">' in answer.text
    assert "control character" in answer.text
    assert '<option value="" selected>' in comment_select(answer.text)


def test_an_empty_reply_is_refused_beside_its_comment(browser_for: BrowserFor, demo: Demo) -> None:
    reviewer = browser_for("reviewer_x")
    review(reviewer, demo.filled_plan_id, "comments", {"about": "funding|", "body": "Whole part."})
    comment_id = re.search(r'id="comment-(\d+)"', reviewer.get(f"/plans/{demo.filled_plan_id}/review").text)

    answer = review(reviewer, demo.filled_plan_id, f"comments/{comment_id.group(1)}/replies", {"body": " "})  # type: ignore[union-attr]

    assert answer.status_code == 422
    assert f'<a href="#reply-{comment_id.group(1)}">A comment needs some text</a>' in answer.text  # type: ignore[union-attr]
