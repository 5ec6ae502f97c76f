"""Every page offers exactly the forms the API would accept from that role at that moment.

For each plan state and each actor, every page of the filled demo plan is fetched and each form that
can be sent (method post, with a submit button) is mapped from its address to a capability. Each
capability is then tried on the API for real, in a savepoint rolled back straight after: the forms
offered must be those the API accepts, none it refuses and none missing, and all within what
policy.capabilities says.
"""

import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection
from sqlmodel import Session

from plan_schema.vocabulary import PartName
from service.access.accounts import find_user
from service.access.capabilities import EDIT, Capability, capabilities
from service.access.identity import Member
from service.planning import plans
from service.tables.access import Role
from service.tables.columns import id_of
from tests.conftest import ACTORS, ClientFor, Demo
from tests.pages.conftest import BrowserFor
from tests.workflow import flow

ACTOR_NAMES = ("planner_a", "finance_a", "reviewer_x", "admin", "planner_b")
PAGES = (
    "",
    "/strategic-summary",
    "/targets",
    "/planning-grids/1",  # the list of grids has no form; each grid's page has
    "/funding",
    "/funding/import",
    "/attachments",
    "/submit/initial",
    "/submit/final",
    "/review",
    "/diff",
    "/reconciliation",
    "/publication",
    "/baselines",
)
# What each form's address (after /plans/{id}) asks to do. A form this does not know fails the test.
FORM_ACTIONS: tuple[tuple[str, Capability], ...] = (
    *((rf"/{part.value}(/import|/\d+)?", EDIT[part]) for part in PartName),  # /planning-grids/2: a grid
    ("/attachments", Capability.ATTACH),
    (r"/attachments/\d+/remove", Capability.ATTACH),  # taking back a file not yet submitted is attaching's
    ("/submit/initial", Capability.SUBMIT_INITIAL),
    ("/submit/final", Capability.SUBMIT_FINAL),
    ("/review/assessment", Capability.ASSESS),
    (r"/review/comments(/\d+/(replies|resolution))?", Capability.COMMENT),
    ("/review/sign-off", Capability.SIGN),
    ("/review/agreed-targets", Capability.RECORD_TARGETS),
    ("/review/agreed-targets/confirmation", Capability.CONFIRM_TARGETS),
    ("/publication", Capability.PUBLISH),
    ("/baselines", Capability.ENTER_BASELINES),
)
# The API offers these, the pages do not (reopening is done through the API).
NOT_ON_PAGES = frozenset({Capability.REOPEN})
PDF = flow.PDF
SUBMITS = {("button", "submit"), ("input", "submit")}


class Forms(HTMLParser):
    """The post forms of a page that have a submit button, by action; and the links."""

    def __init__(self) -> None:
        super().__init__()
        self.actions: list[str] = []
        self.links: list[str] = []
        self._open: str | None = None
        self._button = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form" and (found.get("method") or "").lower() == "post":
            self._open, self._button = found.get("action") or "", False
        elif (tag, found.get("type") or ("submit" if tag == "button" else "")) in SUBMITS:
            self._button = True
        elif tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._open is not None:
            if self._button:
                self.actions.append(self._open)
            self._open = None


def offered(browser: TestClient, plan_id: int) -> dict[Capability, str]:
    """Each capability a form (or the region workbook's link) offers on the plan's pages, with the page offering it."""
    found: dict[Capability, str] = {}
    for page in PAGES:
        answer = browser.get(f"/plans/{plan_id}{page}")
        assert answer.status_code in (200, 403, 404), (page, answer.status_code)
        forms = Forms()
        forms.feed(answer.text)
        for action in forms.actions:
            if action == "/sign-out":
                continue
            tail = action.removeprefix(f"/plans/{plan_id}")
            known = [capability for pattern, capability in FORM_ACTIONS if re.fullmatch(pattern, tail)]
            assert known, f"a form on {page or 'the plan page'} posts to {action}, which this test does not know"
            found.setdefault(known[0], page)
        if any("/reconciliation.xlsx" in link for link in forms.links):
            found.setdefault(Capability.DOWNLOAD_REGION_WORKBOOK, page)
    return found


