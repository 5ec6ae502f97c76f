"""Representative contexts of the submission journey's templates, for tests/pages/test_templates.py."""

import datetime
from collections.abc import Callable
from typing import Any

from plan_schema.vocabulary import PartName, SubmissionStage
from service.pages.journey.attachment_pages import KIND_CHOICES, KIND_NAMES, size_text
from service.pages.journey.check_answers import AnswerRow
from service.pages.journey.submit_pages import PartAnswers
from service.pages.planning.plan_sections import NextSubmission, SubmittedEntry, draft_documents
from service.planning.part_status import PartStatus
from service.tables.journey import Attachment, Submission
from validators.findings import Finding, Severity

WHEN = datetime.datetime(2008, 1, 18, 10, tzinfo=datetime.UTC)


def _entry(days_late: int) -> SubmittedEntry:
    submission = Submission(
        id=3,
        plan_id=7,
        number=1,
        stage="initial",
        submitted_at=WHEN,
        submitted_by=1,
        due=datetime.date(2008, 1, 15),
        days_late=days_late,
        parts={"strategic-summary": {}, "funding": {}},
        findings=[],
        content_sha256="0" * 64,
    )
    documents = [link for link in draft_documents(7) if link.part in (PartName.STRATEGIC_SUMMARY, PartName.FUNDING)]
    return SubmittedEntry(submission, "/plans/7/submissions/3", documents)


def plan_sections(blocked: bool = True) -> dict[str, Any]:
    """The plan page's submission, history and documents sections."""
    blocking = ("Part 4 has 1 error to correct.",) if blocked else ()
    return {
        "next_submission": NextSubmission(
            SubmissionStage.INITIAL, "Parts 1 and 4", "/plans/7/submit/initial", blocking
        ),
        "history": [_entry(3), _entry(0)],
        "drafts": draft_documents(7),
    }


def _answers() -> list[PartAnswers]:
    error = Finding("F-014", Severity.ERROR, PartName.FUNDING, "/table_2_totals/total", "N15 must equal 1.14", "§1.14")
    warning = Finding("F-020", Severity.WARNING, PartName.FUNDING, "/table_1/1/police", "fell", "§Part 4")
    return [
        PartAnswers(PartName.STRATEGIC_SUMMARY, "Part 1", PartStatus.COMPLETED, [], [], None, []),
        PartAnswers(
            PartName.FUNDING,
            "Part 4",
            PartStatus.HAS_ERRORS,
            [error],
            [warning],
            "/plans/7/funding",
            [AnswerRow("1.6 Police, 2008/09", ("£10.00",), "/plans/7/funding#table_1-2008-09-police")],
        ),
    ]


def submit_contexts(plan: Callable[[], dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Each template of the journey: check answers (blocked, declarable, refused), confirmation, uploads."""
    check = plan() | {
        "stage": "initial",
        "parts_text": "Parts 1 and 4",
        "answers": _answers(),
        "blocking": ("Part 4 has 1 error to correct.", "The harm reduction strategy self-audit is not attached."),
        "self_audit_required": True,
        "self_audit_attached": False,
        "refusal": None,
        "can_submit": False,
        "error_list": [],
        "declaration_error": None,
    }
    declarable = check | {"blocking": (), "self_audit_attached": True, "can_submit": True}
    undeclared = declarable | {
        "error_list": [("Confirm the declaration", "declaration")],
        "declaration_error": "Confirm the declaration",
    }
    attachment = Attachment(
        id=2,
        plan_id=7,
        kind="harm-reduction-self-audit",
        filename="audit.pdf",
        media_type="application/pdf",
        size=40_000,
        sha256="0" * 64,
        content=b"",
        uploaded_by=1,
        uploaded_at=WHEN,
    )
    uploads = plan() | {
        "attachments": [attachment],
        "kind_names": KIND_NAMES,
        "kind_choices": KIND_CHOICES,
        "kind": "supporting",
        "allowed": "PDF document",
        "max_mb": 10,
        "self_audit_required": True,
        "size_text": size_text,
        "errors": {"file": "The file is not one we accept."},
        "error_list": [("The file is not one we accept.", "file")],
        "refusal": None,
        "added": True,
        "removed": True,
        "removable": {attachment.id},
    }
    workbook = plan()
    workbook["view"].cycle.id = 4  # the blank template's link names the cycle
    workbook |= {
        "version": 3,
        "refusal": None,
        "problems": ["Table 1!C9: must not be negative"],
        "summary": "The workbook has 1 problem, listed above. Nothing was imported.",
        "error_list": [("Table 1!C9: must not be negative", "workbook")],
        "max_mb": 5,
    }
    entry = _entry(3)
    return {
        "_plan_sections.html": [plan() | plan_sections(), plan() | plan_sections(False) | {"next_submission": None}],
        "submit.html": [check, declarable, undeclared, check | {"refusal": "Only the planner can submit."}],
        "submitted.html": [
            plan() | {"entry": entry, "submission": entry.submission, "parts_text": "Parts 1 and 4"},
            plan() | {"entry": _entry(0), "submission": _entry(0).submission, "parts_text": "Parts 1 and 4"},
        ],
        "attachments.html": [
            uploads,
            uploads | {"removable": {-1}},
            uploads | {"attachments": [], "errors": {}, "error_list": [], "refusal": "No.", "removable": set()},
        ],
        "funding_import.html": [
            workbook,
            workbook | {"problems": [], "summary": "", "error_list": [], "refusal": "No."},
        ],
    }
