"""The command line, end to end: help, exit statuses, output names, the schema, NO_COLOR."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "ceop-2007-08.yaml"
COMMANDS = ("build", "check", "new", "schema")
ESCAPE = "\x1b["


def test_help_names_every_command(cli) -> None:
    done = cli("--help")
    assert done.returncode == 0
    assert done.stdout.startswith("usage: make-report")
    for command in COMMANDS:
        assert re.search(rf"^\s+{command}\s+\S", done.stdout, re.M), f"--help does not describe {command}"


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_help(cli, command: str) -> None:
    done = cli(command, "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"usage: make-report {command}")
    if command in ("build", "check"):
        for option in ("--pdf-layout", "--deck-layout", "--strict"):
            assert option in done.stdout


def test_check_passes_the_shipped_data(cli) -> None:
    done = cli("check", DATA, "--strict")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "ceop-2007-08.yaml: ok" in done.stdout


def test_check_without_arguments_checks_the_shipped_data(cli) -> None:
    done = cli("check")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "data/ceop-2007-08.yaml: ok"


@pytest.mark.parametrize("args", [("--no-such-option",), ("check", "--no-such-option"),
                                  ("build", "--out"), ("frobnicate",)])
def test_usage_errors_exit_2(cli, args: tuple[str, ...]) -> None:
    done = cli(*args)
    assert done.returncode == 2
    assert "usage: make-report" in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_data_file_is_a_diagnostic_not_a_crash(cli, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    done = cli("check", missing)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert re.search(rf"^{re.escape(str(missing))}:\d+:\d+: error: ", done.stderr, re.M), done.stderr


def test_build_names_outputs_after_the_data_file(cli, tmp_path: Path) -> None:
    data = tmp_path / "acme-2009-10.yaml"
    shutil.copy(DATA, data)
    out = tmp_path / "built"
    done = cli("build", data, "--out", out, "--cache", "none")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["acme-2009-10.pdf", "acme-2009-10.pptx"]
    assert f"wrote {out / 'acme-2009-10.pdf'}" in done.stdout
    assert (out / "acme-2009-10.pdf").read_bytes().startswith(b"%PDF-")
    assert len(Presentation(str(out / "acme-2009-10.pptx")).slides) >= 6


def test_no_command_builds_the_shipped_example_into_output(tmp_path: Path, cli) -> None:
    """`make-report` alone, from a checkout: data/ceop-2007-08.yaml into output/."""
    for name in ("data", "layouts"):
        (tmp_path / name).symlink_to(ROOT / name)
    done = cli(cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    built = sorted(p.name for p in (tmp_path / "output").iterdir() if p.is_file())
    assert built == ["ceop-2007-08.pdf", "ceop-2007-08.pptx"]


def test_schema_prints_json_schema(cli) -> None:
    done = cli("schema")
    assert done.returncode == 0, done.stderr
    schema = json.loads(done.stdout)
    assert "$schema" in schema
    assert {"report", "figures", "series", "quotes"} <= set(schema["properties"])


def test_schema_out_writes_the_same_json(cli, tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    done = cli("schema", "--out", target)
    assert done.returncode == 0, done.stderr
    assert json.loads(target.read_text()) == json.loads(cli("schema").stdout)


def run_on_terminal(args: list[str], no_color: str | None) -> str:
    """Run the CLI with stderr on a pseudo-terminal (so colour would be used); what it printed there."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if no_color is not None:
        env["NO_COLOR"] = no_color
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=follower)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: the child has exited
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=120)
    finally:
        os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def bad_data(tmp_path: Path) -> Path:
    data = tmp_path / "bad.yaml"
    data.write_text(DATA.read_text(encoding="utf-8").replace("    value: 131\n", "    value: many\n", 1))
    return data


def test_colour_on_a_terminal_but_not_with_no_color(bad_data: Path) -> None:
    """Errors are coloured on a terminal; NO_COLOR (any non-empty value) turns that off."""
    coloured = run_on_terminal(["check", str(bad_data)], None)
    assert "error" in coloured and ESCAPE in coloured, "no colour on a terminal: the NO_COLOR test proves nothing"
    plain = run_on_terminal(["check", str(bad_data)], "1")
    assert re.search(r":\d+:\d+: error: ", plain)
    assert ESCAPE not in plain


def test_no_colour_when_stderr_is_not_a_terminal(cli, bad_data: Path) -> None:
    done = cli("check", bad_data, NO_COLOR=None)
    assert done.returncode == 1
    assert ": error: " in done.stderr
    assert ESCAPE not in done.stderr
