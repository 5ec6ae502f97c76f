"""A picture of Part 4: the plan year's expenditure by commissioning category and by source, as native charts."""

from openpyxl.utils import get_column_letter
from xlsxwriter import Workbook
from xlsxwriter.worksheet import Worksheet

from service.documents import funding_layout as layout
from service.documents import xlsx_writing as xlsx

CHART_SHEET = "Chart"
CHART_SIZE = {"x_scale": 2.2, "y_scale": 1.3}  # wide enough for the categories' long names


def _bar_chart(workbook: Workbook, title: str, categories: str, values: str) -> object:
    chart = workbook.add_chart({"type": "bar"})
    chart.add_series({"name": title, "categories": categories, "values": values, "fill": {"color": "#1D70B8"}})
    chart.set_title({"name": title, "name_font": {"name": xlsx.FONT, "size": 12}})
    chart.set_legend({"none": True})
    axis_font = {"name": xlsx.FONT}
    chart.set_x_axis({"num_format": '"£"#,##0', "major_gridlines": {"visible": True}, "num_font": axis_font})
    # The categories top to bottom, in the table's order.
    chart.set_y_axis({"reverse": True, "num_font": axis_font})
    return chart


def add_expenditure_chart(workbook: Workbook, plan_year: str) -> Worksheet:
    """A sheet after Table 2 with two bar charts drawn from Table 2's totals, so they follow every edit."""
    sheet = workbook.add_worksheet(CHART_SHEET)
    sheet.write_string(
        "A1", f"Expenditure {plan_year}, from Table 2", workbook.add_format({"bold": True, "font_size": 14})
    )
    table = f"'{layout.TABLE_2}'"
    first, last = layout.CATEGORY_ROWS.start, layout.CATEGORY_ROWS.stop - 1
    total = get_column_letter(layout.ROW_TOTAL_COLUMN)
    last_source = get_column_letter(layout.ROW_TOTAL_COLUMN - 1)
    by_category = _bar_chart(
        workbook,
        "By commissioning category",
        f"={table}!$A${first}:$A${last}",
        f"={table}!${total}${first}:${total}${last}",
    )
    by_source = _bar_chart(
        workbook,
        "By source",
        f"={table}!$B${layout.HEADER_ROW}:${last_source}${layout.HEADER_ROW}",
        f"={table}!$B${layout.SOURCE_TOTAL_ROW}:${last_source}${layout.SOURCE_TOTAL_ROW}",
    )
    sheet.insert_chart("A3", by_category, CHART_SIZE)
    sheet.insert_chart("A32", by_source, CHART_SIZE)
    sheet.set_h_pagebreaks([30])  # a chart to a page
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.protect("")
    return sheet
