"""A metric's chart is well-formed SVG a screen reader can name and describe, with every text escaped."""

import dataclasses
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from service.monitoring.catalogue import Window
from service.monitoring.chart import ChartTableRow, metric_chart, value_ticks
from service.monitoring.judgements import AmberTolerance
from service.monitoring.scorecard import ScorecardRow, Target, scorecard_row
from tests.monitoring.scorecard_builders import metric, share

SVG = "{http://www.w3.org/2000/svg}"
PROGRESS = metric("OF-35", window=Window.QUARTER)
TARGET = Target(plan_year="2027/28", baseline=40.0, annual=48.0)


def progress(name: str | None = None) -> ScorecardRow:
    """Four quarters of treatment progress, the last two in the target's year (42 % and 44 % expected)."""
    figures = [
        share("2026/27 Q3", 110, 240),  # 45.8 %
        share("2026/27 Q4", 118, 250),  # 47.2 %
        share("2027/28 Q1", 120, 250),  # 48.0 %, interval 41.9 % to 54.2 %
        share("2027/28 Q2", 81, 263),  # 30.8 %, interval 25.5 % to 36.6 %
    ]
    measured = dataclasses.replace(PROGRESS, name=name) if name is not None else PROGRESS
    return scorecard_row(measured, figures, tolerance=AmberTolerance(2.0), target=TARGET)


def parsed(row: ScorecardRow) -> ET.Element:
    return ET.fromstring(str(metric_chart(row).svg))  # noqa: S314 - our own markup, parsed to check it


def test_the_svg_is_an_image_named_by_its_title_and_described_by_its_desc() -> None:
    svg = parsed(progress())

    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None
    assert desc is not None
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "Treatment progress: value by period against the expected trajectory"


def test_the_description_summarises_the_figures() -> None:
    desc = parsed(progress()).find(f"{SVG}desc")

    assert desc is not None
    assert desc.text == (
        "Treatment progress: value by period against the expected trajectory, 2026/27 Q3 to 2027/28 Q2. "
        "Latest, 2027/28 Q2: 30.8% (95% confidence interval 25.5% to 36.6%). "
        "Expected by then on the trajectory: 44.0%. "
        "Lowest 30.8% in 2027/28 Q2; highest 48.0% in 2027/28 Q1. "
        "The table with the chart gives every figure."
    )


def test_axes_periods_and_legend_are_text() -> None:
    texts = [element.text for element in parsed(progress()).iter(f"{SVG}text")]

    # Values run from 25.5 to 54.2: a quarter of the range is 7.2, so steps of 10 from 20 to 60.
    assert [text for text in texts if text and text.isdigit()] == ["20", "30", "40", "50", "60"]
    for expected in (
        "20",
        "60",
        "Percentage",
        "2026/27 Q3",
        "2027/28 Q2",
        "Period",
        "Value",
        "95% confidence interval",
    ):
        assert expected in texts
    assert "Expected (trajectory)" in texts


def test_the_trajectory_is_dashed_and_told_apart_by_diamonds_not_colour_alone() -> None:
    svg = parsed(progress())

    dashed = [path for path in svg.iter(f"{SVG}path") if path.get("stroke-dasharray")]
    # Two dashed paths: the trajectory (through Q1 and Q2 only, the target's year) and its legend key.
    assert len(dashed) == 2
    assert dashed[0].get("d", "").count("L") == 1
    # Diamonds for the 2 expected values and the legend; circles for the 4 values and the legend.
    assert len(list(svg.iter(f"{SVG}polygon"))) == 3
    assert len(list(svg.iter(f"{SVG}circle"))) == 5


def test_the_table_rows_repeat_every_figure_in_words() -> None:
    chart = metric_chart(progress())

    assert chart.caption == "Treatment progress: figures by period"
    assert chart.rows[0] == ChartTableRow("2026/27 Q3", "45.8%", "39.6% to 52.2%", "No target")
    assert chart.rows[-1] == ChartTableRow("2027/28 Q2", "30.8%", "25.5% to 36.6%", "44.0%")


def test_a_hidden_period_is_left_out_of_the_picture_and_said_to_be_hidden() -> None:
    figures = [share("2027/28 Q1", 3, 40), share("2027/28 Q2", 81, 263)]
    row = scorecard_row(PROGRESS, figures, tolerance=AmberTolerance(2.0), target=TARGET, public=True)

    svg = parsed(row)
    desc = svg.find(f"{SVG}desc")

    assert desc is not None
    assert "Figures for 1 period are not shown to protect small numbers." in (desc.text or "")
    assert len(list(svg.iter(f"{SVG}circle"))) == 2  # Q2's value and the legend's
    assert metric_chart(row).rows[0].value == "Not shown (small numbers)"


def test_with_nothing_to_show_the_chart_says_so() -> None:
    row = scorecard_row(PROGRESS, [share("2027/28 Q1", 2, 40)], tolerance=AmberTolerance(2.0), public=True)

    assert "No figures to show" in [element.text for element in parsed(row).iter(f"{SVG}text")]


def test_a_name_with_markup_in_it_is_escaped_and_reads_back_as_written() -> None:
    row = progress(name='Progress <script>alert("x")</script> & "more"')
    svg = str(metric_chart(row).svg)

    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;more&#34;" in svg
    assert "<script>" not in svg
    title = ET.fromstring(svg).find(f"{SVG}title")  # noqa: S314 - our own markup
    assert title is not None
    assert (
        title.text == 'Progress <script>alert("x")</script> & "more": value by period against the expected trajectory'
    )


# Any text XML can hold: no control characters or lone surrogates, which no escaping makes well-formed.
# Any text a name or id could hold, control characters and U+FFFE included: what XML cannot hold is left out.
xml_text = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40)


def shown(text: str) -> str:
    """Text as a chart can hold it: characters XML 1.0 has no place for left out, tabs and line breaks as spaces."""
    holdable = (
        character
        for character in text
        if character in "\t\n\r"
        or 0x20 <= ord(character) <= 0xD7FF
        or 0xE000 <= ord(character) <= 0xFFFD
        or ord(character) >= 0x10000
    )
    return "".join(" " if character in "\t\n\r" else character for character in holdable)


@given(name=xml_text, chart_id=xml_text)
def test_any_name_and_id_give_well_formed_svg(name: str, chart_id: str) -> None:
    row = progress(name=name)

    svg = ET.fromstring(str(metric_chart(row, chart_id=chart_id).svg))  # noqa: S314 - our own markup

    title = svg.find(f"{SVG}title")
    assert title is not None
    assert title.text == f"{shown(name)}: value by period against the expected trajectory"
    assert title.get("id") == f"{shown(chart_id)}-title"


def test_ticks_are_round_and_cover_the_values() -> None:
    # 25.5 to 54.2: a quarter of the range is 7.2, rounded up to a step of 10.
    assert value_ticks([25.5, 54.2]) == (20, 30, 40, 50, 60)
    # 0.12 to 0.31: a quarter is 0.0475, so steps of 0.05.
    assert value_ticks([0.12, 0.31]) == (0.1, 0.15, 0.2, 0.25, 0.3, 0.35)
    # A single value of 0 gets an axis from 0 to 1 rather than none.
    assert value_ticks([0.0]) == (0, 0.5, 1)
