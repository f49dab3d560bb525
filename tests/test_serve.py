"""`make-report watch DATA --serve`: the preview page, in a real headless browser (Debian's chromium, driven by selenium).

The page must load, show every page and slide, and show a new page image by itself soon after
a save of the data file. The bound on "soon" is a functional requirement with a generous
margin for a busy shared machine (the issue asks for a second; bench/serve.py measures it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, Iterator

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

from tests.conftest import REPO, cli_env, interrupt

FIXTURE = REPO / "tests" / "fixtures" / "orgs" / "charity-3figs.yaml"
PATIENCE = 120.0  # seconds: a bound on waits for a build on a busy machine, not a performance target
REFRESH_BOUND = 5.0  # seconds from a save to the new page image shown: the one second, with margin
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
IMAGES_SHOWN = """
const pick = s => [...document.querySelectorAll(s)].map(i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0]);
return {pages: pick('#pages img'), slides: pick('#slides img'),
        diagnostics: document.getElementById('diagnostics').innerText,
        status: document.getElementById('status').innerText};
"""


def _wait(condition: Callable[[], object], what: str, proc: subprocess.Popen, bound: float = PATIENCE) -> object:
    """Poll until `condition` returns something true; fail naming `what` if the watch dies or the bound passes."""
    deadline = time.monotonic() + bound
    while True:
        value = condition()
        if value:
            return value
        assert proc.poll() is None, f"watch exited with status {proc.returncode} while waiting for {what}"
        assert time.monotonic() < deadline, f"gave up waiting {bound:.0f} s for {what}"
        time.sleep(0.02)


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    """Headless chromium with a throwaway profile, nothing fetched from the network."""
    options = Options()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen]]:
    """A running `watch --serve --port 0` of a fictional organisation's file: (the page's URL, the data file, the process)."""
    data = tmp_path / "data" / "larder-2023-24.yaml"
    data.parent.mkdir()
    shutil.copyfile(FIXTURE, data)
    stdout = tmp_path / "stdout.txt"
    with stdout.open("w") as so:
        proc = subprocess.Popen([sys.executable, "-m", "generator", "watch", str(data), "--out", str(tmp_path / "out"),
                                 "--serve", "--port", "0"], cwd=REPO, env=cli_env(), stdout=so, stderr=subprocess.STDOUT)
    try:
        found = _wait(lambda: re.search(r"serving the preview at (http://127\.0\.0\.1:\d+/)", stdout.read_text()),
                      "the preview's address", proc)
        _wait(lambda: "watching" in stdout.read_text(), "the first build", proc)
        yield found.group(1), data, proc
    finally:
        interrupt(proc)


def _counts(out: Path, stem: str) -> tuple[int, int]:
    """The built PDF's pages (pdfinfo) and deck's slides (python-pptx)."""
    from pptx import Presentation

    info = subprocess.run(["pdfinfo", str(out / f"{stem}.pdf")], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    return pages, len(Presentation(str(out / f"{stem}.pptx")).slides)


def _all_shown(browser, pages: int, slides: int):
    """What the page shows (each image's address and whether it has loaded), once every image has loaded; else None."""
    shown = browser.execute_script(IMAGES_SHOWN)
    loaded = all(ready for _, ready in shown["pages"] + shown["slides"])
    return shown if loaded and (len(shown["pages"]), len(shown["slides"])) == (pages, slides) else None


def _new_page(browser, before: list[str]):
    """The address of a page image not shown before, once it has loaded; else None."""
    pages = browser.execute_script(IMAGES_SHOWN)["pages"]
    return next((src for src, ready in pages if ready and src not in before), None)


def test_the_page_shows_every_page_and_slide_and_refreshes_itself_after_a_save(browser, served) -> None:
    url, data, proc = served
    pages, slides = _counts(data.parent.parent / "out", data.stem)
    assert pages >= 2 and slides >= 2
    browser.get(url)
    shown = _wait(lambda: _all_shown(browser, pages, slides), f"{pages} page and {slides} slide images", proc)
    addresses = [src for src, _ in shown["pages"] + shown["slides"]]
    assert all(re.fullmatch(r"/images/[0-9a-f]{24}\.png", src) for src in addresses), addresses
    assert len(set(addresses)) == len(addresses)  # every page and slide differs from the others
    assert "built" in shown["status"] and shown["diagnostics"].strip() == ""
    assert browser.find_element("id", "title").text == "Fenwick Larder Annual Report 2023/24"

    before = [src for src, _ in shown["pages"]]
    data.write_text(data.read_text(encoding="utf-8").replace("value: 6214", "value: 7351"), encoding="utf-8")
    saved = time.monotonic()
    _wait(lambda: _new_page(browser, before), "a new page image", proc, bound=REFRESH_BOUND)
    elapsed = time.monotonic() - saved
    after = _wait(lambda: _all_shown(browser, pages, slides), "every image of the new build", proc)
    changed = [n for n, ((old, _), (new, _)) in enumerate(zip(shown["pages"], after["pages"])) if old != new]
    assert changed and len(changed) < pages, changed  # the pages showing the figure, and only those
    print(f"new page image shown {elapsed * 1000:.0f} ms after the save")  # for the record, with -s


def test_a_broken_save_shows_its_diagnostic_and_keeps_the_last_good_pages(browser, served) -> None:
    url, data, proc = served
    browser.get(url)
    good = _wait(lambda: _all_shown(browser, *_counts(data.parent.parent / "out", data.stem)), "the images", proc)
    data.write_text("# FICTIONAL TEST DATA: a save that breaks the file.\nreport:\n  title: [unclosed\n", encoding="utf-8")
    broken = _wait(lambda: (s := browser.execute_script(IMAGES_SHOWN))["diagnostics"].strip() and s,
                   "the diagnostic on the page", proc)
    assert re.search(rf"{re.escape(str(data))}:\d+:\d+: error: ", broken["diagnostics"]), broken["diagnostics"]
    assert "last good" in broken["status"]
    assert broken["pages"] == good["pages"] and broken["slides"] == good["slides"]


def test_the_preview_answers_only_on_the_loopback_address_and_to_its_own_host_names(served) -> None:
    url, _, _ = served
    port = int(url.rstrip("/").rsplit(":", 1)[1])
    with urllib.request.urlopen(url + "state.json", timeout=30) as response:
        assert b'"build"' in response.read()
    request = urllib.request.Request(url, headers={"Host": f"rebound.example:{port}"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 403
    assert _listening(port) == ["127.0.0.1"]


def _listening(port: int) -> list[str]:
    """The addresses on which some socket listens on TCP `port` (from /proc/net/tcp and tcp6)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                packed = bytes.fromhex(address)
                if len(packed) == 4:
                    found.append(".".join(str(b) for b in reversed(packed)))
                else:
                    found.append(packed.hex())
    return found
