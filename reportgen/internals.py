"""Every place reportgen reaches into a dependency's private names, and only here.

A private name may change in any release, so each reach is listed below with the versions
it was checked against and what happens on any other version.  On a checked version the
reach is made; on another, the plain behaviour runs (no patch, or the public route) and
``reportgen build --verbose`` says so in one line per reach (:func:`untested_reaches`).
``tests/test_internals.py`` fails when a private name of a dependency is used anywhere
else in the package, its tests or its benchmark.

1. WeasyPrint's line layout, ``weasyprint.layout.inline``'s ``get_next_linebox`` and
   ``avoid_collisions`` (:func:`rtl_lines_laid_out_once`).  Checked against WeasyPrint
   70.x.  Elsewhere: not patched, so right-to-left lines are laid out twice, as WeasyPrint
   does by itself (the same PDF, a little slower).
2. WeasyPrint's font folder, ``FontConfiguration._folder`` (:func:`remove_font_folders`).
   Checked against WeasyPrint 70.x.  Elsewhere: the folder is left to WeasyPrint, which
   removes it when the configuration is collected; a PDF worker keeps it in the build's
   scratch folder, which the build removes in any case.
3. The worker processes of a pool, ``ProcessPoolExecutor._processes``
   (:func:`terminate_workers`).  Python 3.14 and later have the public
   ``terminate_workers()``, which is used there.  Checked against CPython 3.10 to 3.13.
   Elsewhere: the pool is shut down without stopping a layout under way, so a failed
   build waits for it before it ends.

4. WeasyPrint's laid-out boxes, ``Page._page_box`` and the box classes of
   ``weasyprint.formatting_structure.boxes`` (:func:`content_outside_pages`).  Checked
   against WeasyPrint 70.x.  Elsewhere: text or pictures past a page's edge are not
   looked for, as before.
5. python-docx's paragraph element, ``Paragraph._p`` (:func:`paragraph_element`), used by
   the tests that edit Word files as an editor would.  Checked against python-docx 1.2.x.
   Elsewhere: the same name is tried, and where it is gone the tests that edit Word files
   fail with a line naming this reach.  reportgen itself uses python-docx through its
   public interface only (``Part``, ``rels``, ``element`` of parts and styles, ``oxml``).
6. WeasyPrint's justification, ``count_expandable_spaces`` and ``Layout.set_text`` (of
   ``weasyprint.layout.inline`` and ``weasyprint.text.line_break``), with Pango's
   letter-spacing attribute through the ``pango`` and ``ffi`` that module uses
   (:func:`cjk_justified`).  Checked against WeasyPrint 70.x.  Elsewhere: Chinese lines are
   justified at spaces only, as WeasyPrint does by itself, so they end short of the measure.
7. WeasyPrint's loading of its libraries, the names ``weasyprint.text.ffi`` hands to
   ``ctypes.util.find_library`` as it is imported (:func:`import_weasyprint`).  No private
   name, but a reliance on how the import looks its libraries up: each of about twenty
   names is looked for by running ``ldconfig``, then ``gcc``, then ``ld``, a third of a
   second in all, most of it for names of other systems that are never found.  While it
   is imported, each name is looked up in one reading of the loader's cache instead.
   Checked against WeasyPrint 70.x, on Linux.  Elsewhere (or with ``LD_LIBRARY_PATH`` or
   ``LIBRARY_PATH`` set, where ``gcc`` and ``ld`` may find what the cache lacks): the
   import looks its libraries up as it does by itself (the same PDF, a slower start).
"""

from __future__ import annotations

import math
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata


@dataclass(frozen=True)
class Reach:
    """One reach into a dependency: what, into which distribution (or ``python``), and
    the versions it was checked against: from ``first`` up to, not including, ``beyond``."""

    what: str
    names: str  # the private names reached, as the list above gives them
    dependency: str
    first: tuple[int, ...]
    beyond: tuple[int, ...]
    otherwise: str

    def checked(self) -> bool:
        """Whether the installed version is one this reach was checked against."""
        version = _installed(self.dependency)
        return version is not None and self.first <= version < self.beyond

    def note(self) -> str:
        shown = ".".join(str(part) for part in _installed(self.dependency) or ()) or "not found"
        return (f"{self.dependency} {shown} is not a version reportgen was checked against "
                f"for {self.what}; {self.otherwise}")


