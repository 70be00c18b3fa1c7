"""The pain chart: the same points in the terminal and in the SVG, nothing run, nothing fetched."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from backpain_cli.history.changes import PainPoint
from backpain_cli.render.chart import pain_chart_svg, print_pain_chart
from backpain_cli.render.rich_summary import make_console
from tests.helpers import texts

POINTS = (
    PainPoint(dt.date(2026, 11, 5), 6, "routine"),
    PainPoint(dt.date(2026, 11, 12), None, "routine"),
    PainPoint(dt.date(2026, 11, 19), 8, "soon"),
)


def test_the_terminal_chart_has_a_line_per_check_in_with_score_and_urgency() -> None:
    console = make_console(width=80)
    with console.capture() as captured:
        print_pain_chart(POINTS, texts(), console)
    lines = captured.get().splitlines()
    assert len(lines) == 4 and "5 Nov 2026" in lines[1] and " 6 " in lines[1] and "routine" in lines[1]
    assert "(no score)" in lines[2] and "soon" in lines[3] and lines[3].count("█") == 16


def test_the_svg_is_well_formed_static_and_labelled() -> None:
    svg = pain_chart_svg(POINTS, texts())
    root = ET.fromstring(svg)  # well-formed XML
    tags = {el.tag.split("}")[1] for el in root.iter()}
    assert tags <= {"svg", "title", "rect", "text", "polyline", "circle"}  # no script, image or link
    assert "href" not in svg and "<script" not in svg
    labels = [el.text for el in root.iter() if el.tag.endswith("text")]
    assert "5 Nov" in labels and "19 Nov" in labels and "soon" in labels  # one date style (texts.short_day)
    assert len([el for el in root.iter() if el.tag.endswith("circle")]) == 2  # no dot for no score


def test_one_point_and_no_points() -> None:
    assert pain_chart_svg((), texts()) == ""
    ET.fromstring(pain_chart_svg(POINTS[:1], texts()))
