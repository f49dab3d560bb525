"""Progress on a terminal, silence elsewhere: the batch bar and the watch status line."""

from __future__ import annotations

import io
import re

from generator.progress import WatchStatus, batch_progress

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Terminal(io.StringIO):
    """A stream that says it is a terminal, as stderr does in a shell."""

    def isatty(self) -> bool:
        return True


def test_a_watch_rebuild_shows_its_status_then_its_outcome_after_the_builds_own_messages() -> None:
    stream = Terminal()
    status = WatchStatus("data/org-2025-26.yaml", stream)
    assert "rebuilding data/org-2025-26.yaml" in stream.getvalue()
    status.stop()
    stream.write("data/org-2025-26.yaml:3:5: error: ...\n")  # the build's diagnostics
    status.finished(False)
    shown = ANSI.sub("", stream.getvalue())
    outcome = re.search(r"kept the last good outputs of data/org-2025-26\.yaml in \d+ ms · \d\d:\d\d:\d\d", shown)
    assert outcome and shown.index("error:") < outcome.start()


def test_a_good_rebuild_says_built() -> None:
    stream = Terminal()
    WatchStatus("data/x.yaml", stream).finished(True)
    assert re.search(r"built data/x\.yaml in \d+ ms", ANSI.sub("", stream.getvalue()))


def test_nothing_is_drawn_when_the_output_is_not_a_terminal() -> None:
    stream = io.StringIO()
    status = WatchStatus("data/x.yaml", stream)
    status.finished(True)
    with batch_progress(5, stream) as advance:
        advance()
    assert stream.getvalue() == ""


def test_a_batch_counts_its_reports_on_a_terminal() -> None:
    stream = Terminal()
    with batch_progress(3, stream) as advance:
        advance()
        advance()
    assert "2/3" in ANSI.sub("", stream.getvalue())