RTL_LINES = Reach("laying out right-to-left lines once",
                  "``get_next_linebox`` and ``avoid_collisions``", "weasyprint", (70,), (71,),
                  "right-to-left lines are laid out twice, as WeasyPrint does by itself")
FONT_FOLDERS = Reach("removing its temporary font folders", "``FontConfiguration._folder``",
                     "weasyprint", (70,), (71,),
                     "WeasyPrint removes them itself when it is done with them")
PARAGRAPH_ELEMENT = Reach("editing Word paragraphs in tests", "``Paragraph._p``", "python-docx",
                          (1, 2), (1, 3), "the tests that edit Word files may fail")
POOL_PROCESSES = Reach("stopping PDF workers at once", "``ProcessPoolExecutor._processes``",
                       "python", (3, 10), (3, 14),
                       "a failed build waits for the layouts under way")

CJK_JUSTIFY = Reach("justifying Chinese lines between characters",
                    "``count_expandable_spaces`` and ``Layout.set_text``", "weasyprint",
                    (70,), (71,), "Chinese lines are justified at spaces only and end short "
                    "of the measure")

PAGE_BOXES = Reach("finding what runs past a page's edge", "``Page._page_box``",
                  "weasyprint", (70,), (71,), "what runs past a page's edge is not looked for")


LIBRARY_LOOKUP = Reach("finding its libraries in one reading of the loader's cache",
                       "``ctypes.util.find_library``", "weasyprint", (70,), (71,),
                       "WeasyPrint looks its libraries up by itself (a slower start)")


def reaches() -> tuple[Reach, ...]:
    """Every reach listed above."""
    return (RTL_LINES, FONT_FOLDERS, POOL_PROCESSES, PAGE_BOXES, PARAGRAPH_ELEMENT,
            CJK_JUSTIFY, LIBRARY_LOOKUP)


def untested_reaches() -> list[str]:
    """One line for each reach that is not made because the installed version of its
    dependency is not one it was checked against (shown by ``--verbose``)."""
    return [reach.note() for reach in reaches()
            if not reach.checked() and not (reach is POOL_PROCESSES and _public_terminate())]


def _installed(dependency: str) -> tuple[int, ...] | None:
    if dependency == "python":
        return tuple(sys.version_info[:2])
    try:
        text = metadata.version(dependency)
    except metadata.PackageNotFoundError:
        return None
    parts = []
    for piece in text.split(".")[:3]:
        digits = re.match(r"\d+", piece)
        if digits is None:
            break
        parts.append(int(digits.group()))
    return tuple(parts)


# -- 1. WeasyPrint: right-to-left lines laid out once ---------------------------------------

@contextmanager
def rtl_lines_laid_out_once() -> Iterator[None]:
    """While inside, WeasyPrint keeps the first layout of each right-to-left line that
    starts with no float on its page.

    WeasyPrint (70) lays out a line in a loop that tries again when a taller line than
    expected might now touch a float.  For a left-to-right line it stops after one try
    when the line has not moved.  For a right-to-left line the same test compares the
    line's right edge with a width that was still 0 before the first try, so it never
    holds: every line of an Arabic document is broken, shaped and measured twice.

    When no float is on the page as the line starts, the second try has nothing new to
    avoid and gives the same line, so this tells the loop, for those lines only, that the
    line it expects may be of any height, and the first try is kept.  Lines of documents
    with floats, and every left-to-right line, are untouched; the PDF is the same byte
    for byte (tests/test_rtl_lines.py).
    """
    if not RTL_LINES.checked():
        yield
        return
    from weasyprint.layout import inline

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


# -- 6. WeasyPrint: Chinese justified between characters ----------------------------------

