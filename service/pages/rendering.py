"""How pages are rendered: the Jinja environment, its filters, the assets and GOV.UK error pages."""

import datetime
import inspect
import logging
from collections.abc import Awaitable, Callable
from decimal import Decimal, InvalidOperation
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

from plan_schema import wording
from plan_schema.vocabulary import PART_SHORT_TITLES, PartName
from service.access.capabilities import administers
from service.planning.timetable import lateness
from service.platform.errors import ServiceError
from service.platform.problems import lost_connection
from service.platform.settings import PROJECT_ROOT

ASSETS_URL = "/assets"
# GOV.UK Frontend's built css, js, fonts and images (`make assets`, from node_modules; never committed).
# Its stylesheet finds fonts and images under /assets, so this folder is served there as it is.
GOVUK_ASSETS = PROJECT_ROOT / "var" / "static" / "govuk"
# Our own few additions, kept in the source tree and served beside GOV.UK Frontend's.
SERVICE_ASSETS = PROJECT_ROOT / "static"
SERVICE_NAME = "Adult drug treatment plans"

log = logging.getLogger(__name__)
templates = Jinja2Templates(directory=PROJECT_ROOT / "templates")
# Templates ship with the release, like the code: a change takes a restart, as a code change does, and
# no render asks the file system whether each of a page's twenty templates has changed (7 % of a page).
templates.env.auto_reload = False


def money(amount: Decimal | str | None) -> str:
    """£1,234.50, as the pages show figures; a form's value ("1,234.50") too, and text that is no amount as it is."""
    if amount is None or amount == "":
        return ""
    if not isinstance(amount, str):
        return wording.pounds(amount)
    try:
        return wording.pounds(Decimal(amount.replace(",", "").replace("£", "").strip()))
    except InvalidOperation:
        return amount


def long_date(moment: datetime.date | datetime.datetime | None) -> str:
    """15 January 2008, the GOV.UK style for dates."""
    return wording.long_date(moment) if moment is not None else ""


def part_short_title(part: str) -> str:
    """ "Part 4" for a part's URL name; any other name (a stray key in an old snapshot) as it is."""
    try:
        return PART_SHORT_TITLES[PartName(part)]
    except ValueError:
        return part


templates.env.add_extension("jinja2.ext.do")
templates.env.filters["money"] = money
templates.env.filters["long_date"] = long_date
# Counted nouns are worded by plan_schema.wording alone, in templates too:
# "{{ n | plural('comment') }}", "{{ n | word_for('this', 'these') }}".
templates.env.filters["plural"] = wording.plural
templates.env.filters["word_for"] = wording.word_for
templates.env.filters["sentence"] = wording.sentence  # not Jinja's capitalize, which lowers the rest
templates.env.filters["part_short_title"] = part_short_title
templates.env.filters["lateness"] = lateness
templates.env.filters["date_hint"] = wording.date_hint
templates.env.filters["date_example"] = wording.date_example
templates.env.globals["service_name"] = SERVICE_NAME
# Whether to link to the administration pages: asked of the policy, never decided by a template.
templates.env.globals["administers"] = administers
templates.env.globals["assets_url"] = ASSETS_URL


def render(request: Request, template: str, context: dict[str, Any], *, status: int = 200) -> HTMLResponse:
    """A page from a template (the layout reads `caller` for the sign-out button)."""
    return templates.TemplateResponse(request, template, context, status_code=status)


ERROR_TITLES = {
    401: "Sign in to continue",
    403: "You cannot do that",
    404: "Page not found",
    405: "Page not found",
    409: "That cannot be done now",
    413: "What you sent is too large",
    429: "Too many attempts",
}
Handler = Callable[[Request, Any], Response | Awaitable[Response]]


def is_page_request(request: Request) -> bool:
    """True for the pages (everything but the API): their errors are pages, the API's problem+json."""
    return not request.url.path.startswith("/api/")


