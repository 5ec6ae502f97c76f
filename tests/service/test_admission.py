"""Under a surge, requests beyond what the database pool can serve wait their turn: slower, never refused."""

import asyncio
from collections.abc import MutableMapping
from typing import Any

from service.platform.admission import Admission


def _surge(path: str, requests: int, limit: int) -> tuple[int, list[int]]:
    """`requests` at once through Admission(limit) to an app that takes a moment: the most inside at once, statuses."""
    inside, most, statuses = 0, 0, []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        nonlocal inside, most
        inside += 1
        most = max(most, inside)
        await asyncio.sleep(0.01)  # a query's worth of holding a connection
        inside -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    admission = Admission(app, limit=limit)

    async def call() -> None:
        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b""}

        async def send(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])

        await admission({"type": "http", "path": path, "method": "GET"}, receive, send)

    async def main() -> None:
        await asyncio.gather(*(call() for _ in range(requests)))

    asyncio.run(main())
    return most, statuses


def test_a_surge_is_served_in_turns_no_more_at_once_than_the_limit() -> None:
    most, statuses = _surge("/plans/1/parts/funding", requests=40, limit=4)

    assert most == 4
    assert statuses == [200] * 40


def test_the_health_check_and_the_services_own_files_never_queue() -> None:
    for path in ("/api/v1/health", "/assets/service/service.css"):
        most, statuses = _surge(path, requests=12, limit=1)

        assert most == 12
        assert statuses == [200] * 12
