"""Explain a YAML syntax error at the place the mistake was made, not where the parser gave up.

PyYAML reports where it stopped making sense of the text. For the commonest
mistakes (an unclosed quote or bracket, a missing colon, a stray tab, a colon
inside an unquoted value) the real mistake is earlier, and we point there.
"""

from __future__ import annotations

import yaml

Described = tuple[int, int, str, str]  # 1-based line, column, message, hint

_INDENT_HINT = "check the indentation of this line against the lines above"


def describe_syntax_error(exc: yaml.MarkedYAMLError, text: str) -> Described:
    """Line, column, message and hint for a YAML syntax error in `text`."""
    problem = str(exc.problem or exc.context or "")
    context = str(exc.context or "")
    at = exc.problem_mark or exc.context_mark
    where = _mark(at)
    opened = _mark(exc.context_mark) if exc.context_mark is not None else where
    if "quoted scalar" in context:
        return (*opened, "YAML syntax error: the quote that opens here is never closed",
                "add the closing quote at the end of the text")
    if context.startswith("while parsing a flow") and exc.context_mark and at and at.line > exc.context_mark.line:
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        return (*opened, f"YAML syntax error: the {bracket} that opens here is not closed",
                f"add the closing {closing} on this line (YAML reached line {where[0]} without finding it)")
    if "could not find expected ':'" in problem and exc.context_mark is not None:
        return (*opened, "YAML syntax error: this line has no ':' after its key",
                "write `key: value`; every line of a mapping starts with a key")
    runaway = _runaway_quote(text, at)
    if runaway is not None:
        return runaway
    if _after_closing_quote(text, at):
        return (*where, "YAML syntax error: text follows the closing quote",
                "quote the whole value; inside 'single quotes' write a quote twice (it''s)")
    return (*where, _message(exc, problem, context, text, at), _hint(problem, text, at))


def _mark(mark: yaml.Mark | None) -> tuple[int, int]:
    """1-based (line, column) of a PyYAML mark."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _message(exc: yaml.MarkedYAMLError, problem: str, context: str, text: str, at: yaml.Mark | None) -> str:
    """YAML's own wording, made specific where it is cryptic."""
    if "cannot start any token" in problem and at is not None:
        char = _char_at(text, at)
        if char == "\t":
            return "YAML syntax error: a tab is used for indentation"
        return f"YAML syntax error: a value cannot start with {char!r}"
    if "found another document" in problem:
        return "YAML syntax error: a second document starts here"
    if "second occurrence" in problem:
        return "YAML syntax error: this anchor (&name) is already set earlier in the file"
    if "mapping values are not allowed" in problem:
        return "YAML syntax error: unexpected ': ' (mapping values are not allowed here)"
    if "maximum nesting depth" in problem:
        return "YAML syntax error: the values are nested too deeply"
    return f"YAML syntax error: {problem}"


def _hint(problem: str, text: str, at: yaml.Mark | None) -> str:
    """What to do about the commonest YAML mistakes."""
    if "tab" in problem or (at is not None and _char_at(text, at) == "\t"):
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be quoted" if _key_earlier_on_line(text, at) else _INDENT_HINT
    if "expected key" in problem or "'-' indicator" in problem or "indentation" in problem:
        return _INDENT_HINT
    if "cannot start any token" in problem:
        return "quote the value"
    if "second occurrence" in problem:
        return "give each anchor its own name"
    if "undefined alias" in problem:
        return "an alias (*name) must name an anchor (&name) set earlier in the file"
    if "found another document" in problem:
        return "a data file is one YAML document; remove this '---' line or what follows it"
    if "maximum nesting depth" in problem:
        return "a data file needs only a few levels; check the brackets"
    if "unexpected end of stream" in problem:
        return "a quoted string or bracket is not closed"
    return "check the YAML syntax near this position"


def _char_at(text: str, mark: yaml.Mark) -> str:
    """The character at a mark, or "" past the end."""
    index = mark.index
    return text[index] if 0 <= index < len(text) else ""


def _line_before(text: str, mark: yaml.Mark | None) -> str:
    """The text of the mark's line up to the mark."""
    if mark is None:
        return ""
    start = text.rfind("\n", 0, mark.index) + 1
    return text[start:mark.index]


def _key_earlier_on_line(text: str, mark: yaml.Mark | None) -> bool:
    """True when the line already has `key: ` before the mark (so this ': ' is inside a value)."""
    before = _line_before(text, mark)
    return ": " in before or ":\t" in before


def _scalar_tokens_before(text: str, mark: yaml.Mark) -> list[yaml.ScalarToken]:
    """The scalar tokens that start before `mark` (scanning stops at a scanner error)."""
    tokens: list[yaml.ScalarToken] = []
    try:
        for token in yaml.scan(text, Loader=_scanner()):
            if token.start_mark.index >= mark.index:
                break
            if isinstance(token, yaml.ScalarToken):
                tokens.append(token)
    except yaml.YAMLError:
        pass
    return tokens


def _scanner() -> type:
    """libyaml's scanner where available (fast), else PyYAML's."""
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _last_quoted(text: str, mark: yaml.Mark | None) -> yaml.ScalarToken | None:
    """The last scalar before the mark, when it was written in quotes."""
    if mark is None:
        return None
    tokens = _scalar_tokens_before(text, mark)
    if tokens and tokens[-1].style in ("'", '"'):
        return tokens[-1]
    return None


def _runaway_quote(text: str, mark: yaml.Mark | None) -> Described | None:
    """A quoted text that ran on over several lines up to the error: its closing quote is missing."""
    token = _last_quoted(text, mark)
    if token is None or mark is None:
        return None
    start, end = token.start_mark, token.end_mark
    if start.line < end.line and end.line == mark.line:
        return (start.line + 1, start.column + 1, "YAML syntax error: the quoted text that starts here is not closed",
                f"add the closing {token.style} on this line (the text runs on to line {end.line + 1}, "
                "where YAML stops making sense of it)")
    return None


def _after_closing_quote(text: str, mark: yaml.Mark | None) -> bool:
    """True when the error comes right after a quoted text on the same line: `'it's'`, `"x" y`."""
    token = _last_quoted(text, mark)
    if token is None or mark is None:
        return False
    end = token.end_mark
    between = text[end.index:mark.index]
    return end.line == mark.line and between.strip() == "" and _char_at(text, mark) not in (":", "#", "\n", "")
