"""Right-to-left lines are laid out once (reportgen.internals), and the PDF is the
one WeasyPrint makes without that help, byte for byte."""

from __future__ import annotations

import pytest

from reportgen.internals import rtl_lines_laid_out_once

weasyprint = pytest.importorskip("weasyprint")

SENTENCES = (
    "واعتمد المؤتمر، في دورته العاشرة المعقودة في فيينا من 12 إلى 16 تشرين الأول/أكتوبر "
    "2020، القرار 10/5 بشأن البروتوكول.",
    "وحتى تموز/يوليه 2022، بلغ عدد الأطراف في البروتوكول 151 طرفا، وفقا لمجموعة "
    "معاهدات الأمم المتحدة (CTOC/COP/2020/10).",
)
STYLE = """@page { size: A5; margin: 15mm; }
p { text-align: justify; }
.num { display: inline-block; width: 10mm; margin-right: -10mm; }
.note { float: footnote; }
aside { float: left; width: 30mm; height: 40mm; }"""


def _html(direction: str, floats: bool = False) -> str:
    paragraphs = []
    for n in range(1, 31):
        aside = "<aside>CTOC/COP/2020/10</aside>" if floats and n % 7 == 0 else ""
        paragraphs.append(f'<p>{aside}<span class="num">{n}</span> {SENTENCES[n % 2]} '
                          f'{SENTENCES[(n + 1) % 2]}<span class="note">انظر الحاشية {n}.</span></p>')
    lang = "ar" if direction == "rtl" else "en"
    return (f'<html lang="{lang}" dir="{direction}"><head><style>{STYLE}</style></head>'
            f'<body>{"".join(paragraphs)}</body></html>')


def _pdf(html: str) -> tuple[bytes, int]:
    document = weasyprint.HTML(string=html).render()
    return document.write_pdf(pdf_identifier=b"0" * 32), len(document.pages)


def _tries_per_line(html: str, monkeypatch) -> tuple[int, int]:
    """(lines, first-level line splits) of laying out ``html``."""
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import inline

    counts = {"lines": 0, "tries": 0}
    next_linebox, split_inline_box = inline.get_next_linebox, inline.split_inline_box

    def counted_line(*args, **kwargs):
        counts["lines"] += 1
        return next_linebox(*args, **kwargs)

    def counted_split(context, box, *args, **kwargs):
        counts["tries"] += isinstance(box, boxes.LineBox)
        return split_inline_box(context, box, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(inline, "get_next_linebox", counted_line)
        patch.setattr(inline, "split_inline_box", counted_split)
        with rtl_lines_laid_out_once():
            weasyprint.HTML(string=html).render()
    return counts["lines"], counts["tries"]


@pytest.mark.slow
def test_each_right_to_left_line_is_laid_out_once(monkeypatch):
    lines, tries = _tries_per_line(_html("rtl"), monkeypatch)
    assert lines > 100
    assert tries == lines


@pytest.mark.slow
@pytest.mark.parametrize("direction,floats", [("rtl", False), ("rtl", True), ("ltr", False)])
def test_the_pdf_is_the_same_byte_for_byte(direction, floats):
    html = _html(direction, floats)
    plain, pages = _pdf(html)
    with rtl_lines_laid_out_once():
        helped, _ = _pdf(html)
    assert helped == plain
    assert pages >= 3


def test_weasyprint_is_as_it_was_afterwards():
    from weasyprint.layout import inline

    before = (inline.get_next_linebox, inline.avoid_collisions)
    with rtl_lines_laid_out_once():
        assert (inline.get_next_linebox, inline.avoid_collisions) != before
    assert (inline.get_next_linebox, inline.avoid_collisions) == before