#: ideographs and the full-width punctuation set with them: where a Chinese line may
#: take the space a justified line has left over
_CJK_RUN = re.compile("[\u2e80-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+")


def _chinese(style) -> bool:
    lang = style["lang"] if "lang" in style else None
    return bool(lang) and str(lang).lower().startswith("zh")


@contextmanager
def cjk_justified() -> Iterator[None]:
    """While inside, WeasyPrint justifies Chinese text between its characters.

    WeasyPrint (70) justifies a line by widening its spaces only (``text-justify`` is not
    supported), so Chinese, which has none, ends 7 to 10 points short of the measure
    while the other editions fill it.  This counts each character of a Chinese run as a
    place the line's left-over width may go, and, where the line is drawn, spreads it as
    Pango letter spacing over those runs; spaces in Latin words between them widen as
    before.  Text in other languages is untouched.
    """
    if not CJK_JUSTIFY.checked():
        yield
        return
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import inline
    from weasyprint.text import line_break

    count = getattr(inline, "count_expandable_spaces", None)
    set_text = getattr(line_break.Layout, "set_text", None)
    pango, ffi = getattr(line_break, "pango", None), getattr(line_break, "ffi", None)
    units = getattr(line_break, "TO_UNITS", None)
    if None in (count, set_text, pango, ffi, units):
        yield
        return

    def counted(box):
        found = count(box)
        if isinstance(box, boxes.TextBox) and _chinese(box.style):
            found += sum(len(run.group()) for run in _CJK_RUN.finditer(box.text))
        return found

    def justified(layout, text, justify=False):
        set_text(layout, text, justify)
        spacing = layout.justification_spacing
        if not (justify and spacing and _chinese(layout.style)):
            return
        attrs = pango.pango_layout_get_attributes(layout.layout)
        if attrs == ffi.NULL:
            attrs = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        for run in _CJK_RUN.finditer(layout.text):
            start = len(layout.text[:run.start()].encode("utf-8"))
            attr = pango.pango_attr_letter_spacing_new(int(spacing * units))
            attr.start_index, attr.end_index = start, start + len(run.group().encode("utf-8"))
            pango.pango_attr_list_change(attrs, attr)
        pango.pango_layout_set_attributes(layout.layout, attrs)

    inline.count_expandable_spaces, line_break.Layout.set_text = counted, justified
    try:
        yield
    finally:
        inline.count_expandable_spaces, line_break.Layout.set_text = count, set_text


# -- 2. WeasyPrint: temporary font folders --------------------------------------------------

@contextmanager
def remove_font_folders(configurations: list) -> Iterator[None]:
    """Remove the folders of fonts each WeasyPrint font configuration in
    ``configurations`` made, once the block ends.

    WeasyPrint copies the stylesheets' fonts into a temporary folder that it removes only
    when the configuration is garbage collected, which a worker process that exits never
    does: every PDF would leave a folder behind in the system's temporary folder.
    """
    try:
        yield
    finally:
        if FONT_FOLDERS.checked():
            for config in configurations:
                folder = getattr(config, "_folder", None)
                if isinstance(folder, str) and folder:
                    shutil.rmtree(folder, ignore_errors=True)


# -- 3. The standard library: a pool's worker processes ------------------------------------

def _public_terminate() -> bool:
    from concurrent.futures import ProcessPoolExecutor

    return hasattr(ProcessPoolExecutor, "terminate_workers")


def terminate_workers(pool) -> None:
    """Stop every worker process of ``pool`` (a ProcessPoolExecutor) now, whatever it is
    doing; the caller shuts the pool down after."""
    if _public_terminate():
        pool.terminate_workers()
        return
    if not POOL_PROCESSES.checked():
        return
    processes: Iterable = (getattr(pool, "_processes", None) or {}).values()
    for process in processes:
        process.terminate()


# -- 4. WeasyPrint: what runs past a page's edge --------------------------------------------

