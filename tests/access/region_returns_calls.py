"""The access contract for the region's view of returns and a plan's year of returns.

The region's view is for its reviewers and admins, as its other dashboards are. The year's picture is for
everyone who sees the plan; plan A is not signed off, so a caller let through is answered 409 (the plan
makes no returns yet). tests/api/test_returns_region.py calls every route on a plan that reports.
"""

from tests.access.calls import OVERSEES_X, Call
from tests.access.returns_calls import REACHES_A

REGION_X = lambda world: {"region_id": world.region_x}  # noqa: E731
PLAN_A = lambda world: {"plan_id": world.plan_a}  # noqa: E731

REGION_RETURNS_CALLS: dict[tuple[str, str], Call] = {
    ("GET", "/regions/{region_id}/returns"): Call(OVERSEES_X, REGION_X),
    ("GET", "/api/v1/regions/{region_id}/returns"): Call(OVERSEES_X, REGION_X),
    ("GET", "/api/v1/regions/{region_id}/returns.{extension}"): Call(
        OVERSEES_X, lambda world: {"region_id": world.region_x, "extension": "xlsx"}
    ),
    ("GET", "/plans/{plan_id}/returns/year"): Call(REACHES_A, PLAN_A),
    ("GET", "/api/v1/plans/{plan_id}/returns/year"): Call(REACHES_A, PLAN_A),
    ("GET", "/api/v1/plans/{plan_id}/returns/year.xlsx"): Call(REACHES_A, PLAN_A),
}
