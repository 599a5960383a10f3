"""Charts for the public dashboard, rendered on the server as inline SVG with pygal.

Every chart is a self-contained ``<svg>`` element that can be dropped into a Jinja2 page:

* no XML declaration, no ``<script>`` (pygal's tooltip script from its CDN and its inline config
  script are removed), no stylesheet or font fetched from anywhere: the only URIs left are the
  SVG and XLink namespace names;
* responsive: ``width="100%"`` and a ``viewBox``, so it scales with its container (no fixed height);
* ``role="img"`` with an accessible name, ``aria-labelledby`` pointing at the chart's ``<title>``
  and a ``<desc>`` that says the counting unit and lists every figure as text (a screen reader
  gets the whole chart without a tooltip or a table);
* every value is printed at the end of its bar (or beside its point), a suppressed figure
  (``None``) as ``[c]`` with no bar at all, never as a zero;
* colours from the GOV.UK palette with at least 3:1 contrast against the white background (WCAG
  2.2 AA non-text contrast, 1.4.11), fully opaque, text in GOV.UK black; line series also differ
  by dash pattern so colour is never the only distinction (1.4.1);
* ids all start with ``chart-<chart_id>`` so two charts on one page never clash;
* deterministic: the same input gives the same SVG, byte for byte (no random ids, no dates).
"""
from __future__ import annotations

import re
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Sequence

import pygal
from markupsafe import Markup
from pygal.etree import etree as pygal_etree
from pygal.style import Style

__all__ = ["PALETTE", "bar_chart", "contrast_ratio", "line_chart"]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

# GOV.UK Frontend colours, each at least 3:1 against white (checked in the tests).
PALETTE = ("#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#003078", "#505a5f", "#942514", "#0b0c0c")
# One dash pattern per line series, so series differ by more than colour.
DASHES = ("", "10,5", "3,4", "12,4,3,4", "1,6", "6,3,1,3,1,3")
TEXT = "#0b0c0c"          # GOV.UK text colour
SECONDARY_TEXT = "#505a5f"
FONT = 'system-ui, -apple-system, "Segoe UI", arial, sans-serif'  # the site's font stack

WIDTH = 480               # viewBox width: 16-unit text stays >= 12 CSS px down to a 360px column
FONT_SIZE = 16
TITLE_SIZE = 18
LABEL_CHARS = 18          # category labels longer than this wrap onto more lines
LINE_HEIGHT = 19

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def _style() -> Style:
    size = FONT_SIZE
    return Style(
        background="#ffffff", plot_background="#ffffff",
        foreground=TEXT, foreground_strong=TEXT, foreground_subtle=SECONDARY_TEXT,
        colors=PALETTE, opacity="1", opacity_hover="1", stroke_opacity="1", stroke_opacity_hover="1",
        transition="0s", guide_stroke_color=SECONDARY_TEXT, major_guide_stroke_color=SECONDARY_TEXT,
        font_family=FONT, label_font_family=FONT, major_label_font_family=FONT,
        value_font_family=FONT, value_label_font_family=FONT, tooltip_font_family=FONT,
        title_font_family=FONT, legend_font_family=FONT, no_data_font_family=FONT,
        label_font_size=size, major_label_font_size=size, value_font_size=size,
        value_label_font_size=size, tooltip_font_size=size, legend_font_size=size,
        title_font_size=TITLE_SIZE, no_data_font_size=size,
    )


# Extra rules, inlined by pygal into the chart's own <style> and scoped to the chart's id.
_CSS = """inline:
{id}text {{ font-size: {size}px; }}
{id}.title {{ font-size: {title}px; font-weight: bold; }}
{id}.series text.value {{ fill: {text}; }}
{id}.series text.value.suppressed {{ fill: {secondary}; }}
{id}.axis text {{ fill: {text}; }}
{id}.axis .guide.line {{ stroke: #b1b4b6; }}
"""


