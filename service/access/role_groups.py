"""Which roles belong to which group: who edits which part, takes which action, reports what.

The policies (`policy`) and the capabilities shown on pages (`capabilities`) both read these, so
what a page offers and what a request may do cannot drift apart.

May import: service.planning, service.tables, plan_schema.
"""

from plan_schema.vocabulary import PartName
from service.planning import workflow
from service.tables.access import Role
from service.tables.return_reviews import AnchorKind

# Which parts each role may change (reviewers comment and assess; they never edit a plan).
PART_EDITORS: dict[Role, frozenset[PartName]] = {
    Role.PLANNER: frozenset(PartName),
    Role.FINANCE: frozenset({PartName.FUNDING}),
    Role.ADMIN: frozenset(PartName),
    Role.REVIEWER: frozenset(),
}
PLAN_STARTERS = frozenset({Role.PLANNER, Role.ADMIN})
# Whoever edits Part 4 reports the quarter's actual spend against it, all year (no timetable locks it).
SPEND_REPORTERS = tuple(role for role, parts in PART_EDITORS.items() if PartName.FUNDING in parts)


def _taking(*actions: workflow.Action) -> tuple[Role, ...]:
    """Every role the workflow's transition table lets take any of `actions`."""
    return tuple(sorted(frozenset[Role]().union(*(workflow.ACTION_ROLES[action] for action in actions))))


# Who may take each workflow action, read from the transition table so the guards cannot drift
# from it; the API's and the pages' policies both read these, so both refuse alike.
SUBMITTERS = _taking(workflow.Action.SUBMIT_INITIAL, workflow.Action.SUBMIT_FINAL)
ASSESSORS = _taking(workflow.Action.ACCEPT, workflow.Action.REQUEST_REVISIONS)
SIGNATORIES = _taking(workflow.Action.SIGN_FOR_PARTNERSHIP, workflow.Action.SIGN_FOR_REGION)
REOPENERS = _taking(workflow.Action.REOPEN)
PUBLISHERS = _taking(workflow.Action.PUBLISH)
TARGET_CONFIRMERS = _taking(workflow.Action.CONFIRM_TARGETS)
TARGET_RECORDERS = _taking(workflow.Action.RECORD_TARGETS)
BASELINE_ENTERERS = _taking(workflow.Action.ENTER_BASELINES)
# Not workflow actions, so written here by hand.
DISCUSSANTS = (Role.REVIEWER, Role.PLANNER, Role.ADMIN)
# Who attaches the harm reduction self-audit and supporting files (reviewers comment instead).
ATTACHERS = (Role.PLANNER, Role.ADMIN)
# Who sets a partnership's own targets: its planners, who are held to them, and admins.
TARGET_SETTERS = (Role.PLANNER, Role.ADMIN)
# The partnership's planners make its quarterly returns (finance officers report spend apart); admins correct.
RETURNERS = (Role.PLANNER, Role.ADMIN)
# Who sees a region's dashboards and workbooks (reviewers their own region's).
OVERSEERS = (Role.REVIEWER, Role.ADMIN)
# The region's reviewers review its partnerships' quarterly returns (as they assess their plans), and admins:
# they ask questions, resolve them and accept a return.
RETURN_REVIEWERS = (Role.REVIEWER, Role.ADMIN)
# Who answers a question, by what it is about: the planners, who wrote the return, any question; the finance
# officer only questions on spend cells, the half of the return they report (actions and metrics are the
# planners' to answer, and a finance officer cannot change them); reviewers follow up and admins correct.
QUESTION_REPLIERS: dict[AnchorKind, tuple[Role, ...]] = {
    AnchorKind.ACTION: (Role.PLANNER, Role.REVIEWER, Role.ADMIN),
    AnchorKind.METRIC: (Role.PLANNER, Role.REVIEWER, Role.ADMIN),
    AnchorKind.SPEND_CELL: (Role.PLANNER, Role.FINANCE, Role.REVIEWER, Role.ADMIN),
}
# Everyone who answers some question: the reply routes' guard admits them, then the question's anchor decides.
RETURN_REPLIERS = tuple(sorted(frozenset[Role]().union(*QUESTION_REPLIERS.values())))
