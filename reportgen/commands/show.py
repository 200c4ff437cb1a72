"""``reportgen show``: pictures of a built document, to look at without a PDF viewer.

Pages of the PDF are drawn with pdftoppm (poppler-utils) and the HTML page with headless
Chromium, at a desktop and a phone width.  Both are outside tools: a missing one is
reported in a single line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import ReportgenError
from ..plainfiles import NotPlainFile, refuse_linked_folders

#: window widths of the HTML screenshots: a desktop and a phone
WIDTHS = (1280, 390)
_CHROMIUM = ("chromium", "chromium-browser", "google-chrome")


class ToolMissing(ReportgenError):
    """An outside program reportgen needs for this command is not installed."""


def find_chromium() -> str | None:
    return next((path for name in _CHROMIUM if (path := shutil.which(name))), None)


def pdf_pages_to_png(pdf: Path, dest: Path, pages: tuple[int, int] = (1, 2), dpi: int = 80) -> list[Path]:
    """PNG files of ``pages`` (first, last) of ``pdf``, named <stem>-page-N.png."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise ToolMissing("pdftoppm not found: install poppler-utils to draw PDF pages")
    dest.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory(prefix="reportgen-show-") as scratch:
        prefix = Path(scratch) / f"{pdf.stem}-page"
        _run([tool, "-png", "-r", str(dpi), "-f", str(pages[0]), "-l", str(pages[1]),
              str(pdf), str(prefix)], pdf, "pdftoppm")
        for path in sorted(Path(scratch).glob(f"{prefix.name}-*.png")):
            number = int(path.stem.rsplit("-", 1)[1])  # pdftoppm pads page numbers
            made.append(_place(path, dest / f"{prefix.name}-{number}.png"))
    return sorted(made, key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def _place(drawn: Path, target: Path) -> Path:
    """Move a picture drawn in a private folder to ``target``; a link or anything else
    planted there is replaced, never written through."""
    os.replace(drawn, target)
    return target


def html_to_png(html: Path, dest: Path, width: int, height: int = 2000) -> Path:
    """A screenshot of ``html`` in headless Chromium, ``width`` pixels wide."""
    browser = find_chromium()
    if browser is None:
        raise ToolMissing("Chromium not found: install chromium to draw the HTML page")
    dest.mkdir(parents=True, exist_ok=True)
    name = f"{html.stem}-{width}px.png"
    with tempfile.TemporaryDirectory() as profile:
        drawn = Path(profile) / name
        _run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
              "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--hide-scrollbars",
              f"--user-data-dir={profile}", f"--window-size={width},{height}",
              f"--screenshot={drawn}", html.resolve().as_uri()], html, "Chromium")
        return _place(drawn, dest / name)


def _run(command: list[str], drawn: Path, tool: str) -> None:
    """Run an outside tool; its failure (a corrupt PDF, say) is one line naming the file."""
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=120)
    except subprocess.CalledProcessError as exc:
        said = [line for line in exc.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        reason = f": {said[0].strip()}" if said else f" (exit status {exc.returncode})"
        raise ReportgenError(f"{drawn}: error: {tool} could not draw it{reason}") from None
    except subprocess.TimeoutExpired:
        raise ReportgenError(f"{drawn}: error: {tool} took more than 120 s to draw it") from None


def show(folder: Path, preview: Path, name: str = "report", root: Path | None = None) -> list[Path]:
    """Draw pages 1 and 2 of ``name``.pdf in ``folder`` and its HTML page into ``preview``
    (outside the period's folder, which holds outputs only).  No folder from ``root``
    (the output root) down to ``preview`` may be a link: pictures are not written
    through one."""
    if root is not None:
        for where in (folder, preview):
            try:
                refuse_linked_folders(root, where)
            except NotPlainFile as exc:
                raise ReportgenError(f"{exc.path}: error: {exc.reason}; nothing drawn") from None
    made = pdf_pages_to_png(folder / f"{name}.pdf", preview)
    made += [html_to_png(folder / f"{name}.html", preview, width) for width in WIDTHS]
    return made
