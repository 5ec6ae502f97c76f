"""What a finance officer sees in the Part 4 workbook besides the tables: checks, names, a chart, a blank to fill in."""

import io
import zipfile
from decimal import Decimal

from openpyxl import load_workbook

from plan_schema.funding import Funding
from service.documents.funding_import import read_funding_workbook
from service.documents.funding_workbook import render_funding_template_xlsx, render_funding_xlsx
from tests.documents.document_builders import demo_funding, document_context


def _changed(**figures: str) -> Funding:
    """The demo Part 4 with some of the 2008/09 figures changed."""
    document = demo_funding().model_dump(mode="json")
    document["table_1"][1] |= figures
    return Funding.model_validate(document)


def _cached(data: bytes, sheet: str) -> dict[str, object]:
    cells = load_workbook(io.BytesIO(data), data_only=True)[sheet]
    return {cell.coordinate: cell.value for row in cells.iter_rows() for cell in row if cell.value is not None}


def test_table_1_shows_each_rows_change_from_last_year_in_pounds_and_percent() -> None:
    data = render_funding_xlsx(demo_funding(), document_context())
    live = load_workbook(io.BytesIO(data))["Table 1"]
    cached = _cached(data, "Table 1")

    assert [live["G4"].value, live["H4"].value] == ["Change 2007/08 to 2008/09 (£)", "Change 2007/08 to 2008/09 (%)"]
    assert live["G5"].value == "=ROUND(D5-C5,2)"
    assert live["H5"].value == '=IF(C5=0,"",D5/C5-1)'
    assert cached["G5"] == 12516744.00 - 11842316.00
    assert round(float(str(cached["H19"])), 4) == round(24108486.48 / 23320036.00 - 1, 4)  # 1.14
    assert live["H5"].number_format == "0.0%"


def test_the_2_percent_dip_limit_is_worked_out_under_each_year_and_red_when_exceeded() -> None:
    data = render_funding_xlsx(_changed(dip_main_grant="1000000.00", dip_carry_forward="20000.01"), document_context())
    live = load_workbook(io.BytesIO(data))["Table 1"]
    cached = _cached(data, "Table 1")

    assert live["D21"].value == "=D9*0.02"
    assert live["D22"].value == "=MAX(0,ROUND(D10-D21,2))"
    assert (cached["D21"], cached["D22"], cached["C22"]) == (20000.0, 0.01, 0.0)
    assert any(str(rules.sqref) == "C22:D22" for rules in live.conditional_formatting)


def test_mainstream_rows_are_checked_against_last_year_uplifted_by_the_cycles_inflation() -> None:
    police_2007 = Decimal("286400.00")  # the demo's 1.6 in 2007/08
    enough = (police_2007 * Decimal("1.025")).quantize(Decimal("0.01"))
    short = render_funding_xlsx(_changed(police=str(enough - 1)), document_context())
    kept_up = render_funding_xlsx(_changed(police=str(enough)), document_context())
    live = load_workbook(io.BytesIO(short))["Table 1"]

    assert live["B24"].value == "Check: 1.6 short of 2007/08 + 2.5 % uplift, should be 0"
    assert live["B25"].value.startswith("Check: 1.7 + 1.8 + 1.9 short of")
    assert live["D24"].value == "=MAX(0,ROUND(ROUND((C11)*(1+2.5/100),2)-(D11),2))"
    assert _cached(short, "Table 1")["D24"] == 1.0
    assert _cached(kept_up, "Table 1")["D24"] == 0.0
    unknown = render_funding_xlsx(demo_funding(), document_context(inflation_uplift_pct=None))
    assert "B24" not in _cached(unknown, "Table 1")  # no uplift, no check to show


def test_table_2_checks_each_source_against_its_table_1_figure() -> None:
    document = demo_funding().model_dump(mode="json")
    document["table_2"][0]["police"] = "0.01"
    data = render_funding_xlsx(Funding.model_validate(document), document_context())
    live = load_workbook(io.BytesIO(data))["Table 2"]
    cached = _cached(data, "Table 2")

    assert live["F19"].value == "='Table 1'!D11"  # 1.6 Police, 2008/09
    assert live["B19"].value == "='Table 1'!D7"  # 1.3 is worked out in Table 1
    assert live["F20"].value == "=ROUND(F15-F19,2)"
    assert cached["F20"] == 0.01
    assert all(cached[f"{letter}20"] == 0 for letter in "BCDEGHIJKLM")


def test_1_14_and_n15_have_names_for_a_finance_officers_own_formulas() -> None:
    workbook = load_workbook(io.BytesIO(render_funding_xlsx(demo_funding(), document_context())))

    assert workbook.defined_names["Total_funding_1_14"].attr_text == "'Table 1'!$D$19"
    assert workbook.defined_names["Total_expenditure_N15"].attr_text == "'Table 2'!$N$15"


def test_a_chart_sheet_draws_the_plan_years_expenditure_by_category_and_by_source() -> None:
    data = render_funding_xlsx(demo_funding(), document_context())

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        charts = sorted(name for name in archive.namelist() if name.startswith("xl/charts/chart"))
        xml = [archive.read(name).decode("utf-8") for name in charts]
    assert len(charts) == 2
    assert "'Table 2'!$N$5:$N$14" in xml[0]
    assert "'Table 2'!$A$5:$A$14" in xml[0]
    assert "'Table 2'!$B$15:$M$15" in xml[1]
    assert "'Table 2'!$B$4:$M$4" in xml[1]
    assert load_workbook(io.BytesIO(data)).sheetnames == ["Table 1", "Table 2", "Chart"]
    assert read_funding_workbook(data, document_context()) == demo_funding()  # the import ignores the chart


def test_the_blank_template_has_an_unlocked_name_cell_to_fill_in_that_the_import_accepts() -> None:
    data = render_funding_template_xlsx(document_context())
    workbook = load_workbook(io.BytesIO(data))

    for sheet in (workbook["Table 1"], workbook["Table 2"]):
        assert sheet["A2"].value in (None, "")
        assert not sheet["A2"].protection.locked
    assert "A2:B2" in {str(merged) for merged in workbook["Table 1"].merged_cells.ranges}
    assert workbook["Table 1"]["A3"].value.startswith("Enter your partnership's name in A2.")

    def named(name: str) -> bytes:
        filled = load_workbook(io.BytesIO(data))
        filled["Table 1"]["A2"] = filled["Table 2"]["A2"] = name
        buffer = io.BytesIO()
        filled.save(buffer)
        return buffer.getvalue()

    assert read_funding_workbook(named("Birmingham Drug Action Team"), document_context()).table_1
    assert read_funding_workbook(data, document_context()).table_1  # left empty, still accepted
