"""Merging a file into the one it extends, keeping each value's span from the file that set it."""

from __future__ import annotations

from typing import Any

from generator.load.spans import SpanMap


def merge(parent: Any, parent_spans: SpanMap, child: Any, child_spans: SpanMap) -> tuple[Any, SpanMap]:
    """Deep-merge `child` over `parent`: mappings merge, `pages` merge by id, other values are replaced."""
    spans = SpanMap(child_spans.file)
    value = _merge_node(parent, child, (), parent_spans, child_spans, spans)
    return value, spans


def _copy(src: SpanMap, src_prefix: tuple, dst: SpanMap, dst_prefix: tuple) -> None:
    """Copy spans below `src_prefix` into `dst` under `dst_prefix`."""
    n = len(src_prefix)
    for path, span in src.values.items():
        if path[:n] == src_prefix:
            dst.values[dst_prefix + path[n:]] = span
    for path, span in src.keys.items():
        if path[:n] == src_prefix:
            dst.keys[dst_prefix + path[n:]] = span


def _merge_node(parent: Any, child: Any, path: tuple, ps: SpanMap, cs: SpanMap, out: SpanMap) -> Any:
    """Merge one node, recording spans into `out`."""
    if isinstance(parent, dict) and isinstance(child, dict):
        result: dict[str, Any] = {}
        out.values[path] = cs.values.get(path, ps.at(path))
        for key in list(parent) + [k for k in child if k not in parent]:
            sub = path + (key,)
            if key in child and key in parent and key != "extends":
                result[key] = _merge_key(key, parent[key], child[key], sub, ps, cs, out)
            elif key in child:
                result[key] = child[key]
                _copy(cs, sub, out, sub)
            else:
                result[key] = parent[key]
                _copy(ps, sub, out, sub)
        return result
    _copy(cs, path, out, path)
    return child


def _merge_key(key: str, parent: Any, child: Any, path: tuple, ps: SpanMap, cs: SpanMap, out: SpanMap) -> Any:
    """Pages merge by id; everything else merges as mappings or is replaced."""
    if key == "pages" and isinstance(parent, list) and isinstance(child, list):
        return _merge_pages(parent, child, path, ps, cs, out)
    if isinstance(parent, dict) and isinstance(child, dict):
        return _merge_node(parent, child, path, ps, cs, out)
    _copy(cs, path, out, path)
    return child


def _merge_pages(parent: list, child: list, path: tuple, ps: SpanMap, cs: SpanMap, out: SpanMap) -> list:
    """A child page with a parent page's id replaces it in place; other child pages are appended."""
    by_id = {p.get("id"): i for i, p in enumerate(child) if isinstance(p, dict)}
    result: list = []
    used: set[int] = set()
    for j, page in enumerate(parent):
        k = by_id.get(page.get("id")) if isinstance(page, dict) else None
        src, spans, idx = (child, cs, k) if k is not None else (parent, ps, j)
        if k is not None:
            used.add(k)
        _copy(spans, path + (idx,), out, path + (len(result),))
        result.append(src[idx])
    for k, page in enumerate(child):
        if k not in used:
            _copy(cs, path + (k,), out, path + (len(result),))
            result.append(page)
    out.values[path] = cs.values.get(path, ps.at(path))
    return result
