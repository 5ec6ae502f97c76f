"""A scorecard metric over time as an SVG line chart drawn on the server, and the same figures as table rows.

The chart is for seeing the shape; the table beside it holds every figure, and the chart's <title>
and <desc> tell a screen reader what the picture shows, so nothing depends on seeing it or on
JavaScript. The value is a solid line with round markers, its 95 % interval a whisker at each
period, and the trajectory a dashed line with diamond markers: told apart by shape and line style
as well as colour, in GOV.UK colours with at least 3:1 contrast against white.

Drawn by hand rather than with a library. pygal, the Python SVG charting library that would fit,
writes its styles into a <style> element and links a tooltip script from a third-party address by
default, which this service's content security policy blocks (tests/access/test_security_headers.py
forbids inline styles); it gives no role="img" or <desc>, so we would rewrite its XML to make it
accessible; and it would be a dependency for what is a dozen lines, paths and labels here. Every
piece of text is escaped with MarkupSafe, which Jinja already depends on.
"""

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from plan_schema.wording import plural
from service.monitoring import wording
from service.monitoring.catalogue import Metric
from service.monitoring.scorecard import ScorecardRow, SeriesPoint

# Drawn for half a GOV.UK page column, beside its table, so that 16px text stays near 14px once scaled down.
WIDTH, HEIGHT = 520, 400
LEFT, RIGHT, TOP, BOTTOM = 80, WIDTH - 24, 24, 250
# GOV.UK Design System colours, each with at least 3:1 contrast against white (WCAG 1.4.11).
BLUE, BLACK, DARK_GREY, MID_GREY = "#1d70b8", "#0b0c0c", "#505a5f", "#b1b4b6"
FONT = "GDS Transport, arial, sans-serif"
# About the width of "2027/28 Q1" at 16px: closer labels would overlap, so only every so many are drawn.
LABEL_WIDTH = 96


@dataclass(frozen=True)
class ChartTableRow:
    """One period as the table beside the chart shows it, every figure in words."""

    period: str
    value: str
    interval: str
    expected: str


@dataclass(frozen=True)
class MetricChart:
    """The chart's SVG, ready to embed, and the caption and rows of the table that repeats it; `id` prefixes its ids."""

    id: str
    svg: Markup
    caption: str
    rows: tuple[ChartTableRow, ...]


def default_chart_id(metric: Metric) -> str:
    """A metric's chart's id on a page with one chart of it, which a link to its heading names."""
    return "chart-" + re.sub(r"[^a-z0-9]+", "-", f"{metric.code}-v{metric.version}".lower())


def metric_chart(row: ScorecardRow, *, chart_id: str | None = None) -> MetricChart:
    """The chart and table for a scorecard row's series; `chart_id` keeps ids unique when a page has several."""
    chart_id = chart_id or default_chart_id(row.metric)
    caption = f"{row.metric.name}: figures by period"
    return MetricChart(id=chart_id, svg=chart_svg(row, chart_id), caption=caption, rows=table_rows(row))


def table_rows(row: ScorecardRow) -> tuple[ChartTableRow, ...]:
    """The chart's figures, period by period, worded as the scorecard words them."""
    return tuple(
        ChartTableRow(
            period=point.figure.period,
            value=row.figure_value_text(point.figure),
            interval=row.figure_interval_text(point.figure),
            expected=wording.value_text(row.metric, point.expected) if point.expected is not None else "No target",
        )
        for point in row.series
    )


def chart_svg(row: ScorecardRow, chart_id: str) -> Markup:
    """The series as an accessible SVG line chart: title and description, axes, interval whiskers, trajectory."""
    points = row.series
    ticks = value_ticks(_plotted_values(points))
    scale = _Scale(ticks[0], ticks[-1])
    slot = (RIGHT - LEFT) / len(points)
    xs = [LEFT + slot * (index + 0.5) for index in range(len(points))]
    parts = [
        _tag("title", {"id": f"{chart_id}-title"}, _title(row)),
        _tag("desc", {"id": f"{chart_id}-desc"}, describe(row)),
        *_value_axis(row, ticks, scale),
        *_period_axis(points, xs, slot),
        *_whiskers(points, xs, scale),
        _line([(x, point.expected) for x, point in zip(xs, points, strict=True)], scale, BLACK, dashed=True),
        *(_diamond(x, scale.y(p.expected)) for x, p in zip(xs, points, strict=True) if p.expected is not None),
        _line([(x, point.figure.value) for x, point in zip(xs, points, strict=True)], scale, BLUE, dashed=False),
        *(_circle(x, scale.y(p.figure.value)) for x, p in zip(xs, points, strict=True) if p.figure.value is not None),
        *_legend(),
    ]
    if not any(point.figure.value is not None for point in points):
        parts.append(_text((LEFT + RIGHT) / 2, (TOP + BOTTOM) / 2, "No figures to show", anchor="middle"))
    svg_attributes = {
        "xmlns": "http://www.w3.org/2000/svg",
        "viewBox": f"0 0 {WIDTH} {HEIGHT}",
        "width": "100%",
        "role": "img",
        "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
        "focusable": "false",
        "class": "adtp-metric-chart",
        "font-family": FONT,
        "font-size": "16",
    }
    return Markup(f"<svg{_attributes(svg_attributes)}>" + "".join(parts) + "</svg>")  # noqa: S704 - every part escaped


