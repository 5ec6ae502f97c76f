"""The revision loop in a real browser: a reviewer comments on a Part 1 field and requests revisions; the
planner finds the comment beside that field on Part 1 and follows "Reply or resolve" to its thread."""

import re
from typing import Any

import pytest

from tests.pages.browser import PLANNER, SCREENSHOTS, axe_violations, sign_in, without_javascript
from tests.pages.test_browser_review import PLAN, REVIEWER, submit

pytestmark = pytest.mark.browser
DEMAND = "Part 1 — Likely demand, including differential impact on diverse groups"
COMMENT = "Say how demand from people leaving prison will change."


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_planner_sees_the_comment_beside_its_field_and_follows_it_to_the_thread(
    javascript: bool, chromium: Any, fresh_url: str
) -> None:
    submit(fresh_url, "initial")
    reviewer = chromium.new_context(base_url=fresh_url, java_script_enabled=javascript).new_page()
    sign_in(reviewer, REVIEWER)
    reviewer.goto(f"/plans/{PLAN}/review")
    reviewer.get_by_label("What is the comment about?").select_option(label=DEMAND)
    reviewer.get_by_label("Comment", exact=True).fill(COMMENT)
    reviewer.get_by_role("button", name="Add the comment").click()
    reviewer.get_by_label("Revisions requested").check()
    reviewer.get_by_label("Comment for the partnership").fill("See the comment on likely demand.")
    reviewer.get_by_role("button", name="Record the assessment").click()
    reviewer.get_by_role("button", name="Yes, record the decision").click()
    reviewer.context.close()

    planner = chromium.new_context(base_url=fresh_url, java_script_enabled=javascript).new_page()
    sign_in(planner, PLANNER)
    planner.goto(f"/plans/{PLAN}")
    planner.locator("#open-comments + dl").get_by_role("link", name=re.compile("^Go to the field")).click()
    planner.wait_for_url(re.compile(rf"/plans/{PLAN}/strategic-summary#likely_demand$"))
    group = planner.locator(".govuk-form-group").filter(has=planner.locator("#likely_demand"))
    assert COMMENT in group.inner_text()
    assert "What to do next" in planner.locator("#next-step").inner_text()
    planner.set_viewport_size({"width": 1280, "height": 900})
    if javascript:
        shot = SCREENSHOTS / "part-comment-beside-field.png"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        group.scroll_into_view_if_needed()
        planner.screenshot(path=str(shot))  # the field with its comment, as the link from the plan page lands
        assert shot.stat().st_size > 10_000
    assert axe_violations(planner if javascript else without_javascript(planner, chromium, fresh_url)) == []

    group.get_by_role("link", name=re.compile("^Reply or resolve")).click()
    planner.wait_for_url(re.compile(rf"/plans/{PLAN}/review#comment-\d+$"))
    thread = planner.locator(".adtp-thread").filter(has_text=COMMENT)
    assert planner.url.endswith("#" + str(thread.get_attribute("id")))
    thread.get_by_label("Reply to this comment").fill("Added a paragraph on prison leavers.")
    thread.get_by_role("button", name="Reply to this comment").click()
    thread = planner.locator(".adtp-thread").filter(has_text=COMMENT)
    assert "Added a paragraph on prison leavers." in thread.inner_text()
    planner.context.close()
