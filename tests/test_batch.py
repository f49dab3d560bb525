"""`make-report build DATA... --workers N`: a pool of workers, the same bytes as a serial build."""

from __future__ import annotations

import re
from pathlib import Path

from pptx import Presentation

from tests.conftest import REPO, run_cli

ORGS = REPO / "tests" / "fixtures" / "orgs"
THREE = [ORGS / "charity-3figs.yaml", ORGS / "commissioner-5figs.yaml", ORGS / "nz-money.yaml"]


def test_workers_write_the_same_bytes_as_a_serial_build(tmp_path: Path) -> None:
    serial, pooled = tmp_path / "serial", tmp_path / "pooled"
    one = run_cli("build", *THREE, "--out", serial)
    two = run_cli("build", *THREE, "--out", pooled, "--workers", "2")
    assert one.returncode == 0, one.stderr
    assert two.returncode == 0, two.stderr
    names = sorted(p.name for p in serial.iterdir() if p.is_file())
    assert names == sorted(f"{d.stem}{s}" for d in THREE for s in (".pdf", ".pptx"))
    assert names == sorted(p.name for p in pooled.iterdir() if p.is_file())
    for name in names:
        assert (serial / name).read_bytes() == (pooled / name).read_bytes(), name
    assert "3 built, 0 failed" in two.stdout.splitlines()


def test_one_bad_file_is_a_diagnostic_and_the_rest_are_built(tmp_path: Path) -> None:
    bad = tmp_path / "broken-2024-25.yaml"
    bad.write_text("# FICTIONAL TEST DATA: a broken file.\nreport:\n  title: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out"
    done = run_cli("build", THREE[0], bad, THREE[1], "--out", out, "--workers", "2")
    assert done.returncode == 1
    assert re.search(rf"^{re.escape(str(bad))}:\d+:\d+: error: ", done.stderr, re.M), done.stderr
    assert "2 built, 1 failed" in done.stdout.splitlines()
    for data in (THREE[0], THREE[1]):
        assert len(Presentation(str(out / f"{data.stem}.pptx")).slides) > 0
        assert (out / f"{data.stem}.pdf").read_bytes().startswith(b"%PDF-")
    assert not list(out.glob("broken-2024-25.*"))


def test_workers_must_be_a_positive_number(tmp_path: Path) -> None:
    done = run_cli("build", *THREE, "--out", tmp_path, "--workers", "0")
    assert done.returncode == 2
    assert "--workers" in done.stderr and "at least 1" in done.stderr
    assert not list(tmp_path.iterdir())


def test_json_summary_says_what_was_built_and_what_was_wrong(tmp_path: Path) -> None:
    import json

    from pypdf import PdfReader

    bad = tmp_path / "broken-2024-25.yaml"
    bad.write_text("# FICTIONAL TEST DATA: a broken file.\nreport:\n  title: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out"
    done = run_cli("build", THREE[0], bad, "--out", out, "--workers", "2", "--json")
    assert done.returncode == 1
    summary = json.loads(done.stdout)  # nothing but the JSON on standard output
    assert (summary["built"], summary["failed"]) == (1, 1)
    good, broken = summary["reports"]
    assert good["ok"] and not good["diagnostics"] and good["seconds"] > 0
    assert sorted(Path(p).name for p in good["outputs"]) == [f"{THREE[0].stem}.pdf", f"{THREE[0].stem}.pptx"]
    assert good["pages"] == len(PdfReader(out / f"{THREE[0].stem}.pdf").pages)
    assert good["slides"] == len(Presentation(str(out / f"{THREE[0].stem}.pptx")).slides)
    assert not broken["ok"] and broken["outputs"] == [] and broken["errors"] == 1
    (problem,) = broken["diagnostics"]
    assert problem["severity"] == "error" and problem["path"] == str(bad)
    assert f"{problem['path']}:{problem['line']}:{problem['column']}: error: {problem['message']}" in done.stderr


def test_a_progress_bar_on_a_terminal_and_none_in_a_pipe(tmp_path: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    from tests.conftest import cli_env

    args = [sys.executable, "-m", "generator", "build", *THREE[:2], "--out", tmp_path / "tty", "--workers", "2"]
    leader, follower = pty.openpty()
    proc = subprocess.Popen([str(a) for a in args], cwd=REPO, env=cli_env(), stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the child is done with it
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert proc.wait(timeout=300) == 0
    terminal = seen.decode("utf-8", "replace")
    assert "building reports" in terminal and "2/2" in terminal
    piped = run_cli("build", *THREE[:2], "--out", tmp_path / "pipe", "--workers", "2")
    assert piped.returncode == 0 and "building reports" not in piped.stderr and piped.stderr == ""
