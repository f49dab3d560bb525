"""Property: however a shipped layout or theme is mangled, checking gives diagnostics, never a traceback."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.diagnostics import Severity

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {
    "pdf": (ROOT / "layouts" / "report-a4.yaml").read_text(encoding="utf-8"),
    "deck": (ROOT / "layouts" / "deck-16x9.yaml").read_text(encoding="utf-8"),
    "theme": (ROOT / "layouts" / "themes" / "ceop" / "theme.yaml").read_text(encoding="utf-8"),
}
VALUES = st.sampled_from(["0", "-5", "1e9", ".nan", "[]", "{}", "~", "''", "1fr", "0fr", "-1fr", "0pt", "auto", "none",
                          "true", "[1]", "[0, 0]", "9999pt", "[1fr]", '". ."', '"a a"', '"#12"', "red", "primary",
                          "[a, b]", "{area: x}", "column", "donut", "headline", "quotes", "-", "|"])
NUMBER = re.compile(r"\d+(\.\d+)?")


@st.composite
def mangled(draw: st.DrawFn, source: str) -> str:
    """The file with one to three edits: a value replaced, a line dropped or repeated, a number or word changed."""
    lines = source.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["value", "drop", "repeat", "number", "word"]))
        line = lines[i]
        if op == "value" and ":" in line:
            lines[i] = line.partition(":")[0] + ": " + draw(VALUES)
        elif op == "drop":
            del lines[i]
        elif op == "repeat":
            lines.insert(i, lines[draw(st.integers(0, len(lines) - 1))])
        elif op == "number" and NUMBER.search(line):
            lines[i] = NUMBER.sub(draw(st.sampled_from(["0", "-3", "100000", "0.001"])), line, count=1)
        elif op == "word":
            lines[i] = re.sub(r"[a-z_]{3,}", draw(st.sampled_from(["zz", "area", "text", "grid"])), line, count=1)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of layouts/ to mangle."""
    target = tmp_path_factory.mktemp("layouts")
    shutil.copytree(ROOT / "layouts", target, dirs_exist_ok=True)
    return target


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mangled_layouts_and_themes_give_diagnostics(workdir: Path, data: st.DataObject) -> None:
    which = data.draw(st.sampled_from(sorted(SOURCES)))
    texts = dict(SOURCES)
    texts[which] = data.draw(mangled(SOURCES[which]), label=which)
    (workdir / "report-a4.yaml").write_text(texts["pdf"], encoding="utf-8")
    (workdir / "deck-16x9.yaml").write_text(texts["deck"], encoding="utf-8")
    (workdir / "themes" / "ceop" / "theme.yaml").write_text(texts["theme"], encoding="utf-8")

    result = pipeline.run([ROOT / "data" / "ceop-2007-08.yaml"],
                          pipeline.Options(pdf_layout=workdir / "report-a4.yaml",
                                           deck_layout=workdir / "deck-16x9.yaml", render=False))

    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    assert result.failed == bool(errors)
    for d in result.diagnostics:
        assert d.span.line >= 1 and d.span.column >= 1 and d.message
