"""Sample chart specs shared by the chart tests: one per kind, with derived values."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.charts.spec import ChartFonts, ChartKind, ChartSeries, ChartSpec

REPO = Path(__file__).resolve().parents[2]
FONT_DIR = REPO / "layouts" / "themes" / "default" / "fonts"
FONTS = ChartFonts(
    regular=str(FONT_DIR / "Carlito-Regular.ttf"),
    bold=str(FONT_DIR / "Carlito-Bold.ttf"),
    deck_family="Calibri",
)
PALETTE = ("#0B3C5D", "#1D7874", "#F2A541", "#C8553D", "#6C8EAD")
TEXT = "#1F2A36"
GRID = "#D9DEE4"
KINDS: tuple[ChartKind, ...] = ("column", "bar", "stacked_column", "stacked_bar", "line", "donut", "pie", "proportion",
                                "waffle")
NATIVE_KINDS = tuple(k for k in KINDS if k != "waffle")  # a native chart in the deck (a waffle is shapes)


def series(name: str, values: list[float], labels: list[str], derived: list[bool] | None = None) -> ChartSeries:
    """A series with explicit label strings (never formatted by the code under test)."""
    return ChartSeries(name, tuple(values), tuple(labels), tuple(derived or [False] * len(values)))


def sample_spec(kind: ChartKind, **overrides: object) -> ChartSpec:
    """A small, realistic spec of `kind`; labels deliberately differ from the format."""
    if kind in ("proportion", "waffle"):
        fields: dict[str, object] = dict(
            categories=("Public", "Industry", "Police"),
            series=(series("Reports", [12, 7, 6], ["12", "7", "c. 6"], [False, False, True]),),
            number_format="#,##0",
        )
    elif kind in ("donut", "pie"):
        fields = dict(
            categories=("Public", "Industry", "Police"),
            series=(series("Share", [0.5, 0.3, 0.2], ["50%", "30%", "c. 20%"], [False, False, True]),),
            number_format="0%",
        )
    elif kind in ("stacked_column", "stacked_bar", "line"):
        fields = dict(
            categories=("2005/06", "2006/07", "2007/08"),
            series=(
                series("Arrests", [120, 99, 297], ["120", "c. 99", "297"], [False, True, False]),
                series("Referrals", [60, 80, 150], ["60", "80", "150"]),
            ),
            number_format="#,##0",
            legend="top",
        )
    else:
        fields = dict(
            categories=("Arrests", "Children safeguarded", "Offenders located"),
            series=(series("2007/08", [297, 131, 25], ["297", "131", "about 25"], [False, False, True]),),
            number_format="#,##0",
        )
    fields.update(
        kind=kind,
        title=f"Sample {kind.replace('_', ' ')}",
        palette=PALETTE,
        text_colour=TEXT,
        grid_colour=GRID,
        fonts=FONTS,
        font_size=9.0,
        derived_note="* Derived from the release",
        alt_text=f"Alt text for the {kind} sample.",
    )
    fields.update(overrides)
    return ChartSpec(**fields)  # type: ignore[arg-type]


@pytest.fixture(params=KINDS)
def any_spec(request: pytest.FixtureRequest) -> ChartSpec:
    """Each chart kind in turn."""
    return sample_spec(request.param)


@pytest.fixture
def make_spec() -> object:
    """The sample_spec factory, for tests that need a particular kind or overrides."""
    return sample_spec


@pytest.fixture(scope="session")
def chart_fonts() -> ChartFonts:
    """The Carlito TTFs shipped with the theme."""
    return FONTS


# ---- every shipped and fictional report, laid out with both shipped layouts ---------------

REPORTS = (REPO / "data" / "ceop-2007-08.yaml", *sorted((REPO / "tests" / "fixtures" / "orgs").glob("*.yaml")))


def laid_out(data: Path) -> tuple[object, object, object]:
    """(report, PDF document, deck document) for one data file, as a build lays them out (nothing rendered)."""
    from generator import pipeline
    from generator.diagnostics import Collector
    from generator.layout.engine import lay_out
    from generator.model.load_report import load_with_spans

    problems = Collector()
    options = pipeline.Options()
    report, _spans = load_with_spans(data, problems, pipeline.boundary_for(data, options))
    pdf, deck = pipeline.layouts_for(options, report, data, problems)
    documents = [lay_out(report, layout, problems) for layout in (pdf, deck)]
    assert not problems.has_errors, [d.format() for d in problems.items]
    return report, documents[0], documents[1]


@pytest.fixture(scope="session")
def every_report() -> dict[str, tuple[object, object, object]]:
    """Each report (the CEOP example and every fictional organisation), laid out once per session."""
    return {path.stem: laid_out(path) for path in REPORTS}
