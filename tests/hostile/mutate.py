"""Deterministic mutations of the shipped data file, layouts and themes, one edit per case.

Every scalar of every shipped file is found with its line and column (by composing
the YAML), and replaced by values chosen for its kind: numbers by the other ways
YAML 1.1 writes numbers and by out-of-range values, file names by path tricks,
words by empty, huge or structured values; keys are misspelt or repeated. A case
records whether the edit must be refused (`must_fail`) and the line a diagnostic
must point at, so the suite can check more than "no traceback".
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
SOURCES = {  # path in the project -> what it is
    "data/ceop-2007-08.yaml": "data",
    "layouts/report-a4.yaml": "layout",
    "layouts/deck-16x9.yaml": "layout",
    "layouts/themes/ceop/theme.yaml": "theme",
    "layouts/themes/default/theme.yaml": "theme",
}
PATH_KEYS = {"previous", "extends", "theme", "path", "regular", "bold", "italic", "bold_italic"}
# Keys under which the names are the author's own (figure keys, colour names...): a changed name is not an error.
NAME_MAPS = {"figures", "series", "quotes", "lists", "sources", "colours", "fonts", "styles", "spacing", "grids",
             "deck_layouts",  # kinds of slide: a layout may name its own
             "masters"}
FIFO = "layouts/pipe.yaml"          # made in the project by the test: a named pipe
LINK_OUT = "layouts/link-out.yaml"  # made in the project by the test: a link to a file outside
ODD_NUMBERS = ["017", "0x1F", "1:20", "1_000", "0b101", "1" + "0" * 400, ".nan", "-.inf", "1.0e+308", "words"]
PATH_TRICKS = ["/etc/passwd", "../../../../../../../../../../etc/shadow", "SECRET", "/dev/zero", "/proc/self/environ",
               ".", "PIPE", "LINK", '"nul\\0byte.yaml"']
WORDS = ["''", "~", "[]", "{a: 1}", "x" * 30_000, '"\\u0007bell"', "yes", "2008-02-30"]


@dataclass(frozen=True)
class Case:
    """One edited file: what was done, where, and whether it must be refused."""

    id: str
    file: str
    text: str
    line: int
    must_fail: bool
    family: str
    extra: dict[str, str] = field(default_factory=dict)  # other files the case needs, by path


@dataclass(frozen=True)
class Scalar:
    """A scalar of a shipped file: its place, its text, its key, and whether it is a mapping key."""

    file: str
    start: int
    end: int
    line: int
    value: str
    tag: str
    key: str | None
    is_key: bool
    style: str | None
    parents: tuple[str, ...]


def scalars(file: str, text: str) -> list[Scalar]:
    """Every scalar written on one line of `text`, in order."""
    found: list[Scalar] = []

    def walk(node: yaml.Node, key: str | None, parents: tuple[str, ...]) -> None:
        if isinstance(node, yaml.ScalarNode):
            if node.start_mark.line == node.end_mark.line and node.style not in ("|", ">"):
                found.append(Scalar(file, node.start_mark.index, node.end_mark.index, node.start_mark.line + 1,
                                    node.value, node.tag, key, False, node.style, parents))
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode):
                    found.append(Scalar(file, k.start_mark.index, k.end_mark.index, k.start_mark.line + 1, k.value,
                                        k.tag, k.value, True, k.style, parents))
                    walk(v, k.value, parents + (k.value,))
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item, key, parents)

    walk(yaml.compose(text, Loader=yaml.SafeLoader), None, ())
    return found


def _replace(text: str, s: Scalar, new: str) -> str:
    return text[:s.start] + new + text[s.end:]


def _is_number(s: Scalar) -> bool:
    return s.tag.endswith((":int", ":float")) and s.style is None


def _numeric_cases(kind: str, s: Scalar, text: str) -> list[Case]:
    """A number written another way, or out of every field's range."""
    cases = []
    for new in ODD_NUMBERS:
        cases.append(Case(f"{s.file}:{s.line}:{s.key}={new[:12]}", s.file, _replace(text, s, new), s.line, True, "number"))
    if kind != "data" and s.key != "tracking":  # every length, size, gap and count of a layout or theme is >= 0
        cases.append(Case(f"{s.file}:{s.line}:{s.key}=-5", s.file, _replace(text, s, "-5"), s.line, True, "number"))
    cases.append(Case(f"{s.file}:{s.line}:{s.key}=0", s.file, _replace(text, s, "0"), s.line, False, "number"))
    return cases


def _path_cases(s: Scalar, text: str, outside: Path) -> list[Case]:
    """A file name replaced by one that is outside the project, not a file, or unreadable.

    A layout's `theme:` is not read when the data file names its theme (the shipped one does), so a
    trick there need not fail; it must still read nothing outside.
    """
    must = not (SOURCES[s.file] == "layout" and s.key == "theme")
    cases = []
    for trick in PATH_TRICKS:
        new = {"SECRET": str(outside / "secret.yaml"), "PIPE": _rel(s.file, FIFO), "LINK": _rel(s.file, LINK_OUT)}.get(trick, trick)
        cases.append(Case(f"{s.file}:{s.line}:{s.key}={trick[:16]}", s.file, _replace(text, s, new), s.line, must, "path"))
    return cases


