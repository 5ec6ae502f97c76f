"""Deadlines as obligations: what is due on a plan, by when, from whom, and whether it has been done.

Worked out each time from the plan's status (the workflow's transition table), its submissions and its
quarterly returns: nothing here is stored, so an obligation cannot disagree with the plan. Only the
reminders sent about it are kept (as messages, service/notifications/reminders.py).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import Session, col, func, select

from plan_schema.quarterly_return import ActionStatus
from plan_schema.vocabulary import SubmissionStage
from service.access import role_groups
from service.planning import plans, workflow
from service.planning.timetable import local_date
from service.returns.actions import planned_actions
from service.returns.quarters import quarters_of
from service.returns.sections import SectionName
from service.tables.access import Role, User
from service.tables.columns import id_of
from service.tables.journey import Submission
from service.tables.plans import Partnership, Plan, PlanCycle
from service.tables.returns import ReturnSection, ReturnSubmission

S = workflow.PlanStatus
# Once the final submission is made (or signed), it is satisfied; likewise each side's signature.
FINAL_MADE = frozenset(S) - {S.DRAFTING, S.INITIAL_SUBMITTED, S.ACCEPTED, S.REVISIONS_REQUESTED}
SIGNING = frozenset({S.FINAL_SUBMITTED, S.SIGNED_BY_PARTNERSHIP, S.SIGNED_BY_REGION}) | workflow.LOCKED
PARTNERSHIP_SIGNED = frozenset({S.SIGNED_BY_PARTNERSHIP}) | workflow.LOCKED
REGION_SIGNED = frozenset({S.SIGNED_BY_REGION}) | workflow.LOCKED
# How long after its due date an unsatisfied obligation is still chased (weekly): past this the region has
# long known, and last year's unfinished plans must not write to people every week for ever.
CHASED_FOR = datetime.timedelta(weeks=12)


class Subject(StrEnum):
    """What an obligation is about."""

    INITIAL_SUBMISSION = "initial-submission"
    ASSESSMENT = "assessment"
    FINAL_SUBMISSION = "final-submission"
    PARTNERSHIP_SIGNATURE = "partnership-signature"
    REGION_SIGNATURE = "region-signature"
    QUARTERLY_RETURN = "quarterly-return"
    MILESTONE = "milestone"


def _doers(*actions: workflow.Action, also: Iterable[Role] = ()) -> frozenset[Role]:
    # Who is held to it: the roles the transition table lets take the action, but not admins, who may act
    # on any plan and answer for none.
    return frozenset().union(*(workflow.ACTION_ROLES[action] for action in actions), also) - {Role.ADMIN}


# Finance officers complete Part 4, which both submissions carry: they are reminded with the planners.
FUNDING_EDITORS = frozenset(role_groups.SPEND_REPORTERS) - {Role.ADMIN}
SUBMITTERS = _doers(workflow.Action.SUBMIT_INITIAL, also=FUNDING_EDITORS)
ASSESSORS = _doers(workflow.Action.ACCEPT, workflow.Action.REQUEST_REVISIONS)
PARTNERSHIP_SIGNATORIES = _doers(workflow.Action.SIGN_FOR_PARTNERSHIP)
REGION_SIGNATORIES = _doers(workflow.Action.SIGN_FOR_REGION)
RETURNERS = frozenset(role_groups.RETURNERS) - {Role.ADMIN}


@dataclass(frozen=True)
class Obligation:
    """Something due on a plan: its subject, when, who must do it, where, and whether it is done."""

    subject: Subject
    key: str  # stable across runs: names the plan, the subject and the due date ("plan-3:final-submission:2027-03-15")
    title: str  # what is due: "the final submission (all four parts) of Birmingham's 2027/28 plan"
    to_do: str  # what the responsible do: "Make the final submission of Birmingham's 2027/28 plan"
    partnership_name: str
    due: datetime.date
    link: str
    roles: frozenset[Role]
    plan_id: int
    partnership_id: int
    region_id: int
    satisfied: bool

    def overdue_on(self, today: datetime.date) -> bool:
        """Past its due date and not done."""
        return not self.satisfied and today > self.due


@dataclass(frozen=True)
class PlanFacts:
    """What the obligations of one plan are read from."""

    view: plans.PlanView
    final_submissions: int
    returned_quarters: frozenset[int]
    completed_actions: frozenset[str]


def _obligation(
    facts: PlanFacts,
    subject: Subject,
    *,
    name: str,
    title: str,
    to_do: str,
    due: datetime.date,
    link: str,
    roles: frozenset[Role],
    satisfied: bool,
) -> Obligation:
    plan, partnership = facts.view.plan, facts.view.partnership
    label = f"{partnership.name}'s {facts.view.cycle.plan_year} plan"
    return Obligation(
        subject=subject,
        key=f"plan-{id_of(plan)}:{name}:{due.isoformat()}",
        title=title.format(plan=label),
        to_do=to_do.format(plan=label),
        partnership_name=partnership.name,
        due=due,
        link=link,
        roles=roles,
        plan_id=id_of(plan),
        partnership_id=id_of(partnership),
        region_id=partnership.region_id,
        satisfied=satisfied,
    )


def obligations_of(facts: PlanFacts, *, session: Session) -> list[Obligation]:
    """Every obligation of one plan as it stands, satisfied or not, in timetable order."""
    view = facts.view
    plan_id, cycle, status = id_of(view.plan), view.cycle, workflow.status_of(view.plan)
    review = f"/plans/{plan_id}/review"
    found = [
        _obligation(
            facts,
            Subject.INITIAL_SUBMISSION,
            name="initial-submission",
            title="the initial submission (Parts 1 and 4) of {plan}",
            to_do="Make the initial submission of {plan}",
            due=cycle.initial_submission_due,
            link=f"/plans/{plan_id}/submit/{SubmissionStage.INITIAL.value}",
            roles=SUBMITTERS,
            satisfied=status is not S.DRAFTING,
        )
    ]
    if status is not S.DRAFTING:
        found.append(
            _obligation(
                facts,
                Subject.ASSESSMENT,
                name="assessment",
                title="the panel's assessment of the initial submission of {plan}",
                to_do="Assess the initial submission of {plan}",
                due=cycle.panel_response_due,
                link=f"{review}#assessment",
                roles=ASSESSORS,
                satisfied=status is not S.INITIAL_SUBMITTED,
            )
        )
    if status is S.REVISIONS_SUBMITTED:  # each round of revisions is assessed anew
        found.append(
            _obligation(
                facts,
                Subject.ASSESSMENT,
                name=f"assessment-of-revisions-{facts.final_submissions}",
                title="the panel's assessment of the revisions to {plan}",
                to_do="Assess the revisions to {plan}",
                due=cycle.sign_off_due,
                link=f"{review}#assessment",
                roles=ASSESSORS,
                satisfied=False,
            )
        )
    found.append(
        _obligation(
            facts,
            Subject.FINAL_SUBMISSION,
            name="final-submission",
            title="the final submission (all four parts) of {plan}",
            to_do="Make the final submission of {plan}",
            due=cycle.final_submission_due,
            link=f"/plans/{plan_id}/submit/{SubmissionStage.FINAL.value}",
            roles=SUBMITTERS,
            satisfied=status in FINAL_MADE,
        )
    )
    if status in SIGNING:
        for side, roles, signed in (
            ("partnership", PARTNERSHIP_SIGNATORIES, PARTNERSHIP_SIGNED),
            ("region", REGION_SIGNATORIES, REGION_SIGNED),
        ):
            subject = Subject.PARTNERSHIP_SIGNATURE if side == "partnership" else Subject.REGION_SIGNATURE
            found.append(
                _obligation(
                    facts,
                    subject,
                    name=f"{side}-signature",
                    title=f"the {side}'s signature on {{plan}}",
                    to_do=f"Sign {{plan}} for the {side}",
                    due=cycle.sign_off_due,
                    link=f"{review}#sign-off",
                    roles=roles,
                    satisfied=status in signed,
                )
            )
    if workflow.reports_quarterly(view.plan):
        found += _reporting_obligations(facts, session=session)
    return found


def _reporting_obligations(facts: PlanFacts, *, session: Session) -> list[Obligation]:
    plan_id = id_of(facts.view.plan)
    found = [
        _obligation(
            facts,
            Subject.QUARTERLY_RETURN,
            name=f"return-q{quarter.quarter}",
            title=f"the return for {quarter.label} of {{plan}}",
            to_do=f"Submit the quarter {quarter.quarter} return of {{plan}}",
            due=quarter.due,
            link=f"/plans/{plan_id}/returns/{quarter.quarter}/submit",
            roles=RETURNERS,
            satisfied=quarter.quarter in facts.returned_quarters,
        )
        for quarter in quarters_of(facts.view.cycle)
    ]
    for action in planned_actions(plan_id, session=session):
        if action.due is None:
            continue
        found.append(
            _obligation(
                facts,
                Subject.MILESTONE,
                name=f"action-{action.reference}",
                title=f"action {action.reference} of {{plan}} ({_shortened(action.text)})",
                to_do=f"Complete action {action.reference} of {{plan}}",
                due=action.due,
                link=f"/plans/{plan_id}/returns",
                roles=RETURNERS,
                satisfied=action.reference in facts.completed_actions,
            )
        )
    return found


def _shortened(text: str, limit: int = 60) -> str:
    """An action's text short enough for a subject line, cut at a word (braces doubled: it goes into a format)."""
    text = " ".join(text.split())
    short = text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"
    return short.replace("{", "{{").replace("}", "}}")


