"""Charts of facts: a horizontal bar chart drawn by matplotlib, as inline SVG for the
page and the PDF and as a PNG picture for the Word file, its labels set in the fonts the
edition's text is set in.

A brief's chart and a report's figure charts are drawn here; the document model asks
for a chart only when a format prints it, so ``check`` never loads the plotting library.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from .assets import builtin_templates
from .content.variables import QuotedFact
from .languages import ENGLISH, Language

#: the bundled fonts, by family: the files matplotlib measures chart labels with
_BUNDLED = {"Liberation Serif": "LiberationSerif-*.ttf", "Noto Naskh Arabic": "NotoNaskhArabic-*.ttf"}

class ChartFont(NamedTuple):
    """A font of a chart's labels."""

    family: str               # the family matplotlib knows from ``files``
    files: tuple[Path, ...]   # what matplotlib measures the labels with
    css: str                  # the family list the page's stylesheet names it by


def chart_fonts(lang: Language) -> tuple[ChartFont, ...]:
    """The fonts a chart's labels are set in for ``lang``, as the stylesheet sets the
    text: the language's own face first (the bundled Arabic one; for Chinese the lighter
    face of the installed one, when it can be made, see reportgen.lightfaces), then
    Liberation Serif.  In Arabic and Chinese, Latin letters and figures come before the
    script's face, from Liberation Serif, as the body text's 'Liberation Serif Latin'
    (templates/fonts.css) sets them; the script's letters, which it lacks, fall through."""
    folder = builtin_templates() / "fonts"
    fonts = [ChartFont("Liberation Serif", tuple(sorted(folder.glob(_BUNDLED["Liberation Serif"]))),
                       "Liberation Serif")]
    if lang.font in _BUNDLED and lang.font != "Liberation Serif":
        fonts.insert(0, ChartFont(lang.font, tuple(sorted(folder.glob(_BUNDLED[lang.font]))),
                                  lang.font))
    elif lang.font_package is not None:
        from .lightfaces import LIGHT_FAMILY, light_faces

        faces = light_faces(lang)
        if faces:
            fonts.insert(0, ChartFont(lang.font, tuple(faces.values()),
                                      f"{LIGHT_FAMILY[lang.code]}, {lang.font}"))
    if len(fonts) > 1:
        serif = fonts[-1]
        fonts.insert(0, ChartFont(serif.family, serif.files, "Liberation Serif Latin"))
    return tuple(fonts)


def chart_png(values: list[QuotedFact], ident: str, fonts: tuple[ChartFont, ...],
              numbered: bool = False) -> bytes:
    """The chart as a PNG picture, for the Word file (which has no inline SVG).  With
    ``numbered`` the bars are labelled 1, 2, 3... (the labels then stand in the table
    after the picture): matplotlib does not join the letters of Arabic."""
    return chart("", values, ident, "", fonts, png=True, numbered=numbered)


def chart(title: str, values: list[QuotedFact], ident: str, description: str,
          fonts: tuple[ChartFont, ...] | None = None, png: bool = False,
          numbered: bool = False):
    """A horizontal bar chart of facts as inline SVG, titled with its accessible description.

    The text is set in the bundled ``fonts`` (each character in the first that has it), as
    plain text (a ``$`` in a label is a dollar sign, not a formula); matplotlib measures
    the labels with the same fonts.  The SVG names them as one plain family list, which
    the PDF renderer reads as a list: an Arabic word in a label that fell back from
    Liberation Serif to a font the renderer chose itself was drawn in reverse order.  The
    description is the SVG's ``<title>``, which the tagged PDF carries as the figure's
    alternative text and browsers read out; the page shows the chart's title as its
    caption instead.
    """
    import io
    import textwrap

    import matplotlib  # only a brief with a chart needs it
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    fonts = fonts or chart_fonts(ENGLISH)
    families = _known_to_matplotlib(fonts)
    numbers = [float(v.value) for v in values]
    labels = ([str(n) for n in range(1, len(values) + 1)] if numbered
              else ["\n".join(textwrap.wrap(v.label, 38)) for v in values])
    low, high = min(0.0, *numbers), max(0.0, *numbers)
    if low == high:  # every bar is zero: a scale of one keeps the axis drawable
        high = 1.0
    with matplotlib.rc_context():
        # matplotlib's own defaults, whatever a matplotlibrc in the working folder or the
        # user's settings say, so that every process draws the same chart
        matplotlib.rcdefaults()
        matplotlib.rcParams.update({"svg.hashsalt": ident, "svg.fonttype": "none",
                                    "font.family": list(families), "font.size": 9,
                                    "text.parse_math": False})
        figure = Figure(figsize=(6.4, 0.55 + 0.6 * len(values)))
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        bars = axes.barh(range(len(values))[::-1], numbers, color="#1f4e79", height=0.6)
        axes.set_yticks(range(len(values))[::-1], labels)
        axes.bar_label(bars, labels=[str(v) for v in values], padding=3)
        axes.set_xlim(low * 1.18, high * 1.18)
        axes.xaxis.set_visible(False)
        for side in ("top", "right", "bottom"):
            axes.spines[side].set_visible(False)
        figure.tight_layout()
        if png:
            picture = io.BytesIO()
            figure.savefig(picture, format="png", dpi=200, metadata={"Software": None})
            return picture.getvalue()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]  # inline: no XML declaration or doctype
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r'style="([^"]*)"', _presentation_attributes, svg)
    svg = re.sub(r'font-family="[^"]*"', f'font-family="{", ".join(f.css for f in fonts)}"', svg)
    svg = re.sub(r"(<svg [^>]*>)", lambda m: m.group(1).replace("<svg ", '<svg role="img" ', 1)
                 + f"<title>{_text(description)}</title>", svg, count=1)
    return svg


def _known_to_matplotlib(fonts: tuple[ChartFont, ...]) -> tuple[str, ...]:
    """Make matplotlib know the files of ``fonts`` (so it measures the labels with the
    fonts the page is set in) and return their family names.

    The files are put first in matplotlib's list, so that they win over an installed
    font of the same family (another release of Liberation Serif, say): which one
    matplotlib found first would otherwise depend on its font cache and on what the
    process had drawn before, and the same chart would be measured differently.
    """
    from matplotlib import font_manager

    manager = font_manager.fontManager
    ours = {str(path) for font in fonts for path in font.files}
    known = {font.fname for font in manager.ttflist}
    for path in sorted(ours - known):
        manager.addfont(path)  # which also empties matplotlib's memory of earlier look-ups
    # stable: every chart's fonts include Liberation Serif, so a look-up matplotlib
    # remembers was made with the bundled files ahead of any installed one
    manager.ttflist.sort(key=lambda entry: entry.fname not in ours)
    return tuple(font.family for font in fonts)


def _presentation_attributes(match: re.Match) -> str:
    """style="fill: #fff; stroke: none" -> fill="#fff" stroke="none": the SVG renderer of
    the PDF path reads SVG attributes but takes style declarations for CSS it rejects."""
    pairs = [part.split(":", 1) for part in match.group(1).split(";") if ":" in part]
    return " ".join(f'{name.strip()}="{value.strip()}"' for name, value in pairs)


def _text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
