"""Make a zip archive repeatable: fixed entry times and attributes, same order, same compression."""

from __future__ import annotations

import io
import re
import zipfile

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
FIXED_W3CDTF = b"2000-01-01T00:00:00Z"
# The workbook behind each native chart is written with the time it was made.
_CORE_TIMES = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def normalise_zip(data: bytes) -> bytes:
    """Rewrite every entry with a fixed timestamp so identical content gives identical bytes.

    Embedded workbooks (.xlsx, themselves zips) are normalised the same way, and their
    creation and modification times fixed.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, _normalise_entry(info.filename, source.read(info.filename)))
    return out.getvalue()


def _normalise_entry(name: str, content: bytes) -> bytes:
    """An entry's content with run-time stamps replaced by fixed ones."""
    if name.endswith(".xlsx"):
        return normalise_zip(content)
    if name == "docProps/core.xml":
        return _CORE_TIMES.sub(rb"\g<1>" + FIXED_W3CDTF + rb"\g<3>", content)
    return content
