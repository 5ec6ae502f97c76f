"""After a year of returns, next year's Part 3 carries the unfinished actions, marked, and leaves the finished out."""

from pydantic import BaseModel

from plan_schema.planning_grids import Action, Objective, PlanningGrids
from plan_schema.quarterly_return import ActionStatus
from plan_schema.vocabulary import PartName
from service.planning.year_on_year import (
    carried_over_actions,
    carried_over_text,
    carry_over_planning_grids,
    latest_reported,
)


def _previous() -> dict[PartName, BaseModel]:
    grids = PlanningGrids()
    grids.grids[0].objectives = [
        Objective(text="Cut waiting times", actions=[Action(text="Recruit"), Action(text="Open a clinic")])
    ]
    grids.grids[1].objectives = [Objective(text="Keep people", actions=[Action(text="Review care plans")])]
    return {PartName.PLANNING_GRIDS: grids}


def _texts(grids: PlanningGrids) -> list[list[str]]:
    return [[action.text for action in objective.actions] for grid in grids.grids for objective in grid.objectives]


def _said(reference: str, text: str, status: str) -> dict[str, str]:
    return {"reference": reference, "text": text, "status": status, "note": "kept in the snapshot, ignored here"}


def test_the_latest_quarters_latest_submission_says_an_actions_status() -> None:
    found = latest_reported(
        [
            (2, 1, [_said("1.1.1", "Recruit", "complete")]),
            (1, 2, [_said("1.1.1", "Recruit", "at-risk")]),
            (2, 2, [_said("1.1.1", "Recruit", "on-track")]),
            (1, 1, [_said("1.1.1", "Recruit", "not-started")]),
        ]
    )

    assert found == {("1.1.1", "Recruit"): ActionStatus.ON_TRACK}


def test_unfinished_actions_are_carried_marked_and_finished_ones_left_out_with_every_objective_kept() -> None:
    reported = {("1.1.1", "Recruit"): ActionStatus.COMPLETE, ("1.1.2", "Open a clinic"): ActionStatus.OFF_TRACK}

    grids = carry_over_planning_grids(_previous(), reported=reported, previous_plan_year="2024/25")

    # 2.1.1 was never reported on: unfinished as far as anyone said, so carried too.
    assert _texts(grids) == [
        ["Carried over from 2024/25: Open a clinic"],
        ["Carried over from 2024/25: Review care plans"],
    ]
    assert carried_over_actions(grids.model_dump(mode="json")) == ["1.1.1", "2.1.1"]
    assert PlanningGrids.model_validate(grids.model_dump(mode="json")) == grids


def test_an_action_renumbered_since_its_return_is_not_given_anothers_status() -> None:
    reported = {("1.1.1", "Open a clinic"): ActionStatus.COMPLETE}  # said of 1.1.1 when its words were other

    grids = carry_over_planning_grids(_previous(), reported=reported, previous_plan_year="2024/25")

    assert _texts(grids)[0] == ["Carried over from 2024/25: Recruit", "Carried over from 2024/25: Open a clinic"]


def test_without_returns_every_action_is_kept_unmarked_as_before() -> None:
    grids = carry_over_planning_grids(_previous())

    assert _texts(grids) == [["Recruit", "Open a clinic"], ["Review care plans"]]
    assert carried_over_actions(grids.model_dump(mode="json")) == []


def test_an_action_is_marked_once_and_a_blank_one_stays_blank_for_the_rules_to_ask() -> None:
    assert carried_over_text("Carried over from 2023/24: Recruit", "2024/25") == "Carried over from 2023/24: Recruit"
    assert carried_over_text("  ", "2024/25") == "  "


def test_a_stored_document_that_no_longer_fits_the_template_is_read_as_far_as_it_has_the_shape() -> None:
    stored = {
        "grids": [
            {"number": 1, "objectives": [{"actions": [{"text": "Carried over from 2024/25: Recruit"}, "a note"]}]},
            {"number": 2, "objectives": "not a list"},
            "not a grid",
        ]
    }

    assert carried_over_actions(stored) == ["1.1.1"]
    assert carried_over_actions({"grids": None}) == []
    assert carried_over_actions({}) == []
