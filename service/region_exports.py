"""A region's latest submissions as one streamed pack, and the finance reconciliation across plans."""

from collections.abc import Sequence
from decimal import Decimal
from functools import partial

from sqlalchemy import func
from sqlmodel import Session, col, select

from plan_schema.funding import Funding
from plan_schema.funding_totals import year_column
from plan_schema.vocabulary import PartName
from service import dashboards, plans
from service.db import SessionFactory
from service.documents.reconciliation_workbook import ReconciliationRow
from service.job_models import RegeneratedDocument
from service.models import Partnership, Plan, PlanCycle, Region, id_of, utc_now
from service.region_pack import PackEntry, pack_path
from service.timetable import local_date
from service.workflow_models import Submission, SubmissionDocument


def latest_submissions(region_id: int, cycle: PlanCycle, session: Session) -> Sequence[tuple[Partnership, Submission]]:
    """Each partnership of the region with the latest submission of its plan in the cycle, by name."""
    newest = (
        select(Submission.plan_id, func.max(Submission.number).label("number"))
        .group_by(col(Submission.plan_id))
        .subquery()
    )
    return session.exec(
        select(Partnership, Submission)
        .join(Plan, col(Plan.partnership_id) == col(Partnership.id))
        .join(Submission, col(Submission.plan_id) == col(Plan.id))
        .join(newest, (newest.c.plan_id == Submission.plan_id) & (newest.c.number == Submission.number))
        .where(Partnership.region_id == region_id, Plan.cycle_id == id_of(cycle))
        .order_by(col(Partnership.name))
    ).all()


def pack_entries(
    region_id: int, cycle: PlanCycle, *, session: Session, open_session: SessionFactory
) -> list[PackEntry]:
    """Every partnership's latest submission documents; each file is read only when its turn comes.

    A document regenerated since (service/regeneration.py, after a template change) is packed in its
    newest rendition; otherwise the one rendered at submission.
    """
    entries = []
    for partnership, submission in latest_submissions(region_id, cycle, session):
        submission_id = id_of(submission)
        regenerated = dict(
            session.exec(
                select(RegeneratedDocument.part, RegeneratedDocument.id).where(
                    RegeneratedDocument.submission_id == submission_id
                )
            ).all()
        )
        documents = session.exec(
            select(SubmissionDocument.part, SubmissionDocument.id, SubmissionDocument.filename)
            .where(SubmissionDocument.submission_id == submission_id)
            .order_by(col(SubmissionDocument.part))
        ).all()
        folder = f"submission {submission.number} ({submission.stage})"
        for part, document_id, filename in documents:
            if part in regenerated:
                content = partial(_read, open_session, RegeneratedDocument, regenerated[part] or 0)
            else:
                content = partial(_read, open_session, SubmissionDocument, document_id or 0)
            entries.append(
                PackEntry(
                    path=pack_path(partnership.name, folder, filename),
                    modified=submission.submitted_at,
                    content=content,
                )
            )
    return entries


def _read(
    open_session: SessionFactory, table: type[SubmissionDocument] | type[RegeneratedDocument], row_id: int
) -> bytes:
    """One stored document's bytes, in a short session of its own (streaming runs in worker threads)."""
    with open_session(writes=False) as session:
        document = session.get(table, row_id)
        return document.content if isinstance(document, SubmissionDocument | RegeneratedDocument) else b""


def _figures(funding: Funding, plan_year: str) -> tuple[Decimal | None, Decimal]:
    column = year_column(funding, plan_year)
    return (column.total if column else None), funding.table_2_totals.total


def reconciled_funding(standing: dashboards.PartnershipStanding) -> Funding | None:
    """The Part 4 a reconciliation reads: as last submitted, or the draft before any submission."""
    latest = standing.latest_submission
    if latest is not None and PartName.FUNDING.value in latest.parts:
        return Funding.model_validate(latest.parts[PartName.FUNDING.value])
    return standing.draft_funding


def reconciliation_row(
    region: str, standing: dashboards.PartnershipStanding, cycle: PlanCycle, funding: Funding | None
) -> ReconciliationRow:
    """One partnership's row: 1.14 and N15 of the plan year, rule status and lateness."""
    latest = standing.latest_submission
    total, spent = _figures(funding, cycle.plan_year) if funding else (None, None)
    return ReconciliationRow(
        region=region,
        partnership=standing.partnership,
        plan_year=cycle.plan_year,
        status=standing.status_label,
        submission=f"{latest.number} ({latest.stage})" if latest else "none (draft figures)",
        submitted_on=latest.submitted_at.date() if latest else None,
        days_late=latest.days_late if latest else None,
        total_funding_1_14=total,
        expenditure_n15=spent,
        errors=standing.errors,
        warnings=standing.warnings,
    )


def reconciliation_rows(regions: Sequence[Region], cycle: PlanCycle, *, session: Session) -> list[ReconciliationRow]:
    """One row per partnership: Part 4 as last submitted (or the draft, before any submission)."""
    rows = []
    today = local_date(utc_now())
    for region in regions:
        for standing in dashboards.region_dashboard(id_of(region), cycle, session=session, today=today):
            funding = reconciled_funding(standing)
            rows.append(reconciliation_row(region.name, standing, cycle, funding))
    return rows


def plan_reconciliation(view: plans.PlanView, *, session: Session) -> tuple[ReconciliationRow, Funding | None]:
    """One plan's row of its region's reconciliation, and the Part 4 it was read from."""
    standing = dashboards.plan_standing(view, session=session, today=local_date(utc_now()))
    funding = reconciled_funding(standing)
    region = session.get(Region, view.partnership.region_id)
    name = region.name if region is not None else ""
    return reconciliation_row(name, standing, view.cycle, funding), funding
