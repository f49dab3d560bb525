"""A small subset of Excel number formats, for axis ticks and label comparison.

Data labels always use the series' own label strings; this module only formats
value-axis tick numbers (which have no label strings) the way the deck's
native axis will, and tells the deck whether a label differs from what the
number format alone would show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

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


def format_number(value: float, code: str) -> str:
    """Format `value` as Excel would with format `code` (common codes only)."""
    if not code or code.lower() == "general":
        return _general(value)
    sections = _split_sections(code)
    if value < 0 and len(sections) > 1:
        return _apply(_parse(sections[1]), -value)
    if value == 0 and len(sections) > 2:
        return _apply(_parse(sections[2]), value)
    text = _apply(_parse(sections[0]), abs(value))
    return "-" + text if value < 0 and _has_nonzero_digit(text) else text


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


def _apply(sec: _Section, value: float) -> str:
    """Render a non-negative value with one parsed section."""
    scaled = Decimal(repr(value)) * (100 if sec.percent else 1) / (Decimal(1000) ** sec.scale)
    quantum = Decimal(1).scaleb(-sec.decimals_max)
    rounded = scaled.quantize(quantum, rounding=ROUND_HALF_UP)
    whole, _, frac = f"{rounded:f}".partition(".")
    frac = frac.rstrip("0").ljust(sec.decimals_min, "0")
    whole = whole.lstrip("0").rjust(sec.int_zeros, "0")
    if sec.grouping and whole:
        whole = f"{int(whole):,}"
    number = f"{whole}.{frac}" if frac else whole
    return f"{sec.prefix}{number}{sec.suffix}"


def _has_nonzero_digit(text: str) -> bool:
    """Excel shows no minus sign when the value rounds to zero."""
    return any(ch in "123456789" for ch in text)
