"""The deck as a package: what PowerPoint would repair is not there."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.deck.package_check import package_problems


def test_the_shipped_deck_is_a_sound_package(shipped_build: Path) -> None:
    assert package_problems(shipped_build / "ceop-2007-08.pptx") == []


def test_control_a_dangling_relationship_and_an_orphan_are_caught(shipped_build: Path, tmp_path: Path) -> None:
    source = shipped_build / "ceop-2007-08.pptx"
    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(broken, "w") as new:
        for name in old.namelist():
            if name != "ppt/slides/slide3.xml":
                new.writestr(name, old.read(name))
        new.writestr("ppt/media/stray.png", b"\x89PNG")
    problems = package_problems(broken)
    assert any("missing ppt/slides/slide3.xml" in p for p in problems)
    assert any("orphan part: ppt/media/stray.png" in p for p in problems)
