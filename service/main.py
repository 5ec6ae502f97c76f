"""The ASGI application uvicorn serves (`uvicorn service.main:app`), with its background job runner."""

import logging
from contextlib import AbstractAsyncContextManager

from fastapi import FastAPI

from service.app import create_app
from service.notifications.one_time_links import keep_out_of_access_log
from service.notifications.schedule import NotificationDuties
from service.oversight.job_runner import running_jobs


def _lifespan(app: FastAPI) -> AbstractAsyncContextManager[None]:
    """The job runner, also sending the outbox and the reminders that fall due."""
    return running_jobs(app, duties=[NotificationDuties(app.state.settings)])


app = create_app(lifespan=_lifespan)
# A set-password link's path is its secret: uvicorn's access log writes every path it serves.
keep_out_of_access_log(logging.getLogger("uvicorn.access"))
