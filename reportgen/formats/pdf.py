"""Stage 3b: lay out the print HTML with WeasyPrint and write the PDF.

WeasyPrint logs bad CSS, missing resources and font trouble instead of raising; those
messages are captured here and returned, so the build summary shows them and
``--strict`` can fail on them.  The URL fetcher lets the renderer read only ``data:``
URLs and files inside the template folders: no network, no other files.
"""

from __future__ import annotations

import hashlib
import json
import logging
import mimetypes
import os
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlparse

from ..plainfiles import FileTooLarge, NotPlainFile, read_plain

#: images, fonts and stylesheets a PDF may load from the template folders
MAX_ASSET_BYTES = 32 * 1024 * 1024


@contextmanager
def captured_weasyprint_warnings() -> Iterator[list[str]]:
    """Collect WeasyPrint's log messages (warnings and errors) while the block runs."""
    messages: list[str] = []

    class _Collector(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    logger = logging.getLogger("weasyprint")
    handler = _Collector(level=logging.WARNING)
    old_propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = old_propagate


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ConfinedFetcher(URLFetcher):
        """Serves data: URLs and files under the allowed folders; refuses everything else."""

        def __init__(self, allowed: list[Path]):
            super().__init__(allowed_protocols={"data"}, allow_redirects=False)
            self.allowed = [p.resolve() for p in allowed]

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parsed = urlparse(url)
            if parsed.scheme != "file":
                raise ValueError(f"refused to fetch {url}: only files of the templates may be used")
            asked = Path(os.path.abspath(unquote(parsed.path)))
            path = asked.resolve()
            if not any(path.is_relative_to(root) for root in self.allowed) or not path.exists():
                raise ValueError(f"refused to fetch {url}: outside the template folders")
            try:  # the file itself is not followed if it is a link, nor waited on if a pipe
                body = read_plain(asked, MAX_ASSET_BYTES)
            except (NotPlainFile, FileTooLarge) as exc:
                raise ValueError(f"refused to fetch {url}: {exc.reason}") from None
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})

    return ConfinedFetcher


@dataclass(frozen=True)
class MisplacedNote:
    """A footnote the layout lost, or set on another page than its call."""

    number: str            # "12", or "*" for the agenda note
    block: str | None      # id of the block or document that defines it
    label: str | None      # its label under 'footnotes:'
    message: str


def write_pdf(html: str, base: Path, allowed: list[Path]
              ) -> tuple[bytes, list[str], dict[str, float], list[MisplacedNote]]:
    """PDF bytes for ``html`` (resolved against ``base``), WeasyPrint's warnings, the
    seconds spent laying out and writing, and the footnotes not on the page of their call
    (a PDF with any of those must not be written).

    The same HTML always gives the same bytes: the creation date is the date of issue
    the HTML carries (``dcterms.created``), the file identifier is a hash of the HTML,
    and nothing reads the clock.  ``SOURCE_DATE_EPOCH``, when set, is written as the
    modification date (and as the creation date where no date of issue is set).
    """
    from ..internals import (
        cjk_justified,
        content_outside_pages,
        import_weasyprint,
        remove_font_folders,
        rtl_lines_laid_out_once,
    )

    import_weasyprint()  # heavy: imported only when a PDF is made
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    fetcher = _fetcher_class()(allowed)
    # PDF/UA-1: a tagged, accessible document (structure, language, title shown); PDF/A
    # would add archival constraints the web-published report does not need.
    options = {"pdf_variant": "pdf/ua-1", "pdf_tags": True,
               "pdf_identifier": hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode()}
    fonts: list[FontConfiguration] = []
    with captured_weasyprint_warnings() as warnings, remove_font_folders(fonts), \
            rtl_lines_laid_out_once(), cjk_justified():
        started = time.perf_counter()
        for attempt in range(_LAYOUTS):
            fonts.append(FontConfiguration())
            document = weasyprint.HTML(string=html, base_url=str(base) + "/",
                                       url_fetcher=fetcher).render(font_config=fonts[-1],
                                                                   **options)
            misplaced = misplaced_notes(html, [page.anchors for page in document.pages])
            if not misplaced:
                break
            # once more without orphan and widow control, then with the paragraphs that
            # call a stray note started on a new page
            html = _free_lines(html) if attempt == 0 else _break_before_calls(html, misplaced)
        middle = time.perf_counter()
        if misplaced:
            return b"", warnings, {"pdf layout": middle - started}, misplaced
        clipped = [PageProblem(f"{'text ' + repr(o.text[:40]) if o.text else 'a picture'} "
                               f"runs past the edge of page {o.page} and is cut off; shorten "
                               "it or let it break", o.origin or ("document",))
                   for o in content_outside_pages(document, origin_of=_origin_of)]
        if _BRIEF.search(html) and len(document.pages) > BRIEF_PAGES:
            clipped.append(PageProblem(f"the brief runs to {len(document.pages)} pages; a "
                                       f"brief is meant for at most {BRIEF_PAGES}: shorten "
                                       "its highlights or its chart"))
        _date_metadata(document.metadata, os.environ.get("SOURCE_DATE_EPOCH"), warnings)
        pdf = document.write_pdf(**options)
        ended = time.perf_counter()
    return pdf, warnings + [problem.encoded() for problem in clipped], \
        {"pdf layout": middle - started, "pdf write": ended - middle}, []


