"""RFC 9457 problem details: the one place every error becomes a response."""

import logging
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.platform.errors import BrokenInvariant, DatabaseUnavailable, ServiceError

PROBLEM_JSON = "application/problem+json"
VALIDATION_PROBLEM = "urn:adtp:problem:invalid-input"
# A body of a hundred thousand unknown keys would otherwise be answered with a document of
# megabytes: the first errors say what is wrong, and the count says how much more there is.
MAX_LISTED_ERRORS = 100
log = logging.getLogger(__name__)
E = TypeVar("E", bound=Exception)


def problem_response(
    status: int,
    detail: str,
    *,
    title: str | None = None,
    problem_type: str = "about:blank",
    headers: dict[str, str] | None = None,
    errors_found: int = 0,
    **extensions: Any,
) -> JSONResponse:
    """A problem+json response; `title` defaults to the status phrase.

    An `errors` list is cut to its first MAX_LISTED_ERRORS; `errors_found` is how many there
    were when the caller has already left out the rest.
    """
    errors = extensions.get("errors")
    if isinstance(errors, list):
        listed = errors[:MAX_LISTED_ERRORS]
        omitted = max(len(errors), errors_found) - len(listed)
        if omitted:
            extensions |= {"errors": listed, "errors_omitted": omitted}
            detail += f" Only the first {len(listed)} errors are listed; {omitted} more are not."
    body: dict[str, Any] = {
        "type": problem_type,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **extensions,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def json_pointer(path: Sequence[str | int]) -> str:
    """RFC 6901 pointer for a path of keys and indexes."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def _clean_message(message: str) -> str:
    # Pydantic prefixes custom messages with "Value error, "; the field name says enough.
    return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def validation_errors(errors: Sequence[Any]) -> list[dict[str, str]]:
    """Each Pydantic/FastAPI error as {pointer | parameter, detail}."""
    named: list[dict[str, str]] = []
    for error in errors:
        location = list(error.get("loc", ()))
        where = location.pop(0) if location else "body"
        if error.get("type") == "json_invalid":
            problem = error.get("ctx", {}).get("error", "")
            named.append({"pointer": "", "detail": f"the request body is not valid JSON ({problem})"})
        elif where == "body":
            named.append({"pointer": json_pointer(location), "detail": _clean_message(error["msg"])})
        else:
            parameter = ".".join(str(part) for part in location)
            named.append({"parameter": parameter, "in": str(where), "detail": _clean_message(error["msg"])})
    return named


def invalid_input_response(errors: list[dict[str, str]], *, found: int = 0) -> JSONResponse:
    """422 naming the offending fields (`found` of them, when `errors` lists only the first)."""
    first = errors[0] if errors else {"detail": "invalid input"}
    where = first.get("pointer", first.get("parameter", "")) or "the request body"
    found = max(found, len(errors))
    more = f" (and {found - 1} more)" if found > 1 else ""
    return problem_response(
        422,
        f"{where}: {first['detail']}{more}",
        title="Invalid input",
        problem_type=VALIDATION_PROBLEM,
        errors_found=found,
        errors=errors,
    )


def registered_for(kind: type[E], error: Exception) -> E:
    """The error a handler registered for `kind` was given (Starlette types every handler's error as Exception)."""
    if not isinstance(error, kind):
        raise BrokenInvariant(f"a handler for {kind.__name__} was given {type(error).__name__}") from error
    return error


async def _service_error(_request: Request, error: Exception) -> JSONResponse:
    error = registered_for(ServiceError, error)
    return problem_response(
        error.status,
        error.detail,
        title=error.title,
        problem_type=error.problem_type,
        headers=error.headers,
        **error.extensions,
    )


async def _request_validation_error(_request: Request, error: Exception) -> JSONResponse:
    error = registered_for(RequestValidationError, error)
    errors = error.errors()
    # Only the errors that will be listed are put into words: there may be a hundred thousand.
    return invalid_input_response(validation_errors(errors[:MAX_LISTED_ERRORS]), found=len(errors))


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    error = registered_for(StarletteHTTPException, error)
    detail = error.detail if isinstance(error.detail, str) else HTTPStatus(error.status_code).description
    if error.status_code == 404 and error.detail == "Not Found":
        detail = f"There is nothing at {request.url.path}."
    if error.status_code == 405:
        detail = f"{request.method} is not allowed on {request.url.path}."
    return problem_response(error.status_code, detail, headers=dict(error.headers or {}))


def lost_connection(error: Exception) -> DatabaseUnavailable | None:
    """What to tell the caller when `error` is the database out of reach: lost mid-request, or not answering at all
    (a connection that could not be opened has no statement); None for any other error."""
    if isinstance(error, OperationalError) and error.statement is None:
        log.warning("database not answering: %s", error.orig)
        return DatabaseUnavailable(
            "The database does not answer. Nothing was saved; please try again shortly.", headers={"Retry-After": "5"}
        )
    if not isinstance(error, DBAPIError) or not error.connection_invalidated:
        return None
    # A database restarted or a network cut: the transaction is gone, and the pool replaces every connection
    # made before the loss, so trying again is the right advice.
    log.warning("database connection lost: %s", error.orig)
    detail = "We lost our connection to the database. Nothing was saved; please try again."
    return DatabaseUnavailable(detail, headers={"Retry-After": "1"})


async def _database_error(request: Request, error: Exception) -> JSONResponse:
    lost = lost_connection(registered_for(DBAPIError, error))
    return await (_unexpected_error(request, error) if lost is None else _service_error(request, lost))


async def _unexpected_error(request: Request, error: Exception) -> JSONResponse:
    # Log the trace for operators; the client only ever sees a plain problem.
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=error)
    return problem_response(500, "Something went wrong on our side. Nothing was saved; please try again.")


def install_problem_handlers(app: FastAPI) -> None:
    """Render every error the application can raise as problem+json."""
    app.add_exception_handler(ServiceError, _service_error)
    app.add_exception_handler(RequestValidationError, _request_validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(DBAPIError, _database_error)
    app.add_exception_handler(Exception, _unexpected_error)
