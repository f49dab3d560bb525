"""Replace a pair of outputs the way a build does, for the crash tests: `python swap_driver.py OUT PDF PPTX`.

The new PDF and deck bytes are read from the two files named (outputs of a real
build); they replace OUT/<stem>.pdf and OUT/<stem>.pptx through the same
transaction a build uses. With MAKE_REPORT_FAULT_AT set, the process kills
itself at that point of the transaction, in a fraction of the time a whole
build takes, so every point can be tried.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.render.atomic import write_all_atomic


def main() -> int:
    out, pdf, pptx = (Path(a) for a in sys.argv[1:4])
    write_all_atomic([(out / pdf.name, pdf.read_bytes()), (out / pptx.name, pptx.read_bytes())])
    return 0


if __name__ == "__main__":
    sys.exit(main())
