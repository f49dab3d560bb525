"""`make-report new`: the starter file and next year's file, through the real command line.

The rule under test: what only the organisation can supply is left blank, and
`make-report check` lists each blank at its own line; nothing of last year's
(and no made-up value) is left where it could be printed as this year's.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import types
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from conftest import REPO, SHIPPED_DATA, plain_quotes, run_cli
from generator.diagnostics import DiagnosticError
from generator.load import load_yaml
from generator.model.datafile import DataFile
from generator.scaffold.periods import PeriodShift
from generator.scaffold.yamltext import Item, document, listing, mapping, scalar_text

SCHEMA = REPO / "docs" / "schema" / "data.schema.json"
DIAGNOSTIC = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): error: (?P<message>.*)$", re.M)
PERIOD_LABEL = re.compile(r"\b20\d\d/\d\d\b")


def errors(stderr: str) -> list[tuple[str, int, str]]:
    """(path, line, message) of every error printed."""
    return [(m["path"], int(m["line"]), m["message"]) for m in DIAGNOSTIC.finditer(stderr)]


def line_after(text: str, anchor: str, wanted: str) -> int:
    """The 1-based number of the first line starting (after indentation) with `wanted`, below the line `anchor`."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line == anchor)
    return next(i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith(wanted)) + 1


def blank_lines(text: str) -> list[int]:
    """Lines holding a key (or `- `) with nothing after it but a comment, that have nothing indented below."""
    lines = text.splitlines()
    found = []
    for i, line in enumerate(lines):
        if re.match(r"^ *(- )?([a-z_]+:|-)  # ", line):
            indent = len(line) - len(line.lstrip())
            below = lines[i + 1] if i + 1 < len(lines) else ""
            nested = below.strip() and not below.lstrip().startswith("#") and len(below) - len(below.lstrip()) > indent
            if not nested:
                found.append(i + 1)
    return found


@pytest.fixture()
def starter(tmp_path: Path) -> Path:
    """A starter file written by `make-report new` for a fictional organisation."""
    data = tmp_path / "data" / "acme-2025-26.yaml"
    done = run_cli("new", data, "--organisation", "Acme Community Trust", "--period", "2025/26")
    assert done.returncode == 0, done.stderr
    assert f"wrote {data}" in done.stdout
    return data


@pytest.fixture()
def next_year(tmp_path: Path) -> tuple[Path, Path]:
    """The shipped CEOP file copied into tmp_path/data, and next year's file written from it."""
    (tmp_path / "data").mkdir()
    last = tmp_path / "data" / "ceop-2007-08.yaml"
    shutil.copy(SHIPPED_DATA, last)
    new = tmp_path / "data" / "ceop-2008-09.yaml"
    done = run_cli("new", new, "--from", last, "--period", "2008/09")
    assert done.returncode == 0, done.stderr
    return last, new


# --- the starter -----------------------------------------------------------------------------------------


def test_starter_check_lists_exactly_its_two_blanks(starter: Path) -> None:
    """The starter is valid but for the figure's value and label, which only the organisation knows."""
    text = starter.read_text(encoding="utf-8")
    done = run_cli("check", starter)
    assert done.returncode == 1
    assert errors(done.stderr) == [
        (str(starter), line_after(text, "  first_figure:", "value:"), "figures.first_figure.value is empty"),
        (str(starter), line_after(text, "  first_figure:", "label:"), "figures.first_figure.label is empty"),
    ], done.stderr
    assert "hint: fill in this year's figure as published, in digits" in done.stderr


def test_starter_filled_in_is_a_valid_data_file(starter: Path) -> None:
    """With the two blanks filled, `check` finds nothing wrong with the data file."""
    text = starter.read_text(encoding="utf-8")
    text = text.replace("    value:  #", "    value: 12  #", 1).replace("    label:  #", "    label: volunteers  #", 1)
    starter.write_text(text, encoding="utf-8")
    done = run_cli("check", starter)
    # Only the data file is judged: the shipped layouts may still name another report's content.
    assert [e for e in errors(done.stderr) if e[0] == str(starter)] == [], done.stderr
    value, _ = load_yaml(starter)
    assert value["report"]["organisation"] == {"name": "Acme Community Trust", "short_name": "Acme Community Trust"}
    assert value["report"]["period"] == {"label": "2025/26"}
    assert value["report"]["title"] == "Annual Report 2025/26"
    assert value["figures"] == {"first_figure": {"value": 12, "label": "volunteers"}}


