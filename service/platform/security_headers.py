"""The security headers every answer carries: pages, the API, assets and errors alike."""

from collections.abc import Callable

from service.platform.body_limit import ASGIApp, Message, Receive, Scope, Send

# No inline script or style anywhere: the pages' scripts and styles are files under /assets.
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# None of the service's pages needs a camera, a microphone or where its user is.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), display-capture=()"
)
# A year, for the service's own host only: there is one service per host.
HSTS = "max-age=31536000"
COMMON = {
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"same-origin",
    b"permissions-policy": PERMISSIONS_POLICY.encode(),
    b"x-frame-options": b"DENY",
}


class SecurityHeaders:
    """ASGI middleware adding the headers to every response; a route may set its own Content-Security-Policy.

    `uses_https()` is asked per response: HSTS is sent everywhere but on a developer's own machine.
    """

    def __init__(self, app: ASGIApp, uses_https: Callable[[], bool]) -> None:
        self.app = app
        self.uses_https = uses_https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = self._headers(list(message.get("headers", [])))
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _headers(self, headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        present = {name.lower() for name, _ in headers}
        added = COMMON | {b"content-security-policy": PAGE_POLICY.encode()}
        if self.uses_https():
            added[b"strict-transport-security"] = HSTS.encode()
        return headers + [(name, value) for name, value in added.items() if name not in present]
