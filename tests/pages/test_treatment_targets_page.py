"""Part 2 as a page: figures saved, bad figures kept and named, targets as numbers, a stale save and refusals."""

from decimal import Decimal

from fastapi.testclient import TestClient
from sqlmodel import Session

from plan_schema.targets import Targets
from plan_schema.typed_numbers import PERCENTAGE_PROBLEM
from plan_schema.vocabulary import PartName
from service.planning import parts
from service.planning.workflow import PlanStatus
from service.tables.journey import AgreedTargets
from service.tables.plans import Plan
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.forms import csrf_token
from tests.pages.part_forms import form_of

CHANGE_1_1 = "crack_opiate_users_in_effective_treatment-planned_change_pct-plan_year"
BASELINE_1_2 = "all_adults_in_effective_treatment-baseline_actual"


def stored_targets(session: Session, plan_id: int) -> Targets:
    model = parts.read_part(plan_id, PartName.TARGETS, session=session).model
    assert isinstance(model, Targets)
    return model


def open_targets(browser: TestClient, plan_id: int) -> dict[str, str]:
    page = browser.get(f"/plans/{plan_id}/targets")
    assert page.status_code == 200
    return form_of(page.text)


def test_saving_figures_as_people_type_them(browser_for: BrowserFor, demo: Demo, session: Session) -> None:
    browser = browser_for("planner_a")
    fields = open_targets(browser, demo.filled_plan_id)

    answer = browser.post(
        f"/plans/{demo.filled_plan_id}/targets", data=fields | {CHANGE_1_1: "+7.5%", BASELINE_1_2: "2,345"}
    )

    assert answer.status_code == 200
    assert "Part 2 is saved." in answer.text
    targets = stored_targets(session, demo.filled_plan_id)
    assert targets.crack_opiate_users_in_effective_treatment.planned_change_pct.plan_year == Decimal("7.5")
    assert targets.all_adults_in_effective_treatment.baseline_actual == 2345


