"""Admit as many requests at once as the database pool can serve; the rest wait their turn.

Each request holds a pooled connection from its first query to its end. Under a surge (a deadline
day: hundreds of people saving at once) more requests were in progress than the pool has
connections, and those that waited past the pool's timeout failed with 500 although nothing was
wrong but the queue. Here they wait before they start, holding nothing, and are served in turn:
slower, never refused. The limit leaves every admitted request room for the second connection a
refusal's audit record may take (deps._keep_changes), and the background job its own.
"""

import asyncio
import weakref

from service.platform.body_limit import ASGIApp, Receive, Scope, Send

# What needs no database: the service's own files and the bare health check.
UNLIMITED = ("/assets/", "/api/v1/health")


class Admission:
    """ASGI middleware: at most `limit` requests that may use the database are in progress at once."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        # One semaphore per event loop (a worker has one; a test may run several, one after another).
        self._turns: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
            weakref.WeakKeyDictionary()
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(UNLIMITED):
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        turns = self._turns.get(loop)
        if turns is None:
            turns = self._turns[loop] = asyncio.Semaphore(self.limit)
        async with turns:
            await self.app(scope, receive, send)
