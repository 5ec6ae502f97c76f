"""On PostgreSQL, pages and part saves run on the event loop with their statements awaited there
(service/platform/loop_sessions.py): a save waiting for a lock never holds the other requests up."""

import asyncio
import re
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, text
from sqlmodel import Session, col, func, select

from service.app import create_app
from service.platform.settings import Settings
from service.tables.access import AuditEvent
from service.tables.plans import Plan
from tests.conftest import DEMO_PASSWORD
from tests.throwaway_database import throwaway_postgres

pytestmark = pytest.mark.postgres

PART = "strategic-summary"
WAIT_S = 30  # long enough for a slow machine, short enough that a request held up fails the test


@pytest.fixture(scope="module")
def database() -> Iterator[Engine]:
    with throwaway_postgres("the PostgreSQL loop-session tests") as (engine, _):
        yield engine


@pytest.fixture
def app(database: Engine) -> FastAPI:
    app = create_app(Settings(environment="test", database_url="postgresql://unused"), engine=database)
    assert app.state.loop_sessions is not None  # what these tests are about
    return app


def _filled_plan(engine: Engine) -> int:
    """The demo's filled plan, this year's, whose planner is planner@demo.example (seeded first)."""
    with Session(engine) as session:
        plan_id = session.exec(select(Plan.id).order_by(col(Plan.id))).first()
    assert plan_id is not None
    return plan_id


async def _signed_in(client: httpx.AsyncClient, email: str) -> None:
    form = (await client.get("/sign-in")).text
    found = re.search(r'name="csrf_token" value="([^"]*)"', form)
    assert found is not None
    fields = {"csrf_token": found.group(1), "email": email, "password": DEMO_PASSWORD}
    assert (await client.post("/sign-in", data=fields)).status_code in (200, 303)


async def _bearer(client: httpx.AsyncClient, email: str) -> dict[str, str]:
    answer = await client.post("/api/v1/token", data={"username": email, "password": DEMO_PASSWORD})
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def _client(app: FastAPI) -> httpx.AsyncClient:
    # One client, one event loop: every request below is served by the same loop, as by one uvicorn worker.
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://testserver")


def test_a_save_waiting_for_the_plans_lock_leaves_the_pages_served(app: FastAPI, database: Engine) -> None:
    plan_id = _filled_plan(database)
    url = f"/api/v1/plans/{plan_id}/parts/{PART}"

    async def main() -> tuple[int, int, int, int, int]:
        async with _client(app) as client:
            await _signed_in(client, "planner@demo.example")
            headers = await _bearer(client, "planner@demo.example")
            read = await client.get(url, headers=headers)
            with database.connect() as holder:  # another transaction holds the plan, as a save would
                holder.execute(text("SELECT id FROM plan WHERE id = :id FOR UPDATE"), {"id": plan_id})
                save = asyncio.create_task(
                    client.put(url, json=read.json()["document"], headers=headers | {"If-Match": read.headers["ETag"]})
                )
                await asyncio.sleep(0.5)
                waited = not save.done()
                page = await asyncio.wait_for(client.get(f"/plans/{plan_id}"), WAIT_S)
                holder.commit()
            saved = await asyncio.wait_for(save, WAIT_S)
            again = await client.get(url, headers=headers)
            return int(waited), page.status_code, saved.status_code, read.json()["version"], again.json()["version"]

    waited, page, saved, before, after = asyncio.run(main())

    assert waited == 1  # the save was waiting for the lock while the page was asked for
    assert page == 200
    assert saved == 200
    assert after == before + 1


def test_two_saves_of_one_version_on_one_loop_make_one_version(app: FastAPI, database: Engine) -> None:
    plan_id = _filled_plan(database)
    url = f"/api/v1/plans/{plan_id}/parts/{PART}"

    async def main() -> tuple[list[int], int, int]:
        async with _client(app) as client:
            headers = await _bearer(client, "planner@demo.example")
            read = await client.get(url, headers=headers)
            put = {"json": read.json()["document"], "headers": headers | {"If-Match": read.headers["ETag"]}}
            both = await asyncio.wait_for(asyncio.gather(client.put(url, **put), client.put(url, **put)), WAIT_S)
            again = await client.get(url, headers=headers)
            return sorted(r.status_code for r in both), read.json()["version"], again.json()["version"]

    statuses, before, after = asyncio.run(main())

    assert statuses == [200, 412]
    assert after == before + 1


def test_a_refused_save_on_the_loop_is_in_the_audit_log_and_changes_nothing(app: FastAPI, database: Engine) -> None:
    plan_id = _filled_plan(database)
    url = f"/api/v1/plans/{plan_id}/parts/{PART}"

    def refusals() -> int:
        with Session(database) as session:
            query = select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "authorization-refused")
            return session.exec(query).one()

    async def main() -> tuple[int, int, int]:
        async with _client(app) as client:
            reader = await _bearer(client, "planner@demo.example")
            read = await client.get(url, headers=reader)
            finance = await _bearer(client, "finance@demo.example")  # may change Part 4 only
            refused = await client.put(
                url, json=read.json()["document"], headers=finance | {"If-Match": read.headers["ETag"]}
            )
            again = await client.get(url, headers=reader)
            return refused.status_code, read.json()["version"], again.json()["version"]

    before = refusals()
    status, version_before, version_after = asyncio.run(main())

    assert status == 403
    assert version_after == version_before
    assert refusals() == before + 1
