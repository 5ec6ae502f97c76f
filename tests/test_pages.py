"""The start page lists the plans and points developers at the API."""

from fastapi.testclient import TestClient

from tests.conftest import Demo


def test_the_home_page_asks_the_public_to_sign_in_and_lists_no_plans(anonymous: TestClient, demo: Demo) -> None:
    response = anonymous.get("/")

    assert response.status_code == 200
    assert 'href="/sign-in"' in response.text
    assert "Birmingham" not in response.text


def test_the_home_page_lists_each_plan_by_partnership(client: TestClient, demo: Demo) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "Birmingham Drug Action Team" in response.text
    assert f'href="/plans/{demo.filled_plan_id}"' in response.text  # the plan's page, not its JSON
    assert 'href="/api/v1/docs"' in response.text
