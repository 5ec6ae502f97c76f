"""Every rule that reads the plan's context finds what it reads, wherever the rules run on a stored plan.

The rules are pure and take a PlanContext: the cycle's years and settings, the partnership's PCTs and
Part 4 as the January (initial) submission carried it. service.planning.validation.plan_context builds it for
every caller. Each rule that reads the context is made to fire on a stored plan by changing only what
it reads, and its finding is looked for where a user meets it: the API's validation, the part's page
and the check-your-answers page of the submission that carries the part. Years are read from the
plan's cycle, never written here.
"""

import ast
import datetime
import inspect
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from markupsafe import escape
from sqlmodel import Session, select

from plan_schema.plan_year import first_calendar_year, plan_year_bounds, plan_year_label
from plan_schema.vocabulary import STAGE_PARTS, PartName, SubmissionStage
from service.journey import submissions
from service.pages.planning.plan_pages import PART_PAGES
from service.planning import plans, validation
from service.planning.cycles import create_cycle
from service.planning.plans import PlanView
from service.tables.columns import id_of
from service.tables.plans import PartnershipPct, Pct, PlanCycle
from tests.conftest import ClientFor, Demo
from tests.validators.stored_parts import edit, plan_year_column
from tests.workflow.flow import initial_submission_accepted
from validators.catalogue import ALL_RULES
from validators.findings import CrossPartRule, Rule

MAINSTREAM = ("police", "pct_mainstream", "social_services", "section_31_pooled", "probation", "supporting_people")


@dataclass(frozen=True)
class Fired:
    """What a scenario expects: a finding of a rule on a plan, with words that only the context could give."""

    plan_id: int
    rule_id: str
    part: PartName
    words: str
    # Where under the part's page the finding is shown: "/1" for Part 3's grid 1, which has a page of its own.
    subpage: str = ""

    @property
    def stage(self) -> SubmissionStage:
        """The first submission that carries the part, whose check-your-answers page shows the finding."""
        return next(stage for stage, carried in STAGE_PARTS.items() if self.part in carried)


def _crack_opiate(document: dict[str, Any]) -> dict[str, Any]:
    target: dict[str, Any] = document["crack_opiate_users_in_effective_treatment"]
    return target


# One arrangement per rule that reads the context. Each changes the filled demo plan (or builds a plan
# of its own) so that the rule fires, and says which words of its message come from the context.


def no_key_priorities(session: Session, view: PlanView) -> Fired:
    edit(session, id_of(view.plan), PartName.STRATEGIC_SUMMARY, lambda d: d.update(key_priorities=[]))
    words = f"Add the key priorities for {view.cycle.plan_year}"
    return Fired(id_of(view.plan), "S-030", PartName.STRATEGIC_SUMMARY, words)


def no_baseline(session: Session, view: PlanView) -> Fired:
    edit(session, id_of(view.plan), PartName.TARGETS, lambda d: _crack_opiate(d).update(baseline_actual=None))
    baseline_year = plan_year_label(first_calendar_year(view.cycle.previous_year) - 1)
    words = f"needs its actual baseline figure for {baseline_year}"
    return Fired(id_of(view.plan), "T-010", PartName.TARGETS, words)


def no_indicative_change(session: Session, view: PlanView) -> Fired:
    def clear(document: dict[str, Any]) -> None:
        _crack_opiate(document)["planned_change_pct"]["first_indicative_year"] = None

    edit(session, id_of(view.plan), PartName.TARGETS, clear)
    words = f"needs a planned % change for {view.cycle.indicative_years[0]}"
    return Fired(id_of(view.plan), "T-010", PartName.TARGETS, words)


def change_out_of_range(session: Session, view: PlanView) -> Fired:
    def set_change(document: dict[str, Any]) -> None:
        _crack_opiate(document)["planned_change_pct"]["plan_year"] = "600"

    edit(session, id_of(view.plan), PartName.TARGETS, set_change)
    words = f"plans a change of 600% for {view.cycle.plan_year}"
    return Fired(id_of(view.plan), "T-020", PartName.TARGETS, words)


def below_national_minimum(session: Session, view: PlanView) -> Fired:
    def set_change(document: dict[str, Any]) -> None:
        _crack_opiate(document)["planned_change_pct"]["plan_year"] = "0.5"

    edit(session, id_of(view.plan), PartName.TARGETS, set_change)
    words = f"plans 0.5% for {view.cycle.plan_year}"
    return Fired(id_of(view.plan), "T-030", PartName.TARGETS, words)


def pct_added_to_partnership(session: Session, view: PlanView) -> Fired:
    pct = Pct(code="9ZZ", name="A newly covered PCT")
    session.add(pct)
    session.flush()
    session.add(PartnershipPct(partnership_id=id_of(view.partnership), pct_id=id_of(pct)))
    validation.partnership_changed(id_of(view.partnership), session=session)
    session.flush()
    return Fired(id_of(view.plan), "T-040", PartName.TARGETS, "Primary care (indicator 4) has no entry for PCT 9ZZ.")


