"""A project folder for a brand of its own: the CEOP data, copies of the shipped layouts, a theme "harbour"."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import REPO, run_cli

DATA = REPO / "data" / "ceop-2007-08.yaml"


def brand_project(tmp_path: Path) -> Path:
    """A project folder with the CEOP data file and the shipped layouts, and a folder for the harbour theme."""
    project = tmp_path / "project"
    (project / "layouts" / "themes" / "harbour").mkdir(parents=True)
    shutil.copy(DATA, project / "data.yaml")
    shutil.copy(REPO / "layouts" / "deck-16x9.yaml", project / "layouts" / "deck.yaml")
    shutil.copy(REPO / "layouts" / "report-a4.yaml", project / "layouts" / "report.yaml")
    return project


def brand_theme(project: Path, extra: str) -> Path:
    """The harbour theme: the CEOP theme's colours and type, and the deck keys in `extra`."""
    path = project / "layouts" / "themes" / "harbour" / "theme.yaml"
    path.write_text(f"extends: {REPO / 'layouts' / 'themes' / 'ceop' / 'theme.yaml'}\nname: Harbour\n{extra}",
                    encoding="utf-8")
    return path


def build_project(project: Path, out: Path, *extra: object, command: str = "build") -> subprocess.CompletedProcess:
    """Build (or check) the project's data file in the harbour theme with its own layouts."""
    return run_cli(command, project / "data.yaml", *(("--out", out) if command == "build" else ()), "--deck-layout",
                   project / "layouts" / "deck.yaml", "--pdf-layout", project / "layouts" / "report.yaml",
                   "--theme", "harbour", *extra)
