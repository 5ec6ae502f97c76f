"""Sample contexts for the quarterly returns templates (tests/pages/test_templates.py renders each)."""

import dataclasses
from collections.abc import Callable
from typing import Any

from plan_schema.quarterly_return import ACTION_STATUS_LABELS, ActionProgress, ActionsProgress, MetricReports
from service.monitoring.judgements import Rag
from service.pages.returns.actions_form import field_name, objective_groups
from service.pages.returns.exceptions_form import field_name as ex_field
from service.pages.returns.returns_page import state_tag
from service.pages.returns.submission_downloads import Download
from service.returns import actions, exceptions, overview, reviews
from service.returns.quarters import quarter_of
from tests.pages.admin_contexts import CYCLE
from tests.pages.return_review_contexts import submitted_contexts
from validators.findings import Severity
from validators.returns import ReturnFinding


def returns_contexts(plan: Callable[[], dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The returns page with one quarter submitted late, one in progress, one overdue and one not yet due."""
    states = [
        (overview.ReturnState.SUBMITTED, 2, 3, False),
        (overview.ReturnState.IN_PROGRESS, 0, None, False),
        (overview.ReturnState.NOT_STARTED, 0, None, True),
        (overview.ReturnState.NOT_STARTED, 0, None, False),
    ]
    standings = [
        overview.QuarterStanding(quarter_of(CYCLE, number), state, made, late, overdue)
        for number, (state, made, late, overdue) in enumerate(states, start=1)
    ]
    # The submitted quarter has two questions open on it.
    questions_open = reviews.ReviewSummary(7, 1, reviews.ReviewState.QUESTIONS_OPEN, 2, 2, 2)
    standings[0] = dataclasses.replace(standings[0], review=questions_open)
    page = plan() | {"standings": standings, "state_tag": state_tag}
    return {
        "returns/returns.html": [page | {"makes_returns": makes} for makes in (False, True)],
        "returns/actions.html": [actions_context(plan, errors) for errors in (False, True)],
        "returns/exceptions.html": [exceptions_context(plan, errors) for errors in (False, True)],
        "returns/submit.html": [submit_context(plan, refused) for refused in (False, True)],
        "returns/submitted.html": [context | {"downloads": DOWNLOADS} for context in submitted_contexts(plan)],
        "returns/_submission_downloads.html": [{"downloads": DOWNLOADS}],
    }


SUBMISSION_2 = "/api/v1/plans/7/returns/1/submissions/2"
DOWNLOADS = [
    Download("The return as submitted", f"{SUBMISSION_2}/document", "Word document", "31 KB"),
    Download("The quarter's spend as submitted", f"{SUBMISSION_2}/spend.xlsx", "Excel workbook", "12 KB"),
]


def submit_context(plan: Callable[[], dict[str, Any]], refused: bool) -> dict[str, Any]:
    """The check page with a complete action and a red metric's exception, or refused with a blocking finding."""
    actions_page = actions_context(plan, errors=False)
    lines = [line for group in actions_page["groups"] for line in group.lines]
    metrics = exceptions_context(plan, errors=False)["lines"]
    blocking = ReturnFinding("R-040", Severity.ERROR, "exceptions", "/metrics/0/owner", "Enter the owner", "Seed")
    return plan() | {
        "quarter": quarter_of(CYCLE, 1),
        "action_lines": lines,
        "metric_lines": metrics,
        "status_labels": ACTION_STATUS_LABELS,
        "errors": [blocking] if refused else [],
        "warnings": [ReturnFinding("R-030", Severity.WARNING, "actions", "", "Say what puts it at risk", "Seed")],
        "refusal": "Nothing has changed since submission 1." if refused else None,
        "error_items": [("Enter the owner", "exceptions-summary")] if refused else [],
    }


def exceptions_context(plan: Callable[[], dict[str, Any]], errors: bool) -> dict[str, Any]:
    """A red metric owing its exception and a green one, with a finding or a refused form."""
    judged = [
        exceptions.QuarterJudgement("OF-16", "Deaths <in> treatment", "30.0%", Rag.RED, "Red: short of the value"),
        exceptions.QuarterJudgement("OF-1", "Waiting times", "90.0%", Rag.GREEN, "Green: on course"),
    ]
    lines = exceptions.lines_of(judged, MetricReports())
    values = {
        ex_field(field, line): {"day": "", "month": "", "year": ""} if field == "recovery_date" else ""
        for line in lines
        for field in ("commentary", "reason", "recovery_action", "owner", "recovery_date")
    }
    shown = {ex_field("owner", lines[0]): ["Enter who owns the recovery for OF-16, which is red"]}
    return plan() | {
        "quarter": quarter_of(CYCLE, 1),
        "lines": lines,
        "field_name": ex_field,
        "version": 0,
        "values": values,
        "shown": shown,
        "error_items": [(message[0], name) for name, message in shown.items()],
        "conflict": "Someone saved this return's exceptions since you opened it." if errors else None,
        "saved": not errors,
    }


def actions_context(plan: Callable[[], dict[str, Any]], errors: bool) -> dict[str, Any]:
    """Two actions of one objective, the second off track without a note (a finding, or a refused form)."""
    planned = [
        actions.PlannedAction(1, "Reducing waiting times", 1, "Cut waits", number, text, "Lead nurse", None)
        for number, text in ((1, "Recruit <two> keyworkers"), (2, "Open a clinic"))
    ]
    document = ActionsProgress(actions=[ActionProgress(grid=1, objective=1, action=2, status="off-track")])
    lines = actions.lines_of(planned, document)
    values = {
        field_name(field, line): {"day": "31", "month": "13", "year": "2027"} if field == "completed" else ""
        for line in lines
        for field in ("status", "note", "evidence", "completed")
    }
    problem = {field_name("completed", lines[0]): ["Action 1.1.1: enter a real date"]}
    shown = problem if errors else {field_name("note", lines[1]): ["Say why action 1.1.2 is off track"]}
    return plan() | {
        "quarter": quarter_of(CYCLE, 1),
        "groups": objective_groups(lines),
        "field_name": field_name,
        "statuses": [(status.value, label) for status, label in ACTION_STATUS_LABELS.items()],
        "version": 3,
        "values": values,
        "errors": problem if errors else {},
        "findings": {},
        "shown": shown,
        "error_items": [(message[0], name) for name, message in shown.items()],
        "conflict": "Someone saved this return's progress since you opened it." if errors else None,
        "saved": not errors,
    }
