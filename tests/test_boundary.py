"""The project boundary: files named by a data file, layout or theme are read only inside the project.

Every case runs the real command line in a copy of the shipped project, under an
audit hook that logs each file the process opens (tests/hostile/audited.py), so
"never read" is checked on what the process did, not on what it printed.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest
from hostile.project import SECRET_MARK, Project, make_project, reads_outside, run_audited


LAYOUT_THEME = "theme: themes/default/theme.yaml"


@pytest.fixture()
def project(tmp_path: Path) -> Project:
    return make_project(tmp_path)


def refused(project: Project, run, path: Path, line: int, words: str) -> None:
    """The run failed with a diagnostic at `path:line` containing `words`, and read nothing outside."""
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    assert any(p.endswith(path.name) and ln == line for p, ln, _ in run.located()), run.stderr
    assert words in run.stderr, run.stderr
    assert SECRET_MARK not in run.stderr + run.stdout and "root:x:0:0" not in run.stderr + run.stdout
    assert reads_outside(run, project) == []
    assert not any(p.startswith(str(project.outside)) for p in run.reads)


def with_previous(project: Project, name: str) -> int:
    """Name `name` as last year's file in the project's data file; the line it is on."""
    return project.edit(project.data, "\nfigures:\n", f"\nprevious: {name!r}\nfigures:\n") + 1


@pytest.mark.parametrize("name", ["ABSOLUTE", "../../outside/secret.yaml", "/etc/passwd", "/etc/shadow",
                                  "../../../../../../../../../etc/passwd"])
def test_previous_outside_the_project_is_refused_unread(project: Project, name: str) -> None:
    name = str(project.outside / "secret.yaml") if name == "ABSOLUTE" else name
    line = with_previous(project, name)
    run = run_audited(project, "check", project.data)
    refused(project, run, project.data, line, "is outside the project")
    assert "--allow-outside" in run.stderr


def test_a_link_inside_the_project_to_a_file_outside_is_refused(project: Project) -> None:
    (project.data.parent / "last-year.yaml").symlink_to(project.outside / "secret.yaml")
    line = with_previous(project, "last-year.yaml")
    run = run_audited(project, "check", project.data)
    refused(project, run, project.data, line, "'last-year.yaml' is outside the project")


def test_allow_outside_admits_the_named_file(project: Project) -> None:
    with_previous(project, str(project.outside / "last-year.yaml"))
    run = run_audited(project, "check", project.data, "--allow-outside", project.outside / "last-year.yaml")
    assert run.returncode == 0, run.stderr
    assert str(project.outside / "last-year.yaml") in run.reads
    assert reads_outside(run, project, project.outside / "last-year.yaml") == []


def test_layout_extends_and_theme_outside_are_refused(project: Project) -> None:
    line = project.edit(project.pdf_layout, LAYOUT_THEME, f"extends: ../../outside/secret.yaml\n{LAYOUT_THEME}")
    brand = project.root / "layouts" / "themes" / "ceop" / "theme.yaml"
    brand_line = project.edit(brand, "extends: ../default/theme.yaml", "extends: /etc/passwd")
    run = run_audited(project, "check")
    refused(project, run, project.pdf_layout, line, "'../../outside/secret.yaml' is outside the project")
    refused(project, run, brand, brand_line, "'/etc/passwd' is outside the project")


def test_a_layout_theme_outside_is_refused(project: Project) -> None:
    """The layout's own `theme:` (used when the data file names none)."""
    project.edit(project.data, "  theme: ceop\n", "")
    line = project.edit(project.deck_layout, LAYOUT_THEME, "theme: /etc/passwd")
    run = run_audited(project, "check")
    refused(project, run, project.deck_layout, line, "theme file '/etc/passwd' is outside the project")


def test_font_and_image_outside_are_refused(project: Project) -> None:
    line = project.edit(project.theme, "regular: fonts/Carlito-Regular.ttf",
                        f"regular: {project.outside / 'secret.ttf'}")
    image_line = project.edit(project.pdf_layout, "{area: logo, type: logo, variant: light}",
                              "{area: logo, type: image, path: ../../outside/secret.png}")
    run = run_audited(project, "check")
    refused(project, run, project.theme, line, "is outside the project")
    refused(project, run, project.pdf_layout, image_line, "image file '../../outside/secret.png' is outside the project")


