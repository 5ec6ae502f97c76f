"""Refuse request bodies over the limit with 413 before any of them is parsed or stored."""

import json
import re
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


# Renders the page a browser is shown for a refused body, from its status and detail.
PageRenderer = Callable[[int, str], str]


class BodySizeLimit:
    """ASGI middleware: a declared or streamed body over `max_bytes` gets 413 problem+json.

    Requests outside the API (the pages' forms) get an HTML page instead when `page` is given,
    so a browser never shows a person JSON.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        larger: Mapping[re.Pattern[str], int] | None = None,
        page: PageRenderer | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.larger = dict(larger or {})
        self.page = page

    def _limit(self, path: str) -> int:
        return next((limit for pattern, limit in self.larger.items() if pattern.match(path)), self.max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(scope, send, limit)
            return
        # Bodies without a trustworthy length (chunked) are read up to the limit, then replayed.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await self._refuse(scope, send, limit)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, send: Send, limit: int) -> None:
        limit_mb = limit // (1024 * 1024)
        if self.page is not None and not scope["path"].startswith("/api/"):
            detail = f"What you sent is over the {limit_mb:g} MB limit, so nothing was saved. Go back and send less."
            body = self.page(413, detail).encode()
            media_type = b"text/html; charset=utf-8"
        else:
            detail = f"The request body is over the {limit_mb:g} MB limit. Nothing was saved."
            problem = {"type": "about:blank", "title": "Content too large", "status": 413, "detail": detail}
            body = json.dumps(problem).encode()
            media_type = b"application/problem+json"
        headers = [(b"content-type", media_type), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})
