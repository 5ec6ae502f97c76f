"""The OpenAPI document: every problem each route can answer, described once from what the route declares.

FastAPI documents a route's success and its own 422; everything else a route can answer (who may
call it, the ids in its path, If-Match, body limits, the domain's conflicts) is read here from the
route's declared policy, parameters and method, so the document cannot drift from the routes.
"""

from collections.abc import Callable, Iterable
from enum import Enum
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, RouteContext

from plan_schema.vocabulary import PartName
from service.access import part_policy, policy, question_policy, route_coverage
from service.access.identity import current_principal
from service.platform.deps import SAFE_METHODS, get_page_request
from service.platform.ids import MAX_DB_INTEGER
from service.platform.problems import PROBLEM_JSON
from service.platform.settings import Settings

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
PROBLEM_SCHEMAS: dict[str, Any] = {
    "Problem": {
        "type": "object",
        "title": "Problem",
        "description": "RFC 9457 problem details; some problems add members of their own (e.g. `blocking`).",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string", "description": "about:blank, or a urn:adtp:problem: URN naming the problem."},
            "title": {"type": "string"},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": {"type": "string", "description": "What went wrong and what to do, in words."},
            "errors": {"type": "array", "items": {"$ref": "#/components/schemas/ProblemField"}},
        },
        "additionalProperties": True,
    },
    "ProblemField": {
        "type": "object",
        "title": "ProblemField",
        "description": (
            "One offending field: by JSON Pointer into the body, by parameter, by workbook cell, or by CSV row "
            "(the header is row 1) and column."
        ),
        "properties": {
            "pointer": {"type": "string"},
            "parameter": {"type": "string"},
            "in": {"type": "string", "enum": ["query", "path", "header", "cookie"]},
            "cell": {"type": "string"},
            "row": {"type": "integer", "minimum": 1},
            "column": {"type": "string"},
            "detail": {"type": "string"},
        },
        "additionalProperties": False,
    },
}

