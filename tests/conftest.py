"""Shared fixtures: the real command line, and the shipped example built once per session."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

REPO = Path(__file__).resolve().parent.parent
SHIPPED_DATA = REPO / "data" / "ceop-2007-08.yaml"

Cli = Callable[..., subprocess.CompletedProcess]


def cli_env(**overrides: str | None) -> dict[str, str]:
    """The environment for a child `python -m generator`: the repo importable, no colour."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env["NO_COLOR"] = "1"
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_cli(*args: object, cwd: Path = REPO, timeout: float = 300, **env: str | None) -> subprocess.CompletedProcess:
    """Run `python -m generator ARGS` as a user would (keyword arguments set environment variables)."""
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], cwd=cwd, env=cli_env(**env),
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def cli() -> Cli:
    """The `run_cli` helper, for tests that drive the command line."""
    return run_cli


@pytest.fixture(scope="session")
def shipped_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data file built once through the real command line; the output folder."""
    out = tmp_path_factory.mktemp("shipped-build")
    done = run_cli("build", SHIPPED_DATA, "--out", out)
    assert done.returncode == 0, f"the shipped example did not build:\n{done.stderr}"
    return out


Word = tuple[str, float, float, float, float]  # text, x0, y0 (from the top), x1, y1


def read_pdf_words(pdf: Path) -> list[tuple[float, float, list[Word]]]:
    """Each page's width, height and words with boxes in points from the top left (pdftotext -bbox)."""
    import html
    import re

    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S):
        words = [(html.unescape(m[5]), float(m[1]), float(m[2]), float(m[3]), float(m[4])) for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page[3])]
        pages.append((float(page[1]), float(page[2]), _rejoined(words)))
    return pages


def _rejoined(words: list[Word]) -> list[Word]:
    """Words with each one hyphenated at a line end (it ends with a soft hyphen) joined to its second half."""
    out: list[Word] = []
    for word in words:
        if out and out[-1][0].endswith(SOFT_HYPHEN):
            out[-1] = (out[-1][0][:-1] + word[0],) + out[-1][1:]
        else:
            out.append(word)
    return out


SOFT_HYPHEN = "\u00ad"  # what pdftotext reads where a word was hyphenated at a line end


def dehyphenated(text: str) -> str:
    """pdftotext's text with the words hyphenated at line ends joined again (their hyphen is a soft hyphen)."""
    import re

    return re.sub(SOFT_HYPHEN + r"\s*", "", text)


@pytest.fixture(scope="session")
def pdf_words() -> Callable[[Path], list[tuple[float, float, list[Word]]]]:
    """The `read_pdf_words` helper."""
    return read_pdf_words


def plain_quotes(text: str) -> str:
    """Text with typographic quotes and apostrophes as a keyboard types them (the outputs set them curly)."""
    return text.translate(str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'}))


def interrupt(proc: subprocess.Popen) -> int:
    """Stop a long-running command as a person does (Ctrl-C); its exit status. Killed, and an error, if it hangs."""
    proc.send_signal(signal.SIGINT)
    try:
        return proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
