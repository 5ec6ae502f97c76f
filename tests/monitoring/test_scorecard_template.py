"""The scorecard partial shows one metric's figures and judgements in words, its chart, and the chart's table."""

import dataclasses
import xml.etree.ElementTree as ET

from service.monitoring.catalogue import Window
from service.monitoring.chart import metric_chart
from service.monitoring.judgements import AmberTolerance
from service.monitoring.scorecard import ScorecardRow, scorecard_row
from service.pages.rendering import templates
from tests.monitoring.scorecard_builders import metric, scorecard_example, share

PARTIAL = "monitoring/_scorecard_metric.html"
PROGRESS = metric("OF-35", window=Window.QUARTER)


SVG = "{http://www.w3.org/2000/svg}svg"


def rendered(row: ScorecardRow) -> ET.Element:
    """The partial as rendered, parsed as XML: it has no void elements, so it must be well-formed too."""
    html = templates.env.get_template(PARTIAL).render(row=row, chart=metric_chart(row))
    return ET.fromstring(f"<div>{html}</div>")  # noqa: S314 - our own markup, parsed to check it


def text_of(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def words(page: ET.Element) -> str:
    """The text a reader sees, spaces squeezed, the chart's own text left out."""
    for parent in page.iter():
        for svg in parent.findall(SVG):
            parent.remove(svg)
    return text_of(page)


def with_class(page: ET.Element, name: str) -> list[ET.Element]:
    return [element for element in page.iter() if name in (element.get("class") or "").split()]


def test_the_metric_is_shown_with_its_figure_target_and_judgements_in_words() -> None:
    text = words(rendered(scorecard_example()))

    assert "Treatment progress" in text
    # 81 of 263 is 30.8 % (25.5 % to 36.6 %; at 99.8 %, 22.8 % to 40.1 %).
    assert "Latest figure, 2027/28 Q2 30.8% 95% confidence interval: 25.5% to 36.6%" in text
    assert "99.8% confidence interval: 22.8% to 40.1%" in text
    # 40 + (48 − 40) × 2/4 = 44 % expected by Q2.
    assert "Target for 2027/28 48.0% Expected by 2027/28 Q2: 44.0%" in text
    assert "Against the trajectory Red – off track Significantly below target" in text
    assert "Direction of travel Worsening since 2027/28 Q1" in text
    assert "Compared with the region Similar to the region" in text
    assert "Figure for England: 45.0% (95% confidence interval 44.7% to 45.3%)" in text
    assert "Worse than England" in text


def test_the_rag_is_a_tag_whose_words_carry_the_meaning() -> None:
    tags = with_class(rendered(scorecard_example()), "govuk-tag")

    assert [(text_of(tag), tag.get("class")) for tag in tags] == [("Red – off track", "govuk-tag govuk-tag--red")]


def test_the_chart_is_embedded_as_svg_with_the_same_figures_in_a_captioned_table() -> None:
    page = rendered(scorecard_example())

    assert len(list(page.iter(SVG))) == 1
    table = with_class(page, "govuk-table")[0]
    caption = table.find("caption")
    assert caption is not None
    assert text_of(caption) == "Treatment progress: figures by period"
    cells = [[text_of(cell) for cell in row] for row in table.iter("tr")]
    assert cells == [
        ["Period", "Value", "95% confidence interval", "Expected on the trajectory"],
        ["2027/28 Q1", "48.0%", "41.9% to 54.2%", "42.0%"],
        ["2027/28 Q2", "30.8%", "25.5% to 36.6%", "44.0%"],
    ]


def test_the_public_partial_hides_a_small_count_and_every_judgement_on_it() -> None:
    # 4 of 10 in Q2: the 4, the 6 who did not progress, and 40 % would all give the 4 away.
    page = rendered(scorecard_example(public=True, q2=(4, 10)))
    text = words(page)

    assert "Latest figure, 2027/28 Q2 Not shown (small numbers)" in text
    assert "40.0%" not in text
    assert with_class(page, "govuk-tag") == []
    assert "Against the trajectory Not shown (small numbers)" in text
    assert "Direction of travel Not shown (small numbers)" in text


def test_a_name_with_markup_is_escaped_in_the_heading_and_the_chart() -> None:
    hostile = dataclasses.replace(PROGRESS, name="<b>Bold</b> & co")
    row = scorecard_row(hostile, [share("2027/28 Q2", 81, 263)], tolerance=AmberTolerance(2.0))
    html = templates.env.get_template(PARTIAL).render(row=row, chart=metric_chart(row))

    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in html
    assert "<b>" not in html
