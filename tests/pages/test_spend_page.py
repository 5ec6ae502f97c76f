"""The quarter's spend page: the finance officer types spend as people write money, refusals keep what was typed."""

import html
import re

from fastapi.testclient import TestClient

from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.forms import csrf_token, spend_fields


def _path(demo: Demo, quarter: int = 2) -> str:
    return f"/plans/{demo.filled_plan_id}/returns/{quarter}/spend"


def test_the_finance_officer_saves_spend_typed_as_people_write_money_and_sees_the_variance(
    browser_for: BrowserFor, demo: Demo
) -> None:
    finance = browser_for("finance_a")
    page = finance.get(_path(demo)).text
    assert (
        "Quarter 2 spend: July to September 2008" in html.unescape(page) or "Quarter 2 spend: July to September" in page
    )

    fields = spend_fields(page) | {"spend-0-police": "£2,000", "spend-1-police": "2,000.50", "forecast_outturn": ""}
    saved = finance.post(_path(demo), data=fields, follow_redirects=False)
    shown = finance.get(saved.headers["location"]).text

    assert saved.status_code == 303
    assert "The quarter's spend is saved" in html.unescape(shown)
    assert 'id="spend-0-police" name="spend-0-police" type="text"' in shown
    assert re.search(r'id="spend-0-police"[^>]*value="2,000.00"', shown)
    assert re.search(r'id="spend-1-police"[^>]*value="2,000.50"', shown)
    assert "£4,000.50 (quarters 1 to 2)" in shown
    workbook = f"/api/v1/plans/{demo.filled_plan_id}/returns/2/spend.xlsx"
    assert f'href="{workbook}"' in shown
    assert re.search(r"<title>Quarter 2 spend, [^<]+</title>", shown)
    assert finance.get(workbook).status_code == 200


def test_every_cell_that_is_not_money_is_named_at_once_in_page_order_and_nothing_typed_is_lost(
    browser_for: BrowserFor, demo: Demo
) -> None:
    finance = browser_for("finance_a")
    fields = spend_fields(finance.get(_path(demo)).text)

    refused = finance.post(
        _path(demo), data=fields | {"spend-3-police": "abc", "spend-0-probation": "-5", "forecast_outturn": "lots"}
    )

    assert refused.status_code == 422
    summary = re.findall(r'<li><a href="#([^"]+)">', refused.text)
    assert summary == ["spend-0-probation", "spend-3-police", "forecast_outturn"]
    text = html.unescape(refused.text)
    assert (
        "Open access and harm reduction (tiers 1 and 2): Probation – partnerships (1.10): Enter an amount of £0 or more"
        in text
    )
    assert "Shared care / GP prescribing: Police (1.6): Enter an amount in pounds, like 2,500 or 2,500.50" in text
    assert re.search(r'id="spend-3-police"[^>]*value="abc"', refused.text)
    assert re.search(r'id="forecast_outturn"[^>]*value="lots"', refused.text)


def test_a_stale_save_is_refused_with_what_was_typed_kept_and_a_second_save_replaces_knowingly(
    browser_for: BrowserFor, demo: Demo
) -> None:
    first, second = browser_for("finance_a"), browser_for("planner_a")
    opened_first, opened_second = spend_fields(first.get(_path(demo)).text), spend_fields(second.get(_path(demo)).text)
    first.post(_path(demo), data=opened_first | {"spend-0-police": "100"}, follow_redirects=False)

    stale = second.post(_path(demo), data=opened_second | {"spend-0-police": "999"})
    again = second.post(_path(demo), data=spend_fields(stale.text) | {"spend-0-police": "999"}, follow_redirects=False)

    assert stale.status_code == 409
    assert "Someone else saved this quarter" in html.unescape(stale.text)
    assert re.search(r'id="spend-0-police"[^>]*value="999"', stale.text)
    assert again.status_code == 303


def test_a_reviewer_reads_the_figures_without_a_form_and_cannot_post(browser_for: BrowserFor, demo: Demo) -> None:
    reviewer = browser_for("reviewer_x")

    page = reviewer.get(_path(demo))
    posted = reviewer.post(_path(demo), data={"csrf_token": csrf_token(browser_for("finance_a").get(_path(demo)).text)})

    assert page.status_code == 200
    assert "your role does not report it" in page.text
    assert 'name="spend-0-police"' not in page.text
    assert posted.status_code == 403


def test_a_quarter_outside_1_to_4_is_not_a_page(browser_for: BrowserFor, demo: Demo) -> None:
    finance: TestClient = browser_for("finance_a")

    answer = finance.get(_path(demo, 5))

    assert answer.status_code == 404
