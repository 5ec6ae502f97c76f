"""Build the Word templates of Parts 1 to 3 and the quarterly return.

Run `PYTHONPATH=. .venv/bin/python templates/documents/build_templates.py`.
"""

import datetime
import io
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import _Footer
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from service.documents.reproducible import document_timestamp, reproducible_zip

HERE = Path(__file__).resolve().parent

# The templates carry a fixed date so that rebuilding them gives the same bytes.
BUILT_ON = datetime.date(2008, 1, 9)
A4_SHORT, A4_LONG = Mm(210), Mm(297)
MARGIN = Mm(20)
# Relationships of python-docx's default template that these documents never use; dropping them
# (and the unused styles) makes every rendered document smaller and quicker to produce.
UNUSED_RELATIONSHIPS = ("/stylesWithEffects", "/customXml", "/webSettings", "/metadata/thumbnail")
STYLES_USED = ("Normal", "Title", "Subtitle", "Heading1", "Heading2", "Heading3", "TableGrid", "Footer", "Header")
STYLES_REQUIRED = ("DefaultParagraphFont", "TableNormal", "NoList")  # Word's defaults of each kind
HEADER_FILL = "D9D9D9"
OBJECTIVE_FILL = "F2F2F2"
# Named by every style, so that no office suite falls back to a serif for a style that names none
# (python-docx's headings name the theme's fonts). LibreOffice without Arial uses its metric twin.
FONT = "Arial"
_THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# The extended properties say only which application wrote the file: python-docx's default template
# claims "Microsoft Macintosh Word", one page and no words, which no rendered document is.
APP_PROPERTIES = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>Adult drug treatment plan service</Application></Properties>"
)


def base_document(name: str) -> WordDocument:
    """An A4 portrait document with the front page and the footer every part shares."""
    document = Document()
    _slim(document)
    section = document.sections[0]
    section.page_width, section.page_height = A4_SHORT, A4_LONG
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    _fonts(document)
    document.styles["Normal"].font.size = Pt(11)
    core = document.core_properties
    core.title, core.author, core.last_modified_by, core.comments = name, "", "", ""
    core.created = core.modified = document_timestamp(BUILT_ON)
    core.revision = 1

    title = document.add_paragraph("{{ partnership_name }}", style="Title")
    title.paragraph_format.space_before = Pt(144)
    document.add_paragraph("Adult drug treatment plan {{ plan_year }}", style="Subtitle")
    document.add_paragraph("{{ part_title }}", style="Subtitle")
    document.add_paragraph("{{ document_date }}")
    status = document.add_paragraph()
    status.paragraph_format.space_before = Pt(24)
    status.add_run("{{ document_status }}").bold = True
    document.add_paragraph("{%p if snapshot_sha256 %}")
    document.add_paragraph("Snapshot SHA-256: {{ snapshot_sha256 }}").runs[0].font.size = Pt(9)
    document.add_paragraph("{%p endif %}")
    _footer(section.footer)
    # The body starts a new section rather than after a page break, which would leave an empty
    # paragraph at the top of page 2; its footer is the front page's (linked to previous).
    document.add_section(WD_SECTION.NEW_PAGE)
    return document