def error_title(status: int) -> str:
    """The heading of an error page: in words a person uses, not HTTP's."""
    return ERROR_TITLES.get(status) or (HTTPStatus(status).phrase if status < 500 else "Sorry, there is a problem")


def error_page_html(status: int, detail: str) -> str:
    """The GOV.UK error page as HTML, for answers made before a request reaches the application."""
    title = error_title(status)
    return templates.get_template("error.html").render(status=status, title=title, detail=detail, caller=None)


# Starlette's words when a form is over its parser's limits (the form is then not read at all).
_FORM_OVER_LIMITS = ("Too many fields", "Too many files", "Field exceeded maximum size", "Part exceeded maximum size")
FORM_OVER_LIMITS = (
    "The form was larger than the service accepts, so none of it could be read and nothing was saved. "
    "Use your browser's Back button to return to the form: your browser usually keeps what you typed. "
    "Copy anything you cannot afford to lose, remove some rows or shorten the longest answers, then save again."
)


def _is_form_over_limits(error: StarletteHTTPException) -> bool:
    return error.status_code == 400 and isinstance(error.detail, str) and error.detail.startswith(_FORM_OVER_LIMITS)


def _error_page(request: Request, error: Exception) -> Response:
    status, detail, headers = 500, "Something went wrong on our side. Nothing was saved; please try again.", {}
    error = lost_connection(error) or error
    if isinstance(error, ServiceError):
        status, detail, headers = error.status, error.detail, dict(error.headers)
    elif isinstance(error, StarletteHTTPException) and _is_form_over_limits(error):
        status, detail = 413, FORM_OVER_LIMITS
    elif isinstance(error, StarletteHTTPException):
        status, headers = error.status_code, dict(error.headers or {})
        detail = error.detail if isinstance(error.detail, str) and status not in (404, 405) else ""
    elif isinstance(error, RequestValidationError) and _in_the_address(error):
        status, detail = 404, ""  # an address whose id cannot be one names no page
    elif isinstance(error, RequestValidationError):
        status, detail = 422, "Some of what was sent could not be read. Go back, reload the page and try again."
    # A browser shown a Bearer challenge does nothing with it; the page says how to sign in instead.
    headers.pop("WWW-Authenticate", None)
    title = error_title(status)
    context = {"status": status, "title": title, "detail": detail, "caller": None}
    response = render(request, "error.html", context, status=status)
    response.headers.update(headers)
    return response


def _in_the_address(error: RequestValidationError) -> bool:
    return any(tuple(problem.get("loc", ()))[:1] == ("path",) for problem in error.errors())


def _page_or_problem(api_handler: Handler) -> Handler:
    async def handle(request: Request, error: Any) -> Response:
        if is_page_request(request):
            return _error_page(request, error)
        answered = api_handler(request, error)
        return await answered if inspect.isawaitable(answered) else answered

    return handle


def install(app: FastAPI) -> None:
    """Serve the assets at /assets and show errors on pages as GOV.UK pages (after the problem handlers)."""
    if getattr(app.state, "pages_installed", False):
        return
    app.state.pages_installed = True
    # The more specific mount first: /assets/service is ours, the rest of /assets GOV.UK Frontend's.
    for url, directory, name in (
        (f"{ASSETS_URL}/service", SERVICE_ASSETS, "service-assets"),
        (ASSETS_URL, GOVUK_ASSETS, "assets"),
    ):
        if directory.is_dir():
            app.mount(url, StaticFiles(directory=directory), name=name)
        else:
            # The pages still work, unstyled, so a missing build is a warning rather than a failure to start.
            log.warning("page assets missing (%s): run `make assets`", directory)
    for error_type in (ServiceError, RequestValidationError, StarletteHTTPException, DBAPIError, Exception):
        api_handler = app.exception_handlers.get(error_type)
        if api_handler is not None:
            app.add_exception_handler(error_type, _page_or_problem(api_handler))
