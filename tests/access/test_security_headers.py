"""Security headers on every answer: pages, the API, assets and errors; Secure cookies outside development."""

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from service.access.identity import SESSION_COOKIE
from service.pages import templates
from service.platform.settings import Settings
from tests.conftest import DEMO_PASSWORD, Demo
from tests.pages.test_templates import CONTEXTS

# Every answer: pages, API, assets, errors.
EVERYWHERE = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


def _directives(response: Response) -> dict[str, str]:
    policy = response.headers["content-security-policy"]
    pairs = (directive.strip().split(" ", 1) for directive in policy.split(";") if directive.strip())
    return {name: (rest[0] if rest else "") for name, *rest in pairs}


def _assert_protected(response: Response) -> None:
    for name, value in EVERYWHERE.items():
        assert response.headers.get(name) == value, name
    assert "camera=()" in response.headers["permissions-policy"]
    assert "microphone=()" in response.headers["permissions-policy"]
    assert "geolocation=()" in response.headers["permissions-policy"]
    directives = _directives(response)
    assert directives["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"


def test_an_api_answer_carries_the_security_headers(anonymous: TestClient) -> None:
    _assert_protected(anonymous.get("/api/v1/health"))


def test_a_page_carries_the_security_headers(anonymous: TestClient, demo: Demo) -> None:
    _assert_protected(anonymous.get("/sign-in"))


def test_a_static_asset_carries_the_security_headers(anonymous: TestClient) -> None:
    response = anonymous.get("/assets/service/service.css")

    assert response.status_code == 200
    _assert_protected(response)


@pytest.mark.parametrize("path", ["/no-such-page", "/api/v1/no-such-thing"])
def test_an_error_answer_carries_the_security_headers(anonymous: TestClient, path: str) -> None:
    response = anonymous.get(path)

    assert response.status_code == 404
    _assert_protected(response)


def test_a_server_error_carries_the_security_headers(app: FastAPI) -> None:
    @app.get("/api/v1/explode-for-headers", include_in_schema=False)
    def explode() -> None:
        raise RuntimeError("boom")

    try:
        response = TestClient(app, raise_server_exceptions=False).get("/api/v1/explode-for-headers")
    finally:
        app.router.routes.pop()

    assert response.status_code == 500
    _assert_protected(response)


def test_hsts_is_sent_outside_development(anonymous: TestClient, app: FastAPI) -> None:
    assert "max-age=" in anonymous.get("/api/v1/health").headers["strict-transport-security"]

    app.state.settings = Settings(environment="development", database_url="sqlite://")

    assert "strict-transport-security" not in anonymous.get("/api/v1/health").headers


def test_the_api_documentation_page_allows_only_its_own_script(anonymous: TestClient) -> None:
    response = anonymous.get("/api/v1/docs")

    assert response.status_code == 200
    directives = _directives(response)
    assert directives["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    assert "'sha256-" in directives["script-src"]


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)


@pytest.mark.parametrize("name", sorted(CONTEXTS))
def test_no_page_has_an_inline_script_or_style_the_policy_would_block(name: str) -> None:
    for context in CONTEXTS[name]:
        html = templates.get_template(name).render(context)

        assert INLINE_SCRIPT.findall(html) == []
        assert " style=" not in html
        assert "<style" not in html


def _sign_in(client: TestClient) -> Response:
    token = client.get("/sign-in").text.split('name="csrf_token" value="')[1].split('"')[0]
    response: Response = client.post(
        "/sign-in",
        data={"email": "planner@demo.example", "password": DEMO_PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    return response


def test_cookies_are_secure_in_the_test_environment_and_still_work_over_https(
    anonymous: TestClient, demo: Demo
) -> None:
    response = _sign_in(anonymous)

    cookies = response.headers.get_list("set-cookie")
    assert cookies
    assert all("Secure" in cookie for cookie in cookies)
    assert SESSION_COOKIE in anonymous.cookies
    assert "planner@demo.example" in anonymous.get("/").text


def test_cookies_are_not_secure_in_development(app: FastAPI, anonymous: TestClient, demo: Demo) -> None:
    app.state.settings = Settings(environment="development", database_url="sqlite://")

    response = _sign_in(anonymous)

    assert not any("Secure" in cookie for cookie in response.headers.get_list("set-cookie"))


def test_a_throttled_sign_in_page_says_when_to_try_again(anonymous: TestClient, demo: Demo) -> None:
    for n in range(5):
        anonymous.post("/api/v1/token", data={"username": "planner@demo.example", "password": f"guess {n}"})

    response = _sign_in(anonymous)

    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 15 * 60
