"""The reviewer's pages: the region dashboard, the review page and its forms, the diff, agreed targets."""

import datetime
import re
from decimal import Decimal

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from service import plans, submissions
from service.workflow_models import SELF_AUDIT
from tests.conftest import ClientFor, Demo
from tests.pages.conftest import BrowserFor, post_form
from tests.workflow.flow import PDF

BIRMINGHAM = "Birmingham Drug Action Team"


def region_of(session: Session, plan_id: int) -> int:
    return plans.get_plan(plan_id, session=session).partnership.region_id


def submit(client_for: ClientFor, plan_id: int, stage: str) -> None:
    """The planner submits through the API (with the self-audit the initial submission needs)."""
    planner = client_for("planner_a")
    if stage == "initial":
        audit = {"file": ("audit.pdf", PDF, "application/pdf")}
        answer = planner.post(f"/api/v1/plans/{plan_id}/attachments", files=audit, data={"kind": SELF_AUDIT})
        assert answer.status_code == 201, answer.text
    answer = planner.post(f"/api/v1/plans/{plan_id}/submissions", json={"stage": stage})
    assert answer.status_code == 201, answer.text


def review(browser: TestClient, plan_id: int, action: str, fields: dict[str, str] | None = None) -> httpx.Response:
    return post_form(browser, f"/plans/{plan_id}/review", f"/plans/{plan_id}/review/{action}", fields or {})


def assess(browser: TestClient, plan_id: int, fields: dict[str, str]) -> httpx.Response:
    """Post the review page's assessment form (the panel's decision)."""
    return review(browser, plan_id, "assessment", fields)


@pytest.fixture
def submitted_plan(client_for: ClientFor, demo: Demo) -> int:
    """The demo's filled plan after its initial submission, waiting for the panel's assessment."""
    submit(client_for, demo.filled_plan_id, "initial")
    return demo.filled_plan_id


@pytest.fixture
def final_plan(submitted_plan: int, client_for: ClientFor, browser_for: BrowserFor) -> int:
    """The filled plan accepted by the panel and submitted again as final, waiting for both sides to sign it off."""
    assess(browser_for("reviewer_x"), submitted_plan, {"decision": "accepted"})
    submit(client_for, submitted_plan, "final")
    return submitted_plan


# The region dashboard


@pytest.mark.parametrize(("actor", "links"), [("reviewer_x", 1), ("admin", 9), ("planner_a", 0)])
def test_the_start_page_links_reviewers_to_their_region_and_admins_to_every_region(
    browser_for: BrowserFor, demo: Demo, session: Session, actor: str, links: int
) -> None:
    page = browser_for(actor).get("/").text

    assert len(re.findall(r'href="/regions/\d+/dashboard"', page)) == links
    if actor == "reviewer_x":
        assert f'href="/regions/{region_of(session, demo.filled_plan_id)}/dashboard"' in page


def test_the_dashboard_shows_each_partnership_with_status_lateness_and_findings(
    browser_for: BrowserFor, submitted_plan: int, session: Session
) -> None:
    region = region_of(session, submitted_plan)

    page = browser_for("reviewer_x").get(f"/regions/{region}/dashboard").text

    assert '<h1 class="govuk-heading-l">West Midlands</h1>' in page
    assert f'<a class="govuk-link" href="/plans/{submitted_plan}">{BIRMINGHAM}</a>' in page
    assert "Coventry Drug and Alcohol Action Team" in page
    assert "Not started" in page
    assert "Initial submission made, awaiting panel assessment" in page
    assert re.search(r"Submission 1 \(initial\), \d+ \w+ \d{4}", page)
    assert re.search(r"\d+ days late", page)  # the demo cycle's dates are long past


