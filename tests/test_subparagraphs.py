"""Subparagraphs typed the UN way, and raw HTML refused by name."""

from __future__ import annotations

import pytest
from conftest import write

from reportgen.assemble import assemble_report
from reportgen.content.store import load_store
from reportgen.markup import MarkupError, make_parser, parse_paragraphs, un_subparagraphs

TYPED = """\
The Conference decided:

(a) To do x;

(b) To do y, as follows:

(i) one;

(ii) two;

(c) To do z.

A paragraph after them.
"""


def _shape(text):
    paragraphs, warnings = un_subparagraphs(parse_paragraphs(make_parser(), text))
    return ([(p.inline.text, [(b.level, b.start, [i.text for i in b.items]) for b in p.lists])
             for p in paragraphs], warnings)


def test_typed_subparagraphs_become_the_paragraphs_subparagraphs():
    assert _shape(TYPED) == ([
        ("The Conference decided:", [(1, 1, ["To do x;", "To do y, as follows:"]),
                                     (2, 1, ["one;", "two;"]),
                                     (1, 3, ["To do z."])]),
        ("A paragraph after them.", []),
    ], [])


AMBIGUOUS = ("paragraph '({label}) …' is numbered as a paragraph of its own: {why}; "
             "subparagraphs (a), (b) … follow a paragraph ending with a colon, and (i), (ii) … "
             "a subparagraph ending with a colon (write '\\(' to keep it a paragraph)")


@pytest.mark.parametrize("text, line, label, why", [
    ("The Conference decided.\n\n(a) To do x.\n", 2, "a",
     "the paragraph before it does not end with a colon"),
    ("(a) To do x.\n", 0, "a", "no paragraph comes before it"),
    ("It decided:\n\n(b) To do x.\n", 2, "b", "no subparagraph (a) comes before it"),
    ("It decided:\n\n(a) To do x;\n\n(c) To do y.\n", 4, "c",
     "it does not follow the subparagraph before it in order"),
    ("It decided:\n\n(a) To do x;\n\n(ii) one.\n", 4, "ii",
     "it does not follow the subparagraph before it in order"),
])
def test_an_ambiguous_label_stays_a_paragraph_with_a_warning(text, line, label, why):
    paragraphs, warnings = _shape(text)
    assert warnings == [(line, AMBIGUOUS.format(label=label, why=why))]
    assert paragraphs[-1][0].startswith(f"({label}) ")


def test_an_escaped_label_is_a_paragraph_without_a_warning():
    assert _shape("It decided:\n\n\\(a) To do x.\n") == (
        [("It decided:", []), ("(a) To do x.", [])], [])


def test_the_letters_go_on_past_z():
    items = "".join(f"({chr(97 + i)}) item;\n\n" for i in range(26)) + "(aa) last.\n"
    paragraphs, warnings = _shape("It decided:\n\n" + items)
    assert warnings == [] and len(paragraphs) == 1
    assert [len(b[2]) for b in paragraphs[0][1]] == [27]


@pytest.mark.slow
def test_typed_subparagraphs_are_printed_lettered_in_the_report(workspace):
    from reportgen.build import build

    write(workspace / "content/blocks/introduction/typed.yml",
          "id: typed\nplace: introduction\nperiod: 2022-2024\norder: 90\ntext: |\n"
          + "".join(f"  {line}\n" if line else "\n" for line in TYPED.splitlines()))
    build(workspace, ["2022-2024"], formats=("md", "html", "docx"), kinds=("report",))
    markdown = (workspace / "build/2022-2024/report.md").read_text(encoding="utf-8")
    assert ("3. The Conference decided:\n\n   (a) To do x;\n\n   (b) To do y, as follows:\n\n"
            "   (i) one;\n\n   (ii) two;\n\n   (c) To do z.\n\n4. A paragraph after them.\n") in markdown
    page = (workspace / "build/2022-2024/report.html").read_text(encoding="utf-8")
    assert ('<ol class="subparas lettered roman"><li><span class="subpara-label">(i)</span>one;'
            "</li>") in page
    import docx

    word = docx.Document(str(workspace / "build/2022-2024/report.docx"))
    shown = [(p.text, p.paragraph_format.left_indent) for p in word.paragraphs
             if p.text.startswith(("(a)\tTo do x", "(i)\tone", "(c)\tTo do z"))]
    from reportgen.formats.docx_styles import TEXT_INDENT_MM

    # a subparagraph's text stands 8 mm in from a paragraph's; (i) 8 mm further in
    assert [(text, indent and round(indent.mm)) for text, indent in shown] == [
        ("(a)\tTo do x;", None), ("(i)\tone;", TEXT_INDENT_MM + 16), ("(c)\tTo do z.", None)]