def _common(chart_id: str, title: str) -> dict:
    if not _ID.match(chart_id):
        raise ValueError(f"chart_id must be a letter followed by letters, digits, '-' or '_': {chart_id!r}")
    return {
        "title": title, "style": _style(), "js": [],  # js=[]: not pygal's tooltip script from its CDN
        "disable_xml_declaration": True, "explicit_size": False, "pretty_print": False,
        "print_values": True, "print_zeroes": True, "truncate_label": -1, "truncate_legend": -1,
        "formatter": _thousands, "value_formatter": _thousands, "width": WIDTH, "margin": 12,
        "spacing": 12, "no_data_text": "",
        "css": ["file://style.css", "file://graph.css",  # pygal's own, inlined (file:// = its package)
                _CSS.format(id=f"#chart-{chart_id} ", size=FONT_SIZE, title=TITLE_SIZE, text=TEXT,
                            secondary=SECONDARY_TEXT)],
    }


def _thousands(value) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"


def _wrap(label: str) -> list[str]:
    return textwrap.wrap(label, LABEL_CHARS, break_long_words=False) or [""]


# --- SVG clean-up shared by both kinds of chart ---------------------------------------------------

def _tidy(root: ET.Element, chart_id: str, title: str, desc: str) -> None:
    """Drop scripts and tooltip leftovers; prefix ids; add the accessible name."""
    prefix = f"chart-{chart_id}"
    for parent in list(root.iter()):
        for child in list(parent):
            tag = child.tag
            classes = (child.get("class") or "").split()
            if (tag == "script" or "tooltip-overlay" in classes
                    or "no_data" in classes
                    or (tag == "desc" and parent.get("class") in ("bar", "dots"))
                    or (tag == "title" and parent is not root)):
                parent.remove(child)
    for element in root.iter():
        if element is root:
            continue
        if element.get("id"):
            element.set("id", f"{prefix}-{element.get('id')}")
        for key in ("href", f"{{{XLINK_NS}}}href"):
            if (element.get(key) or "").startswith("#"):
                element.set(key, f"#{prefix}-{element.get(key)[1:]}")
        # pygal's interactive classes only drive its (removed) tooltip script
        if "class" in element.attrib:
            classes = [c for c in element.get("class").split() if c not in ("reactive", "tooltip-trigger")]
            if classes:
                element.set("class", " ".join(classes))
            else:
                del element.attrib["class"]
    root.set("id", prefix)
    root.set("class", "pygal-chart uof-chart")
    root.set("width", "100%")
    root.set("role", "img")
    root.set("aria-labelledby", f"{prefix}-title {prefix}-desc")
    title_node = root.find("title")
    title_node.text = title
    title_node.set("id", f"{prefix}-title")
    desc_node = ET.Element("desc", id=f"{prefix}-desc")
    desc_node.text = desc
    # <title> then <desc> as the first children, where assistive technology expects them
    root.remove(title_node)
    root.insert(0, desc_node)
    root.insert(0, title_node)


def _serialise(root: ET.Element) -> Markup:
    ET.register_namespace("xlink", XLINK_NS)
    return Markup(ET.tostring(root, encoding="unicode", short_empty_elements=True))


def _plain(svg: bytes | str) -> ET.Element:
    """pygal's tree (lxml's or ElementTree's) as a plain ElementTree with un-namespaced SVG tags."""
    root = ET.fromstring(svg)  # comments (pygal's banner with its date and URLs) are dropped here
    for element in root.iter():
        if element.tag.startswith(f"{{{SVG_NS}}}"):
            element.tag = element.tag[len(SVG_NS) + 2:]
    root.set("xmlns", SVG_NS)
    return root


def _render(chart, chart_id: str, title: str, desc: str, post) -> Markup:
    """Render `chart`, reshape its tree with `post(root)` while pygal's view is still set up, tidy it."""
    chart.uuid = chart_id  # pygal's root id and CSS scope are "chart-<uuid>": make them ours, fixed
    out = {}

    def capture(root):
        tree = _plain(pygal_etree.tostring(root))
        post(tree)
        _tidy(tree, chart_id, title, desc)
        out["svg"] = tree
        return root

    chart.add_xml_filter(capture)
    chart.render_tree()
    return _serialise(out["svg"])