def test_starter_names_the_schema_relative_to_itself(tmp_path: Path) -> None:
    """Line 1 names docs/schema/data.schema.json as the CEOP file does: `../docs/...` from data/."""
    (tmp_path / "docs" / "schema").mkdir(parents=True)
    shutil.copy(SCHEMA, tmp_path / "docs" / "schema")
    done = run_cli("new", "data/acme.yaml", "--organisation", "Acme", "--period", "2025", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    first = (tmp_path / "data" / "acme.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == SHIPPED_DATA.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../docs/schema/data.schema.json"


def test_starter_outside_a_project_names_the_tools_schema(starter: Path) -> None:
    """Written far from any project, the schema comment still leads to the schema."""
    first = starter.read_text(encoding="utf-8").splitlines()[0]
    reference = first.removeprefix("# yaml-language-server: $schema=")
    assert reference != first
    assert (starter.parent / reference).resolve() == SCHEMA


def test_starter_shows_every_key_of_the_format(starter: Path) -> None:
    """Every key the model knows appears in the starter, in place, written or commented out."""
    tree = key_tree(starter.read_text(encoding="utf-8"))
    missing = list(missing_keys(DataFile, tree, ()))
    assert missing == []


def test_starter_documents_each_key_it_writes(starter: Path) -> None:
    """Each key line of the starter carries a comment, or is documented by the comment lines above it."""
    lines = starter.read_text(encoding="utf-8").splitlines()
    bare = [line for i, line in enumerate(lines) if re.match(r"^ *(# +)?(- )?[a-z_]+:", line)
            and "  # " not in line and not lines[i - 1].lstrip().startswith("#")
            and line.strip().lstrip("# -").split(":")[0] not in UNDOCUMENTED_SUBKEYS]
    assert bare == []


# Keys whose meaning is their name, inside a documented block (a source's publisher, a contact's email...).
UNDOCUMENTED_SUBKEYS = {"report", "organisation", "period", "name", "values", "figure", "at", "series", "unit",
                        "publisher", "note", "role", "email"}


def key_tree(text: str) -> dict[str, Any]:
    """The nesting of keys in YAML text, commented out or not; list items are under "-"."""
    root: dict[str, Any] = {}
    stack: list[tuple[int, dict[str, Any]]] = [(-1, root)]
    for line in text.splitlines():
        match = re.match(r"^( *)(# )?( *)(- )?([a-z][a-z0-9_]*):( |$)", line)
        if match is None:
            continue
        indent = len(match[1]) + len(match[3])
        if match[4]:
            while stack[-1][0] >= indent:
                stack.pop()
            stack.append((indent, stack[-1][1].setdefault("-", {})))
            indent += 2
        while stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, stack[-1][1].setdefault(match[5], {})))
    return root


def missing_keys(model: type[BaseModel], node: dict[str, Any], path: tuple[str, ...]):
    """The model's keys (recursively, through dicts, lists and unions) that `node` does not hold."""
    for name, field in model.model_fields.items():
        if name not in node:
            yield ".".join(path + (name,))
            continue
        for inner, child in children(field.annotation, node[name]):
            yield from missing_keys(inner, child, path + (name,))


def children(annotation: Any, node: dict[str, Any]):
    """The models below an annotation, each with the part of the tree that should hold its keys."""
    for member in members(annotation):
        origin = typing.get_origin(member)
        if isinstance(member, type) and issubclass(member, BaseModel):
            yield member, node
        elif origin is dict:
            for sub in (node.values() or [{}]):
                yield from children(typing.get_args(member)[1], sub)
        elif origin is list:
            yield from children(typing.get_args(member)[0], node.get("-", {}))


