"""On a real SQLite file, with the production session factory, writes never wait on themselves.

The other tests share one connection per test, which hides lock order; these use the engine
as `adtp serve` does: one connection per transaction, BEGIN IMMEDIATE for writers.
"""

import time

from sqlalchemy import Engine
from sqlmodel import Session, select

from service.access.accounts import find_user
from service.tables.access import ApiToken
from service.tables.columns import id_of
from service.tables.journey import SELF_AUDIT, Attachment
from tests.service.conftest import planner_client


def test_the_first_write_with_a_fresh_token_is_saved_at_once(sqlite_file: Engine) -> None:
    client, plan_id = planner_client(sqlite_file)
    url = f"/api/v1/plans/{plan_id}/parts/targets"
    read = client.get(url)  # a read notes the token's use in its own transaction
    with Session(sqlite_file) as session:  # make the token's last use old again
        for token in session.exec(select(ApiToken)).all():
            token.last_used_at = None
            session.add(token)
        session.commit()

    started = time.monotonic()
    response = client.put(url, json=read.json()["document"], headers={"If-Match": read.headers["ETag"]})

    assert response.status_code == 200, response.text
    assert time.monotonic() - started < 5


def test_an_idempotent_submission_is_saved_and_replayed(sqlite_file: Engine) -> None:
    client, plan_id = planner_client(sqlite_file)
    with Session(sqlite_file) as session:
        planner = find_user("planner@demo.example", session=session)
        assert planner is not None
        session.add(
            Attachment(
                plan_id=plan_id,
                kind=SELF_AUDIT,
                filename="a.pdf",
                media_type="application/pdf",
                size=4,
                sha256="0" * 64,
                content=b"%PDF",
                uploaded_by=id_of(planner),
            )
        )
        session.commit()
    url, key = f"/api/v1/plans/{plan_id}/submissions", {"Idempotency-Key": "sqlite-1"}

    started = time.monotonic()
    first = client.post(url, json={"stage": "initial"}, headers=key)
    again = client.post(url, json={"stage": "initial"}, headers=key)

    assert first.status_code == 201, first.text
    assert again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert time.monotonic() - started < 10
