"""``reportgen serve``: a live preview of every document of a period in the browser.

A small HTTP server on 127.0.0.1 serves an index page that links the period's report,
brief, press releases and statements, and each document's HTML and PDF.  A watcher that
is running before the first build starts (so a file saved while that build runs is not
missed) rebuilds them whenever a file under ``content/`` or ``templates/`` changes, HTML
first (quick) and then the PDFs.  Each served page carries a bar with a link to its PDF
and the index, and a script that asks every second for the page's version number and
reloads the page when it changes.  A build that fails shows its error lines in every page
instead of the documents, and the next good build brings them back; the server itself
never stops on a bad build.

The build's warnings are listed in the index and, folded, in a panel of every page, not
only in the terminal.  ``--lang`` adds the language editions (report.fr and so on) and
``--redline`` a page of what changed since an earlier version of the report.

The preview builds into a private temporary folder, so the writer's own ``build/`` is
untouched; stopping the preview (Ctrl+C or SIGTERM) removes that folder.
"""

from __future__ import annotations

import html
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

from ..errors import ReportgenError

VERSION_PATH = "/__reportgen/version"
INDEX = "index"
#: seconds a connection may stay silent (a request half sent, or never sent) before it is
#: closed: the reload script asks once a second, a browser sends its request at once
IDLE_SECONDS = 10
#: connections served at the same time, one thread each; more are closed unanswered
MAX_CONNECTIONS = 32

_RELOAD_SCRIPT = """<script>
(function () {
  var seen = null;
  function ask() {
    fetch("%s?page=%%s", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (v) {
      if (seen !== null && v !== seen) { location.reload(); }
      seen = v;
    }).catch(function () {}).finally(function () { setTimeout(ask, 1000); });
  }
  ask();
})();
</script>""" % VERSION_PATH

_BAR_STYLE = ("position:fixed;right:0.6em;bottom:0.6em;z-index:10;padding:0.3em 0.7em;"
              "background:#1f4e79;color:#fff;font:13px/1.4 sans-serif;border-radius:4px")
_WARNINGS_STYLE = ("position:fixed;left:0.6em;bottom:0.6em;z-index:10;max-width:60%;"
                   "max-height:50vh;overflow:auto;padding:0.3em 0.7em;background:#fff4d6;"
                   "color:#5a4300;border:1px solid #d9b44a;font:13px/1.4 sans-serif;"
                   "border-radius:4px")
_TITLE = re.compile(rb"<title>(.*?)</title>", re.S)


@dataclass
class PreviewDocument:
    """One document of the period as last built: its HTML, and its PDF once laid out."""

    name: str
    title: str
    html: bytes
    pdf: bytes | None = None
    #: False for a page without a PDF (the redline)
    has_pdf: bool = True


@dataclass
class PreviewState:
    """What the server hands out; changed by the builder thread under ``lock``.

    ``pages`` holds each page as served now (the index and one per document);
    ``versions`` counts the changes of each, so an open page reloads once per new version
    of itself (not when another document changes, nor when only the PDF behind its link
    is laid out again).
    """

    period: str | None = None
    documents: dict[str, PreviewDocument] = field(default_factory=dict)  # in index order
    errors: list[str] = field(default_factory=list)
    #: the last build's warnings, shown in every page (not only in the terminal)
    warnings: list[str] = field(default_factory=list)
    building: str = "Building the documents..."
    pages: dict[str, bytes] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._render()

    def publish(self, **changes) -> None:
        with self.lock:
            for name, value in changes.items():
                setattr(self, name, value)
            self._render()

    def _render(self) -> None:
        pages = {INDEX: render_index(self.period, list(self.documents.values()), self.errors,
                                     self.building, self.warnings)}
        for name, document in self.documents.items():
            pages[name] = render_page(document, self.errors, self.building, self.warnings)
        for name, page in pages.items():
            if page != self.pages.get(name):
                self.versions[name] = self.versions.get(name, 0) + 1
        for name in set(self.pages) - set(pages):  # a document no longer in the period
            self.versions[name] = self.versions.get(name, 0) + 1
        self.pages = pages

    def page(self, name: str) -> bytes | None:
        """The page ``name``; while the build is broken, the errors under any name, and
        until the first build is done, a page that waits for it."""
        with self.lock:
            page = self.pages.get(name)
            if page is None and re.fullmatch(r"[a-z0-9-]+", name):
                if self.errors:
                    page = _error_page(self.errors, name)
                elif not self.documents:
                    page = _plain_page("Building", f"<p>{html.escape(self.building)}</p>", name)
            return page

    def pdf(self, name: str) -> bytes | None:
        with self.lock:
            document = self.documents.get(name)
            return document.pdf if document else None

    def version(self, name: str) -> int:
        with self.lock:
            return self.versions.get(name, 0)