def members(annotation: Any) -> list[Any]:
    """An annotation's member types, through Annotated and unions."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return members(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in members(arg)]
    return [annotation]


# --- next year's file --------------------------------------------------------------------------------------


def test_next_year_check_lists_every_blank_at_its_line(next_year: tuple[Path, Path]) -> None:
    """One error per figure at its `value:` line, and one at every other blank; nothing else."""
    last, new = next_year
    text = new.read_text(encoding="utf-8")
    done = run_cli("check", new)
    assert done.returncode == 1
    found = errors(done.stderr)
    assert {path for path, _, _ in found} == {str(new)}, done.stderr
    figures = yaml.safe_load(SHIPPED_DATA.read_text(encoding="utf-8"))["figures"]
    value_errors = [(line, message) for _, line, message in found if message.endswith(".value is empty")]
    assert value_errors == [(line_after(text, f"  {key}:", "value:"), f"figures.{key}.value is empty")
                            for key in figures]
    assert sorted(line for _, line, _ in found) == blank_lines(text)
    assert all(message.endswith(" is empty") for _, _, message in found)
    # Quotes, sections, lists and the source title are this year's to write too.
    assert {m for _, _, m in found} >= {"quotes.jim_gamble.text is empty", "sections[0].body is empty",
                                        "lists.developments.items is empty", "sources.press_release.title is empty"}


def test_next_year_points_at_last_year_and_moves_the_period_on(next_year: tuple[Path, Path]) -> None:
    """`previous:` leads back to the CEOP file; the period, title and period labels move on a year."""
    last, new = next_year
    data = yaml.safe_load(new.read_text(encoding="utf-8"))
    assert (new.parent / data["previous"]).resolve() == last.resolve()
    assert data["previous"] == "ceop-2007-08.yaml"
    assert data["report"]["period"] == {"label": "2008/09"}  # "the organisation's second year" is commented out
    assert data["report"]["title"] == "Annual Review 2008/09"
    assert "subtitle" not in data["report"] and "full_review" not in data["report"]
    assert data["series"]["arrests_by_year"]["categories"] == ["2007/08", "2008/09"]
    assert data["series"]["outcomes"]["series"][0]["name"] == "2008/09"
    assert data["lists"]["developments"]["title"] == "2008/09 also saw"
    assert data["figures"].keys() == yaml.safe_load(SHIPPED_DATA.read_text(encoding="utf-8"))["figures"].keys()
    assert all("change" not in figure and "approximate" not in figure for figure in data["figures"].values())
    assert data["figures"]["arrests"]["label"] == "arrests"
    assert data["figures"]["offenders_located_via_wanted"]["part_of"] == "offenders_located"
    assert data["series"]["arrests_by_year"]["series"][0]["values"] == [
        {"figure": "arrests", "at": "previous"}, {"figure": "arrests"}]


def test_next_year_holds_no_number_of_last_year(next_year: tuple[Path, Path]) -> None:
    """No value is a number, and no text holds a digit other than a period label (or the previous file's name)."""
    _, new = next_year
    data = yaml.safe_load(new.read_text(encoding="utf-8"))
    leftovers = [(path, value) for path, value in leaves(data) if path != ("previous",) and (
        isinstance(value, (int, float)) and not isinstance(value, bool)
        or isinstance(value, str) and re.search(r"\d", PERIOD_LABEL.sub("", value)))]
    assert leftovers == []


def leaves(value: Any, path: tuple = ()):
    """Every scalar in a loaded document, with its path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from leaves(item, path + (i,))
    else:
        yield path, value


def test_next_year_filled_in_checks_and_builds_with_derived_changes(next_year: tuple[Path, Path],
                                                                     tmp_path: Path) -> None:
    """Filling every blank (values 1.5 times last year's) gives a file that builds, with changes on 2007/08."""
    _, new = next_year
    new.write_text(fill_in(new.read_text(encoding="utf-8")), encoding="utf-8")
    done = run_cli("check", new)
    assert done.returncode == 0, done.stderr
    done = run_cli("build", new, "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    text = plain_quotes(" ".join(subprocess.run(["pdftotext", tmp_path / "out" / "ceop-2008-09.pdf", "-"],
                                                capture_output=True, text=True, check=True).stdout.split()))
    assert "Annual Review 2008/09" in text
    assert "Up 50% from 297 in 2007/08 (derived)" in text  # 445 arrests: the change is derived from last year's file
    assert "Changes on 2007/08 derived from 2007/08's published values" in text
    assert "Fictional words for a test" in text


def fill_in(text: str) -> str:
    """Next year's file with every blank filled: fictional words, and each value 1.5 times last year's."""
    text = re.sub(r"value:  # this year's figure \(2007/08: (?:[a-z ]+ )?(\d+)\)",
                  lambda m: f"value: {int(m[1]) * 3 // 2}", text)
    text = re.sub(r"(\n *(?:title|body):)  # .*", r"\1 Fictional text for a test", text)
    return re.sub(r"(\n( *)(?:text|items):)  # .*", r"\1\n\2  - Fictional words for a test", text)


# --- refusals ------------------------------------------------------------------------------------------------


def test_an_existing_file_is_not_overwritten_without_force(starter: Path) -> None:
    """An existing DATA is an error at the file (exit 1) and stays as it was; --force replaces it."""
    starter.write_text("# my own work\n", encoding="utf-8")
    done = run_cli("new", starter, "--organisation", "Acme", "--period", "2025/26")
    assert done.returncode == 1
    assert errors(done.stderr) == [(str(starter), 1, f"{starter} already exists")]
    assert "--force" in done.stderr and "nothing was written" in done.stderr
    assert starter.read_text(encoding="utf-8") == "# my own work\n"
    done = run_cli("new", starter, "--organisation", "Acme", "--period", "2025/26", "--force")
    assert done.returncode == 0, done.stderr
    assert "name: Acme  #" in starter.read_text(encoding="utf-8")
    assert [p.name for p in starter.parent.iterdir()] == [starter.name]  # no temporary file left behind


