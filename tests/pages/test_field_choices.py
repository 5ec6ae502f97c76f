"""What a comment can be about: every part, and each field of it by its page's label, in plan order."""

from typing import Any

from pydantic import BaseModel

from plan_schema.planning_grids import PlanningGrids
from plan_schema.vocabulary import PartName
from service.demo.filled_plan import filled_plan
from service.pages.journey import field_choices
from service.pages.planning.part_form import pointer_segments

DEMO = filled_plan()


def resolve(document: Any, pointer: str) -> Any:
    """What a JSON Pointer points at in a document (KeyError or IndexError when nothing)."""
    for segment in pointer_segments(pointer):
        document = document[int(segment)] if isinstance(document, list) else document[segment]
    return document


def big_plan(grids: int = 4, objectives: int = 12, actions: int = 6) -> dict[PartName, BaseModel]:
    """The demo plan with a Part 3 of many objectives and actions."""
    stored = DEMO[PartName.PLANNING_GRIDS].model_dump(mode="json")
    objective = stored["grids"][0]["objectives"][0]
    for grid in stored["grids"][:grids]:
        grid["objectives"] = [objective | {"actions": objective["actions"][:1] * actions}] * objectives
    return DEMO | {PartName.PLANNING_GRIDS: PlanningGrids.model_validate(stored)}


def points_at_something(part: BaseModel, pointer: str) -> bool:
    try:
        resolve(part.model_dump(mode="json"), pointer)
    except (KeyError, IndexError):
        return False
    return True


def test_every_choice_points_at_something_in_its_stored_part() -> None:
    fields = field_choices.plan_fields(DEMO)

    dangling = [choice.text for choice in fields.choices if not points_at_something(DEMO[choice.part], choice.pointer)]
    parts_with_fields = {choice.part for choice in fields.choices if choice.pointer}

    assert dangling == []
    assert parts_with_fields == set(PartName)  # not vacuous: every part offers fields to check


def test_each_part_comes_whole_first_then_its_fields_and_part_4_reads_row_by_row() -> None:
    choices = field_choices.plan_fields(DEMO).choices
    wholes = [choice for choice in choices if not choice.pointer]
    funding = [choice.text for choice in choices if choice.part is PartName.FUNDING]

    assert [choice.text for choice in wholes] == [f"Part {n}: the whole part" for n in (1, 2, 3, 4)]
    assert [choices.index(choice) for choice in wholes] == sorted(choices.index(choice) for choice in wholes)
    assert funding[:4] == [
        "Part 4: the whole part",
        "Part 4 — Table 1",
        "Part 4 — 1.1 Substance misuse pooled treatment budget (SMPTB), 2007/08",
        "Part 4 — 1.1 Substance misuse pooled treatment budget (SMPTB), 2008/09",
    ]
    assert "Part 4 — Residential rehabilitation (tier 4): 1.5 DIP main grant" in funding
    assert funding.count("Part 4 — Table 2") == 1  # Table 2 and its totals row are one place on the page


def test_a_section_listed_after_what_it_holds_comes_before_it() -> None:
    given = [
        "summary",
        "key_priorities/0/title",
        "key_priorities/1/title",
        "key_priorities",
        "table_1/0/a",
        "table_1/1/a",
        "table_1/0/b",
    ]

    ordered = field_choices.in_plan_order(given)

    assert ordered == [
        "summary",
        "key_priorities",
        "key_priorities/0/title",
        "key_priorities/1/title",
        "table_1/0/a",
        "table_1/1/a",
        "table_1/0/b",
    ]


def test_a_big_part_3_lists_objectives_and_actions_but_not_each_actions_fields() -> None:
    fields = field_choices.plan_fields(big_plan())
    grids = [choice for choice in fields.choices if choice.part is PartName.PLANNING_GRIDS]

    assert len(fields.choices) < 1_000
    assert len(grids) == 1 + 4 * (2 + 12 * (6 + 6))  # the part; per grid itself and its key priorities; …
    assert "Objective 4.12, action 6" in {choice.label for choice in grids}
    postholder = field_choices.choice_value("planning-grids", "/grids/3/objectives/11/actions/5/postholder")
    assert fields.labels[postholder] == "Objective 4.12, action 6: postholder"  # still named, for comments


def test_a_chosen_field_the_list_lacks_is_kept_first_in_its_part() -> None:
    fields = field_choices.plan_fields(DEMO)

    groups = dict(field_choices.select_options(fields, "funding|/table_1/5/police"))
    unknown_part = field_choices.select_options(fields, "part-9|/x")

    funding = groups[next(title for title in groups if title.startswith("Part 4"))]
    assert funding[1] == ("funding|/table_1/5/police", "Part 4 — /table_1/5/police (not in the plan as it is now)")
    assert sum(len(options) for _, options in unknown_part) == len(fields.choices)


def test_a_part_no_longer_readable_can_only_be_commented_on_whole() -> None:
    fields = field_choices.plan_fields({PartName.FUNDING: None})

    assert [choice.value for choice in fields.choices] == [f"{part.value}|" for part in PartName]
