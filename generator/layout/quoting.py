"""How a quote's words are printed: verbatim in quotation marks, reported speech attributed without them."""

from __future__ import annotations

from generator.model.report import QuoteView


def printed(quote: QuoteView, text: str, paragraph: int = 0, closes: bool = True) -> str:
    """The words of `quote` as set: “verbatim”, or "Speaker said that ..." for reported speech.

    Paragraphs of one verbatim quote each open with a quotation mark and only
    the last (`closes`) ends with one, as English typesetting does. Reported
    speech is not the speaker's words, so it never gets quotation marks; its
    first paragraph says who is reported.
    """
    if quote.kind == "reported":
        return f"{quote.speaker} said that {text}" if paragraph == 0 else text
    return f"“{text}" + ("”" if closes else "")
