"""Every page template renders with representative context (a template no test renders fails here)."""

import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from jinja2 import StrictUndefined

from plan_schema.funding import Funding, FundingYear
from plan_schema.vocabulary import EXPENDITURE_SOURCES, FUNDING_ROWS, PartName
from service.access.identity import ANONYMOUS, Member
from service.journey.next_steps import NextStep, Urgency
from service.journey.progress import Progress
from service.pages import templates
from service.pages.journey.confirmation import Question
from service.pages.journey.open_comments import OpenComment
from service.pages.planning import funding_form
from service.pages.planning.personal_lists import NewsItem, OpenDeadline, WhatIsNew, YourDeadlines
from service.pages.planning.plan_pages import TaskListItem, heading_context
from service.planning import workflow
from service.planning.part_status import PartStatus
from service.planning.plans import Startable
from service.planning.timetable import Deadline
from service.platform.settings import PROJECT_ROOT
from service.tables.access import Role
from tests.pages.account_contexts import account_contexts
from tests.pages.admin_contexts import admin_contexts
from tests.pages.matrix_contexts import matrix_contexts
from tests.pages.monitoring_contexts import monitoring_contexts
from tests.pages.notification_contexts import notification_contexts
from tests.pages.part_contexts import part_contexts
from tests.pages.region_returns_contexts import region_returns_contexts
from tests.pages.returns_contexts import returns_contexts
from tests.pages.review_contexts import review_contexts
from tests.pages.spend_contexts import spend_contexts
from tests.pages.submit_contexts import plan_sections, submit_contexts

TEMPLATES = PROJECT_ROOT / "templates"
# Strict: a variable a template uses but its context lacks fails here, not as a blank on a live page.
STRICT = templates.env.overlay(undefined=StrictUndefined)
PLANNER = Member("session", 1, "planner@demo.example", Role.PLANNER, partnership_id=1, csrf_token="token")


def _plan() -> dict[str, Any]:
    view = SimpleNamespace(
        plan=SimpleNamespace(id=7),
        partnership=SimpleNamespace(name="Birmingham Drug Action Team"),
        cycle=SimpleNamespace(plan_year="2008/09"),
    )
    latest = SimpleNamespace(
        number=1,
        stage="initial",
        parts={"funding": {}, "strategic-summary": {}},
        submitted_at=datetime.datetime(2008, 1, 18, tzinfo=datetime.UTC),
        days_late=3,
        due=datetime.date(2008, 1, 15),
    )
    deadline = Deadline("final submission (all four parts)", datetime.date(2008, 3, 15))
    progress = Progress(workflow.PlanStatus.ACCEPTED, deadline, latest, datetime.date(2008, 3, 1))  # type: ignore[arg-type]
    step = NextStep(
        7, "Birmingham Drug Action Team 2008/09", "Make the final submission by 15 March 2008", "/x", None, Urgency.ACT
    )
    context = {
        "title": "A plan",
        "caller": PLANNER,
        "next_step": step,
        "revisions_requested": False,
        "open_comments": [],
    }
    return heading_context(view, progress) | context  # type: ignore[arg-type]


def _funding() -> dict[str, Any]:
    funding = Funding(table_1=[FundingYear(year="2007/08"), FundingYear(year="2008/09", police="10.00")])
    values = funding_form.form_values(funding)
    police = funding_form.table_1_name("2008/09", "police")
    return _plan() | {
        "funding": funding,
        "part_name": "Part 4",
        "table_1_rows": FUNDING_ROWS,
        "sources": EXPENDITURE_SOURCES,
        "names": funding_form,
        "values": values | {police: "12.345"},
        "errors": {police: ["Enter an amount in pounds and pence"], "table_2-total-total": ["N15 must equal 1.14"]},
        "warnings": {"table_2-0-police": ["should equal 1.6"], "table-1": ["mainstream fell"]},
        "error_list": [("1.6 Police, 2008/09: Enter an amount", police)],
        "changed": {funding_form.table_1_name("2008/09", "probation"): "4321.00"},
        "labels": {name: name for name in values},
        "version": 3,
        "theirs_only": {funding_form.table_1_name("2008/09", "probation"): "Changed by Ann since you opened the form"},
        "conflicts": [],
        "conflicts_json": "[]",
        "unchosen": {},
        "refusal": None,
        "editable": True,
        "notice": "Someone else saved Part 4",
        "saved": True,
        "saved_message": "Part 4 is saved and its totals are worked out again.",
    }