Probe = Callable[[TestClient, int], Any]


def _part(part: PartName) -> Probe:
    def put(client: TestClient, plan_id: int) -> Any:
        current = client.get(f"/api/v1/plans/{plan_id}/parts/{part.value}")
        if current.status_code != 200:
            return current
        url = f"/api/v1/plans/{plan_id}/parts/{part.value}"
        return client.put(url, json=current.json()["document"], headers={"If-Match": current.headers["ETag"]})

    return put


def _workbook(client: TestClient, plan_id: int) -> Any:
    plan = client.get(f"/api/v1/plans/{plan_id}")
    if plan.status_code != 200:
        return plan
    body = plan.json()
    region = body["partnership"]["region_id"]
    return client.get(f"/api/v1/regions/{region}/reconciliation.xlsx?cycle_id={body['cycle']['id']}")


TARGETS = {"planned_change_pct": {"1.1": "3", "1.2": "2.5"}}
# The API call each capability stands for, with a body it would take.
PROBES: dict[Capability, Probe] = {
    **{EDIT[part]: _part(part) for part in PartName},
    Capability.ATTACH: lambda c, p: c.post(
        f"/api/v1/plans/{p}/attachments", files={"file": ("a.pdf", PDF, "application/pdf")}, data={"kind": "supporting"}
    ),
    Capability.SUBMIT_INITIAL: lambda c, p: c.post(f"/api/v1/plans/{p}/submissions", json={"stage": "initial"}),
    Capability.SUBMIT_FINAL: lambda c, p: c.post(f"/api/v1/plans/{p}/submissions", json={"stage": "final"}),
    Capability.ASSESS: lambda c, p: c.post(f"/api/v1/plans/{p}/assessments", json={"decision": "accepted"}),
    Capability.COMMENT: lambda c, p: c.post(f"/api/v1/plans/{p}/comments", json={"part": "funding", "body": "Why?"}),
    Capability.SIGN: lambda c, p: c.post(f"/api/v1/plans/{p}/sign-offs"),
    Capability.REOPEN: lambda c, p: c.post(f"/api/v1/plans/{p}/reopenings", json={"reason": "A figure is wrong"}),
    Capability.PUBLISH: lambda c, p: c.post(f"/api/v1/plans/{p}/publication"),
    Capability.RECORD_TARGETS: lambda c, p: c.put(f"/api/v1/plans/{p}/agreed-targets", json=TARGETS),
    Capability.CONFIRM_TARGETS: lambda c, p: c.post(f"/api/v1/plans/{p}/agreed-targets/confirmation"),
    Capability.ENTER_BASELINES: lambda c, p: c.put(f"/api/v1/plans/{p}/baselines", json={"baselines": {"1.1": 40}}),
    Capability.DOWNLOAD_REGION_WORKBOOK: _workbook,
}


def accepts(answer: httpx.Response) -> bool:
    """Whether the API took the request from this caller now. What was typed may still be refused (422), and a
    submission that carries nothing new is refused for its content, not for who sends it or when; but a plan
    not ready to submit is refused whatever is sent, and its page does not offer the form."""
    if answer.status_code < 400:
        return True
    problem: dict[str, str] = answer.json()
    if answer.status_code == 422:
        return problem.get("type") != "urn:adtp:problem:plan-invalid"
    return answer.status_code == 409 and problem.get("detail", "").startswith("Nothing has changed since")


def accepted(client: TestClient, plan_id: int, connection: Connection) -> set[Capability]:
    """The capabilities the API accepts from the client, each tried in a savepoint rolled back after."""
    taken = set()
    for capability, probe in PROBES.items():
        savepoint = connection.begin_nested()
        try:
            if accepts(probe(client, plan_id)):
                taken.add(capability)
        finally:
            savepoint.rollback()
    return taken