def describe(row: ScorecardRow) -> str:
    """What the chart shows, in sentences, for a screen reader (the table holds every figure)."""
    points = row.series
    metric = row.metric
    sentences = [f"{_title(row)}, {points[0].figure.period} to {points[-1].figure.period}."]
    latest = row.latest
    if latest.value is not None:
        latest_words = f"Latest, {latest.period}: {wording.value_text(metric, latest.value)}"
        if latest.interval is not None:
            latest_words += f" (95% confidence interval {wording.interval_text(metric, latest.interval)})"
        sentences.append(latest_words + ".")
    if row.assessment.expected is not None:
        sentences.append(f"Expected by then on the trajectory: {wording.value_text(metric, row.assessment.expected)}.")
    shown = [point.figure for point in points if point.figure.value is not None]
    if len(shown) > 1:
        lowest = min(shown, key=lambda figure: figure.value or 0.0)
        highest = max(shown, key=lambda figure: figure.value or 0.0)
        sentences.append(
            f"Lowest {wording.value_text(metric, lowest.value)} in {lowest.period}; "
            f"highest {wording.value_text(metric, highest.value)} in {highest.period}."
        )
    hidden = sum(point.figure.suppressed for point in points)
    if hidden:
        sentences.append(f"Figures for {plural(hidden, 'period')} are not shown to protect small numbers.")
    sentences.append("The table with the chart gives every figure.")
    return " ".join(sentences)


def value_ticks(values: Sequence[float]) -> tuple[float, ...]:
    """Round ticks (steps of 1, 2 or 5 times a power of ten) from at or below the least value to the greatest."""
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if high == low:
        pad = abs(low) / 10 or 1.0
        low, high = (low - pad if low - pad >= 0 or low < 0 else 0.0), high + pad
    rough = (high - low) / 4
    power = 10 ** math.floor(math.log10(rough))
    step = next(multiple * power for multiple in (1, 2, 5, 10) if multiple * power >= rough)
    start, end = math.floor(low / step) * step, math.ceil(high / step) * step
    return tuple(round(start + index * step, 10) for index in range(round((end - start) / step) + 1))


@dataclass(frozen=True)
class _Scale:
    """Maps a value to the plot's height: the lowest tick at the bottom, the highest at the top."""

    low: float
    high: float

    def y(self, value: float) -> float:
        return BOTTOM - (value - self.low) / (self.high - self.low) * (BOTTOM - TOP)


def _title(row: ScorecardRow) -> str:
    return f"{row.metric.name}: value by period against the expected trajectory"


def _plotted_values(points: Iterable[SeriesPoint]) -> list[float]:
    found: list[float] = []
    for point in points:
        figure = point.figure
        found += [v for v in (figure.value, point.expected) if v is not None]
        if figure.interval is not None:
            found += [figure.interval.lower, figure.interval.upper]
    return found


def _value_axis(row: ScorecardRow, ticks: Sequence[float], scale: _Scale) -> list[str]:
    parts = []
    step = ticks[1] - ticks[0]
    for tick in ticks:
        y = scale.y(tick)
        parts.append(_tag("line", {"x1": LEFT, "x2": RIGHT, "y1": y, "y2": y, "stroke": MID_GREY}))
        parts.append(_text(LEFT - 8, y + 5, _tick_text(tick, step), anchor="end"))
    middle = (TOP + BOTTOM) / 2
    unit = _text(20, middle, wording.unit_text(row.metric), anchor="middle", transform=f"rotate(-90 20 {middle})")
    return [*parts, unit]


def _tick_text(tick: float, step: float) -> str:
    """A tick as round as its step: "40" in steps of 10, "0.5" in steps of 0.5 (the unit is the axis's title)."""
    decimals = 0 if float(step).is_integer() else max(1, -math.floor(math.log10(step)))
    return f"{tick:,.{decimals}f}"


def _period_axis(points: Sequence[SeriesPoint], xs: Sequence[float], slot: float) -> list[str]:
    every = math.ceil(LABEL_WIDTH / slot)
    # Label from the latest back, so the latest period always has its label.
    labelled = range(len(points) - 1, -1, -every)
    parts = [_tag("line", {"x1": LEFT, "x2": RIGHT, "y1": BOTTOM, "y2": BOTTOM, "stroke": BLACK})]
    for index in labelled:
        parts.append(_tag("line", {"x1": xs[index], "x2": xs[index], "y1": BOTTOM, "y2": BOTTOM + 6, "stroke": BLACK}))
        parts.append(_text(xs[index], BOTTOM + 22, points[index].figure.period, anchor="middle"))
    parts.append(_text((LEFT + RIGHT) / 2, BOTTOM + 48, "Period", anchor="middle"))
    return parts