@dataclass(frozen=True)
class OutsidePage:
    """Text (or a picture, ``text`` empty) laid out beyond the edge of page ``page``;
    ``origin`` is what ``origin_of`` said of the nearest element around it that it knew
    (None if none)."""

    page: int
    text: str
    origin: object = None


def content_outside_pages(document, slack: float = 1.0,
                          origin_of: Callable[[object], object] | None = None
                          ) -> list[OutsidePage]:
    """Every run of text and every picture of the laid-out ``document`` that reaches past
    the right, left or bottom edge of its page (by more than ``slack`` CSS pixels), where
    the PDF would clip it: a word that cannot break, a chart taller than the page.

    ``origin_of`` is asked about the HTML element of each box around it, innermost
    first, until it answers something other than None: so a writer can be told which
    paragraph or note of the source the clipped text belongs to."""
    if not PAGE_BOXES.checked():
        return []
    from weasyprint.formatting_structure import boxes

    found = []

    def walk(box, number: int, page, origin) -> None:
        element = getattr(box, "element", None)
        if origin_of is not None and element is not None:
            origin = origin_of(element) or origin
        if isinstance(box, (boxes.TextBox, boxes.ReplacedBox)):
            left, top = box.position_x, box.position_y
            right, bottom = left + box.margin_width(), top + box.margin_height()
            if left < -slack or right > page.width + slack or bottom > page.height + slack:
                found.append(OutsidePage(number, getattr(box, "text", "") or "", origin))
        for child in getattr(box, "children", ()):
            walk(child, number, page, origin)

    for number, page in enumerate(document.pages, start=1):
        root = getattr(page, "_page_box", None)
        if root is not None:
            walk(root, number, page, None)
    return found


# -- 5. python-docx: a paragraph's element --------------------------------------------------

def paragraph_element(paragraph):
    """The ``w:p`` element of a python-docx ``Paragraph``."""
    element = getattr(paragraph, "_p", None)
    if element is None:
        raise RuntimeError(f"python-docx has no {PARAGRAPH_ELEMENT.names} here; "
                           f"{PARAGRAPH_ELEMENT.note()}")
    return element


# -- 7. WeasyPrint: its libraries found in one reading of the loader's cache ---------------

def import_weasyprint() -> None:
    """Import WeasyPrint and its font module, its libraries looked up in one reading of
    the dynamic loader's cache (``ldconfig -p``) rather than by three programs run for
    each name it tries (see the list at the top)."""
    if "weasyprint.text.fonts" in sys.modules:
        return
    import ctypes.util

    table = _loader_cache() if _cache_answers() else None
    if table is None:
        import weasyprint  # noqa: F401
        from weasyprint.text import fonts  # noqa: F401
        return
    plain = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        return _in_cache(table, name)

    ctypes.util.find_library = find_library
    try:
        import weasyprint  # noqa: F401
        from weasyprint.text import fonts  # noqa: F401
    finally:
        ctypes.util.find_library = plain


def _cache_answers() -> bool:
    """Whether the loader's cache alone finds what ``find_library`` would find: on Linux,
    with no folders of libraries named in the environment, for the checked WeasyPrint."""
    import os

    return (sys.platform.startswith("linux") and LIBRARY_LOOKUP.checked()
            and not os.environ.get("LD_LIBRARY_PATH") and not os.environ.get("LIBRARY_PATH"))


def _loader_cache() -> bytes | None:
    """The output of ``ldconfig -p`` (None if it cannot be read), read as
    ``ctypes.util`` reads it."""
    import subprocess

    try:
        done = subprocess.run(["/sbin/ldconfig", "-p"], stdin=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              env={"LC_ALL": "C", "LANG": "C"}, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 and done.stdout else None


def _in_cache(table: bytes, name: str) -> str | None:
    """The file name ``ctypes.util.find_library(name)`` gives from the loader's cache
    ``table`` (the same pattern, for this machine's kind of library)."""
    import os
    import struct

    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    abi = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
           "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}.get(machine, "libc6")
    found = re.search(os.fsencode(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({abi}"), table)
    return os.fsdecode(found.group(1)) if found else None
