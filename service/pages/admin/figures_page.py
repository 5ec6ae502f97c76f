"""Outcome figures imported from a CSV, as a page for administrators: all or nothing, every problem named.

Reading and storing the file is service/monitoring/observation_import.py's, as for the API's
POST /api/v1/observations; this page only carries the file there and says what became of it.
"""

import io
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from plan_schema.wording import plural
from service.access.guards import Admin, AdminForm
from service.access.identity import Member
from service.monitoring.observation_import import ImportProblem, ObservationsRejected, import_observations
from service.monitoring.periods import ACCEPTED_FORMS
from service.pages.rendering import render
from service.platform.deps import SessionDep
from service.platform.ids import MAX_DB_INTEGER

router = APIRouter(include_in_schema=False)

# A release's file for every partnership's areas is a few megabytes (100,000 rows are about 5 MB).
MAX_UPLOAD_BYTES = 16 * 1024 * 1024
# The problems listed on the page; the rest are counted (a wrong column is wrong on every row).
SHOWN_PROBLEMS = 50
NO_FILE = "Select a CSV file of figures to upload"
TOO_LARGE = f"The file must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB"
NOT_TEXT = "The file must be a CSV saved as UTF-8 text"
RELEASE_TOO_LONG = "The release must be 100 characters or fewer"
COUNTS = ("added", "revised", "unchanged")


def _page(
    request: Request,
    caller: Member,
    *,
    release: str = "",
    file_error: str | None = None,
    release_error: str | None = None,
    problems: list[ImportProblem] | None = None,
    imported: dict[str, int | None] | None = None,
    status: int = 200,
) -> HTMLResponse:
    errors = [(text, target) for text, target in ((file_error, "figures"), (release_error, "release")) if text]
    listed = problems or []
    context = {
        "caller": caller,
        "release": release,
        "file_error": file_error,
        "release_error": release_error,
        "error_list": errors,
        "problems": listed[:SHOWN_PROBLEMS],
        "more_problems": max(0, len(listed) - SHOWN_PROBLEMS),
        "imported": imported,
        "accepted_forms": ACCEPTED_FORMS,
        "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    return render(request, "admin/figures.html", context, status=status)


@router.get("/admin/figures", response_class=HTMLResponse)
def figures_page(
    request: Request,
    caller: Admin,
    added: Annotated[int | None, Query(ge=0, le=MAX_DB_INTEGER)] = None,
    revised: Annotated[int | None, Query(ge=0, le=MAX_DB_INTEGER)] = None,
    unchanged: Annotated[int | None, Query(ge=0, le=MAX_DB_INTEGER)] = None,
) -> HTMLResponse:
    """The form to upload a release's figures, and what the last upload did (its counts, from the redirect)."""
    counts = dict(zip(COUNTS, (added, revised, unchanged), strict=True))
    complete = all(count is not None for count in counts.values())
    return _page(request, caller, imported=counts if complete else None)


@router.post("/admin/figures", response_class=HTMLResponse)
def import_figures(
    request: Request,
    caller: AdminForm,
    session: SessionDep,
    figures: Annotated[UploadFile | None, File()] = None,
    release: Annotated[str, Form()] = "",
) -> Response:
    """Store the file's figures if every row is right; else list every problem by row and column."""
    release = release.strip()
    data = figures.file.read(MAX_UPLOAD_BYTES + 1) if figures is not None else b""
    file_error = NO_FILE if not data else TOO_LARGE if len(data) > MAX_UPLOAD_BYTES else None
    release_error = RELEASE_TOO_LONG if len(release) > 100 else None
    text = ""
    if file_error is None:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            file_error = NOT_TEXT
    if file_error or release_error:
        return _page(request, caller, release=release, file_error=file_error, release_error=release_error, status=422)
    try:
        counts = import_observations(
            io.StringIO(text, newline=""), release=release or None, by=caller.user_id, session=session
        )
    except ObservationsRejected as rejected:
        count = len(rejected.problems)
        summary = f"The file has {plural(count, 'problem')}, listed below. Nothing was imported."
        return _page(request, caller, release=release, file_error=summary, problems=rejected.problems, status=422)
    # Post/redirect/get: reloading the page shows the outcome rather than sending the file again.
    query = f"added={counts.added}&revised={counts.revised}&unchanged={counts.unchanged}"
    return RedirectResponse(f"/admin/figures?{query}", status_code=303)
