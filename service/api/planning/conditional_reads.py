"""A conditional read of a part answered before routing: 304 Not Modified without FastAPI's route machinery.

A client keeping a part in step reads it with If-None-Match naming the ETag it holds, and is told 304 until
somebody saves. Through FastAPI that answer spent about half its time finding the route among the API's and
solving its dependencies (bench/README.md): here it is the route's own statement and policy
(part_policy.found_part_read) with nothing to find. Only the 304 is answered here. Anything else (no bearer token,
a tag that is not current, a caller who may not see the plan, a database that does not answer) is handed on
untouched to the route, which answers and records it as it always has; so is any query string or second
If-None-Match. Nothing is cached: each request asks the database, so a revoked token is refused at once.

May import: service.access, service.planning, service.platform, service.api.planning, plan_schema.
"""

import re

from sqlalchemy.exc import SQLAlchemyError
from starlette._utils import get_route_path
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from plan_schema.vocabulary import PartName
from service.access import part_policy
from service.access.part_reads import PartRead
from service.api.planning.parts import entity_tag, none_match
from service.platform.deps import request_session
from service.platform.ids import db_integer

_PARTS = {part.value: part for part in PartName}


class ConditionalPartReads:
    """ASGI middleware, innermost: a GET of a part whose ETag the client names, from a usable bearer token, is
    answered 304 here when the caller may see the plan; every other request goes on to the application."""

    def __init__(self, app: ASGIApp, *, prefix: str) -> None:
        self.app = app
        self._part_path = re.compile(re.escape(prefix) + r"/plans/([0-9]{1,10})/parts/([a-z-]{1,40})")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not await self._not_modified(scope, receive, send):
            await self.app(scope, receive, send)

    async def _not_modified(self, scope: Scope, receive: Receive, send: Send) -> bool:
        """Answer 304 and say so, or answer nothing and say so."""
        matched = self._part_path.fullmatch(get_route_path(scope))
        if matched is None or scope.get("query_string"):
            return False
        request = Request(scope, receive)
        if_none_match = request.headers.getlist("if-none-match")
        plan_id, part = db_integer(matched.group(1)), _PARTS.get(matched.group(2))
        if len(if_none_match) != 1 or "authorization" not in request.headers or plan_id is None or part is None:
            return False
        read = await _found(request, plan_id, part)
        if read is None or not none_match(if_none_match[0], tag := entity_tag(part, read.served.version)):
            return False  # the route reads again (and notes a token in use again: a second, harmless touch)
        await Response(status_code=304, headers={"ETag": tag})(scope, receive, send)
        return True


async def _found(request: Request, plan_id: int, part: PartName) -> PartRead | None:
    # In the session a route would have (a token in use is noted as used, as there), and on the event loop as
    # the route's own read is (deps.database_work says why it never waits).
    try:
        async with request_session(request) as session:
            return part_policy.found_part_read(request, plan_id, part, session)
    except SQLAlchemyError:
        return None  # the route meets the same failure and answers it: 503, to try again
