"""A part read with If-None-Match is answered 304 before routing (conditional_reads.py) when the client's copy is
current: it must answer exactly as the route does, and leave everything else to the route.

A query string sends a request past the early answer to the route itself, which ignores it: the two are compared.
"""

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session, select

from service.tables.access import AuditEvent
from tests.access.access_endings import ACCESS_ENDINGS, AccessEnding, newest_token
from tests.conftest import ClientFor, Demo


def _url(demo: Demo) -> str:
    return f"/api/v1/plans/{demo.filled_plan_id}/parts/funding"


def _current_tag(client: TestClient, demo: Demo) -> str:
    read = client.get(_url(demo))
    assert read.status_code == 200
    return str(read.headers["etag"])


def _answer(response: Response) -> tuple[int, list[tuple[str, str]], bytes]:
    """What a client sees: the status, every header (the security headers too) and the body."""
    return response.status_code, sorted(response.headers.items()), response.content


@pytest.mark.parametrize(
    "if_none_match",
    ["{tag}", "W/{tag}", '"strategic-summary-1", {tag}', '"funding-999999"', 'W/"funding-1"', "*", '"other"'],
    ids=["the tag", "the tag, weak", "a list naming it", "a stale tag", "an old weak tag", "a star", "another tag"],
)
def test_a_conditional_read_is_answered_as_the_route_answers_it(
    client_for: ClientFor, demo: Demo, if_none_match: str
) -> None:
    planner = client_for("planner_a")
    headers = {"If-None-Match": if_none_match.format(tag=_current_tag(planner, demo))}

    early = planner.get(_url(demo), headers=headers)
    routed = planner.get(_url(demo) + "?via=route", headers=headers)

    assert _answer(early) == _answer(routed)
    assert early.status_code in (200, 304)
    if early.status_code == 304:
        assert early.content == b""
        assert early.headers["etag"] == '"funding-' + str(planner.get(_url(demo)).json()["version"]) + '"'


def test_a_part_saved_since_is_sent_whole_not_304(client_for: ClientFor, client: TestClient, demo: Demo) -> None:
    planner = client_for("planner_a")
    held = _current_tag(planner, demo)
    document = client.get(_url(demo)).json()["document"]
    saved = client.put(_url(demo), json=document, headers={"If-Match": held})
    assert saved.status_code == 200

    again = planner.get(_url(demo), headers={"If-None-Match": held})

    assert again.status_code == 200
    assert again.headers["etag"] == saved.headers["etag"] != held
    assert again.json()["document"] == saved.json()["document"]


@ACCESS_ENDINGS
def test_a_current_tag_gets_no_304_once_the_caller_s_access_ends(
    client_for: ClientFor, session: Session, demo: Demo, change: AccessEnding, status: int
) -> None:
    planner = client_for("planner_a")
    headers = {"If-None-Match": _current_tag(planner, demo)}
    assert planner.get(_url(demo), headers=headers).status_code == 304

    change(session)
    session.flush()
    refused = planner.get(_url(demo), headers=headers)

    assert refused.status_code == status
    assert refused.headers["content-type"] == "application/problem+json"


def test_a_refused_conditional_read_is_recorded_and_a_304_notes_the_token_in_use(
    client_for: ClientFor, anonymous: TestClient, session: Session, demo: Demo
) -> None:
    headers = {"If-None-Match": _current_tag(client_for("admin"), demo)}
    outsider = client_for("reviewer_y")
    refused = outsider.get(_url(demo), headers=headers)
    reader = client_for("planner_a", read_only=True)
    token = newest_token(session)

    not_modified = reader.get(_url(demo), headers=headers)

    assert refused.status_code == 404
    assert not_modified.status_code == 304
    session.refresh(token)
    assert token.last_used_at is not None
    audited = session.exec(select(AuditEvent).where(AuditEvent.action == "authorization-refused")).all()
    assert [(event.email, event.detail["status"]) for event in audited] == [("reviewer2@demo.example", 404)]
    assert anonymous.get(_url(demo), headers=headers).status_code == 401
