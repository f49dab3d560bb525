"""What kind of file a font or image path names, decided from its first bytes before any library reads it.

A layout or theme may name a font or an image. The libraries that draw them
(reportlab, python-pptx, Pillow) trust what they are given: a text file named
`logo.png` or a PNG that claims to be 100,000 pixels square reaches their
parsers and fails deep inside (or exhausts memory). So the bytes are checked
here first: the signature, and for images the size the header declares,
before the image is decoded once under our own pixel limit.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

from generator.load.boundary import Boundary, Refused, read_bytes

MAX_FONT_BYTES = 32 * 1024 * 1024
MAX_IMAGE_BYTES = 32 * 1024 * 1024
# Forty megapixels: more than any print image of a report needs (an A4 page at
# 300 dpi is under nine), far below what would exhaust memory when decoded.
MAX_IMAGE_PIXELS = 40_000_000

_TRUETYPE = (b"\x00\x01\x00\x00", b"true", b"ttcf")
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"


def image_file(boundary: Boundary, path: Path) -> Path:
    """The resolved path of a PNG, JPEG or SVG image inside the project; raise Refused for anything else."""
    real = boundary.admit(path)
    check_image(real)
    return real


def font_file(boundary: Boundary, path: Path) -> Path:
    """The resolved path of a TrueType font file inside the project; raise Refused for anything else."""
    real = boundary.admit(path)
    check_font(real)
    return real


def check_font(path: Path) -> None:
    """Refuse a font file that is not TrueType (reportlab, which embeds it, reads only TrueType)."""
    head = read_bytes(path, MAX_FONT_BYTES, head=4)
    if head in _TRUETYPE:
        return
    if head == b"OTTO":
        raise Refused("is an OpenType font with PostScript outlines, which the PDF cannot embed",
                      "use the TrueType (.ttf) version of the font")
    if head in (b"wOFF", b"wOF2"):
        raise Refused("is a web font (WOFF)", "use the TrueType (.ttf) version of the font")
    raise Refused("is not a TrueType font file", "use a TrueType (.ttf) font file")


def check_image(path: Path) -> None:
    """Refuse anything but a PNG or JPEG within the pixel limit that decodes, or a self-contained SVG."""
    data = read_bytes(path, MAX_IMAGE_BYTES)
    if _looks_like_svg(data):
        from generator.load.svgcheck import check_svg

        check_svg(data, _check_raster)
        return
    _check_raster(data)


def _check_raster(data: bytes) -> None:
    """Refuse bytes that are not a PNG or JPEG within the pixel limit that decodes cleanly."""
    if data.startswith(_PNG):
        width, height = _png_size(data)
    elif data.startswith(_JPEG):
        width, height = _jpeg_size(data)
    else:
        raise Refused("is not a PNG, JPEG or SVG image", "export the image as PNG, JPEG or SVG")
    if width <= 0 or height <= 0:
        raise Refused("is an image with no pixels (its header is damaged)", "export the image again")
    if width * height > MAX_IMAGE_PIXELS:
        raise Refused(f"is {width:,} × {height:,} pixels, more than the {MAX_IMAGE_PIXELS:,} allowed",
                      "scale the image down; 300 pixels per inch of the printed size is plenty")
    _decode(data)


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk, which must come first."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise Refused("is a damaged PNG image (it has no header chunk)", "export the image again")
    return struct.unpack(">II", data[16:24])


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Width and height from a JPEG's first start-of-frame marker."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            break
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2:at + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC) and at + 9 <= len(data):
            height, width = struct.unpack(">HH", data[at + 5:at + 9])
            return width, height
        if length < 2:
            break
        at += 2 + length
    raise Refused("is a damaged JPEG image (no frame header found)", "export the image again")


def _looks_like_svg(data: bytes) -> bool:
    """True for XML text whose first kilobyte opens an <svg> element."""
    start = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith((b"<?xml", b"<svg", b"<!DOCTYPE svg", b"<!--")) and b"<svg" in data[:4096]


def _decode(data: bytes) -> None:
    """Decode the whole image once, so a damaged one is refused here and not half-way through drawing.

    Pillow is only reached after our own pixel check, which is far below its
    decompression-bomb threshold, so its process-wide limit never comes into play.
    """
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except Exception:  # noqa: BLE001 - a decoder fed damaged bytes raises anything; the bytes are the problem
        raise Refused("is a damaged image (it cannot be decoded)", "export the image again") from None
