"""One output name per input, outputs that cannot be replaced, and the one date both outputs carry."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from pptx import Presentation

from conftest import SHIPPED_DATA

STEM = SHIPPED_DATA.stem


def test_two_inputs_that_would_write_the_same_outputs_are_an_error(tmp_path: Path, cli) -> None:
    """data/x.yaml and elsewhere/x.yaml both make OUT/x.pdf: each is refused at its own name, nothing is written."""
    other = tmp_path / "elsewhere" / SHIPPED_DATA.name
    other.parent.mkdir()
    shutil.copy(SHIPPED_DATA, other)
    out = tmp_path / "out"
    done = cli("build", SHIPPED_DATA, other, "--out", out)
    assert done.returncode == 1
    shown = {SHIPPED_DATA: f"data/{SHIPPED_DATA.name}", other: str(other)}  # as printed, from the repo root
    for path, clash in ((SHIPPED_DATA, other), (other, SHIPPED_DATA)):
        assert (f"{shown[path]}:1:1: error: this file's outputs ({STEM}.pdf and {STEM}.pptx) would also be "
                f"written by {shown[clash]} in this run") in done.stderr, done.stderr
    assert not out.exists() or not any(out.iterdir())


def test_one_file_named_twice_is_an_error(tmp_path: Path, cli) -> None:
    done = cli("build", SHIPPED_DATA, SHIPPED_DATA, "--out", tmp_path / "out")
    assert done.returncode == 1
    assert done.stderr.count("would also be written by") == 2, done.stderr


def test_an_output_that_is_a_folder_is_a_diagnostic(tmp_path: Path, cli) -> None:
    out = tmp_path / "out"
    (out / f"{STEM}.pdf").mkdir(parents=True)
    done = cli("build", SHIPPED_DATA, "--out", out)
    assert done.returncode == 1
    assert re.search(rf"^data/{STEM}\.yaml:1:1: error: cannot write to .*out: {STEM}\.pdf is a folder", done.stderr, re.M), done.stderr
    assert "internal error" not in done.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"{STEM}.pdf"] and (out / f"{STEM}.pdf").is_dir()


def test_schema_into_a_folder_is_an_error_not_a_crash(tmp_path: Path, cli) -> None:
    done = cli("schema", "--out", tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith(f"make-report: error: cannot write {tmp_path}: ") and "internal error" not in done.stderr


def dates(out: Path) -> tuple[set[str], set[str]]:
    """The PDF's creation and modification dates, and the deck's created and modified dates.

    The deck claims no printing (it was never printed), so it has no last-printed date."""
    info = subprocess.run(["pdfinfo", "-isodates", str(out / f"{STEM}.pdf")], capture_output=True, text=True, check=True).stdout
    pdf = set(re.findall(r"^(?:CreationDate|ModDate):\s+(\S+)$", info, re.M))
    props = Presentation(str(out / f"{STEM}.pptx")).core_properties
    assert props.last_printed is None
    deck = {d.strftime("%Y-%m-%dT%H:%M:%SZ") for d in (props.created, props.modified)}
    return pdf, deck


def test_source_date_epoch_dates_both_outputs_alike(tmp_path: Path, cli) -> None:
    done = cli("build", SHIPPED_DATA, "--out", tmp_path / "epoch", SOURCE_DATE_EPOCH="1234567890")
    assert done.returncode == 0, done.stderr
    assert dates(tmp_path / "epoch") == ({"2009-02-13T23:31:30Z"}, {"2009-02-13T23:31:30Z"})
    done = cli("build", SHIPPED_DATA, "--out", tmp_path / "unset", SOURCE_DATE_EPOCH=None)
    assert done.returncode == 0, done.stderr
    assert dates(tmp_path / "unset") == ({"2000-01-01T00:00:00Z"}, {"2000-01-01T00:00:00Z"})


def test_a_malformed_source_date_epoch_is_a_usage_error(tmp_path: Path, cli) -> None:
    for value in ("yesterday", "1e9", "99999999999999"):
        done = cli("build", SHIPPED_DATA, "--out", tmp_path / "out", SOURCE_DATE_EPOCH=value)
        assert done.returncode == 2, done.stderr
        assert "SOURCE_DATE_EPOCH must be a whole number of seconds" in done.stderr
        assert "internal error" not in done.stderr
    assert not (tmp_path / "out").exists()
