"""Right-to-left lines laid out once by WeasyPrint, not twice.

WeasyPrint (70) lays out a line in a loop that tries again when a taller line than
expected might now touch a float.  For a left-to-right line it stops after one try when
the line has not moved.  For a right-to-left line the same test compares the line's right
edge with a width that was still 0 before the first try, so it never holds: every line
of an Arabic document is broken, shaped and measured twice, and the page layout of an
Arabic edition costs about half as much again as the English one.

When no float is on the page as the line starts, the second try has nothing new to
avoid and gives the same line.  :func:`rtl_lines_laid_out_once` tells the loop, for
those lines only, that the line it expects may be of any height, so the first try is
kept.  Lines of documents with floats, and every left-to-right line, are untouched; the
PDF is the same byte for byte (tests/test_rtl_lines.py).  If a later WeasyPrint renames
what this leans on, the layout simply runs as WeasyPrint wrote it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def rtl_lines_laid_out_once() -> Iterator[None]:
    """While inside, WeasyPrint keeps the first layout of each right-to-left line that
    starts with no float on its page."""
    try:
        from weasyprint.layout import inline
    except ImportError:  # pragma: no cover - WeasyPrint is a dependency
        yield
        return
    next_linebox = getattr(inline, "get_next_linebox", None)
    avoid_collisions = getattr(inline, "avoid_collisions", None)
    if next_linebox is None or avoid_collisions is None:
        yield
        return
    # the line box whose next placement is the one made before the loop's first try
    starting: list[object] = []

    def get_next_linebox(context, linebox, *args, **kwargs):
        starting[:] = [linebox]
        try:
            return next_linebox(context, linebox, *args, **kwargs)
        finally:
            starting.clear()

    def placed(context, box, containing_block, outer=True):
        position = avoid_collisions(context, box, containing_block, outer)
        if starting and box is starting[0]:
            starting.clear()
            if not context.excluded_shapes and containing_block.style["direction"] == "rtl":
                # read by the loop as the height the line may reach without a new try;
                # the first layout then sets the line box's real height
                box.height = math.inf
        return position

    inline.get_next_linebox, inline.avoid_collisions = get_next_linebox, placed
    try:
        yield
    finally:
        inline.get_next_linebox, inline.avoid_collisions = next_linebox, avoid_collisions