def facts_of(views: list[plans.PlanView], *, session: Session) -> list[PlanFacts]:
    """What the obligations of these plans are read from, in a few queries whatever their number."""
    ids = [id_of(view.plan) for view in views]
    finals = dict(
        session.exec(
            select(Submission.plan_id, func.count())
            .where(col(Submission.plan_id).in_(ids), Submission.stage == SubmissionStage.FINAL.value)
            .group_by(col(Submission.plan_id))
        ).all()
    )
    returned: dict[int, set[int]] = {}
    completed: dict[int, set[str]] = {}
    for plan_id, quarter, sections in session.exec(
        select(ReturnSubmission.plan_id, ReturnSubmission.quarter, ReturnSubmission.sections).where(
            col(ReturnSubmission.plan_id).in_(ids)
        )
    ).all():
        returned.setdefault(plan_id, set()).add(quarter)
        completed.setdefault(plan_id, set()).update(_complete(sections))
    # An action is done once the partnership says so in a return, submitted or only saved: the return is where
    # progress is reported, and a saved one stops the reminders without waiting for the quarter's deadline.
    for plan_id, document in session.exec(
        select(ReturnSection.plan_id, ReturnSection.document).where(
            col(ReturnSection.plan_id).in_(ids), ReturnSection.section == SectionName.ACTIONS.value
        )
    ).all():
        completed.setdefault(plan_id, set()).update(_complete(document))
    return [
        PlanFacts(
            view,
            finals.get(id_of(view.plan), 0),
            frozenset(returned.get(id_of(view.plan), ())),
            frozenset(completed.get(id_of(view.plan), ())),
        )
        for view in views
    ]


