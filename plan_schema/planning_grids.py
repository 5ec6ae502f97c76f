"""Part 3: planning grids of objectives, actions and milestones (guidance Part 3)."""

from typing import Annotated

from pydantic import Field, field_validator, model_validator

from plan_schema.base import PlanDocument
from plan_schema.dates import IsoDate
from plan_schema.text import Narrative, ShortText
from plan_schema.vocabulary import STANDARD_GRID_TITLES, CrossCuttingTheme

MAX_GRIDS = 12
MAX_OBJECTIVES_PER_GRID = 50
MAX_ACTIONS_PER_OBJECTIVE = 30


class Action(PlanDocument):
    """An action or milestone of the delivery plan, owned by a named postholder."""

    text: Narrative = ""
    postholder: ShortText = ""
    due: IsoDate | None = None


class Objective(PlanDocument):
    """A SMART objective; numbered by its place in the grid (1.1, 1.2 …)."""

    text: Narrative = ""
    measure: ShortText = Field("", description="How achievement will be measured (the M of SMART).")
    target_date: IsoDate | None = None
    key_priority: Annotated[int, Field(ge=1)] | None = Field(
        None, description="Number of the Part 1 key priority this objective delivers."
    )
    themes: list[CrossCuttingTheme] = []
    actions: Annotated[list[Action], Field(max_length=MAX_ACTIONS_PER_OBJECTIVE)] = []

    @field_validator("themes")
    @classmethod
    def _themes_once_each(cls, themes: list[CrossCuttingTheme]) -> list[CrossCuttingTheme]:
        return list(dict.fromkeys(themes))


class PlanningGrid(PlanDocument):
    """One grid: the key priorities it develops and its objectives."""

    number: Annotated[int, Field(ge=1, le=MAX_GRIDS)]
    title: ShortText = ""
    key_priorities: Narrative = Field("", description="Key priorities from the needs assessment developed here.")
    objectives: Annotated[list[Objective], Field(max_length=MAX_OBJECTIVES_PER_GRID)] = []

    @model_validator(mode="after")
    def _standard_title(self) -> "PlanningGrid":
        # Grids 1-4 are the template's own and keep its titles; a local grid needs a name.
        standard = STANDARD_GRID_TITLES.get(self.number)
        if standard is not None:
            self.title = standard
        elif not self.title.strip():
            raise ValueError(f"additional grid {self.number} needs a title")
        return self


def standard_grids() -> list[PlanningGrid]:
    """The four grids every new plan starts with."""
    return [PlanningGrid(number=number) for number in STANDARD_GRID_TITLES]


class PlanningGrids(PlanDocument):
    """Part 3: grids 1 to 4 and any additional local grids."""

    grids: Annotated[list[PlanningGrid], Field(max_length=MAX_GRIDS)] = Field(default_factory=standard_grids)

    @field_validator("grids")
    @classmethod
    def _numbers_are_unique(cls, grids: list[PlanningGrid]) -> list[PlanningGrid]:
        numbers = [grid.number for grid in grids]
        for number in numbers:
            if numbers.count(number) > 1:
                raise ValueError(f"grid {number} appears more than once")
        return sorted(grids, key=lambda grid: grid.number)
