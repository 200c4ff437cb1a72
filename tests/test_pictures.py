"""Picture tests: pages of each kind of document compared with reference images.

The fonts are bundled, so a page looks the same on every machine; a stylesheet or
template change that moves things shows up here as a failing test, with a difference
image (changed pixels in red) written beside the test's output.  The references in
tests/pictures/ are replaced only on purpose:

    REPORTGEN_UPDATE_PICTURES=1 .venv/bin/python -m pytest tests/test_pictures.py

then look at the new images before committing them.
"""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import ROOT

from reportgen.commands.show import pdf_pages_to_png

PICTURES = ROOT / "tests" / "pictures"
DPI = 50
#: a pixel has changed when its grey differs by more than this (anti-aliasing varies a
#: little between renderer versions) ...
PIXEL_TOLERANCE = 48
#: ... and a page has changed when more than this share of its pixels has
PAGE_TOLERANCE = 0.002

#: page 1 and a later page of each kind (press releases are one page long: the second
#: picture is the other period's release, with a footnote)
PAGES = {
    "report-1": ("2020-2022/report.pdf", 1),
    "report-7": ("2020-2022/report.pdf", 7),
    "brief-1": ("2020-2022/brief.pdf", 1),
    "brief-2": ("2020-2022/brief.pdf", 2),
    "press-release-1": ("2020-2022/press-release-2021-12-08-ccpcj-thematic-discussion-2021.pdf", 1),
    "press-release-with-note-1": ("2022-2024/press-release-2023-10-20-constructive-dialogue-2023.pdf", 1),
    "statement-1": ("2020-2022/statement-2021-05-17-un-network-ccpcj-2021.pdf", 1),
    "statement-2": ("2020-2022/statement-2021-05-17-un-network-ccpcj-2021.pdf", 2),
}
UPDATE = os.environ.get("REPORTGEN_UPDATE_PICTURES") == "1"

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                reason="poppler-utils is not installed")


@pytest.mark.parametrize("picture", PAGES)
def test_page_matches_its_reference_image(built, tmp_path, picture):
    from PIL import Image, ImageChops

    pdf, page = PAGES[picture]
    [drawn] = pdf_pages_to_png(built / pdf, tmp_path, (page, page), dpi=DPI)
    image = Image.open(drawn).convert("L")
    reference = PICTURES / f"{picture}.png"
    if UPDATE:
        image.save(reference, optimize=True)
        pytest.skip(f"reference image written: {reference.relative_to(ROOT)}")
    assert reference.exists(), (f"no reference image {reference.relative_to(ROOT)}: "
                                "run with REPORTGEN_UPDATE_PICTURES=1 to make it")
    expected = Image.open(reference).convert("L")
    assert image.size == expected.size, (image.size, expected.size)
    changed = ImageChops.difference(image, expected).point(lambda v: 255 if v > PIXEL_TOLERANCE else 0)
    share = changed.histogram()[255] / (image.size[0] * image.size[1])
    if share > PAGE_TOLERANCE:
        diff = tmp_path / f"difference-{reference.name}"
        Image.merge("RGB", (ImageChops.lighter(expected, changed), ImageChops.subtract(expected, changed),
                            ImageChops.subtract(expected, changed))).save(diff)
        pytest.fail(f"{pdf} page {page} differs from {reference.relative_to(ROOT)} in "
                    f"{share:.2%} of its pixels; changed pixels in red: {diff}")
