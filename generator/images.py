"""Image files the layouts and themes name: what kind each is and how big, read before anything draws it."""

from __future__ import annotations

from pathlib import Path

KINDS = ("png", "jpeg", "svg")


def kind_of(path: Path) -> str | None:
    """"png", "jpeg" or "svg" from the file's first bytes (never its name); None for anything else."""
    with open(path, "rb") as handle:
        head = handle.read(1024)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if (text.startswith(b"<?xml") or text.startswith(b"<svg") or text.startswith(b"<!--")) and b"<svg" in head:
        return "svg"
    return None


def size_of(path: Path) -> tuple[float, float]:
    """An image's width and height: pixels for PNG and JPEG, points for SVG (only the ratio matters)."""
    if kind_of(path) == "svg":
        from svglib.svglib import svg2rlg

        drawing = svg2rlg(str(path))
        return (float(drawing.width), float(drawing.height)) if drawing else (1.0, 1.0)
    from PIL import Image

    with Image.open(path) as image:
        return float(image.size[0]), float(image.size[1])