@dataclass(frozen=True)
class PreviewOptions:
    """What a preview shows besides the period's documents in the series' language."""

    #: language editions to build as well ('fr', 'ar'...): report.fr and so on
    languages: tuple[str, ...] = ()
    #: an earlier version of the report (as ``reportgen redline`` takes it): a page
    #: 'report.redline' shows what changed since
    baseline: str | None = None


def rebuild(root: Path, period: str | None, out: Path, state: PreviewState,
            say: Callable[[str], None], warn: Callable[[str], None],
            options: PreviewOptions = PreviewOptions()) -> None:
    """Build every document's HTML, publish them, then their PDFs; or publish the errors."""
    from ..build import build

    started = time.perf_counter()
    try:
        key = period or _latest_period(root)
        languages = _with_original(root, options.languages)
        result = build(root, [key], formats=("html",), out=out, languages=languages)
        shown = [str(warning) for warning in result.warnings]
        for line in shown:
            warn(line)
        documents = {}
        for built in result.documents:
            documents[built.name] = _document(out / key / f"{built.name}.html", built.name,
                                              state.documents.get(built.name))
        if options.baseline is not None:
            documents[REDLINE] = _redline(root, options.baseline, key, out, shown, warn)
        state.publish(period=key, documents=documents, errors=[], warnings=list(shown),
                      building="Laying out the PDFs...")
        say(f"{key}: HTML rebuilt in {time.perf_counter() - started:.1f} s")
        result = build(root, [key], formats=("pdf",), out=out, languages=languages)
        for line in (str(warning) for warning in result.warnings):
            if line not in shown:  # the content's warnings come again with the PDFs
                warn(line)
                shown.append(line)
        for document in documents.values():
            if document.has_pdf:
                document.pdf = (out / key / f"{document.name}.pdf").read_bytes()
        state.publish(documents=documents, warnings=list(shown), building="")
        say(f"{key}: PDF{'s' * (len(documents) != 1)} rebuilt in "
            f"{time.perf_counter() - started:.1f} s")
    except ReportgenError as exc:
        lines = exc.format_message().splitlines()
        state.publish(errors=lines, building="")
        for line in lines:
            warn(line)


#: the name of the redline's page
REDLINE = "report.redline"


def _document(path: Path, name: str, earlier: PreviewDocument | None,
              has_pdf: bool = True) -> PreviewDocument:
    """A built page, titled as its own <title> says; its earlier PDF is linked until the
    new one is laid out."""
    page = path.read_bytes()
    found = _TITLE.search(page)
    title = html.unescape(found.group(1).decode("utf-8")) if found else name
    return PreviewDocument(name, " ".join(title.split()), page,
                           earlier.pdf if earlier and has_pdf else None, has_pdf)


def _redline(root: Path, baseline: str, key: str, out: Path, shown: list[str],
             warn: Callable[[str], None]) -> PreviewDocument:
    """The redline of the period's report against ``baseline``, as a page."""
    from .redline import build_redline

    result = build_redline(root, baseline, key, out)
    for line in result.warnings:
        if line not in shown:
            warn(line)
            shown.append(line)
    return _document(out / key / f"{REDLINE}.html", REDLINE, None, has_pdf=False)


def _with_original(root: Path, languages: tuple[str, ...]) -> tuple[str, ...] | None:
    """The editions to build: the series' own language and ``languages``; None (the
    series' own only) when none are asked for."""
    if not languages:
        return None
    from ..content.store import load_store

    store, log = load_store(root)
    log.raise_errors()
    return tuple(dict.fromkeys((store.series.language, *languages)))


def _latest_period(root: Path) -> str:
    from ..content.store import load_store

    store, log = load_store(root)
    log.raise_errors()
    return store.latest_period()


def render_index(period: str | None, documents: list[PreviewDocument], errors: list[str],
                 building: str, warnings: list[str] = ()) -> bytes:
    """The page that links every document of the period, with the reload script."""
    if errors:
        return _error_page(errors, INDEX)
    if not documents:
        return _plain_page("Building", f"<p>{html.escape(building)}</p>", INDEX)
    items = []
    for document in documents:
        pdf = (f' · <a href="/{document.name}.pdf">PDF</a>' if document.pdf is not None
               else "")
        items.append(f'<li><a href="/{document.name}.html">{html.escape(document.title)}</a>'
                     f'{pdf} <span class="name">{document.name}</span></li>')
    note = f"<p>{html.escape(building)}</p>\n" if building else ""
    body = (f"<h1>Documents of {html.escape(period or '')}</h1>\n{note}<ul class=\"documents\">\n"
            + "\n".join(items) + "\n</ul>")
    if warnings:
        body += (f"\n<h2>{_count_warnings(warnings)}</h2>\n<ul class=\"warnings\">\n"
                 + "\n".join(f"<li>{html.escape(line)}</li>" for line in warnings) + "\n</ul>")
    return _plain_page(f"Documents of {period}", body, INDEX)


