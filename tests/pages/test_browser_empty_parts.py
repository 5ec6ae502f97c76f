"""An empty Part 4 is never submitted, in a real browser (Debian's Chromium), with and without JavaScript.

The planner opens check your answers while the plan is ready; Part 4 is then emptied (as a colleague
might, through the API) before the declaration is sent. Each run gets its own freshly seeded service.
"""

import re
from typing import Any

import pytest

from tests.pages.browser import CURRENT_PLAN_LINK, PLANNER, api_client, sign_in
from tests.pages.conftest import Axe
from tests.workflow.flow import PDF

pytestmark = pytest.mark.browser


@pytest.fixture
def base_url(fresh_url: str) -> str:
    """The service on its own migrated and seeded SQLite database, for one test (see the module's docstring)."""
    return fresh_url


def empty_part_4(base_url: str, plan_id: str) -> None:
    """Part 4 put back through the API to its years and categories with nothing entered."""
    with api_client(base_url, PLANNER) as client:
        url = f"/api/v1/plans/{plan_id}/parts/funding"
        read = client.get(url)
        document = read.json()["document"]
        blank = {
            "table_1": [{"year": column["year"]} for column in document["table_1"]],
            "table_2": [{"category": row["category"]} for row in document["table_2"]],
        }
        assert client.put(url, json=blank, headers={"If-Match": read.headers["ETag"]}).status_code == 200


def attach_self_audit(base_url: str, plan_id: str) -> None:
    with api_client(base_url, PLANNER) as client:
        answer = client.post(
            f"/api/v1/plans/{plan_id}/attachments",
            files={"file": ("self-audit.pdf", PDF, "application/pdf")},
            data={"kind": "harm-reduction-self-audit"},
        )
        assert answer.status_code == 201, answer.text


def test_an_empty_part_4_is_refused_by_name_and_shown_as_not_started(page: Any, axe: Axe, base_url: str) -> None:
    sign_in(page)
    page.get_by_role("link", name=CURRENT_PLAN_LINK, exact=True).click()
    found = re.search(r"/plans/(\d+)$", page.url)
    assert found is not None
    plan_id = found.group(1)
    attach_self_audit(base_url, plan_id)
    page.reload()
    page.get_by_role("link", name="Check your answers for the initial submission").click()
    page.get_by_label(re.compile("^I confirm")).check()

    empty_part_4(base_url, plan_id)
    page.get_by_role("button", name="Accept and make the initial submission").click()

    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Part 4 funding has not been started: nothing has been entered in it" in summary
    assert re.search(rf"/plans/{plan_id}/submit/initial$", page.url)
    assert page.get_by_role("button", name="Accept and make the initial submission").count() == 0
    assert axe(page) == [], "check your answers refusing an empty Part 4"

    page.get_by_role("link", name="Back to the plan").click()
    funding = page.locator(".govuk-task-list__item", has_text="Part 4").inner_text()
    assert "Not started" in funding
    assert "Nothing entered yet" in funding
    assert "No problems found" not in funding
    assert "Nothing has been submitted yet" in page.locator("main").inner_text()