def _to(state: str, planner: TestClient, reviewer: TestClient, admin: TestClient, plan_id: int) -> None:
    """Drive the plan through the API to `state`."""
    url = f"/api/v1/plans/{plan_id}"
    audit = {"file": ("audit.pdf", PDF, "application/pdf")}
    initial = [
        lambda: planner.post(f"{url}/attachments", files=audit, data={"kind": "harm-reduction-self-audit"}),
        lambda: planner.post(f"{url}/submissions", json={"stage": "initial"}),
    ]
    steps: dict[str, list[Callable[[], Any]]] = {
        "drafting": [],
        "initial-submitted": initial,
        "revisions-requested": [
            *initial,
            lambda: reviewer.post(f"{url}/assessments", json={"decision": "revisions-requested", "comment": "More"}),
        ],
        "final-submitted": [
            *initial,
            lambda: reviewer.post(f"{url}/assessments", json={"decision": "accepted"}),
            lambda: planner.post(f"{url}/submissions", json={"stage": "final"}),
        ],
        "signed-by-region": [
            *initial,
            lambda: reviewer.post(f"{url}/assessments", json={"decision": "accepted"}),
            lambda: planner.post(f"{url}/submissions", json={"stage": "final"}),
            lambda: reviewer.post(f"{url}/sign-offs"),
        ],
    }
    if state in steps:
        answers = [step() for step in steps[state]]
        assert all(answer.status_code < 300 for answer in answers), [answer.text for answer in answers]
    elif state == "signed-off":
        flow.sign_off(planner, reviewer, plan_id)
    elif state == "published":
        flow.publish(planner, reviewer, admin, plan_id)
        # The deadline for agreeing targets moved ahead, so recording them is a matter of status alone.
        assert flow.open_targets_deadline(admin, plan_id).status_code == 200
    elif state == "targets-agreed":
        flow.agree_targets(planner, reviewer, admin, plan_id)
    assert planner.get(url).json()["status"] == state


def _member(session: Session, actor: str) -> Member:
    user = find_user(ACTORS[actor], session=session)
    assert user is not None
    role = Role(user.role)
    return Member(
        credential="personal-token",
        user_id=id_of(user),
        email=user.email,
        role=role,
        partnership_id=user.partnership_id,
        region_id=user.region_id,
    )


STATES = (
    "drafting",
    "initial-submitted",
    "revisions-requested",
    "final-submitted",
    "signed-by-region",
    "signed-off",
    "published",
    "targets-agreed",
)


@pytest.mark.parametrize("state", STATES)
def test_every_page_offers_what_the_api_accepts_and_nothing_else(
    state: str,
    browser_for: BrowserFor,
    client_for: ClientFor,
    demo: Demo,
    session: Session,
    connection: Connection,
) -> None:
    plan_id = demo.filled_plan_id
    browsers = {actor: browser_for(actor) for actor in ACTOR_NAMES}
    clients = {actor: client_for(actor) for actor in ACTOR_NAMES}
    _to(state, clients["planner_a"], clients["reviewer_x"], clients["admin"], plan_id)
    view = plans.get_plan(plan_id, session=session)
    mismatches = {}
    for actor in ACTOR_NAMES:
        forms = offered(browsers[actor], plan_id)
        api = accepted(clients[actor], plan_id, connection) - NOT_ON_PAGES
        allowed = capabilities(_member(session, actor), view)
        refused = {capability.value: page for capability, page in forms.items() if capability not in api}
        missing = sorted(capability.value for capability in api - set(forms))
        beyond_policy = sorted(capability.value for capability in set(forms) - allowed)
        if refused or missing or beyond_policy:
            mismatches[actor] = {
                "offered but refused": refused,
                "accepted but not offered": missing,
                "beyond": beyond_policy,
            }
    assert not mismatches, f"in state {state}: {mismatches}"
