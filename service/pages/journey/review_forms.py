"""What the review page's forms share: a posted form with its errors, and text checked as the plan checks it."""

from dataclasses import dataclass, field

from pydantic import TypeAdapter, ValidationError

from plan_schema.text import Narrative, ShortText
from plan_schema.wording import sentence
from service.platform.errors import InvalidInput

NARRATIVE: TypeAdapter[str] = TypeAdapter(Narrative)
SHORT_TEXT: TypeAdapter[str] = TypeAdapter(ShortText)


@dataclass
class Posted:
    """A form as it was posted, and what was wrong with it (by field id)."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def checked_text(adapter: TypeAdapter[str], value: str, errors: dict[str, str], field_id: str) -> str:
    """The text as the plan stores text (newlines normalised), or "" with an error when it cannot be kept."""
    try:
        return adapter.validate_python(value)
    except ValidationError as refused:
        errors[field_id] = sentence(str(refused.errors()[0]["msg"]).removeprefix("Value error, "))
        return ""


def field_errors(refused: InvalidInput, fields: dict[str, str], fallback: str) -> dict[str, str]:
    """The refusal's messages by form field id ({JSON Pointer: id}; others go to `fallback`)."""
    errors: dict[str, str] = {}
    for error in refused.extensions.get("errors", []):
        errors.setdefault(fields.get(error["pointer"], fallback), sentence(error["detail"]))
    return errors or {fallback: sentence(refused.detail)}