def _slim(document: WordDocument) -> None:
    """Drop the default template's unused parts and every style not used or depended on."""
    for relationships in (document.part.rels, document.part.package.rels):
        for key in [key for key, rel in relationships.items() if rel.reltype.endswith(UNUSED_RELATIONSHIPS)]:
            del relationships[key]
    styles = document.styles.element
    by_id = {style.get(qn("w:styleId")): style for style in styles.findall(qn("w:style"))}
    keep: set[str] = set()
    pending = [*STYLES_USED, *STYLES_REQUIRED]
    while pending:
        style_id = pending.pop()
        if style_id in keep or style_id not in by_id:
            continue
        keep.add(style_id)
        for reference in ("w:basedOn", "w:link", "w:next"):
            element = by_id[style_id].find(qn(reference))
            if element is not None:
                pending.append(element.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in keep:
            styles.remove(style)
    for language in styles.iter(qn("w:lang")):
        language.set(qn("w:val"), "en-GB")


def _fonts(document: WordDocument) -> None:
    """Every style, and the document's defaults, name FONT and no theme font."""
    for style in document.styles:
        if style.type != WD_STYLE_TYPE.LIST:
            style.font.name = FONT
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    for fonts in [*defaults.iter(qn("w:rFonts")), *styles.iter(qn("w:rFonts"))]:
        for attribute in _THEME_FONT_ATTRIBUTES:
            fonts.attrib.pop(qn(attribute), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)


def _footer(footer: _Footer) -> None:
    """Name and what the document is; "Page X of Y" (real PAGE and NUMPAGES fields); a snapshot's hash."""
    named = footer.paragraphs[0]
    named.add_run("{{ partnership_name }} – {{ document_status }}")
    numbered = footer.add_paragraph("Page ")
    _field(numbered, "PAGE")
    numbered.add_run(" of ")
    _field(numbered, "NUMPAGES")
    footer.add_paragraph("{%p if snapshot_sha256 %}")
    footer.add_paragraph("Snapshot SHA-256: {{ snapshot_sha256 }}").runs[0].font.size = Pt(7)
    footer.add_paragraph("{%p endif %}")
    for paragraph in footer.paragraphs:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A complex field: begin, instruction, separate, a placeholder result, end."""
    for kind, text in (("begin", ""), ("instr", f" {instruction} "), ("separate", ""), ("result", "1"), ("end", "")):
        run = paragraph.add_run()._r
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "result":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run.append(element)


def _row_properties(row_element: object, *, header: bool) -> None:
    """Rows never split across pages; the header row repeats on every page."""
    tr_pr = row_element.get_or_add_trPr()  # type: ignore[attr-defined]
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _min_height(row: object, expression: str) -> None:
    """A row at least as tall as a template expression says (in twentieths of a point): room to write by hand."""
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), "{{ " + expression + " }}")
    height.set(qn("w:hRule"), "atLeast")
    row._tr.get_or_add_trPr().append(height)  # type: ignore[attr-defined]


def _shade(cell: object, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)  # type: ignore[attr-defined]


def add_table(
    document: WordDocument,
    widths_mm: list[int],
    header: list[str],
    rows: list[list[str]],
    emphasised: frozenset[int] = frozenset(),
) -> Table:
    """A bordered table: a repeating header row, then template rows (tags or cells), some emphasised."""
    table: Table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)  # the grid LibreOffice lays out by
    for row_index, row in enumerate(table.rows):
        _row_properties(row._tr, header=row_index == 0)
        texts = header if row_index == 0 else rows[row_index - 1]
        emphasis = row_index - 1 in emphasised
        for column_index, (cell, width, text) in enumerate(zip(row.cells, widths_mm, texts, strict=True)):
            cell.width = Mm(width)  # the cell widths Word lays out by
            run = cell.paragraphs[0].add_run(text)
            run.bold = row_index == 0 or (emphasis and column_index < 2)
            if row_index == 0:
                _shade(cell, HEADER_FILL)
            elif emphasis:
                _shade(cell, OBJECTIVE_FILL)
    return table


def tag_row(tag: str, columns: int) -> list[str]:
    return [tag] + [""] * (columns - 1)


def part_1() -> WordDocument:
    """Part 1: the five elements as headings with their paragraphs; the key priorities under the last."""
    document = base_document("Part 1: strategic summary")
    document.add_paragraph("{%p for element in elements %}")
    document.add_paragraph("{{ element.heading }}", style="Heading 1")
    document.add_paragraph("{%p for paragraph in element.paragraphs %}")
    document.add_paragraph("{{ paragraph }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p for priority in element.priorities %}")
    document.add_paragraph("{{ priority.number }}. {{ priority.title }}", style="Heading 2")
    document.add_paragraph("{%p for paragraph in priority.paragraphs %}")
    document.add_paragraph("{{ paragraph }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p if not element.paragraphs and not element.priorities %}")
    document.add_paragraph("Not written yet.").runs[0].italic = True
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endfor %}")
    return document


def part_2() -> WordDocument:
    """Part 2: a table for each of indicators 1.1 and 1.2, one for 2 and 3, one for primary care."""
    document = base_document("Part 2: effective treatment targets")
    tables: list[Table] = []
    document.add_paragraph("1. Drug users in effective treatment", style="Heading 1")
    document.add_paragraph("{%p for indicator in effective_indicators %}")
    document.add_paragraph("{{ indicator.id }} {{ indicator.title }}", style="Heading 2")
    tables.append(
        add_table(
            document,
            [110, 60],
            ["Measure", "Value"],
            [
                tag_row("{%tr for row in indicator.rows %}", 2),
                ["{{ row.label }}", "{{ row.value }}"],
                tag_row("{%tr endfor %}", 2),
            ],
        )
    )
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("2 and 3. Retention and care-planned exits", style="Heading 1")
    tables.append(
        add_table(
            document,
            [70, 33, 33, 34],
            [
                "Indicator",
                "{{ base_year }} actual (baseline)",
                "{{ previous_year }} predicted",
                "Planned change {{ plan_year }}",
            ],
            [
                tag_row("{%tr for row in system_rows %}", 4),
                ["{{ row.title }}", "{{ row.baseline_actual }}", "{{ row.baseline_predicted }}", "{{ row.planned }}"],
                tag_row("{%tr endfor %}", 4),
            ],
        )
    )
    document.add_paragraph("4. Primary care, on a practice basis, per PCT", style="Heading 1")
    tables.append(
        add_table(
            document,
            [20, 27, 27, 27, 69],
            ["PCT", "Practices in the area", "Practices in shared care", "Practices in other models", "Notes"],
            [
                tag_row("{%tr for pct in primary_care %}", 5),
                [
                    "{{ pct.code }}",
                    "{{ pct.in_area }}",
                    "{{ pct.in_shared_care }}",
                    "{{ pct.in_other_models }}",
                    "{{ pct.notes }}",
                ],
                tag_row("{%tr endfor %}", 5),
            ],
        )
    )
    for table in tables:
        _min_height(table.rows[2], "row_height")
    document.add_paragraph("{%p if not primary_care %}")
    document.add_paragraph("No primary care entries yet.").runs[0].italic = True
    document.add_paragraph("{%p endif %}")
    return document


def switch_property(element: object, tag: str, expression: str) -> None:
    """A row or paragraph property switched on or off at render time by a template expression ("1" or "0")."""
    found = element.find(qn(tag))  # type: ignore[attr-defined]
    found.set(qn("w:val"), "{{ " + expression + " }}")


def part_3() -> WordDocument:
    """Part 3: a portrait front page, then the guidance's two groups of grids (and local ones) in landscape."""
    document = base_document("Part 3: planning grids")
    landscape = document.sections[-1]
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = A4_LONG, A4_SHORT
    document.add_paragraph("{%p for grid in grids %}")
    document.add_paragraph("{%p if grid.section_heading %}")
    section = document.add_paragraph("{{ grid.section_heading }}", style="Heading 1")
    section.paragraph_format.page_break_before = True
    document.add_paragraph("{%p endif %}")
    heading = document.add_paragraph("Grid {{ grid.number }}: {{ grid.title }}", style="Heading 2")
    heading.paragraph_format.page_break_before = True
    # The first grid of a group follows its group's heading on the same page.
    switch_property(heading._p.pPr, "w:pageBreakBefore", "grid.new_page")
    document.add_paragraph("Key priorities from the needs assessment developed in this grid", style="Heading 3")
    document.add_paragraph("{%p for paragraph in grid.key_priorities %}")
    document.add_paragraph("{{ paragraph }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("Objectives for {{ plan_year }}, actions and milestones", style="Heading 3")
    columns = 6
    table = add_table(
        document,
        [13, 90, 42, 42, 38, 32],
        ["No.", "Objective; actions and milestones", "Measure", "Key priority and themes", "Postholder", "Date"],
        [
            tag_row("{%tr for objective in grid.objectives %}", columns),
            [
                "{{ objective.number }}",
                "{{ objective.text }}",
                "{{ objective.measure }}",
                "{{ objective.links }}",
                "",
                "{{ objective.target_date }}",
            ],
            tag_row("{%tr for action in objective.actions %}", columns),
            ["{{ action.label }}", "{{ action.text }}", "", "", "{{ action.postholder }}", "{{ action.due }}"],
            tag_row("{%tr endfor %}", columns),
            tag_row("{%tr endfor %}", columns),
        ],
        emphasised=frozenset({1}),
    )
    objective_row, action_row = table.rows[2], table.rows[4]
    # An objective stays on the page of its first action; a row stays whole unless it is longer than a page.
    for cell in objective_row.cells:
        cell.paragraphs[0].paragraph_format.keep_with_next = True
    switch_property(objective_row._tr.trPr, "w:cantSplit", "objective.whole")
    switch_property(action_row._tr.trPr, "w:cantSplit", "action.whole")
    _min_height(objective_row, "row_height")
    _min_height(action_row, "row_height")
    document.add_paragraph("{%p if not grid.objectives %}")
    document.add_paragraph("No objectives have been entered for this grid.").runs[0].italic = True
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endfor %}")
    return document


def build(directory: Path = HERE) -> list[Path]:
    """Write the parts' templates and the quarterly return's; the same code always gives the same bytes."""
    from build_return_template import quarterly_return  # it builds on this module's parts

    written = []
    documents = (
        ("part-1.docx", part_1()),
        ("part-2.docx", part_2()),
        ("part-3.docx", part_3()),
        ("quarterly-return.docx", quarterly_return()),
    )
    for name, document in documents:
        for package_part in document.part.package.iter_parts():
            if package_part.partname == "/docProps/app.xml":
                package_part._blob = APP_PROPERTIES  # python-docx has no API for app.xml
        buffer = io.BytesIO()
        document.save(buffer)
        path = directory / name
        path.write_bytes(reproducible_zip(buffer.getvalue(), BUILT_ON))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in build():
        print(path)  # noqa: T201
