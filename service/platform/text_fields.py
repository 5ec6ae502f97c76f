"""Bounded, control-character-free text for the service's own forms (names, titles)."""

from typing import Annotated

from pydantic import Field

from plan_schema.text import ShortText

Name = Annotated[ShortText, Field(min_length=1, max_length=100)]