@pytest.mark.parametrize("args", [
    ("--period", "2025/26"),                                      # a starter needs --organisation
    ("--organisation", "Acme"),                                   # --period is required
    ("--organisation", "Acme", "--period", " "),
    ("--organisation", "Two\nlines", "--period", "2025/26"),
    ("--from", SHIPPED_DATA, "--period", "2008/09", "--organisation", "Acme"),
    ("--from", SHIPPED_DATA, "--period", "2007/08"),                # not a new period
    ("--from", SHIPPED_DATA, "--period", "2006/07"),                # going backwards
])
def test_usage_errors_exit_2_and_write_nothing(tmp_path: Path, args: tuple) -> None:
    data = tmp_path / "new.yaml"
    done = run_cli("new", data, *args)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("usage: make-report new")
    assert "Traceback" not in done.stderr
    assert not data.exists()


def test_the_from_file_itself_is_never_the_target(tmp_path: Path) -> None:
    last = tmp_path / "ceop-2007-08.yaml"
    shutil.copy(SHIPPED_DATA, last)
    done = run_cli("new", last, "--from", last, "--period", "2008/09", "--force")
    assert done.returncode == 2
    assert last.read_bytes() == SHIPPED_DATA.read_bytes()


def test_a_bad_from_file_gets_its_located_diagnostics(tmp_path: Path) -> None:
    """Last year's file is checked like any data file: its problems at their lines, and nothing written."""
    bad = REPO / "tests" / "data_errors" / "14-misspelt-figure-key.yaml"
    new = tmp_path / "next.yaml"
    done = run_cli("new", new, "--from", bad.relative_to(REPO), "--period", "2008/09")
    assert done.returncode == 1
    expected = (bad.with_suffix(".expected")).read_text(encoding="utf-8")
    assert done.stderr.startswith(expected), done.stderr
    assert done.stderr.endswith("; nothing was written\n")
    assert not new.exists()


@pytest.mark.parametrize(("old", "new", "text", "moved", "numbers"), [
    ("2007/08", "2008/09", "Annual Review 2007/08", "Annual Review 2008/09", False),
    ("2007/08", "2008/09", "2006/07 and 2007/08", "2007/08 and 2008/09", False),
    ("2007/08", "2008/09", "How the 131 children were safeguarded", "How the 131 children were safeguarded", True),
    ("2007/08", "2008/09", "2nd year results", "2nd year results", True),
    ("2007/08", "2008/09", "from 2006/09", "from 2006/09", True),       # not a period label
    ("2007-08", "2010-11", "Report 2007-08", "Report 2010-11", False),   # three years on
    ("2007", "2008", "Report 2007", "Report 2008", False),
    ("2007", "2008", "founded in 2006", "founded in 2006", True),        # a bare year moves only when it is the period
    ("Q1 2008", "Q2 2008", "Results for Q1 2008", "Results for Q2 2008", False),
])
def test_period_labels_move_on(old: str, new: str, text: str, moved: str, numbers: bool) -> None:
    assert PeriodShift.between(old, new).move(text) == (moved, numbers)


# --- the YAML writer ----------------------------------------------------------------------------------------

ODD = ["plain words", "a: b", "key:value", "a #b", "a# b", "#hash", "'single'", '"double"', "it's", 'say "hi"',
       "back\\slash", "tab\there", "new\nline", "  padded  ", "", "yes", "No", "on", "null", "~", "true", "2025",
       "1e3", "0x1F", "1_000", ".inf", "2008-04-01", "2007/08", "- dash", "-", "[list]", "{map}", "&anchor",
       "*alias", "!tag", "%percent", "@at", "`tick`", "? question", ">folded", "|literal", "=", "<<", "---", "...",
       "“curly” – dash", "Ünïcödé ✓ 🎉", "NEL\x85", "LS\u2028PS\u2029", "bom\ufeff", "del\x7f", "C1\x9b",
       "colon at end:", "ends with #", "a , b", "x: y: z", "%YAML", "€100m"]


