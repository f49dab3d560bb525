"""Web addresses and e-mail addresses found in plain text, so both backends can make them links."""

from __future__ import annotations

import re

# A scheme or "www.", an e-mail address, or a bare domain on a common public suffix (with any path).
_ADDRESS = re.compile(
    r"(?:https?://|www\.)[^\s<>\"]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:uk|com|org|net|gov|nz|au|ie|eu|int|io|info)\b(?:/[^\s<>\"]*)?",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?)]}’”'\""  # sentence punctuation after an address is not part of it


def target(address: str) -> str:
    """The URL an address in text points at (mailto: for e-mail, https:// when no scheme is written)."""
    if re.match(r"https?://", address, re.IGNORECASE):
        return address
    if "@" in address and "/" not in address:
        return "mailto:" + address
    return "https://" + address


def split_links(text: str) -> list[tuple[str, str | None]]:
    """`text` cut into consecutive parts, each with the URL it links to (None for plain words)."""
    parts: list[tuple[str, str | None]] = []
    at = 0
    for match in _ADDRESS.finditer(text):
        address = match.group(0).rstrip(_TRAILING)
        if not address or "." not in address:
            continue
        start, end = match.start(), match.start() + len(address)
        if start > at:
            parts.append((text[at:start], None))
        parts.append((address, target(address)))
        at = end
    if at < len(text) or not parts:
        parts.append((text[at:], None))
    return parts
