"""`make-report watch`: a real watching process rebuilds on save and keeps the last good outputs.

Waits are bounded polls of what a person would look at (the PDF's text, the terminal), not
timings: the test only needs each rebuild to happen at all.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

from tests.conftest import REPO, cli_env, interrupt

FIXTURE = REPO / "tests" / "fixtures" / "orgs" / "charity-3figs.yaml"
PATIENCE = 120.0  # seconds: a bound on a wait on a busy shared machine, not a performance target


def _wait_for(condition: Callable[[], bool], what: str, proc: subprocess.Popen) -> None:
    """Poll until `condition` holds; fail naming `what` if the watcher dies or the bound passes."""
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert proc.poll() is None, f"watch exited with status {proc.returncode} while waiting for {what}"
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.2)


def _pdf_text(pdf: Path) -> str:
    """The PDF's text as pdftotext reads it ('' while there is no complete file)."""
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else ""


def test_watch_rebuilds_on_save_and_a_broken_save_keeps_the_outputs(tmp_path: Path) -> None:
    data = tmp_path / "larder-2023-24.yaml"
    shutil.copyfile(FIXTURE, data)
    out = tmp_path / "out"
    pdf, deck = out / f"{data.stem}.pdf", out / f"{data.stem}.pptx"
    stdout, stderr = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with stdout.open("w") as so, stderr.open("w") as se:
        proc = subprocess.Popen([sys.executable, "-m", "generator", "watch", str(data), "--out", str(out)],
                                cwd=REPO, env=cli_env(), stdout=so, stderr=se)
    try:
        _wait_for(lambda: "watching" in stdout.read_text(), "the first build", proc)
        assert "6,214" in _pdf_text(pdf) and deck.is_file()

        data.write_text(data.read_text(encoding="utf-8").replace("value: 6214", "value: 7351"), encoding="utf-8")
        _wait_for(lambda: "7,351" in _pdf_text(pdf), "the PDF to show the edited figure", proc)
        _wait_for(lambda: stdout.read_text().count(f"wrote {deck}") >= 2, "the deck to be rewritten", proc)
        good = pdf.read_bytes(), deck.read_bytes()

        data.write_text("# FICTIONAL TEST DATA: a save that breaks the file.\nreport:\n  title: [unclosed\n",
                        encoding="utf-8")
        _wait_for(lambda: "error:" in stderr.read_text(), "the diagnostic of the broken save", proc)
        assert re.search(rf"^{re.escape(str(data))}:\d+:\d+: error: ", stderr.read_text(), re.M), stderr.read_text()
        assert "the last good outputs are kept" in stderr.read_text()
        assert (pdf.read_bytes(), deck.read_bytes()) == good
        assert "Traceback" not in stderr.read_text()
    finally:
        status = interrupt(proc)
    assert status == 0


def test_watch_of_a_file_in_a_missing_folder_is_a_diagnostic(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    missing = tmp_path / "nowhere" / "larder-2023-24.yaml"
    done = run_cli("watch", missing, "--out", tmp_path / "out", timeout=120)
    assert done.returncode == 1
    assert re.search(rf"^{re.escape(str(missing))}:1:1: error: cannot read the file", done.stderr, re.M), done.stderr
    assert "internal error" not in done.stderr


def test_watch_reloads_a_layout_when_it_changes_and_keeps_it_across_data_edits(tmp_path: Path) -> None:
    """Loaded layouts are kept between rebuilds (generator/layoutfile/memo.py), but never past a change to one."""
    layouts = tmp_path / "layouts"
    shutil.copytree(REPO / "layouts", layouts)
    pdf_layout = layouts / "report-a4.yaml"
    data = tmp_path / "data" / "larder-2023-24.yaml"
    data.parent.mkdir()
    shutil.copyfile(FIXTURE, data)
    out = tmp_path / "out"
    pdf = out / f"{data.stem}.pdf"
    stdout = tmp_path / "stdout.txt"
    with stdout.open("w") as so:
        proc = subprocess.Popen([sys.executable, "-m", "generator", "watch", str(data), "--out", str(out),
                                 "--pdf-layout", str(pdf_layout), "--deck-layout", str(layouts / "deck-16x9.yaml")],
                                cwd=REPO, env=cli_env(), stdout=so, stderr=subprocess.DEVNULL)
    try:
        _wait_for(lambda: "watching" in stdout.read_text(), "the first build", proc)
        assert "AT A GLANCE" in _pdf_text(pdf)
        text = pdf_layout.read_text(encoding="utf-8")
        assert text.count("{report.period} at a glance") == 1
        pdf_layout.write_text(text.replace("{report.period} at a glance", "{report.period} in brief"), encoding="utf-8")
        _wait_for(lambda: "IN BRIEF" in _pdf_text(pdf), "the PDF to follow the edited layout", proc)

        data.write_text(data.read_text(encoding="utf-8").replace("value: 6214", "value: 7351"), encoding="utf-8")
        _wait_for(lambda: "7,351" in _pdf_text(pdf), "the PDF to show the edited figure", proc)
        assert "IN BRIEF" in _pdf_text(pdf) and "AT A GLANCE" not in _pdf_text(pdf)

        pdf_layout.write_text(text, encoding="utf-8")
        _wait_for(lambda: "AT A GLANCE" in _pdf_text(pdf), "the PDF to follow the layout put back", proc)
        assert "7,351" in _pdf_text(pdf)
    finally:
        interrupt(proc)


def test_a_rebuild_reuses_an_unchanged_document_and_writes_the_bytes_of_a_fresh_build(tmp_path: Path, monkeypatch) -> None:
    """What watch keeps (generator/warm.py): an edit the deck does not show leaves the deck unrendered, same bytes."""
    from generator.pipeline import Options, run
    from generator.render import deck as deck_backend
    from generator.warm import Warm

    data = tmp_path / "ceop-2007-08.yaml"
    shutil.copyfile(REPO / "data" / "ceop-2007-08.yaml", data)
    out, fresh, warm = tmp_path / "out", tmp_path / "fresh", Warm()
    options = Options(out=out, cache=tmp_path / "cache")
    assert not run([data], options, warm=warm).failed
    before = (out / "ceop-2007-08.pdf").read_bytes(), (out / "ceop-2007-08.pptx").read_bytes()

    renders: list[str] = []
    real = deck_backend.render_deck
    monkeypatch.setattr(deck_backend, "render_deck", lambda *a: renders.append("deck") or real(*a))
    text = data.read_text(encoding="utf-8")
    assert "was set up in 2006" in text  # narrative: the PDF prints it, the deck does not
    data.write_text(text.replace("was set up in 2006", "was founded in 2006"), encoding="utf-8")
    assert not run([data], options, warm=warm).failed
    assert renders == []
    after = (out / "ceop-2007-08.pdf").read_bytes(), (out / "ceop-2007-08.pptx").read_bytes()
    assert after[0] != before[0] and after[1] == before[1]
    assert not run([data], Options(out=fresh, cache=None)).failed
    assert after == ((fresh / "ceop-2007-08.pdf").read_bytes(), (fresh / "ceop-2007-08.pptx").read_bytes())
    assert renders == ["deck"]  # the fresh build rendered its own

    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("value: 131\n", "value: 132\n", 1), encoding="utf-8")  # a headline figure: both
    assert not run([data], options, warm=warm).failed
    assert renders == ["deck", "deck"]
    assert (out / "ceop-2007-08.pptx").read_bytes() != before[1]