def render_page(document: PreviewDocument, errors: list[str], building: str,
                warnings: list[str] = ()) -> bytes:
    """A document with the preview bar (and the build's warnings), or the errors; each
    with the reload script."""
    if errors:
        return _error_page(errors, document.name)
    pdf = (f'<a href="/{document.name}.pdf" style="color:#fff">PDF</a>'
           if document.pdf is not None else html.escape(building or "PDF"))
    pdf = f" · {pdf}" if document.has_pdf else ""
    bar = (f'<div class="reportgen-preview" style="{_BAR_STYLE}">Preview · '
           f'<a href="/" style="color:#fff">All documents</a>{pdf}</div>')
    if warnings:
        items = "".join(f"<li>{html.escape(line)}</li>" for line in warnings)
        bar += (f'\n<details class="reportgen-warnings" style="{_WARNINGS_STYLE}"><summary>'
                f'{_count_warnings(warnings)}</summary><ul style="margin:0.4em 0;'
                f'padding-left:1.2em">{items}</ul></details>')
    script = _RELOAD_SCRIPT % document.name
    return document.html.replace(b"</body>", f"{bar}\n{script}\n</body>".encode("utf-8"), 1)


def _count_warnings(warnings: list[str]) -> str:
    return f"{len(warnings)} warning{'s' * (len(warnings) != 1)} of the build"


def _error_page(errors: list[str], name: str) -> bytes:
    items = "\n".join(f"<li>{html.escape(line)}</li>" for line in errors)
    body = (f"<h1>The documents could not be built</h1>\n<p>Fix the file named below; this "
            f"page reloads when the build succeeds.</p>\n<ul class=\"errors\">\n{items}\n</ul>")
    return _plain_page("Build failed", body, name)


def _plain_page(title: str, body: str, name: str) -> bytes:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title)} - reportgen preview</title>\n"
            '<style>body{font:16px/1.5 sans-serif;max-width:60em;margin:2em auto;padding:0 1em}'
            ".errors li{font-family:monospace;color:#a00;margin:0.3em 0}"
            ".name{color:#666;font-size:0.85em}</style>\n"
            f"</head>\n<body>\n{body}\n{_RELOAD_SCRIPT % name}\n</body>\n</html>\n").encode("utf-8")


def _handler(state: PreviewState, log: Callable[[str], None] | None):
    class PreviewHandler(BaseHTTPRequestHandler):
        server_version = "reportgen"
        timeout = IDLE_SECONDS  # a silent connection is closed, not held open forever

        def do_GET(self) -> None:  # noqa: N802 - the name http.server looks for
            refused = host_refused(self.headers.get_all("Host") or [], self.server.server_address)
            if refused is not None:
                self._send(refused, "text/plain; charset=utf-8",
                           f"{refused.value} {refused.phrase}: this preview answers only "
                           "requests to its own address.\n".encode("ascii"))
                return
            path, _, query = self.path.split("#", 1)[0].partition("?")
            name, _, suffix = path.lstrip("/").rpartition(".")
            if path in ("/", "/index.html"):
                self._page(INDEX)
            elif path == VERSION_PATH:
                page = parse_qs(query).get("page", [INDEX])[0]
                self._send(HTTPStatus.OK, "text/plain; charset=utf-8",
                           str(state.version(page)).encode("ascii"))
            elif "/" in name or suffix not in ("html", "pdf"):
                self._not_found()
            elif suffix == "html":
                self._page(name)
            elif (pdf := state.pdf(name)) is not None:
                self._send(HTTPStatus.OK, "application/pdf", pdf)
            elif state.page(name) is not None:
                self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8",
                           b"The PDF is not ready yet.\n")
            else:
                self._not_found()

        def _page(self, name: str) -> None:
            page = state.page(name)
            if page is None:
                self._not_found()
            else:
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", page)

        def _not_found(self) -> None:
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


