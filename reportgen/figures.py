"""Figures of a report: a picture file of ``content/images/``, or a bar chart of facts.

``![what it shows](images/routes.png)`` prints the picture; ``![what it shows](chart:a,b)``
draws the facts a and b as a bar chart (as a brief's chart is drawn), quoted as of the
report's period.  Each is numbered 'Figure I', 'Figure II' through the report, with its
title, its alternative text for readers who cannot see it, and its source line.
"""

from __future__ import annotations

import base64
from pathlib import Path

from .content.store import Store
from .content.variables import FactLookupError, FactQuote, TextExpander
from .languages import Language
from .markup import Figure
from .suggestions import did_you_mean

IMAGES = Path("content") / "images"
#: the kinds of picture a figure may be (Word takes PNG and JPEG; an SVG is shown in the
#: web page and the PDF, and by its alternative text in Word)
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".svg": "image/svg+xml"}


def figure_problem(store: Store, expander: TextExpander, figure: Figure, ident: str,
                   at: tuple[str, int], printed_in: Language | None = None) -> str | None:
    """Fill in ``figure``'s picture or chart; the writer's words for why it cannot be.
    A chart is set in the faces of the document it is ``printed_in`` (its labels may
    be that language's though the block's text is untranslated)."""
    if figure.target.startswith("chart:"):
        return _chart(store, expander, figure, ident, at, printed_in or expander.period.lang)
    return _picture(store.root, figure)


def _picture(root: Path, figure: Figure) -> str | None:
    name = figure.target.removeprefix("images/")
    folder = (root / IMAGES).resolve()
    path = (folder / name).resolve()
    known = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    if not path.is_relative_to(folder) or "/" in name or name.startswith("."):
        return (f"figure '{figure.target}' is not a picture in content/images/ (write "
                "images/NAME.png, or chart:FACT,FACT for a chart of facts)")
    if not path.is_file():
        return (f"figure 'images/{name}' not found in content/images/"
                + did_you_mean(name, known))
    kind = IMAGE_TYPES.get(path.suffix.lower())
    if kind is None:
        return f"figure 'images/{name}' is not a PNG, JPEG or SVG picture"
    figure.data, figure.media_type = path.read_bytes(), kind
    figure.url = f"data:{kind};base64,{base64.b64encode(figure.data).decode('ascii')}"
    return None


def _chart(store: Store, expander: TextExpander, figure: Figure, ident: str,
           at: tuple[str, int], printed_in: Language) -> str | None:
    from .charts import chart, chart_fonts

    names = [name.strip() for name in figure.target.removeprefix("chart:").split(",")]
    values = []
    for name in names:
        if name not in store.facts:
            return f"chart of unknown fact '{name}'" + did_you_mean(name, store.facts)
        try:
            quoted = expander.facts.quote(name)
        except FactLookupError as exc:
            return exc.message
        if isinstance(quoted.value, bool) or not isinstance(quoted.value, (int, float)):
            return (f"chart bar '{name}': the fact's value {quoted.value!r} (as of "
                    f"{quoted.as_of}) is not a number, so it cannot be drawn")
        expander.quotes.append(FactQuote(name, _dated(quoted), *at))
        values.append(quoted)
    title = figure.title.text if figure.title is not None else figure.alt
    figure.svg = chart(title, values, f"figure-{ident}", figure.alt,
                       chart_fonts(printed_in))
    return None


def _dated(quoted):
    """The dated value a quoted fact gives."""
    return quoted._value()  # noqa: SLF001 - reportgen's own QuotedFact
