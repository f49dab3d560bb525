"""How each laid-out line ends, which the deck needs to join lines into paragraphs that reflow."""

from __future__ import annotations

from dataclasses import replace

from generator.layout import fonts
from generator.layout.text import Para, set_paras
from generator.model.markup import Run


def words(text: str) -> tuple[Run, ...]:
    return (Run(text),)


def test_greedy_lines_end_at_spaces(deck_theme) -> None:
    body = deck_theme.style("body")
    setting = set_paras([Para(words("one two three four five six seven eight nine ten " * 3), body)], 300)
    assert len(setting.lines) > 2
    assert {line.ends for line in setting.lines} == {"space"}


def test_a_word_broken_inside_ends_in_the_word(deck_theme) -> None:
    body = deck_theme.style("body")
    url = "https://www.example.org/a/very/long/address/that/cannot/fit/on/one/short/line/at/all"
    setting = set_paras([Para(words(url), body)], 150)
    assert len(setting.lines) > 1
    assert [line.ends for line in setting.lines[:-1]] == ["word"] * (len(setting.lines) - 1)
    assert "".join(p.text for line in setting.lines for p in line.pieces) == url


def test_balanced_lines_end_at_chosen_breaks(deck_theme) -> None:
    display = deck_theme.style("h1")
    text = "Results of the year in one long heading that needs two lines"
    width = fonts.width(text, display.font, display.size) * 0.85  # two lines, the second short when greedy
    greedy = set_paras([Para(words(text), display)], width)
    balanced = set_paras([Para(words(text), display, balance=True)], width)
    assert len(greedy.lines) == len(balanced.lines) == 2
    assert greedy.lines[0].ends == "space"
    assert balanced.lines[0].ends == "break"  # the next word would have fitted: the deck keeps this break


def test_a_dash_kept_off_a_line_start_is_a_chosen_break(deck_theme) -> None:
    body = replace(deck_theme.style("body"), size=18.0)
    first = "Working together with partners we keep children safe"
    width = fonts.width(first, body.font, body.size) + 1  # the dash would start the second line
    setting = set_paras([Para(words(first + " – every day of the year"), body)], width)
    assert not setting.lines[1].pieces[0].text.startswith("–")
    assert setting.lines[0].ends == "break"