def host_refused(hosts: list[str], served: tuple) -> HTTPStatus | None:
    """None if a request's ``Host`` names the address served (or ``localhost``) and its
    port; else the status to refuse it with: 400 for a missing or repeated ``Host``, 421
    for another name, which is what a page of another site sends after rebinding its own
    name to this machine's address."""
    if len(hosts) != 1 or not hosts[0].strip():
        return HTTPStatus.BAD_REQUEST
    address, port = str(served[0]), int(served[1])
    given = hosts[0].strip().lower()
    if given.startswith("["):  # an IPv6 address: [::1]:8000
        name, _, rest = given[1:].partition("]")
        given_port = rest[1:] if rest.startswith(":") else None
        if rest and given_port is None:
            return HTTPStatus.BAD_REQUEST
    else:
        name, colon, given_port = given.partition(":")
        given_port = given_port if colon else None
    if given_port is not None and given_port != str(port):
        return HTTPStatus.MISDIRECTED_REQUEST
    if name not in (address.lower(), "localhost"):
        return HTTPStatus.MISDIRECTED_REQUEST
    return None


class PreviewServer(ThreadingHTTPServer):
    """The HTTP server; a client that drops its connection is one line, not a traceback.
    At most MAX_CONNECTIONS are answered at once; one more is closed at once."""

    daemon_threads = True

    def __init__(self, address, handler, warn: Callable[[str], None],
                 log: Callable[[str], None] | None, max_connections: int = MAX_CONNECTIONS):
        super().__init__(address, handler)
        self.warn = warn
        self.log = log
        self.slots = threading.BoundedSemaphore(max_connections)

    def process_request(self, request, client_address) -> None:
        if not self.slots.acquire(blocking=False):
            if self.log:
                self.log(f"{client_address[0]} refused: too many connections open")
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request, client_address) -> None:
        import sys

        error = sys.exc_info()[1]
        host = client_address[0] if client_address else "client"
        if isinstance(error, ConnectionError):  # reset, broken pipe, aborted: the client left
            if self.log:
                self.log(f"{host} closed the connection ({error.strerror or type(error).__name__})")
            return
        self.warn(f"reportgen: error while answering {host}: {type(error).__name__}: {error}")


@dataclass
class Preview:
    """A running preview: its server, watcher thread and private output folder."""

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
        """Stop serving and watching; a build under way finishes first (its output would
        otherwise land in the folder removed here)."""
        self.stop_event.set()
        self.server.shutdown()
        self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=300)
        shutil.rmtree(self.out, ignore_errors=True)


def start(root: Path, period: str | None = None, port: int = 8000, host: str = "127.0.0.1",
          say: Callable[[str], None] = print, requests: Callable[[str], None] | None = None,
          warn: Callable[[str], None] | None = None,
          options: PreviewOptions = PreviewOptions()) -> Preview:
    """Start serving and watching; returns at once (the first build runs in the background).

    ``say`` hears progress, ``warn`` build warnings and error lines (default: ``say``),
    ``requests`` each request served (default: none).
    """
    warn = warn or say
    state = PreviewState()
    server = PreviewServer((host, port), _handler(state, requests), warn, requests)
    out = Path(tempfile.mkdtemp(prefix="reportgen-preview-"))
    stop_event = threading.Event()
    watcher = threading.Thread(target=_watch, args=(root, period, out, state, stop_event, say, warn, options),
                               name="reportgen-watch", daemon=True)
    serving = threading.Thread(target=server.serve_forever, name="reportgen-http", daemon=True)
    preview = Preview(server, state, stop_event, [watcher, serving], out)
    serving.start()
    watcher.start()
    return preview


def _watch(root: Path, period: str | None, out: Path, state: PreviewState,
           stop_event: threading.Event, say: Callable[[str], None],
           warn: Callable[[str], None], options: PreviewOptions = PreviewOptions()) -> None:
    from watchfiles import watch

    folders = [root / name for name in ("content", "templates") if (root / name).is_dir()]
    if not folders:
        _safely(root, period, out, state, say, warn, options)
        stop_event.wait()
        return
    # the first step starts watching (it returns at once, or after 0.1 s); changes made
    # from then on, during the first build too, are kept until the loop below asks
    changes = watch(*folders, stop_event=stop_event, debounce=300, step=50, rust_timeout=100,
                    yield_on_timeout=True, raise_interrupt=False)
    next(changes, None)
    _safely(root, period, out, state, say, warn, options)
    for batch in changes:
        if not batch:
            continue
        names = sorted({Path(path).name for _, path in batch})
        say(f"Changed: {', '.join(names)}")
        _safely(root, period, out, state, say, warn, options)


def _safely(root: Path, period: str | None, out: Path, state: PreviewState,
            say: Callable[[str], None], warn: Callable[[str], None],
            options: PreviewOptions = PreviewOptions()) -> None:
    """A fault in reportgen itself is shown like a content error; the preview lives on."""
    try:
        rebuild(root, period, out, state, say, warn, options)
    except Exception as exc:  # noqa: BLE001 - the server must outlive any one build
        line = f"reportgen: internal error while building: {type(exc).__name__}: {exc}"
        state.publish(errors=[line], building="")
        warn(line)
