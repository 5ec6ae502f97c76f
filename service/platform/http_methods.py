"""HEAD wherever GET is served, and a 405 whose Allow names every method the resource has."""

from collections.abc import Callable, Sequence

from starlette.routing import BaseRoute, Match, Mount

from service.platform.body_limit import ASGIApp, Message, Receive, Scope, Send

CANDIDATES = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(routes: Sequence[BaseRoute], scope: Scope) -> list[str]:
    """Every method some route answers at the request's path (a mounted folder of files: GET and HEAD)."""
    allowed = set()
    for route in routes:
        if isinstance(route, Mount):
            if route.matches(scope)[0] is Match.FULL:
                allowed |= {"GET", "HEAD"}
            continue
        allowed |= {method for method in CANDIDATES if route.matches({**scope, "method": method})[0] is Match.FULL}
    if "GET" in allowed:
        allowed.add("HEAD")
    return [method for method in CANDIDATES if method in allowed]


class HttpMethods:
    """ASGI middleware: HEAD is answered as GET without the body; a 405's Allow lists every route's methods.

    FastAPI gives each method its own route and, on a 405, names only the first route's methods;
    nor does it answer HEAD. `routes` is asked per request, so routes added later count too.
    """

    def __init__(self, app: ASGIApp, routes: Callable[[], Sequence[BaseRoute]]) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # Routing rewrites the scope it is given (a mount's root_path): the 405's Allow is judged on the request's.
        asked = dict(scope) | {"method": "OPTIONS"}
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        body_sent = False

        async def answer(message: Message) -> None:
            nonlocal body_sent
            if message["type"] == "http.response.start" and message["status"] == 405:
                headers = [(name, value) for name, value in message.get("headers", []) if name.lower() != b"allow"]
                allow = ", ".join(allowed_methods(self.routes(), asked))
                message["headers"] = [*headers, (b"allow", allow.encode())]
            if head and message["type"] == "http.response.body":
                # The headers (Content-Length among them) stay those of the GET; the body is not sent.
                if body_sent:
                    return
                message, body_sent = {**message, "body": b"", "more_body": False}, True
            await send(message)

        await self.app(scope, receive, answer)
