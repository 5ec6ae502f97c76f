"""Importing a filled Part 4 workbook into a plan: the one way in for the API and the upload page."""

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from plan_schema.vocabulary import PartName
from service.documents.funding_import import read_funding_workbook
from service.planning import exports, parts, plans, validation
from service.planning.timetable import local_date
from service.tables.columns import utc_now


def import_funding_workbook(
    view: plans.PlanView,
    data: bytes,
    *,
    expected_version: int,
    by: int,
    session: Session,
    locked: Mapping[str, Any] | None = None,
) -> parts.StoredPart:
    """Read the workbook against the plan's years and partnership, then replace Part 4 with its figures.

    All or nothing: a workbook with any problem raises WorkbookRejected naming every cell; a save by someone
    else since `expected_version` raises PreconditionFailed, a frozen part PlanLocked; nothing is stored then.
    `locked` is the plan's and Part 4's rows as the caller's policy locked them, if it did (parts.replace_part).
    """
    funding = read_funding_workbook(data, exports.document_context(view, local_date(utc_now())))
    return validation.save_part(
        view,
        PartName.FUNDING,
        funding,
        expected_version=expected_version,
        session=session,
        changed_by=by,
        locked=locked,
    )
