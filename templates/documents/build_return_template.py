"""The Word template of a submitted quarterly return, in the plan parts' look (built by build_templates.py).

A portrait front page as every part has, then the return in landscape: its tables are eight columns
wide at most, which a portrait A4 page would squeeze into unreadable columns.
"""

from build_templates import A4_LONG, A4_SHORT, add_table, base_document, switch_property, tag_row
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.shared import Pt
from docx.table import Table

# Landscape A4 less two 20 mm margins: 257 mm for each table's columns.
FACT_WIDTHS = [70, 187]
ACTION_WIDTHS = [14, 62, 30, 24, 26, 66, 35]
EXCEPTION_WIDTHS = [45, 22, 22, 18, 48, 48, 28, 26]
COMMENTARY_WIDTHS = [70, 30, 157]
FLAG_WIDTHS = [95, 31, 31, 31, 27, 42]
SPEND_TEXT = Pt(10)
SPEND_WIDTHS = [47, 33, 29, 29, 29, 31, 19, 40]
SPEND_FIGURES = [
    "{{ row.planned }}",
    "{{ row.this_quarter }}",
    "{{ row.actual }}",
    "{{ row.profile }}",
    "{{ row.variance }}",
    "{{ row.pct }}",
    "{{ row.flag }}",
]


def _loop(
    document: WordDocument, widths: list[int], header: list[str], loop: str, cells: list[str], *, whole: str = ""
) -> Table:
    """A table of one row per item of `loop` ("row in rows"), under a header row repeated on every page.

    `whole` names the item's "1" or "0": whether its row is kept on one page or may split (a row taller
    than a page that may not split is cut off where the page ends).
    """
    columns = len(widths)
    made = add_table(
        document,
        widths,
        header,
        [tag_row("{%tr for " + loop + " %}", columns), cells, tag_row("{%tr endfor %}", columns)],
    )
    if whole:
        switch_property(made.rows[2]._tr.trPr, "w:cantSplit", whole)
    return made


def smaller(made: Table) -> None:
    """A table of money in 10 pt: £24,108,486.48 fits its column on one line, eight columns across the page."""
    for row in made.rows:
        for cell in row.cells:
            for run in cell.paragraphs[0].runs:
                run.font.size = SPEND_TEXT


def _none(document: WordDocument, condition: str, text: str) -> None:
    """An italic sentence in place of a table with nothing in it."""
    document.add_paragraph("{%p if " + condition + " %}")
    document.add_paragraph(text).runs[0].italic = True
    document.add_paragraph("{%p endif %}")


def _spend_table(document: WordDocument, first_heading: str, rows: str, total: str) -> None:
    """Spend against profile by category or by source, its total row last and emphasised."""
    columns = len(SPEND_WIDTHS)
    header = [
        first_heading,
        "Planned for the year",
        "Spent this quarter",
        "Spent to date",
        "Profile to date",
        "Variance (to date − profile)",
        "% of profile",
        "Against profile",
    ]
    made = add_table(
        document,
        SPEND_WIDTHS,
        header,
        [
            tag_row("{%tr for row in " + rows + " %}", columns),
            ["{{ row.label }}", *SPEND_FIGURES],
            tag_row("{%tr endfor %}", columns),
            ["{{ " + total + ".label }}", *(cell.replace("row.", total + ".") for cell in SPEND_FIGURES)],
        ],
        emphasised=frozenset({3}),
    )
    smaller(made)


def _spend(document: WordDocument) -> None:
    document.add_paragraph("Spend in quarter {{ quarter }}", style="Heading 1")
    document.add_paragraph("{%p if spend %}")
    _loop(
        document,
        FACT_WIDTHS,
        ["Figure", "As submitted"],
        "fact in spend.facts",
        ["{{ fact.label }}", "{{ fact.value }}"],
    )
    document.add_paragraph("By category (Part 4's Table 2 rows)", style="Heading 2")
    _spend_table(document, "Category", "spend.categories", "spend.total")
    document.add_paragraph("By funding source (Part 4's Table 2 columns)", style="Heading 2")
    _spend_table(document, "Funding source", "spend.sources", "spend.total")
    document.add_paragraph("Figures more than {{ spend.threshold }} from profile", style="Heading 2")
    flags = _loop(
        document,
        FLAG_WIDTHS,
        ["Figure", "Spent to date", "Profile to date", "Variance", "% of profile", "Against profile"],
        "flag in spend.flags",
        [
            "{{ flag.label }}",
            "{{ flag.actual }}",
            "{{ flag.profile }}",
            "{{ flag.variance }}",
            "{{ flag.pct }}",
            "{{ flag.flag }}",
        ],
    )
    smaller(flags)
    _none(document, "not spend.flags", "No figure is more than {{ spend.threshold }} from its profile.")
    document.add_paragraph("{%p else %}")
    document.add_paragraph("This submission kept the quarter's spend but not what its variance was worked out from.")
    document.add_paragraph("{%p endif %}")


def quarterly_return() -> WordDocument:
    """A submitted return: what it is, the actions' progress, the exceptions, commentary and the spend."""
    document = base_document("Quarterly return")
    landscape = document.sections[-1]
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = A4_LONG, A4_SHORT
    document.add_paragraph("About this return", style="Heading 1")
    _loop(document, FACT_WIDTHS, ["Detail", "As submitted"], "fact in facts", ["{{ fact.label }}", "{{ fact.value }}"])
    document.add_paragraph("Progress on the plan's actions", style="Heading 1")
    _loop(
        document,
        ACTION_WIDTHS,
        ["Ref.", "Action and milestone", "Postholder", "Due", "Status", "Note", "Evidence"],
        "action in actions",
        [
            "{{ action.reference }}",
            "{{ action.text }}",
            "{{ action.postholder }}",
            "{{ action.due }}",
            "{{ action.status }}",
            "{{ action.note }}",
            "{{ action.evidence }}",
        ],
        whole="action.whole",
    )
    _none(document, "not actions", "Part 3 has no actions to report on.")
    document.add_paragraph("Exceptions: the metrics judged red", style="Heading 1")
    _loop(
        document,
        EXCEPTION_WIDTHS,
        ["Metric", "Figure", "Target", "RAG", "Reason", "Recovery action", "Owner", "Recovered by"],
        "metric in exceptions",
        [
            "{{ metric.name }}",
            "{{ metric.value }}",
            "{{ metric.target }}",
            "{{ metric.rag }}",
            "{{ metric.reason }}",
            "{{ metric.recovery_action }}",
            "{{ metric.owner }}",
            "{{ metric.recovery_date }}",
        ],
        whole="metric.whole",
    )
    _none(document, "not exceptions", "No metric was judged red in the quarter.")
    document.add_paragraph("Commentary on the metrics", style="Heading 1")
    _loop(
        document,
        COMMENTARY_WIDTHS,
        ["Metric", "RAG", "Commentary"],
        "metric in commentary",
        ["{{ metric.name }}", "{{ metric.rag }}", "{{ metric.commentary }}"],
        whole="metric.whole",
    )
    _none(document, "not commentary", "No commentary was given on any metric.")
    _spend(document)
    return document
