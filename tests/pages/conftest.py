"""Page fixtures: the application with its pages installed, browsers signed in through the form, and Chromium."""

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine
from sqlmodel import Session

from service import pages
from service.app import create_app
from service.platform.settings import Settings
from tests.conftest import ACTORS, DEMO_PASSWORD, HTTPS, ClientFor, Demo, make_initial_submission_overdue
from tests.pages.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    axe_violations,
    require_browser_tools,
    serve,
    without_javascript,
)
from tests.pages.forms import csrf_token
from tests.pages.reviewing import assess, submit

_PAGES_APPS: dict[int, FastAPI] = {}


@pytest.fixture(scope="session")
def pages_app(engine: Engine) -> FastAPI:
    """Our own application (not the shared one), so installing the pages changes no other test's.

    Kept by engine, as tests/conftest.py's shared_app is: pytest rebuilds this fixture at every file.
    """
    if id(engine) not in _PAGES_APPS:
        app = create_app(Settings(environment="test", database_url="sqlite://"), engine=engine)
        pages.install(app)  # a no-op once create_app installs them itself
        _PAGES_APPS[id(engine)] = app
    return _PAGES_APPS[id(engine)]


@pytest.fixture
def page_app(pages_app: FastAPI, connection: Connection) -> FastAPI:
    """The pages application, each request's session inside the test's transaction."""

    def open_session(*, writes: bool) -> Session:
        return Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)

    pages_app.state.open_session = open_session
    return pages_app


BrowserFor = Callable[[str], TestClient]


@pytest.fixture
def browser_for(page_app: FastAPI, demo: Demo) -> Iterator[BrowserFor]:
    """A cookie-keeping client signed in as an actor of tests.conftest.ACTORS through the sign-in form."""
    with ExitStack() as opened:  # entered, as tests.conftest.client_for's are (it says why)

        def sign_in(actor: str) -> TestClient:
            client = opened.enter_context(TestClient(page_app, base_url=HTTPS, raise_server_exceptions=False))
            token = csrf_token(client.get("/sign-in").text)
            answer = client.post(
                "/sign-in",
                data={"email": ACTORS[actor], "password": DEMO_PASSWORD, "csrf_token": token},
                follow_redirects=False,
            )
            assert answer.status_code == 303, answer.text
            return client

        yield sign_in


@pytest.fixture
def visitor(page_app: FastAPI) -> Iterator[TestClient]:
    """Someone not signed in."""
    with TestClient(page_app, base_url=HTTPS, raise_server_exceptions=False) as client:
        yield client


# The browser suite (test_browser*.py). A module-scoped fixture here still gives each module its own:
# each gets a fresh service because its tests move the demo plan along the timetable.


@pytest.fixture(scope="module")
def base_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The service under uvicorn on a fresh, migrated and seeded SQLite database, one for each test module."""
    require_browser_tools()
    yield from serve(tmp_path_factory.mktemp(request.module.__name__.rpartition(".")[2]), DEMO_PASSWORD)


@pytest.fixture
def fresh_url(tmp_path: Path) -> Iterator[str]:
    """A service of the test's own, the demo plan as seeded, whatever the module's tests have done to theirs."""
    require_browser_tools()
    yield from serve(tmp_path, DEMO_PASSWORD)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Debian's Chromium under Playwright (never a downloaded browser)."""
    require_browser_tools()
    from playwright.sync_api import sync_playwright  # only where Chromium exists

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def page(request: pytest.FixtureRequest, chromium: Any, base_url: str) -> Iterator[Any]:
    """A fresh browser tab, with JavaScript on or off (a test narrows it with an indirect parametrize)."""
    context = chromium.new_context(base_url=base_url, java_script_enabled=request.param)
    tab = context.new_page()
    yield tab
    context.close()


Axe = Callable[[Any], list[str]]


@pytest.fixture
def axe(request: pytest.FixtureRequest, chromium: Any, base_url: str) -> Axe:
    """axe-core's WCAG 2.2 AA violations on the test's `page` as its visitor sees it.

    With JavaScript off, axe runs on a copy of the page with its scripts removed (see without_javascript).
    """
    with_javascript: bool = request.node.callspec.params["page"]

    def violations(page: Any) -> list[str]:
        return axe_violations(page if with_javascript else without_javascript(page, chromium, base_url))

    return violations


# The plan as a reviewer's page tests need it (tests/pages/reviewing.py moves it along).


@pytest.fixture
def submitted_plan(client_for: ClientFor, demo: Demo) -> int:
    """The demo's filled plan after its initial submission, waiting for the panel's assessment."""
    submit(client_for, demo.filled_plan_id, "initial")
    return demo.filled_plan_id


@pytest.fixture
def late_plan(client_for: ClientFor, demo: Demo, session: Session) -> int:
    """The demo's filled plan submitted three days after its (moved) initial submission date."""
    make_initial_submission_overdue(session, demo.current_cycle_id, days=3)
    submit(client_for, demo.filled_plan_id, "initial")
    return demo.filled_plan_id


@pytest.fixture
def final_plan(submitted_plan: int, client_for: ClientFor, browser_for: BrowserFor) -> int:
    """The filled plan accepted by the panel and submitted again as final, waiting for both sides to sign it off."""
    assess(browser_for("reviewer_x"), submitted_plan, {"decision": "accepted"})
    submit(client_for, submitted_plan, "final")
    return submitted_plan