def pct_no_longer_covered(session: Session, view: PlanView) -> Fired:
    link = session.exec(select(PartnershipPct).where(PartnershipPct.partnership_id == id_of(view.partnership))).first()
    assert link is not None
    pct = session.get(Pct, link.pct_id)
    assert pct is not None
    session.delete(link)
    validation.partnership_changed(id_of(view.partnership), session=session)
    session.flush()
    words = f"Primary care has an entry for PCT {pct.code}, which the partnership does not cover"
    return Fired(id_of(view.plan), "T-050", PartName.TARGETS, words)


def action_after_the_plan_year(session: Session, view: PlanView) -> Fired:
    day_after = plan_year_bounds(view.cycle.plan_year)[1] + datetime.timedelta(days=1)

    def move(document: dict[str, Any]) -> None:
        document["grids"][0]["objectives"][0]["actions"][0]["due"] = day_after.isoformat()

    edit(session, id_of(view.plan), PartName.PLANNING_GRIDS, move)
    words = f"outside {view.cycle.plan_year} ("
    return Fired(id_of(view.plan), "G-040", PartName.PLANNING_GRIDS, words, subpage="/1")


def no_previous_year_column(session: Session, view: PlanView) -> Fired:
    previous = view.cycle.previous_year

    def remove(document: dict[str, Any]) -> None:
        document["table_1"] = [column for column in document["table_1"] if column["year"] != previous]

    edit(session, id_of(view.plan), PartName.FUNDING, remove)
    words = f"Table 1 has no column for {previous} (the previous year)"
    return Fired(id_of(view.plan), "F-050", PartName.FUNDING, words)


def police_money_not_spent(session: Session, view: PlanView) -> tuple[Fired, Fired]:
    def add_police(document: dict[str, Any]) -> None:
        column = plan_year_column(document, view)
        column["police"] = str(Decimal(column["police"]) + 1000)

    edit(session, id_of(view.plan), PartName.FUNDING, add_police)
    year = view.cycle.plan_year
    return (
        Fired(id_of(view.plan), "F-060", PartName.FUNDING, f"available for {year} in Table 1 (row 1.14)"),
        Fired(id_of(view.plan), "F-070", PartName.FUNDING, f"from it for {year}. Spread exactly"),
    )


def total_not_matching(session: Session, view: PlanView) -> Fired:
    return police_money_not_spent(session, view)[0]


def source_not_matching(session: Session, view: PlanView) -> Fired:
    return police_money_not_spent(session, view)[1]


def mainstream_below_the_cycles_uplift(session: Session, view: PlanView) -> Fired:
    def level(document: dict[str, Any]) -> None:
        # Last year's mainstream figures made equal to this year's: only an uplift can make them fall short.
        now = plan_year_column(document, view)
        before = next(c for c in document["table_1"] if c["year"] == view.cycle.previous_year)
        before.update({field: now[field] for field in MAINSTREAM})

    edit(session, id_of(view.plan), PartName.FUNDING, level)
    cycle = view.cycle
    cycle.inflation_uplift_pct = Decimal("10.00")
    session.add(cycle)
    session.flush()
    return Fired(id_of(view.plan), "F-080", PartName.FUNDING, "uplifted by 10.00% for inflation")


def mainstream_below_last_years_plan(session: Session, view: PlanView) -> Fired:
    """A plan for the year after, started from the filled plan: last year's figures are the previous year."""
    next_year = plan_year_label(first_calendar_year(view.cycle.plan_year) + 1)
    cycle = session.exec(select(PlanCycle).where(PlanCycle.plan_year == next_year)).first()
    if cycle is None:
        cycle = create_cycle(next_year, session=session)
    new = plans.create_plan(
        session=session, partnership_id=id_of(view.partnership), cycle_id=id_of(cycle), copy_previous=True
    )
    # The new plan year's column is empty, so every mainstream row is below last year's plan.
    return Fired(id_of(new.plan), "F-080", PartName.FUNDING, f"less than {view.cycle.plan_year}'s")


SCENARIOS: dict[str, Callable[[Session, PlanView], Fired]] = {
    "S-030 names the cycle's plan year": no_key_priorities,
    "T-010 names the baseline year before the cycle's previous year": no_baseline,
    "T-010 names the cycle's first indicative year": no_indicative_change,
    "T-020 names the cycle's plan year": change_out_of_range,
    "T-030 names the cycle's plan year": below_national_minimum,
    "T-040 knows a PCT the partnership has come to cover": pct_added_to_partnership,
    "T-050 knows a PCT the partnership no longer covers": pct_no_longer_covered,
    "G-040 bounds dates by the cycle's plan year": action_after_the_plan_year,
    "F-050 asks for the cycle's previous year": no_previous_year_column,
    "F-060 compares with the cycle's plan-year column": total_not_matching,
    "F-070 compares with the cycle's plan-year column": source_not_matching,
    "F-080 uses the cycle's inflation uplift": mainstream_below_the_cycles_uplift,
    "F-080 compares with last year's plan figures carried over": mainstream_below_last_years_plan,
}
# F-090 (the January figures) needs a submission and the panel's acceptance first: see
# test_underspend_since_january.py.
FIRED_BY_SUBMISSIONS = {"F-090"}


