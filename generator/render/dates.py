"""The one date both outputs carry: SOURCE_DATE_EPOCH when set, else a fixed date, never the clock.

Reproducible-builds convention: SOURCE_DATE_EPOCH is a whole number of seconds since
1970-01-01 UTC. reportlab reads the variable itself for the PDF's dates (with
`invariant=1`, 2000-01-01 when it is unset); the deck's core properties take the
same instant from here, so the two outputs of a build are dated alike.
"""

from __future__ import annotations

import datetime
import os
import re

FIXED_TIME = datetime.datetime(2000, 1, 1)  # what reportlab's invariant mode writes when the variable is unset
# datetime (and the deck's dates) stop at the end of year 9999.
MAX_EPOCH = 253_402_300_799


class BadEpoch(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a usable number of seconds."""


def build_time(environ: "os._Environ[str] | dict[str, str] | None" = None) -> datetime.datetime:
    """The build's date as a naive UTC datetime; BadEpoch when SOURCE_DATE_EPOCH is malformed."""
    text = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if not text:
        return FIXED_TIME
    if not re.fullmatch(r"[0-9]{1,12}", text) or int(text) > MAX_EPOCH:
        raise BadEpoch(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (at most {MAX_EPOCH}), "
                       f"found {text[:40]!r}")
    return datetime.datetime.fromtimestamp(int(text), datetime.timezone.utc).replace(tzinfo=None)
