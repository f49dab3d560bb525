"""Build a ChartSpec from a data series, a chart block's options and the theme."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.charts.kinds import KINDS
from generator.charts.style import BAR_LABEL_SHARE
from generator.charts.spec import ChartFonts, ChartReference, ChartSeries, ChartSpec
from generator.layout import fonts
from generator.layoutfile.spec import ChartOptions
from generator.layout.theme import Theme
from generator.model.report import SeriesRow, SeriesView, Value

TICK_GAP = 8.0  # points kept between neighbouring tick labels


def chart_spec(series: SeriesView, options: ChartOptions, theme: Theme, font_size: float) -> ChartSpec:
    """Everything a backend needs to draw the chart, in one immutable spec."""
    categories, rows = _ordered(_as_parts(series) if KINDS[options.kind].whole else series, options.sort)
    family = theme.families.get("sans") or next(iter(theme.families.values()))
    spec = ChartSpec(
        kind=options.kind,
        title=options.title if options.title is not None else series.title,
        categories=categories,
        series=rows,
        number_format=options.number_format or series.number_format,
        locale=series.locale,
        palette=series_palette(theme),
        text_colour=theme.colour("ink"),
        grid_colour=theme.colours.get("rule", "#DDDDDD"),
        highlight=options.highlight,
        highlight_colour=focus_colour(theme),
        muted_colour=other_colour(theme),
        data_labels=options.data_labels,
        legend=options.legend,
        x_title=options.x_title,
        y_title=options.y_title,
        colour_by_category=KINDS[options.kind].round,
        fonts=ChartFonts(family.regular.path, family.bold.path, family.regular.deck_family),
        font_size=font_size,
        derived_note=_note(series),
        references=tuple(ChartReference(r.value.number, r.text) for r in series.references),
        subtitle=published_line(series),
    )
    from generator.charts.alt import describe

    # Described by its title even where the layout hides it (a slide's heading says it): alt text stands alone.
    alt = describe(spec.kind, spec.title or series.title, spec.categories, spec.series)
    lines = " ".join(f"Dashed line: {r.label}." for r in spec.references)
    published = f" {spec.subtitle}." if spec.subtitle else ""
    return _with_alt(spec, f"{alt}{published} {lines}" if lines else f"{alt}{published}")


def published_line(series: SeriesView) -> str | None:
    """The published figures behind the chart's derived values, as one line under its title (None when none)."""
    if not series.published:
        return None
    text = "; ".join(series.published)
    return text[:1].upper() + text[1:]


def focus_colour(theme: Theme) -> str | None:
    """The colour that means "this year, the focus" in every chart of a report: the theme's `highlight`."""
    return theme.colours.get("highlight")


def other_colour(theme: Theme) -> str | None:
    """The neutral that means "the others" beside the focus: the theme's `muted_chart` (else its `rule`)."""
    return theme.colours.get("muted_chart", theme.colours.get("rule"))


def series_palette(theme: Theme) -> tuple[str, ...]:
    """Colours for rows and parts that have no role, in the theme's order, leaving out the focus and neutral colours.

    So the highlight colour never stands for an ordinary series in one chart while it marks this
    year in the next: each colour keeps one meaning across the report.
    """
    taken = {c.upper() for c in (focus_colour(theme), other_colour(theme)) if c}
    kept = tuple(c for c in theme.palette if c.upper() not in taken)
    return kept or theme.palette or ("#333333",)


def deck_note(spec: ChartSpec) -> str | None:
    """The words set under a deck chart: its derived-value note, and any reference line it cannot draw.

    A native bar chart cannot carry a line series (PowerPoint combines lines only
    with column charts), so there the benchmark or target is stated in words.
    """
    words = [spec.derived_note] if spec.derived_note else []
    if KINDS[spec.kind].horizontal:
        words += [f"{r.label} (not drawn)." for r in spec.references]
    return " ".join(words) or None


def fit_ticks(spec: ChartSpec, width: float) -> ChartSpec:
    """The spec with as many value-axis ticks (up to 5) as fit side by side along a bar chart's width.

    Decided here, where the box is known, so the PDF and the deck draw the same scale.
    """
    if not KINDS[spec.kind].horizontal or KINDS[spec.kind].whole or spec.fonts is None:
        return spec
    from generator.charts.numfmt import format_number
    from generator.charts.scale import tick_format, value_scale
    from generator.layout.fonts import register

    font = register(Path(spec.fonts.regular), spec.fonts.deck_family, False, False)
    room = width * (1 - BAR_LABEL_SHARE)
    for count in range(spec.max_ticks, 1, -1):
        trial = replace(spec, max_ticks=count)
        scale = value_scale(trial)
        code = tick_format(trial, scale)
        ticks = scale.ticks()
        widest = max(fonts.width(format_number(t, code, spec.locale), font, spec.font_size) for t in ticks)
        if len(ticks) * (widest + TICK_GAP) <= room:
            return trial
    return replace(spec, max_ticks=2)


def natural_height(spec: ChartSpec, width: float) -> float | None:
    """The height a chart of a compact kind (a proportion bar, a waffle) needs at `width`; None for other kinds.

    Such a chart is as tall as its content, so the layout gives it this height rather than its whole box.
    """
    if not KINDS[spec.kind].compact or spec.fonts is None:
        return None
    from generator.charts.parts import natural_height as needed
    from generator.layout.fonts import register

    faces = {False: register(Path(spec.fonts.regular), spec.fonts.deck_family, False, False),
             True: register(Path(spec.fonts.bold), spec.fonts.deck_family, True, False)}
    return needed(spec, width, lambda text, scale, bold: fonts.width(text, faces[bold], spec.font_size * scale))


def _with_alt(spec: ChartSpec, alt: str) -> ChartSpec:
    return replace(spec, alt_text=alt)


def _note(series: SeriesView) -> str | None:
    """One line saying which values are derived and how."""
    notes = series.derived_notes
    return ("* " + "; ".join(notes)) if notes else None


def _as_parts(series: SeriesView) -> SeriesView:
    """A whole split into parts as one row, each category a part.

    Parts may be written as the rows of one category (each activity's volunteer days): those
    rows become the parts, and the category names the whole, as the row's name does otherwise.
    """
    if len(series.categories) != 1 or len(series.rows) < 2:
        return series
    row = SeriesRow(series.categories[0], tuple(r.values[0] for r in series.rows))
    return replace(series, categories=tuple(r.name for r in series.rows), rows=(row,))


def _ordered(series: SeriesView, sort: str) -> tuple[tuple[str, ...], tuple[ChartSeries, ...]]:
    """Categories and rows, sorted by the first row's values when asked."""
    order = list(range(len(series.categories)))
    if sort != "none" and series.rows:
        first = series.rows[0].values
        order.sort(key=lambda i: first[i].number, reverse=sort == "descending")
    rows = tuple(
        ChartSeries(row.name, tuple(row.values[i].as_shown for i in order),
                    tuple(label_of(row.values[i]) for i in order), tuple(row.values[i].derived for i in order),
                    tuple(row.values[i].note if row.values[i].derived else None for i in order))
        for row in series.rows)
    return tuple(series.categories[i] for i in order), rows


def label_of(value: Value) -> str:
    """A data label: the formatted value, starred when derived ("about 99" becomes "c. 99*" to stay short)."""
    if not value.derived:
        return value.text
    text = "c. " + value.text.removeprefix("about ") if value.approximate else value.text
    return text + "*"
