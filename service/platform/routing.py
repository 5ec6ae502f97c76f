"""Routers that spare each request work FastAPI does for applications whose routes change as they run.

Ours are all added while the application is built. FastAPI 0.165 matches an included router by walking its
routes twice (is there a match; then which), some ten microseconds a route, and before each walk asks the
router's "routes version", a walk of every router included beneath it, to notice routes added since.
"""

from fastapi import APIRouter
from starlette._utils import get_route_path
from starlette.routing import Match
from starlette.types import Scope


class FixedRouter(APIRouter):
    """A router whose routes are fixed once `fix()` is called: its routes version is then not recomputed."""

    _fixed_version: int | None = None

    def fix(self) -> None:
        """No route will be added from now on (create_app calls this once everything is included)."""
        self._fixed_version = super()._get_routes_version()

    def _get_routes_version(self, seen: set[int] | None = None) -> int:
        # FastAPI's own walk (three hundred routes for the API) until fixed: asked several times a request.
        if self._fixed_version is not None:
            return self._fixed_version
        return super()._get_routes_version(seen)


class PrefixedRouter(FixedRouter):
    """Routes that all begin with the router's prefix, skipped at once by a request for any other path.

    A page's request spent about 2.5 ms finding that none of the API's 250 routes was its own.
    """

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        """No match outside the prefix; within it, FastAPI's own matching."""
        path = get_route_path(scope)
        if path != self.prefix and not path.startswith(self.prefix + "/"):
            return Match.NONE, {}
        return super().matches(scope)
