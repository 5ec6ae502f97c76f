"""The three-way merge of a part's document: what each side changed is kept, what both changed is a clash."""

from decimal import Decimal

from plan_schema.funding import Funding, FundingYear
from plan_schema.planning_grids import PlanningGrids
from plan_schema.strategic_summary import KeyPriority, StrategicSummary
from service.planning.part_merge import MISSING, Clash, merge, merge_part, value_at, with_value

BASE = {"direction": "Old.", "demand": "Old demand.", "figures": {"police": "10.00", "probation": "5.00"}}


def test_a_field_only_theirs_changed_takes_their_value() -> None:
    merged = merge(BASE, BASE | {"demand": "Their demand."}, BASE)

    assert merged.document["demand"] == "Their demand."
    assert merged.theirs_only == ["/demand"]
    assert merged.clashes == []


def test_a_field_only_mine_changed_keeps_my_value() -> None:
    merged = merge(BASE, BASE, BASE | {"direction": "Mine."})

    assert merged.document["direction"] == "Mine."
    assert merged.theirs_only == []
    assert merged.clashes == []


def test_different_fields_changed_by_each_side_are_both_kept() -> None:
    theirs = BASE | {"figures": {"police": "10.00", "probation": "99.00"}}
    mine = BASE | {"direction": "Mine.", "figures": {"police": "20.00", "probation": "5.00"}}

    merged = merge(BASE, theirs, mine)

    assert merged.document == {
        "direction": "Mine.",
        "demand": "Old demand.",
        "figures": {"police": "20.00", "probation": "99.00"},
    }
    assert merged.theirs_only == ["/figures/probation"]
    assert merged.clashes == []


def test_a_field_both_changed_to_the_same_value_is_no_clash() -> None:
    merged = merge(BASE, BASE | {"demand": "Same."}, BASE | {"demand": "Same."})

    assert merged.document["demand"] == "Same."
    assert merged.clashes == []


def test_a_field_both_changed_differently_is_a_clash_holding_my_value_meanwhile() -> None:
    merged = merge(BASE, BASE | {"demand": "Theirs."}, BASE | {"demand": "Mine."})

    assert merged.document["demand"] == "Mine."
    assert merged.clashes == [Clash("/demand", "Theirs.", "Mine.")]
    assert not merged.clashes[0].whole_list


def test_items_of_a_list_both_kept_the_length_of_merge_item_by_item() -> None:
    base = {"actions": [{"text": "A", "who": "Ann"}, {"text": "B", "who": "Bob"}]}
    theirs = {"actions": [{"text": "A", "who": "Ann Smith"}, {"text": "B", "who": "Bob"}]}
    mine = {"actions": [{"text": "A", "who": "Ann"}, {"text": "B, by March", "who": "Bob"}]}

    merged = merge(base, theirs, mine)

    assert merged.document == {"actions": [{"text": "A", "who": "Ann Smith"}, {"text": "B, by March", "who": "Bob"}]}
    assert merged.theirs_only == ["/actions/0/who"]


def test_an_item_one_side_added_keeps_the_other_sides_changes_to_the_items_before_it() -> None:
    base = {"actions": ["A", "B"]}
    theirs = {"actions": ["A", "B", "C"]}
    mine = {"actions": ["A", "B, by March"]}

    merged = merge(base, theirs, mine)

    assert merged.document == {"actions": ["A", "B, by March", "C"]}
    assert merged.theirs_only == ["/actions/2"]
    assert merged.clashes == []


def test_a_list_whose_length_both_changed_is_one_clash_for_the_whole_list() -> None:
    base = {"key_priorities": ["Access"]}
    theirs = {"key_priorities": ["Access", "Retention"]}
    mine = {"key_priorities": ["Access", "Housing", "Work"]}

    merged = merge(base, theirs, mine)

    assert merged.document == mine
    assert merged.clashes == [Clash("/key_priorities", theirs["key_priorities"], mine["key_priorities"])]
    assert merged.clashes[0].whole_list


