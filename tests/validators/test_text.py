"""The shared control-character rule: a generic walk over any stored document."""

import unicodedata

import pytest

from plan_schema.text import refuse_control_characters
from plan_schema.vocabulary import PartName
from tests.validators.plan_builders import funding, plan_context, planning_grids, stored, targets
from validators.catalogue import validate_part
from validators.text import all_clean, describe, strings_with_control_characters


@pytest.mark.parametrize(
    ("character", "found"),
    [
        pytest.param("\u0000", True, id="NUL is flagged"),
        pytest.param("\u0008", True, id="backspace is flagged"),
        pytest.param("\r", True, id="a stored carriage return is flagged"),
        pytest.param("\u007f", True, id="DEL is flagged"),
        pytest.param("\u009f", True, id="a C1 control is flagged"),
        pytest.param("\udfff", True, id="a lone surrogate is flagged"),
        pytest.param("\uffff", True, id="a non-character is flagged"),
        pytest.param("\t", False, id="tab is fine"),
        pytest.param("\n", False, id="newline is fine"),
        pytest.param("\u00a0", False, id="a no-break space is fine"),
        pytest.param("é", False, id="accented letters are fine"),
    ],
)
def test_control_characters_are_found_in_any_string(character: str, found: bool) -> None:
    document = stored(targets(), "/primary_care/1/notes", f"a{character}b")
    assert bool(strings_with_control_characters(document)) is found


def test_walk_reaches_lists_and_dicts_in_stored_data() -> None:
    document = {"a": ["fine", {"b/c": "bad\u0001"}], "n": 3}
    assert strings_with_control_characters(document) == [(("a", 1, "b/c"), "bad\u0001")]


def test_finding_path_is_escaped_as_a_json_pointer() -> None:
    document = stored(funding(), "/table_1/1/other_description", {"a/b~c": "x\u0002"})
    (finding,) = [f for f in validate_part(PartName.FUNDING, document, plan_context()) if f.rule_id == "F-900"]
    assert finding.path == "/table_1/1/other_description/a~1b~0c"


def test_message_names_the_place_as_a_planner_would() -> None:
    document = stored(planning_grids(), "/grids/1/objectives/1/actions/0/postholder", "Jo\u0007")
    (finding,) = [f for f in validate_part(PartName.PLANNING_GRIDS, document, plan_context()) if f.rule_id == "G-900"]
    assert finding.message.startswith("The text in grid 2, objective 2.2, action 1, postholder contains")


def test_places_outside_known_lists_are_numbered_items() -> None:
    assert describe({"notes": ["ok", "bad"]}, ("notes", 1)) == "notes, item 2"


def test_message_gives_the_character_and_its_position() -> None:
    document = stored(funding(), "/table_1/0/other_description", "ab\u0007")
    (finding,) = [f for f in validate_part(PartName.FUNDING, document, plan_context()) if f.rule_id == "F-900"]
    assert "Table 1, 2007/08, other description" in finding.message
    assert "(U+0007) at character 3" in finding.message


def _refused_by_schema(text: str) -> bool:
    try:
        refuse_control_characters(text)
    except ValueError:
        return True
    return False


def test_fast_check_agrees_with_the_schema_on_every_bmp_character() -> None:
    # The byte-level check is what lets a clean plan skip the walk by path, so a character it
    # missed would be a stored control character nobody is told about.
    astral = ["\U0001f600", "\U0001fffe", "\U0010ffff"]
    for character in [*map(chr, range(0x10000)), *astral]:
        text = f"£ {character} “x”"
        refused = _refused_by_schema(text)
        assert all_clean([text]) is not refused, f"U+{ord(character):04X}"
        assert bool(strings_with_control_characters({"text": text})) is refused, f"U+{ord(character):04X}"


def test_a_surrogate_pair_held_as_two_characters_is_flagged() -> None:
    assert not all_clean(["\ud83d\ude00"])


def test_part_1_sections_are_named_by_their_headings() -> None:
    assert describe({}, ("outcome_improvements",)) == "'Improvements to treatment outcomes'"


def test_exactly_unicodes_control_characters_but_tab_and_newline_are_refused() -> None:
    """Every code point: refused when Unicode calls it a control (Cc) or a surrogate (Cs), or a non-character."""
    wrongly = []
    for code_point in range(0x110000):
        character = chr(code_point)
        refused = character not in "\t\n" and (
            unicodedata.category(character) in ("Cc", "Cs") or character in "\ufffe\uffff"
        )
        try:
            refuse_control_characters(f"ok {character}")
        except ValueError as error:
            wrongly += [] if refused and f"U+{code_point:04X}) at position 4" in str(error) else [code_point]
        else:
            wrongly += [code_point] if refused else []
    assert wrongly == []
