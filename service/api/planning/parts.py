"""Routes for the four parts: GET with an ETag, PUT guarded by If-Match."""

import datetime
import re
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Path, Response
from pydantic import BaseModel, create_model
from starlette.concurrency import run_in_threadpool

from plan_schema.parts import PART_MODELS, part_json_schema
from plan_schema.vocabulary import PART_SHORT_TITLES, PART_TITLES, PartName
from service.access import part_policy, policy
from service.access.guards import Viewer
from service.access.part_reads import PartRead
from service.api import openapi
from service.api.planning.validation import FindingOut
from service.planning import parts, plans, validation
from service.platform.canonical import compact_json
from service.platform.deps import SessionDep
from service.platform.errors import InvalidInput, NotFound, PreconditionFailed, PreconditionRequired
from service.platform.event_loop import writes_on_the_loop
from service.platform.ids import DbId, db_integer
from service.tables.columns import id_of

router = APIRouter(tags=["plan parts"])

# If-Match compares strongly (RFC 9110 §13.1.1): a weak tag W/"…" never matches.
_ENTITY_TAG = re.compile(r'^"([a-z-]+)-(\d+)"$')


def entity_tag(part: PartName, version: int) -> str:
    """The ETag of a part at a version."""
    return f'"{part.value}-{version}"'


def none_match(if_none_match: str | None, tag: str) -> bool:
    """Whether If-None-Match names `tag`, so that the client's copy is current (compared weakly, RFC 9110 §13.1.2)."""
    return if_none_match is not None and tag in [value.strip().removeprefix("W/") for value in if_none_match.split(",")]


def expected_version(part: PartName, if_match: str | None) -> int:
    """The version a writer says it edited, from If-Match; 428 without one."""
    if if_match is None or not if_match.strip() or if_match.strip() == "*":
        raise PreconditionRequired(
            "Send If-Match with the ETag from your last read of this part, "
            "so that nobody's changes are overwritten without them knowing."
        )
    if not re.fullmatch(openapi.ENTITY_TAGS, if_match):
        # Not an entity tag at all (RFC 9110 §8.8.3): a malformed header, not a stale version.
        raise InvalidInput.at("If-Match", 'must be the ETag from your last read, such as "funding-2", quotes included')
    for candidate in if_match.split(","):
        match = _ENTITY_TAG.match(candidate.strip())
        version = db_integer(match.group(2)) if match and match.group(1) == part.value else None
        if version is not None:
            return version
    weak = " A weak ETag (W/…) never matches If-Match: send the ETag exactly as read." if "W/" in if_match else ""
    raise PreconditionFailed(f"If-Match {if_match} is not an ETag of this part. Read the part again and retry.{weak}")


def _with_current_tag(stale: PreconditionFailed, current: parts.StoredPart) -> PreconditionFailed:
    """The 412 saying which version is current and its ETag, so a client knows what to read again."""
    # No merge here: an API client must read the part again and decide for itself.
    tag = entity_tag(current.part, current.version)
    return PreconditionFailed(stale.detail, headers={"ETag": tag}, current_version=current.version, current_etag=tag)


def part_response(stored: parts.StoredPart, view: plans.PlanView, session: SessionDep) -> Response:
    """The part envelope as JSON with the part's findings, and its ETag."""
    findings = validation.part_findings(stored, view, session=session)
    served = {"document": stored.document, "findings": [validation.finding_dict(finding) for finding in findings]}
    row = stored.row
    return _envelope(row.plan_id, stored.part, row.version, row.updated_at, compact_json(served))


def saved_response(stored: parts.StoredPart, view: plans.PlanView, session: SessionDep) -> Response:
    """The part just saved (validation.save_part), with the findings kept with its version as the same JSON."""
    row = stored.row
    if row.served is None:  # not kept (a save that keeps nothing): found now
        return part_response(stored, view, session)
    # Found under the plan's lock on this very version, and serialised as part_response would: sent as kept.
    return _envelope(row.plan_id, stored.part, row.version, row.updated_at, row.served)


def _read_afresh(readable: PartRead, part: PartName, session: SessionDep) -> Response:
    view = readable.view or plans.get_plan(readable.plan_id, session=session)
    return part_response(parts.read_part(readable.plan_id, part, session=session), view, session)


def _envelope(plan_id: int, part: PartName, version: int, updated_at: datetime.datetime, served: str) -> Response:
    """The envelope around `served`, the JSON object of the document and its findings (as kept, or found now)."""
    head = {
        "plan_id": plan_id,
        "part": part.value,
        "title": PART_TITLES[part],
        "version": version,
        "updated_at": updated_at.isoformat(),
    }
    # One object: the head's members, then the document's and findings'.
    body = f"{compact_json(head)[:-1]},{served[1:]}"
    return Response(body, media_type="application/json", headers={"ETag": entity_tag(part, version)})


