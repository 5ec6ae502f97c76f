"""Parts 1, 2 and 3 in Word: front page, footer with page fields, real headings, grids as tables."""

import io
import zipfile
from collections.abc import Callable

import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from plan_schema.planning_grids import PlanningGrids
from plan_schema.strategic_summary import StrategicSummary
from plan_schema.targets import Targets
from plan_schema.vocabulary import STANDARD_GRID_TITLES, STRATEGIC_SUMMARY_ELEMENTS
from service.documents.context import DocumentContext
from service.documents.word import (
    action_label,
    render_planning_grids_docx,
    render_strategic_summary_docx,
    render_targets_docx,
)
from tests.documents.document_builders import (
    EMOJI,
    MARKUP,
    PARTNERSHIP,
    RIGHT_TO_LEFT,
    WELSH,
    demo_grids,
    demo_summary,
    demo_targets,
    document_context,
)

Renderer = Callable[[DocumentContext], bytes]
RENDERERS: dict[str, Renderer] = {
    "part-1": lambda context: render_strategic_summary_docx(demo_summary(), context),
    "part-2": lambda context: render_targets_docx(demo_targets(), context),
    "part-3": lambda context: render_planning_grids_docx(demo_grids(), demo_summary(), context),
}


def opened(data: bytes) -> WordDocument:
    return Document(io.BytesIO(data))


def style_of(paragraph: Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def styled(document: WordDocument, style: str) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs if style_of(paragraph) == style]


def cell_texts(table: Table, column: int) -> list[str]:
    return [row.cells[column].text for row in table.rows]


@pytest.mark.parametrize("part", RENDERERS)
def test_the_front_page_names_the_partnership_the_year_the_part_and_the_date(part: str) -> None:
    document = opened(RENDERERS[part](document_context()))

    front = [paragraph.text for paragraph in document.paragraphs[:4]]
    assert front[0] == PARTNERSHIP
    assert front[1] == "Adult drug treatment plan 2008/09"
    assert front[2].startswith(f"Part {part[-1]}: ")
    assert front[3] == "14 January 2008"
    assert style_of(document.paragraphs[0]) == "Title"


