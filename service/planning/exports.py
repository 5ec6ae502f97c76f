"""Each part as the document it is exported as: the one place parts meet their renderers."""

import datetime
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pydantic import BaseModel

from plan_schema.funding import Funding
from plan_schema.planning_grids import PlanningGrids
from plan_schema.strategic_summary import StrategicSummary
from plan_schema.targets import Targets
from plan_schema.vocabulary import PartName
from service.documents.context import DocumentContext, Submitted, one_line
from service.documents.filenames import document_filename
from service.documents.funding_workbook import render_funding_xlsx
from service.documents.word import render_planning_grids_docx, render_strategic_summary_docx, render_targets_docx
from service.planning.plans import PlanView

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS: dict[PartName, tuple[str, str]] = {
    PartName.STRATEGIC_SUMMARY: ("docx", DOCX),
    PartName.TARGETS: ("docx", DOCX),
    PartName.PLANNING_GRIDS: ("docx", DOCX),
    PartName.FUNDING: ("xlsx", XLSX),
}
FILE_STEMS = {
    PartName.STRATEGIC_SUMMARY: "part-1-strategic-summary",
    PartName.TARGETS: "part-2-targets",
    PartName.PLANNING_GRIDS: "part-3-planning-grids",
    PartName.FUNDING: "part-4-funding",
}


@dataclass(frozen=True)
class RenderedDocument:
    """A part rendered to a file, with the name to download it by and its SHA-256."""

    part: PartName
    filename: str
    media_type: str
    content: bytes

    @property
    def sha256(self) -> str:
        """The hash stored beside the file."""
        return hashlib.sha256(self.content).hexdigest()


def document_context(
    view: PlanView,
    on: datetime.date,
    targets_as_numbers: Mapping[str, int] | None = None,
    *,
    submitted: Submitted | None = None,
    saved_at: datetime.datetime | None = None,
) -> DocumentContext:
    """Whose plan, which years, which date, and what the document is: a draft unless `submitted` says otherwise."""
    cycle = view.cycle
    return DocumentContext(
        partnership_name=one_line(view.partnership.name),
        plan_year=cycle.plan_year,
        previous_year=cycle.previous_year,
        indicative_years=tuple(cycle.indicative_years),
        document_date=on,
        expenditure_categories=tuple(cycle.expenditure_categories),
        inflation_uplift_pct=cycle.inflation_uplift_pct,
        targets_as_numbers=targets_as_numbers,
        submitted=submitted,
        saved_at=saved_at,
    )


def _bytes(part: PartName, documents: Mapping[PartName, BaseModel], context: DocumentContext) -> bytes:
    document = documents[part]
    if isinstance(document, StrategicSummary):
        return render_strategic_summary_docx(document, context)
    if isinstance(document, Targets):
        return render_targets_docx(document, context)
    if isinstance(document, PlanningGrids):
        summary = documents.get(PartName.STRATEGIC_SUMMARY)
        return render_planning_grids_docx(document, summary if isinstance(summary, StrategicSummary) else None, context)
    if isinstance(document, Funding):
        return render_funding_xlsx(document, context)
    raise TypeError(f"no renderer for {type(document).__name__}")


def render_part(part: PartName, documents: Mapping[PartName, BaseModel], context: DocumentContext) -> RenderedDocument:
    """One part as its file (Part 3 also reads Part 1 for its key priorities' titles)."""
    extension, media_type = FORMATS[part]
    partnership = "" if context.blank else context.partnership_name
    filename = document_filename(partnership, context.plan_year, part, context.label, extension)
    return RenderedDocument(part, filename, media_type, _bytes(part, documents, context))


def render_parts(
    parts: Iterable[PartName], documents: Mapping[PartName, BaseModel], context: DocumentContext
) -> list[RenderedDocument]:
    """Several parts as their files."""
    return [render_part(part, documents, context) for part in parts]
