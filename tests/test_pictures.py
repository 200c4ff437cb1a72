"""Picture tests: pages of each kind of document compared with reference images.

The fonts are bundled, so a page looks the same on every machine; a stylesheet or
template change that moves things shows up here as a failing test, with a difference
image (changed pixels in red) written beside the test's output.  The references in
tests/pictures/ are replaced only on purpose:

    REPORTGEN_UPDATE_PICTURES=1 .venv/bin/python -m pytest tests/test_pictures.py

then look at the new images before committing them.
"""

from __future__ import annotations

import shutil

import pytest
from picturecheck import DPI, check_against_reference

from reportgen.commands.show import pdf_pages_to_png

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
pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                reason="poppler-utils is not installed")


@pytest.mark.parametrize("picture", PAGES)
def test_page_matches_its_reference_image(built, tmp_path, picture):
    pdf, page = PAGES[picture]
    [drawn] = pdf_pages_to_png(built / pdf, tmp_path, (page, page), dpi=DPI)
    check_against_reference(drawn, picture, f"{pdf} page {page}", tmp_path)
