"""The outbox, for administrators: every message with its state and failures, and one message's text."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from service.access.guards import Admin
from service.notifications import delivery, one_time_links, outbox
from service.pages.rendering import render
from service.platform.deps import PageDep, SessionDep, SettingsDep
from service.platform.errors import InvalidInput
from service.platform.ids import DbId
from service.platform.settings import Settings
from service.tables.notifications import Message, MessageState

router = APIRouter(include_in_schema=False)

STATE_LABELS = {
    MessageState.QUEUED: ("Queued", "govuk-tag--grey"),
    MessageState.SENDING: ("Sending", "govuk-tag--blue"),
    MessageState.SENT: ("Sent", "govuk-tag--green"),
    MessageState.FAILED: ("Failed", "govuk-tag--red"),
    MessageState.HELD: ("Held for digest", "govuk-tag--yellow"),
    MessageState.DIGESTED: ("In a digest", "govuk-tag--purple"),
}


@router.get("/admin/messages", response_class=HTMLResponse)
def message_list(
    request: Request,
    caller: Admin,
    session: SessionDep,
    settings: SettingsDep,
    page: PageDep,
    state_name: Annotated[str | None, Query(alias="state", max_length=20)] = None,
) -> HTMLResponse:
    """Every message, newest first: to whom, about what, whether it went, and what the relay last answered."""
    state = _state(state_name)
    found = outbox.list_messages(session=session, page=page, state=state)
    context = {
        "caller": caller,
        "outbox": found,
        "page": page,
        "state": state,
        "states": STATE_LABELS,
        "relay": settings.smtp_url is not None,
        "pages": max(1, -(-found.total // page.page_size)),
    }
    return render(request, "notifications/messages.html", context)


def _state(name: str | None) -> MessageState | None:
    """The state a filter names, or InvalidInput naming the states there are."""
    if not name:
        return None
    try:
        return MessageState(name)
    except ValueError:
        known = ", ".join(state.value for state in MessageState)
        raise InvalidInput.at("state", f"there is no message state {name!r}: choose one of {known}") from None


@router.get("/admin/messages/{message_id}", response_class=HTMLResponse)
def message_page(
    message_id: DbId, request: Request, caller: Admin, session: SessionDep, settings: SettingsDep
) -> HTMLResponse:
    """One message as its recipient reads it, with its delivery."""
    message = outbox.get_message(message_id, session=session)
    context = {
        "caller": caller,
        "message": message,
        "text": _readable(message, settings),
        "states": STATE_LABELS,
        "relay": settings.smtp_url is not None,
    }
    return render(request, "notifications/message.html", context)


def _readable(message: Message, settings: Settings) -> str:
    """The message as sent, but a one-time link only where no relay is configured (the outbox is its way there)."""
    text = delivery.text_of(message, settings)
    return one_time_links.struck(text) if settings.smtp_url is not None else text