@dataclass(frozen=True)
class PageProblem:
    """A warning of reportgen's own about the laid-out pages (text past a page's edge,
    a brief beyond its pages), passed from the layout worker to the build as a line of
    text (:meth:`encoded`) and kept so in the build's manifest.

    ``origin`` says which part of the source the text comes from, as the HTML marks it:
    ``("note", block, label)`` for a footnote, ``("para", "12")`` for a numbered
    paragraph, ``("block", id)`` for a highlight, ``("heading", id)`` for a heading,
    ``("masthead", field)`` for a line of a report's masthead, and ``("document",)`` for
    the document as a whole (a brief's own fields, its length).  The build finds the content file and line of that origin (``path``, ``line``), just
    as it finds a footnote set away from its call."""

    message: str
    origin: tuple[str, ...] = ("document",)
    path: str | None = None
    line: int | None = None

    def encoded(self) -> str:
        return CLIPPED + json.dumps({"message": self.message, "origin": list(self.origin),
                                     "path": self.path, "line": self.line}, ensure_ascii=False)

    @classmethod
    def decoded(cls, warning: str) -> PageProblem | None:
        """The problem ``warning`` encodes; None for a warning of WeasyPrint's own."""
        if not warning.startswith(CLIPPED):
            return None
        body = warning[len(CLIPPED):]
        try:
            data = json.loads(body)
            return cls(str(data["message"]), tuple(str(o) for o in data["origin"]),
                       data.get("path"), data.get("line"))
        except (ValueError, KeyError, TypeError):  # a manifest of an earlier version
            return cls(body)


def _origin_of(element) -> tuple[str, ...] | None:
    """What part of the source an element of the print HTML was made from, if it says."""
    block = element.get("data-block")
    if block:
        label = element.get("data-label")
        return ("note", block, label) if label is not None else ("block", block)
    ident = element.get("id") or ""
    if ident.startswith("para-"):
        return ("para", ident[len("para-"):])
    if ident.startswith("sec-"):
        return ("heading", ident[len("sec-"):])
    for name in (element.get("class") or "").split():
        if name in _MASTHEAD:
            return ("masthead", _MASTHEAD[name])
    return None


#: the classes of a report's masthead lines, and the field of the series or period file
#: each is made from ("" for the masthead as a whole: the period file)
_MASTHEAD = {"masthead": "", "organ": "organ", "title": "title", "subtitle": "subtitle",
             "agenda-title": "agenda_title", "session-name": "session"}


#: the pages a brief is meant for
BRIEF_PAGES = 2
_BRIEF = re.compile(r'<body class="brief[ "]')

#: the start of a warning of reportgen's own about the laid-out pages (not WeasyPrint's)
CLIPPED = "laid out: "

#: a note written at its first call (formats/templated.py): id, then where it is defined
_NOTE = re.compile(r'<span class="footnote[^"]*" id="(fn-[^"]+)" data-n="([^"]*)"'
                   r'(?: data-block="([^"]*)" data-label="([^"]*)")?>')


def misplaced_notes(html: str, anchors: list[dict]) -> list[MisplacedNote]:
    """Every note of ``html`` that the laid-out pages (their anchors, page by page) lack,
    or hold on another page than the note's first call (anchor ``fn-N`` for the note,
    ``fnref-N`` for its call).

    The stylesheet asks WeasyPrint to carry the line of a call to the next page when its
    note does not fit (``footnote-policy: line``); this check makes sure it did, since a
    UN document keeps each note on the page of its call.
    """
    page_of = {anchor: number for number, names in enumerate(anchors, start=1) for anchor in names}
    found = []
    for ident, number, block, label in _NOTE.findall(html):
        call, note = page_of.get(ident.replace("fn-", "fnref-", 1)), page_of.get(ident)
        if note is None:
            message = f"footnote {number} is missing from the laid-out pages"
        elif call is not None and note != call:
            message = f"footnote {number} stands on page {note}, but its call is on page {call}"
        else:
            continue
        found.append(MisplacedNote(number, block or None, label or None,
                                   f"{message}; the PDF was not written"))
    return found


