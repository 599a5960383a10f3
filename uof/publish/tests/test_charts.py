"""The dashboard's SVG charts: safe to inline, accessible, deterministic, and honest about [c]."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup

from uof.publish.charts import PALETTE, bar_chart, contrast_ratio, line_chart

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"
ALLOWED_URIS = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}

DISTRICTS = ["Peterborough", "Cambridge", "Huntingdonshire and the Fens (a long name)", "Fenland"]
COUNTS = [120, None, 1234, 0]
PERIODS = ["2025/26-Q1", "2025/26-Q2", "2025/26-Q3", "2025/26-Q4", "2026/27-Q1"]
TREND = {"Cambridgeshire": [10, 12, None, 15, 18], "Bedfordshire": [8, 9, 11, None, 7]}


def bars(chart_id="by-district", labels=DISTRICTS, values=COUNTS, **kwargs) -> Markup:
    return bar_chart(chart_id, "Reports by district", "report", labels, values, **kwargs)


def lines(chart_id="trend") -> Markup:
    return line_chart(chart_id, "Reports by quarter", "report", PERIODS, TREND)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def ids(root: ET.Element) -> list[str]:
    return [e.get("id") for e in root.iter() if e.get("id")]


def printed_values(root: ET.Element) -> list[str]:
    """The printed values, top to bottom, as drawn in the text overlay."""
    overlay = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "plot text-overlay")
    return ["".join(t.itertext()) for t in overlay.iter(f"{SVG}text")]


@pytest.fixture(params=["bar", "line"])
def svg(request) -> str:
    return str(bars() if request.param == "bar" else lines())


def test_is_markup_with_no_xml_declaration(svg):
    assert isinstance(bars(), Markup) and isinstance(lines(), Markup)
    assert svg.startswith("<svg ") and svg.endswith("</svg>")
    assert "<?xml" not in svg and "<!--" not in svg and "<!DOCTYPE" not in svg


def test_parses_as_svg_with_an_accessible_name(svg):
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    title, desc = root[0], root[1]  # first children, in that order
    assert (title.tag, title.get("id")) == (f"{SVG}title", title_id)
    assert (desc.tag, desc.get("id")) == (f"{SVG}desc", desc_id)
    assert title.text in ("Reports by district", "Reports by quarter")
    assert desc.text.startswith("Counting unit: report.")
    assert len(root.findall("svg:title", NS)) == 1 and len(root.findall(".//svg:desc", NS)) == 1


def test_responsive_not_fixed_size(svg):
    root = parse(svg)
    assert root.get("width") == "100%" and root.get("height") is None
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox"))


def test_no_script_and_no_network(svg):
    root = parse(svg)
    assert not root.findall(".//svg:script", NS) and "<script" not in svg.lower()
    assert "javascript" not in svg.lower() and "@import" not in svg and "url(" not in svg
    assert set(re.findall(r"https?://[^\s\"'<>)]+", svg)) <= ALLOWED_URIS
    for element in root.iter():
        for key, value in element.attrib.items():
            assert not key.endswith("href") or value.startswith("#"), (key, value)
            assert not key.startswith("on"), key  # no event handlers


def test_suppressed_value_shows_c_and_no_bar():
    root = parse(bars())
    assert printed_values(root) == ["120", "[c]", "1,234", "0"]
    plotted = root.findall(".//svg:g[@class='bars']/svg:g[@class='bar']", NS)
    assert len(plotted) == 3  # 120, 1,234 and a zero-width 0: none for the suppressed figure
    widths = sorted(float(bar.find("svg:rect", NS).get("width") or 0) for bar in plotted)  # 0: no width
    assert widths[0] == 0 and 0 < widths[1] < widths[2]
    assert "Cambridge: [c] (suppressed)" in root.find("svg:desc", NS).text


def test_value_labels_equal_the_inputs_in_order():
    labels = [f"Category {n}" for n in range(1, 8)]
    values = [5, 17, 3, 0, 42, 9, 11]
    root = parse(bars("many", labels, values))
    assert printed_values(root) == [str(v) for v in values]
    # categories are drawn in the order given, the first at the top
    axis = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "axis y")
    texts = [t for t in axis.iter(f"{SVG}text")]
    drawn = sorted(texts, key=lambda t: float(t.get("y")))
    assert ["".join(t.itertext()) for t in drawn] == labels


def test_bar_lengths_are_proportional_to_values():
    root = parse(bars("prop", ["A", "B", "C"], [10, 20, 40]))
    widths = sorted(float(r.get("width")) for r in root.iterfind(".//svg:g[@class='bar']/svg:rect", NS))
    assert widths == pytest.approx([widths[0], widths[0] * 2, widths[0] * 4])


def test_long_labels_wrap_and_are_kept_whole():
    root = parse(bars())
    axis = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "axis y")
    spans = ["".join(t.itertext()) for t in axis.iter(f"{SVG}tspan")]
    assert " ".join(s for s in spans if s not in ("Peterborough", "Cambridge", "Fenland")) == DISTRICTS[2]
    assert "…" not in "".join(root.itertext())


def test_all_suppressed_and_empty_charts_render():
    root = parse(bars("none", ["A", "B"], [None, None]))
    assert printed_values(root) == ["[c]", "[c]"]
    assert not root.findall(".//svg:g[@class='bar']", NS)
    assert parse(bars("empty", [], [])).get("role") == "img"
    with pytest.raises(ValueError):
        bars("bad", ["A"], [1, 2])


def test_custom_suppressed_label():
    assert printed_values(parse(bars("x", ["A", "B"], [3, None], suppressed_label="*"))) == ["3", "*"]


def test_line_chart_gaps_and_values():
    root = parse(lines())
    overlay = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "plot text-overlay")
    per_series = [["".join(t.itertext()) for t in g.iter(f"{SVG}text")] for g in overlay.findall("svg:g", NS)]
    assert per_series == [["10", "12", "15", "18"], ["8", "9", "11", "7"]]  # no point for a gap, no 0
    # the line is broken at the gap: Cambridgeshire's line is two pieces, not one through zero
    paths = root.findall(".//svg:g[@class='plot']/svg:g[@class='series serie-0 color-0']/svg:path", NS)
    assert len(paths) == 2
    desc = root.find("svg:desc", NS).text
    assert "Cambridgeshire: 2025/26-Q1 10; 2025/26-Q2 12; 2025/26-Q3 no figure" in desc
    # a legend entry per series, each drawn with its own dash pattern
    legend_lines = root.findall(".//svg:path[@class='legend-line']", NS)
    assert len(legend_lines) == 2
    assert legend_lines[0].get("stroke-dasharray") != legend_lines[1].get("stroke-dasharray")
    with pytest.raises(ValueError):
        line_chart("bad", "T", "report", ["Q1"], {"a": [1, 2]})


def test_two_charts_have_disjoint_ids():
    first, second = parse(bars("by-district")), parse(bars("by-custody-suite"))
    trend_a, trend_b = parse(lines("trend-a")), parse(lines("trend-b"))
    all_ids = [ids(first), ids(second), ids(trend_a), ids(trend_b)]
    for n, these in enumerate(all_ids):
        assert len(these) == len(set(these))
        for others in all_ids[n + 1:]:
            assert not set(these) & set(others)
    assert all(i.startswith("chart-trend-a") for i in ids(trend_a))
    # the chart's CSS is scoped to its own id
    style = first.find(".//svg:style", NS).text
    assert "#chart-by-district " in style and "#chart-by-custody-suite" not in style


def test_chart_id_must_be_a_valid_id():
    with pytest.raises(ValueError):
        bars("has space")
    with pytest.raises(ValueError):
        bars("1starts-with-digit")


def test_deterministic():
    assert bars() == bars() and lines() == lines()
    assert bars("a") != bars("b")


def test_text_is_escaped():
    svg = str(bar_chart("esc", "Tom & <Jerry>", "report", ["<script>alert(1)</script>"], [1]))
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg and "Tom &amp; &lt;Jerry&gt;" in svg
    parse(svg)


def test_colours_meet_non_text_contrast():
    for colour in PALETTE:
        assert contrast_ratio(colour) >= 3, colour
    assert contrast_ratio("#0b0c0c") >= 4.5 and contrast_ratio("#505a5f") >= 4.5  # text colours
    for svg in (str(bars()), str(lines())):
        style = parse(svg).find(".//svg:style", NS).text
        for colour in re.findall(r"\.color-\d+[^{]*\{stroke:(#[0-9a-f]{6});fill:(#[0-9a-f]{6})", style):
            assert contrast_ratio(colour[0]) >= 3
        assert "opacity:.7" not in style  # pygal's default translucency would lower the contrast
        assert re.search(r"\.reactive\{fill-opacity:1;", style)


def test_text_at_least_12px_at_a_360px_column(svg):
    root = parse(svg)
    width = int(root.get("viewBox").split()[2])
    style = root.find(".//svg:style", NS).text
    sizes = [float(s) for s in re.findall(r"font-size:(\d+(?:\.\d+)?)px", style)]
    assert sizes and min(sizes) * 360 / width >= 12
    # pygal's only smaller (em) sizes are for tooltips and gauges, none of which are drawn
    for element in root.iter():
        assert not {"tooltip", "bound", "max-value"} & set((element.get("class") or "").split())
