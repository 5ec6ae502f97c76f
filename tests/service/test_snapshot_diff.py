"""A reviewer sees every field that changed between two submissions, with a pointer to it."""

import copy
from typing import Any

import pytest

from plan_schema.funding import Funding
from plan_schema.vocabulary import PartName
from service.demo.filled_plan import filled_plan
from service.journey.snapshot_diff import FieldChange, diff_documents, diff_parts, escape_pointer_token, summarise


@pytest.fixture
def submitted() -> dict[str, dict[str, Any]]:
    """The four parts of a complete plan as a submission stores them."""
    return {str(name): model.model_dump(mode="json") for name, model in filled_plan("2008/09").items()}


def test_identical_submissions_have_no_changes(submitted: dict[str, dict[str, Any]]) -> None:
    assert diff_parts(submitted, copy.deepcopy(submitted)) == []


def test_a_money_cell_changed_shows_with_the_totals_it_moved(submitted: dict[str, dict[str, Any]]) -> None:
    revised = copy.deepcopy(submitted)
    funding = revised[PartName.FUNDING]
    funding["table_1"][1]["police"] = "300000.00"
    revised[PartName.FUNDING] = Funding.model_validate(funding).model_dump(mode="json")

    changes = diff_parts(submitted, revised)

    assert changes == [
        FieldChange("funding", "/table_1/1/police", "changed", "295000.00", "300000.00"),
        FieldChange("funding", "/table_1/1/total", "changed", "24108486.48", "24113486.48"),
    ]


def test_a_computed_figure_is_shown_when_it_moves(submitted: dict[str, dict[str, Any]]) -> None:
    revised = copy.deepcopy(submitted)
    funding = revised[PartName.FUNDING]
    funding["table_1"][1]["young_peoples_allocation"] = "648200.00"
    revised[PartName.FUNDING] = Funding.model_validate(funding).model_dump(mode="json")

    paths = [change.path for change in diff_parts(submitted, revised)]

    assert paths == ["/table_1/1/young_peoples_allocation", "/table_1/1/smptb_adult", "/table_1/1/total"]


def test_an_objective_added_at_the_end_shows_every_field_it_brings(submitted: dict[str, dict[str, Any]]) -> None:
    revised = copy.deepcopy(submitted)
    objectives = revised[PartName.PLANNING_GRIDS]["grids"][1]["objectives"]
    objectives.append({"text": "Open a Saturday clinic", "measure": "", "themes": [], "actions": []})
    new = len(objectives) - 1

    changes = diff_parts(submitted, revised)

    prefix = f"/grids/1/objectives/{new}"
    assert changes == [
        FieldChange("planning-grids", f"{prefix}/text", "added", None, "Open a Saturday clinic"),
        FieldChange("planning-grids", f"{prefix}/measure", "added", None, ""),
        FieldChange("planning-grids", f"{prefix}/themes", "added", None, []),
        FieldChange("planning-grids", f"{prefix}/actions", "added", None, []),
    ]


def test_an_action_removed_shows_each_of_its_fields_removed(submitted: dict[str, dict[str, Any]]) -> None:
    revised = copy.deepcopy(submitted)
    actions = revised[PartName.PLANNING_GRIDS]["grids"][0]["objectives"][0]["actions"]
    last = actions.pop()

    changes = diff_parts(submitted, revised)

    prefix = f"/grids/0/objectives/0/actions/{len(actions)}"
    assert changes == [
        FieldChange("planning-grids", f"{prefix}/text", "removed", last["text"], None),
        FieldChange("planning-grids", f"{prefix}/postholder", "removed", last["postholder"], None),
        FieldChange("planning-grids", f"{prefix}/due", "removed", last["due"], None),
    ]


def test_an_objective_moved_between_grids_shows_as_removed_and_added() -> None:
    objective = {"text": "Assess within 5 days", "key_priority": 2}
    before = {"grids": [{"objectives": [objective]}, {"objectives": []}]}
    after = {"grids": [{"objectives": []}, {"objectives": [objective]}]}

    changes = diff_documents(before, after, part="planning-grids")

    assert changes == [
        FieldChange("planning-grids", "/grids/0/objectives/0/text", "removed", "Assess within 5 days", None),
        FieldChange("planning-grids", "/grids/0/objectives/0/key_priority", "removed", 2, None),
        FieldChange("planning-grids", "/grids/1/objectives/0/text", "added", None, "Assess within 5 days"),
        FieldChange("planning-grids", "/grids/1/objectives/0/key_priority", "added", None, 2),
    ]


