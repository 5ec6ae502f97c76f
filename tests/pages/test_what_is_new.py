"""The start page's "What is new since you last signed in": the events the caller was told of, since then."""

from fastapi.testclient import TestClient

from tests.conftest import ClientFor, Demo
from tests.pages.conftest import BrowserFor

NEW = "What is new since you last signed in"


def _comment(client_for: ClientFor, demo: Demo, body: str) -> int:
    answer = client_for("reviewer_x").post(
        f"/api/v1/plans/{demo.filled_plan_id}/comments", json={"body": body, "part": "funding"}
    )
    assert answer.status_code == 201, answer.text
    comment_id: int = answer.json()["id"]
    return comment_id


def test_the_start_page_lists_what_happened_since_the_first_sign_in(
    browser_for: BrowserFor, client_for: ClientFor, demo: Demo
) -> None:
    planner = browser_for("planner_a")
    comment_id = _comment(client_for, demo, "Is 1.6 right?")

    page = planner.get("/").text

    assert NEW in page
    assert "This is your first sign-in, so this is what has happened since your account was made." in page
    link = f'<a class="govuk-link" href="/plans/{demo.filled_plan_id}/review#comment-{comment_id}">'
    assert f"{link}Birmingham Drug Action Team&#39;s " in page
    assert "plan: Rosa Reviewer commented on Part 4</a>" in page


def test_what_was_new_at_the_last_sign_in_is_not_new_at_the_next(
    browser_for: BrowserFor, client_for: ClientFor, demo: Demo
) -> None:
    browser_for("planner_a")
    _comment(client_for, demo, "Is 1.6 right?")
    browser_for("planner_a")  # signed in again: the comment came before this sign-in
    later = browser_for("planner_a")

    assert "Nothing new about your plans since then." in later.get("/").text
    second = _comment(client_for, demo, "And 1.7?")
    page = later.get("/").text

    assert "You last signed in at " in page
    assert page.count("commented on Part 4</a>") == 1
    assert f"review#comment-{second}" in page


def test_no_one_sees_what_was_new_for_someone_else(browser_for: BrowserFor, client_for: ClientFor, demo: Demo) -> None:
    other_partnership, author = browser_for("planner_b"), browser_for("reviewer_x")
    _comment(client_for, demo, "Is 1.6 right?")

    for page in (other_partnership.get("/").text, author.get("/").text):
        assert NEW in page
        assert "commented on Part 4" not in page
        assert "Nothing new about your plans since then." in page


def test_the_public_see_no_news(visitor: TestClient) -> None:
    assert NEW not in visitor.get("/").text
