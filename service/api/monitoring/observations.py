"""Routes for observed figures: an administrator imports a release's CSV, all or nothing."""

import io
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Header, Query, Response
from pydantic import BaseModel

from service.access.guards import Admin
from service.monitoring.observation_import import ObservationsRejected, import_observations
from service.monitoring.periods import ACCEPTED_FORMS
from service.platform.deps import SessionDep
from service.platform.errors import InvalidInput, ServiceError

router = APIRouter(tags=["monitoring"])
CSV = "text/csv"
# A release of every partnership's areas for a year runs to some megabytes: 100,000 rows are about 6 MB.
MAX_CSV_BYTES = 16 * 1024 * 1024


class UnsupportedMediaType(ServiceError):
    """A body that is not of the media type the route reads."""

    status = 415
    title = "Unsupported media type"


def csv_sent(content_type: Annotated[str | None, Header()] = None) -> None:
    """Refuse a body of another type before FastAPI reads it (as JSON, say) and answers 422 for the wrong thing."""
    if (content_type or "").split(";")[0].strip().lower() != CSV:
        raise UnsupportedMediaType(f"send the figures as {CSV}")


class ImportCountsOut(BaseModel):
    """What an import did: figures added, revised (the old ones kept), and already stored as they are."""

    added: int
    revised: int
    unchanged: int


@router.post(
    "/observations",
    status_code=201,
    summary="Import observed figures from CSV",
    description=(
        "Columns: metric, version, area, period, numerator, and optionally breakdown (blank is all persons), "
        f"denominator (blank for counts) and release. Periods: {ACCEPTED_FORMS}. The header is row 1. "
        "Answered 201 when anything was added or revised, 200 when every figure was already stored as it is, "
        "and 422 naming every problem by row and column, with nothing stored."
    ),
    responses={200: {"model": ImportCountsOut, "description": "Nothing new: every figure was stored already."}},
)
def import_figures(
    admin: Admin,
    _csv: Annotated[None, Depends(csv_sent)],
    session: SessionDep,
    response: Response,
    body: Annotated[bytes, Body(media_type=CSV, description="The CSV file, UTF-8.")],
    release: Annotated[
        str | None, Query(max_length=100, description="The release, for rows without a release column.")
    ] = None,
) -> ImportCountsOut:
    """Admins import a release's figures; a changed figure is a revision that keeps the one it replaces."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        problem = {"row": 1, "column": "", "detail": "the file is not UTF-8 text"}
        raise InvalidInput("The CSV is not UTF-8 text.", errors=[problem]) from None
    try:
        counts = import_observations(io.StringIO(text, newline=""), release=release, by=admin.user_id, session=session)
    except ObservationsRejected as rejected:
        errors = [{"row": p.row, "column": p.column, "detail": p.detail} for p in rejected.problems]
        raise InvalidInput(f"Nothing was imported: {rejected.problems[0]}", errors=errors) from None
    if not counts.added and not counts.revised:
        response.status_code = 200
    return ImportCountsOut(added=counts.added, revised=counts.revised, unchanged=counts.unchanged)