def test_bad_figures_are_re_shown_with_the_field_named_and_the_input_kept(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    fields = open_targets(browser, demo.filled_plan_id)
    before = stored_targets(session, demo.filled_plan_id)

    answer = browser.post(
        f"/plans/{demo.filled_plan_id}/targets", data=fields | {CHANGE_1_1: "a lot", BASELINE_1_2: "12.5"}
    )

    assert answer.status_code == 422
    assert f'<a href="#{CHANGE_1_1}">Indicator 1.1: planned change, plan year: {PERCENTAGE_PROBLEM}</a>' in answer.text
    assert f'<a href="#{BASELINE_1_2}">Indicator 1.2: actual baseline: Enter a whole number' in answer.text
    assert form_of(answer.text)[CHANGE_1_1] == "a lot"
    assert form_of(answer.text)[BASELINE_1_2] == "12.5"
    assert stored_targets(session, demo.filled_plan_id) == before


def test_rule_findings_are_shown_beside_their_figures(browser_for: BrowserFor, demo: Demo) -> None:
    browser = browser_for("planner_a")
    fields = open_targets(browser, demo.filled_plan_id)

    answer = browser.post(
        f"/plans/{demo.filled_plan_id}/targets", data=fields | {CHANGE_1_1: "900"}, follow_redirects=True
    )

    assert f'<a href="#{CHANGE_1_1}">Indicator 1.1 (Crack and/or opiate users' in answer.text
    assert f'id="{CHANGE_1_1}-error"' in answer.text


def test_targets_become_numbers_of_people_once_the_baseline_is_known(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("reviewer_x")
    before = browser.get(f"/plans/{demo.filled_plan_id}/targets").text
    session.add(
        AgreedTargets(
            plan_id=demo.filled_plan_id, planned_change_pct={"1.1": "5", "1.2": "2.5"}, baselines={"1.1": 1000}
        )
    )
    session.flush()

    after = browser.get(f"/plans/{demo.filled_plan_id}/targets").text

    assert "Not entered yet" in before
    assert "<strong>1,050</strong>" not in before
    assert "<strong>1,050</strong>" in after  # 1,000 people and 5% more
    assert after.count("Not known yet") == 1  # 1.2 is agreed but has no baseline yet


def test_a_stale_save_keeps_their_figure_and_mine_and_saving_again_keeps_both(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    mine, theirs = browser_for("planner_a"), browser_for("admin")
    my_form = open_targets(mine, demo.filled_plan_id)
    theirs.post(
        f"/plans/{demo.filled_plan_id}/targets", data=open_targets(theirs, demo.filled_plan_id) | {BASELINE_1_2: "999"}
    )

    answer = mine.post(f"/plans/{demo.filled_plan_id}/targets", data=my_form | {CHANGE_1_1: "3"})
    again = mine.post(f"/plans/{demo.filled_plan_id}/targets", data=form_of(answer.text))

    assert answer.status_code == 409
    assert "Ada Admin saved Part 2 while you were editing it" in answer.text
    assert f'id="{BASELINE_1_2}-changed">Changed by Ada Admin since you opened the form' in answer.text
    assert form_of(answer.text)[CHANGE_1_1] == "3"
    assert form_of(answer.text)[BASELINE_1_2] == "999"
    assert again.status_code == 200
    saved = stored_targets(session, demo.filled_plan_id)
    assert saved.all_adults_in_effective_treatment.baseline_actual == 999
    assert saved.crack_opiate_users_in_effective_treatment.planned_change_pct.plan_year == Decimal(3)


def test_a_figure_both_changed_is_chosen_and_using_theirs_saves_theirs(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    mine, theirs = browser_for("planner_a"), browser_for("admin")
    my_form = open_targets(mine, demo.filled_plan_id)
    their_form = open_targets(theirs, demo.filled_plan_id) | {BASELINE_1_2: "999", CHANGE_1_1: "4"}
    theirs.post(f"/plans/{demo.filled_plan_id}/targets", data=their_form)
    shown = mine.post(f"/plans/{demo.filled_plan_id}/targets", data=my_form | {BASELINE_1_2: "1234"})

    chosen = mine.post(f"/plans/{demo.filled_plan_id}/targets", data=form_of(shown.text) | {"conflict-1": "theirs"})

    assert "You both changed 1 figure: choose which to keep" in shown.text
    assert "Keep yours: “1234”" in shown.text
    assert "Use theirs: “999”" in shown.text
    assert chosen.status_code == 200
    saved = stored_targets(session, demo.filled_plan_id)
    assert saved.all_adults_in_effective_treatment.baseline_actual == 999
    assert saved.crack_opiate_users_in_effective_treatment.planned_change_pct.plan_year == Decimal(4)


def test_finance_cannot_save_part_2_and_other_partnerships_do_not_see_it(browser_for: BrowserFor, demo: Demo) -> None:
    finance, outsider = browser_for("finance_a"), browser_for("planner_b")
    page = finance.get(f"/plans/{demo.filled_plan_id}/targets")
    token = csrf_token(page.text)

    assert "You can read Part 2 but your role does not change it." in page.text
    assert finance.post(f"/plans/{demo.filled_plan_id}/targets", data={"csrf_token": token}).status_code == 403
    assert outsider.get(f"/plans/{demo.filled_plan_id}/targets").status_code == 404
    outsider_token = csrf_token(outsider.get(f"/plans/{demo.empty_plan_id}/targets").text)
    assert (
        outsider.post(f"/plans/{demo.filled_plan_id}/targets", data={"csrf_token": outsider_token}).status_code == 404
    )


def test_a_signed_off_plan_says_why_part_2_cannot_change(browser_for: BrowserFor, demo: Demo, session: Session) -> None:
    browser = browser_for("planner_a")
    fields = open_targets(browser, demo.filled_plan_id)
    plan = session.get(Plan, demo.filled_plan_id)
    assert plan is not None
    plan.status = PlanStatus.SIGNED_OFF.value
    session.add(plan)
    session.flush()

    page = browser.get(f"/plans/{demo.filled_plan_id}/targets")
    answer = browser.post(f"/plans/{demo.filled_plan_id}/targets", data=fields | {CHANGE_1_1: "4"})

    assert f'name="{CHANGE_1_1}"' not in page.text
    assert answer.status_code == 409
    assert "signed off" in answer.text


def test_digits_that_are_not_ascii_are_not_a_whole_number(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    fields = open_targets(browser, demo.filled_plan_id)
    before = stored_targets(session, demo.filled_plan_id)

    for typed in ("²", "٥٠٠", "１２"):
        answer = browser.post(f"/plans/{demo.filled_plan_id}/targets", data=fields | {BASELINE_1_2: typed})

        assert answer.status_code == 422, typed
        assert f'<a href="#{BASELINE_1_2}">Indicator 1.2: actual baseline: Enter a whole number' in answer.text
    assert stored_targets(session, demo.filled_plan_id) == before
