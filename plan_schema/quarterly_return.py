"""A quarterly return as planners write it: progress on each Part 3 action, and exceptions for red metrics."""

import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from plan_schema.base import PlanDocument
from plan_schema.dates import IsoDate
from plan_schema.planning_grids import MAX_ACTIONS_PER_OBJECTIVE, MAX_GRIDS, MAX_OBJECTIVES_PER_GRID
from plan_schema.text import Narrative, ShortText

QUARTERS = (1, 2, 3, 4)
# What each quarter of the plan year covers (April to March).
QUARTER_MONTHS = {1: "April to June", 2: "July to September", 3: "October to December", 4: "January to March"}
# More metrics than any scorecard holds, so a full return always fits and a runaway one never does.
MAX_METRICS = 200


class ActionStatus(StrEnum):
    """Where an action of the delivery plan stands at the quarter's end."""

    NOT_STARTED = "not-started"
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"
    COMPLETE = "complete"


ACTION_STATUS_LABELS = {
    ActionStatus.NOT_STARTED: "Not started",
    ActionStatus.ON_TRACK: "On track",
    ActionStatus.AT_RISK: "At risk",
    ActionStatus.OFF_TRACK: "Off track",
    ActionStatus.COMPLETE: "Complete",
}


class ActionProgress(PlanDocument):
    """Progress on one action, named by its grid, objective and action numbers (1.2.3)."""

    grid: Annotated[int, Field(ge=1, le=MAX_GRIDS)]
    objective: Annotated[int, Field(ge=1, le=MAX_OBJECTIVES_PER_GRID)]
    action: Annotated[int, Field(ge=1, le=MAX_ACTIONS_PER_OBJECTIVE)]
    status: ActionStatus = ActionStatus.NOT_STARTED
    note: Narrative = ""
    evidence: ShortText = Field("", description="A short description of the evidence, or a link to it.")
    completed: IsoDate | None = Field(None, description="The date the action was completed.")

    @property
    def reference(self) -> str:
        """ "1.2.3": how the plan numbers the action."""
        return f"{self.grid}.{self.objective}.{self.action}"


class ActionsProgress(PlanDocument):
    """The return's progress on the plan's actions; an action left out has not been reported on."""

    actions: Annotated[
        list[ActionProgress], Field(max_length=MAX_GRIDS * MAX_OBJECTIVES_PER_GRID * MAX_ACTIONS_PER_OBJECTIVE)
    ] = []


class MetricReport(PlanDocument):
    """What the return says of one scorecard metric: a commentary, and for a red one its exception."""

    metric: Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9._-]+$")]
    commentary: Narrative = ""
    reason: Narrative = Field("", description="Why the metric is red.")
    recovery_action: Narrative = Field("", description="What will bring it back on track.")
    owner: ShortText = Field("", description="The postholder who owns the recovery.")
    recovery_date: IsoDate | None = Field(None, description="When the metric is expected to be back on track.")


class MetricReports(PlanDocument):
    """The return's commentaries and exceptions, one entry per metric reported on."""

    metrics: Annotated[list[MetricReport], Field(max_length=MAX_METRICS)] = []


class SubmittedAction(BaseModel):
    """An action as a submitted return's snapshot keeps it: the plan's words for it then, and the progress said.

    Read back from snapshots (the year's picture, the region's view, next year's carried-over actions), so
    it ignores the snapshot's other keys rather than refusing them: a snapshot is never rewritten.
    """

    model_config = ConfigDict(extra="ignore")

    reference: str
    text: str = ""
    due: IsoDate | None = None
    status: ActionStatus = ActionStatus.NOT_STARTED

    def is_overdue(self, on: datetime.date) -> bool:
        """Its date reached by `on` (a quarter's last day) and it not complete."""
        return self.due is not None and self.due <= on and self.status is not ActionStatus.COMPLETE


def submitted_actions(actions_section: object) -> list[SubmittedAction]:
    """A snapshot's "actions" section as models (none when the snapshot holds no list there)."""
    if not isinstance(actions_section, list):
        return []
    return [SubmittedAction.model_validate(entry) for entry in actions_section]
