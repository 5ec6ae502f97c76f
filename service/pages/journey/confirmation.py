"""The "Are you sure?" step before an action that cannot be undone: the panel's decision, a signature, publication.

A GOV.UK question page without JavaScript: it says what will happen and who will see it, and its
button posts the action (with what the person chose, kept in hidden fields); nothing happens until then.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from fastapi import Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from service.access.identity import Member
from service.pages.planning.plan_pages import plan_heading
from service.pages.rendering import render
from service.planning import plans

CONFIRMED = "yes"  # the value of the `confirmed` field the question page's button posts


@dataclass(frozen=True)
class Question:
    """What the page asks, what happens on "yes", where "yes" posts and where "no" goes back to."""

    question: str
    consequences: tuple[str, ...]
    action: str
    button: str
    back: str
    fields: Mapping[str, str] = field(default_factory=dict)


def confirmation_page(
    request: Request, view: plans.PlanView, member: Member, session: Session, asked: Question
) -> HTMLResponse:
    """The question page for an action on a plan."""
    context = plan_heading(view, session=session) | {"caller": member, "title": asked.question, "asked": asked}
    return render(request, "confirm.html", context)
