"""Part 1 as a page: saving, key priorities added and removed, bad input kept, a stale save and refusals."""

from fastapi.testclient import TestClient
from sqlmodel import Session

from plan_schema.strategic_summary import StrategicSummary
from plan_schema.vocabulary import PartName
from service.planning import parts
from service.planning.workflow import PlanStatus
from service.tables.plans import Plan
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.forms import csrf_token
from tests.pages.part_forms import form_of

DIRECTION = "direction_and_purpose"


def stored_summary(session: Session, plan_id: int) -> StrategicSummary:
    model = parts.read_part(plan_id, PartName.STRATEGIC_SUMMARY, session=session).model
    assert isinstance(model, StrategicSummary)
    return model


def open_summary(browser: TestClient, plan_id: int) -> dict[str, str]:
    page = browser.get(f"/plans/{plan_id}/strategic-summary")
    assert page.status_code == 200
    return form_of(page.text)


def test_the_page_shows_the_five_elements_and_the_numbered_key_priorities(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    summary = stored_summary(session, demo.filled_plan_id)

    fields = open_summary(browser_for("planner_a"), demo.filled_plan_id)

    assert fields[DIRECTION] == summary.direction_and_purpose
    assert fields["key_priorities-0-number"] == str(summary.key_priorities[0].number)
    assert fields["key_priorities-0-title"] == summary.key_priorities[0].title


def test_saving_changes_the_text_and_says_so(browser_for: BrowserFor, demo: Demo, session: Session) -> None:
    browser = browser_for("planner_a")
    fields = open_summary(browser, demo.filled_plan_id)

    answer = browser.post(
        f"/plans/{demo.filled_plan_id}/strategic-summary",
        data=fields | {DIRECTION: "A new direction.\r\nOver two lines.", "key_priorities-0-title": "Faster access"},
    )

    assert answer.status_code == 200
    assert "Part 1 is saved." in answer.text
    assert answer.url.path.endswith("/strategic-summary")
    assert answer.url.query == b"saved=1"
    summary = stored_summary(session, demo.filled_plan_id)
    assert summary.direction_and_purpose == "A new direction.\nOver two lines."
    assert summary.key_priorities[0].title == "Faster access"


def test_adding_a_key_priority_keeps_what_was_typed_and_saves_nothing_until_save(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    fields = open_summary(browser, demo.filled_plan_id)
    before = stored_summary(session, demo.filled_plan_id)
    count = len(before.key_priorities)

    added = browser.post(
        f"/plans/{demo.filled_plan_id}/strategic-summary",
        data=fields | {DIRECTION: "Typed, not saved yet.", "action": "add-priority"},
    )

    assert added.status_code == 200
    shown = form_of(added.text)
    assert shown[DIRECTION] == "Typed, not saved yet."
    assert shown[f"key_priorities-{count}-number"] == str(max(p.number for p in before.key_priorities) + 1)
    assert "added at the end. It is not saved until you save Part 1." in added.text
    assert stored_summary(session, demo.filled_plan_id) == before

    saved = browser.post(
        f"/plans/{demo.filled_plan_id}/strategic-summary", data=shown | {f"key_priorities-{count}-title": "Housing"}
    )

    assert saved.status_code == 200
    summary = stored_summary(session, demo.filled_plan_id)
    assert [p.title for p in summary.key_priorities][-1] == "Housing"
    assert summary.direction_and_purpose == "Typed, not saved yet."


def test_removing_a_key_priority_takes_it_off_the_form_then_out_of_the_plan(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    fields = open_summary(browser, demo.filled_plan_id)
    before = stored_summary(session, demo.filled_plan_id)

    removed = browser.post(
        f"/plans/{demo.filled_plan_id}/strategic-summary", data=fields | {"action": "remove-priority:0"}
    )
    browser.post(f"/plans/{demo.filled_plan_id}/strategic-summary", data=form_of(removed.text))

    assert [p.number for p in stored_summary(session, demo.filled_plan_id).key_priorities] == [
        p.number for p in before.key_priorities[1:]
    ]


def test_bad_input_is_re_shown_with_the_field_named_and_the_input_kept(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    fields = open_summary(browser, demo.filled_plan_id)
    before = stored_summary(session, demo.filled_plan_id)

    answer = browser.post(
        f"/plans/{demo.filled_plan_id}/strategic-summary",
        data=fields | {"key_priorities-0-number": "first", DIRECTION: "Kept as typed"},
    )

    assert answer.status_code == 422
    assert "<title>Error: " in answer.text
    assert '<a href="#key_priorities-0-number">Key priority 1: number: Enter a whole number' in answer.text
    assert form_of(answer.text)["key_priorities-0-number"] == "first"
    assert form_of(answer.text)[DIRECTION] == "Kept as typed"
    assert 'id="key_priorities-0-number-error"' in answer.text
    assert stored_summary(session, demo.filled_plan_id) == before


def test_text_the_documents_cannot_hold_is_named_by_its_section(browser_for: BrowserFor, demo: Demo) -> None:
    browser = browser_for("planner_a")
    fields = open_summary(browser, demo.filled_plan_id)

    answer = browser.post(
        f"/plans/{demo.filled_plan_id}/strategic-summary", data=fields | {DIRECTION: "A bell \u0007 here"}
    )

    assert answer.status_code == 422
    assert f'<a href="#{DIRECTION}">Overall direction and purpose of the partnership strategy: contains a control' in (
        answer.text
    )
    assert form_of(answer.text)[DIRECTION] == "A bell \u0007 here"


def test_rule_findings_are_shown_beside_their_fields_and_in_the_summary(browser_for: BrowserFor, demo: Demo) -> None:
    browser = browser_for("planner_a")
    fields = open_summary(browser, demo.filled_plan_id)

    answer = browser.post(
        f"/plans/{demo.filled_plan_id}/strategic-summary", data=fields | {"likely_demand": "   "}, follow_redirects=True
    )

    assert 'class="govuk-error-summary"' in answer.text
    assert '<a href="#likely_demand">The strategic summary has nothing under' in answer.text
    assert 'id="likely_demand-error"' in answer.text


def test_a_stale_save_comes_back_with_their_change_and_mine_and_saving_keeps_both(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    mine, theirs = browser_for("planner_a"), browser_for("admin")
    my_form = open_summary(mine, demo.filled_plan_id)
    their_form = open_summary(theirs, demo.filled_plan_id)
    theirs.post(f"/plans/{demo.filled_plan_id}/strategic-summary", data=their_form | {"likely_demand": "Theirs."})

    answer = mine.post(f"/plans/{demo.filled_plan_id}/strategic-summary", data=my_form | {DIRECTION: "Mine."})

    assert answer.status_code == 409
    assert "Ada Admin saved Part 1 while you were editing it" in answer.text
    assert 'id="likely_demand-changed">Changed by Ada Admin since you opened the form' in answer.text
    assert form_of(answer.text)[DIRECTION] == "Mine."
    assert form_of(answer.text)["likely_demand"] == "Theirs."
    assert 'name="conflict-1"' not in answer.text
    assert stored_summary(session, demo.filled_plan_id).direction_and_purpose != "Mine."

    again = mine.post(f"/plans/{demo.filled_plan_id}/strategic-summary", data=form_of(answer.text))

    assert again.status_code == 200
    saved = stored_summary(session, demo.filled_plan_id)
    assert (saved.direction_and_purpose, saved.likely_demand) == ("Mine.", "Theirs.")


def test_a_field_both_changed_is_chosen_by_the_user_and_nothing_else_reverts(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    mine, theirs = browser_for("planner_a"), browser_for("admin")
    my_form = open_summary(mine, demo.filled_plan_id)
    their_changes = {DIRECTION: "Their direction.", "likely_demand": "Their demand."}
    theirs.post(
        f"/plans/{demo.filled_plan_id}/strategic-summary",
        data=open_summary(theirs, demo.filled_plan_id) | their_changes,
    )
    shown = mine.post(f"/plans/{demo.filled_plan_id}/strategic-summary", data=my_form | {DIRECTION: "My direction."})

    unchosen = mine.post(f"/plans/{demo.filled_plan_id}/strategic-summary", data=form_of(shown.text))
    chosen = mine.post(
        f"/plans/{demo.filled_plan_id}/strategic-summary", data=form_of(unchosen.text) | {"conflict-1": "theirs"}
    )

    assert "You both changed 1 field: choose which to keep" in shown.text
    assert f'id="{DIRECTION}-changed">Someone else saved “Their direction.”' in shown.text
    assert "Keep yours: “My direction.”" in shown.text
    assert "Use theirs: “Their direction.”" in shown.text
    assert unchosen.status_code == 422
    assert '<a href="#conflict-1">Choose whether to keep yours or use theirs for Overall direction' in unchosen.text
    assert chosen.status_code == 200
    saved = stored_summary(session, demo.filled_plan_id)
    assert (saved.direction_and_purpose, saved.likely_demand) == ("Their direction.", "Their demand.")


def test_keeping_yours_on_the_conflict_page_saves_yours(browser_for: BrowserFor, demo: Demo, session: Session) -> None:
    mine, theirs = browser_for("planner_a"), browser_for("admin")
    my_form = open_summary(mine, demo.filled_plan_id)
    theirs.post(
        f"/plans/{demo.filled_plan_id}/strategic-summary",
        data=open_summary(theirs, demo.filled_plan_id) | {DIRECTION: "Theirs."},
    )
    shown = mine.post(f"/plans/{demo.filled_plan_id}/strategic-summary", data=my_form | {DIRECTION: "Mine."})

    kept = mine.post(
        f"/plans/{demo.filled_plan_id}/strategic-summary", data=form_of(shown.text) | {"conflict-1": "yours"}
    )

    assert kept.status_code == 200
    assert stored_summary(session, demo.filled_plan_id).direction_and_purpose == "Mine."


def with_priority(form: dict[str, str], title: str) -> dict[str, str]:
    """The form with one more key priority typed in at the end."""
    count = sum(1 for name in form if name.endswith("-title") and name.startswith("key_priorities-"))
    return form | {f"key_priorities-{count}-number": str(count + 1), f"key_priorities-{count}-title": title}


def test_key_priorities_both_added_are_chosen_as_a_whole_list(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    mine, theirs = browser_for("planner_a"), browser_for("admin")
    plan = demo.filled_plan_id
    count = len(stored_summary(session, plan).key_priorities) + 1
    my_form = open_summary(mine, plan)
    theirs.post(f"/plans/{plan}/strategic-summary", data=with_priority(open_summary(theirs, plan), "Their priority"))
    shown = mine.post(
        f"/plans/{plan}/strategic-summary", data=with_priority(my_form, "My priority") | {DIRECTION: "Mine."}
    )

    chosen = mine.post(f"/plans/{plan}/strategic-summary", data=form_of(shown.text) | {"conflict-1": "theirs"})

    assert shown.status_code == 409
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Key priorities</legend>' in shown.text
    assert f"Keep yours: {count} key priorities, with “My priority”" in shown.text
    assert f"Use theirs: {count} key priorities, with “Their priority”" in shown.text
    assert chosen.status_code == 200
    saved = stored_summary(session, plan)
    assert [priority.title for priority in saved.key_priorities][-1] == "Their priority"
    assert saved.direction_and_purpose == "Mine."


def test_finance_officers_read_part_1_but_cannot_save_it(browser_for: BrowserFor, demo: Demo) -> None:
    finance = browser_for("finance_a")
    page = finance.get(f"/plans/{demo.filled_plan_id}/strategic-summary")

    answer = finance.post(
        f"/plans/{demo.filled_plan_id}/strategic-summary", data={"csrf_token": csrf_token(page.text), "version": "1"}
    )

    assert page.status_code == 200
    assert "You can read Part 1 but your role does not change it." in page.text
    assert f'name="{DIRECTION}"' not in page.text
    assert answer.status_code == 403


def test_another_partnerships_planner_is_told_the_plan_does_not_exist(browser_for: BrowserFor, demo: Demo) -> None:
    outsider = browser_for("planner_b")
    token = csrf_token(outsider.get(f"/plans/{demo.empty_plan_id}/strategic-summary").text)

    assert outsider.get(f"/plans/{demo.filled_plan_id}/strategic-summary").status_code == 404
    answer = outsider.post(
        f"/plans/{demo.filled_plan_id}/strategic-summary", data={"csrf_token": token, "version": "1"}
    )
    assert answer.status_code == 404


def test_a_part_awaiting_panel_assessment_says_why_it_cannot_be_changed(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    fields = open_summary(browser, demo.filled_plan_id)
    plan = session.get(Plan, demo.filled_plan_id)
    assert plan is not None
    plan.status = PlanStatus.INITIAL_SUBMITTED.value
    session.add(plan)
    session.flush()

    page = browser.get(f"/plans/{demo.filled_plan_id}/strategic-summary")
    answer = browser.post(f"/plans/{demo.filled_plan_id}/strategic-summary", data=fields | {DIRECTION: "Late."})

    assert "is awaiting panel assessment" in page.text
    assert f'name="{DIRECTION}"' not in page.text
    assert answer.status_code == 409
    assert "is awaiting panel assessment" in answer.text
    assert stored_summary(session, demo.filled_plan_id).direction_and_purpose != "Late."


def test_each_element_and_the_whole_summary_say_how_many_words_they_come_to(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    summary = stored_summary(session, demo.filled_plan_id)
    element_words = len(summary.direction_and_purpose.split())
    priorities = sum(len(f"{p.title} {p.description}".split()) for p in summary.key_priorities)
    elements = (
        summary.direction_and_purpose,
        summary.likely_demand,
        summary.needs_assessment_findings,
        summary.outcome_improvements,
        summary.priorities_for_next_year,
    )
    total = sum(len(text.split()) for text in elements) + priorities

    page = browser_for("planner_a").get(f"/plans/{demo.filled_plan_id}/strategic-summary").text

    assert f"So far: {element_words:,} words." in page
    assert f"come to {total:,} words so far." in page
