"""Progress on the plan's actions: every Part 3 action, named by its number and text, with what the return says."""

import datetime
from dataclasses import dataclass

from sqlmodel import Session

from plan_schema.planning_grids import PlanningGrids
from plan_schema.quarterly_return import ActionProgress, ActionsProgress
from plan_schema.vocabulary import PartName
from service.planning import parts
from service.platform.errors import InvalidInput
from service.returns.sections import SectionName, StoredSection, read_section, replace_section


@dataclass(frozen=True)
class PlannedAction:
    """An action of the plan's delivery plan, where it sits, and what it commits to."""

    grid: int
    grid_title: str
    objective: int
    objective_text: str
    action: int
    text: str
    postholder: str
    due: datetime.date | None

    @property
    def reference(self) -> str:
        """ "1.2.3": grid, objective and action numbers, as the plan numbers them."""
        return f"{self.grid}.{self.objective}.{self.action}"


@dataclass(frozen=True)
class ActionLine:
    """One planned action with the return's progress on it (not started when nothing was said)."""

    planned: PlannedAction
    progress: ActionProgress


def planned_actions(plan_id: int, *, session: Session) -> list[PlannedAction]:
    """Every action of the plan's current Part 3, grid by grid, in the plan's order."""
    model = parts.read_part(plan_id, PartName.PLANNING_GRIDS, session=session).model
    if not isinstance(model, PlanningGrids):
        return []  # a Part 3 that no longer fits the template has no actions anyone could report on
    return [
        PlannedAction(
            grid=grid.number,
            grid_title=grid.title,
            objective=objective_number,
            objective_text=objective.text,
            action=action_number,
            text=action.text,
            postholder=action.postholder,
            due=action.due,
        )
        for grid in model.grids
        for objective_number, objective in enumerate(grid.objectives, start=1)
        for action_number, action in enumerate(objective.actions, start=1)
    ]


def _blank(planned: PlannedAction) -> ActionProgress:
    return ActionProgress(grid=planned.grid, objective=planned.objective, action=planned.action)


def lines_of(planned: list[PlannedAction], document: ActionsProgress) -> list[ActionLine]:
    """Each planned action with its progress: the same order, and so the same indices, as the rules' pointers."""
    said = {progress.reference: progress for progress in document.actions}
    return [ActionLine(action, said.get(action.reference, _blank(action))) for action in planned]


def in_plan_order(planned: list[PlannedAction], document: ActionsProgress) -> ActionsProgress:
    """Every planned action's progress in plan order; every entry naming no action of the plan is refused at once."""
    known = {action.reference for action in planned}
    errors: list[dict[str, str]] = []
    seen: set[str] = set()
    for index, progress in enumerate(document.actions):
        if progress.reference not in known:
            errors.append(
                {"pointer": f"/actions/{index}", "detail": f"the plan's Part 3 has no action {progress.reference}"}
            )
        elif progress.reference in seen:
            errors.append(
                {"pointer": f"/actions/{index}", "detail": f"action {progress.reference} is reported on twice"}
            )
        seen.add(progress.reference)
    if errors:
        raise InvalidInput("; ".join(f"{error['pointer']}: {error['detail']}" for error in errors), errors=errors)
    return ActionsProgress(actions=[line.progress for line in lines_of(planned, document)])


def stored_progress(stored: StoredSection) -> ActionsProgress:
    """The saved progress as the model (none said yet when never saved)."""
    return ActionsProgress.model_validate(stored.document or {})


def read_actions(plan_id: int, quarter: int, *, session: Session) -> tuple[list[ActionLine], StoredSection]:
    """The return's actions: each planned action with its progress, and the section's version."""
    stored = read_section(plan_id, quarter, SectionName.ACTIONS, session=session)
    return lines_of(planned_actions(plan_id, session=session), stored_progress(stored)), stored


def save_actions(
    plan_id: int, quarter: int, document: ActionsProgress, *, expected_version: int, by: int, session: Session
) -> StoredSection:
    """Store the progress said on the plan's actions, in plan order, each planned action once."""
    ordered = in_plan_order(planned_actions(plan_id, session=session), document)
    return replace_section(
        plan_id, quarter, SectionName.ACTIONS, ordered, expected_version=expected_version, by=by, session=session
    )
