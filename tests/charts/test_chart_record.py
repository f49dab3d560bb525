"""The recorded display list: what is drawn, in which fonts and colours, and where."""

from __future__ import annotations

import json

import pytest

from generator.charts import style
from generator.charts.displaylist import DisplayList
from generator.charts.record import record
from generator.charts.spec import ChartSpec

from .conftest import FONTS, GRID, PALETTE, TEXT, sample_spec, series

WIDTH, HEIGHT = 360.0, 240.0


def texts(ops: DisplayList) -> list[dict]:
    """Text ops only."""
    return [op for op in ops if op["op"] == "text"]


def paths(ops: DisplayList) -> list[dict]:
    """Path ops only."""
    return [op for op in ops if op["op"] == "path"]


def points(op: dict) -> list[tuple[float, float]]:
    """All coordinates of a path op."""
    return [(seg[i], seg[i + 1]) for seg in op["d"] for i in range(1, len(seg) - 1, 2)]


def test_json_serialisable_and_stable(any_spec: ChartSpec) -> None:
    ops = record(any_spec, WIDTH, HEIGHT)
    assert ops == json.loads(json.dumps(ops))
    assert ops == record(any_spec, WIDTH, HEIGHT)
    assert {op["op"] for op in ops} == {"path", "text"}


def test_text_uses_only_the_spec_fonts(any_spec: ChartSpec) -> None:
    fonts = {op["font"] for op in texts(record(any_spec, WIDTH, HEIGHT))}
    assert fonts == {FONTS.regular, FONTS.bold}
    for op in texts(record(any_spec, WIDTH, HEIGHT)):
        assert op["colour"] in (TEXT, style.WHITE, style.note_colour(any_spec))


def test_everything_inside_the_box(any_spec: ChartSpec) -> None:
    ops = record(any_spec, WIDTH, HEIGHT)
    for op in paths(ops):
        for x, y in points(op):
            if op["clip"] is None:
                assert -1.0 <= x <= WIDTH + 1.0 and -1.0 <= y <= HEIGHT + 1.0, (x, y)
    for op in texts(ops):
        assert 0.0 <= op["x"] <= WIDTH and 0.0 <= op["y"] <= HEIGHT, op


def test_data_labels_are_the_series_strings(any_spec: ChartSpec) -> None:
    drawn = [op["text"] for op in texts(record(any_spec, WIDTH, HEIGHT)) if op["font"] == FONTS.bold]
    for series in style.chart_series(any_spec):
        for label in series.labels:
            assert label in drawn
    assert "99" not in drawn  # "c. 99" is never re-formatted from the value


def test_no_data_labels_when_switched_off() -> None:
    spec = sample_spec("column", data_labels=False, title="")
    drawn = [op["text"] for op in texts(record(spec, WIDTH, HEIGHT))]
    assert "297" not in drawn and "about 25" not in drawn
    assert "Arrests" in drawn


def test_title_bold_top_left_only_when_set() -> None:
    ops = record(sample_spec("column"), WIDTH, HEIGHT)
    (title,) = [op for op in texts(ops) if op["text"] == "Sample column"]
    assert title["font"] == FONTS.bold and title["align"] == "left"
    assert title["x"] == 0.0 and title["y"] > HEIGHT - 2 * title["size"]
    assert max(op["y"] for op in texts(ops)) == title["y"]
    untitled = record(sample_spec("column", title=""), WIDTH, HEIGHT)
    assert not [op for op in texts(untitled) if "Sample" in op["text"]]


@pytest.mark.parametrize("kind", ["column", "bar", "stacked_column", "donut"])
def test_derived_mark_is_a_tint_inside_an_outline_never_hatched(kind: str) -> None:
    ops = paths(record(sample_spec(kind), WIDTH, HEIGHT))
    assert not [op for op in ops if op["hatch"]]
    derived = [op for op in ops if op["fill"] in {style.derived_fill(c) for c in PALETTE}]
    assert len(derived) == 2  # the derived mark and the caption's swatch, drawn alike
    for op in derived:
        assert op["fill"] == style.derived_fill(op["stroke"]) and op["stroke"] in PALETTE
        assert op["width"] == style.DERIVED_OUTLINE_WIDTH and not op["dash"]
    published = [op for op in ops if op["fill"] == PALETTE[0]]
    assert published


def test_derived_series_has_legend_keys_styled_like_it() -> None:
    """A series all of whose values are derived has a tint-and-outline key; a published one a solid key."""
    rows = (series("Estimated", [10, 20], ["c. 10*", "c. 20*"], [True, True]), series("Counted", [5, 9], ["5", "9"]))
    spec = sample_spec("column", categories=("North", "South"), series=rows, legend="bottom", derived_note=None)
    ops = paths(record(spec, WIDTH, HEIGHT))
    tint = style.derived_fill(PALETTE[0])
    assert len([op for op in ops if op["fill"] == tint and op["stroke"] == PALETTE[0]]) == 3  # two bars, one key
    assert len([op for op in ops if op["fill"] == PALETTE[1] and not op["stroke"]]) == 3


def test_derived_line_point_is_hollow_with_dashed_segments() -> None:
    ops = paths(record(sample_spec("line", legend="none", derived_note=None), WIDTH, HEIGHT))
    dashed = [op for op in ops if op["stroke"] == PALETTE[0] and op["dash"] and op["width"] == style.LINE_WIDTH]
    assert len(dashed) == 2  # both segments touching the derived middle point
    hollow = [op for op in ops if op["fill"] == style.WHITE and op["stroke"] == PALETTE[0]]
    assert len(hollow) == 1


def test_derived_note_is_a_small_caption() -> None:
    ops = texts(record(sample_spec("column"), WIDTH, HEIGHT))
    (note,) = [op for op in ops if op["text"] == "* Derived from the release"]
    assert note["size"] < 9.0 and note["y"] < min(op["y"] for op in ops if op is not note)


