"""``reportgen serve``: a live preview of a period's report in the browser.

A small HTTP server on 127.0.0.1 serves the report's HTML; a watcher rebuilds it whenever
a file under ``content/`` or ``templates/`` changes, HTML first (quick) and then the PDF.
The served page carries a bar with a link to the PDF and a script that asks for the
build number every second and reloads the page when it changes.  A build that fails
shows its error lines in the page instead of the document, and the next good build
brings the document back; the server itself never stops on a bad build.

The preview builds into a private folder, so the writer's own ``build/`` is untouched.
"""

from __future__ import annotations

import html
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .errors import ReportgenError

VERSION_PATH = "/__reportgen/version"

_RELOAD_SCRIPT = """<script>
(function () {
  var seen = null;
  function ask() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (v) {
      if (seen !== null && v !== seen) { location.reload(); }
      seen = v;
    }).catch(function () {}).finally(function () { setTimeout(ask, 1000); });
  }
  ask();
})();
</script>""" % VERSION_PATH

_BAR_STYLE = ("position:fixed;right:0.6em;bottom:0.6em;z-index:10;padding:0.3em 0.7em;"
              "background:#1f4e79;color:#fff;font:13px/1.4 sans-serif;border-radius:4px")


@dataclass
class PreviewState:
    """What the server hands out; changed by the builder thread under ``lock``.

    ``page`` is the page as served now; ``version`` counts its changes, so the open page
    reloads once per new document (not again when only the PDF behind its link changes).
    """

    version: int = 0
    period: str | None = None
    html: bytes | None = None
    pdf: bytes | None = None
    errors: list[str] = field(default_factory=list)
    building: str = "Building the report..."
    page: bytes = b""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.page = render_page(self.html, self.errors, self.building, self.pdf is not None)

    def publish(self, **changes) -> None:
        with self.lock:
            for name, value in changes.items():
                setattr(self, name, value)
            page = render_page(self.html, self.errors, self.building, self.pdf is not None)
            if page != self.page:
                self.page = page
                self.version += 1


def rebuild(root: Path, period: str | None, out: Path, state: PreviewState,
            say: Callable[[str], None], warn: Callable[[str], None]) -> None:
    """Build the report's HTML, publish it, then its PDF; or publish the errors."""
    from .build import build

    started = time.perf_counter()
    try:
        key = period or _latest_period(root)
        result = build(root, [key], formats=("html",), out=out, kinds=("report",))
        shown = [str(warning) for warning in result.warnings]
        for line in shown:
            warn(line)
        page = (out / key / "report.html").read_bytes()
        state.publish(period=key, html=page, errors=[], building="Laying out the PDF...")
        say(f"{key}: HTML rebuilt in {time.perf_counter() - started:.1f} s")
        result = build(root, [key], formats=("pdf",), out=out, kinds=("report",))
        for line in (str(warning) for warning in result.warnings):
            if line not in shown:  # the content's warnings come again with the PDF
                warn(line)
        state.publish(pdf=(out / key / "report.pdf").read_bytes(), building="")
        say(f"{key}: PDF rebuilt in {time.perf_counter() - started:.1f} s")
    except ReportgenError as exc:
        lines = exc.format_message().splitlines()
        state.publish(errors=lines, building="")
        for line in lines:
            warn(line)


def _latest_period(root: Path) -> str:
    from .store import load_store

    store, log = load_store(root)
    log.raise_errors()
    return store.latest_period()


def page_for(state: PreviewState) -> bytes:
    """The page to serve now."""
    with state.lock:
        return state.page


def render_page(document: bytes | None, errors: list[str], building: str, has_pdf: bool) -> bytes:
    """The report with the preview bar, the errors, or a wait; each with the reload script."""
    if errors:
        items = "\n".join(f"<li>{html.escape(line)}</li>" for line in errors)
        body = (f"<h1>The report could not be built</h1>\n<p>Fix the file named below; this "
                f"page reloads when the build succeeds.</p>\n<ul class=\"errors\">\n{items}\n</ul>")
        return _plain_page("Build failed", body)
    if document is None:
        return _plain_page("Building", f"<p>{html.escape(building)}</p>")
    pdf = ('<a href="/report.pdf" style="color:#fff">PDF</a>' if has_pdf
           else html.escape(building or "PDF"))
    bar = f'<div class="reportgen-preview" style="{_BAR_STYLE}">Preview · {pdf}</div>'
    return document.replace(b"</body>", f"{bar}\n{_RELOAD_SCRIPT}\n</body>".encode("utf-8"), 1)


