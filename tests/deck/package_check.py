"""Package integrity for a .pptx, checked from its zip: the things PowerPoint repairs when they are wrong."""

from __future__ import annotations

import posixpath
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def package_problems(path: Path) -> list[str]:
    """Missing content types, dangling or orphaned parts, unknown relationship ids, duplicate shape ids."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    types = etree.fromstring(parts["[Content_Types].xml"])
    defaults = {d.get("Extension").lower() for d in types.findall(f"{CT}Default")}
    overrides = {o.get("PartName").lstrip("/") for o in types.findall(f"{CT}Override")}
    problems = [f"no content type: {n}" for n in parts
                if n != "[Content_Types].xml" and n not in overrides and n.rsplit(".", 1)[-1].lower() not in defaults]
    problems += [f"content type for a missing part: {n}" for n in overrides if n not in parts]
    reached = {"[Content_Types].xml"}
    rels_of = {}
    for name in parts:
        if name.endswith(".rels"):
            reached.add(name)
            source = _source(name)
            rels_of[source] = {}
            for rel in etree.fromstring(parts[name]).findall(f"{REL}Relationship"):
                rels_of[source][rel.get("Id")] = rel
                if rel.get("TargetMode") == "External":
                    continue
                target = _resolve(source, rel.get("Target"))
                if target not in parts:
                    problems.append(f"{name}: {rel.get('Id')} points at missing {target}")
    _walk("", rels_of, reached)
    problems += [f"orphan part: {n}" for n in parts if n not in reached]
    for name, blob in parts.items():
        if name.endswith(".xml") and not name.startswith("["):
            problems += _unknown_ids(name, etree.fromstring(blob), rels_of.get(name, {}))
        if name.startswith(("ppt/slides/", "ppt/slideLayouts/", "ppt/slideMasters/")) and name.endswith(".xml"):
            ids = Counter(e.get("id") for e in etree.fromstring(blob).iter() if e.tag.endswith("}cNvPr"))
            problems += [f"{name}: shape id {i} used {n} times" for i, n in ids.items() if n > 1]
    return problems


def _source(rels_name: str) -> str:
    """The part a relationships part belongs to ("" for the package)."""
    folder, base = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), base[:-len(".rels")]) if folder != "_rels" else ""


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _walk(source: str, rels_of: dict, reached: set[str]) -> None:
    for rel in rels_of.get(source, {}).values():
        if rel.get("TargetMode") == "External":
            continue
        target = _resolve(source, rel.get("Target"))
        if target not in reached:
            reached.add(target)
            _walk(target, rels_of, reached)


def _unknown_ids(name: str, root, rels: dict) -> list[str]:
    """r:id, r:embed, r:link... attributes that name no relationship of the part."""
    used = {v for e in root.iter() for k, v in e.attrib.items() if k.startswith(f"{{{R}}}")}
    return [f"{name}: r:id {rid} names no relationship" for rid in sorted(used - set(rels))]