def _reads_context(check: Callable[..., object]) -> bool:
    tree = ast.parse(textwrap.dedent(inspect.getsource(check)))
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef)
    # The body only: every check takes `context` as its second parameter, whether it reads it or not.
    names = (node for statement in function.body for node in ast.walk(statement))
    return any(isinstance(node, ast.Name) and node.id == "context" for node in names)


def test_every_rule_that_reads_the_context_has_a_scenario_here() -> None:
    reading = {rule.id for rule in ALL_RULES if isinstance(rule, Rule | CrossPartRule) and _reads_context(rule.check)}
    covered = {rule_id.split()[0] for rule_id in SCENARIOS} | FIRED_BY_SUBMISSIONS

    assert reading == covered


def _on_page(page: str, words: str) -> bool:
    """The words as the page shows them: HTML-escaped, as every message is."""
    return str(escape(words)) in page


def _arrange(session: Session, demo: Demo, name: str) -> Fired:
    return SCENARIOS[name](session, plans.get_plan(demo.filled_plan_id, session=session))


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_rule_fires_in_the_plans_validation(client_for: ClientFor, session: Session, demo: Demo, name: str) -> None:
    fired = _arrange(session, demo, name)

    result = client_for("planner_a").get(f"/api/v1/plans/{fired.plan_id}/validation").json()

    messages = [f["message"] for f in result["parts"][fired.part.value]["findings"] if f["rule_id"] == fired.rule_id]
    assert any(fired.words in message for message in messages), messages


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_rule_fires_on_the_parts_page(client_for: ClientFor, session: Session, demo: Demo, name: str) -> None:
    fired = _arrange(session, demo, name)

    # Asked to check, as a user does: before that the page counts what is left rather than listing it.
    page = client_for("planner_a").get(f"/plans/{fired.plan_id}/{PART_PAGES[fired.part]}{fired.subpage}?check=1")

    assert page.status_code == 200
    assert _on_page(page.text, fired.words), fired.words


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_rule_fires_on_check_your_answers(client_for: ClientFor, session: Session, demo: Demo, name: str) -> None:
    fired = _arrange(session, demo, name)

    page = client_for("planner_a").get(f"/plans/{fired.plan_id}/submit/{fired.stage.value}")

    assert page.status_code == 200
    found = page.text.split(f'id="{fired.part.value}-errors"')[1].split("</dl>")[0]
    assert _on_page(found, fired.words), fired.words


def test_a_final_submission_is_refused_for_a_pct_the_partnership_has_come_to_cover(
    client_for: ClientFor, session: Session, demo: Demo
) -> None:
    planner = client_for("planner_a")
    initial_submission_accepted(planner, client_for("reviewer_x"), demo.filled_plan_id)
    fired = _arrange(session, demo, "T-040 knows a PCT the partnership has come to cover")

    refused = planner.post(f"/api/v1/plans/{fired.plan_id}/submissions", json={"stage": "final"})

    assert refused.status_code == 422
    refusals = [f["message"] for f in refused.json()["findings"] if f["rule_id"] == "T-040"]
    assert len(refusals) == 1, refusals
    assert fired.words in refusals[0]
    assert [s.stage for s in submissions.list_for(fired.plan_id, session=session)] == ["initial"]


# The cycle's self-audit setting decides whether the initial submission waits for it.


def test_a_cycle_that_does_not_require_the_self_audit_lets_the_initial_submission_go_without_it(
    client_for: ClientFor, session: Session, demo: Demo
) -> None:
    cycle = plans.get_plan(demo.filled_plan_id, session=session).cycle
    cycle.harm_reduction_self_audit_required = False
    session.add(cycle)
    session.flush()
    planner = client_for("planner_a")

    stage = planner.get(f"/api/v1/plans/{demo.filled_plan_id}/validation").json()["stages"]["initial"]
    check = planner.get(f"/plans/{demo.filled_plan_id}/submit/initial").text
    made = planner.post(f"/api/v1/plans/{demo.filled_plan_id}/submissions", json={"stage": "initial"})

    assert stage == {"parts": ["strategic-summary", "funding"], "ready": True, "blocking": []}
    assert 'id="self-audit"' not in check
    assert "self-audit is not attached" not in check
    assert made.status_code == 201, made.text
