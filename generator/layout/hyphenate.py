"""Hyphenation of running text in narrow columns, in the report's language (pyphen's dictionaries).

A hyphen the breaker inserts is written into the laid-out text as SOFT HYPHEN (U+00AD),
as ISO 32000 asks of tagged PDF: the PDF draws a hyphen glyph there and tells text
extraction and screen readers it is a soft hyphen, so the word reads whole.

Only ordinary words are hyphenated: never a word with a capital (names, acronyms, the
start of a sentence), a digit (figures), a link, or the characters of an address
(`@ / . :`). A word is hyphenated only when it is long enough to leave fragments of at
least `left` and `right` letters, and a word that already has a hyphen ("co-ordinated")
breaks after its own hyphen. The line breaker (generator.layout.text) decides when a
break is worth it and never hyphenates more than `max_run` lines in a row.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pyphen

SOFT_HYPHEN = "\u00ad"
# A word made of letters (apostrophes and hyphens inside), with any punctuation around it.
_WORD = re.compile(r"^([(\[“‘\"']*)([^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*)([)\]”’\"',.;:!?…]*)$")


@dataclass(frozen=True)
class Hyphenation:
    """How running text is hyphenated: the dictionary, the shortest fragments and how many lines in a row."""

    language: str  # a pyphen dictionary name, e.g. "en_GB"
    left: int = 3  # letters kept before a hyphen
    right: int = 3  # letters carried to the next line
    min_word: int = 7  # shorter words are never hyphenated
    max_run: int = 2  # consecutive lines that may end with a hyphen
    zone: float = 0.15  # a word is hyphenated only when leaving it whole would empty this share of the line


@functools.lru_cache(maxsize=64)
def for_locale(locale: str) -> Hyphenation | None:
    """Hyphenation in a CLDR locale's language ("en-GB" -> en_GB, "en-NZ" -> en), or None without a dictionary."""
    language = pyphen.language_fallback(locale.replace("-", "_"))
    return Hyphenation(language) if language else None


@functools.lru_cache(maxsize=8192)
def break_points(word: str, rules: Hyphenation) -> tuple[tuple[str, str], ...]:
    """Every way of cutting `word` at a line end, as (the part left on the line with its hyphen, the rest), longest first.

    The hyphen is the word's own in a compound, else a soft hyphen.

    Empty when the word may not be hyphenated (see the module's rules). Memoised: text is
    set at many sizes while it is fitted, and this is a pure function.
    """
    match = _WORD.match(word)
    if not match:
        return ()
    before, core, after = match.groups()
    if core != core.lower():
        return ()
    if "-" in core:  # a compound breaks only after its own hyphen, which stays on the line
        cuts = [m.end() for m in re.finditer("-", core)]
        pairs = [(core[:at], core[at:]) for at in cuts if at - 1 >= rules.left and len(core) - at >= rules.right]
    elif len(core) >= rules.min_word:
        points = _dictionary(rules.language, rules.left, rules.right).positions(core)
        pairs = [(core[:at] + SOFT_HYPHEN, core[at:]) for at in points if rules.left <= at <= len(core) - rules.right]
    else:
        pairs = []
    return tuple((before + head, tail + after) for head, tail in sorted(pairs, key=lambda p: len(p[0]), reverse=True))


@functools.lru_cache(maxsize=8)
def _dictionary(language: str, left: int, right: int) -> pyphen.Pyphen:
    """A loaded pyphen dictionary (loading parses the pattern file, so it is kept)."""
    return pyphen.Pyphen(lang=language, left=left, right=right)


def shown(text: str) -> str:
    """Text as it is drawn: a soft hyphen (only ever at a line end) as a hyphen."""
    return text.replace(SOFT_HYPHEN, "-")