def test_the_dashboard_filters_by_status_and_sorts_by_a_column(
    browser_for: BrowserFor, submitted_plan: int, session: Session
) -> None:
    region = region_of(session, submitted_plan)
    browser = browser_for("reviewer_x")

    submitted = browser.get(f"/regions/{region}/dashboard?status=initial-submitted").text
    not_started = browser.get(f"/regions/{region}/dashboard?status=not-started").text
    by_lateness = browser.get(f"/regions/{region}/dashboard?sort=days-late").text

    assert BIRMINGHAM in submitted
    assert "Coventry" not in submitted
    assert '<option value="initial-submitted" selected>' in submitted
    assert BIRMINGHAM not in not_started
    assert "Coventry" in not_started
    assert 'aria-sort="descending">Days late' in by_lateness
    assert by_lateness.index(BIRMINGHAM) < by_lateness.index("Coventry")  # the late one first
    by_name = browser.get(f"/regions/{region}/dashboard?sort=nonsense").text
    assert 'aria-sort="ascending">Partnership' in by_name


@pytest.mark.parametrize(("actor", "status"), [("reviewer_y", 404), ("planner_a", 403), ("finance_a", 403)])
def test_only_the_regions_reviewers_and_admins_see_its_dashboard(
    browser_for: BrowserFor, demo: Demo, session: Session, actor: str, status: int
) -> None:
    answer = browser_for(actor).get(f"/regions/{region_of(session, demo.filled_plan_id)}/dashboard")

    assert answer.status_code == status
    assert BIRMINGHAM not in answer.text


# The review page


def history_table(page: str) -> str:
    """The submission history table, as the plan page and the review page both render it."""
    return page.split('id="submission-history"')[1].split("</table>")[0]


def test_the_review_page_lists_submissions_with_lateness_and_their_documents(
    browser_for: BrowserFor, submitted_plan: int, session: Session
) -> None:
    browser = browser_for("reviewer_x")
    made = submissions.list_for(submitted_plan, session=session)[0]

    page = browser.get(f"/plans/{submitted_plan}/review").text
    history = history_table(page)
    links = re.findall(rf'href="(/api/v1/plans/{submitted_plan}/submissions/{made.id}/documents/[a-z-]+)"', history)

    assert '<h1 class="govuk-heading-l">Review and sign-off</h1>' in page
    assert f'href="/plans/{submitted_plan}/submissions/{made.id}">1: initial</a>' in history
    assert f'govuk-tag--red">{made.days_late} days late</strong>' in history  # the demo cycle's dates are long past
    assert "(due 15 January 2008)" in history
    assert sorted(link.rsplit("/", 1)[1] for link in links) == ["funding", "strategic-summary"]
    assert "Part 1 (Word)" in history
    assert 'Part 4 (Excel)<span class="govuk-visually-hidden"> from submission 1</span>' in history
    assert "See what changed between submissions" not in page  # one submission: nothing to compare
    download = browser.get(links[0])
    assert download.status_code == 200
    assert download.content[:2] == b"PK"  # a Word or Excel file
    # The reviewer may follow the submission's link to its page.
    assert browser.get(f"/plans/{submitted_plan}/submissions/{made.id}").status_code == 200


def test_the_review_page_lists_the_newest_submission_first_and_links_to_the_diff(
    browser_for: BrowserFor, final_plan: int, session: Session
) -> None:
    initial, final = submissions.list_for(final_plan, session=session)

    page = browser_for("reviewer_x").get(f"/plans/{final_plan}/review").text
    history = history_table(page)

    assert history.index(f"/submissions/{final.id}") < history.index(f"/submissions/{initial.id}")
    assert f'href="/plans/{final_plan}/submissions/{final.id}">2: final</a>' in history
    assert "Part 3 (Word)" in history  # the final submission carries all four parts
    assert f'href="/plans/{final_plan}/diff">See what changed between submissions</a>' in page
    on_the_plan_page = history_table(browser_for("planner_a").get(f"/plans/{final_plan}").text)
    assert history.split("<tbody")[1] == on_the_plan_page.split("<tbody")[1]  # the same rows as the plan page


def test_a_planner_of_another_partnership_is_told_the_plan_does_not_exist(browser_for: BrowserFor, demo: Demo) -> None:
    browser = browser_for("planner_b")

    for path in ("review", "diff"):
        answer = browser.get(f"/plans/{demo.filled_plan_id}/{path}")
        assert answer.status_code == 404
        assert BIRMINGHAM not in answer.text


