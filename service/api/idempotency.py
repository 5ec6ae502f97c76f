"""Idempotency-Key: a retried POST gets the original result instead of doing the work twice."""

import datetime
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from service.access.identity import CurrentPrincipal, Member
from service.platform.db import SessionFactory
from service.platform.deps import SessionDep
from service.platform.errors import Conflict, InvalidInput
from service.platform.problems import registered_for
from service.tables.columns import id_of, utc_now
from service.tables.journey import IdempotencyRecord

# A request still "running" after this long died with its process; its key may be reused.
ABANDONED_AFTER = datetime.timedelta(minutes=2)


class Replay(Exception):
    """The key was used before for the same request: send back its stored response."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(status)
        self.status = status
        self.body = body


@dataclass
class Key:
    """An in-progress idempotent request, to be completed with its response."""

    record_id: int | None

    def complete(self, status: int, body: dict[str, Any], *, session: Session) -> None:
        """Store the response in the same transaction as the work it describes."""
        if self.record_id is None:
            return
        record = session.get(IdempotencyRecord, self.record_id)
        if record is not None:
            record.response_status, record.response_body = status, body
            session.add(record)


def _claim(session: Session, user_id: int, key: str, fingerprint: str) -> int:
    """Record the key, or answer for an earlier use of it (replay, 422 or 409)."""
    existing = session.exec(
        select(IdempotencyRecord).where(IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key)
    ).first()
    if existing is not None:
        if existing.request_sha256 != fingerprint:
            raise InvalidInput.at("Idempotency-Key", "this key was already used for a different request")
        if existing.response_status is not None:
            raise Replay(existing.response_status, existing.response_body or {})
        if utc_now() - existing.created_at < ABANDONED_AFTER:
            raise Conflict("A request with this Idempotency-Key is still being processed. Retry shortly.")
        session.delete(existing)
        session.flush()
    record = IdempotencyRecord(user_id=user_id, key=key, request_sha256=fingerprint)
    session.add(record)
    session.flush()
    return id_of(record)


def _claim_apart(open_session: SessionFactory, user_id: int, key: str, fingerprint: str) -> int:
    # In a transaction of its own, committed at once, so a concurrent retry sees the claim and
    # is told the first is still running.
    with open_session(writes=True) as session:
        try:
            record_id = _claim(session, user_id, key, fingerprint)
            session.commit()
        except IntegrityError:
            raise Conflict("A request with this Idempotency-Key is still being processed. Retry shortly.") from None
        return record_id


def _release(open_session: SessionFactory, record_id: int) -> None:
    # The work failed: forget the claim so that a corrected retry runs.
    with open_session(writes=True) as session:
        session.execute(delete(IdempotencyRecord).where(col(IdempotencyRecord.id) == record_id))
        session.commit()


async def _fingerprint(request: Request) -> str:
    body = await request.body()
    return hashlib.sha256(request.method.encode() + b" " + request.url.path.encode() + b"\n" + body).hexdigest()


def idempotency_key(
    request: Request,
    caller: CurrentPrincipal,
    session: SessionDep,
    fingerprint: Annotated[str, Depends(_fingerprint)],
    key: Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)] = None,
) -> Iterator[Key]:
    """Claim the key (if sent) before the route runs; release it if the route fails."""
    if key is None or not isinstance(caller, Member):
        yield Key(None)
        return
    if request.app.state.engine.dialect.name == "sqlite":
        # SQLite runs one writer at a time: a retry cannot start until this request has
        # committed (then it is replayed) or rolled back (taking the claim with it).
        yield Key(_claim(session, caller.user_id, key, fingerprint))
        return
    record_id = _claim_apart(request.app.state.open_session, caller.user_id, key, fingerprint)
    try:
        yield Key(record_id)
    except Exception:
        _release(request.app.state.open_session, record_id)
        raise


IdempotencyKey = Annotated[Key, Depends(idempotency_key, scope="function")]


async def _replay(_request: Request, replay: Exception) -> JSONResponse:
    replay = registered_for(Replay, replay)
    return JSONResponse(replay.body, status_code=replay.status, headers={"Idempotent-Replayed": "true"})


def install_replay_handler(app: FastAPI) -> None:
    """Answer a replayed Idempotency-Key with the response stored the first time."""
    app.add_exception_handler(Replay, _replay)
