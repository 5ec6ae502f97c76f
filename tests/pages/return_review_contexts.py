"""Sample contexts for a submitted return's page under review (tests/pages/test_templates.py renders each)."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from plan_schema.quarterly_return import ACTION_STATUS_LABELS
from service.pages.journey.review_forms import Posted
from service.pages.returns.submission_page import REVIEW_TAGS, Item, ThreadView, choice_value
from service.returns import reviews
from service.returns.anchors import Anchor
from service.returns.quarters import quarter_of
from service.tables.return_reviews import AnchorKind
from tests.pages.admin_contexts import CYCLE

MOMENT = datetime.datetime(2008, 8, 3, tzinfo=datetime.UTC)
ON_ACTION = Anchor(AnchorKind.ACTION, "1.1.2")
ON_CELL = Anchor(AnchorKind.SPEND_CELL, "police", "Shared care / GP prescribing")


def _thread(number: int, anchor: Anchor, *, closed: str | None = None) -> reviews.Thread:
    question = SimpleNamespace(
        id=number,
        anchor_kind=anchor.kind.value,
        anchor_key=anchor.key,
        anchor_category=anchor.category,
        body="Why is <this> behind?",
        asked_by=3,
        asked_at=MOMENT,
        closed_at=MOMENT if closed else None,
        closed_by=3 if closed else None,
        closed_how=closed,
    )
    reply = SimpleNamespace(id=number * 10, body="A keyworker left.", author_id=1, created_at=MOMENT)
    return reviews.Thread(question, 1, [reply])  # type: ignore[arg-type,list-item]


def _context(plan: Callable[[], dict[str, Any]], *, reviewing: bool) -> dict[str, Any]:
    summary = reviews.ReviewSummary(7, 1, reviews.ReviewState.QUESTIONS_OPEN, 2, 1, 3, 1)
    action: dict[str, Any] = {"status": "at-risk", "note": "Paused", "evidence": "", "postholder": "Lead nurse"}
    metric: dict[str, Any] = {
        "value": "30.0%",
        "rag": "red",
        "commentary": "",
        "reason": "Deaths",
        "recovery_action": "Naloxone",
    }
    metric |= {"owner": "Lead", "recovery_date": datetime.date(2009, 3, 31)}
    action |= {"completed": datetime.date(2008, 6, 1), "due": datetime.date(2008, 9, 30)}
    posted = Posted({"about": choice_value(ON_ACTION), "body": ""}, {"question-body": "Enter your question"})
    reply = Posted({"question": "1", "body": ""}, {"reply-1": "Enter your reply"})
    return plan() | {
        "csrf_token": "token",
        "quarter": quarter_of(CYCLE, 1),
        "submission": SimpleNamespace(
            number=2, submitted_at=MOMENT, submitted_by=1, due=datetime.date(2008, 7, 31), content_sha256="0" * 64
        ),
        "lateness": "3 days late",
        "latest_number": 2 if reviewing else 3,
        "is_latest": reviewing,
        "summary": summary,
        "review_tag": REVIEW_TAGS[summary.state],
        "acceptances": [reviews.Acceptance(1, 3, MOMENT)],
        "accepted_this": not reviewing,
        "names": {1: "Priya Planner", 3: "Rosa Reviewer"},
        "status_labels": {status.value: label for status, label in ACTION_STATUS_LABELS.items()},
        "actions": [
            Item(ON_ACTION, "Action 1.1.2: Open a <clinic>", action, [ThreadView(_thread(1, ON_ACTION), True, True)])
        ],
        "metrics": [Item(Anchor(AnchorKind.METRIC, "OF-16"), "Metric OF-16: Deaths", metric, [])],
        "spend": {
            "sources": [("police", "1.6 Police")],
            "grid": [
                {
                    "category": ON_CELL.category,
                    "cells": [(Decimal("12.50"), ON_CELL.slug, 1)],
                    "total": Decimal("12.50"),
                }
            ],
            "cells": [
                Item(ON_CELL, "Spend on shared care", Decimal("12.50"), [ThreadView(_thread(2, ON_CELL), False, False)])
            ],
        },
        "elsewhere": [ThreadView(_thread(3, Anchor(AnchorKind.METRIC, "OF-9"), closed="resolved"), None, False)],
        "can_ask": reviewing,
        "can_resolve": reviewing,
        "about_options": [("Actions", [(choice_value(ON_ACTION), "Action 1.1.2")])],
        "choice_value": choice_value,
        "forms": {"question": posted if reviewing else Posted(), "reply": reply, "acceptance": Posted()},
        "error_list": [("Enter your question", "question-body")] if reviewing else [],
        "done": "Your question is added." if reviewing else None,
    }


def submitted_contexts(plan: Callable[[], dict[str, Any]]) -> list[dict[str, Any]]:
    """The latest submission as its reviewer sees it (a refused question), and an older, accepted one."""
    return [_context(plan, reviewing=True), _context(plan, reviewing=False)]
