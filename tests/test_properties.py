"""Properties over generated stores: whatever the text, outline or dates, a build either
succeeds or stops with reportgen's own error, and every format numbers exactly the
paragraphs the store gives the period, 1 to N."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st

from reportgen.errors import ReportgenError

PERIOD = "2020-2022"
FAST = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
#: a PDF takes a second or two: a few examples, and no long search for a smaller failure
SLOW = settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                phases=[Phase.explicit, Phase.reuse, Phase.generate])

SERIES = {"organ": "Conference of the Parties", "title": "A generated report"}
PERIOD_FILE = {"start": "2020-07-01", "end": "2022-07-31", "session": 11, "venue": "Vienna",
               "session_dates": "2022-10-17/2022-10-21", "agenda_item": "2 (c)",
               "agenda_title": "Review", "provisional_agenda": "CTOC/COP/2022/1",
               "symbol": "CTOC/COP/2022/7", "issued": "2022-07-30"}

# -- what is generated ------------------------------------------------------------------

RTL = "\u0627\u0644\u0623\u0645\u0645 \u05e9\u05dc\u05d5\u05dd \u200f\u202e"
MARKDOWN = "*_`[]()!<>&#\\-+=.:|~^{}\"'"
#: any text at all: Markdown punctuation, other scripts, right-to-left text, controls
any_text = st.one_of(
    st.just(""),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200),
    st.text(alphabet=st.sampled_from(MARKDOWN + " \n\tab1" + RTL), max_size=200),
    st.builds(lambda w, n: (w + " ") * n, st.text(min_size=1, max_size=3000), st.integers(1, 3)),
)

#: words that cannot start or end a Markdown block, call a footnote or use a variable
word = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz\u00e9\u00df\u4e2d\u6587"
                                        + RTL.replace(" ", "") + "*_`()!&.,;:'\"/"),
               min_size=1, max_size=40)
letters = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz\u0627\u05e9\u4e2d"),
                  min_size=1, max_size=12)
long_word = st.text(alphabet=st.sampled_from("abcdefghij"), min_size=200, max_size=2000)
line = st.builds(lambda first, rest: " ".join([first, *rest]), letters,
                 st.lists(st.one_of(word, long_word), max_size=12))
paragraph = st.builds("\n".join, st.lists(line, min_size=1, max_size=3))
#: prose: one or more paragraphs that each make exactly one numbered paragraph
prose = st.lists(paragraph, min_size=1, max_size=4)

#: prose in Latin letters, for reading back from a PDF (text in fonts of other scripts
#: does not always extract as written)
latin_line = st.builds(lambda first, rest: " ".join([first, *rest]),
                       st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=1,
                               max_size=12),
                       st.lists(st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz*_(),;"),
                                        min_size=1, max_size=15), max_size=30))
latin_prose = st.lists(st.builds("\n".join, st.lists(latin_line, min_size=1, max_size=3)),
                       min_size=1, max_size=4)

ids = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789"), min_size=1,
              max_size=8).map(lambda s: "h" + s)


#: heading titles in any script, without the characters no output can carry (control
#: characters and noncharacters, which check refuses at their line: tests/test_textchars.py);
#: the noncharacters are left out with the rest of Unicode's category Cn, unassigned
titles = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn")), min_size=1,
                 max_size=40).filter(str.strip)


@st.composite
def outlines(draw, max_depth: int = 5):
    """A random tree of headings with unique ids; returns (tree, every id in it)."""
    used: set[str] = set()

    def nodes(depth: int) -> list[dict]:
        result = []
        for _ in range(draw(st.integers(1 if depth == 1 else 0, 3 if depth < max_depth else 0))):
            ident = draw(ids.filter(lambda i: i not in used))
            used.add(ident)
            node = {"id": ident, "title": draw(titles), "numbered": draw(st.booleans())}
            children = nodes(depth + 1)
            if children:
                node["sections"] = children
            result.append(node)
        return result

    tree = nodes(1)
    return tree, sorted(used)


# -- building a generated store -----------------------------------------------------------

def make_store(root: Path, outline: list[dict], blocks: list[dict]) -> None:
    def dump(rel: str, data) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    dump("content/series.yml", SERIES)
    dump(f"content/periods/{PERIOD}.yml", PERIOD_FILE)
    dump("content/outline.yml", outline)
    for i, block in enumerate(blocks):
        dump(f"content/blocks/b{i:03d}.yml", {"id": f"b{i:03d}", **block})


def build_or_own_error(root: Path, formats=("md", "html")):
    """The build's outputs and paragraph count, or None when reportgen refused the store."""
    from reportgen.build import build

    try:
        result = build(root, [PERIOD], formats=formats, out=root / "build")
    except ReportgenError as exc:
        # the kind of refusal, for --hypothesis-show-statistics
        event("refused: " + re.sub(r"'[^']*'|\d+", "…", exc.format_message().split(": ", 2)[-1])[:60])
        return None
    event("built")
    (document,) = result.documents
    return {name: (root / "build" / PERIOD / name).read_bytes() for name in document.files}, \
        document.paragraphs


