"""Pages that only read, run on the event loop rather than handed to the thread pool.

FastAPI runs a plain `def` endpoint in a pool thread. Under load that hand-off, not the work, was the largest
cost of a page: with twenty requests in progress the event loop (parsing requests, finding each caller on the
loop, sending responses) and the pool's threads take Python's GIL from one another at every database call,
each of which lets go of it. Served one request at a time the task list took 2.8 ms of the server's CPU; at
twenty connections, 4.2–5.0 ms. Run on the loop, the same page took 2.7–3.4 ms at twenty connections (SQLite;
PostgreSQL's 6.1–7.9 ms became 3.6–4.6 ms): bench/README.md, "fifth session".

It is safe only for work that never waits for anything but its own statements, as `deps.database_work` says
of a read's queries: SQLite's readers never wait for its writer (WAL), PostgreSQL's SELECTs take no locks, and
`admission.py` admits no more requests than the pool has connections, so none waits for one. A page that may
write, or that works for long (a document, a region's pack), stays in the pool, where it holds up nobody.
"""

import functools
from collections.abc import Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def on_the_loop(endpoint: Callable[P, R]) -> Callable[P, Coroutine[Any, Any, R]]:
    """`endpoint`, a page's GET that only reads and renders, as a coroutine: FastAPI awaits it on the event loop.

    Its signature is kept (functools.wraps), so FastAPI reads the same parameters and dependencies from it.
    """

    @functools.wraps(endpoint)
    async def run(*args: P.args, **kwargs: P.kwargs) -> R:
        return endpoint(*args, **kwargs)

    return run
