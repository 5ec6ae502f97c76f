"""Representative contexts for the notification templates: the outbox, one message, email settings."""

import datetime
from typing import Any

from service.access.identity import Member
from service.notifications.outbox import OutboxPage
from service.notifications.preferences import CADENCE_ERROR, CADENCE_LABELS
from service.pages.admin.messages_page import STATE_LABELS
from service.platform.pagination import PageRequest
from service.tables.access import Role
from service.tables.notifications import Message, MessageState

ADMIN = Member("session", 9, "admin@demo.example", Role.ADMIN, csrf_token="token")
PLANNER = Member("session", 1, "planner@demo.example", Role.PLANNER, partnership_id=1, csrf_token="token")
AT = datetime.datetime(2027, 1, 8, 9, 5, tzinfo=datetime.UTC)
FAILED = Message(
    id=2, kind="deadline-reminder", recipient_user_id=1, address="planner@demo.example",
    subject="Make the initial submission of Birmingham's 2027/28 plan by Friday 15 January 2027",
    body="It is due on Friday 15 January 2027, in 7 days.", link="/plans/1/submit/initial",
    state=MessageState.FAILED.value, attempts=6, last_error="The relay answered 550 No such mailbox",
    created_at=AT, next_attempt_at=AT, sent_at=None, digest_id=3,
)  # fmt: skip
OPTIONS = [(cadence.value, label) for cadence, label in CADENCE_LABELS.items()]


def notification_contexts() -> dict[str, list[dict[str, Any]]]:
    """Each notification template with a full and an empty or erroneous context."""
    by_state = {MessageState.FAILED.value: 1}
    return {
        "notifications/messages.html": [
            {
                "caller": ADMIN,
                "outbox": OutboxPage([FAILED], 120, by_state),
                "page": PageRequest(2, 50),
                "state": None,
                "states": STATE_LABELS,
                "relay": False,
                "pages": 3,
            },
            {
                "caller": ADMIN,
                "outbox": OutboxPage([], 0, {}),
                "page": PageRequest(1, 50),
                "state": MessageState.SENT,
                "states": STATE_LABELS,
                "relay": True,
                "pages": 1,
            },
        ],
        "notifications/message.html": [
            {"caller": ADMIN, "message": FAILED, "text": FAILED.body, "states": STATE_LABELS, "relay": True},
        ],
        "notifications/preferences.html": [
            {
                "caller": PLANNER,
                "version": 0,
                "chosen": "immediate",
                "options": OPTIONS,
                "error": None,
                "error_list": [],
                "saved": True,
            },
            {
                "caller": PLANNER,
                "version": 2,
                "chosen": "",
                "options": OPTIONS,
                "error": CADENCE_ERROR,
                "error_list": [(CADENCE_ERROR, "cadence")],
                "saved": False,
            },
        ],
    }
