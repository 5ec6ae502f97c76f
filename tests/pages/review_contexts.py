"""Representative contexts of the reviewer's page templates, for tests/pages/test_templates.py."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from plan_schema.funding import Funding, FundingYear
from plan_schema.vocabulary import INDICATOR_TITLES, PART_TITLES, PartName, SubmissionStage
from service.access.identity import Member
from service.journey import agreed_targets, reviews, snapshot_diff
from service.oversight import dashboards
from service.pages.journey import diff_page, field_choices, review_forms, review_pages
from service.pages.oversight import region_dashboard
from service.pages.planning.plan_sections import DocumentLink, SubmittedEntry
from service.tables.access import Role
from service.tables.journey import AgreedTargets, Assessment, Comment, SignOff, Submission

REVIEWER = Member("session", 3, "reviewer@demo.example", Role.REVIEWER, region_id=5, csrf_token="token")
WHEN = datetime.datetime(2008, 1, 18, 10, tzinfo=datetime.UTC)


def _submission(number: int, stage: str, days_late: int) -> Submission:
    return Submission(
        id=number,
        plan_id=7,
        number=number,
        stage=stage,
        submitted_at=WHEN,
        submitted_by=1,
        due=datetime.date(2008, 1, 15),
        days_late=days_late,
        parts={},
        findings=[],
        content_sha256="0" * 64,
    )


def _entry(number: int, stage: str, days_late: int, parts: tuple[PartName, ...]) -> SubmittedEntry:
    documents = [
        DocumentLink(part, PART_TITLES[part], "Excel", f"/api/v1/plans/7/submissions/{number}/documents/{part.value}")
        for part in parts
    ]
    return SubmittedEntry(_submission(number, stage, days_late), f"/plans/7/submissions/{number}", documents)


# Part 4 with two years, so the comment on /table_1/1/police has a label; the other parts only as a whole.
FIELDS = field_choices.plan_fields(
    {PartName.FUNDING: Funding(table_1=[FundingYear(year="2007/08"), FundingYear(year="2008/09")])}
)


def _review(plan: dict[str, Any], **forms: review_forms.Posted) -> dict[str, Any]:
    comment = Comment(id=4, plan_id=7, part="funding", path="/table_1/1/police", body="Why?", author_id=3)
    comment.created_at = WHEN
    reply = Comment(id=5, plan_id=7, reply_to=4, part="funding", body="Because.\nSee 1.6.", author_id=1)
    reply.created_at = WHEN
    resolved = Comment(id=6, plan_id=7, body="Fine", author_id=3, resolved_at=WHEN, resolved_by=1)
    removed = Comment(id=8, plan_id=7, part="funding", path="/table_1/5/police", body="Gone?", author_id=3)
    removed.created_at = WHEN
    resolved.created_at = WHEN
    plan["view"].cycle.targets_agreed_due = datetime.date(2008, 5, 31)
    targets = AgreedTargets(plan_id=7, planned_change_pct={"1.1": "3", "1.2": "2.5"}, recorded_by=3, recorded_at=WHEN)
    return plan | {
        "caller": REVIEWER,
        "title": "Review and sign-off",
        "history": [_entry(2, "final", 0, ()), _entry(1, "initial", 3, (PartName.FUNDING,))],
        "assessments": [
            reviews.PanelAssessment(
                Assessment(
                    plan_id=7,
                    submission_id=1,
                    decision="revisions-requested",
                    comment="Fix 1.9",
                    assessed_by=3,
                    assessed_at=WHEN,
                ),
                _submission(1, "initial", 3),
            ),
            reviews.PanelAssessment(
                Assessment(
                    plan_id=7, submission_id=2, decision="accepted", comment="", assessed_by=3, assessed_at=WHEN
                ),
                _submission(2, "final", 0),
            ),
        ],
        "awaiting": _submission(2, "final", 0),
        "decisions": reviews.decision_choices(SubmissionStage.FINAL),
        "threads": review_pages.threads_of([comment, reply, resolved, removed]),
        "signatures": [SignOff(plan_id=7, submission_id=2, side="partnership", signed_by=1, signed_at=WHEN)],
        "targets": targets,
        "indicators": agreed_targets.AGREED_INDICATORS,
        "indicator_titles": INDICATOR_TITLES,
        "names": {1: "Pat Planner", 3: "Rita Reviewer"},
        "about_options": field_choices.select_options(
            FIELDS, forms.get("comment", review_forms.Posted()).values.get("about", "")
        ),
        "field_labels": FIELDS.labels,
        "forms": {"assessment": review_forms.Posted(), "comment": review_forms.Posted()}
        | {"reply": review_forms.Posted(), "targets": review_forms.Posted()}
        | forms,
        "error_list": [(text, name) for form in forms.values() for name, text in form.errors.items()],
        "done": review_pages.DONE["commented"],
        "can_assess": True,
        "can_discuss": True,
        "can_sign": True,
        "signing_side": "partnership",
        "can_record_targets": True,
        "can_confirm_targets": True,
    }


def _dashboard() -> dict[str, Any]:
    late = _submission(1, "initial", 3)
    rows = [
        dashboards.PartnershipStanding(
            1,
            "Birmingham",
            7,
            "initial-submitted",
            "initial submission made",
            late,
            2,
            5,
            "panel assessment due in 3 days",
            3,
        ),
        dashboards.PartnershipStanding(2, "Coventry", None, "not-started", "not started", None, 0, 0, None, None),
    ]
    return {
        "caller": REVIEWER,
        "region": SimpleNamespace(id=5, name="West Midlands"),
        "cycle": SimpleNamespace(plan_year="2008/09"),
        "cycle_id": 1,
        "rows": rows,
        "total": 3,
        "status": "initial-submitted",
        "sort": "days-late",
        "status_choices": region_dashboard.STATUS_CHOICES,
        "sort_headers": [(key, label, f"?sort={key}") for key, label in region_dashboard.SORT_COLUMNS.items()],
        "sort_choices": list(region_dashboard.SORT_COLUMNS.items()),
    }


def _diff(plan: dict[str, Any]) -> dict[str, Any]:
    before, after = _submission(1, "initial", 3), _submission(2, "final", 0)
    changes = snapshot_diff.diff_parts(
        {"funding": {"police": "1.00", "other": "x"}},
        {"funding": {"police": "2.00", "themes": []}, "targets": {"rows": [{"a": Decimal("1")}]}},
    )
    return plan | {
        "caller": REVIEWER,
        "title": "What changed",
        "history": [before, after],
        "before": before,
        "after": after,
        "changes": changes,
        "counts": {part: f"{count} fields changed" for part, count in snapshot_diff.summarise(changes).items()},
        "shown_value": diff_page.shown_value,
        "comment_href": diff_page.comment_href,
        "labels": {("funding", "/police"): "1.6 Police, 2008/09"},  # the other changes have no label
        "nothing_to_compare": None,
    }


def review_contexts(plan: Callable[[], dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The reviewer's templates, each with the contexts that exercise its branches."""
    refused = review_forms.Posted(
        {"decision": "revisions-requested", "comment": ""}, {"assessment-comment": "Say what needs revising"}
    )
    bad_reply = review_forms.Posted({"reply_to": "4", "body": ""}, {"reply-4": "A comment needs some text"})
    bad_targets = review_forms.Posted({"pct-1.1": "lots"}, {"pct-1.1": "Enter the agreed % change for 1.1"})
    bad_comment = review_forms.Posted(
        {"about": "funding|/table_1/5/police", "body": ""}, {"comment-body": "A comment needs some text"}
    )
    review = _review(plan())
    return {
        "region_dashboard.html": [_dashboard(), _dashboard() | {"rows": [], "status": ""}],
        "review.html": [
            review,
            _review(plan(), assessment=refused, reply=bad_reply, targets=bad_targets)
            | {
                "awaiting": _submission(1, "initial", 0),
                "decisions": reviews.decision_choices(SubmissionStage.INITIAL),
            },
            _review(plan(), comment=bad_comment),
            review
            | {"history": [], "assessments": [], "threads": [], "signatures": [], "done": None}
            | {"targets": AgreedTargets(plan_id=7), "can_assess": False, "can_discuss": False, "can_sign": False}
            | {"can_record_targets": False, "can_confirm_targets": False},
        ],
        "_agreed_targets.html": [review],
        "diff.html": [
            _diff(plan()),
            _diff(plan()) | {"changes": [], "counts": {}, "comment_href": None},
            _diff(plan()) | {"history": [], "before": None, "after": None},
            _diff(plan()) | {"before": None, "after": None, "nothing_to_compare": "The plan has no final submission."},
        ],
    }
