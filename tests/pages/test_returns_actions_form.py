"""The form reporting progress on the plan's actions: grouped, every problem named at once, nothing typed lost."""

from sqlmodel import Session

from service.returns import actions
from service.tables.columns import id_of
from tests.pages.conftest import BrowserFor
from tests.pages.forms import csrf_token
from tests.returns.reporting_plan import reporting_plan


def _fields(page: str, **changes: str) -> dict[str, str]:
    blank = {
        f"{field}-{ref}": "not-started" if field == "status" else ""
        for ref in ("1-1-1", "1-1-2", "2-1-1")
        for field in ("status", "note", "evidence")
    }
    dates = {f"completed-{ref}-{part}": "" for ref in ("1-1-1", "1-1-2", "2-1-1") for part in ("day", "month", "year")}
    return blank | dates | {"csrf_token": csrf_token(page), "version": "0"} | changes


def test_the_form_groups_the_actions_by_grid_and_objective(browser_for: BrowserFor, session: Session) -> None:
    plan_id = id_of(reporting_plan(session).plan)

    page = browser_for("planner_a").get(f"/plans/{plan_id}/returns/1/actions")

    assert page.status_code == 200
    assert page.text.index("Grid 1:") < page.text.index("Objective 1.1: Cut waiting times") < page.text.index("Grid 2:")
    assert "Action 1.1.2: Open an evening clinic" in page.text


def test_every_mistake_is_named_at_once_in_page_order_and_what_was_typed_is_kept(
    browser_for: BrowserFor, session: Session
) -> None:
    plan_id = id_of(reporting_plan(session).plan)
    browser = browser_for("planner_a")
    url = f"/plans/{plan_id}/returns/1/actions"
    fields = _fields(
        browser.get(url).text,
        **{
            "completed-1-1-1-day": "31",
            "completed-1-1-1-month": "2",
            "completed-1-1-1-year": "2025",
            "status-2-1-1": "finished",
            "note-1-1-2": "Waiting <for> the lease",
        },
    )

    refused = browser.post(url, data=fields)

    assert refused.status_code == 422
    summary = refused.text[refused.text.index("govuk-error-summary") :]
    assert summary.index("Action 1.1.1: enter a real date") < summary.index("Choose where action 2.1.1 stands")
    assert "Waiting &lt;for&gt; the lease" in refused.text
    assert 'value="31"' in refused.text
    assert actions.read_actions(plan_id, 1, session=session)[1].version == 0


def test_progress_is_saved_and_the_rules_findings_are_named_beside_their_fields(
    browser_for: BrowserFor, session: Session
) -> None:
    plan_id = id_of(reporting_plan(session).plan)
    browser = browser_for("planner_a")
    url = f"/plans/{plan_id}/returns/1/actions"

    saved = browser.post(
        url, data=_fields(browser.get(url).text, **{"status-1-1-2": "off-track"}), follow_redirects=False
    )

    assert saved.status_code == 303
    page = browser.get(saved.headers["location"])
    assert "Your progress is saved" not in page.text  # a finding to act on comes first
    assert 'href="#note-1-1-2"' in page.text
    assert "Say why action 1.1.2 is off track" in page.text
    lines, stored = actions.read_actions(plan_id, 1, session=session)
    assert (stored.version, lines[1].progress.status.value) == (1, "off-track")


def test_a_save_since_the_form_was_opened_keeps_what_was_typed_and_says_so(
    browser_for: BrowserFor, session: Session
) -> None:
    plan_id = id_of(reporting_plan(session).plan)
    browser = browser_for("planner_a")
    url = f"/plans/{plan_id}/returns/1/actions"
    opened = browser.get(url).text
    browser.post(url, data=_fields(opened, **{"status-1-1-1": "on-track"}))

    late = browser.post(url, data=_fields(opened, **{"note-2-1-1": "Mine"}))

    assert late.status_code == 409
    assert "Someone saved this return" in late.text
    assert ">Mine</textarea>" in late.text
    assert 'name="version" value="1"' in late.text


def test_a_reviewer_may_not_open_the_form(browser_for: BrowserFor, session: Session) -> None:
    plan_id = id_of(reporting_plan(session).plan)

    assert browser_for("reviewer_x").get(f"/plans/{plan_id}/returns/1/actions").status_code == 403
    assert browser_for("planner_b").get(f"/plans/{plan_id}/returns/1/actions").status_code == 404
