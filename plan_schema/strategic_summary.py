"""Part 1: the strategic summary and its numbered key priorities (guidance Part 1)."""

from typing import Annotated

from pydantic import Field, field_validator

from plan_schema.base import PlanDocument
from plan_schema.text import Narrative, ShortText

MAX_KEY_PRIORITIES = 50


class KeyPriority(PlanDocument):
    """A numbered key priority that Part 3 objectives link to."""

    number: Annotated[int, Field(ge=1, le=MAX_KEY_PRIORITIES)]
    title: ShortText
    description: Narrative = ""


class StrategicSummary(PlanDocument):
    """Part 1: the five required elements and the key priorities; no set format."""

    direction_and_purpose: Narrative = ""
    likely_demand: Narrative = ""
    needs_assessment_findings: Narrative = ""
    outcome_improvements: Narrative = ""
    priorities_for_next_year: Narrative = ""
    key_priorities: Annotated[list[KeyPriority], Field(max_length=MAX_KEY_PRIORITIES)] = []

    @field_validator("key_priorities")
    @classmethod
    def _numbers_are_unique(cls, priorities: list[KeyPriority]) -> list[KeyPriority]:
        seen: set[int] = set()
        for priority in priorities:
            if priority.number in seen:
                raise ValueError(f"key priority number {priority.number} is used twice")
            seen.add(priority.number)
        return priorities