def _open_comments() -> dict[str, Any]:
    """Revisions requested, with one comment on a field and one on the whole plan."""
    assessed = datetime.datetime(2008, 2, 10, tzinfo=datetime.UTC)
    assessment = SimpleNamespace(assessment=SimpleNamespace(assessed_at=assessed, comment="Explain 1.7"))
    plan = _plan()
    comment = SimpleNamespace(id=4, body="Why did police funding fall?")
    return plan | {
        "revisions_requested": True,
        "progress": SimpleNamespace(assessment=assessment, deadline=plan["progress"].deadline),
        "open_comments": [
            OpenComment(comment, "Part 4 — 1.6 Police, 2008/09", "/plans/7/funding#x", "/plans/7/review#comment-4"),  # type: ignore[arg-type]
            OpenComment(comment, "The plan", None, "/plans/7/review#comment-4"),  # type: ignore[arg-type]
        ],
    }


# The start page's news: a first sign-in with more than it shows, and a later one with nothing new.
WHAT_IS_NEW = [
    WhatIsNew(
        "9:30am on Friday 1 February 2008",
        True,
        [NewsItem("Birmingham's 2008/09 plan: revisions requested", "/plans/7/review#assessment", "9:31am on …")],
        True,
    ),
    WhatIsNew("9:30am on Friday 1 February 2008", False, [], False),
]
MARCH_14, JUNE_30 = datetime.date(2008, 3, 14), datetime.date(2008, 6, 30)
YOUR_DEADLINES = [
    YourDeadlines(
        [
            OpenDeadline("Make the final submission of Birmingham's 2008/09 plan", "/plans/7", MARCH_14, True),
            OpenDeadline("Complete action 1.2.1 of Birmingham's 2008/09 plan", "/plans/7/returns", JUNE_30, False),
        ],
        3,
    ),
    YourDeadlines([], 0),
]
CONTEXTS: dict[str, list[dict[str, Any]]] = {
    "layout.html": [{"caller": PLANNER}, {"caller": ANONYMOUS}],
    "macros/govuk.html": [{}],
    "macros/funding_tables.html": [{}],
    "macros/funding_form.html": [{}],
    "macros/submissions.html": [{}],
    "error.html": [{"status": 401, "title": "Sign in", "detail": "", "caller": None}],
    "sign_in.html": [
        {"csrf_token": "t", "error": "The email address or password is not right.", "email": "a@b.example"}
    ],
    "home.html": [
        {"caller": ANONYMOUS, "plans": [], "plan_years": "", "heading": "", "startable": [], "news": None},
        {
            "caller": PLANNER,
            "plans": [SimpleNamespace(view=_plan()["view"], progress=_plan()["progress"])],
            "plan_years": "2008/09",
            "heading": "Your partnership's plans",
            "attention": [_plan()["next_step"]],
            "startable": [
                Startable(SimpleNamespace(id=2, plan_year="2009/10", previous_year="2008/09"), "2008/09"),  # type: ignore[arg-type]
                Startable(SimpleNamespace(id=3, plan_year="2010/11", previous_year="2009/10"), None),  # type: ignore[arg-type]
            ],
            "no_earlier_plan": "There is no earlier plan of Birmingham Drug Action Team's to start from",
            "news": WHAT_IS_NEW[0],
            "deadlines": YOUR_DEADLINES[0],
        },
    ],
    "_your_deadlines.html": [{"deadlines": deadlines} for deadlines in YOUR_DEADLINES],
    "_what_is_new.html": [{"news": news} for news in WHAT_IS_NEW],
    "_plan_heading.html": [_plan()],
    "_open_comments.html": [_plan(), _open_comments()],
    "confirm.html": [
        _plan()
        | {
            "asked": Question(
                "Are you sure you want to request revisions?",
                ("The decision is recorded.", "Your comment: “Explain 1.7”"),
                "/plans/7/review/assessment",
                "Yes, record the decision",
                "/plans/7/review#assessment",
                {"decision": "revisions-requested", "comment": "Explain 1.7"},
            )
        }
    ],
    "_carried_over.html": [
        {"carried_over": [], "carried_over_href": None},
        {"carried_over": ["1.1.1"], "carried_over_href": None},
        {"carried_over": ["1.1.1", "2.1.1"], "carried_over_href": "/plans/7/planning-grids"},
    ],
    "_next_step.html": [
        _plan(),
        _plan() | {"next_step": NextStep(7, "B", "Nothing more is due.", None, None, Urgency.WAIT)},
    ],
    "plan.html": [
        _plan()
        | {
            "tasks": [
                TaskListItem(PartName.FUNDING, "Part 4", "/plans/7/funding", PartStatus.HAS_ERRORS, 2, 1),
                TaskListItem(PartName.TARGETS, "Part 2", None, PartStatus.COMPLETED, 0, 0),
            ],
            "reports_quarterly": reports,
            "carried_over": ["1.1.1", "2.1.1"] if reports else [],
            "carried_over_href": "/plans/7/planning-grids",
        }
        for reports in (False, True)
    ],
    "funding.html": [_funding(), _funding() | {"refusal": "Your role does not change it.", "editable": False}],
    "funding_unreadable.html": [_plan()],
}

