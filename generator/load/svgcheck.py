"""An SVG is accepted only when it is self-contained: no entities, no references to other files.

SVG is XML, and XML can name other files: an entity declared `SYSTEM
"file:///etc/passwd"`, an `<image href="../../secret.png">`, a CSS `url(...)` or
`@import`. The SVG renderer (svglib) follows some of these, which would read
files outside the project, and entities can also expand a small file into
gigabytes. So the file is parsed here with entities, DTDs and the network
off, and refused when it declares a DOCTYPE, refers to anything but its own
elements (`#id`) or an embedded `data:` image, or holds more elements than a
logo needs. Embedded raster images are checked like image files.
"""

from __future__ import annotations

import base64
import re
from typing import Callable

from generator.load.boundary import Refused

MAX_ELEMENTS = 100_000
_SVG_NS = "{http://www.w3.org/2000/svg}"
_URL = re.compile(rb"url\(\s*['\"]?\s*([^'\")\s]*)", re.I)
_DATA_IMAGE = re.compile(r"data:image/(png|jpeg|jpg);base64,(.*)", re.S | re.I)


def check_svg(data: bytes, check_raster: Callable[[bytes], None]) -> None:
    """Refuse an SVG that declares entities, refers to other files, is damaged or too large."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise Refused("is an SVG with a DOCTYPE or entities, which could read other files",
                      "save it as plain SVG (most editors have an option for it)")
    if re.search(rb"@import", data, re.I):
        raise Refused("is an SVG whose style imports another file", "save it with its styles inline")
    for target in _URL.findall(data):
        if target and not target.startswith(b"#"):
            raise Refused("is an SVG that refers to another file through url(...)",
                          "embed what it refers to, or save it as plain SVG")
    root = _parse(data)
    count = 0
    for element in root.iter():
        count += 1
        if count > MAX_ELEMENTS:
            raise Refused(f"is an SVG of more than {MAX_ELEMENTS:,} elements", "simplify it, or export a PNG")
        for name, value in element.attrib.items():
            if name.rsplit("}", 1)[-1] == "href":
                _check_href(value.strip(), check_raster)
    if root.tag not in (f"{_SVG_NS}svg", "svg"):
        raise Refused("is XML but not an SVG image", "export the image as SVG, PNG or JPEG")


def _parse(data: bytes):
    """The XML tree, parsed with entities, DTDs and the network off."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        raise Refused("is a damaged SVG image (it is not well-formed XML)", "export the image again") from None


def _check_href(value: str, check_raster: Callable[[bytes], None]) -> None:
    """A reference inside the SVG: to one of its own elements, or an embedded PNG or JPEG."""
    if value.startswith("#"):
        return
    embedded = _DATA_IMAGE.fullmatch(value)
    if embedded is None:
        raise Refused("is an SVG that refers to another file (or an embedded file of another kind)",
                      "embed images as PNG or JPEG, or export the whole image as PNG")
    try:
        raster = base64.b64decode(embedded.group(2), validate=False)
    except ValueError:
        raise Refused("is an SVG with a damaged embedded image", "export the image again") from None
    check_raster(raster)
