"""A small subset of Excel number formats, for axis ticks and label comparison.

Data labels always use the series' own label strings; this module only formats
value-axis tick numbers (which have no label strings) the way the deck's
native axis will, and tells the deck whether a label differs from what the
number format alone would show. Digits are written with the report locale's
separators and grouping, as PowerPoint does on a computer set to that locale
(the code itself is locale-neutral: "," and "." are placeholders).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable

from generator.model.numpattern import symbols

# Quoted literal | escaped char | [bracket] | digit placeholders | any other char.
_TOKENS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|[0#?][0#?,.]*|\.[0#?][0#?,.]*|.')
_PLACEHOLDER = re.compile(r"[0#?.]")


@dataclass(frozen=True)
class _Section:
    """One parsed ';'-section of a format code."""

    prefix: str
    suffix: str
    int_zeros: int
    decimals_min: int
    decimals_max: int
    grouping: bool
    scale: int  # trailing commas: divide by 1000 each
    percent: bool


def format_number(value: float, code: str, locale: str = "en-GB") -> str:
    """Format `value` as Excel would with format `code` (common codes only) on a computer set to `locale`."""
    if not code or code.lower() == "general":
        return _general(value)
    sections = _split_sections(code)
    if value < 0 and len(sections) > 1:
        return _apply(_parse(sections[1]), -value, locale)
    if value == 0 and len(sections) > 2:
        return _apply(_parse(sections[2]), value, locale)
    text = _apply(_parse(sections[0]), abs(value), locale)
    return symbols(_babel(locale)).minus + text if value < 0 and _has_nonzero_digit(text) else text


def with_decimals(code: str, places: int) -> str:
    """`code` with its first section's decimal places set to `places` (for axis ticks of a finer step)."""
    def change(run: str) -> str:
        whole = run.rstrip(",").partition(".")[0]
        return whole + ("." + "0" * places if places > 0 else "") + run[len(run.rstrip(",")):]

    sections = _split_sections(code)
    return ";".join([_replace_digits(sections[0], change), *sections[1:]])


def decimals(code: str) -> int:
    """Number of decimal places the first section of `code` shows at most."""
    if not code or code.lower() == "general":
        return 6
    return _parse(_split_sections(code)[0]).decimals_max


def is_percent(code: str) -> bool:
    """True when the format multiplies by 100 and shows a percent sign."""
    return bool(code) and _parse(_split_sections(code)[0]).percent


def _general(value: float) -> str:
    """Excel's General format, close enough for chart numbers."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10g}"


def _split_sections(code: str) -> list[str]:
    """Split on ';' outside quotes and brackets."""
    parts, current = [], ""
    for token in _TOKENS.findall(code):
        if token == ";":
            parts.append(current)
            current = ""
        else:
            current += token
    parts.append(current)
    return parts


def _parse(section: str) -> _Section:
    """Parse one section into literal prefix/suffix and digit rules."""
    prefix, suffix, digits, percent = "", "", "", False
    for token in _TOKENS.findall(section):
        if _PLACEHOLDER.match(token) and not digits:
            digits = token
            continue
        literal = _literal(token)
        percent = percent or token == "%"
        if digits:
            suffix += literal
        else:
            prefix += literal
    return _digit_rules(prefix, suffix, digits, percent)


def _digit_rules(prefix: str, suffix: str, digits: str, percent: bool) -> _Section:
    """Work out grouping, scaling and decimals from the placeholder run."""
    stripped = digits.rstrip(",")
    scale = len(digits) - len(stripped)
    whole, _, frac = stripped.partition(".")
    return _Section(
        prefix=prefix,
        suffix=suffix,
        int_zeros=whole.count("0"),
        decimals_min=frac.count("0"),
        decimals_max=len(frac.replace(",", "")),
        grouping="," in whole,
        scale=scale,
        percent=percent,
    )


def _literal(token: str) -> str:
    """The text a non-placeholder token contributes to the output."""
    if token.startswith('"'):
        return token[1:-1]
    if token.startswith("\\"):
        return token[1:]
    if token.startswith("["):
        # "[$£-809]" is a currency/locale tag; "[Red]" etc. are colours.
        return token[2:].split("-")[0] if token.startswith("[$") else ""
    if token in ("_", "*"):
        return ""
    return token


def scaled(code: str, thousands: int, before: str, after: str) -> str:
    """`code` dividing by 1000 ** `thousands` with an abbreviation around the digits ("$100M").

    Zero gets its own section, so the axis starts at "$0", not "$0M".
    """
    first = _split_sections(code)[0]
    return ";".join([_replace_digits(first, lambda d: _quoted(before) + d + "," * thousands + _quoted(after)),
                     "-" + _replace_digits(first, lambda d: _quoted(before) + d + "," * thousands + _quoted(after)),
                     _replace_digits(first, lambda d: "0")])


def _replace_digits(section: str, change: Callable[[str], str]) -> str:
    """`section` with its first run of digit placeholders replaced by `change(run)`."""
    out, done = "", False
    for token in _TOKENS.findall(section):
        if not done and _PLACEHOLDER.match(token):
            token, done = change(token), True
        out += token
    return out


def _quoted(literal: str) -> str:
    """A literal for a format code."""
    return f'"{literal}"' if literal else ""


def _babel(locale: str) -> str:
    """A data file's "en-GB" as Babel names it."""
    return locale.replace("-", "_")


def _apply(sec: _Section, value: float, locale: str = "en-GB") -> str:
    """Render a non-negative value with one parsed section, in the locale's separators."""
    scaled = Decimal(repr(value)) * (100 if sec.percent else 1) / (Decimal(1000) ** sec.scale)
    quantum = Decimal(1).scaleb(-sec.decimals_max)
    rounded = scaled.quantize(quantum, rounding=ROUND_HALF_UP)
    whole, _, frac = f"{rounded:f}".partition(".")
    frac = frac.rstrip("0").ljust(sec.decimals_min, "0")
    whole = whole.lstrip("0").rjust(sec.int_zeros, "0")
    table = symbols(_babel(locale))
    if sec.grouping and whole:
        whole = table.group_digits(whole)
    number = f"{whole}{table.decimal}{frac}" if frac else whole
    return f"{sec.prefix}{number}{sec.suffix}"


def _has_nonzero_digit(text: str) -> bool:
    """Excel shows no minus sign when the value rounds to zero."""
    return any(ch in "123456789" for ch in text)