@pytest.mark.parametrize("text", ODD, ids=[repr(t) for t in ODD])
def test_odd_strings_read_back_as_written(text: str, tmp_path: Path) -> None:
    """Each string, as a key's value, as a list item and before a comment, reads back unchanged (PyYAML and our loader)."""
    doc = document(mapping(Item("k", text, note="a comment"), Item("items", listing(Item(None, text), Item(None, 1)))))
    assert yaml.safe_load(doc) == {"k": text, "items": [text, 1]}
    path = tmp_path / "doc.yaml"
    path.write_text(doc, encoding="utf-8")
    assert load_yaml(path)[0] == {"k": text, "items": [text, 1]}


def test_a_control_character_is_written_escaped_and_refused_where_it_is(tmp_path: Path) -> None:
    """A bell (U+0007) survives the writer as an escape, and our loader refuses it at its line: it would print as nothing."""
    doc = document(mapping(Item("k", "bell\x07", note="a comment")))
    assert yaml.safe_load(doc) == {"k": "bell\x07"}
    path = tmp_path / "doc.yaml"
    path.write_text(doc, encoding="utf-8")
    with pytest.raises(DiagnosticError) as caught:
        load_yaml(path)
    assert [d.message for d in caught.value.diagnostics] == ["k: the text contains the control character U+0007"]


@pytest.mark.parametrize("value", [0, -12, 1700000, 2.3, -0.5, 1e-05, 1e15, 123456789.125, True, False,
                                   datetime.date(2008, 4, 1), None])
def test_other_scalars_read_back_as_written(value: Any) -> None:
    assert yaml.safe_load(f"k: {scalar_text(value)}") == {"k": value}


def test_nested_blocks_and_commented_items_read_back() -> None:
    """Lists of mappings, empty blocks, and items written commented out (which then read as absent)."""
    doc = document(mapping(
        Item("rows", listing(Item(None, mapping(Item("name", "a: b"), Item("values", listing(Item(None, 1))))),
                             Item(None, mapping(Item("name", "#2", doc=("above",)))))),
        Item("empty", mapping()), Item("none", listing()),
        Item("hidden", "x", off=True), Item("kept", mapping(Item("off", mapping(Item("deep", 1)), off=True),
                                                             Item("on", "yes")))))
    assert yaml.safe_load(doc) == {"rows": [{"name": "a: b", "values": [1]}, {"name": "#2"}], "empty": {},
                                   "none": [], "kept": {"on": "yes"}}
    assert '\n  # "off":\n  #   deep: 1\n  "on": "yes"\n' in doc  # `off:` and `on:` would read as false and true


def test_comments_stay_comments() -> None:
    """Line breaks of any kind in a comment's text (last year's wording may hold them) never start a line of YAML."""
    sneaky = "a\nb: 1\rc: 2\x85d: 3\u2028e: 4\u2029f: 5"
    doc = document(mapping(Item("k", None, note=sneaky, doc=(sneaky,)), Item("x", mapping(), off=True)),
                   header=(sneaky,), first=sneaky)
    assert yaml.safe_load(doc) == {"k": None}


def test_odd_organisation_names_survive_the_command_line(tmp_path: Path) -> None:
    """A name with quotes, a colon, a hash and accents is written so that it reads back exactly."""
    name = 'O\'Brien & Daughters: "Trust" #1 — Ünïcödé'
    data = tmp_path / "odd.yaml"
    done = run_cli("new", data, "--organisation", name, "--short-name", "#1: O'B", "--period", "2025")
    assert done.returncode == 0, done.stderr
    value, _ = load_yaml(data)
    assert value["report"]["organisation"] == {"name": name, "short_name": "#1: O'B"}
    assert value["report"]["period"]["label"] == "2025"


def test_next_year_keeps_the_contact_details_and_asks_for_a_new_copyright_line(tmp_path: Path) -> None:
    """The back page's address and formats carry over; the copyright and publication date were last year's."""
    (tmp_path / "data").mkdir()
    last = tmp_path / "data" / "waterways-2021-22.yaml"
    shutil.copy(REPO / "tests" / "fixtures" / "orgs" / "big-12figs.yaml", last)
    new = tmp_path / "data" / "waterways-2022-23.yaml"
    done = run_cli("new", new, "--from", last, "--period", "2022/23")
    assert done.returncode == 0, done.stderr
    was = yaml.safe_load(last.read_text(encoding="utf-8"))["report"]
    report = yaml.safe_load(new.read_text(encoding="utf-8"))["report"]
    assert report["contact"] == was["contact"]
    assert report["alternative_formats"] == was["alternative_formats"]
    assert "copyright" not in report and "published" not in report
    text = new.read_text(encoding="utf-8")
    assert "# copyright: © Joint Partnership for the Restoration of Inland Waterways 2022" in text