HTML_MESSAGE = ("raw HTML '{tag}' is not allowed in text; write plain text and Markdown (a "
                "blank line starts a new paragraph), or write '\\<' to print '<'")


@pytest.mark.parametrize("text, line, message", [
    ("First line.\nA break<br>here.\n", 7, HTML_MESSAGE.format(tag="<br>")),
    ("First.\n\n<div>\nA box.\n</div>\n", 8, HTML_MESSAGE.format(tag="<div>")),
    ("First.\n\n- an <span class=\"x\">item</span>\n", 8,
     HTML_MESSAGE.format(tag='<span class="x">')),
    ("<!-- a note to self -->\nText.\n", 6,
     "an HTML comment ('<!--') is not allowed in text; delete it, or write '\\<' to print '<'"),
])
@pytest.mark.slow
def test_raw_html_is_an_error_naming_the_tag_file_and_line(workspace, text, line, message):
    write(workspace / "content/blocks/introduction/tagged.yml",
          "id: tagged\nplace: introduction\nperiod: 2022-2024\norder: 90\ntext: |\n"
          + "".join(f"  {part}\n" if part else "\n" for part in text.splitlines()))
    store, log = load_store(workspace)
    assemble_report(store, "2022-2024", log)
    assert [str(p) for p in log.errors] == [f"content/blocks/introduction/tagged.yml:{line}: error: {message}"]


def test_text_that_only_looks_like_html_is_text():
    for text in ("a < b > c", "see <https://undocs.org/A/77/1>", "\\<br\\> as written"):
        parse_paragraphs(make_parser(), text)
    with pytest.raises(MarkupError):
        parse_paragraphs(make_parser(), "a <br/> b")


@pytest.mark.slow
def test_typed_subparagraphs_are_lettered_in_a_press_release_too(workspace, run):
    """A press release's text is typed as a report's is: "(a) ..." after a paragraph
    ending with a colon is its subparagraph in every format; a label out of place is a
    paragraph, with the report's warning at its line."""
    body = TYPED.replace("A paragraph after them.", "It met again.\n\n(a) Once more.")
    write(workspace / "content/documents/typed-2023.yml",
          "kind: press-release\nid: typed-2023\ndate: 2023-03-01\ntitle: Typed\n"
          "dateline: Vienna\nlead: |\n  The lead.\nbody: |\n"
          + "".join(f"  {line}\n" if line else "\n" for line in body.splitlines()))
    result = run("build", "--root", str(workspace), "--period", "2022-2024", "--kind",
                 "press-release", "--format", "md", "--format", "html", "--format", "docx")
    assert result.exit_code == 0, result.output
    assert ("content/documents/typed-2023.yml:23: warning: "
            + AMBIGUOUS.format(label="a", why="the paragraph before it does not end with a colon")
            ) in result.output
    out = workspace / "build/2022-2024"
    markdown = (out / "press-release-2023-03-01-typed-2023.md").read_text(encoding="utf-8")
    assert ("The Conference decided:\n\n(a) To do x;\n\n(b) To do y, as follows:\n\n(i) one;\n\n"
            "(ii) two;\n\n(c) To do z.\n\nIt met again.\n\n(a) Once more.\n") in markdown
    page = (out / "press-release-2023-03-01-typed-2023.html").read_text(encoding="utf-8")
    assert '<li><span class="subpara-label">(c)</span>To do z.</li>' in page
    import docx

    word = docx.Document(str(out / "press-release-2023-03-01-typed-2023.docx"))
    assert [p.text for p in word.paragraphs if p.text.startswith("(")] == [
        "(a)\tTo do x;", "(b)\tTo do y, as follows:", "(i)\tone;", "(ii)\ttwo;", "(c)\tTo do z.",
        "(a) Once more."]
