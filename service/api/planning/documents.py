"""Routes for documents: the current draft as Word and Excel, blank templates, Part 4 workbook import."""

from typing import Annotated

from fastapi import APIRouter, Depends, File, Header, Response, UploadFile

from plan_schema.parts import empty_part
from plan_schema.vocabulary import PartName
from service.access import part_policy, policy
from service.access.guards import SignedIn, Viewer
from service.api import openapi
from service.api.planning.parts import expected_version, part_response
from service.documents.context import DocumentContext
from service.documents.filenames import document_filename, file_disposition
from service.documents.funding_import import WorkbookRejected
from service.documents.funding_workbook import render_funding_template_xlsx
from service.documents.workbook_container import MAX_UPLOAD_BYTES
from service.journey import agreed_targets
from service.planning import exports, parts, reference
from service.planning.funding_import import import_funding_workbook
from service.planning.timetable import local_date
from service.platform.deps import SessionDep
from service.platform.errors import Conflict, InvalidInput, NotFound
from service.platform.ids import DbId
from service.tables.columns import id_of, utc_now

router = APIRouter(tags=["documents"])
TEMPLATE_PARTS = (PartName.TARGETS, PartName.PLANNING_GRIDS, PartName.FUNDING)


def _file(rendered: exports.RenderedDocument) -> Response:
    disposition = file_disposition(rendered.filename)
    return Response(rendered.content, media_type=rendered.media_type, headers={"Content-Disposition": disposition})


WORD_OR_EXCEL = openapi.files(exports.DOCX, exports.XLSX, description="Parts 1-3 as Word, Part 4 as Excel.")


@router.get(
    "/plans/{plan_id}/documents/{part}",
    summary="The current draft of a part as a document",
    response_class=Response,
    responses=WORD_OR_EXCEL,
)
def draft_document(part: PartName, view: Viewer, session: SessionDep) -> Response:
    """Parts 1-3 as Word, Part 4 as Excel, rendered now from the draft (with targets as numbers once known)."""
    stored = parts.read_parts(id_of(view.plan), session=session)
    if stored[part].model is None:
        raise Conflict(f"{part.value} has entries that no longer fit the template; correct them before exporting.")
    models = {name: stored_part.model for name, stored_part in stored.items() if stored_part.model is not None}
    numbers = agreed_targets.numbers(agreed_targets.current(id_of(view.plan), session=session)) or None
    context = exports.document_context(view, local_date(utc_now()), numbers, saved_at=stored[part].row.updated_at)
    return _file(exports.render_part(part, models, context))


@router.get(
    "/cycles/{cycle_id}/templates/{part}", summary="A blank template", response_class=Response, responses=WORD_OR_EXCEL
)
def template(cycle_id: DbId, part: PartName, _caller: SignedIn, session: SessionDep) -> Response:
    """Blank Parts 2, 3 and 4 for the cycle's years (Part 1 has no set format, so no template)."""
    if part not in TEMPLATE_PARTS:
        raise NotFound("Part 1 has no set format, so there is no template for it: write it as you see fit.")
    cycle = reference.get_cycle(cycle_id, session=session)
    context = DocumentContext(
        partnership_name="Partnership",
        plan_year=cycle.plan_year,
        previous_year=cycle.previous_year,
        indicative_years=tuple(cycle.indicative_years),
        document_date=local_date(utc_now()),
        expenditure_categories=tuple(cycle.expenditure_categories),
        inflation_uplift_pct=cycle.inflation_uplift_pct,
        blank=True,
    )
    if part is PartName.FUNDING:
        name = document_filename("", cycle.plan_year, part, context.label, "xlsx")
        return _file(exports.RenderedDocument(part, name, exports.XLSX, render_funding_template_xlsx(context)))
    return _file(exports.render_part(part, {part: empty_part(part)}, context))


@router.post("/plans/{plan_id}/parts/funding/import", summary="Import a filled Part 4 workbook")
def import_funding(
    editing: Annotated[policy.OnPlan, Depends(part_policy.part_editor(PartName.FUNDING))],
    session: SessionDep,
    workbook: Annotated[UploadFile, File(description="The Part 4 template or an export, filled in; at most 5 MB.")],
    if_match: Annotated[str | None, Header()] = None,
) -> Response:
    """All or nothing: every problem is named as Sheet!Cell, and nothing is stored unless all is well."""
    version = expected_version(PartName.FUNDING, if_match)
    data = workbook.file.read(MAX_UPLOAD_BYTES + 1)
    try:
        stored = import_funding_workbook(
            editing.view,
            data,
            expected_version=version,
            by=editing.member.user_id,
            session=session,
            locked=editing.locked,
        )
    except WorkbookRejected as rejected:
        errors = [dict(zip(("cell", "detail"), problem.split(": ", 1), strict=False)) for problem in rejected.problems]
        raise InvalidInput(f"The workbook cannot be imported: {rejected.problems[0]}", errors=errors) from None
    return part_response(stored, editing.view, session)
