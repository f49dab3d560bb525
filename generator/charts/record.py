"""Draw a ChartSpec with matplotlib into a display list of vector ops.

matplotlib is imported only inside these functions: the PDF replay and a
cache hit must never pay for (or depend on) loading it.
"""

from __future__ import annotations

import json

from generator.charts.displaylist import DisplayList
from generator.charts.spec import ChartSpec


def record(spec: ChartSpec, width: float, height: float) -> DisplayList:
    """Lay out and draw `spec` in a `width` x `height` point box; return its ops.

    The result is normalised through JSON (tuples become lists) so a freshly
    recorded list is identical to the same list read back from the cache.
    """
    from generator.charts.backend import FontFiles
    from generator.charts.plot import build

    if width <= 0 or height <= 0:
        raise ValueError(f"chart box must have a positive size, got {width} x {height}")
    regular, bold = font_files(spec)
    canvas = build(spec, float(width), float(height), FontFiles(regular, bold))
    ops = canvas.record()
    return json.loads(json.dumps(ops))


def font_files(spec: ChartSpec) -> tuple[str, str]:
    """The spec's regular and bold TTFs, or matplotlib's DejaVu Sans if it names none."""
    if spec.fonts is not None:
        return spec.fonts.regular, spec.fonts.bold
    import matplotlib

    base = f"{matplotlib.get_data_path()}/fonts/ttf"
    return f"{base}/DejaVuSans.ttf", f"{base}/DejaVuSans-Bold.ttf"