@pytest.mark.parametrize("where", ["data", "pdf-layout", "previous", "extends", "theme", "font", "image"])
def test_fifos_are_refused_without_opening_them(project: Project, where: str) -> None:
    """A FIFO would block a reader for ever: each is refused from its status alone (the run has a timeout)."""
    fifo = project.root / "layouts" / "pipe.yaml" if where != "previous" else project.data.parent / "pipe.yaml"
    os.mkfifo(fifo)
    args: list[object] = ["check", project.data]
    if where == "data":
        args = ["check", fifo]
    elif where == "pdf-layout":
        args += ["--pdf-layout", fifo]
    elif where == "previous":
        with_previous(project, "pipe.yaml")
    elif where == "extends":
        project.edit(project.pdf_layout, LAYOUT_THEME, f"extends: pipe.yaml\n{LAYOUT_THEME}")
    elif where == "theme":
        project.edit(project.data, "  theme: ceop\n", "")
        project.edit(project.pdf_layout, LAYOUT_THEME, "theme: pipe.yaml")
    elif where == "font":
        project.edit(project.theme, "regular: fonts/Carlito-Regular.ttf", "regular: ../../pipe.yaml")
    else:
        project.edit(project.pdf_layout, "{area: logo, type: logo, variant: light}", "{area: logo, type: image, path: pipe.yaml}")
    run = run_audited(project, *args, timeout=60)
    assert run.returncode == 1, run.stderr
    assert "a named pipe (FIFO), not a regular file" in run.stderr, run.stderr
    assert str(fifo) not in run.reads
    assert run.located(), run.stderr