@pytest.mark.parametrize("part", RENDERERS)
def test_every_page_has_a_footer_with_the_name_what_the_document_is_and_page_x_of_y_fields(part: str) -> None:
    document = opened(RENDERERS[part](document_context()))
    first, *rest = document.sections

    footer = first.footer
    assert not footer.is_linked_to_previous
    assert footer.paragraphs[0].text == f"{PARTNERSHIP} – Draft — not submitted, 14 January 2008"
    assert footer.paragraphs[1].text.startswith("Page ")
    instructions = [element.text.strip() for element in footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert len(list(footer._element.iter(qn("w:fldChar")))) == 6  # begin, separate, end for each field
    assert all(section.footer.is_linked_to_previous for section in rest)  # the same footer all through


def test_part_1_has_the_five_elements_as_headings_and_the_key_priorities_numbered() -> None:
    summary = demo_summary()

    document = opened(render_strategic_summary_docx(summary, document_context()))

    assert styled(document, "Heading 1") == [heading for _, heading in STRATEGIC_SUMMARY_ELEMENTS[:-1]] + [
        "Key priorities for 2008/09"
    ]
    assert styled(document, "Heading 2") == [f"{kp.number}. {kp.title}" for kp in summary.key_priorities]


def test_part_1_splits_each_element_into_paragraphs_on_line_breaks() -> None:
    summary = StrategicSummary(direction_and_purpose="First paragraph.\n\nSecond paragraph.\nThird.\n\n\n")

    document = opened(render_strategic_summary_docx(summary, document_context()))

    texts = [paragraph.text for paragraph in document.paragraphs]
    start = texts.index(STRATEGIC_SUMMARY_ELEMENTS[0][1])
    assert texts[start + 1 : start + 5] == [
        "First paragraph.",
        "Second paragraph.",
        "Third.",
        STRATEGIC_SUMMARY_ELEMENTS[1][1],
    ]
    assert texts.count("Not written yet.") == 4


def test_part_2_has_a_table_for_1_1_and_1_2_one_for_2_and_3_and_one_for_primary_care() -> None:
    document = opened(render_targets_docx(demo_targets(), document_context(targets_as_numbers={"1.1": 3687})))

    crack_opiate, all_adults, system, primary_care = document.tables
    assert cell_texts(crack_opiate, 0) == [
        "Measure",
        "2006/07 actual (baseline), people",
        "2007/08 predicted, people",
        "Planned change 2008/09",
        "Planned change 2009/10 (indicative)",
        "Planned change 2010/11 (indicative)",
        "Target for 2008/09, people (agreed)",
    ]
    assert cell_texts(crack_opiate, 1)[1:] == ["3,412", "3,580", "+3.00%", "+2.50%", "+2.00%", "3,687"]
    assert len(all_adults.rows) == 6  # no agreed number yet for 1.2
    assert [cell.text for cell in system.rows[1].cells][1:] == ["78.40%", "80.10%", "+2.00%"]
    assert cell_texts(primary_care, 0) == ["PCT", "5PG", "5MX", "5M1"]
    assert styled(document, "Heading 2") == [
        "1.1 Crack and/or opiate users recorded as being in effective treatment (NI 40)",
        "1.2 All adults recorded as being in effective treatment",
    ]


def test_part_2_says_what_is_missing_rather_than_leaving_gaps() -> None:
    document = opened(render_targets_docx(Targets(), document_context(indicative_years=())))

    assert cell_texts(document.tables[0], 1)[1:] == ["Not given", "Not given", "Not given"]
    assert "No primary care entries yet." in [paragraph.text for paragraph in document.paragraphs]


def test_part_3_puts_the_grids_in_landscape_after_a_portrait_front_page() -> None:
    document = opened(render_planning_grids_docx(demo_grids(), demo_summary(), document_context()))
    front, *grids = document.sections

    assert front.orientation == WD_ORIENT.PORTRAIT
    assert grids
    assert all(section.orientation == WD_ORIENT.LANDSCAPE for section in grids)
    assert all((section.page_width or 0) > (section.page_height or 0) for section in grids)
    assert styled(document, "Heading 2") == [
        f"Grid {number}: {title}" for number, title in STANDARD_GRID_TITLES.items()
    ]


def test_grid_tables_repeat_their_header_row_and_never_split_a_row_across_pages() -> None:
    document = opened(render_planning_grids_docx(demo_grids(), demo_summary(), document_context()))

    assert len(document.tables) == 4
    for table in document.tables:
        rows = [row._tr for row in table.rows]
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(row.trPr.find(qn("w:tblHeader")) is None for row in rows[1:])
        assert all(row.trPr.find(qn("w:cantSplit")) is not None for row in rows)


def test_objectives_are_numbered_per_grid_with_their_actions_lettered_beneath() -> None:
    grids = demo_grids()

    document = opened(render_planning_grids_docx(grids, demo_summary(), document_context()))

    grid_2 = grids.grids[1]
    expected = ["No."]
    for index, objective in enumerate(grid_2.objectives, start=1):
        expected += [f"2.{index}", *(action_label(n) for n in range(len(objective.actions)))]
    assert cell_texts(document.tables[1], 0) == expected
    first_action = document.tables[1].rows[2].cells
    action = grid_2.objectives[0].actions[0]
    assert [first_action[1].text, first_action[4].text] == [action.text, action.postholder]


def test_an_objective_shows_its_measure_date_key_priority_title_and_themes() -> None:
    grids, summary = demo_grids(), demo_summary()
    objective = grids.grids[0].objectives[0]
    title = next(priority.title for priority in summary.key_priorities if priority.number == objective.key_priority)

    row = opened(render_planning_grids_docx(grids, summary, document_context())).tables[0].rows[1].cells

    assert row[2].text == objective.measure
    assert row[3].text.startswith(f"Key priority {objective.key_priority}: {title}\nThemes: ")
    assert row[5].text == "30 Nov 2008"


def test_without_part_1_a_linked_key_priority_shows_its_number_only() -> None:
    grids = demo_grids()
    objective = grids.grids[0].objectives[0]

    row = opened(render_planning_grids_docx(grids, None, document_context())).tables[0].rows[1].cells

    assert row[3].text.split("\n")[0] == f"Key priority {objective.key_priority}"


def test_a_grid_without_objectives_says_so() -> None:
    document = opened(render_planning_grids_docx(PlanningGrids(), None, document_context()))

    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts.count("No objectives have been entered for this grid.") == 4
    assert all(len(table.rows) == 1 for table in document.tables)


def test_action_labels_run_from_a_to_z_then_aa() -> None:
    assert [action_label(index) for index in (0, 1, 25, 26, 27)] == ["(a)", "(b)", "(z)", "(aa)", "(ab)"]


@pytest.mark.parametrize("text", [WELSH, EMOJI, RIGHT_TO_LEFT, MARKUP])
def test_any_text_renders_exactly_as_written(text: str) -> None:
    context = document_context(partnership_name=text)
    summary = StrategicSummary.model_validate(
        {"likely_demand": text, "key_priorities": [{"number": 1, "title": text, "description": text}]}
    )
    grids = PlanningGrids.model_validate(
        {
            "grids": [
                {"number": 1, "key_priorities": text, "objectives": [{"text": text, "actions": [{"postholder": text}]}]}
            ]
        }
    )

    part_1 = opened(render_strategic_summary_docx(summary, context))
    part_3 = opened(render_planning_grids_docx(grids, summary, context))

    assert part_1.paragraphs[0].text == text
    assert text in [paragraph.text for paragraph in part_1.paragraphs[4:]]
    assert f"1. {text}" in styled(part_1, "Heading 2")
    assert part_1.sections[0].footer.paragraphs[0].text.startswith(f"{text} – ")
    objective_row = part_3.tables[0].rows[1].cells
    assert objective_row[1].text == text
    assert part_3.tables[0].rows[2].cells[4].text == text


def test_a_40000_character_narrative_renders_whole() -> None:
    narrative = ("Treatment works when people stay in it long enough. " * 800)[:40_000]
    summary = StrategicSummary(outcome_improvements=narrative)

    document = opened(render_strategic_summary_docx(summary, document_context()))

    assert narrative.strip() in [paragraph.text for paragraph in document.paragraphs]


def test_tabs_and_line_breaks_in_a_grid_cell_become_tabs_and_line_breaks() -> None:
    grids = PlanningGrids.model_validate({"grids": [{"number": 1, "objectives": [{"text": "One\tTwo\nThree"}]}]})

    cell = opened(render_planning_grids_docx(grids, None, document_context())).tables[0].rows[1].cells[1]

    assert cell.text == "One\tTwo\nThree"
    assert len(cell.paragraphs) == 1


@pytest.mark.parametrize("part", RENDERERS)
def test_the_same_part_gives_the_same_bytes_stamped_with_the_document_date(part: str) -> None:
    first, second = RENDERERS[part](document_context()), RENDERERS[part](document_context())

    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(2008, 1, 14, 0, 0, 0)}
    properties = opened(first).core_properties
    assert properties.created.date() == properties.modified.date() == document_context().document_date
    assert properties.revision == 1