def _complete(document: object) -> set[str]:
    """The references of the actions a return's actions (as submitted or as saved) reports complete."""
    lines = document.get("actions", []) if isinstance(document, dict) else []
    found = set()
    for line in lines if isinstance(lines, list) else []:
        if isinstance(line, dict) and line.get("status") == ActionStatus.COMPLETE.value:
            reference = line.get("reference") or ".".join(str(line.get(n)) for n in ("grid", "objective", "action"))
            found.add(str(reference))
    return found


def live_plans(today: datetime.date, *, session: Session, user: User | None = None) -> list[plans.PlanView]:
    """The plans whose cycle may still have something to chase today (a user's own only, if given)."""
    query = (
        select(Plan, Partnership, PlanCycle)
        .join(Partnership, col(Plan.partnership_id) == col(Partnership.id))
        .join(PlanCycle, col(Plan.cycle_id) == col(PlanCycle.id))
        # The last date of a cycle is its fourth return (milestones may come later, but not past the year after).
        .where(col(PlanCycle.q4_return_due) >= today - CHASED_FOR - datetime.timedelta(days=366))
    )
    if user is not None:
        role = Role(user.role)  # read back from the database as text
        if role in (Role.PLANNER, Role.FINANCE):
            query = query.where(col(Plan.partnership_id) == user.partnership_id)
        elif role is Role.REVIEWER:
            query = query.where(col(Partnership.region_id) == user.region_id)
        else:
            return []
    rows = session.exec(query.order_by(col(Plan.id))).all()
    return [plans.PlanView(plan, partnership, cycle) for plan, partnership, cycle in rows]


def all_obligations(today: datetime.date, *, session: Session, user: User | None = None) -> list[Obligation]:
    """Every obligation of the live plans (a user's own plans', if given), satisfied or not."""
    facts = facts_of(live_plans(today, session=session, user=user), session=session)
    return [obligation for plan in facts for obligation in obligations_of(plan, session=session)]


def open_obligations(user: User, now: datetime.datetime, session: Session) -> list[Obligation]:
    """What the user must still do, soonest due first (what their start page can list)."""
    today = local_date(now)
    return sorted(
        (
            obligation
            for obligation in all_obligations(today, session=session, user=user)
            if not obligation.satisfied and Role(user.role) in obligation.roles and today <= obligation.due + CHASED_FOR
        ),
        key=lambda obligation: (obligation.due, obligation.key),
    )
