"""Where text stands on a PDF's pages, read with poppler's pdftotext (a reader we did not
write), and where the horizontal rules are, read from page images drawn by pdftoppm."""

from __future__ import annotations

import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

_NS = "{http://www.w3.org/1999/xhtml}"
MM = 72 / 25.4  # PDF points in a millimetre


@dataclass
class Line:
    x0: float
    top: float
    x1: float
    bottom: float
    block: int                            # lines of one block of text share this number
    words: list[tuple[float, str]]        # (left edge, word)

    @property
    def text(self) -> str:
        return " ".join(word for _, word in self.words)

    @property
    def height(self) -> float:
        return self.bottom - self.top


def pdf_lines(pdf: Path) -> list[list[Line]]:
    """Every page's lines, top to bottom."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True, timeout=120).stdout
    pages, block = [], 0
    for page in ET.fromstring(out).iter(f"{_NS}page"):
        lines = []
        for number, xml_block in enumerate(page.iter(f"{_NS}block"), start=block):
            for line in xml_block.iter(f"{_NS}line"):
                words = [(float(w.get("xMin")), w.text) for w in line.iter(f"{_NS}word")]
                lines.append(Line(float(line.get("xMin")), float(line.get("yMin")),
                                  float(line.get("xMax")), float(line.get("yMax")), number, words))
            block = number + 1
        pages.append(sorted(lines, key=lambda l: (l.top, l.x0)))
    return pages


def line_with(page: list[Line], text: str) -> Line:
    found = [line for line in page if text in line.text]
    assert found, f"no line holds {text!r}"
    return found[0]


def horizontal_rules(pdf: Path, page: int, dpi: int = 100) -> list[tuple[float, float, float]]:
    """The dark horizontal rules of ``page`` (1-based) longer than 15 mm, as (top, left,
    length) in points, from an image of the page.  A thin rule may be drawn as two rows
    of grey, so each pair of rows is read together: a rule is a long run with at least
    half a row of black ink in it (grey link underlines have less)."""
    import numpy
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder) / "page"
        subprocess.run(["pdftoppm", "-gray", "-png", "-r", str(dpi), "-f", str(page), "-l",
                        str(page), "-singlefile", str(pdf), str(prefix)], check=True, timeout=120)
        ink = 255 - numpy.asarray(Image.open(f"{prefix}.png").convert("L"), dtype=numpy.int32)
    pairs = (ink[:-1] + ink[1:]) > 128
    scale, shortest = 72 / dpi, 15 * MM * dpi / 72
    rules, previous = [], set()
    for y, row in enumerate(pairs):
        edges = numpy.flatnonzero(numpy.diff(numpy.concatenate(([0], row.astype(numpy.int8), [0]))))
        runs = {(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True) if b - a > shortest}
        rules += [(y * scale, a * scale, (b - a) * scale) for a, b in sorted(runs)
                  if not any(abs(a - pa) <= 1 and abs(b - pb) <= 1 for pa, pb in previous)]
        previous = runs
    return rules
