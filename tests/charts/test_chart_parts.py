"""Parts of a whole as a proportion: the thin proportion bar and the waffle, in both outputs and the layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu, Pt

from generator.charts import parts, style
from generator.charts.deck import add_chart
from generator.charts.record import record
from generator.layout.chartspec import natural_height

from .conftest import PALETTE, sample_spec, series

WIDTH, HEIGHT = 360.0, 240.0
FOCUS, OTHER = "#C8553D", "#B8C2CC"


def split(kind: str, **overrides: object):
    """10 of 25 offenders located after appearing on a website; the other 15 derived by subtraction."""
    fields = dict(categories=("After appearing on the website", "Through other work"),
                  series=(series("Offenders located", [10, 15], ["10", "15*"], [False, True]),),
                  highlight="After appearing on the website", highlight_colour=FOCUS, muted_colour=OTHER,
                  title="How the 25 offenders were located", derived_note="* Derived by subtraction: 25 − 10 = 15")
    fields.update(overrides)
    return sample_spec(kind, **fields)  # type: ignore[arg-type]


def rects(ops: list[dict]) -> list[dict]:
    """Filled four-cornered paths: bars, segments, squares and keys."""
    return [op for op in ops if op["op"] == "path" and op["fill"] and len([s for s in op["d"] if s[0] == "L"]) >= 3]


def extent(op: dict) -> tuple[float, float, float, float]:
    xs = [s[1] for s in op["d"] if len(s) > 2]
    ys = [s[2] for s in op["d"] if len(s) > 2]
    return min(xs), min(ys), max(xs), max(ys)


def test_proportion_is_one_thin_bar_split_in_proportion() -> None:
    ops = record(split("proportion"), WIDTH, HEIGHT)
    focus, rest = (op for op in rects(ops) if extent(op)[2] - extent(op)[0] > 20)  # not the caption's swatch
    fx0, fy0, fx1, fy1 = extent(focus)
    rx0, _, rx1, _ = extent(rest)
    assert fx0 == pytest.approx(0.0) and rx1 == pytest.approx(WIDTH, abs=0.5)  # the bar spans the box (an outline inset)
    assert (fx1 - fx0) / (rx1 - fx0) == pytest.approx(10 / 25, abs=0.01)
    assert fy1 - fy0 == pytest.approx(9.0 * parts.BAR_SCALE)  # a line, not a block
    assert rest["stroke"] == OTHER and focus["stroke"] is None  # the derived rest: a tint inside an outline
    words = [op["text"] for op in ops if op["op"] == "text"]
    assert {"10", "15*", "How the 25 offenders were located"} <= set(words)
    assert any("Through other work" in w for w in words)


def test_proportion_labels_hang_under_their_segments_when_they_fit() -> None:
    ops = record(split("proportion"), WIDTH, HEIGHT)
    texts = {op["text"]: op for op in ops if op["op"] == "text"}
    assert texts["10"]["x"] == pytest.approx(0.0)
    assert texts["15*"]["x"] == pytest.approx(WIDTH * 10 / 25)
    assert texts["10"]["y"] < min(extent(op)[1] for op in rects(ops) if op["fill"] == FOCUS)


def test_proportion_labels_become_a_keyed_list_when_a_segment_is_too_narrow() -> None:
    rows = (series("Children", [18, 113], ["18", "113*"], [False, True]),)
    spec = split("proportion", series=rows, categories=("Identified through image examination", "Other"),
                 highlight="Identified through image examination")
    ops = record(spec, 200, 200)
    size = parts.key_size(spec)
    keys = [op for op in rects(ops) if abs(extent(op)[2] - extent(op)[0] - size) < 1.0]
    assert [k["fill"] for k in keys][:2] == [FOCUS, style.derived_fill(OTHER)]  # keys drawn like their parts


def test_waffle_draws_one_square_per_unit_in_order() -> None:
    ops = record(split("waffle", derived_note=None, title=""), WIDTH, HEIGHT)
    squares = [op for op in rects(ops) if extent(op)[2] - extent(op)[0] > parts.key_size(split("waffle")) + 1]
    assert len(squares) == 25
    ordered = sorted(squares, key=lambda op: (-round(extent(op)[3]), extent(op)[0]))  # rows top down, left to right
    assert [op["fill"] for op in ordered[:10]] == [FOCUS] * 10
    assert all(op["fill"] == style.derived_fill(OTHER) and op["stroke"] == OTHER for op in ordered[10:])


def test_waffle_in_the_deck_is_an_accessible_group_of_squares(tmp_path: Path) -> None:
    spec = split("waffle", alt_text="Waffle chart: 10 of 25 offenders were located after appearing on the website.")
    prs = Presentation()
    add_chart(prs.slides.add_slide(prs.slide_layouts[6]).shapes, spec, 0, 0, Emu(Pt(400)), Emu(Pt(200)))
    prs.save(str(tmp_path / "w.pptx"))
    (group,) = [s for s in Presentation(str(tmp_path / "w.pptx")).slides[0].shapes
                if s.shape_type == MSO_SHAPE_TYPE.GROUP]
    assert group._element.nvGrpSpPr.cNvPr.get("descr") == spec.alt_text
    shapes = list(group.shapes)
    squares = [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    decorative = [s for s in squares if s._element.xpath(".//*[local-name()='decorative']")]
    assert len(squares) == len(decorative) == 25 + 2  # a square per unit and a key per part
    fills = [str(s.fill.fore_color.rgb) for s in squares[:25]]
    assert fills == [FOCUS.lstrip("#")] * 10 + [style.derived_fill(OTHER).lstrip("#")] * 15
    words = " ".join(s.text_frame.text for s in shapes if s.has_text_frame)
    assert "10 After appearing on the website" in words and "15* Through other work" in words
    assert spec.title in words


def test_compact_kinds_take_their_natural_height() -> None:
    for kind in ("proportion", "waffle"):
        spec = split(kind)
        need = natural_height(spec, WIDTH)
        assert need is not None and 40 < need < WIDTH * 0.45, (kind, need)
        drawn = record(spec, WIDTH, need)
        lowest_label = min(op["y"] for op in drawn if op["op"] == "text" and not op["text"].startswith("*"))
        note = next(op for op in drawn if op["op"] == "text" and op["text"].startswith("*"))
        assert lowest_label > note["y"]  # the content clears the caption at its natural height
    assert natural_height(sample_spec("column"), WIDTH) is None