CONTEXTS |= review_contexts(_plan)
CONTEXTS |= admin_contexts(_plan)
CONTEXTS |= submit_contexts(_plan)
CONTEXTS |= part_contexts(_plan)
CONTEXTS |= monitoring_contexts()
CONTEXTS |= matrix_contexts()
CONTEXTS |= spend_contexts(_plan)
CONTEXTS |= returns_contexts(_plan)
CONTEXTS |= notification_contexts()
CONTEXTS |= region_returns_contexts(_plan)
CONTEXTS |= account_contexts()
CONTEXTS["plan.html"] = [
    context | plan_sections() | CONTEXTS["monitoring/_part_2_judgements.html"][1] for context in CONTEXTS["plan.html"]
]
CONTEXTS["home.html"].append(CONTEXTS["home.html"][-1] | {"dashboards": [SimpleNamespace(id=5, name="West Midlands")]})
CONTEXTS["home.html"].append(CONTEXTS["home.html"][-1] | {"attention": []})


def _page_templates() -> list[str]:
    found = (path.relative_to(TEMPLATES).as_posix() for path in TEMPLATES.rglob("*.html"))
    return sorted(name for name in found if not name.startswith("documents/"))


def test_every_page_template_has_a_representative_context() -> None:
    assert set(_page_templates()) == set(CONTEXTS)


@pytest.mark.parametrize("name", _page_templates())
def test_the_template_renders(name: str) -> None:
    for context in CONTEXTS[name]:
        html = STRICT.get_template(name).render(context)

        # A partial is named with a leading underscore, in a folder or not (monitoring/_scorecard_metric.html).
        partial = name.rpartition("/")[2].startswith("_")
        if name.endswith(".html") and not name.startswith("macros/") and not partial:
            assert html.lstrip().startswith("<!DOCTYPE html>")
            assert '<html lang="en-GB"' in html


def test_templates_escape_what_users_typed() -> None:
    context = _funding()
    police = funding_form.table_1_name("2008/09", "police")
    context["values"] = context["values"] | {police: '"><script>alert(1)</script>'}

    html = templates.get_template("funding.html").render(context)

    # Shown back in its box, escaped: the user sees what they typed and the browser runs none of it.
    assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert "<script>alert(1)</script>" not in html


def test_a_submissions_parts_are_listed_in_plan_order_whatever_order_they_were_stored_in() -> None:
    html = STRICT.get_template("_plan_heading.html").render(_plan())

    assert "Submission 1 (initial: strategic summary, funding)" in html


def test_the_review_page_shows_the_submission_history_newest_first_with_lateness_and_documents() -> None:
    html = STRICT.get_template("review.html").render(CONTEXTS["review.html"][0])
    history = html.split('id="submission-history"')[1].split("</table>")[0]

    assert "Submissions, newest first" in history
    assert history.index('href="/plans/7/submissions/2">2: final</a>') < history.index(
        'href="/plans/7/submissions/1">1: initial</a>'
    )
    assert '<strong class="govuk-tag govuk-tag--red">3 days late</strong>' in history
    assert "(due 15 January 2008)" in history
    assert "On time" in history
    assert (
        '<a class="govuk-link" href="/api/v1/plans/7/submissions/1/documents/funding">Part 4 (Excel)'
        '<span class="govuk-visually-hidden"> from submission 1</span></a>'
    ) in history
    assert 'href="/plans/7/diff">See what changed between submissions</a>' in html
