"""The ASGI application uvicorn serves (`uvicorn service.main:app`), with its background job runner."""

from service.app import create_app
from service.oversight.job_runner import running_jobs

app = create_app(lifespan=running_jobs)