def _envelope_model(part: PartName, document: type[BaseModel]) -> type[BaseModel]:
    # Only for the OpenAPI description: responses are written directly by part_response.
    model: type[BaseModel] = create_model(
        f"{document.__name__}Part",
        plan_id=(int, ...),
        part=(str, part.value),
        title=(str, ...),
        version=(int, ...),
        updated_at=(str, ...),
        document=(document, ...),
        findings=(list[FindingOut], ...),
    )
    return model


def _version_model(part: PartName, document: type[BaseModel]) -> type[BaseModel]:
    # Only for the OpenAPI description, as _envelope_model.
    model: type[BaseModel] = create_model(
        f"{document.__name__}Version",
        plan_id=(int, ...),
        part=(str, part.value),
        version=(int, ...),
        saved_at=(str, ...),
        document=(dict[str, Any], ...),
    )
    return model


def _add_part_routes(part: PartName, document: type[BaseModel]) -> None:
    """GET and PUT for one part, typed with its own model so OpenAPI shows each contract."""
    path = f"/plans/{{plan_id}}/parts/{part.value}"
    envelope = _envelope_model(part, document)

    async def read(
        readable: Annotated[PartRead, Depends(part_policy.part_reader(part))],
        session: SessionDep,
        if_none_match: Annotated[str | None, Header()] = None,
    ) -> Response:
        # A coroutine, so that a read takes no trip through the thread pool: its one statement never waits
        # (deps.database_work says why). Anything slower (parsing, the rules) goes to the thread pool.
        found = readable.served
        tag = entity_tag(part, found.version)
        if none_match(if_none_match, tag):  # also answered before routing: conditional_reads.py
            return Response(status_code=304, headers={"ETag": tag})
        if found.served is None:  # nothing kept that is still current: parse and find afresh
            return await run_in_threadpool(_read_afresh, readable, part, session)
        # Kept when it was saved and still current: the document and findings as serialised then.
        return _envelope(readable.plan_id, part, found.version, found.updated_at, found.served)

    @writes_on_the_loop
    def write(
        editing: Annotated[policy.OnPlan, Depends(part_policy.part_editor(part))],
        body: Annotated[document, Body()],  # type: ignore[valid-type]
        session: SessionDep,
        if_match: Annotated[str | None, Header()] = None,
    ) -> Response:
        try:
            version = expected_version(part, if_match)
            stored = validation.save_part(
                editing.view,
                part,
                body,
                expected_version=version,
                session=session,
                changed_by=editing.member.user_id,
                locked=editing.locked,
            )
        except PreconditionFailed as stale:
            raise _with_current_tag(stale, parts.read_part(editing.plan_id, part, session=session)) from None
        return saved_response(stored, editing.view, session)

    def read_version(
        view: Viewer,
        version: Annotated[DbId, Path()],
        session: SessionDep,
    ) -> dict[str, Any]:
        found = parts.version_at(id_of(view.plan), part, version, session=session)
        if found is None:
            raise NotFound(f"{PART_SHORT_TITLES[part]} of plan {id_of(view.plan)} has no version {version} kept.")
        return {
            "plan_id": id_of(view.plan),
            "part": part.value,
            "version": found.version,
            "saved_at": found.saved_at.isoformat(),
            "document": found.document,
        }

    short_title = PART_SHORT_TITLES[part]
    read_version.__name__ = f"read_{part.name.lower()}_version"
    read_version.__doc__ = (
        f"{PART_TITLES[part]} as it was at one version: what a client that got a 412 can compare with the current "
        "version. Versions are kept from the first save after history began; an older one is 404."
    )
    router.add_api_route(
        f"{path}/versions/{{version}}",
        read_version,
        methods=["GET"],
        response_model=_version_model(part, document),
        summary=f"Read {short_title} at a version",
    )
    read.__name__, write.__name__ = f"read_{part.name.lower()}", f"replace_{part.name.lower()}"
    read.__doc__, write.__doc__ = f"Read {PART_TITLES[part]}.", f"Replace {PART_TITLES[part]}."
    not_modified: dict[int | str, dict[str, Any]] = {
        304: {"description": "Not modified: If-None-Match names the current version."}
    }
    router.add_api_route(
        path, read, methods=["GET"], response_model=envelope, summary=f"Read {short_title}", responses=not_modified
    )
    router.add_api_route(
        path,
        write,
        methods=["PUT"],
        response_model=envelope,
        summary=f"Replace {short_title}",
    )


for _part, _model in PART_MODELS.items():
    _add_part_routes(_part, _model)


def _unknown_part(part: str) -> NotFound:
    known = ", ".join(name.value for name in PartName)
    return NotFound(f'There is no part "{part}". The parts are: {known}.')


@router.api_route("/plans/{plan_id}/parts/{part}", methods=["GET", "PUT"], include_in_schema=False)
def unknown_part(part: str, _view: Viewer) -> None:
    """Any other part name: a 404 that lists the real ones."""
    raise _unknown_part(part)


@router.get("/schema/{part}", summary="JSON Schema of a part", tags=["schema"], dependencies=[Depends(policy.public)])
def schema(part: PartName) -> dict[str, Any]:
    """The JSON Schema (2020-12) of a part's document, generated from plan_schema."""
    return part_json_schema(part)
