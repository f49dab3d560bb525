"""The deck chart's embedded workbook, with derived values marked where Edit Data shows them.

python-pptx writes one number format per series column; a derived value
would then look published to anyone who opens the data in PowerPoint. This
writer gives each derived cell a format that shows its mark ("c. 99*", as
its data label reads) and adds a Note column saying how it was derived.
"""

from __future__ import annotations

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter

from generator.charts import style
from generator.charts.numfmt import format_number
from generator.charts.spec import ChartSeries, ChartSpec

NOTE_HEADING = "Note"
MARK = '"*"'


class MarkedChartData(CategoryChartData):
    """Chart data whose workbook marks derived cells and explains them in a Note column."""

    def __init__(self, spec: ChartSpec) -> None:
        super().__init__(number_format=spec.number_format)
        self.spec = spec
        categories, rows = workbook_table(spec)
        self.categories = list(categories)
        for series in rows:
            self.add_series(series.name, list(series.values), number_format=spec.number_format)

    @property
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _MarkedWriter(self)


class _MarkedWriter(CategoryWorkbookWriter):
    """Writes the usual sheet, then re-formats derived cells and adds the Note column."""

    def _populate_worksheet(self, workbook, worksheet) -> None:  # type: ignore[no-untyped-def]
        super()._populate_worksheet(workbook, worksheet)
        spec: ChartSpec = self._chart_data.spec
        categories, drawn = workbook_table(spec)
        offset = self._chart_data.categories.depth
        notes: dict[int, list[str]] = {}
        for si, series in enumerate(drawn):
            for ci, derived in enumerate(series.derived):
                if derived:
                    code = marked_code(spec, series, ci)
                    worksheet.write_number(ci + 1, offset + si, series.values[ci], workbook.add_format({"num_format": code}))
                    notes.setdefault(ci, []).append(_note(series, ci))
        for ri, ref in enumerate(spec.references):  # the reference line series read these cells
            column = offset + len(drawn) + ri
            worksheet.write(0, column, ref.label)
            worksheet.write_column(1, column, [ref.value] * len(categories),
                                   workbook.add_format({"num_format": spec.number_format}))
        if notes:
            column = offset + len(drawn) + len(spec.references)
            worksheet.write(0, column, NOTE_HEADING)
            for ci, texts in notes.items():
                worksheet.write(ci + 1, column, " ".join(dict.fromkeys(texts)))
            worksheet.set_column(column, column, 60)


def workbook_table(spec: ChartSpec) -> tuple[tuple[str, ...], tuple[ChartSeries, ...]]:
    """The categories and series the deck's chart holds.

    A proportion bar stacks its parts in one bar, so PowerPoint needs them as
    series of one category (the whole, named as the row is); every other kind
    holds the categories and rows it draws.
    """
    drawn = style.chart_series(spec)
    if spec.kind != "proportion" or not drawn:
        return spec.categories, tuple(drawn)
    row = drawn[0]
    notes = row.notes or (None,) * len(row.values)
    return (row.name,), tuple(ChartSeries(c, (row.values[i],), (row.labels[i],), (row.derived[i],), (notes[i],))
                              for i, c in enumerate(spec.categories))


def reference_column(spec: ChartSpec, index: int) -> str:
    """The worksheet column letter holding reference line `index` (after the series columns)."""
    return CategoryWorkbookWriter._column_reference(2 + len(style.chart_series(spec)) + index)


def marked_code(spec: ChartSpec, series: ChartSeries, index: int) -> str:
    """The number format of a derived cell: the label's own form ("c. 99*") when a code can write it."""
    code = spec.number_format
    label = series.labels[index]
    for candidate in (code + MARK, '"c. "' + code + MARK):
        if format_number(series.values[index], candidate, spec.locale) == label:
            return candidate
    return code + MARK


def _note(series: ChartSeries, index: int) -> str:
    """Why a cell is marked: its own derivation note when the spec carries one."""
    note = series.notes[index] if index < len(series.notes) else None
    return f"{series.name}: {note}" if note else f"{series.name}: derived, not a published figure"