@dataclass
class Tally:
    """How many generated stores built and how many were refused, so that a property that
    checks only the stores that build cannot pass with every one refused."""

    built: int = 0
    refused: int = 0

    def record(self, built):
        if built is None:
            self.refused += 1
        else:
            self.built += 1
        return built

    def assert_built(self, at_least: float) -> None:
        total = self.built + self.refused
        assert total and self.built / total >= at_least, (
            f"only {self.built} of {total} generated stores built; the property checked "
            f"too little (at least {at_least:.0%} should build)")


def build_under_introduction(blocks: list[dict]):
    """:func:`build_or_own_error` of a store whose ``blocks`` stand under one heading."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_store(root, [{"id": "intro", "title": "Introduction"}], blocks)
        return build_or_own_error(root)


def numbers_in_markdown(text: str) -> list[int]:
    return [int(m.group(1)) for m in re.finditer(r"^(\d+)\. ", text, re.M)]


def numbers_in_html(text: str) -> list[int]:
    return [int(n) for n in re.findall(r'<p id="para-(\d+)" class="para[ "]', text)]


def check_numbering(files: dict[str, bytes], expected: int) -> None:
    markdown = files["report.md"].decode("utf-8")
    html = files["report.html"].decode("utf-8")
    assert numbers_in_markdown(markdown) == list(range(1, expected + 1))
    assert numbers_in_html(html) == list(range(1, expected + 1))
    assert html.count('class="para-num"') == expected


def check_markdown_is_inert(markdown: str, html: str) -> None:
    """report.md read by a plain CommonMark renderer (raw HTML allowed, as many are): no
    raw HTML, no image, no link definition, and no link the HTML output does not have."""
    from markdown_it import MarkdownIt

    env: dict = {}
    tokens = MarkdownIt("commonmark").parse(markdown, env)
    inline = [child for tok in tokens for child in (tok.children or [])]
    kinds = {tok.type for tok in tokens} | {tok.type for tok in inline}
    assert not kinds & {"html_block", "html_inline", "image", "code_block", "fence"}, kinds
    assert env.get("references", {}) == {}
    ours = set(re.findall(r'href="([^"]*)"', html))
    for tok in inline:
        if tok.type == "link_open":
            assert tok.attrGet("href") in ours, tok.attrGet("href")


def markdown_reads_back(text: str) -> None:
    """Each paragraph of ``text``, written as reportgen writes it after its number, reads
    back through CommonMark as one list item with the same text and links."""
    from markdown_it import MarkdownIt

    from reportgen.markup import MarkupError, make_parser, parse_paragraphs

    try:
        paragraphs = parse_paragraphs(make_parser(), text)
    except MarkupError:
        return
    for paragraph in paragraphs:
        if not _shown(paragraph.inline.tokens):  # an empty paragraph (lint warns of it)
            continue
        written = "1. " + paragraph.inline.markdown
        tokens = MarkdownIt("commonmark").parse(written)
        assert [t.type for t in tokens][:3] == ["ordered_list_open", "list_item_open",
                                                "paragraph_open"], written
        assert [t.type for t in tokens][-1] == "ordered_list_close", written
        back = [child for t in tokens if t.type == "inline" for child in t.children]
        assert _shown(back) == _shown(paragraph.inline.tokens), written


def _shown(tokens) -> list[tuple[str, str]]:
    """What a reader sees of inline tokens: the text (breaks as spaces), the emphasis and
    the links that survive (links to unsafe targets are shown as their text only)."""
    out: list[tuple[str, str]] = []
    links: list[bool] = []
    for tok in tokens:
        if tok.type in ("text", "softbreak", "hardbreak", "image"):
            piece = tok.content if tok.type in ("text", "image") else " "
            if out and out[-1][0] == "text":
                out[-1] = ("text", out[-1][1] + piece)
            else:
                out.append(("text", piece))
        elif tok.type == "footnote_ref":  # plain CommonMark reads a call as its text
            out.append(("text", f"[^{tok.meta['label']}]"))
        elif tok.type == "link_open":
            href = tok.attrGet("href") or ""
            href = href if href.startswith(SHOWN_LINKS) else None
            links.append(href is not None)
            if href:
                out.append(("link", href))
        elif tok.type == "link_close":
            if links.pop():
                out.append(("link", ""))
        elif tok.type == "code_inline":
            out.append(("code", tok.content))
        elif tok.type.endswith(("_open", "_close")):
            out.append((tok.type, ""))
    merged: list[tuple[str, str]] = []
    for kind, value in out:  # a footnote call's text runs on into the next text
        if merged and kind == "text" == merged[-1][0]:
            merged[-1] = ("text", merged[-1][1] + value)
        elif kind != "text" or value:
            merged.append((kind, value))
    return merged


#: the link targets a reader is shown as links, as docs/security.md promises: web,
#: mail and in-document targets; any other link is shown as its text
SHOWN_LINKS = ("http://", "https://", "mailto:", "#")


# -- the properties --------------------------------------------------------------------------

@pytest.mark.slow
def test_any_block_text_builds_or_gives_reportgens_own_error():
    tally = Tally()

    @FAST
    @given(texts=st.lists(any_text, min_size=1, max_size=4),
           footnote=st.one_of(letters, letters, any_text))
    @example(texts=[""], footnote="0\xa00")  # one "word" to CommonMark, which splits only at ASCII blanks
    @example(texts=[""], footnote="\\\n0")  # a first line of one word ends a link definition
    def builds_or_refuses(texts, footnote):
        blocks = [{"place": "intro", "period": PERIOD, "text": text} for text in texts]
        blocks[0]["footnotes"] = {"n": footnote}
        blocks[0]["text"] += "[^n]"
        built = tally.record(build_under_introduction(blocks))
        if built is not None:
            files, count = built
            check_numbering(files, count)
            check_markdown_is_inert(files["report.md"].decode("utf-8"),
                                    files["report.html"].decode("utf-8"))

    builds_or_refuses()
    tally.assert_built(at_least=0.2)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(text=any_text)
@example(text="` `")  # a code span of blanks only keeps its blanks
@example(text="&#160;")  # blanks at either end of a paragraph are kept
@example(text="&#10;")
@example(text="a&#160;")
@example(text="_*0*_")  # emphasis right inside emphasis is not written as bold
@example(text="*a*_b_ and **_c_** and *__d__*")
def test_any_text_reads_back_from_the_markdown_as_written(text):
    markdown_reads_back(text)


@pytest.mark.slow
@FAST
@given(texts=st.lists(prose, min_size=1, max_size=5))
def test_prose_gives_one_numbered_paragraph_per_paragraph(texts):
    blocks = [{"place": "intro", "period": PERIOD, "text": "\n\n".join(paragraphs)}
              for paragraphs in texts]
    built = build_under_introduction(blocks)
    assert built is not None
    files, count = built
    assert count == sum(len(p) for p in texts)
    check_numbering(files, count)


@pytest.mark.slow
@FAST
@given(data=st.data())
def test_random_outlines_number_every_paragraph(data):
    tree, headings = data.draw(outlines())
    placed = data.draw(st.lists(st.tuples(st.sampled_from(headings), prose), max_size=8))
    blocks = [{"place": place, "period": PERIOD, "text": "\n\n".join(paragraphs)}
              for place, paragraphs in placed]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_store(root, tree, blocks)
        built = build_or_own_error(root)
    assert built is not None
    files, count = built
    assert count == sum(len(p) for _, p in placed)
    check_numbering(files, count)


within = st.dates(min_value=date(2020, 7, 1), max_value=date(2022, 7, 31))
dates = st.one_of(
    within.map(str),
    within.map(lambda d: f"{d:%Y-%m}"),
    st.builds(lambda a, b: f"{min(a, b)}/{max(a, b)}", within, st.dates()),
    st.dates().map(str),
    st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(0, 9999), st.integers(0, 13)),
    st.builds(lambda a, b: f"{a}/{b}", st.dates().map(str), st.dates().map(str)),
    st.integers(-5, 99999),
    st.text(max_size=20),
)


@pytest.mark.slow
def test_random_dates_build_or_give_reportgens_own_error():
    tally = Tally()

    @FAST
    # half the lists hold dates of the period only, so that many stores build
    @given(when=st.one_of(st.lists(within.map(str), min_size=1, max_size=5),
                          st.lists(dates, min_size=1, max_size=5)))
    def builds_or_refuses(when):
        blocks = [{"place": "intro", "date": date, "text": f"Paragraph {i}."}
                  for i, date in enumerate(when)]
        built = tally.record(build_under_introduction(blocks))
        if built is not None:
            files, count = built
            # every date was read and fell in the period: each block gave its paragraph
            assert count == len(when)
            check_numbering(files, count)

    builds_or_refuses()
    tally.assert_built(at_least=0.3)


@pytest.mark.slow
@SLOW
@given(data=st.data())
def test_the_pdf_numbers_every_paragraph(data):
    pypdf = pytest.importorskip("pypdf")
    tree, headings = data.draw(outlines(max_depth=2))
    placed = data.draw(st.lists(st.tuples(st.sampled_from(headings), latin_prose), min_size=1,
                                max_size=5))
    blocks = [{"place": place, "period": PERIOD, "text": "\n\n".join(paragraphs)}
              for place, paragraphs in placed]
    expected = sum(len(p) for _, p in placed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_store(root, tree, blocks)
        built = build_or_own_error(root, ("md", "html", "pdf"))
        assert built is not None
        files, count = built
        assert count == expected
        check_numbering(files, count)
        reader = pypdf.PdfReader(root / "build" / PERIOD / "report.pdf")
        text = "\n".join(page.extract_text() for page in reader.pages)
    # prose has no digits, and headings two levels deep are lettered: each "N." is a paragraph
    found = [int(n) for n in re.findall(r"(?m)^\s*(\d+)\.\s", text)]
    assert found == list(range(1, expected + 1))
