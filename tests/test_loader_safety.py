"""The YAML loader's guarantees: tags never run code, alias bombs and huge files are refused quickly."""

from __future__ import annotations

import os
import subprocess
import tracemalloc
from pathlib import Path

import pytest

from generator.diagnostics import Collector, DiagnosticError, sorted_diagnostics
from generator.load import load_yaml
from generator.load.yamlfile import MAX_NODES
from generator.model.load_report import load_report

ROOT = Path(__file__).resolve().parent.parent
ALIAS_BOMB = ROOT / "tests" / "data_errors" / "38-alias-bomb.yaml"


def refuse(path: Path) -> list[str]:
    """Load a file that must be refused; return its diagnostics as printed."""
    problems = Collector()
    assert load_report(path, problems) is None
    return [d.format() for d in sorted_diagnostics(problems.items)]


def test_python_tags_never_run_anything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`!!python/...` tags are errors at their own lines; nothing is called, imported or created."""
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a))
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: calls.append(a))
    marker = tmp_path / "ran"
    path = tmp_path / "tags.yaml"
    path.write_text(
        f'report: !!python/object/apply:os.system ["touch {marker}"]\n'
        f'figures: !!python/object/apply:subprocess.Popen [["touch", "{marker}"]]\n'
        "series: !!python/name:os.system\n"
        "quotes: !!python/module:shutil\n"
        "notes:\n"
        '  - !!python/object/new:builtins.open ["x", "w"]\n', encoding="utf-8")
    lines = refuse(path)
    assert not marker.exists() and calls == [] and not (tmp_path / "x").exists()
    hint = "  hint: only plain YAML values are read; remove the tag"
    assert lines == [
        f"{path}:1:9: error: the tag !!python/object/apply:os.system is not allowed\n{hint}",
        f"{path}:2:10: error: the tag !!python/object/apply:subprocess.Popen is not allowed\n{hint}",
        f"{path}:3:9: error: the tag !!python/name:os.system is not allowed\n{hint}",
        f"{path}:4:9: error: the tag !!python/module:shutil is not allowed\n{hint}",
        f"{path}:6:5: error: the tag !!python/object/new:builtins.open is not allowed\n{hint}",
    ]


def test_alias_bomb_is_refused() -> None:
    """Nine levels of nine-fold aliases (387 million values) are refused at the node budget.

    No timing here (speed belongs to bench/, and shared machines are noisy): the next test
    shows the work is bounded by the peak memory it takes.
    """
    with pytest.raises(DiagnosticError) as caught:
        load_yaml(ALIAS_BOMB)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.message == f"the document expands to more than {MAX_NODES:,} values"


def test_alias_bomb_uses_bounded_memory() -> None:
    """Expanding stops at the node budget, so the peak stays at a few megabytes, not gigabytes."""
    tracemalloc.start()
    try:
        with pytest.raises(DiagnosticError):
            load_yaml(ALIAS_BOMB)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 48 * 1024 * 1024


def test_huge_file_is_refused_unread(tmp_path: Path) -> None:
    """A 3 MB file is refused from its size alone, without reading it all (peak memory shows it)."""
    path = tmp_path / "huge.yaml"
    path.write_text("notes:\n" + "  - lol\n" * 400_000, encoding="utf-8")
    assert path.stat().st_size > 3_000_000
    tracemalloc.start()
    try:
        lines = refuse(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert lines == [f"{path}:1:1: error: the file is larger than 2 MiB\n"
                     "  hint: data and layout files are small text files; is this the right file?"]
    assert peak < 3 * 1024 * 1024  # at most the first 2 MiB + 1 byte is read


def test_many_values_without_aliases_are_refused_with_a_fitting_hint(tmp_path: Path) -> None:
    """A file under the size cap but with too many values is refused, without blaming aliases."""
    path = tmp_path / "long.yaml"
    path.write_text("notes:\n" + "  - 1\n" * (MAX_NODES + 10), encoding="utf-8")
    assert refuse(path) == [f"{path}:1:1: error: the document expands to more than {MAX_NODES:,} values\n"
                            "  hint: a data file has a few hundred values; is this the right file?"]