def test_gridlines_light_and_behind_data() -> None:
    ops = paths(record(sample_spec("column"), WIDTH, HEIGHT))
    grid = [i for i, op in enumerate(ops) if op["stroke"] == GRID]
    bars = [i for i, op in enumerate(ops) if op["fill"] == PALETTE[0]]
    assert len(grid) >= 3 and bars
    assert max(grid) < min(bars)


def test_no_axes_box() -> None:
    # No top/right spines: no stroke spans the full plot width along its top edge.
    ops = paths(record(sample_spec("column", title="", derived_note=None), WIDTH, HEIGHT))
    strokes = [op for op in ops if op["stroke"] and op["stroke"] not in (GRID,)]
    horizontal = [op for op in strokes if len({round(y, 1) for _, y in points(op)}) == 1]
    # The only non-grid horizontal line is the zero baseline at the bottom.
    assert len(horizontal) == 1
    assert horizontal[0]["stroke"] == style.axis_colour(sample_spec("column"))


def test_highlight_colours_one_category() -> None:
    spec = sample_spec("bar", highlight="Arrests", highlight_colour="#C8553D", muted_colour="#B8C2CC", derived_note=None)
    fills = [op["fill"] for op in paths(record(spec, WIDTH, HEIGHT))
             if op["fill"] in ("#C8553D", "#B8C2CC", style.derived_fill("#B8C2CC"))]
    assert fills == ["#C8553D", "#B8C2CC", style.derived_fill("#B8C2CC")]  # the derived third bar in its tint


def test_bar_categories_read_top_to_bottom() -> None:
    spec = sample_spec("bar", title="", derived_note=None)
    ops = texts(record(spec, WIDTH, HEIGHT))
    ys = [next(op["y"] for op in ops if c.startswith(op["text"])) for c in spec.categories]
    assert ys == sorted(ys, reverse=True)


def test_legend_per_spec_position() -> None:
    top = texts(record(sample_spec("stacked_column", legend="top"), WIDTH, HEIGHT))
    bottom = texts(record(sample_spec("stacked_column", legend="bottom"), WIDTH, HEIGHT))
    right = texts(record(sample_spec("stacked_column", legend="right"), WIDTH, HEIGHT))
    none = texts(record(sample_spec("stacked_column", legend="none"), WIDTH, HEIGHT))

    def at(ops: list[dict], name: str) -> dict:
        return next(op for op in ops if op["text"] == name)

    category_y = at(top, "2005/06")["y"]
    assert at(top, "Arrests")["y"] > category_y
    assert at(bottom, "Arrests")["y"] < at(bottom, "2005/06")["y"]
    assert at(right, "Arrests")["x"] > WIDTH * 0.6
    assert not [op for op in none if op["text"] == "Referrals"]


def test_donut_has_a_hole() -> None:
    ops = paths(record(sample_spec("donut", derived_note=None), WIDTH, HEIGHT))
    wedges = [op for op in ops if op["fill"] in PALETTE[:2]]
    xs = [x for op in wedges for x, _ in points(op)]
    ys = [y for op in wedges for _, y in points(op)]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    radius = (max(xs) - min(xs)) / 2
    inner = min(((x - cx) ** 2 + (y - cy) ** 2) ** 0.5 for op in wedges for x, y in points(op))
    assert inner == pytest.approx(radius * style.DONUT_HOLE, rel=0.05)


def test_dollar_signs_are_not_mathtext() -> None:
    spec = sample_spec("column", categories=("$5 fund", "$10 fund", "Other"), title="", derived_note=None)
    drawn = [op["text"] for op in texts(record(spec, WIDTH, HEIGHT))]
    assert "$5 fund" in drawn and "$10 fund" in drawn


def test_recorder_refuses_images() -> None:
    from matplotlib.figure import Figure

    from generator.charts.backend import FontFiles, RecordingCanvas

    fig = Figure(figsize=(1, 1), dpi=72)
    canvas = RecordingCanvas(fig, FontFiles(FONTS.regular, FONTS.bold))
    fig.figimage([[0.0, 1.0], [1.0, 0.0]])
    with pytest.raises(NotImplementedError):
        canvas.record()


def test_line_labels_avoid_the_line() -> None:
    rising = (series("Arrests", [99, 297], ["c. 99", "297"], [True, False]),)
    spec = sample_spec("line", categories=("2006/07", "2007/08"), series=rising, legend="none", derived_note=None)
    ops = record(spec, WIDTH, HEIGHT)
    label = {op["text"]: op["y"] for op in texts(ops)}
    markers = sorted(
        (sum(y for _, y in points(op)) / len(points(op)), op["fill"])
        for op in paths(ops)
        if op["fill"] in (style.WHITE, PALETTE[0]) and op["stroke"] is not None and len(op["d"]) > 4
    )
    (low_y, _), (high_y, _) = markers
    assert label["c. 99"] < low_y  # foot of the rise: under the point
    assert label["297"] > high_y  # top: above the point


def test_published_line_under_the_title_in_the_text_face() -> None:
    spec = sample_spec("column", subtitle="5,812 reports received, a 76% increase on the monthly average")
    ops = texts(record(spec, WIDTH, HEIGHT))
    (title,) = [op for op in ops if op["text"] == "Sample column"]
    (line,) = [op for op in ops if op["text"].startswith("5,812 reports received")]
    assert line["font"] == FONTS.regular and line["size"] == 9.0 and line["x"] == 0.0
    assert title["y"] - 2 * title["size"] < line["y"] < title["y"]
    assert max(op["y"] for op in ops if op not in (title, line)) < line["y"]  # everything else below it
