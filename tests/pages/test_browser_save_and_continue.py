"""Save and continue in a real browser, with and without JavaScript: Part 1 saved, then on to Part 2."""

import re
from typing import Any

import pytest

from tests.pages.browser import sign_in
from tests.pages.conftest import Axe

pytestmark = pytest.mark.browser


def test_a_planner_saves_part_1_and_continues_to_part_2(page: Any, axe: Axe) -> None:
    sign_in(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/plans/1/strategic-summary")
    buttons = page.locator("form .govuk-button-group").last.get_by_role("button")
    # GOV.UK's pair: the primary button goes on, the secondary one ("Save", naming the part to a screen reader) stays.
    assert buttons.first.inner_text() == "Save and continue"
    assert "govuk-button--secondary" not in (buttons.first.get_attribute("class") or "")
    assert "govuk-button--secondary" in (page.get_by_role("button", name="Save Part 1").get_attribute("class") or "")
    assert axe(page) == []
    page.get_by_label("Overall direction and purpose of the partnership strategy").fill("Recovery first.")

    page.get_by_role("button", name="Save and continue").click()

    page.wait_for_url(re.compile(r"/plans/1/targets$"))
    page.goto("/plans/1/strategic-summary")
    assert page.get_by_label("Overall direction and purpose of the partnership strategy").input_value() == (
        "Recovery first."
    )
