"""Publishing a signed-off plan and entering its baselines from the pages, as the API does."""

from fastapi.testclient import TestClient
from sqlmodel import Session

from service.journey import agreed_targets
from service.planning import plans, workflow
from tests.conftest import ClientFor, Demo
from tests.pages.conftest import BrowserFor
from tests.pages.forms import csrf_token
from tests.workflow.flow import PDF, agree_targets, confirm_agreed_targets, publish, sign_off


def test_a_plan_still_being_drafted_cannot_be_published(browser_for: BrowserFor, demo: Demo) -> None:
    page = browser_for("admin").get(f"/plans/{demo.filled_plan_id}/publication")

    assert page.status_code == 200
    assert "cannot be published now" in page.text
    assert "Publish Parts 1, 2 and 4</button>" not in page.text


def test_an_admin_publishes_a_signed_off_plan_and_the_public_can_read_it(
    browser_for: BrowserFor, client_for: ClientFor, visitor: TestClient, session: Session, demo: Demo
) -> None:
    sign_off(client_for("planner_a"), client_for("reviewer_x"), demo.filled_plan_id)
    admin = browser_for("admin")
    page = admin.get(f"/plans/{demo.filled_plan_id}/publication").text
    assert "Publish Parts 1, 2 and 4</button>" in page

    asked = admin.post(f"/plans/{demo.filled_plan_id}/publication", data={"csrf_token": csrf_token(page)})
    assert "Are you sure you want to publish the plan?" in asked.text
    assert (
        workflow.status_of(plans.get_plan(demo.filled_plan_id, session=session).plan) is workflow.PlanStatus.SIGNED_OFF
    )
    confirmed = {"csrf_token": csrf_token(page), "confirmed": "yes"}
    answer = admin.post(f"/plans/{demo.filled_plan_id}/publication", data=confirmed)

    assert answer.status_code == 200
    assert "The plan is published." in answer.text
    assert f'href="/published/{demo.filled_plan_id}"' in answer.text
    plan = plans.get_plan(demo.filled_plan_id, session=session).plan
    session.refresh(plan)
    assert workflow.status_of(plan) is workflow.PlanStatus.PUBLISHED
    assert visitor.get(f"/published/{demo.filled_plan_id}").status_code == 200


def test_publishing_twice_shows_why_not_on_the_page(browser_for: BrowserFor, client_for: ClientFor, demo: Demo) -> None:
    sign_off(client_for("planner_a"), client_for("reviewer_x"), demo.filled_plan_id)
    admin = browser_for("admin")
    token = csrf_token(admin.get(f"/plans/{demo.filled_plan_id}/publication").text)
    admin.post(f"/plans/{demo.filled_plan_id}/publication", data={"csrf_token": token, "confirmed": "yes"})

    again = admin.post(f"/plans/{demo.filled_plan_id}/publication", data={"csrf_token": token, "confirmed": "yes"})

    assert again.status_code == 409
    assert 'class="govuk-error-summary"' in again.text
    assert "The plan is published, so it cannot be published now." in again.text


def test_planners_and_reviewers_are_refused_publication_and_baselines(browser_for: BrowserFor, demo: Demo) -> None:
    for actor in ("planner_a", "finance_a", "reviewer_x"):
        browser = browser_for(actor)
        assert browser.get(f"/plans/{demo.filled_plan_id}/publication").status_code == 403
        assert browser.get(f"/plans/{demo.filled_plan_id}/baselines").status_code == 403
    assert browser_for("planner_b").get(f"/plans/{demo.filled_plan_id}/baselines").status_code == 404


def agreed(client_for: ClientFor, plan_id: int) -> int:
    """The plan signed off, published, and its agreed targets confirmed: baselines can be entered."""
    agree_targets(client_for("planner_a"), client_for("reviewer_x"), client_for("admin"), plan_id)
    return plan_id


def test_an_admin_enters_a_baseline(
    browser_for: BrowserFor, client_for: ClientFor, session: Session, demo: Demo
) -> None:
    agreed(client_for, demo.filled_plan_id)
    admin = browser_for("admin")
    token = csrf_token(admin.get(f"/plans/{demo.filled_plan_id}/baselines").text)

    answer = admin.post(
        f"/plans/{demo.filled_plan_id}/baselines",
        data={"csrf_token": token, "baseline-1-1": "3,600", "baseline-1-2": ""},
    )

    assert answer.status_code == 200
    assert "The baselines are saved." in answer.text
    assert 'value="3600"' in answer.text
    assert agreed_targets.current(demo.filled_plan_id, session=session).baselines == {"1.1": 3600}