@pytest.mark.parametrize(("content", "words"), [
    (b"root:x:0:0:root:/root:/bin/bash\n", "is not a PNG, JPEG or SVG image"),
    (b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
     b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>', "is an SVG with a DOCTYPE or entities"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
     b'<image xlink:href="../../outside/secret.png" width="9" height="9"/></svg>', "is an SVG that refers to another file"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url(file:///etc/passwd)" width="9" height="9"/></svg>',
     "is an SVG that refers to another file through url(...)"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"', "is a damaged SVG image"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + struct.pack(">II", 60_000, 60_000) + b"\x08\x02\x00\x00\x00",
     "is 60,000 × 60,000 pixels, more than the 40,000,000 allowed"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + struct.pack(">II", 10, 10) + b"\x08\x02\x00\x00\x00", "is a damaged image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "is a damaged JPEG image"),
])
def test_images_are_checked_before_any_library_reads_them(project: Project, content: bytes, words: str) -> None:
    (project.root / "layouts" / "logo.png").write_bytes(content)
    line = project.edit(project.pdf_layout, "{area: logo, type: logo, variant: light}",
                        "{area: logo, type: image, path: logo.png}")
    run = run_audited(project, "build")
    refused(project, run, project.pdf_layout, line, f"image file 'logo.png' {words}")
    assert not project.out.exists()


@pytest.mark.parametrize(("content", "words"), [
    (b"root:x:0:0:root:/root:/bin/bash\n", "is not a TrueType font file"),
    (b"OTTO" + bytes(60), "is an OpenType font with PostScript outlines"),
    ("TRUNCATED", "the file is damaged or truncated"),
])
def test_fonts_are_checked_and_damaged_ones_are_diagnostics(project: Project, content: bytes | str, words: str) -> None:
    font = project.root / "layouts" / "themes" / "default" / "fonts" / "Broken-Regular.ttf"
    original = project.root / "layouts" / "themes" / "default" / "fonts" / "Carlito-Regular.ttf"
    font.write_bytes(original.read_bytes()[:3000] if content == "TRUNCATED" else content)
    line = project.edit(project.theme, "regular: fonts/Carlito-Regular.ttf", "regular: fonts/Broken-Regular.ttf")
    run = run_audited(project, "check")
    refused(project, run, project.theme, line, words)


def test_devices_folders_and_huge_files_are_refused_at_the_naming_line(project: Project) -> None:
    big = project.data.parent / "big.yaml"
    with big.open("wb") as handle:  # sparse: 3 MB long, nothing written
        handle.truncate(3 * 1024 * 1024)
    line = with_previous(project, "big.yaml")
    run = run_audited(project, "check", project.data)
    refused(project, run, project.data, line, "'big.yaml' is larger than 2 MiB")
    project.edit(project.data, "previous: 'big.yaml'", "previous: fonts")
    (project.data.parent / "fonts").mkdir()
    run = run_audited(project, "check", project.data)
    refused(project, run, project.data, line, "'fonts' is a folder, not a file")
    line = project.edit(project.theme, "regular: fonts/Carlito-Regular.ttf", "regular: /dev/zero")
    run = run_audited(project, "check", "--allow-outside", "/dev/zero")
    refused(project, run, project.theme, line, "font file '/dev/zero' is a character device, not a regular file")


def test_a_previous_file_that_is_not_a_data_file_is_not_echoed(project: Project) -> None:
    """A text file inside the project named as last year's: refused without quoting a word of it."""
    (project.data.parent / "notes.txt").write_text(f"{SECRET_MARK} line one\nline two\n", encoding="utf-8")
    line = with_previous(project, "notes.txt")
    run = run_audited(project, "check", project.data)
    refused(project, run, project.data, line, "has errors")
    assert "the top level must be a mapping of keys to values, not text\n" in run.stderr


def test_a_nul_in_a_named_path_is_a_diagnostic(project: Project) -> None:
    project.edit(project.data, "  theme: ceop\n", "")
    line = project.edit(project.pdf_layout, LAYOUT_THEME, 'theme: "themes/default/theme.yaml\\0x"')
    run = run_audited(project, "check")
    refused(project, run, project.pdf_layout, line, "theme: the text contains the control character U+0000")


@pytest.mark.parametrize("suffix", [".png", ".jpg"])
def test_a_real_image_inside_the_project_is_drawn_in_both_outputs(project: Project, suffix: str) -> None:
    from PIL import Image
    from pptx import Presentation

    Image.new("RGB", (120, 40), (14, 42, 71)).save(project.root / "layouts" / f"logo{suffix}")
    project.edit(project.pdf_layout, "{area: logo, type: logo, variant: light}",
                 f"{{area: logo, type: image, path: logo{suffix}, text: The CEOP logo}}")
    deck = project.deck_layout.read_text(encoding="utf-8")
    project.deck_layout.write_text(deck.replace("{area: logo, type: logo, variant: light}",
                                                f"{{area: logo, type: image, path: logo{suffix}, text: The CEOP logo}}", 1),
                                   encoding="utf-8")
    run = run_audited(project, "build")
    assert run.returncode == 0, run.stderr
    assert reads_outside(run, project) == []
    import subprocess

    listing = subprocess.run(["pdfimages", "-list", str(project.out / "ceop-2007-08.pdf")], capture_output=True,
                             text=True, check=True).stdout.splitlines()[2:]
    assert len(listing) == 1 and listing[0].split()[3:5] == ["120", "40"], listing
    assert run.reads.count(str(project.root / "layouts" / f"logo{suffix}")) >= 1
    pictures = [shape for slide in Presentation(str(project.out / "ceop-2007-08.pptx")).slides for shape in slide.shapes
                if shape.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
    assert len(pictures) == 1 and pictures[0]._element.nvPicPr.cNvPr.get("descr") == "The CEOP logo"
    assert pictures[0].image.size == (120, 40)


def test_a_theme_logo_outside_the_project_is_refused(project: Project) -> None:
    brand = project.root / "layouts" / "themes" / "ceop" / "theme.yaml"
    line = project.edit(brand, "logo:\n  mark: CEOP\n", f"logo:\n  file: {project.outside / 'secret.png'}\n  mark: CEOP\n") + 1
    run = run_audited(project, "check")
    refused(project, run, brand, line, "logo file")
    assert "is outside the project" in run.stderr


SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">
  <rect width="120" height="40" fill="#0E2A47"/>
  <text x="8" y="27" font-size="18" fill="#ffffff">SVGMARK</text>
</svg>
"""


def test_a_plain_svg_inside_the_project_is_drawn_in_both_outputs(project: Project) -> None:
    """Vector in the PDF (its text is text), a picture in the deck."""
    import subprocess

    from pptx import Presentation

    (project.root / "layouts" / "logo.svg").write_bytes(SVG)
    project.edit(project.pdf_layout, "{area: logo, type: logo, variant: light}",
                 "{area: logo, type: image, path: logo.svg, text: The CEOP logo}")
    deck = project.deck_layout.read_text(encoding="utf-8")
    project.deck_layout.write_text(deck.replace("{area: logo, type: logo, variant: light}",
                                                "{area: logo, type: image, path: logo.svg, text: The CEOP logo}", 1),
                                   encoding="utf-8")
    run = run_audited(project, "build")
    assert run.returncode == 0, run.stderr
    assert reads_outside(run, project) == []
    text = subprocess.run(["pdftotext", str(project.out / "ceop-2007-08.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "SVGMARK" in text
    pictures = [shape for slide in Presentation(str(project.out / "ceop-2007-08.pptx")).slides for shape in slide.shapes
                if shape.shape_type == 13]
    assert len(pictures) == 1 and pictures[0].image.content_type == "image/png"
