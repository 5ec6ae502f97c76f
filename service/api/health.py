"""Liveness and readiness: the process is up; the process and its database answer.

The bare liveness check is also the benchmark's baseline, and readiness the floor of any request that must ask
the database something (bench/README.md).
"""

from fastapi import APIRouter, Depends, Request
from sqlalchemy import text
from sqlmodel import Session

from service.access import policy
from service.platform.deps import SessionDep, database_work

router = APIRouter(tags=["health"])
_ASK = text("SELECT 1")


@router.get("/health", summary="Liveness", dependencies=[Depends(policy.public)])
def health() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/health/database", summary="Readiness", dependencies=[Depends(policy.public)])
async def database_health(request: Request, session: SessionDep) -> dict[str, str]:
    """The process is up and its database answers a query: what a load balancer should send traffic by."""
    await database_work(request, session, _ask, session)
    return {"status": "ok", "database": "ok"}


def _ask(session: Session) -> None:
    # A database out of reach is answered 503 with Retry-After, here as on every route (platform/problems.py).
    session.connection().execute(_ASK).scalar_one()
