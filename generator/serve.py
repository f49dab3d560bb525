"""`make-report watch DATA --serve`: a local preview page of every page and slide, refreshed after each rebuild.

A small HTTP server (the standard library's, in a thread of the watch process) on 127.0.0.1
only, that serves one page and what it shows, all from memory:

- `/`: the page: the build's status and diagnostics, then the PDF's pages and the deck's slides
  side by side (images drawn by the preview machinery, generator/preview.py);
- `/state.json`: the current build: its number, status, diagnostics and image addresses;
- `/images/DIGEST.png`: an image, named by a digest of its pixels, so an address never shows two
  different images (no stale cache) and a page that did not change keeps its address (the
  browser neither fetches nor repaints it again);
- `/events`: server-sent events, one `build` event per rebuild, on which the page fetches
  `/state.json` and swaps its images in place (the browser reconnects by itself if it drops).

A failed build keeps the last good images, as watch keeps the last good outputs, and shows its
diagnostics. Requests naming another host are refused, so a web page elsewhere cannot reach
the preview by pointing a name of its own at 127.0.0.1 (DNS rebinding).
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.diagnostics import Diagnostic

HOST = "127.0.0.1"
KEEPALIVE = 15.0  # seconds between comments on an idle event stream, so proxies and browsers keep it open
SCALE = 0.75  # pixels per point: a page or slide at about the width of half a screen


Images = list[tuple[str, bytes]]  # (digest, PNG bytes) of each page or slide, in order


@dataclass
class Snapshot:
    """What the page shows: the last good images, and the latest build's status and diagnostics."""

    build: int = 0
    title: str = "make-report"
    ok: bool = True
    diagnostics: list[dict[str, Any]] = field(default_factory=list)
    pages: Images = field(default_factory=list)
    slides: Images = field(default_factory=list)

    def image(self, digest: str) -> bytes | None:
        """The PNG of one image shown now, by its digest."""
        return next((png for name, png in self.pages + self.slides if name == digest), None)


