"""The errors domain code raises; each knows its HTTP status, rendered once in problems.py."""

from typing import Any


class BrokenInvariant(RuntimeError):
    """Something the code relies on did not hold: a bug, not the caller's mistake, so answered 500 and logged.

    Raised instead of `assert`, which `python -O` removes.
    """


class ServiceError(Exception):
    """An expected failure a caller can act on."""

    status = 400
    title = "Bad request"
    problem_type = "about:blank"

    def __init__(
        self, detail: str, *, headers: dict[str, str] | None = None, keeps_changes: bool = False, **extensions: Any
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}
        # True when what the request recorded before failing (an audit event, a failed
        # sign-in) must be committed although the request itself is refused.
        self.keeps_changes = keeps_changes
        self.extensions = extensions


class Unauthenticated(ServiceError):
    """No credentials, or credentials that are not (or no longer) valid."""

    status = 401
    title = "Unauthorized"

    def __init__(self, detail: str, **kwargs: Any) -> None:
        kwargs.setdefault("headers", {"WWW-Authenticate": 'Bearer realm="adtp"'})
        super().__init__(detail, **kwargs)


class TooManyRequests(ServiceError):
    """Too many failed attempts; try again after Retry-After seconds."""

    status = 429
    title = "Too many requests"


class DatabaseUnavailable(ServiceError):
    """The connection to the database was lost mid-request: nothing was saved, and trying again may work."""

    status = 503
    title = "Service unavailable"


class NotFound(ServiceError):
    """No such object, or one the caller may not see (ids never leak)."""

    status = 404
    title = "Not found"


class Forbidden(ServiceError):
    """The caller can see the object but may not do this to it."""

    status = 403
    title = "Forbidden"


class Conflict(ServiceError):
    """The request clashes with the current state of the object."""

    status = 409
    title = "Conflict"
    problem_type = "urn:adtp:problem:conflict"


class PreconditionRequired(ServiceError):
    """A write came without If-Match, so it could overwrite someone else's work."""

    status = 428
    title = "Precondition required"
    problem_type = "urn:adtp:problem:if-match-required"


class PreconditionFailed(ServiceError):
    """A write named a version that is no longer current: someone else saved first."""

    status = 412
    title = "Precondition failed"
    problem_type = "urn:adtp:problem:stale-version"


class InvalidInput(ServiceError):
    """Input that parses but cannot be accepted; `errors` names each field."""

    status = 422
    title = "Invalid input"
    problem_type = "urn:adtp:problem:invalid-input"

    @classmethod
    def at(cls, pointer: str, detail: str) -> "InvalidInput":
        """The error for one field, named by its JSON Pointer."""
        return cls(f"{pointer}: {detail}", errors=[{"pointer": pointer, "detail": detail}])
