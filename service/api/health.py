"""A bare liveness check: no database, for load balancers and as the benchmark's baseline."""

from fastapi import APIRouter, Depends

from service.access import policy

router = APIRouter(tags=["health"])


@router.get("/health", summary="Liveness", dependencies=[Depends(policy.public)])
def health() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}
