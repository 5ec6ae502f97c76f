"""Reading the audit log: a plan's events for its own people, everything for admins, as JSON or CSV."""

import csv
import io
import json
from collections.abc import Sequence

from sqlalchemy import func
from sqlmodel import Session, col, select

from service.platform.pagination import PageRequest
from service.platform.spreadsheet_text import safe_text
from service.tables.access import AuditEvent

CSV_COLUMNS = ("at", "action", "user_id", "email", "address", "object_type", "object_id", "detail")


def events(*, session: Session, page: PageRequest, plan_id: int | None = None) -> tuple[Sequence[AuditEvent], int]:
    """Events newest first, optionally only those about one plan."""
    query = select(AuditEvent)
    if plan_id is not None:
        query = query.where(AuditEvent.object_type == "plan", AuditEvent.object_id == str(plan_id))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(col(AuditEvent.id).desc()).offset(page.offset).limit(page.page_size)).all()
    return rows, total


def as_csv(rows: Sequence[AuditEvent]) -> str:
    """The events as CSV, safe to open in a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for event in rows:
        values = [
            event.at.isoformat(),
            event.action,
            event.user_id,
            event.email,
            event.address,
            event.object_type,
            event.object_id,
            json.dumps(event.detail, sort_keys=True, ensure_ascii=False),
        ]
        writer.writerow([safe_text(value) for value in values])
    return buffer.getvalue()