def test_an_inserted_objective_shifts_the_later_ones_because_lists_compare_by_position() -> None:
    before = {"objectives": [{"text": "A"}, {"text": "B"}]}
    after = {"objectives": [{"text": "A"}, {"text": "New"}, {"text": "B"}]}

    changes = diff_documents(before, after)

    assert changes == [
        FieldChange("", "/objectives/1/text", "changed", "B", "New"),
        FieldChange("", "/objectives/2/text", "added", None, "B"),
    ]


def test_a_part_in_the_later_submission_only_shows_every_field_as_added(
    submitted: dict[str, dict[str, Any]],
) -> None:
    initial = {str(name): submitted[name] for name in (PartName.STRATEGIC_SUMMARY, PartName.FUNDING)}

    changes = diff_parts(initial, submitted)

    assert {change.part for change in changes} == {"targets", "planning-grids"}
    assert all(change.change == "added" and change.before is None for change in changes)
    assert FieldChange("targets", "/primary_care/0/pct_code", "added", None, "5PG") in changes
    assert FieldChange("targets", "/retention/planned_change_pct/plan_year", "added", None, "2.00") in changes


def test_a_part_in_the_earlier_submission_only_shows_every_field_as_removed() -> None:
    changes = diff_parts({"targets": {"primary_care": [{"pct_code": "5PG"}]}}, {})

    assert changes == [FieldChange("targets", "/primary_care/0/pct_code", "removed", "5PG", None)]


def test_parts_come_in_the_later_submission_s_order_then_those_it_dropped() -> None:
    before = {"a": {"x": 1}, "b": {"x": 1}}
    after = {"c": {"x": 1}, "a": {"x": 2}}

    assert [change.part for change in diff_parts(before, after)] == ["c", "a", "b"]


def test_keys_with_slash_and_tilde_are_escaped_in_the_pointer() -> None:
    changes = diff_documents({"a/b": 1, "m~n": {"~/": 1}}, {"a/b": 2, "m~n": {"~/": 2}})

    assert [change.path for change in changes] == ["/a~1b", "/m~0n/~0~1"]


def test_escaping_does_not_double_escape_a_tilde_followed_by_one() -> None:
    assert escape_pointer_token("~1") == "~01"


def test_a_list_replaced_by_a_scalar_is_one_change() -> None:
    changes = diff_documents({"themes": ["housing", "diversity"]}, {"themes": "housing"})

    assert changes == [FieldChange("", "/themes", "changed", ["housing", "diversity"], "housing")]


def test_an_object_replaced_by_a_list_is_one_change() -> None:
    assert diff_documents({"x": {"a": 1}}, {"x": [1]}) == [FieldChange("", "/x", "changed", {"a": 1}, [1])]


def test_a_date_cleared_to_null_is_changed_not_removed() -> None:
    changes = diff_documents({"due": "2008-06-30"}, {"due": None})

    assert changes == [FieldChange("", "/due", "changed", "2008-06-30", None)]


def test_true_is_not_the_same_as_one() -> None:
    assert diff_documents({"flag": 1}, {"flag": True}) == [FieldChange("", "/flag", "changed", 1, True)]


def test_a_key_added_and_one_removed_come_after_the_later_document_s_fields() -> None:
    changes = diff_documents({"old": 1, "same": 1, "moved": 1}, {"new": 1, "same": 2, "moved": 1})

    assert [(change.path, change.change) for change in changes] == [
        ("/new", "added"),
        ("/same", "changed"),
        ("/old", "removed"),
    ]


def test_no_document_on_either_side_is_no_change() -> None:
    assert diff_documents(None, None) == []


def test_a_whole_empty_document_added_is_one_change_at_the_root() -> None:
    assert diff_documents(None, {}, part="funding") == [FieldChange("funding", "", "added", None, {})]


def test_summary_counts_changes_per_part_in_order_of_appearance(submitted: dict[str, dict[str, Any]]) -> None:
    revised = copy.deepcopy(submitted)
    revised[PartName.STRATEGIC_SUMMARY]["likely_demand"] = "Rising."
    revised[PartName.FUNDING]["table_1"][0]["other_description"] = "Working Neighbourhoods Fund"
    revised[PartName.FUNDING]["table_1"][1]["other_description"] = "Working Neighbourhoods Fund"

    assert summarise(diff_parts(submitted, revised)) == {"strategic-summary": 1, "funding": 2}


def test_summary_of_no_changes_is_empty() -> None:
    assert summarise([]) == {}
