"""The base every plan document model shares."""

from pydantic import BaseModel, ConfigDict


class PlanDocument(BaseModel):
    """A piece of a plan as a planner writes it: unknown fields are refused, never dropped."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)
