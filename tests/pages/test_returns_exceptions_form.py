"""The exceptions form: a red metric's exception named field by field, nothing typed lost, saved when complete."""

from sqlmodel import Session

from service.returns import exceptions
from service.returns.quarters import quarter_of
from service.tables.columns import id_of
from tests.pages.conftest import BrowserFor
from tests.pages.forms import csrf_token
from tests.returns.reporting_plan import RED_METRIC, reporting_plan

RED = {
    f"reason-{RED_METRIC}": "Two deaths among older users",
    f"recovery_action-{RED_METRIC}": "Naloxone for everyone leaving treatment",
    f"owner-{RED_METRIC}": "Clinical lead",
    f"recovery_date-{RED_METRIC}-day": "31",
    f"recovery_date-{RED_METRIC}-month": "3",
    f"recovery_date-{RED_METRIC}-year": "2025",
}


def test_a_red_metric_asks_for_its_exception_and_a_bad_date_keeps_what_was_typed(
    browser_for: BrowserFor, session: Session
) -> None:
    view = reporting_plan(session)
    browser = browser_for("planner_a")
    url = f"/plans/{id_of(view.plan)}/returns/1/exceptions"
    page = browser.get(url)
    assert page.status_code == 200
    assert f'href="#owner-{RED_METRIC}"' in page.text  # the rule's finding, beside its field

    typed = RED | {f"recovery_date-{RED_METRIC}-month": "13", f"commentary-{RED_METRIC}": "Rising <since> May"}
    refused = browser.post(url, data=typed | {"csrf_token": csrf_token(page.text), "version": "0"})

    assert refused.status_code == 422
    assert f"{RED_METRIC}: enter a real date" in refused.text
    assert "Rising &lt;since&gt; May" in refused.text
    assert "Naloxone for everyone leaving treatment" in refused.text


def test_a_complete_exception_is_saved_and_the_finding_goes(browser_for: BrowserFor, session: Session) -> None:
    view = reporting_plan(session)
    browser = browser_for("planner_a")
    url = f"/plans/{id_of(view.plan)}/returns/1/exceptions"
    token = csrf_token(browser.get(url).text)

    saved = browser.post(url, data=RED | {"csrf_token": token, "version": "0"}, follow_redirects=False)

    assert saved.status_code == 303
    page = browser.get(saved.headers["location"])
    assert "Your exceptions and commentary are saved." in page.text
    lines, stored = exceptions.read_exceptions(view, quarter_of(view.cycle, 1), session=session)
    assert stored.version == 1
    assert [line.report.owner for line in lines if line.judgement.red] == ["Clinical lead"]
    stale = browser.post(url, data=RED | {"csrf_token": token, "version": "0"})
    assert stale.status_code == 409
    assert "Someone saved this return&#39;s exceptions" in stale.text