def test_a_list_one_side_shortened_while_the_other_changed_an_item_is_one_clash() -> None:
    # Positions shifted on their side: item 1 of mine is no longer item 1 of theirs.
    base = {"actions": ["A", "B", "C"]}
    theirs = {"actions": ["B", "C"]}
    mine = {"actions": ["A", "B", "C, by March"]}

    merged = merge(base, theirs, mine)

    assert merged.document == mine
    assert [clash.pointer for clash in merged.clashes] == ["/actions"]


def test_a_list_only_one_side_changed_is_taken_whole_whatever_its_length() -> None:
    base = {"actions": ["A", "B", "C"]}

    assert merge(base, {"actions": ["C"]}, base).document == {"actions": ["C"]}
    assert merge(base, base, {"actions": []}).document == {"actions": []}


def test_pointers_escape_slashes_and_tildes() -> None:
    merged = merge({"a/b~": 1}, {"a/b~": 2}, {"a/b~": 3})

    assert merged.clashes[0].pointer == "/a~1b~0"
    assert value_at({"a/b~": 2}, "/a~1b~0") == 2
    assert with_value({"a/b~": 2}, "/a~1b~0", 5) == {"a/b~": 5}


def test_reading_and_placing_a_value_by_pointer() -> None:
    document = {"grids": [{"objectives": [{"text": "A"}]}]}

    assert value_at(document, "/grids/0/objectives/0/text") == "A"
    assert value_at(document, "/grids/3") is MISSING
    assert with_value(document, "/grids/0/objectives/0/text", "B")["grids"][0]["objectives"][0]["text"] == "B"
    assert document["grids"][0]["objectives"][0]["text"] == "A"  # a copy, never the original
    assert with_value(document, "/nowhere/0", "B") == document


def test_a_total_both_changes_moved_is_worked_out_again_not_a_clash() -> None:
    base = Funding(table_1=[FundingYear(year="2008/09", police="10.00", probation="5.00")])
    theirs = base.model_copy(update={"table_1": [FundingYear(year="2008/09", police="10.00", probation="7.00")]})
    mine = base.model_copy(update={"table_1": [FundingYear(year="2008/09", police="20.00", probation="5.00")]})

    merged = merge_part(Funding, *(part.model_dump(mode="json") for part in (base, theirs, mine)))

    assert merged.clashes == []
    column = Funding.model_validate(merged.document).table_1[0]
    assert (column.police, column.probation, column.total) == (Decimal(20), Decimal(7), Decimal(27))


def test_without_the_base_every_difference_is_a_clash() -> None:
    theirs = StrategicSummary(direction_and_purpose="Theirs.", likely_demand="Same.")
    mine = StrategicSummary(direction_and_purpose="Mine.", likely_demand="Same.")

    merged = merge_part(StrategicSummary, None, theirs.model_dump(mode="json"), mine.model_dump(mode="json"))

    assert [clash.pointer for clash in merged.clashes] == ["/direction_and_purpose"]
    assert merged.document["likely_demand"] == "Same."


def test_key_priorities_both_sides_added_are_one_clash_of_the_whole_list() -> None:
    base = StrategicSummary(key_priorities=[KeyPriority(number=1, title="Access")])
    theirs = base.model_copy(
        update={"key_priorities": [*base.key_priorities, KeyPriority(number=2, title="Retention")]}
    )
    mine = base.model_copy(update={"key_priorities": [*base.key_priorities, KeyPriority(number=2, title="Housing")]})

    merged = merge_part(StrategicSummary, *(part.model_dump(mode="json") for part in (base, theirs, mine)))

    assert [clash.pointer for clash in merged.clashes] == ["/key_priorities"]


def test_a_grid_one_side_added_merges_with_the_other_sides_edit_to_grid_1() -> None:
    base = PlanningGrids()
    theirs = PlanningGrids.model_validate(
        base.model_dump(mode="json")
        | {"grids": [*base.model_dump(mode="json")["grids"], {"number": 5, "title": "Ours"}]}
    )
    mine_document = base.model_dump(mode="json")
    mine_document["grids"][0]["key_priorities"] = "Mine."

    merged = merge_part(PlanningGrids, base.model_dump(mode="json"), theirs.model_dump(mode="json"), mine_document)

    grids = PlanningGrids.model_validate(merged.document).grids
    assert (grids[0].key_priorities, grids[4].title) == ("Mine.", "Ours")
    assert merged.clashes == []
