"""Page fixtures: the application with its pages installed, and browsers signed in through the form."""

import re
from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine
from sqlmodel import Session

from service import pages
from service.app import create_app
from service.settings import Settings
from tests.conftest import ACTORS, DEMO_PASSWORD, Demo

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]*)"')


@pytest.fixture(scope="session")
def pages_app(engine: Engine) -> FastAPI:
    """Our own application (not the shared one), so installing the pages changes no other test's."""
    app = create_app(Settings(environment="test", database_url="sqlite://"), engine=engine)
    pages.install(app)  # a no-op once create_app installs them itself
    return app


@pytest.fixture
def page_app(pages_app: FastAPI, connection: Connection) -> FastAPI:
    """The pages application, each request's session inside the test's transaction."""

    def open_session(*, writes: bool) -> Session:
        return Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)

    pages_app.state.open_session = open_session
    return pages_app


def csrf_token(page: str) -> str:
    """The first form's CSRF token on a page."""
    found = CSRF_FIELD.search(page)
    assert found is not None, "the page has no form with a CSRF token"
    return found.group(1)


BrowserFor = Callable[[str], TestClient]


@pytest.fixture
def browser_for(page_app: FastAPI, demo: Demo) -> Iterator[BrowserFor]:
    """A cookie-keeping client signed in as an actor of tests.conftest.ACTORS through the sign-in form."""
    opened: list[TestClient] = []

    def sign_in(actor: str) -> TestClient:
        client = TestClient(page_app, raise_server_exceptions=False)
        opened.append(client)
        token = csrf_token(client.get("/sign-in").text)
        answer = client.post(
            "/sign-in",
            data={"email": ACTORS[actor], "password": DEMO_PASSWORD, "csrf_token": token},
            follow_redirects=False,
        )
        assert answer.status_code == 303, answer.text
        return client

    yield sign_in
    for client in opened:
        client.close()


@pytest.fixture
def visitor(page_app: FastAPI) -> Iterator[TestClient]:
    """Someone not signed in."""
    with TestClient(page_app, raise_server_exceptions=False) as client:
        yield client
