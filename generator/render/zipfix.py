"""Make a zip archive repeatable: fixed entry times and attributes, same order, same compression."""

from __future__ import annotations

import io
import re
import zipfile

from pptx.opc.serialized import PackageWriter

from generator.render.dates import build_time

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# The workbook behind each native chart is written with the time it was made.
_CORE_TIMES = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def save_presentation(prs) -> bytes:
    """A python-pptx presentation as repeatable .pptx bytes, compressed once.

    `Presentation.save` would zip every part, and normalising would unzip and zip them all
    again; instead the parts python-pptx serialises go straight into an archive with fixed
    entry times (its PackageWriter does the content types and relationships).
    """
    package = prs.part.package
    writer = PackageWriter(io.BytesIO(), package._rels, tuple(package.iter_parts()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        entries = _FixedEntries(target, _stamp())
        writer._write_content_types_stream(entries)
        writer._write_pkg_rels(entries)
        writer._write_parts(entries)
    return out.getvalue()


class _FixedEntries:
    """The physical-writer interface PackageWriter writes to: one fixed-time zip entry per part."""

    def __init__(self, target: zipfile.ZipFile, stamp: bytes) -> None:
        self._target = target
        self._stamp = stamp

    def write(self, pack_uri, blob: bytes) -> None:
        """Add one part (or relationships item) under its member name."""
        _write_entry(self._target, pack_uri.membername, blob, self._stamp)


def _stamp() -> bytes:
    """The build's date as a W3CDTF stamp (generator/render/dates.py)."""
    return build_time().strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")


def _write_entry(target: zipfile.ZipFile, name: str, content: bytes, stamp: bytes) -> None:
    """One entry with a fixed time and attributes, its content normalised."""
    fixed = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
    fixed.compress_type = zipfile.ZIP_DEFLATED
    fixed.external_attr = 0o644 << 16
    target.writestr(fixed, _normalise_entry(name, content, stamp))


def normalise_zip(data: bytes, stamp: bytes | None = None) -> bytes:
    """Rewrite every entry with a fixed timestamp so identical content gives identical bytes.

    Embedded workbooks (.xlsx, themselves zips) are normalised the same way, and their
    creation and modification times set to the build's date (generator/render/dates.py).
    """
    if stamp is None:
        stamp = _stamp()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            _write_entry(target, info.filename, source.read(info.filename), stamp)
    return out.getvalue()


def _normalise_entry(name: str, content: bytes, stamp: bytes) -> bytes:
    """An entry's content with run-time stamps replaced by the build's date."""
    if name.endswith(".xlsx"):
        return normalise_zip(content, stamp)
    if name == "docProps/core.xml":
        return _CORE_TIMES.sub(rb"\g<1>" + stamp + rb"\g<3>", content)
    return content
