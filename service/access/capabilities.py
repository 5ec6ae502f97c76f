"""What a member may do with a plan now, as a set of capabilities: what pages offer and templates show.

Each capability is the role group the route's guard admits (policy) joined with what the timetable
allows from the plan's status (workflow), so a page offers a form exactly when the API would accept it
from this caller at this moment. Checks on what is typed, or on facts beyond the timetable (a deadline,
targets not yet recorded), stay with the domain, which refuses them with its own words.

May import: service.access, service.planning, service.tables, plan_schema.
"""

from enum import StrEnum

from plan_schema.vocabulary import PartName
from service.access import policy, role_groups
from service.access.identity import Member, Principal
from service.planning import plans, workflow
from service.tables.access import Role


class Capability(StrEnum):
    """One thing a member may do with a plan."""

    EDIT_STRATEGIC_SUMMARY = "edit-strategic-summary"
    EDIT_TARGETS = "edit-targets"
    EDIT_PLANNING_GRIDS = "edit-planning-grids"
    EDIT_FUNDING = "edit-funding"
    ATTACH = "attach"
    SUBMIT_INITIAL = "submit-initial"
    SUBMIT_FINAL = "submit-final"
    ASSESS = "assess"
    COMMENT = "comment"
    SIGN = "sign"
    REOPEN = "reopen"
    PUBLISH = "publish"
    RECORD_TARGETS = "record-targets"
    CONFIRM_TARGETS = "confirm-targets"
    ENTER_BASELINES = "enter-baselines"
    DOWNLOAD_REGION_WORKBOOK = "download-region-workbook"
    REPORT_SPEND = "report-spend"
    MAKE_RETURNS = "make-returns"
    REVIEW_RETURNS = "review-returns"
    ANSWER_RETURN_QUESTIONS = "answer-return-questions"


EDIT = {
    PartName.STRATEGIC_SUMMARY: Capability.EDIT_STRATEGIC_SUMMARY,
    PartName.TARGETS: Capability.EDIT_TARGETS,
    PartName.PLANNING_GRIDS: Capability.EDIT_PLANNING_GRIDS,
    PartName.FUNDING: Capability.EDIT_FUNDING,
}
A = workflow.Action
# The capabilities that are a move on the timetable: the guard's role group and the moves it stands for.
MOVES: dict[Capability, tuple[tuple[Role, ...], tuple[workflow.Action, ...]]] = {
    Capability.SUBMIT_INITIAL: (role_groups.SUBMITTERS, (A.SUBMIT_INITIAL,)),
    Capability.SUBMIT_FINAL: (role_groups.SUBMITTERS, (A.SUBMIT_FINAL,)),
    Capability.ASSESS: (role_groups.ASSESSORS, (A.ACCEPT, A.REQUEST_REVISIONS)),
    Capability.SIGN: (role_groups.SIGNATORIES, (A.SIGN_FOR_PARTNERSHIP, A.SIGN_FOR_REGION)),
    Capability.REOPEN: (role_groups.REOPENERS, (A.REOPEN,)),
    Capability.PUBLISH: (role_groups.PUBLISHERS, (A.PUBLISH,)),
    Capability.RECORD_TARGETS: (role_groups.TARGET_RECORDERS, (A.RECORD_TARGETS,)),
    Capability.CONFIRM_TARGETS: (role_groups.TARGET_CONFIRMERS, (A.CONFIRM_TARGETS,)),
    Capability.ENTER_BASELINES: (role_groups.BASELINE_ENTERERS, (A.ENTER_BASELINES,)),
}
del A


# The role group each capability's guard admits (the API's and the page's alike).
GROUPS: dict[Capability, tuple[Role, ...]] = (
    {EDIT[part]: tuple(role for role, parts in role_groups.PART_EDITORS.items() if part in parts) for part in PartName}
    | {capability: roles for capability, (roles, _) in MOVES.items()}
    | {
        Capability.ATTACH: role_groups.ATTACHERS,
        Capability.COMMENT: role_groups.DISCUSSANTS,
        Capability.DOWNLOAD_REGION_WORKBOOK: role_groups.OVERSEERS,
        Capability.REPORT_SPEND: role_groups.SPEND_REPORTERS,
        Capability.MAKE_RETURNS: role_groups.RETURNERS,
        Capability.REVIEW_RETURNS: role_groups.RETURN_REVIEWERS,
        Capability.ANSWER_RETURN_QUESTIONS: role_groups.RETURN_REPLIERS,
    }
)
_PARTS = {capability: part for part, capability in EDIT.items()}


def _timetable_allows(capability: Capability, role: Role, view: plans.PlanView) -> bool:
    if capability in MOVES:
        # The domain takes the role's own action if the table allows it now (a planner signs for the
        # partnership, a reviewer for the region).
        actions = MOVES[capability][1]
        return any(role in workflow.ACTION_ROLES[action] and workflow.allows(view.plan, action) for action in actions)
    if capability in _PARTS:
        return workflow.part_editable(view.plan, _PARTS[capability])
    if capability is Capability.ATTACH:
        return workflow.attachable(view.plan)
    if capability in (Capability.MAKE_RETURNS, Capability.REVIEW_RETURNS, Capability.ANSWER_RETURN_QUESTIONS):
        return workflow.reports_quarterly(view.plan)
    return True  # commenting, the region's workbook and quarterly spend do not depend on where the plan is


def role_may(caller: Principal, capability: Capability) -> bool:
    """Whether the caller's role is one the capability's guard admits (whatever the plan's status)."""
    return isinstance(caller, Member) and caller.role in GROUPS[capability]


def capabilities(caller: Principal, view: plans.PlanView) -> frozenset[Capability]:
    """What the caller may do with the plan now (nothing, for the public or one who cannot see it)."""
    if not isinstance(caller, Member) or not policy.can_see_partnership(caller, view.partnership):
        return frozenset()
    return frozenset(
        capability
        for capability in Capability
        if role_may(caller, capability) and _timetable_allows(capability, caller.role, view)
    )


def administers(caller: Principal) -> bool:
    """Whether the caller is an administrator (what policy.admin admits): the administration pages are theirs."""
    return isinstance(caller, Member) and caller.role is Role.ADMIN


def starts_plans(caller: Principal) -> bool:
    """Whether the caller may start plans (what policy.plan_starter admits, before the partnership is checked)."""
    return isinstance(caller, Member) and caller.role in role_groups.PLAN_STARTERS


def sees_national_view(caller: Principal) -> bool:
    """Whether the caller may open the national view of metrics: national in scope, so what policy.admin admits."""
    return administers(caller)