def _whiskers(points: Sequence[SeriesPoint], xs: Sequence[float], scale: _Scale) -> list[str]:
    parts = []
    for x, point in zip(xs, points, strict=True):
        interval = point.figure.interval
        if interval is not None:
            parts.append(_whisker(x, scale.y(interval.lower), scale.y(interval.upper)))
    return parts


def _whisker(x: float, bottom: float, top: float) -> str:
    path = f"M{x - 6:.1f} {top:.1f}H{x + 6:.1f}M{x:.1f} {top:.1f}V{bottom:.1f}M{x - 6:.1f} {bottom:.1f}H{x + 6:.1f}"
    return _tag("path", {"d": path, "stroke": DARK_GREY, "stroke-width": 1.5, "fill": "none"})


def _line(points: Sequence[tuple[float, float | None]], scale: _Scale, colour: str, *, dashed: bool) -> str:
    """A line through the points that have a value, broken where a period has none."""
    path, drawing = "", False
    for x, value in points:
        if value is None:
            drawing = False
            continue
        path += f"{'L' if drawing else 'M'}{x:.1f} {scale.y(value):.1f}"
        drawing = True
    attributes: dict[str, object] = {"d": path or "M0 0", "stroke": colour, "stroke-width": 2.5, "fill": "none"}
    if dashed:
        attributes["stroke-dasharray"] = "8 5"
    return _tag("path", attributes)


def _circle(x: float, y: float) -> str:
    return _tag("circle", {"cx": x, "cy": y, "r": 5, "fill": BLUE, "stroke": "#ffffff", "stroke-width": 1.5})


def _diamond(x: float, y: float) -> str:
    corners = f"{x:.1f},{y - 6:.1f} {x + 6:.1f},{y:.1f} {x:.1f},{y + 6:.1f} {x - 6:.1f},{y:.1f}"
    return _tag("polygon", {"points": corners, "fill": "#ffffff", "stroke": BLACK, "stroke-width": 2})


def _legend() -> list[str]:
    """A key under the chart, one line each, each sample drawn as the chart draws it."""
    value, interval, trajectory = (BOTTOM + 78 + 26 * line for line in range(3))
    dashed = {"stroke": BLACK, "stroke-width": 2.5, "stroke-dasharray": "8 5"}
    return [
        _tag("path", {"d": f"M{LEFT} {value}H{LEFT + 36}", "stroke": BLUE, "stroke-width": 2.5}),
        _circle(LEFT + 18, value),
        _text(LEFT + 48, value + 5, "Value"),
        _whisker(LEFT + 18, interval + 9, interval - 9),
        _text(LEFT + 48, interval + 5, "95% confidence interval"),
        _tag("path", {"d": f"M{LEFT} {trajectory}H{LEFT + 36}", **dashed}),
        _diamond(LEFT + 18, trajectory),
        _text(LEFT + 48, trajectory + 5, "Expected (trajectory)"),
    ]


def _text(x: float, y: float, content: str, *, anchor: str = "start", transform: str | None = None) -> str:
    attributes: dict[str, object] = {"x": x, "y": y, "fill": BLACK, "text-anchor": anchor}
    if transform is not None:
        attributes["transform"] = transform
    return _tag("text", attributes, content)


def _tag(name: str, attributes: Mapping[str, object], content: str | None = None) -> str:
    """An element with escaped attributes, and escaped text inside when given."""
    if content is None:
        return f"<{name}{_attributes(attributes)}/>"
    return f"<{name}{_attributes(attributes)}>{_escaped(content)}</{name}>"


def _attributes(attributes: Mapping[str, object]) -> str:
    return "".join(f' {key}="{_escaped(_number(value))}"' for key, value in attributes.items())


# Characters XML 1.0 cannot hold at all, escaped or not (control characters, U+FFFE, U+FFFF, lone surrogates);
# tabs and line breaks it holds, but a parser turns them to spaces in attributes, so a chart shows spaces.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BREAKS = re.compile("[\t\n\r]")


def _escaped(text: str) -> Markup:
    """Text made safe inside markup: what XML cannot hold left out, tabs and line breaks as spaces, the rest escaped."""
    return escape(_BREAKS.sub(" ", _NOT_XML.sub("", text)))


def _number(value: object) -> str:
    """Coordinates to one decimal place, so the markup stays short and the same for the same figures."""
    return f"{value:.1f}".removesuffix(".0") if isinstance(value, float) else str(value)
