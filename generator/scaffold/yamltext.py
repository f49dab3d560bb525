"""A small YAML writer for the subset data files use, keeping comments: block mappings, lists and scalars.

PyYAML can dump values but not comments, and a scaffolded data file is mostly
comments: what each key means, what to fill in, last year's wording. So the
text is written here, one line per key, and every scalar is checked to read
back as itself (plain when PyYAML reads it back unchanged, else double-quoted).
"""

from __future__ import annotations

import datetime
import math
import re
import textwrap
from dataclasses import dataclass
from decimal import Decimal
from typing import Union

import yaml

try:  # libyaml is several times faster at reading the scalars back; fall back to pure Python.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Scalar = Union[str, int, float, bool, datetime.date, None]
INDENT = 2
WIDTH = 88  # comment lines above a key are wrapped to this width
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Characters YAML allows unescaped (PyYAML's reader), minus its line breaks NEL, LS and PS.
_PRINTABLE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


@dataclass(frozen=True)
class Item:
    """One key (or, with no key, one `- ` list item), its value, and the comments that go with it.

    `note` is a comment at the end of the line; `doc` are comment lines above it;
    `off` writes the item and everything below it commented out, for a person to
    uncomment when they need it.
    """

    key: str | None
    value: "Scalar | Block" = None
    note: str | None = None
    doc: tuple[str, ...] = ()
    off: bool = False


@dataclass(frozen=True)
class Remark:
    """A comment line (or paragraph) on its own, among the items of a block."""

    text: str


@dataclass(frozen=True)
class Block:
    """A mapping (items with keys) or a list (items without), possibly empty."""

    items: tuple["Item | Remark", ...] = ()
    is_list: bool = False


def mapping(*items: Item | Remark) -> Block:
    """A block mapping of these items."""
    return Block(tuple(items))


def listing(*items: Item | Remark) -> Block:
    """A block list of these items (their keys are None)."""
    return Block(tuple(items), is_list=True)


def document(block: Block, header: tuple[str, ...] = (), first: str | None = None) -> str:
    """The whole file: a first comment line as given, header paragraphs wrapped, then the top-level mapping.

    The first line is never wrapped: editors read the schema from it. Top-level keys are a blank line apart.
    """
    lines = ([_comment(first)] if first is not None else []) + _docs(header, 0)
    for item in block.items:
        if lines:
            lines.append("")
        lines.extend(_entry(item, 0))
    return "\n".join(lines) + "\n"


def _comment(text: str) -> str:
    """One comment line; an empty text gives a bare `#`."""
    text = _one_line(text)
    return f"# {text}" if text else "#"


def _one_line(text: str) -> str:
    """Text safe in a comment: anything YAML could read as a line break (or refuse) becomes a space."""
    return "".join(c if _PRINTABLE.match(c) else " " for c in text).strip()


def _docs(texts: tuple[str, ...], indent: int) -> list[str]:
    """Comment lines above an item, each paragraph wrapped."""
    pad = " " * indent
    out: list[str] = []
    for text in texts:
        wrapped = textwrap.wrap(text, WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False)
        out.extend(pad + _comment(line) for line in wrapped or [""])
    return out


def _entry(entry: Item | Remark, indent: int) -> list[str]:
    """The lines of one item (or remark) at this indentation."""
    if isinstance(entry, Remark):
        return _docs((entry.text,), indent)
    body = _item_lines(entry, indent)
    if entry.off:
        pad = " " * indent
        body = [pad + "# " + line[indent:] for line in body]
    return _docs(entry.doc, indent) + body


def _item_lines(item: Item, indent: int) -> list[str]:
    """The lines of an item's key and value (uncommented)."""
    pad = " " * indent
    head = pad + ("-" if item.key is None else key_text(item.key) + ":")
    value = item.value
    if isinstance(value, Block) and value.items:
        children = _block_lines(value, indent + INDENT)
        if item.key is None and not value.is_list and not item.note and _starts_with_key(value):
            # `- name: x` with the mapping's other keys lined up under `name`.
            first = children[0]
            return [_with_note(pad + "- " + first[indent + INDENT:], item.note)] + children[1:]
        return [_with_note(head, item.note)] + children
    text = ("[]" if value.is_list else "{}") if isinstance(value, Block) else scalar_text(value)
    return [_with_note(head + (" " + text if text else ""), item.note)]


def _starts_with_key(block: Block) -> bool:
    """True when a mapping's first line is a key of its own (no remark or comment above it), so `- ` can join it."""
    first = block.items[0]
    return isinstance(first, Item) and not first.doc and not first.off


def _block_lines(block: Block, indent: int) -> list[str]:
    """The lines of every item of a block."""
    return [line for item in block.items for line in _entry(item, indent)]


def _with_note(line: str, note: str | None) -> str:
    """A line with its end-of-line comment, if any (newlines in the note become spaces)."""
    return line if not note else f"{line}  # {' '.join(_one_line(note).split())}"


def key_text(key: str) -> str:
    """A mapping key: bare when it is a plain name that reads back as text (not `on:` or `null:`), else double-quoted."""
    return key if _KEY.match(key) and _plain_is_safe(key) else _double_quoted(key)


def scalar_text(value: Scalar) -> str:
    """A scalar as YAML text that reads back as the same value (empty for None: a key with nothing after it)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return value if _plain_is_safe(value) else _double_quoted(value)
    raise TypeError(f"cannot write a {type(value).__name__} as a YAML scalar")


def _float_text(value: float) -> str:
    """A float in positional notation: PyYAML reads `1e-05` as text, so exponents are written out."""
    if not math.isfinite(value):
        raise ValueError("only finite numbers are written")
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text if "." in text else text + ".0"


def _plain_is_safe(text: str) -> bool:
    """True when `text` written bare reads back as this very text, after a key, after `- `, and before a comment."""
    if not text or text != text.strip() or not all(_PRINTABLE.match(c) for c in text):
        return False
    try:
        return (yaml.load(f"k: {text}  # c", Loader=_Loader) == {"k": text}
                and yaml.load(f"- {text}", Loader=_Loader) == [text])
    except yaml.YAMLError:
        return False


def _double_quoted(text: str) -> str:
    """Text in double quotes, escaping quotes, backslashes and every character YAML does not allow bare."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _PRINTABLE.match(char):
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
    return '"' + "".join(out) + '"'
