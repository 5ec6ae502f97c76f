"""Who calls, what they should get, and how to make a call: the terms the access contract is written in."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ACTORS = ("anonymous", "planner_a", "finance_a", "reviewer_x", "planner_b", "reviewer_y", "admin", "read_only")
MEMBERS = {actor: 200 for actor in ACTORS if actor != "anonymous"} | {"anonymous": 401}
EVERYONE = dict.fromkeys(ACTORS, 200)
# Plan A's partnership is in region X: B's planner and Y's reviewer must not learn it exists.
SEES_A = MEMBERS | {"planner_b": 404, "reviewer_y": 404}


def writes_a(status: int, *, editors: tuple[str, ...] = ("planner_a", "admin")) -> dict[str, int]:
    """A write to one of A's objects: editors succeed, other viewers 403, outsiders 404."""
    viewers = {"planner_a": 403, "admin": 403, "finance_a": 403, "reviewer_x": 403, "read_only": 403}
    return SEES_A | viewers | dict.fromkeys(editors, status)


PLAN_A = lambda world: {"plan_id": world.plan_a}  # noqa: E731
PARTNERSHIP_A = lambda world: {"partnership_id": world.partnership_a}  # noqa: E731
A_TARGET = lambda world: {"baseline": 40, "annual": 45}  # noqa: E731
NOBODY = dict.fromkeys(ACTORS, 404)
ADMIN_ONLY = dict.fromkeys(MEMBERS, 403) | {"anonymous": 401, "admin": 200}
# Region X's reviewer and admins; partnership members are refused (403), region Y's reviewer told it is not there.
OVERSEES_X = MEMBERS | {"planner_a": 403, "finance_a": 403, "planner_b": 403, "read_only": 403, "reviewer_y": 404}


@dataclass(frozen=True)
class World:
    """The ids the requests are made against."""

    plan_a: int
    partnership_a: int
    region_x: int
    cycle: int
    next_cycle: int
    planner_a_token: int
    documents: dict[str, tuple[str, Any]]
    submission: int
    comment: int
    attachment: int
    funding_workbook: bytes
    job: int


@dataclass(frozen=True)
class Call:
    """How to make one request, and what each caller should get."""

    expect: dict[str, int]
    path_params: Callable[[World], dict[str, Any]] = lambda world: {}
    body: Callable[[World], dict[str, Any]] | None = None
    headers: Callable[[World], dict[str, str]] = lambda world: {}
    form: dict[str, str] | None = None
    form_for: Callable[[World], dict[str, str]] | None = None
    files: dict[str, tuple[str, bytes, str]] | None = None
    files_for: Callable[[World], dict[str, tuple[str, bytes, str]]] | None = None
    content: bytes | None = None