def _text(parent: ET.Element, x: float, y: float, text: str, css: str, **attrs) -> ET.Element:
    node = ET.SubElement(parent, "text", {"x": _fmt(x), "y": _fmt(y), "class": css, **attrs})
    node.text = text
    return node


def _fmt(number: float) -> str:
    return f"{number:.2f}".rstrip("0").rstrip(".")


def _group(root: ET.Element, css: str) -> ET.Element:
    for node in root.iter("g"):
        if node.get("class", "").split() == css.split():
            return node
    raise LookupError(css)


# --- bars -----------------------------------------------------------------------------------------

def bar_chart(chart_id: str, title: str, unit: str, labels: list[str], values: list[int | None], *,
              suppressed_label: str = "[c]") -> Markup:
    """A horizontal bar chart, one bar per label in the order given (first at the top).

    A value of None is a figure suppressed for disclosure control: no bar, and `suppressed_label`
    where the value would be printed.
    """
    if len(labels) != len(values):
        raise ValueError("labels and values differ in length")
    lines = [_wrap(label) for label in labels]
    slot = max(36, max((len(ls) for ls in lines), default=1) * LINE_HEIGHT + 12)
    top = max((v for v in values if v is not None), default=0)
    chart = pygal.HorizontalBar(
        **_common(chart_id, title), height=44 + slot * max(len(labels), 1) + 36,
        # the values are printed on the bars, so no value axis (pygal calls it x once transposed)
        show_legend=False, show_x_labels=False, show_x_guides=False, show_y_guides=False,
        print_values_position="top", margin_right=16 + int(0.6 * FONT_SIZE * (len(f"{top:,}") + 1)),
        range=(0, max(top, 1)), allow_interruptions=True,
    )
    # pygal draws the first category at the bottom: hand them over reversed so the first is on top.
    # Each label is given as its longest line so pygal sizes the margin for the wrapped label.
    order = list(range(len(labels)))[::-1]
    chart.x_labels = [max(lines[i], key=len) for i in order]
    chart.add(unit, [values[i] for i in order])

    def post(root: ET.Element) -> ET.Element:
        # category labels, wrapped: the axis holds one <text> per category in pygal's order
        axis = next((g for g in root.iter("g") if g.get("class", "").split()[:2] == ["axis", "y"]), None)
        texts = [] if axis is None else [t for g in axis.findall("g") for t in g.findall("text")]
        for position, node in zip(order, texts):
            label_lines = lines[position]
            node.text = None
            y = float(node.get("y"))
            for n, line in enumerate(label_lines):
                span = ET.SubElement(node, "tspan", x=node.get("x"),
                                     y=_fmt(y + (n - (len(label_lines) - 1) / 2) * LINE_HEIGHT))
                span.text = line
        # values: printed just past the end of each bar, left-aligned
        overlay = _group(root, "plot text-overlay")
        series = overlay.find("g") if overlay.find("g") is not None else ET.SubElement(overlay, "g")
        for node in series.findall("text"):
            node.set("x", _fmt(float(node.get("x")) - FONT_SIZE / 2 + 6))
            node.set("text-anchor", "start")
        zero = chart.view.y(0)
        plot = _group(root, "plot")
        ET.SubElement(plot, "path", {"d": f"M{_fmt(zero)} 0 v{_fmt(chart.view.height)}",
                                     "class": "axis baseline", "stroke": TEXT, "stroke-width": "1"})
        for index, position in enumerate(order):
            if values[position] is None:
                centre = chart.view.x(chart._x_pos[index])
                _text(series, zero + 6, centre + FONT_SIZE / 3, suppressed_label, "value suppressed",
                      **{"text-anchor": "start"})
        # keep the printed values in the reading order of the bars (top to bottom)
        ordered = sorted(series.findall("text"), key=lambda t: float(t.get("y")))
        for node in ordered:
            series.remove(node)
            series.append(node)
        return root

    figures = "; ".join(f"{label}: {_describe(value, suppressed_label)}"
                        for label, value in zip(labels, values))
    desc = f"Counting unit: {unit}. Horizontal bar chart. {figures}."
    return _render(chart, chart_id, title, desc, post)


def _describe(value: int | None, suppressed_label: str) -> str:
    return f"{suppressed_label} (suppressed)" if value is None else f"{value:,}"