def test_a_finance_officer_cannot_assess_a_plan(browser_for: BrowserFor, submitted_plan: int) -> None:
    browser = browser_for("finance_a")

    page = browser.get(f"/plans/{submitted_plan}/review").text
    answer = assess(browser, submitted_plan, {"decision": "accepted"})

    assert "Record the assessment" not in page
    assert answer.status_code == 403
    assert "Your role (finance) cannot assess plans." in answer.text
    assert "You cannot do that" in answer.text


def test_revisions_requested_without_a_comment_show_the_form_again_with_the_choice_kept(
    browser_for: BrowserFor, submitted_plan: int
) -> None:
    answer = assess(browser_for("reviewer_x"), submitted_plan, {"decision": "revisions-requested"})

    assert answer.status_code == 422
    assert "<title>Error: Review and sign-off" in answer.text
    assert '<a href="#assessment-comment">Say what needs revising' in answer.text
    assert 'value="revisions-requested" checked' in answer.text
    assert 'aria-describedby="assessment-comment-hint assessment-comment-error"' in answer.text


def test_a_form_without_a_decision_names_the_decision(browser_for: BrowserFor, submitted_plan: int) -> None:
    answer = assess(browser_for("reviewer_x"), submitted_plan, {"comment": "Kept, this."})

    assert answer.status_code == 422
    assert '<a href="#decision">Select whether the panel accepts the plan or requests revisions</a>' in answer.text
    assert "Kept, this.</textarea>" in answer.text


def test_the_reviewer_requests_revisions_and_then_the_planner_sees_the_decision(
    browser_for: BrowserFor, submitted_plan: int
) -> None:
    fields = {"decision": "revisions-requested", "comment": "Explain the fall in 1.7 PCT mainstream."}

    answer = assess(browser_for("reviewer_x"), submitted_plan, fields)
    page = browser_for("planner_a").get(f"/plans/{submitted_plan}/review").text

    assert answer.status_code == 303
    assert answer.headers["location"] == f"/plans/{submitted_plan}/review?done=assessed"
    assert "Revisions requested" in page
    assert "Explain the fall in 1.7 PCT mainstream." in page
    assert "Revisions requested" in page.split('id="assessment"')[1]
    assert "Record the assessment" not in page


def comment_select(page: str) -> str:
    """The comment form's "What is the comment about?" select."""
    return page.split('id="about" name="about"')[1].split("</select>")[0]


def optgroup(select: str, part_title_start: str) -> str:
    """One part's options in the select."""
    return select.split(f'<optgroup label="{part_title_start}')[1].split("</optgroup>")[0]


def test_the_comment_form_lists_each_part_then_its_fields_by_label(browser_for: BrowserFor, demo: Demo) -> None:
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
    assert '<option value="funding|/table_1/1/police">Part 4 — 1.6 Police, 2008/09</option>' in funding
    assert funding.index("1.6 Police, 2007/08") < funding.index("1.6 Police, 2008/09") < funding.index("1.7 PCT")
    assert "Part 3 — Objective 1.1: measure" in optgroup(select, "Part 3:")
    assert "Objective 1.1, action 1: postholder" not in select  # an action is one option, not three


