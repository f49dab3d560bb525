"""The display-list cache: keyed, atomic, and free of matplotlib on a hit."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from generator.charts import cache as cache_module
from generator.charts.cache import ChartCache
from generator.charts.record import record

from .conftest import REPO, sample_spec

# Runs in a fresh interpreter: load a pickled spec, ask the cache, report modules.
CHILD = """
import json, pickle, sys
from generator.charts.cache import ChartCache
spec = pickle.loads(open(sys.argv[1], "rb").read())
ops = ChartCache(sys.argv[2]).display_list(spec, 300.0, 200.0)
print(json.dumps({
    "ops": len(ops),
    "matplotlib": sorted(m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")),
}))
"""


def run_child(tmp_path: Path, directory: Path) -> dict:
    """Ask the cache for the column sample in a fresh python process."""
    spec_file = tmp_path / "spec.pickle"
    spec_file.write_bytes(pickle.dumps(sample_spec("column")))
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(spec_file), str(directory)],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def test_hit_does_not_import_matplotlib(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    miss = run_child(tmp_path, directory)
    assert "matplotlib" in miss["matplotlib"]  # the miss really recorded...
    assert not [m for m in miss["matplotlib"] if "agg" in m.lower()]  # ...without Agg
    hit = run_child(tmp_path, directory)
    assert hit["matplotlib"] == []
    assert hit["ops"] == miss["ops"] > 0


def test_hit_returns_what_was_recorded(tmp_path: Path) -> None:
    spec = sample_spec("line")
    cache = ChartCache(tmp_path)
    first = cache.display_list(spec, 300, 200)
    assert first == record(spec, 300, 200)
    assert cache.get(spec, 300, 200) == first
    assert len(list(tmp_path.glob("*.json"))) == 1


def test_key_covers_spec_and_box(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path)
    spec = sample_spec("column")
    keys = {
        cache.key(spec, 300, 200),
        cache.key(spec, 300, 201),
        cache.key(spec, 301, 200),
        cache.key(sample_spec("column", title="Other"), 300, 200),
    }
    assert len(keys) == 4
    assert cache.key(spec, 300, 200) == ChartCache(tmp_path / "elsewhere").key(spec, 300.0, 200.0)


def test_version_constant_is_in_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ChartCache(tmp_path)
    spec = sample_spec("column")
    before = cache.key(spec, 300, 200)
    monkeypatch.setattr(cache_module, "CACHE_VERSION", cache_module.CACHE_VERSION + 1)
    assert cache.key(spec, 300, 200) != before


def test_none_disables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ChartCache(None)
    spec = sample_spec("pie")
    monkeypatch.chdir(tmp_path)
    assert cache.display_list(spec, 300, 200) == record(spec, 300, 200)
    assert cache.get(spec, 300, 200) is None
    assert list(tmp_path.iterdir()) == []


def test_corrupt_file_is_a_miss(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path)
    spec = sample_spec("column")
    path = tmp_path / f"{cache.key(spec, 300, 200)}.json"
    path.write_text('[{"op": "pa', encoding="utf-8")
    assert cache.get(spec, 300, 200) is None
    assert cache.display_list(spec, 300, 200) == record(spec, 300, 200)
    assert json.loads(path.read_text(encoding="utf-8")) == record(spec, 300, 200)


def test_failed_write_leaves_no_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ChartCache(tmp_path)
    spec = sample_spec("column")

    def explode(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(cache_module.json, "dump", explode)
    with pytest.raises(OSError):
        cache.put(spec, 300, 200, [])
    assert list(tmp_path.iterdir()) == []


def test_write_is_replace_of_a_complete_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ChartCache(tmp_path)
    spec = sample_spec("column")
    seen: list[tuple[str, str, str]] = []
    real_replace = cache_module.os.replace

    def spy(src: str, dst: str) -> None:
        seen.append((Path(src).name, Path(dst).name, Path(src).read_text(encoding="utf-8")))
        real_replace(src, dst)

    monkeypatch.setattr(cache_module.os, "replace", spy)
    cache.put(spec, 300, 200, [{"op": "text"}])  # type: ignore[list-item]
    ((src, dst, content),) = seen
    assert src.startswith(".tmp-") and dst == f"{cache.key(spec, 300, 200)}.json"
    assert json.loads(content) == [{"op": "text"}]
    assert [p.name for p in tmp_path.iterdir()] == [dst]


# A whole build in a fresh interpreter; prints the matplotlib modules it imported.
BUILD = """
import json, sys
from generator.cli import main
status = main(["build", "-q", sys.argv[1], "--out", sys.argv[2], "--cache", sys.argv[3]])
print(json.dumps({"status": status, "matplotlib": [m for m in sys.modules if m.split(".")[0] == "matplotlib"]}))
"""


def test_a_build_with_every_chart_cached_never_imports_matplotlib(tmp_path: Path) -> None:
    data = REPO / "data" / "ceop-2007-08.yaml"
    args = [sys.executable, "-c", BUILD, str(data), str(tmp_path / "out"), str(tmp_path / "cache")]
    runs = [json.loads(subprocess.run(args, cwd=REPO, check=True, capture_output=True, text=True).stdout)
            for _ in range(2)]
    assert [run["status"] for run in runs] == [0, 0]
    assert list(tmp_path.glob("cache/*.json")), "the first build cached no chart"
    assert runs[1]["matplotlib"] == []  # nothing on the way to the outputs (layout, deck, PDF) loads it
