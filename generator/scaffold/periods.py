"""Period labels moved on a year ("2007/08" → "2008/09") in text carried over to next year's file."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

# A year, or a year and the next one: 2008, 2007/08, 2007-08, 2007–08, 2007/2008.
_LABEL = re.compile(r"(\d{4})(?:([/\-–])(\d{4}|\d{2}))?")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Form:
    """How a period label is written: the separator and the digits of its second year (0: a single year)."""

    separator: str = ""
    width: int = 0

    def write(self, start: int) -> str:
        """The label of the period starting in `start`, in this form."""
        if not self.width:
            return str(start)
        end = start + 1 if self.width == 4 else (start + 1) % 100
        return f"{start}{self.separator}{end:0{self.width}d}"

    def pattern(self) -> re.Pattern[str]:
        """Labels of this form inside text (not inside a longer number or a longer label)."""
        if not self.width:
            body = r"(\d{4})"
        else:
            body = rf"(\d{{4}}){re.escape(self.separator)}\d{{{self.width}}}"
        return re.compile(rf"(?<![\d/\-–]){body}(?![\d]|[/\-–]\d)")


def parse(label: str) -> tuple[Form, int] | None:
    """The form and first year of a period label such as "2007/08", or None when it is not one."""
    match = _LABEL.fullmatch(label.strip())
    if match is None:
        return None
    start = int(match[1])
    form = Form() if match[2] is None else Form(match[2], len(match[3]))
    return (form, start) if form.write(start) == label.strip() else None


def earlier(label: str) -> str | None:
    """The label of the period before this one, in the same form ("2025/26" → "2024/25"), if it is a year."""
    parsed = parse(label)
    return parsed[0].write(parsed[1] - 1) if parsed else None


@dataclass(frozen=True)
class PeriodShift:
    """From last year's period label to this year's, moving every label of the same form on as many years."""

    old: str
    new: str
    years: int | None = None
    form: Form | None = None

    @classmethod
    def between(cls, old: str, new: str) -> "PeriodShift":
        """The shift between two labels; by whole years only when both are years written the same way."""
        before, after = parse(old), parse(new)
        if before and after and before[0] == after[0]:
            return cls(old, new, after[1] - before[1], before[0])
        return cls(old, new)

    def move(self, text: str) -> tuple[str, bool]:
        """The text with its period labels moved on, and whether it still holds some other number.

        Only labels written like the report's own are moved, and a bare year
        only when it is the report's own year, since "founded in 2006" must stay.
        A number left over is likely last year's, so the caller does not carry it.
        """
        pattern = self._pattern()
        out, rest, end = [], [], 0
        for match in pattern.finditer(text):
            if self.form is not None and self.form.width and parse(match[0]) != (self.form, int(match[0][:4])):
                continue  # "2006/09" is not a period label; leave it (it counts as a number)
            out.append(text[end:match.start()])
            rest.append(text[end:match.start()])
            out.append(self._moved(match[0]))
            end = match.end()
        out.append(text[end:])
        rest.append(text[end:])
        return "".join(out), bool(_DIGIT.search("".join(rest)))

    def move_date(self, day: datetime.date) -> datetime.date | None:
        """A date moved on by the shift's years (29 February becomes the 28th), or None when it is not by years."""
        if not self.years:
            return None
        try:
            return day.replace(year=day.year + self.years)
        except ValueError:
            return day.replace(year=day.year + self.years, day=28)

    def _pattern(self) -> re.Pattern[str]:
        """What to move: every label of the form, or (a bare year, or no form) the old label itself."""
        if self.form is not None and self.form.width:
            return self.form.pattern()
        return re.compile(rf"(?<![\w/\-–]){re.escape(self.old)}(?![\w]|[/\-–]\d)")

    def _moved(self, label: str) -> str:
        """One label moved on."""
        if self.form is None or self.years is None or not self.form.width:
            return self.new
        return self.form.write(int(label[:4]) + self.years)