def _rel(file: str, target: str) -> str:
    """`target` (a project path) as written in `file`, relative to its folder."""
    return str(Path("../" * (len(Path(file).parts) - 1)) / target) if len(Path(file).parts) > 1 else target


def _word_cases(kind: str, s: Scalar, text: str) -> list[Case]:
    """A text value replaced by empty, null, structured, huge or odd text."""
    cases = []
    for new in WORDS:
        must = kind == "data" and len(new) > 20_000  # data texts are at most 20,000 characters
        cases.append(Case(f"{s.file}:{s.line}:{s.key}={new[:10]}", s.file, _replace(text, s, new), s.line, must, "word"))
    return cases


def _key_cases(kind: str, s: Scalar, text: str) -> list[Case]:
    """A key misspelt, and a line that sets a key repeated just below it."""
    own_name = bool(s.parents) and s.parents[-1] in NAME_MAPS
    cases = [Case(f"{s.file}:{s.line}:key {s.value}x", s.file, _replace(text, s, s.value + "x"), s.line,
                  not own_name and "{" not in _line(text, s), "key")]
    line = _line(text, s)
    if ":" in line and "{" not in line and "[" not in line and not line.rstrip().endswith(":"):
        start = text.rfind("\n", 0, s.start) + 1
        end = text.find("\n", s.start) + 1
        indent = len(line) - len(line.lstrip())
        # The first key of a list item ("- id: x") is repeated inside the item, not as a new item.
        again = " " * (indent + 2) + line.lstrip()[2:] if line.lstrip().startswith("- ") else line
        cases.append(Case(f"{s.file}:{s.line}:dup {s.value}", s.file, text[:end] + again + "\n" + text[end:],
                          s.line + 1, True, "duplicate"))
    return cases


def _line(text: str, s: Scalar) -> str:
    start = text.rfind("\n", 0, s.start) + 1
    end = text.find("\n", s.start)
    return text[start:end if end >= 0 else len(text)]


def all_cases(outside: Path) -> list[Case]:
    """Every mutation of every shipped file (a few thousand)."""
    cases: list[Case] = []
    for file, kind in SOURCES.items():
        text = (REPO / file).read_text(encoding="utf-8")
        for s in scalars(file, text):
            if s.is_key:
                cases += _key_cases(kind, s, text)
            elif s.key in PATH_KEYS and not _is_number(s):
                cases += _path_cases(s, text, outside)
            elif _is_number(s):
                cases += _numeric_cases(kind, s, text)
            elif s.tag.endswith(":str"):
                cases += _word_cases(kind, s, text)
            elif s.tag.endswith(":bool"):
                cases.append(Case(f"{file}:{s.line}:{s.key}=maybe", file, _replace(text, s, "maybe"), s.line, True, "bool"))
    return cases + _added_path_cases(outside)


def _added_path_cases(outside: Path) -> list[Case]:
    """Path tricks in fields the shipped files leave out: `previous:` in the data file, an image block."""
    data = (REPO / "data/ceop-2007-08.yaml").read_text(encoding="utf-8")
    layout = (REPO / "layouts/report-a4.yaml").read_text(encoding="utf-8")
    line = data[:data.index("\nfigures:\n")].count("\n") + 2
    image_line = layout[:layout.index("{area: logo, type: logo")].count("\n") + 1
    cases = []
    for trick in PATH_TRICKS:
        name = {"SECRET": str(outside / "secret.yaml"), "PIPE": "../" + FIFO, "LINK": "../" + LINK_OUT}.get(trick, trick)
        cases.append(Case(f"previous={trick[:16]}", "data/ceop-2007-08.yaml",
                          data.replace("\nfigures:\n", f"\nprevious: {name}\nfigures:\n", 1), line, True, "path"))
        name = {"SECRET": str(outside / "secret.png"), "PIPE": "pipe.yaml", "LINK": "link-out.yaml"}.get(trick, trick)
        cases.append(Case(f"image={trick[:16]}", "layouts/report-a4.yaml",
                          layout.replace("{area: logo, type: logo, variant: light}",
                                         f"{{area: logo, type: image, path: {name}}}", 1), image_line, True, "path"))
    return cases


def sample(cases: list[Case], per_family: dict[str, int], seed: int = 13) -> list[Case]:
    """A fixed sample: the first cases of a seeded shuffle of each family (the same every run)."""
    chosen: list[Case] = []
    for family, n in per_family.items():
        members = [c for c in cases if c.family == family]
        random.Random(f"{seed}-{family}").shuffle(members)
        chosen += members[:n]
    return chosen
