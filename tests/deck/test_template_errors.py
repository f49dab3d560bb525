"""A brand template that cannot take the deck is a diagnostic at the line that named or mapped it, exit 1."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from pptx import Presentation

from tests.conftest import REPO, run_cli
from tests.deck.projects import brand_project, brand_theme, build_project
from tests.deck.templates import powerpoint_names

DATA = REPO / "data" / "ceop-2007-08.yaml"
TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PRESENTATION_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr


def test_a_file_that_is_not_a_pptx(tmp_path: Path) -> None:
    fake = tmp_path / "brand.pptx"
    fake.write_text("not a presentation", encoding="utf-8")
    done = run_cli("build", DATA, "--out", tmp_path / "out", "--deck-template", fake)
    assert done.returncode == 1
    assert re.search(r"^--deck-template:1:1: error: deck template '.*brand\.pptx' is not a PowerPoint presentation "
                     r"or template \(\.pptx, \.potx\): it is not a zip package", done.stderr, re.M), done.stderr
    assert "hint: save it from PowerPoint as a PowerPoint template (.potx)" in done.stderr
    assert not (tmp_path / "out" / "ceop-2007-08.pptx").exists()
    no_traceback(done.stderr)


def test_a_damaged_pptx(tmp_path: Path) -> None:
    good = powerpoint_names(tmp_path / "good.pptx")
    damaged = tmp_path / "damaged.pptx"
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(damaged, "w") as new:
        for name in old.namelist():
            new.writestr(name, b"<p:presentation" if name == "ppt/presentation.xml" else old.read(name))
    done = run_cli("check", DATA, "--deck-template", damaged)
    assert done.returncode == 1
    assert re.search(r"^--deck-template:1:1: error: deck template '.*damaged\.pptx' is not a PowerPoint "
                     r"presentation or template \(\.pptx, \.potx\): it is damaged", done.stderr, re.M), done.stderr
    no_traceback(done.stderr)


def test_a_macro_enabled_file_is_refused(tmp_path: Path) -> None:
    good = powerpoint_names(tmp_path / "good.pptx")
    macros = tmp_path / "brand.pptm"
    _retyped(good, macros, b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml")
    done = run_cli("check", DATA, "--deck-template", macros)
    assert done.returncode == 1
    assert "is a presentation with macros (.pptm or .potm)" in done.stderr, done.stderr


def test_a_potx_template_is_taken(tmp_path: Path) -> None:
    potx = tmp_path / "brand.potx"
    _retyped(powerpoint_names(tmp_path / "brand.pptx"), potx, TEMPLATE_MAIN)
    done = run_cli("build", DATA, "--out", tmp_path / "out", "--deck-template", potx)
    assert done.returncode == 0, done.stderr
    deck = tmp_path / "out" / "ceop-2007-08.pptx"
    with zipfile.ZipFile(deck) as archive:
        assert PRESENTATION_MAIN in archive.read("[Content_Types].xml")  # the deck is a presentation, not a template
    assert Presentation(str(deck)).slides[0].slide_layout.name == "Title Slide"


def _retyped(source: Path, target: Path, main: bytes) -> None:
    """A copy of a .pptx whose main part is declared of another type."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            blob = old.read(name)
            new.writestr(name, blob.replace(PRESENTATION_MAIN, main) if name == "[Content_Types].xml" else blob)


def test_a_kind_mapped_to_a_layout_the_template_lacks(tmp_path: Path) -> None:
    project = brand_project(tmp_path)
    powerpoint_names(project / "layouts" / "themes" / "harbour" / "brand.pptx")
    theme = brand_theme(project, "deck_template: brand.pptx\ndeck_layouts:\n  chart: [Chart Slide, Big Chart]\n")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "data.pptx").write_bytes(b"previous deck")
    done = build_project(project, tmp_path / "out")
    assert done.returncode == 1
    line = theme.read_text(encoding="utf-8").splitlines().index("  chart: [Chart Slide, Big Chart]") + 1
    assert re.search(rf"^.*harbour/theme\.yaml:{line}:\d+: error: deck template .*brand\.pptx has no slide layout "
                     r"named 'Chart Slide' nor 'Big Chart' for slide kind 'chart'$", done.stderr, re.M), done.stderr
    assert "hint: its layouts: 'Title Slide', 'Title and Content'" in done.stderr
    assert (tmp_path / "out" / "data.pptx").read_bytes() == b"previous deck"  # nothing silently falls back
    no_traceback(done.stderr)


def test_a_layout_without_the_placeholder_a_slide_needs(tmp_path: Path) -> None:
    project = brand_project(tmp_path)
    powerpoint_names(project / "layouts" / "themes" / "harbour" / "brand.pptx")
    theme = brand_theme(project, "deck_template: brand.pptx\ndeck_layouts:\n  chart: Title Only\n  closing: Blank\n")
    done = build_project(project, tmp_path / "out", command="check")
    assert done.returncode == 1
    lines = theme.read_text(encoding="utf-8").splitlines()
    chart, closing = lines.index("  chart: Title Only") + 1, lines.index("  closing: Blank") + 1
    assert re.search(rf"theme\.yaml:{chart}:\d+: error: slide layout 'Title Only' of deck template .*brand\.pptx has "
                     r"no content placeholder for a chart for slide 'chart' \(kind 'chart'\)$", done.stderr, re.M), (
        done.stderr)
    assert re.search(rf"theme\.yaml:{closing}:\d+: error: slide layout 'Blank' of deck template .*brand\.pptx has "
                     r"no title placeholder for slide 'closing'", done.stderr, re.M), done.stderr
    assert "hint: map 'chart' in the theme's deck_layouts to a layout that has one" in done.stderr
    no_traceback(done.stderr)


def test_a_theme_template_outside_the_project(tmp_path: Path) -> None:
    project = brand_project(tmp_path)
    outside = powerpoint_names(tmp_path / "elsewhere.pptx")
    theme = brand_theme(project, f"deck_template: {outside}\n")
    done = build_project(project, tmp_path / "out", command="check")
    assert done.returncode == 1
    line = theme.read_text(encoding="utf-8").splitlines().index(f"deck_template: {outside}") + 1
    assert re.search(rf"theme\.yaml:{line}:\d+: error: deck template '.*elsewhere\.pptx' is outside the project$",
                     done.stderr, re.M), done.stderr
    assert "--allow-outside" in done.stderr


def test_a_kind_the_theme_does_not_map(tmp_path: Path) -> None:
    project = brand_project(tmp_path)
    layout = project / "layouts" / "deck.yaml"
    layout.write_text(layout.read_text(encoding="utf-8").replace("slide_layout: quote", "slide_layout: statement"),
                      encoding="utf-8")
    powerpoint_names(project / "layouts" / "themes" / "harbour" / "brand.pptx")
    brand_theme(project, "deck_template: brand.pptx\n")
    done = build_project(project, tmp_path / "out", command="check")
    assert done.returncode == 1
    line = layout.read_text(encoding="utf-8").splitlines().index("    slide_layout: statement") + 1
    assert re.search(rf"deck\.yaml:{line}:\d+: error: the theme maps slide kind 'statement' to no slide layout of "
                     r"deck template .*brand\.pptx$", done.stderr, re.M), done.stderr
    assert "hint: add `deck_layouts: {statement: NAME}` to the theme" in done.stderr
