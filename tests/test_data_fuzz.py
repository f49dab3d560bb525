"""Property: however the shipped data file is mangled, load_report gives a Report or errors, never an exception."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.diagnostics import Collector
from generator.model.load_report import load_report

ROOT = Path(__file__).resolve().parent.parent
BASE_LINES = (ROOT / "data" / "ceop-2007-08.yaml").read_text(encoding="utf-8").splitlines(keepends=True)

# Characters that mean something to YAML, plus a few that trip readers.
YAML_CHARS = list(":-?,[]{}#&*!|>'\"%@` \t\n\\~.0") + ["é", "–", "\x07", "\ufeff", "\u2028"]
SCALARS = st.one_of(
    st.integers(-10**20, 10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from([".nan", ".inf", "-.inf", "1e400", "-100", "0", "0.001", "yes", "no", "null", "~", "''",
                     '""', "[]", "{}", "[1, 2]", "{a: 1}", "2008-04-01", "2008-02-30", '"2008-04-01"',
                     "three", "three hundred", "5,812", "*nope", "&a x", "!!str 1", "!!int x", "!!bool maybe",
                     "!!timestamp x", "!!binary aGk=", "!!set {a}", "!!python/object/apply:os.system [true]",
                     "!include x.yaml", "<<", "? a", "|", ">-", "-", "12:30:00", "0x1F", "1_000"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20),
)
NUMBER = re.compile(r"\b\d+(\.\d+)?\b")
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # every break YAML counts as a new line


@st.composite
def mutations(draw: st.DrawFn) -> str:
    """The shipped file with one to four random edits: characters, lines, values, indentation, numbers."""
    lines = list(BASE_LINES)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines.append(draw(SCALARS) + "\n")
            continue
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete_char", "insert_char", "duplicate_char", "delete_line",
                                   "duplicate_line", "insert_line", "swap_value", "indent", "words"]))
        lines[i:i + 1] = _apply(draw, op, lines[i])
    return "".join(lines)


def _apply(draw: st.DrawFn, op: str, line: str) -> list[str]:
    """The line(s) that replace `line` after one edit."""
    at = draw(st.integers(0, max(len(line) - 1, 0)))
    if op == "delete_char":
        return [line[:at] + line[at + 1:]]
    if op == "insert_char":
        return [line[:at] + draw(st.sampled_from(YAML_CHARS)) + line[at:]]
    if op == "duplicate_char":
        return [line[:at] + line[at:at + 1] * 2 + line[at + 1:]]
    if op == "delete_line":
        return []
    if op == "duplicate_line":
        return [line, line]
    if op == "insert_line":
        indent = " " * draw(st.sampled_from([0, 2, 4, 6, 8, 10, 12]))
        key = draw(st.sampled_from(["value", "label", "figure", "at", "previous", "x", "- name", "-", "title"]))
        return [f"{indent}{key}: {draw(SCALARS)}\n", line]
    if op == "swap_value":
        head, sep, _ = line.partition(": ")
        return [f"{head}{sep or ': '}{draw(SCALARS)}\n"]
    if op == "indent":
        shift = draw(st.sampled_from([-4, -2, -1, 1, 2, 4]))
        stripped = line.lstrip(" ")
        width = max(len(line) - len(stripped) + shift, 0)
        return [" " * width + stripped]
    return [NUMBER.sub(draw(st.sampled_from(["three", "one hundred", "a few", "1.7 million"])), line)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutations())
def test_mangled_data_file_gives_report_or_errors(text: str) -> None:
    """load_report returns a Report with no errors, or None with at least one error; it never raises."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mangled.yaml"
        path.write_text(text, encoding="utf-8")
        problems = Collector()
        report = load_report(path, problems)
        if report is None:
            assert problems.has_errors
        else:
            assert not problems.has_errors
        line_count = len(LINE_BREAK.split(text))
        for diagnostic in problems.items:
            assert diagnostic.message and diagnostic.span.line >= 1 and diagnostic.span.column >= 1
            assert diagnostic.span.path != str(path) or diagnostic.span.line <= line_count
            diagnostic.format()


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=400))
def test_random_bytes_give_report_or_errors(data: bytes) -> None:
    """Arbitrary bytes (binary, bad UTF-8, NULs) are diagnosed, never raised."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bytes.yaml"
        path.write_bytes(data)
        problems = Collector()
        assert load_report(path, problems) is None
        assert problems.has_errors