class PreviewServer:
    """The preview page's server, running in a thread of its own until `close()`."""

    def __init__(self, port: int = 0) -> None:
        self._snapshot = Snapshot()
        self._changed = threading.Condition()
        self._closed = False
        self._httpd = ThreadingHTTPServer((HOST, port), _handler(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="preview-server", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        """The page's address."""
        return f"http://{HOST}:{self._httpd.server_address[1]}/"

    def publish(self, title: str, ok: bool, diagnostics: list[Diagnostic],
                images: tuple[Images, Images] | None = None) -> None:
        """Show a new build: its status and diagnostics, and its (pages, slides) images (None keeps the last good)."""
        from generator.summary import diagnostic_json

        with self._changed:
            old = self._snapshot
            pages, slides = images if images is not None else (old.pages, old.slides)
            self._snapshot = Snapshot(old.build + 1, title, ok, [diagnostic_json(d) for d in diagnostics], pages, slides)
            self._changed.notify_all()

    def snapshot(self) -> Snapshot:
        """The current snapshot (replaced whole, never changed in place, so it can be read without the lock)."""
        return self._snapshot

    def wait_for_build(self, after: int, timeout: float) -> int:
        """Block until a build later than `after` is published, or `timeout` passes; the current build number."""
        with self._changed:
            self._changed.wait_for(lambda: self._snapshot.build > after, timeout)
            return self._snapshot.build

    def close(self) -> None:
        """Stop serving and wake every waiting event stream."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def closed(self) -> bool:
        """True once close() was called."""
        return self._closed


class Previewer:
    """Draws a build's pages and slides as PNG images, encoding only those whose pixels changed."""

    def __init__(self) -> None:
        self._encoded: dict[str, bytes] = {}  # the last build's PNGs, by digest
        self._last: tuple[bytes, object, Images, Images] | None = None  # its PDF, deck, pages and slides

    def images(self, pdf: bytes, deck, charts) -> tuple[Images, Images]:
        """The written PDF's pages and the laid-out deck's slides (drawn through the PDF backend, their
        charts from `charts`, a ChartCache), as (digest, PNG) pairs (generator/preview.py draws them).

        What did not change since the last build (the same PDF bytes, an equal deck) is not drawn again.
        """
        from generator.preview import page_images, pdf_images

        last = self._last
        if last is not None and last[0] == pdf:
            pages = last[2]
        else:
            pages = [self._encode(image) for image in pdf_images(pdf, SCALE)]
        if last is not None and deck is not None and last[1] == deck:
            slides = last[3]
        else:
            slides = [self._encode(image) for image in page_images(deck, charts, SCALE)] if deck is not None else []
        self._encoded = dict(pages + slides)
        self._last = (pdf, deck, pages, slides)
        return pages, slides

    def _encode(self, image) -> tuple[str, bytes]:
        """An image's digest and PNG bytes (the last build's bytes when the pixels are the same)."""
        hashed = hashlib.blake2b(repr((image.mode, image.size)).encode(), digest_size=12)
        hashed.update(image.tobytes())
        digest = hashed.hexdigest()
        png = self._encoded.get(digest)
        if png is None:
            out = io.BytesIO()
            image.save(out, format="PNG", compress_level=1)  # lightly: shown once and replaced
            png = out.getvalue()
        return digest, png


def state_json(snapshot: Snapshot) -> bytes:
    """The snapshot as the page reads it."""
    return json.dumps({"build": snapshot.build, "title": snapshot.title, "ok": snapshot.ok,
                       "diagnostics": snapshot.diagnostics,
                       "pages": [f"/images/{name}.png" for name, _ in snapshot.pages],
                       "slides": [f"/images/{name}.png" for name, _ in snapshot.slides]},
                      ensure_ascii=False).encode("utf-8")


def _handler(server: PreviewServer) -> type[BaseHTTPRequestHandler]:
    """The request handler class, bound to one server's state."""

    class Handler(BaseHTTPRequestHandler):
        """GET only: the page, its state, its images and its event stream."""

        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            if not self._host_is_ours():
                self._send(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8", b"forbidden\n")
                return
            path = self.path.split("?", 1)[0]
            if path == "/":
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", PAGE.encode("utf-8"))
            elif path == "/state.json":
                self._send(HTTPStatus.OK, "application/json", state_json(server.snapshot()))
            elif path == "/events":
                self._events()
            elif path.startswith("/images/"):
                self._image(path)
            else:
                self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n")

        def _host_is_ours(self) -> bool:
            """True when the request names this machine's loopback address or localhost (not a rebound name)."""
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
            return host in ("127.0.0.1", "localhost")

        def _image(self, path: str) -> None:
            """One image shown now: /images/DIGEST.png."""
            name = path[len("/images/"):]
            image = server.snapshot().image(name[:-4]) if name.endswith(".png") else None
            if image is None:
                self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"no such image (a newer build replaced it)\n")
            else:
                self._send(HTTPStatus.OK, "image/png", image, cache=True)

        def _events(self) -> None:
            """A stream of `build` events, one per rebuild, until the client or the server goes."""
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "keep-alive")
            self.end_headers()
            build = -1  # the first event tells a new page which build is current
            try:
                while not server.closed:
                    current = server.wait_for_build(build, KEEPALIVE) if build >= 0 else server.snapshot().build
                    message = f"event: build\ndata: {current}\n\n" if current != build else ": keepalive\n\n"
                    build = current
                    self.wfile.write(message.encode("utf-8"))
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True

        def _send(self, status: HTTPStatus, kind: str, body: bytes, cache: bool = False) -> None:
            """A whole response."""
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=3600, immutable" if cache else "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
            """Quiet: the terminal is the watch's."""

    return Handler


PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>make-report preview</title>
<style>
  :root { color-scheme: light; font-family: system-ui, sans-serif; background: #e1e4e8; color: #1b1f24; }
  body { margin: 0; }
  header { position: sticky; top: 0; z-index: 1; background: #1b1f24; color: #fff; padding: 0.6rem 1rem;
           display: flex; gap: 1rem; align-items: baseline; }
  header h1 { font-size: 1rem; margin: 0; font-weight: 600; }
  #status { font-size: 0.9rem; }
  #status.failed { color: #ffb4a9; }
  #diagnostics { margin: 0; padding: 0.6rem 1rem; background: #fff; font: 0.85rem/1.4 ui-monospace, monospace;
                 white-space: pre-wrap; border-bottom: 1px solid #c8ccd1; }
  #diagnostics:empty { display: none; }
  #diagnostics .error { color: #b3261e; }
  #diagnostics .warning { color: #8a5300; }
  main { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; padding: 1rem; align-items: start; }
  section h2 { font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.05em; margin: 0 0 0.5rem; }
  section img { display: block; width: 100%; height: auto; margin: 0 0 1rem; background: #fff;
                box-shadow: 0 1px 3px rgba(0, 0, 0, 0.25); }
  @media (max-width: 800px) { main { grid-template-columns: 1fr; } }
</style>
</head>
<body>
<header><h1 id="title">make-report preview</h1><span id="status">waiting for the first build…</span></header>
<pre id="diagnostics"></pre>
<main>
  <section aria-labelledby="pages-heading"><h2 id="pages-heading">PDF pages</h2><div id="pages"></div></section>
  <section aria-labelledby="slides-heading"><h2 id="slides-heading">Slides</h2><div id="slides"></div></section>
</main>
<script>
"use strict";
let shown = -1;
function fill(holder, addresses, label) {
  const images = holder.querySelectorAll("img");
  addresses.forEach((address, n) => {
    let img = images[n];
    if (!img) { img = document.createElement("img"); holder.appendChild(img); }
    img.alt = label + " " + (n + 1);
    if (img.getAttribute("src") !== address) img.src = address;
  });
  for (let n = addresses.length; n < images.length; n++) images[n].remove();
}
async function refresh() {
  const response = await fetch("/state.json", {cache: "no-store"});
  const state = await response.json();
  if (state.build <= shown) return;
  shown = state.build;
  document.title = state.title + " – make-report preview";
  document.getElementById("title").textContent = state.title;
  const status = document.getElementById("status");
  status.textContent = state.ok ? "built (build " + state.build + ")"
                                : "this save has problems: the last good pages are shown (build " + state.build + ")";
  status.className = state.ok ? "" : "failed";
  const list = document.getElementById("diagnostics");
  list.replaceChildren(...state.diagnostics.map(d => {
    const line = document.createElement("div");
    line.className = d.severity;
    line.textContent = d.path + ":" + d.line + ":" + d.column + ": " + d.severity + ": " + d.message
                       + (d.hint ? "\\n  hint: " + d.hint : "");
    return line;
  }));
  fill(document.getElementById("pages"), state.pages, "Page");
  fill(document.getElementById("slides"), state.slides, "Slide");
}
const events = new EventSource("/events");
events.addEventListener("build", () => refresh().catch(() => {}));
refresh().catch(() => {});
</script>
</body>
</html>
"""
