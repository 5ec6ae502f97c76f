"""The caller's own notification preferences: GET with an ETag, PUT guarded by If-Match."""

import re
from typing import Annotated

from fastapi import APIRouter, Header, Response
from pydantic import BaseModel, ConfigDict

from service.access.guards import SignedIn
from service.api import openapi
from service.notifications import preferences
from service.platform.deps import SessionDep
from service.platform.errors import InvalidInput, PreconditionFailed, PreconditionRequired
from service.tables.notifications import Cadence

router = APIRouter(tags=["notifications"])
TAG_NAME = "notification-preferences"
_ENTITY_TAG = re.compile(r'^"notification-preferences-(\d{1,9})"$')


class PreferencesOut(BaseModel):
    """How often the caller gets event messages; deadline reminders always come as they fall due."""

    cadence: Cadence
    version: int
    reminders: str = "Deadline reminders are always sent as they fall due and cannot be turned off."


class PreferencesIn(BaseModel):
    """The cadence to use: each event message as it happens, or a weekly digest on Monday morning."""

    model_config = ConfigDict(extra="forbid")

    cadence: Cadence


def _out(preference: preferences.Preference, response: Response) -> PreferencesOut:
    response.headers["ETag"] = f'"{TAG_NAME}-{preference.version}"'
    return PreferencesOut(cadence=preference.cadence, version=preference.version)


def _expected_version(if_match: str | None) -> int:
    if if_match is None or not if_match.strip() or if_match.strip() == "*":
        raise PreconditionRequired(
            f'Send If-Match with the ETag from your last read (or "{TAG_NAME}-0" before your first choice), '
            "so that a choice made in another window is not overwritten unknowingly."
        )
    if not re.fullmatch(openapi.ENTITY_TAGS, if_match):
        raise InvalidInput.at("If-Match", f'must be the ETag from your last read, such as "{TAG_NAME}-2"')
    for candidate in if_match.split(","):
        if match := _ENTITY_TAG.match(candidate.strip()):
            return int(match.group(1))
    raise PreconditionFailed(f"If-Match {if_match} is not an ETag of your preferences. Read them again and retry.")


@router.get("/me/notification-preferences", summary="Read how often you get emails about plans and returns")
def read_preferences(me: SignedIn, response: Response, session: SessionDep) -> PreferencesOut:
    """Immediate (each event as it happens) or weekly (a digest each Monday morning); the ETag to save with."""
    return _out(preferences.preference_of(me.user_id, session=session), response)


@router.put("/me/notification-preferences", summary="Choose how often you get emails about plans and returns")
def write_preferences(
    me: SignedIn,
    body: PreferencesIn,
    response: Response,
    session: SessionDep,
    if_match: Annotated[str | None, Header()] = None,
) -> PreferencesOut:
    """Set the cadence of event messages; If-Match names the version you read (412 if it changed since)."""
    version = _expected_version(if_match)
    try:
        saved = preferences.set_cadence(me.user_id, body.cadence, version=version, session=session)
    except PreconditionFailed as stale:
        current = preferences.preference_of(me.user_id, session=session)
        tag = f'"{TAG_NAME}-{current.version}"'
        raise PreconditionFailed(stale.detail, headers={"ETag": tag}, current_version=current.version) from None
    return _out(saved, response)
