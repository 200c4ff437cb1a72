"""One way of comparing a drawn page with its reference picture in tests/pictures/.

The fonts are bundled, so a page looks the same on every machine; a change that moves
things fails with a difference image (changed pixels in red) written beside the test's
output.  The references are replaced only on purpose, with REPORTGEN_UPDATE_PICTURES=1,
and looked at before they are committed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ROOT

PICTURES = ROOT / "tests" / "pictures"
DPI = 50
#: a pixel has changed when its grey differs by more than this (anti-aliasing varies a
#: little between renderer versions) ...
PIXEL_TOLERANCE = 48
#: ... and a page has changed when more than this share of its pixels has
PAGE_TOLERANCE = 0.002
UPDATE = os.environ.get("REPORTGEN_UPDATE_PICTURES") == "1"


def check_against_reference(drawn: Path, name: str, what: str, scratch: Path) -> None:
    """Fail unless the page drawn in ``drawn`` looks as ``tests/pictures/<name>.png``;
    ``what`` names the page in the failure ("report.pdf page 7")."""
    from PIL import Image, ImageChops

    image = Image.open(drawn).convert("L")
    reference = PICTURES / f"{name}.png"
    shown = reference.relative_to(ROOT)
    if UPDATE:
        image.save(reference, optimize=True)
        pytest.skip(f"reference image written: {shown}")
    assert reference.exists(), f"no reference image {shown}: run with REPORTGEN_UPDATE_PICTURES=1 to make it"
    expected = Image.open(reference).convert("L")
    assert image.size == expected.size, (image.size, expected.size)
    changed = ImageChops.difference(image, expected).point(lambda v: 255 if v > PIXEL_TOLERANCE else 0)
    share = changed.histogram()[255] / (image.size[0] * image.size[1])
    if share > PAGE_TOLERANCE:
        diff = scratch / f"difference-{reference.name}"
        Image.merge("RGB", (ImageChops.lighter(expected, changed), ImageChops.subtract(expected, changed),
                            ImageChops.subtract(expected, changed))).save(diff)
        pytest.fail(f"{what} differs from {shown} in {share:.2%} of its pixels; "
                    f"changed pixels in red: {diff}")