def _plain_page(title: str, body: str) -> bytes:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title)} - reportgen preview</title>\n"
            '<style>body{font:16px/1.5 sans-serif;max-width:60em;margin:2em auto;padding:0 1em}'
            ".errors li{font-family:monospace;color:#a00;margin:0.3em 0}</style>\n"
            f"</head>\n<body>\n{body}\n{_RELOAD_SCRIPT}\n</body>\n</html>\n").encode("utf-8")


def _handler(state: PreviewState, log: Callable[[str], None] | None):
    class PreviewHandler(BaseHTTPRequestHandler):
        server_version = "reportgen"

        def do_GET(self) -> None:  # noqa: N802 - the name http.server looks for
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            if path in ("/", "/index.html", "/report.html"):
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", page_for(state))
            elif path == "/report.pdf":
                with state.lock:
                    pdf = state.pdf
                if pdf is None:
                    self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8",
                               b"The PDF is not ready yet.\n")
                else:
                    self._send(HTTPStatus.OK, "application/pdf", pdf)
            elif path == VERSION_PATH:
                with state.lock:
                    version = str(state.version).encode("ascii")
                self._send(HTTPStatus.OK, "text/plain; charset=utf-8", version)
            else:
                self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"Not found.\n")

        def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - http.server's name
            if log:
                log(f"{self.address_string()} {format % args}")

    return PreviewHandler


@dataclass
class Preview:
    """A running preview: its server, builder thread and private output folder."""

    server: ThreadingHTTPServer
    state: PreviewState
    stop_event: threading.Event
    threads: list[threading.Thread]
    out: Path

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def stop(self) -> None:
        self.stop_event.set()
        self.server.shutdown()
        self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=10)
        shutil.rmtree(self.out, ignore_errors=True)


def start(root: Path, period: str | None = None, port: int = 8000, host: str = "127.0.0.1",
          say: Callable[[str], None] = print, requests: Callable[[str], None] | None = None,
          warn: Callable[[str], None] | None = None) -> Preview:
    """Start serving and watching; returns at once (the first build runs in the background).

    ``say`` hears progress, ``warn`` build warnings and error lines (default: ``say``),
    ``requests`` each request served (default: none).
    """
    state = PreviewState()
    server = ThreadingHTTPServer((host, port), _handler(state, requests))
    server.daemon_threads = True
    out = Path(tempfile.mkdtemp(prefix="reportgen-preview-"))
    stop_event = threading.Event()
    watcher = threading.Thread(target=_watch, args=(root, period, out, state, stop_event, say, warn or say),
                               name="reportgen-watch", daemon=True)
    serving = threading.Thread(target=server.serve_forever, name="reportgen-http", daemon=True)
    preview = Preview(server, state, stop_event, [watcher, serving], out)
    serving.start()
    watcher.start()
    return preview


def _watch(root: Path, period: str | None, out: Path, state: PreviewState,
           stop_event: threading.Event, say: Callable[[str], None],
           warn: Callable[[str], None]) -> None:
    from watchfiles import watch

    _safely(root, period, out, state, say, warn)
    folders = [root / name for name in ("content", "templates") if (root / name).is_dir()]
    if not folders:
        stop_event.wait()
        return
    for changes in watch(*folders, stop_event=stop_event, debounce=300, step=50,
                         raise_interrupt=False):
        names = sorted({Path(path).name for _, path in changes})
        say(f"Changed: {', '.join(names)}")
        _safely(root, period, out, state, say, warn)


def _safely(root: Path, period: str | None, out: Path, state: PreviewState,
            say: Callable[[str], None], warn: Callable[[str], None]) -> None:
    """A fault in reportgen itself is shown like a content error; the preview lives on."""
    try:
        rebuild(root, period, out, state, say, warn)
    except Exception as exc:  # noqa: BLE001 - the server must outlive any one build
        line = f"reportgen: internal error while building: {type(exc).__name__}: {exc}"
        state.publish(errors=[line], building="")
        warn(line)
