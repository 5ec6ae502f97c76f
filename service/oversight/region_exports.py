"""A region's latest submissions as one streamed pack, and the finance reconciliation across plans."""

from collections.abc import Sequence
from decimal import Decimal
from functools import partial

from sqlmodel import Session, col, select

from plan_schema import funding_totals
from plan_schema.funding import Funding
from plan_schema.funding_totals import SOURCE_FIELDS, expenditure_source_total, year_column
from plan_schema.vocabulary import PartName
from service.documents.reconciliation_workbook import ReconciliationRow, render_reconciliation_xlsx
from service.documents.region_index_workbook import render_region_index_xlsx
from service.oversight import dashboards
from service.oversight.region_pack import PackEntry, pack_path, safe_pack_path
from service.planning import plans, submitted
from service.planning.timetable import local_date
from service.platform.db import SessionFactory
from service.tables.columns import id_of, utc_now
from service.tables.jobs import RegeneratedDocument
from service.tables.journey import Attachment, Submission, SubmissionDocument
from service.tables.plans import Partnership, Plan, PlanCycle, Region


def latest_submissions(region_id: int, cycle: PlanCycle, session: Session) -> Sequence[tuple[Partnership, Submission]]:
    """Each partnership of the region with the latest submission of its plan in the cycle, by name."""
    newest = submitted.newest_numbers()
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
    """Every partnership's latest submission with its attachments, then the region's index and reconciliation.

    Each file is read only when its turn comes. A document regenerated since (service/oversight/regeneration.py,
    after a template change) is packed in its newest rendition; otherwise the one rendered at submission.
    Attachments are those the plan had when it was submitted (uploaded at or before that moment).
    """
    entries = []
    folders: dict[str, str] = {}
    for partnership, submission in latest_submissions(region_id, cycle, session):
        folder = pack_path(partnership.name, f"submission {submission.number} ({submission.stage})")
        folders[partnership.name] = safe_pack_path(folder)
        entries += _submission_entries(submission, folder, session=session, open_session=open_session)
    region = session.get(Region, region_id)
    region_name = region.name if region is not None else ""
    rows = reconciliation_rows([region], cycle, session=session) if region is not None else []
    today = local_date(utc_now())
    index_title = f"{region_name}: index of submissions {cycle.plan_year}"
    located = [folders.get(row.partnership) if row.submitted_on is not None else None for row in rows]
    entries.append(
        PackEntry(
            pack_path(f"{region_name} index {cycle.plan_year}.xlsx"),
            utc_now(),
            partial(render_region_index_xlsx, rows, located, title=index_title, document_date=today),
        )
    )
    reconciliation_title = f"{region_name}: Part 4 reconciliation {cycle.plan_year}"
    entries.append(
        PackEntry(
            pack_path(f"{region_name} reconciliation {cycle.plan_year}.xlsx"),
            utc_now(),
            partial(render_reconciliation_xlsx, rows, title=reconciliation_title, document_date=today),
        )
    )
    return entries


def _submission_entries(
    submission: Submission, folder: str, *, session: Session, open_session: SessionFactory
) -> list[PackEntry]:
    """One submission's documents, newest renditions, then the plan's attachments at submission."""
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
    entries = []
    for part, document_id, filename in documents:
        if part in regenerated:
            content = partial(_read, open_session, RegeneratedDocument, regenerated[part] or 0)
        else:
            content = partial(_read, open_session, SubmissionDocument, document_id or 0)
        entries.append(PackEntry(f"{folder}/{pack_path(filename)}", submission.submitted_at, content))
    attachments = session.exec(
        select(Attachment.id, Attachment.kind, Attachment.filename, Attachment.uploaded_at)
        .where(Attachment.plan_id == submission.plan_id, col(Attachment.uploaded_at) <= submission.submitted_at)
        .order_by(col(Attachment.uploaded_at), col(Attachment.id))
    ).all()
    for attachment_id, kind, filename, uploaded_at in attachments:
        content = partial(_read, open_session, Attachment, attachment_id or 0)
        entries.append(PackEntry(f"{folder}/{pack_path('attachments', kind, filename)}", uploaded_at, content))
    return entries


def _read(
    open_session: SessionFactory,
    table: type[SubmissionDocument] | type[RegeneratedDocument] | type[Attachment],
    row_id: int,
) -> bytes:
    """One stored file's bytes, in a short session of its own (streaming runs in worker threads)."""
    with open_session(writes=False) as session:
        document = session.get(table, row_id)
        return document.content if isinstance(document, SubmissionDocument | RegeneratedDocument | Attachment) else b""


def _figures(funding: Funding, plan_year: str) -> tuple[Decimal | None, Decimal]:
    column = year_column(funding, plan_year)
    return (column.total if column else None), funding.table_2_totals.total


def reconciled_funding(standing: dashboards.PartnershipStanding) -> Funding | None:
    """The Part 4 a reconciliation reads: as last submitted, or the draft before any submission."""
    latest = standing.latest_submission
    if latest is not None and PartName.FUNDING.value in latest.parts:
        return Funding.model_validate(latest.parts[PartName.FUNDING.value])
    return standing.draft_funding


def _submission_label(standing: dashboards.PartnershipStanding, funding: Funding | None) -> str:
    """The latest submission, or why there is none: not started, or figures only drafted so far."""
    latest = standing.latest_submission
    if latest is not None:
        return f"{latest.number} ({latest.stage})"
    if standing.status == dashboards.NOT_STARTED:
        return "none (not started)"
    return "none (draft figures)" if funding is not None else "none (no Part 4 yet)"


def reconciliation_row(
    region: str, standing: dashboards.PartnershipStanding, cycle: PlanCycle, funding: Funding | None
) -> ReconciliationRow:
    """One partnership's row: 1.14 and N15 of the plan year beside last year's 1.14 and each source's spending."""
    latest = standing.latest_submission
    total, spent = _figures(funding, cycle.plan_year) if funding else (None, None)
    previous = year_column(funding, cycle.previous_year) if funding else None
    sources = tuple(expenditure_source_total(funding.table_2, field) for field in SOURCE_FIELDS) if funding else None
    return ReconciliationRow(
        region=region,
        partnership=standing.partnership,
        plan_year=cycle.plan_year,
        status=standing.status_label,
        submission=_submission_label(standing, funding),
        submitted_on=latest.submitted_at.date() if latest else None,
        days_late=latest.days_late if latest else None,
        total_funding_1_14=total,
        expenditure_n15=spent,
        errors=standing.errors,
        warnings=standing.warnings,
        previous_total_1_14=funding_totals.table_1_total(previous) if previous else None,
        source_totals=sources,
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
