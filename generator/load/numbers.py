"""Numbers that mean what was written: YAML 1.1's other ways of writing an integer are refused.

PyYAML follows YAML 1.1, where `017` is octal (15), `0x1F` hexadecimal (31),
`0b101` binary (5), `1:20` base 60 (80) and `1_000` is 1000. Someone typing
a figure into a report means none of these, and the review would print a
number they did not write. Each is an error here, with the value YAML would
have read and what to write instead; so is an integer longer than any report
needs (Python would spend seconds converting a 100,000-digit one).
"""

from __future__ import annotations

import re

import yaml

# The plain decimal forms: an optional sign, then digits without a leading zero (or 0 itself);
# floats with a point and optional exponent.
_DECIMAL_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_DECIMAL_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
MAX_DIGITS = 30
Odd = tuple[str, str]  # message, hint


def odd_number(text: str, integer: bool) -> Odd | None:
    """Why a scalar YAML resolved as a number is not plainly written in decimal, or None when it is."""
    plain = _DECIMAL_INT if integer else _DECIMAL_FLOAT
    if plain.fullmatch(text):
        digits = sum(ch.isdigit() for ch in text)
        if integer and digits > MAX_DIGITS:
            return (f"a number with {digits} digits is beyond anything a report states",
                    "values are limited to a quadrillion (16 digits) either way")
        return None
    unsigned = text.lstrip("+-")
    value = _yaml_value(text, integer)
    read = f" {value}" if value is not None else ""
    quote = f"; if it is text, quote it: '{text}'"
    if ":" in text:
        return (f"{text!r} would be read as the base-60 number{read}",
                f"write numbers in decimal digits; if it is a time, a ratio or other text, quote it: '{text}'")
    if "_" in text:
        return (f"{text!r} has underscores between its digits" + (f" (YAML would read{read})" if read else ""),
                f"write the number without separators{_example(value)}{quote}")
    if unsigned[:2] in ("0x", "0X", "0b", "0B"):
        base = "hexadecimal" if unsigned[1] in "xX" else "binary"
        return (f"{text!r} is a {base} number" + (f" ({value} in decimal)" if read else ""),
                f"write numbers in decimal digits{_example(value)}{quote}")
    if integer and unsigned.startswith("0"):
        return (f"{text!r} starts with 0, so YAML would read it as the octal number{read}",
                f"write the number without leading zeros{_example(_strip_zeros(text))}{quote}")
    return None  # another float spelling (`1.`, `+.5e+3`) that reads as written


def _yaml_value(text: str, integer: bool) -> int | float | None:
    """What YAML 1.1 would have read (to show the surprise), or None if even YAML cannot read it."""
    tag = "tag:yaml.org,2002:int" if integer else "tag:yaml.org,2002:float"
    node = yaml.ScalarNode(tag, text)
    constructor = yaml.SafeLoader.yaml_constructors[tag]
    try:
        return constructor(_SCALAR_LOADER, node)
    except (ValueError, OverflowError):
        return None


def _example(value: int | float | str | None) -> str:
    """ ' (31)' when there is a value to show."""
    return f" ({value})" if value is not None else ""


def _strip_zeros(text: str) -> str:
    """017 -> 17, -007 -> -7, 00 -> 0."""
    sign = text[0] if text[0] in "+-" else ""
    return sign + (text.lstrip("+-").lstrip("0") or "0")


# SafeLoader's scalar constructors read no state from the loader they are given.
_SCALAR_LOADER = yaml.SafeLoader("")
