"""Deny by default: every route of the application declares one policy of `policy`, or the application is not built.

May import: service.access, service.planning, service.tables, service.platform, plan_schema.
"""

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts

from service.access.policy import POLICY_MARK


def _declares_policy(dependant: Dependant) -> bool:
    return any(getattr(sub.call, POLICY_MARK, False) or _declares_policy(sub) for sub in dependant.dependencies)


def api_routes(app: FastAPI) -> list[RouteContext]:
    """Every API route of the application as served: full path, methods and dependencies."""
    # FastAPI nests included routers; iter_route_contexts flattens them as OpenAPI does.
    return [context for context in iter_route_contexts(app.routes) if isinstance(context.original_route, APIRoute)]


def routes_without_a_policy(app: FastAPI) -> list[str]:
    """Every route (as "METHODS path") that depends on no policy: there should be none."""
    return [
        f"{','.join(sorted(context.methods or ()))} {context.path}"
        for context in api_routes(app)
        if not _declares_policy(context.dependant)
    ]


def require_a_policy_on_every_route(app: FastAPI) -> None:
    """Deny by default: refuse to build an application with a route that declares no policy."""
    missing = routes_without_a_policy(app)
    if missing:
        raise RuntimeError(f"routes without an access policy (see service/access/policy.py): {', '.join(missing)}")