# --- lines ----------------------------------------------------------------------------------------

def line_chart(chart_id: str, title: str, unit: str, periods: list[str],
               series: dict[str, Sequence[int | None]]) -> Markup:
    """A trend line per series across `periods`; None is a gap in the line (no point, no value)."""
    for name, values in series.items():
        if len(values) != len(periods):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(periods)} periods")
    many = len(periods) > 3  # more period labels than fit side by side: slant them
    widest = max((len(p) for p in periods), default=1)
    common = _common(chart_id, title)
    common["css"].append("inline:" + "".join(  # each series' printed values in its own colour (>= 4.5:1)
        f"#chart-{chart_id} .text-overlay .color-{n} text.value {{ fill: {PALETTE[n % len(PALETTE)]}; }}"
        for n in range(len(series))))
    chart = pygal.Line(
        **common, height=300 + (int(0.42 * FONT_SIZE * widest) if many else 0)
        + LINE_HEIGHT * len(series),
        show_legend=True, legend_at_bottom=True, legend_at_bottom_columns=1, legend_box_size=28,
        allow_interruptions=True, show_x_guides=False, show_y_guides=True, x_label_rotation=45 if many else 0,
        print_values_position="top", dots_size=4, include_x_axis=True, max_scale=6, min_scale=3,
        margin_right=16 + (int(0.46 * FONT_SIZE * widest) if many else 14 + int(0.3 * FONT_SIZE * widest)),
    )
    chart.x_labels = list(periods)
    for index, (name, values) in enumerate(series.items()):
        chart.add(name, list(values), stroke_style={"width": 3, "dasharray": DASHES[index % len(DASHES)]})

    def post(root: ET.Element) -> ET.Element:
        # legend swatches: a short stretch of the series' own line (colour and dash), not a square
        for legend in root.iter("g"):
            if "legend" not in legend.get("class", "").split():
                continue
            index = int(legend.get("id").rsplit("-", 1)[1])
            swatch = legend.find("rect")
            y = float(swatch.get("y")) + float(swatch.get("height")) / 2
            legend.remove(swatch)
            legend.insert(0, ET.Element("path", {
                "d": f"M0 {_fmt(y)} h28", "fill": "none", "stroke": PALETTE[index % len(PALETTE)],
                "stroke-width": "3", "class": "legend-line",
                **({"stroke-dasharray": DASHES[index % len(DASHES)]} if DASHES[index % len(DASHES)] else {}),
            }))
        # printed values, centred on their points and in their series' colour: above the highest
        # point of each period, below the others, pushed apart so that no two overlap
        dots = _group(root, "plot overlay").findall("g")
        texts = _group(root, "plot text-overlay").findall("g")
        at: dict[str, list[tuple[float, ET.Element]]] = {}
        for dot_series, text_series in zip(dots, texts):
            circles = [c for g in dot_series.findall("g") for c in g.findall("circle")]
            for circle, node in zip(circles, text_series.findall("text")):
                node.set("x", circle.get("cx"))
                node.set("text-anchor", "middle")
                at.setdefault(circle.get("cx"), []).append((float(circle.get("cy")), node))
        for points in at.values():
            points.sort(key=lambda point: point[0])
            floor = float("-inf")
            for n, (cy, node) in enumerate(points):
                y = max(cy - 9 if n == 0 else cy + FONT_SIZE + 5, floor)
                node.set("y", _fmt(y))
                floor = y + FONT_SIZE + 2
        return root

    figures = " ".join(
        f"{name}: " + "; ".join(f"{p} {_describe_gap(v)}" for p, v in zip(periods, values)) + "."
        for name, values in series.items())
    desc = f"Counting unit: {unit}. Line chart across {len(periods)} periods. {figures}"
    return _render(chart, chart_id, title, desc, post)


def _describe_gap(value: int | None) -> str:
    return "no figure" if value is None else f"{value:,}"


# --- colour contrast (WCAG 2.2 relative luminance) -------------------------------------------------

def contrast_ratio(colour: str, background: str = "#ffffff") -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lighter, darker = sorted((luminance(colour), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