DESCRIPTIONS = {
    400: "The body could not be read at all (not UTF-8 text, or a malformed form).",
    401: "Not signed in, or the token is unknown, expired or revoked.",
    403: "Signed in, but this role or credential may not do this (a read-only token cannot write).",
    404: "No such object, or one the caller may not see.",
    409: "The request clashes with the current state (the plan's status, a deadline, a job still running).",
    412: (
        "If-Match names a version that is no longer current: nothing is changed. The problem's `current_version` "
        "and `current_etag` (also the ETag header) name the current version; read it again and retry."
    ),
    413: "The request body is over the size limit; nothing was stored.",
    415: "The file is not of a type accepted (checked by its content, or a body's Content-Type).",
    422: "Invalid input: `errors` names each offending field by JSON Pointer, parameter, cell, or CSV row and column.",
    428: "If-Match is missing: send the ETag from your last read.",
    429: "Too many failed sign-ins: try again after Retry-After seconds.",
}
HEADERS: dict[int, dict[str, Any]] = {
    401: {"WWW-Authenticate": {"schema": {"type": "string"}, "description": "Bearer realm."}},
    429: {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds until a sign-in may be tried."}},
}

# What each access policy refuses with (service/access/policy.py): a route whose policy is missing here
# fails to describe itself, so a new policy must say what it answers.
POLICY_REFUSALS: dict[str, frozenset[int]] = {
    policy.public.__qualname__: frozenset(),
    policy.signed_in.__qualname__: frozenset({401}),
    policy.admin.__qualname__: frozenset({401, 403}),
    policy.visible_partnership.__qualname__: frozenset({401, 404}),
    policy.partnership_target_setter.__qualname__: frozenset({401, 403, 404}),
    policy.visible_plan.__qualname__: frozenset({401, 404}),
    f"{part_policy.part_reader.__qualname__}.<locals>.may_read_part": frozenset({401, 404}),
    f"{part_policy.part_editor.__qualname__}.<locals>.may_change_part": frozenset({401, 403, 404}),
    policy.region_overseer.__qualname__: frozenset({401, 403, 404}),
    policy.plan_starter.__qualname__: frozenset({401, 403, 422}),
    f"{policy.plan_actor.__qualname__}.<locals>.may_act": frozenset({401, 403, 404}),
    question_policy.question_replier.__qualname__: frozenset({401, 403, 404}),
}

# What the domain answers beyond what the route declares: conflicts with the current state, ids
# in the query that must exist, files refused by content. Keyed by "METHOD path".
DOMAIN_PROBLEMS: dict[str, frozenset[int]] = {
    "POST /api/v1/token": frozenset({401, 429}),
    "GET /api/v1/health/database": frozenset({503}),
    "POST /api/v1/plans": frozenset({409}),
    # A signed-off plan's parts are locked.
    **{f"PUT /api/v1/plans/{{plan_id}}/parts/{part.value}": frozenset({409}) for part in PartName},
    "POST /api/v1/plans/{plan_id}/submissions": frozenset({409}),
    "POST /api/v1/plans/{plan_id}/assessments": frozenset({409}),
    "POST /api/v1/plans/{plan_id}/sign-offs": frozenset({409}),
    "POST /api/v1/plans/{plan_id}/reopenings": frozenset({409}),
    "POST /api/v1/plans/{plan_id}/publication": frozenset({409}),
    "PUT /api/v1/plans/{plan_id}/agreed-targets": frozenset({409}),
    "POST /api/v1/plans/{plan_id}/agreed-targets/confirmation": frozenset({409}),
    "PUT /api/v1/plans/{plan_id}/baselines": frozenset({409}),
    "POST /api/v1/plans/{plan_id}/attachments": frozenset({409, 413, 415}),
    "DELETE /api/v1/plans/{plan_id}/attachments/{attachment_id}": frozenset({409}),
    "POST /api/v1/plans/{plan_id}/parts/funding/import": frozenset({409}),
    "GET /api/v1/plans/{plan_id}/documents/{part}": frozenset({409}),
    # A second cycle for a year; settings changed after a plan of the cycle was submitted.
    "POST /api/v1/cycles": frozenset({409}),
    "PATCH /api/v1/cycles/{cycle_id}": frozenset({409}),
    "POST /api/v1/regions/{region_id}/document-regenerations": frozenset({409}),
    "GET /api/v1/dashboard": frozenset({404}),
    "GET /api/v1/reconciliation.xlsx": frozenset({404}),
    "POST /api/v1/observations": frozenset({415}),
    # The code and version already in the catalogue.
    "POST /api/v1/metrics": frozenset({409}),
    # An address that already has an account; an invitation for someone who has set a password, or is deactivated.
    "POST /api/v1/users": frozenset({409}),
    "POST /api/v1/users/{user_id}/invitation": frozenset({409}),
    # A plan not signed off makes no returns; an unchanged return is not submitted twice.
    **{
        f"{method} /api/v1/plans/{{plan_id}}/returns{path}": frozenset({409})
        for method, path in (
            ("GET", ""),
            ("GET", "/{quarter}/actions"),
            ("PUT", "/{quarter}/actions"),
            ("GET", "/{quarter}/exceptions"),
            ("PUT", "/{quarter}/exceptions"),
            ("POST", "/{quarter}/submissions"),
            # The review: a submission superseded or already accepted, a question already closed.
            ("GET", "/{quarter}/review"),
            ("POST", "/{quarter}/acceptance"),
            ("GET", "/{quarter}/questions"),
            ("POST", "/{quarter}/questions"),
            ("GET", "/{quarter}/questions/{question_id}"),
            ("POST", "/{quarter}/questions/{question_id}/replies"),
            ("POST", "/{quarter}/questions/{question_id}/resolution"),
            ("GET", "/year"),
            ("GET", "/year.xlsx"),
        )
    },
}
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
IF_MATCH = "if-match"
# One or more entity tags; "*" or nothing is answered 428, a tag of another version 412.
ENTITY_TAGS = r'^\s*(W/)?"[^"]*"(\s*,\s*(W/)?"[^"]*")*\s*$'


def _calls(dependant: Dependant) -> Iterable[Callable[..., Any]]:
    """Every dependency a route runs, however deeply nested."""
    for sub in dependant.dependencies:
        if sub.call is not None:
            yield sub.call
        yield from _calls(sub)


def _header_names(dependant: Dependant) -> set[str]:
    names = {str(field.alias).lower().replace("_", "-") for field in dependant.header_params}
    return names.union(*(_header_names(sub) for sub in dependant.dependencies))


def _takes_input(dependant: Dependant) -> bool:
    own = (dependant.path_params, dependant.query_params, dependant.header_params, dependant.body_params)
    return any(own) or any(_takes_input(sub) for sub in dependant.dependencies)


def _takes_body(dependant: Dependant) -> bool:
    return bool(dependant.body_params) or any(_takes_body(sub) for sub in dependant.dependencies)


def _names_objects(dependant: Dependant) -> bool:
    # An id in the path may name nothing (404); a path of enum values only is refused with 422.
    return any(not _is_enum(field.field_info.annotation) for field in dependant.path_params)


def _is_enum(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Enum)


def problem_statuses(context: RouteContext, method: str) -> set[int]:
    """Every problem status the route can answer to `method`."""
    dependant = context.dependant
    calls = list(_calls(dependant))
    policies = [call.__qualname__ for call in calls if getattr(call, policy.POLICY_MARK, False)]
    unknown = [name for name in policies if name not in POLICY_REFUSALS]
    if unknown:
        raise RuntimeError(f"service/api/openapi.py does not say what {', '.join(unknown)} refuses with")
    statuses: set[int] = set().union(*(POLICY_REFUSALS[name] for name in policies))
    if current_principal in calls:
        # A bearer token that is not (or no longer) valid; a read-only one cannot write.
        statuses.add(401)
        if method not in SAFE_METHODS:
            statuses.add(403)
    if _names_objects(dependant):
        statuses.add(404)
    if _takes_input(dependant):
        statuses.add(422)
    if method in BODY_METHODS:
        statuses.add(413)
    if _takes_body(dependant):
        statuses.add(400)
    if IF_MATCH in _header_names(dependant):
        statuses.update({412, 428})
    return statuses | DOMAIN_PROBLEMS.get(f"{method} {context.path}", frozenset())


def problem_response(status: int) -> dict[str, Any]:
    """The OpenAPI response object of a problem."""
    response: dict[str, Any] = {
        "description": DESCRIPTIONS.get(status, HTTPStatus(status).phrase),
        "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
    }
    if status in HEADERS:
        response["headers"] = HEADERS[status]
    return response


def _require_if_match(operation: dict[str, Any]) -> None:
    # The route reads If-Match itself so that a missing one is answered 428, not 422; the
    # document says what a client must send.
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "header" and parameter["name"].lower() == IF_MATCH:
            parameter["required"] = True
            parameter["schema"] = {"type": "string", "title": "If-Match", "pattern": ENTITY_TAGS}
            parameter["description"] = 'The ETag of your last read of the part, e.g. "funding-2".'


def _cap_page_size(operation: dict[str, Any], cap: int) -> None:
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "query" and parameter["name"] == "page_size":
            parameter["schema"] = {
                "anyOf": [{"type": "integer", "minimum": 1, "maximum": cap}, {"type": "null"}],
                "title": "Page Size",
            }
            parameter["description"] = f"Items per page, at most {cap}."


def describe_problems(document: dict[str, Any], app: FastAPI, settings: Settings) -> None:
    """Add to `document` every problem each API route can answer, as problem+json."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(PROBLEM_SCHEMAS)
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    for context in route_coverage.api_routes(app):
        if not isinstance(context.original_route, APIRoute) or not context.original_route.include_in_schema:
            continue
        for method in context.methods or ():
            operation = document["paths"].get(context.path, {}).get(method.lower())
            if operation is None:
                continue
            responses = operation.setdefault("responses", {})
            for status in problem_statuses(context, method):
                responses[str(status)] = problem_response(status)
            operation["responses"] = dict(sorted(responses.items()))
            _require_if_match(operation)
            if any(call is get_page_request for call in _calls(context.dependant)):
                _cap_page_size(operation, settings.page_size_max)


def install_openapi(app: FastAPI, settings: Settings) -> None:
    """Serve the document FastAPI builds, with the problems described (built once, on first request)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = build()
            describe_problems(document, app, settings)
            _exact_bounds(document)
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _exact_bounds(node: object) -> None:
    # FastAPI writes some integer bounds as floats (9.223372036854776e18 for 2**63 - 1), which a
    # client reads as 2**63 and so sends an id the service refuses: state them as the integers they are.
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _BOUNDS and isinstance(value, float) and value.is_integer():
                node[key] = _INTEGER_BOUNDS.get(value, int(value))
            else:
                _exact_bounds(value)
    elif isinstance(node, list):
        for item in node:
            _exact_bounds(item)


_BOUNDS = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})
# The float a bound became, back to the integer it was (only the largest id loses digits as a float).
_INTEGER_BOUNDS = {float(MAX_DB_INTEGER): MAX_DB_INTEGER}


def files(*media_types: str, description: str) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route answering 200 with a file of one of `media_types` (with response_class=Response)."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {200: {"description": description, "content": dict.fromkeys(media_types, binary)}}
