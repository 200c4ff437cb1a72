"""Stage 3b: lay out the print HTML with WeasyPrint and write the PDF.

WeasyPrint logs bad CSS, missing resources and font trouble instead of raising; those
messages are captured here and returned, so the build summary shows them and
``--strict`` can fail on them.  The URL fetcher lets the renderer read only ``data:``
URLs and files inside the template folders: no network, no other files.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import os
import re
import time
from contextlib import contextmanager
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


def write_pdf(html: str, base: Path, allowed: list[Path]) -> tuple[bytes, list[str], dict[str, float]]:
    """PDF bytes for ``html`` (resolved against ``base``), WeasyPrint's warnings, and the
    seconds spent laying out and writing.

    The same HTML always gives the same bytes: the creation date is the date of issue
    the HTML carries (``dcterms.created``), the file identifier is a hash of the HTML,
    and nothing reads the clock.  ``SOURCE_DATE_EPOCH``, when set, is written as the
    modification date (and as the creation date where no date of issue is set).
    """
    import weasyprint  # heavy: imported only when a PDF is made

    from weasyprint.text.fonts import FontConfiguration

    fetcher = _fetcher_class()(allowed)
    # PDF/UA-1: a tagged, accessible document (structure, language, title shown); PDF/A
    # would add archival constraints the web-published report does not need.
    options = {"pdf_variant": "pdf/ua-1", "pdf_tags": True,
               "pdf_identifier": hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode()}
    with captured_weasyprint_warnings() as warnings:
        started = time.perf_counter()
        for _ in range(_MAX_RELAYOUTS + 1):
            document = weasyprint.HTML(string=html, base_url=str(base) + "/",
                                       url_fetcher=fetcher).render(font_config=FontConfiguration(),
                                                                   **options)
            strays = _notes_away_from_their_call(html, document.pages)
            if not strays:
                break
            html = _break_before(html, strays)
        for para in strays:
            warnings.append(f"the footnote called in {para.replace('-', ' ')} stands on a later page")
        middle = time.perf_counter()
        _date_metadata(document.metadata, os.environ.get("SOURCE_DATE_EPOCH"), warnings)
        pdf = document.write_pdf(**options)
        ended = time.perf_counter()
    return pdf, warnings, {"pdf layout": middle - started, "pdf write": ended - middle}


#: how many times a layout is redone to bring footnotes back to the page of their call
_MAX_RELAYOUTS = 1
_NOTE_CALLER = re.compile(r'<p id="(para-\d+)" class="([^"]*)" data-notes="([^"]*)"')


def _notes_away_from_their_call(html: str, pages) -> list[str]:
    """Paragraphs whose footnote WeasyPrint pushed to a later page than the call.

    WeasyPrint moves a note that no longer fits to the next page, leaving its call
    behind; UN documents keep each note on the page of its call.  Such a paragraph is
    then started on a new page (it never splits across pages, see print.css).
    """
    page_of = {anchor: number for number, page in enumerate(pages) for anchor in page.anchors}
    strays = []
    for para, _, notes in _NOTE_CALLER.findall(html):
        if any(page_of.get(f"fn-{n}") != page_of.get(para) for n in notes.split()):
            strays.append(para)
    return strays


def _break_before(html: str, paragraphs: list[str]) -> str:
    for para in paragraphs:
        html = re.sub(rf'<p id="{para}" class="([^"]*)"', rf'<p id="{para}" class="\1 page-start"',
                      html, count=1)
    return html


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


def render(doc, ctx: RenderContext) -> Rendered:
    """The print HTML of ``doc`` and the job that lays it out (run by the build's workers).

    Its source is the HTML and every file it may load: when neither changed since the
    last build, the previous PDF is reused."""
    from ..fingerprint import source_digest
    from .templated import render_html
    from .workers import PdfJob

    html = render_html(doc, ctx.env, "pdf")
    job = PdfJob(f"{doc.name}.pdf", doc.period, html, ctx.root / "templates", ctx.templates)
    return Rendered(source_digest(html, ctx.assets), job=job)


FORMAT = Format("pdf", "html", render)
