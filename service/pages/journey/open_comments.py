"""The comments still open on a plan, each with where its field is on the part page and where to answer it.

What the panel asked for has to be findable from the plan page, not only from the review page's
thread: each open comment links to the field it is about (the part page's field id, as
field_choices finds it) and to its thread on the review page (reply, mark as resolved). No HTTP.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import BaseModel
from sqlmodel import Session

from plan_schema.vocabulary import PART_SHORT_TITLES, PartName
from service.access import accounts
from service.journey import reviews
from service.pages.journey import field_choices
from service.planning import parts, plans
from service.tables.columns import id_of
from service.tables.journey import Comment


@dataclass(frozen=True)
class OpenComment:
    """An open comment: what it is about, what it says, and the two places to go."""

    comment: Comment
    about: str  # "Part 4 — 1.6 Police, 2027/28", or "The plan"
    field_href: str | None
    thread_href: str
    author: str = "Someone"
    # The part page's id of the field it is shown beside, or None for a comment on the whole part or plan.
    field_id: str | None = None


def _field_id(part: PartName, model: BaseModel | None, pointer: str) -> str | None:
    """The part page's id for a location, or for the nearest enclosing one it shows."""
    if not isinstance(model, field_choices.PAGES[part].model):
        return None
    page = field_choices.PAGES[part]
    shown = field_choices.ANCHORS[part](model, page.form_values(model))
    segments = pointer.strip("/").split("/")
    while segments:
        found = shown.get("/".join(segments))
        if found is not None:
            return found
        segments.pop()
    return None


def _about(comment: Comment, fields: field_choices.PlanFields) -> str:
    if not comment.part:
        return "The plan"
    short = PART_SHORT_TITLES[PartName(comment.part)]
    label = field_choices.label_of(fields, comment.part, comment.path) if comment.path else None
    return f"{short} — {label}" if label else short


def open_comments(view: plans.PlanView, *, session: Session) -> list[OpenComment]:
    """The plan's unresolved comments (not replies), oldest first."""
    open_ones = reviews.open_comments_of(view, session=session)
    if not open_ones:
        return []
    plan_id = id_of(view.plan)
    models: Mapping[PartName, BaseModel | None] = {
        part: stored.model for part, stored in parts.read_parts(plan_id, session=session).items()
    }
    fields = field_choices.plan_fields(models)
    names = accounts.names_of((comment.author_id for comment in open_ones), session=session)
    found = []
    for comment in open_ones:
        field_href, field_id = None, None
        if comment.part in {name.value for name in PartName}:
            part = PartName(comment.part)
            page = f"/plans/{plan_id}/{field_choices.PAGES[part].path}"
            field_id = _field_id(part, models.get(part), comment.path or "")
            field_href = field_choices.field_href(page, part, field_id or "")
        thread = f"/plans/{plan_id}/review#comment-{comment.id}"
        author = names.get(comment.author_id, "Someone")
        found.append(OpenComment(comment, _about(comment, fields), field_href, thread, author, field_id))
    return found


def on_part(view: plans.PlanView, part: PartName, *, session: Session) -> dict[str, list[OpenComment]]:
    """The open comments on one part, by the id of the field each is shown beside ("" for the whole part)."""
    by_field: dict[str, list[OpenComment]] = {}
    for item in open_comments(view, session=session):
        if item.comment.part == part.value:
            by_field.setdefault(item.field_id or "", []).append(item)
    return by_field
