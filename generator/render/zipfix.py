"""Make a zip archive repeatable: fixed entry times and attributes, same order, same compression."""

from __future__ import annotations

import io
import re
import zipfile

from generator.render.dates import build_time

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# The workbook behind each native chart is written with the time it was made.
_CORE_TIMES = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def normalise_zip(data: bytes, stamp: bytes | None = None) -> bytes:
    """Rewrite every entry with a fixed timestamp so identical content gives identical bytes.

    Embedded workbooks (.xlsx, themselves zips) are normalised the same way, and their
    creation and modification times set to the build's date (generator/render/dates.py).
    """
    if stamp is None:
        stamp = build_time().strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, _normalise_entry(info.filename, source.read(info.filename), stamp))
    return out.getvalue()


def _normalise_entry(name: str, content: bytes, stamp: bytes) -> bytes:
    """An entry's content with run-time stamps replaced by the build's date."""
    if name.endswith(".xlsx"):
        return normalise_zip(content, stamp)
    if name == "docProps/core.xml":
        return _CORE_TIMES.sub(rb"\g<1>" + stamp + rb"\g<3>", content)
    return content
