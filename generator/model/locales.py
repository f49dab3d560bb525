"""The report's locale: any locale Babel (CLDR) knows, checked where it is written."""

from __future__ import annotations

import difflib
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.localedata import locale_identifiers

DEFAULT = "en-GB"


def canonical(name: str) -> str | None:
    """The locale as CLDR spells it ("en-nz" gives "en-NZ"), or None when Babel does not know it.

    Babel quietly replaces a territory it has no data for by a likely one
    ("en-ZZ" becomes en_US), which would print another country's formats; a
    locale is only taken when Babel keeps the language and territory written.
    """
    try:
        parsed = Locale.parse(name.strip(), sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    written = [part.lower() for part in name.strip().split("-")]
    if parsed.language != written[0] or (parsed.territory or "").lower() not in ("", *written[1:]):
        return None
    if len(written) > 1 and parsed.territory is None and parsed.script is None:
        return None  # a territory or variant was written and dropped
    return str(parsed).replace("_", "-")


def close_matches(name: str, limit: int = 5) -> list[str]:
    """Known locales spelt most like `name`, for a hint: the locale itself when only its spelling is off.

    "en_GB" and "en-gb" give en-GB; an old territory code ("en-UK") gives its
    CLDR replacement; otherwise the known locales nearest in spelling.
    """
    written = name.strip().replace("_", "-")
    exact = canonical(written) if written != name.strip() else None
    if exact is not None:
        return [exact]
    language, _, territory = written.partition("-")
    renamed = [canonical(f"{language}-{t}") for t in get_global("territory_aliases").get(territory.upper(), [])]
    if any(renamed):
        return [r for r in renamed if r][:limit]
    return difflib.get_close_matches(written, _known(), n=limit, cutoff=0.5)


def hint(name: str) -> str:
    """What to write instead of an unknown locale."""
    close = close_matches(name) if isinstance(name, str) else []
    if len(close) == 1:
        return f"did you mean {close[0]!r}?"
    if close:
        return "did you mean one of " + ", ".join(repr(c) for c in close) + "?"
    return "write a language and region as CLDR names them, e.g. en-GB, en-NZ, de-DE or fr-FR"


@lru_cache(maxsize=1)
def _known() -> list[str]:
    """Every locale Babel has data for, written with hyphens ("en-NZ")."""
    return sorted(i.replace("_", "-") for i in locale_identifiers())