def test_a_baseline_that_is_not_a_count_of_people_is_named_and_kept(
    browser_for: BrowserFor, client_for: ClientFor, session: Session, demo: Demo
) -> None:
    agreed(client_for, demo.filled_plan_id)
    admin = browser_for("admin")
    token = csrf_token(admin.get(f"/plans/{demo.filled_plan_id}/baselines").text)

    answer = admin.post(
        f"/plans/{demo.filled_plan_id}/baselines",
        data={"csrf_token": token, "baseline-1-1": "lots", "baseline-1-2": "20000000"},
    )

    assert answer.status_code == 422
    assert '<a href="#baseline-1-1">1.1: Enter the baseline as a whole number of people' in answer.text
    assert '<a href="#baseline-1-2">1.2: Enter the baseline' in answer.text
    assert 'value="lots"' in answer.text
    assert 'value="20000000"' in answer.text
    assert agreed_targets.current(demo.filled_plan_id, session=session).baselines == {}


def test_the_baselines_form_is_offered_only_once_the_targets_are_agreed(
    browser_for: BrowserFor, client_for: ClientFor, session: Session, demo: Demo
) -> None:
    admin = browser_for("admin")
    url = f"/plans/{demo.filled_plan_id}/baselines"
    drafting = admin.get(url).text
    publish(client_for("planner_a"), client_for("reviewer_x"), client_for("admin"), demo.filled_plan_id)
    published = admin.get(url).text
    posted = admin.post(url, data={"csrf_token": csrf_token(published), "baseline-1-1": "3600"})

    for page in (drafting, published):
        assert "Save the baselines</button>" not in page
        assert "Baselines are entered once the plan&#39;s agreed targets are confirmed." in page
    assert "The plan is published, so it cannot have its annualised baselines entered now." in published
    assert posted.status_code == 409
    assert '<a href="#baselines">The plan is published, so it cannot' in posted.text
    assert agreed_targets.current(demo.filled_plan_id, session=session).baselines == {}
    confirm_agreed_targets(client_for("planner_a"), client_for("reviewer_x"), client_for("admin"), demo.filled_plan_id)
    assert "Save the baselines</button>" in admin.get(url).text


def test_the_publish_form_is_not_offered_until_both_sides_have_signed(
    browser_for: BrowserFor, client_for: ClientFor, demo: Demo
) -> None:
    planner, reviewer = client_for("planner_a"), client_for("reviewer_x")
    plan = f"/api/v1/plans/{demo.filled_plan_id}"
    files = {"file": ("audit.pdf", PDF, "application/pdf")}
    steps = [
        planner.post(f"{plan}/attachments", files=files, data={"kind": "harm-reduction-self-audit"}),
        planner.post(f"{plan}/submissions", json={"stage": "initial"}),
        reviewer.post(f"{plan}/assessments", json={"decision": "accepted"}),
        planner.post(f"{plan}/submissions", json={"stage": "final"}),
        planner.post(f"{plan}/sign-offs"),
    ]
    assert [step.status_code for step in steps] == [201] * 5

    page = browser_for("admin").get(f"/plans/{demo.filled_plan_id}/publication").text

    assert "Publish Parts 1, 2 and 4</button>" not in page
    assert "The plan is signed by the partnership, awaiting the region, so it cannot be published now." in page


def test_the_plan_page_links_admins_to_publication_and_baselines(browser_for: BrowserFor, demo: Demo) -> None:
    admin_page = browser_for("admin").get(f"/plans/{demo.filled_plan_id}").text
    planner_page = browser_for("planner_a").get(f"/plans/{demo.filled_plan_id}").text

    assert f'href="/plans/{demo.filled_plan_id}/publication"' in admin_page
    assert f'href="/plans/{demo.filled_plan_id}/baselines"' in admin_page
    assert f'href="/plans/{demo.filled_plan_id}/publication"' not in planner_page