#: layouts tried before a PDF whose notes stray from their calls is given up
_LAYOUTS = 8


def _break_before_calls(html: str, misplaced: list[MisplacedNote]) -> str:
    """``html`` with each paragraph (or list item) that calls one of the ``misplaced``
    notes starting a new page.

    In a long document with several notes at the foot of a page, WeasyPrint can set a
    note on the next page while the line that calls it stays behind, or lose the note.
    Starting the calling paragraph on the next page takes the call to its note; the
    page before ends a little short, which is better than a note away from its call.
    """
    for note in misplaced:
        call = html.find(f'id="fnref-{note.number}"')
        if call < 0:
            continue
        start = max(html.rfind("<p ", 0, call), html.rfind("<li", 0, call))
        if start < 0 or "data-note-break" in html[start:call]:
            continue
        tag_end = start + (2 if html.startswith("<p", start) else 3)
        html = html[:tag_end] + " data-note-break" + html[tag_end:]
    return html


def _free_lines(html: str) -> str:
    """``html`` without orphan and widow control (see paged.css).

    Moving lines to keep two of a paragraph together at the foot or head of a page,
    WeasyPrint can drop from a page a note that fitted there, its call staying behind.
    A document where that happened is laid out again without that control: a note on
    the page of its call matters more than a line alone.
    """
    return html.replace("<html ", "<html data-free-lines ", 1)


def _date_metadata(metadata, source_date_epoch: str | None, warnings: list[str]) -> None:
    """Dates come from the content, or from SOURCE_DATE_EPOCH; never from the clock."""
    metadata.modified = None
    if not source_date_epoch:
        return
    try:
        moment = datetime.fromtimestamp(int(source_date_epoch), tz=timezone.utc)
    except (ValueError, OverflowError, OSError):
        warnings.append(f"SOURCE_DATE_EPOCH={source_date_epoch!r} is not a number of seconds; ignored")
        return
    metadata.modified = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    if metadata.created is None:
        metadata.created = metadata.modified


# -- this module as an output format (see reportgen.formats) ---------------------------

from . import Format, RenderContext, Rendered  # noqa: E402


@dataclass(frozen=True)
class PdfJob:
    """The layout of one PDF, run in a worker process (see reportgen.formats.workers)."""

    name: str
    period: str
    html: str
    base: Path
    allowed: tuple[Path, ...]
    #: warnings found while the job was prepared (a cached font made again)
    notes: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return len(self.html)

    def run(self) -> "PdfResult":
        pdf, warnings, timings, misplaced = write_pdf(self.html, self.base, list(self.allowed))
        return PdfResult(self, pdf, warnings, timings, misplaced)


@dataclass
class PdfResult:
    job: PdfJob
    pdf: bytes
    warnings: list[str]
    timings: dict[str, float] = field(default_factory=dict)
    misplaced: list[MisplacedNote] = field(default_factory=list)  # then no PDF was made

    @property
    def data(self) -> bytes:
        return self.pdf


def _import_weasyprint() -> None:
    """Run first in each worker: the import takes as long as making a report's text."""
    from ..internals import import_weasyprint

    import_weasyprint()  # for the layouts to come


def workers(most: int | None, early: bool):
    """The PDF's background: worker processes that import WeasyPrint as they start."""
    from .workers import Workers

    return Workers(most, early, warm_up=_import_weasyprint)


def render(doc, ctx: RenderContext) -> Rendered:
    """The print HTML of ``doc`` and the job that lays it out (run by the build's workers).

    Its source is the HTML and every file it may load: when neither changed since the
    last build, the previous PDF is reused."""
    from ..errors import ContentError, Problem
    from ..fingerprint import source_digest
    from ..lightfaces import light_faces
    from ..scriptfonts import missing_font
    from .templated import render_html

    lang = doc.lang
    unset = missing_font(lang)
    if unset:
        raise ContentError([Problem(f"{doc.name}.pdf", None, unset)])
    notes: list[str] = []
    faces = light_faces(lang, warn=notes.append)
    html = render_html(doc, ctx.env, "pdf", {weight: face.as_uri() for weight, face in faces.items()})
    allowed = tuple(ctx.templates) + tuple(sorted({face.parent for face in faces.values()}))
    job = PdfJob(f"{doc.name}.pdf", doc.period, html, ctx.root / "templates", allowed,
                 tuple(notes))
    return Rendered(source_digest(html, ctx.assets), job=job)


FORMAT = Format("pdf", "html", render, background=workers)