def test_a_comment_on_a_chosen_field_is_stored_with_its_pointer_shown_by_label_replied_to_and_resolved(
    browser_for: BrowserFor, client_for: ClientFor, demo: Demo
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
    assert "Part 4 — 1.6 Police, 2008/09" in page.split(f'id="comment-{comment_id}"')[1]
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


def test_a_refused_comment_keeps_the_field_chosen(browser_for: BrowserFor, demo: Demo) -> None:
    fields = {"about": "funding|/table_1/1/police", "body": " "}

    answer = review(browser_for("reviewer_x"), demo.filled_plan_id, "comments", fields)

    assert answer.status_code == 422
    assert '<option value="funding|/table_1/1/police" selected>Part 4 — 1.6 Police, 2008/09' in answer.text
    assert comment_select(answer.text).count("1.6 Police, 2008/09") == 1  # chosen in place, not added again


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


def test_both_sides_sign_off_the_final_submission(browser_for: BrowserFor, final_plan: int, session: Session) -> None:
    reviewer, planner = browser_for("reviewer_x"), browser_for("planner_a")

    before = reviewer.get(f"/plans/{final_plan}/review").text
    signed = [review(who, final_plan, "sign-off").status_code for who in (planner, reviewer)]
    after = reviewer.get(f"/plans/{final_plan}/review").text

    assert "Sign off the final submission" in before
    assert signed == [303, 303]
    assert "Signed for the partnership by" in after
    assert "Signed for the region by" in after
    assert "Sign off the final submission" not in after
    assert plans.get_plan(final_plan, session=session).plan.status == "signed-off"


def test_signing_before_the_final_submission_is_an_error_page(browser_for: BrowserFor, demo: Demo) -> None:
    answer = review(browser_for("planner_a"), demo.filled_plan_id, "sign-off")

    assert answer.status_code == 409
    assert "That cannot be done now" in answer.text


# The diff between submissions


def test_the_diff_shows_each_changed_field_from_the_initial_to_the_final_submission(
    browser_for: BrowserFor, final_plan: int, session: Session
) -> None:
    initial, final = submissions.list_for(final_plan, session=session)

    page = browser_for("reviewer_x").get(f"/plans/{final_plan}/diff").text
    reversed_page = browser_for("reviewer_x").get(f"/plans/{final_plan}/diff?from={final.id}&to={initial.id}").text

    assert f'<option value="{initial.id}" selected>Submission 1 (initial)' in page
    assert f'<option value="{final.id}" selected>Submission 2 (final)' in page
    # Parts 2 and 3 arrive with the final submission: every field of theirs is new.
    assert "Part 2: " in page
    assert "Added</strong>" in page
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

    assert "1.6 Police, 2008/09<br><code" in page
    assert "<code>/table_1/1/police</code>" not in page  # the pointer only beside its name


def test_the_diff_of_a_plan_never_submitted_says_there_is_nothing_to_compare(
    browser_for: BrowserFor, demo: Demo
) -> None:
    page = browser_for("reviewer_x").get(f"/plans/{demo.filled_plan_id}/diff")

    assert page.status_code == 200
    assert "nothing to compare" in page.text


# Agreed targets


def test_the_reviewer_records_agreed_targets_and_the_planner_confirms_them(
    browser_for: BrowserFor, final_plan: int, client_for: ClientFor, session: Session
) -> None:
    reviewer, planner = browser_for("reviewer_x"), browser_for("planner_a")
    review(planner, final_plan, "sign-off")
    review(reviewer, final_plan, "sign-off")
    cycle = plans.get_plan(final_plan, session=session).cycle
    cycle.targets_agreed_due = datetime.datetime.now(tz=datetime.UTC).date() + datetime.timedelta(
        days=30
    )  # the demo's is long past
    session.add(cycle)
    session.flush()

    refused = review(reviewer, final_plan, "agreed-targets", {"pct-1.1": "lots", "pct-1.2": "2"})
    recorded = review(reviewer, final_plan, "agreed-targets", {"pct-1.1": "3", "pct-1.2": "2.5%"})

    assert refused.status_code == 422
    assert '<a href="#pct-1.1">Enter the agreed % change for 1.1 as a number' in refused.text
    assert 'value="lots"' in refused.text
    assert recorded.status_code == 303
    page = planner.get(f"/plans/{final_plan}/review").text
    assert "3% change" in page
    assert "2.5% change" in page
    assert "Not yet: the partnership" in page
    assert client_for("admin").post(f"/api/v1/plans/{final_plan}/publication").status_code == 201
    confirmed = review(planner, final_plan, "agreed-targets/confirmation")
    assert confirmed.status_code == 303
    page = planner.get(f"/plans/{final_plan}/review").text
    assert "The agreed targets are confirmed." not in page  # the banner only follows the redirect
    assert "Not yet: the partnership" not in page
    assert plans.get_plan(final_plan, session=session).plan.status == "targets-agreed"
