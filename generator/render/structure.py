"""Finish reportlab's PDF as tagged PDF/UA-1 and PDF/A-2b, with pikepdf.

The content streams already carry marked content (generator.render.tags); this writes what
reportlab's open-source edition cannot: the structure tree and its parent tree, link
annotations tied into it, /MarkInfo, display of the title, tab order, the XMP metadata that
declares the conformance, and an sRGB output intent. Saved with a deterministic /ID, so a
rebuild is byte-identical.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from generator.layout.frame import Metadata
from generator.render.icc import srgb_profile
from generator.render.tags import Annot, Mark, Node
from generator.render.xmp import xmp_packet



def finish(data: bytes, root: Node, meta: Metadata) -> bytes:
    """The PDF `data` with the recorded structure `root` and the archival metadata added."""
    pdf = pikepdf.open(io.BytesIO(data))
    _normalise_headings(root)
    _structure(pdf, _pruned(root))
    _catalog(pdf, meta)
    _clean_to_unicode(pdf)
    _metadata(pdf, meta, build_time())
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.disable)  # PDF/A-2 allows them; kept plain for checkers
    return out.getvalue()


def build_time() -> datetime:
    """The build's date: SOURCE_DATE_EPOCH when set (reproducible builds), else a fixed one."""
    from generator.render.dates import build_time as dated  # the one reading of SOURCE_DATE_EPOCH, shared with the deck

    return dated().replace(tzinfo=timezone.utc)


def _normalise_headings(root: Node) -> None:
    """Make heading levels consecutive in reading order: never H1 then H3, and the first is H1."""
    last = 0
    for node in _walk(root):
        if re.fullmatch(r"H[1-6]", node.tag):
            level = min(int(node.tag[1]), last + 1)
            node.tag, last = f"H{level}", level


def _walk(node: Node):
    """Every element under `node`, in reading order."""
    for kid in node.kids:
        if isinstance(kid, Node):
            yield kid
            yield from _walk(kid)


def _pruned(node: Node) -> Node:
    """The tree without elements that hold no content (a page of furniture only, say)."""
    kids = [_pruned(k) if isinstance(k, Node) else k for k in node.kids]
    node.kids = [k for k in kids if not isinstance(k, Node) or k.kids]
    return node


def _structure(pdf: pikepdf.Pdf, root: Node) -> None:
    """StructTreeRoot, the elements, the parent tree and each page's /StructParents and /Tabs."""
    tree = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    by_page: list[dict[int, pikepdf.Object]] = [{} for _ in pdf.pages]
    by_annot: list[pikepdf.Object] = []
    document = _element(pdf, root, tree, by_page, by_annot)
    tree.K = document
    nums = Array()
    for number, marks in enumerate(by_page):
        nums.extend([number, pdf.make_indirect(Array([marks[m] for m in sorted(marks)]))])
    for key, element in enumerate(by_annot, start=len(by_page)):
        nums.extend([key, element])
    tree.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    tree.ParentTreeNextKey = len(by_page) + len(by_annot)
    for number, page in enumerate(pdf.pages):
        page.obj.StructParents = number
        page.obj.Tabs = Name.S
    pdf.Root.StructTreeRoot = tree


def _element(pdf: pikepdf.Pdf, node: Node, parent: pikepdf.Object, by_page: list, by_annot: list) -> pikepdf.Object:
    """One structure element and, recursively, its kids."""
    element = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + node.tag), P=parent))
    kids = Array()
    for kid in node.kids:
        if isinstance(kid, Node):
            kids.append(_element(pdf, kid, element, by_page, by_annot))
        elif isinstance(kid, Mark):
            kids.append(Dictionary(Type=Name.MCR, Pg=pdf.pages[kid.page].obj, MCID=kid.mcid))
            by_page[kid.page][kid.mcid] = element
        else:
            kids.append(_link(pdf, kid, element, len(by_page) + len(by_annot)))
            by_annot.append(element)
    element.K = kids
    if node.alt:
        element.Alt = String(node.alt)
    if node.bbox:
        element.A = Dictionary(O=Name.Layout, BBox=Array(list(node.bbox)))
    return element


def _link(pdf: pikepdf.Pdf, ref: Annot, element: pikepdf.Object, key: int) -> Dictionary:
    """An object reference to a link annotation, which gets its description, flags and parent key."""
    page = pdf.pages[ref.page].obj
    annot = page.Annots[ref.index]
    annot.Contents = String(ref.contents)
    annot.StructParent = key
    annot.F = 4  # print: PDF/A wants annotations to print as they show
    return Dictionary(Type=Name.OBJR, Obj=annot, Pg=page)


def _catalog(pdf: pikepdf.Pdf, meta: Metadata) -> None:
    """Marked, language, and the title (not the file name) in the viewer's title bar."""
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.Lang = String(meta.language)
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    pdf.Root.OutputIntents = Array([_output_intent(pdf)])


def _output_intent(pdf: pikepdf.Pdf) -> Dictionary:
    """An sRGB PDF/A output intent, so every DeviceRGB colour has a defined meaning."""
    profile = pdf.make_stream(srgb_profile())
    profile.N = 3
    return Dictionary(Type=Name.OutputIntent, S=Name.GTS_PDFA1, OutputConditionIdentifier=String("sRGB"),
                      Info=String("sRGB IEC61966-2.1"), DestOutputProfile=profile)


def _clean_to_unicode(pdf: pikepdf.Pdf) -> None:
    """Drop ToUnicode entries that map a code to U+0000 (reportlab maps its unused code 0 so)."""
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        for font in (page.Resources.get("/Font") or {}).values():
            stream = font.get("/ToUnicode")
            if stream is None or stream.objgen in seen:
                continue
            seen.add(stream.objgen)
            _rewrite_cmap(stream)


def _rewrite_cmap(stream: pikepdf.Stream) -> None:
    """Remove bfchar pairs whose target is <0000>, keeping each block's count right."""
    text = stream.read_bytes().decode("latin-1")

    def block(match: re.Match) -> str:
        pairs = [p for p in re.findall(r"<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>", match.group(2))
                 if not re.search(r"<0+>$", p)]
        return f"{len(pairs)} beginbfchar\n" + "\n".join(pairs) + "\nendbfchar" if pairs else ""

    cleaned = re.sub(r"(\d+)\s+beginbfchar(.*?)endbfchar", block, text, flags=re.S)
    if cleaned != text:
        stream.write(cleaned.encode("latin-1"))


def _metadata(pdf: pikepdf.Pdf, meta: Metadata, when: datetime) -> None:
    """The document information dictionary and the XMP packet, saying the same things."""
    stamp = when.strftime("D:%Y%m%d%H%M%S+00'00'")
    info = {"Title": meta.title, "Author": meta.author, "Subject": meta.subject,
            "Keywords": ", ".join(meta.keywords), "Creator": "make-report", "Producer": "make-report (reportlab, pikepdf)"}
    pdf.docinfo = pdf.make_indirect(Dictionary({f"/{k}": String(v) for k, v in info.items()}
                                               | {"/CreationDate": String(stamp), "/ModDate": String(stamp)}))
    stream = pdf.make_stream(xmp_packet(meta, info["Creator"], info["Producer"], when).encode("utf-8"))
    stream.Type = Name.Metadata
    stream.Subtype = Name.XML
    pdf.Root.Metadata = stream
