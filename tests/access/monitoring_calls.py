"""The access contract for monitoring: the metric catalogue, figures, footprints, matrices and scorecards."""

from tests.access.calls import (
    A_TARGET,
    ADMIN_ONLY,
    MEMBERS,
    NOBODY,
    OVERSEES_X,
    PARTNERSHIP_A,
    PLAN_A,
    SEES_A,
    Call,
    writes_a,
)
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
    # Scorecards and local targets: without ?year= the plan year in progress, the demo's figures' and targets'.
    ("GET", "/api/v1/partnerships/{partnership_id}/scorecard"): Call(SEES_A, PARTNERSHIP_A),
    ("GET", "/api/v1/partnerships/{partnership_id}/targets"): Call(SEES_A, PARTNERSHIP_A),
    ("GET", "/api/v1/partnerships/{partnership_id}/scorecard.csv"): Call(SEES_A, PARTNERSHIP_A),
    ("GET", "/api/v1/partnerships/{partnership_id}/scorecard.xlsx"): Call(SEES_A, PARTNERSHIP_A),
    ("PUT", "/api/v1/partnerships/{partnership_id}/targets/{code}"): Call(
        writes_a(200), lambda world: {"partnership_id": world.partnership_a, "code": "LK-7a"}, body=A_TARGET
    ),
    ("DELETE", "/api/v1/partnerships/{partnership_id}/targets/{code}"): Call(
        writes_a(204), lambda world: {"partnership_id": world.partnership_a, "code": "P2-3"}
    ),
    ("GET", "/api/v1/public/plans/{plan_id}/scorecard"): Call(NOBODY, PLAN_A),
    ("GET", "/published/{plan_id}/scorecard"): Call(NOBODY, PLAN_A),
    # The reviewer's pages: the same people as the review API's routes; empty forms are refused (422)
    # field by field, and workflow moves plan A (drafting) is not ready for are 409 pages.
    ("GET", "/partnerships/{partnership_id}/scorecard"): Call(SEES_A, PARTNERSHIP_A),
    # The form is for those who may set targets; a read-only token may look, not save.
    ("GET", "/partnerships/{partnership_id}/targets"): Call(writes_a(200) | {"read_only": 200}, PARTNERSHIP_A),
    # An empty form is refused field by field; the demo's target on P2-3 is removed.
    ("POST", "/partnerships/{partnership_id}/targets"): Call(writes_a(422), PARTNERSHIP_A, form={}),
    ("POST", "/partnerships/{partnership_id}/targets/{code}/removal"): Call(
        writes_a(303), lambda world: {"partnership_id": world.partnership_a, "code": "P2-3"}, form={}
    ),
}
