"""The access contract for monitoring: the metric catalogue, figures, footprints, matrices and scorecards."""

from tests.access.calls import ADMIN_ONLY, MEMBERS, OVERSEES_X, SEES_A, Call
from tests.monitoring.stored_figures import local_kpi

MONITORING_CALLS: dict[tuple[str, str], Call] = {
    # A header alone: nothing to add, so the admin's import is answered 200 with counts of nought.
    ("POST", "/api/v1/observations"): Call(
        ADMIN_ONLY,
        headers=lambda world: {"Content-Type": "text/csv"},
        content=b"metric,version,area,period,numerator,denominator,release\n",
    ),
    ("POST", "/api/v1/metrics"): Call(ADMIN_ONLY | {"admin": 201}, body=lambda world: local_kpi()),
    # Areas are reference data for everyone signed in; footprints are seen as their partnership is,
    # and only an administrator changes either (no such stretch of a footprint: 404 once allowed).
    ("GET", "/api/v1/areas"): Call(MEMBERS),
    ("POST", "/api/v1/areas"): Call(
        ADMIN_ONLY | {"admin": 201},
        body=lambda world: {"code": "LA-MATRIX", "name": "Matrix Council", "kind": "local-authority"},
    ),
    ("GET", "/api/v1/partnerships/{partnership_id}/footprint"): Call(
        SEES_A, lambda world: {"partnership_id": world.partnership_a}
    ),
    ("POST", "/api/v1/partnerships/{partnership_id}/footprint"): Call(
        ADMIN_ONLY | {"admin": 201},
        lambda world: {"partnership_id": world.partnership_a},
        body=lambda world: {"area_code": "LA-COVENTRY", "valid_from": "2040/41"},
    ),
    ("PATCH", "/api/v1/partnerships/{partnership_id}/footprint/{coverage_id}"): Call(
        ADMIN_ONLY | {"admin": 404},
        lambda world: {"partnership_id": world.partnership_a, "coverage_id": 999_999},
        body=lambda world: {"valid_to": "2040/41"},
    ),
    # A region's metrics for its own reviewers and admins; the national view is national in scope: admins only.
    ("GET", "/api/v1/regions/{region_id}/metrics"): Call(OVERSEES_X, lambda world: {"region_id": world.region_x}),
    ("GET", "/api/v1/regions/{region_id}/metrics.{extension}"): Call(
        OVERSEES_X, lambda world: {"region_id": world.region_x, "extension": "csv"}
    ),
    ("GET", "/api/v1/metrics/england"): Call(ADMIN_ONLY),
    ("GET", "/api/v1/metrics/england.{extension}"): Call(ADMIN_ONLY, lambda world: {"extension": "xlsx"}),
    ("GET", "/admin/partnerships/{partnership_id}/footprint"): Call(
        ADMIN_ONLY, lambda world: {"partnership_id": world.partnership_a}
    ),
    ("POST", "/admin/partnerships/{partnership_id}/footprint"): Call(
        ADMIN_ONLY | {"admin": 422}, lambda world: {"partnership_id": world.partnership_a}, form={}
    ),
    ("POST", "/admin/partnerships/{partnership_id}/footprint/{coverage_id}"): Call(
        ADMIN_ONLY | {"admin": 404},
        lambda world: {"partnership_id": world.partnership_a, "coverage_id": 999_999},
        form={"valid_to": "2030/31"},
    ),
    ("GET", "/admin/metrics"): Call(ADMIN_ONLY),
    ("GET", "/admin/metrics/new"): Call(ADMIN_ONLY),
    ("POST", "/admin/metrics/new"): Call(ADMIN_ONLY | {"admin": 422}, form={}),
    ("GET", "/admin/figures"): Call(ADMIN_ONLY),
    ("POST", "/admin/figures"): Call(ADMIN_ONLY | {"admin": 422}, form={}),
    ("GET", "/regions/{region_id}/metrics"): Call(OVERSEES_X, lambda world: {"region_id": world.region_x}),
    ("GET", "/metrics/england"): Call(ADMIN_ONLY),
}
