"""The ASGI application uvicorn serves (`uvicorn service.main:app`), with its background job runner."""

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from service.app import create_app
from service.notifications.one_time_links import keep_out_of_access_log
from service.notifications.schedule import NotificationDuties
from service.oversight.job_runner import running_jobs


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """The job runner, also sending the outbox and the reminders that fall due."""
    # What a worker holds once started (modules, routes, the catalogue: some 280,000 objects) lives as long as
    # the process. Frozen, the collector's full collections no longer walk it each time requests' garbage
    # triggers one: 4–9 % more pages and writes a second at 20 connections, and most of the p99 tail
    # (bench/README.md, issue 15's second session).
    gc.collect()
    gc.freeze()
    async with running_jobs(app, duties=[NotificationDuties(app.state.settings)]):
        yield


app = create_app(lifespan=_lifespan)
# A set-password link's path is its secret: uvicorn's access log writes every path it serves.
keep_out_of_access_log(logging.getLogger("uvicorn.access"))
