"""Deny by default: an application with a route that declares no policy is refused."""

import pytest
from fastapi import APIRouter

from service.access.route_coverage import require_a_policy_on_every_route
from service.app import create_app
from service.platform.settings import Settings


def test_a_route_without_a_policy_stops_the_application_being_built() -> None:
    app = create_app(Settings(environment="test", database_url="sqlite://"))
    forgotten = APIRouter()

    @forgotten.get("/api/v1/forgotten")
    def unguarded() -> dict[str, str]:
        return {}

    app.include_router(forgotten)

    with pytest.raises(RuntimeError, match="GET /api/v1/forgotten"):
        require_a_policy_on_every_route(app)
