"""The FastAPI application, assembled."""

import re

from fastapi import FastAPI
from sqlalchemy import Engine
from starlette.types import ASGIApp, Lifespan

from service import pages
from service.access.route_coverage import require_a_policy_on_every_route
from service.api import docs, health
from service.api.access import auth, users
from service.api.idempotency import install_replay_handler
from service.api.journey import attachments, review, submissions
from service.api.monitoring import footprints, matrices, metrics, observations, scorecard_downloads, scorecards
from service.api.notifications import preferences as notification_preferences
from service.api.openapi import install_openapi
from service.api.oversight import dashboards, jobs, public
from service.api.planning import documents, parts, plans, reference, validation
from service.api.planning.conditional_reads import ConditionalPartReads
from service.api.returns import region_routes, review_routes, section_routes, submission_routes, year_routes
from service.api.returns import spend as return_spend
from service.documents.workbook_container import MAX_UPLOAD_BYTES
from service.journey.attachment_types import MAX_ATTACHMENT_BYTES
from service.monitoring.generation import LATEST_ROWS_KEPT, KeptUnderGeneration, LatestRows
from service.pages.form_limits import MAX_FORM_BYTES
from service.pages.rendering import error_page_html
from service.platform.admission import Admission
from service.platform.body_limit import BodySizeLimit
from service.platform.db import POOL_SIZE, SessionFactory, create_db_engine, session_factory
from service.platform.http_methods import HttpMethods
from service.platform.loop_sessions import loop_sessions
from service.platform.problems import install_problem_handlers
from service.platform.routing import PrefixedRouter
from service.platform.security_headers import SecurityHeaders
from service.platform.settings import Settings, get_settings

API_PREFIX = "/api/v1"
# The API's upload routes and the pages' forms that post the same files.
ATTACHMENT_UPLOADS = re.compile(r"^(/api/v1)?/plans/\d+/attachments$")
WORKBOOK_IMPORTS = re.compile(r"^(/api/v1/plans/\d+/parts|/plans/\d+)/funding/import$")
# A Part 3 grid's page may post every objective's and action's text twice over (see service/pages/form_limits.py).
PART_3_PAGE = re.compile(r"^/plans/\d+/planning-grids/\d+$")
OBSERVATION_IMPORTS = re.compile(r"^/api/v1/observations$")


class Service(FastAPI):
    """FastAPI with the security headers outermost, so even Starlette's own 500 answer carries them."""

    def build_middleware_stack(self) -> ASGIApp:
        """The usual stack, wrapped (Starlette puts its server-error middleware outside any added one)."""
        return SecurityHeaders(
            super().build_middleware_stack(), uses_https=lambda: self.state.settings.environment != "development"
        )


def create_app(
    settings: Settings | None = None,
    engine: Engine | None = None,
    open_session: SessionFactory | None = None,
    lifespan: Lifespan[FastAPI] | None = None,
) -> FastAPI:
    """Build the application for the given settings (the environment's by default).

    `lifespan` runs beside it while served: service/main.py gives it the background job runner.
    """
    settings = settings or get_settings()
    app = Service(
        lifespan=lifespan,
        title="Adult drug treatment plan service",
        version="1",
        summary="Author, submit, review and reconcile local adult drug treatment plans.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # service/api/docs.py serves it, under a policy of its own
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine or create_db_engine(settings.database_url)
    app.state.open_session = open_session or session_factory(app.state.engine)
    # Sessions awaited on the event loop for the routes placed there, on PostgreSQL (platform/loop_sessions.py); a
    # caller's own sessions (a test's, bound to its transaction) serve every route.
    app.state.loop_sessions = None if open_session else loop_sessions(app.state.engine, app.state.open_session)
    # Part 2's latest judgements, kept while the database's monitoring generation stands (monitoring/generation.py).
    app.state.kept_judgements = KeptUnderGeneration[LatestRows](size=LATEST_ROWS_KEPT)
    install_problem_handlers(app)
    install_replay_handler(app)
    api = PrefixedRouter(prefix=API_PREFIX)
    # The parts first after health: the busiest routes, and routes are matched in order (about 0.2 ms of a
    # part read went on trying the routes before them). No path of one module is a path of another.
    for module in (
        health,
        parts,
        docs,
        auth,
        users,
        reference,
        plans,
        validation,
        submissions,
        review,
        attachments,
        documents,
        dashboards,
        jobs,
        public,
        observations,
        metrics,
        footprints,
        matrices,
        scorecards,
        scorecard_downloads,
        return_spend,
        section_routes,
        submission_routes,
        review_routes,
        notification_preferences,
        region_routes,
        year_routes,
    ):
        api.include_router(module.router)
    app.include_router(api)
    app.include_router(pages.router)
    api.fix()
    pages.router.fix()
    pages.install(app)
    # Attachments may be up to 10 MB, workbooks 5 MB (plus the multipart envelope), a Part 3 grid's page 24 MB;
    # the rest 2 MB.
    uploads = {
        ATTACHMENT_UPLOADS: MAX_ATTACHMENT_BYTES + 64 * 1024,
        WORKBOOK_IMPORTS: MAX_UPLOAD_BYTES + 64 * 1024,
        PART_3_PAGE: MAX_FORM_BYTES,
        OBSERVATION_IMPORTS: observations.MAX_CSV_BYTES,
    }
    # Innermost: a request answered early has passed admission and every other middleware.
    app.add_middleware(ConditionalPartReads, prefix=API_PREFIX)
    app.add_middleware(HttpMethods, routes=lambda: app.routes)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes, larger=uploads, page=error_page_html)
    app.add_middleware(Admission, limit=POOL_SIZE)
    require_a_policy_on_every_route(app)
    install_openapi(app, settings)
    return app
