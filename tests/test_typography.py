"""One list of typographic rules, the same characters in every format: each rule of
reportgen.typography is fed through Markdown, HTML, PDF and Word, in every language."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import write
from lxml import etree

from reportgen.typography import KEEP_TOGETHER, NB_HYPHEN, NBSP, typeset, typeset_inline

EDITIONS = Path(__file__).resolve().parent / "editions"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: the rules' examples as a writer types them, in one sentence
EXAMPLES = ", ".join(rule.typed for rule in KEEP_TOGETHER)
#: a quotation, a quotation inside it... as typed, and as each language prints it
QUOTED = "He said \"yes\" and 'no', the Parties' view"
QUOTES = {
    "en": "He said \u201cyes\u201d and \u2018no\u2019, the Parties\u2019 view",
    "fr": "He said \u00ab\u00a0yes\u00a0\u00bb and \u201cno\u201d, the Parties\u2019 view",
    "es": "He said \u00abyes\u00bb and \u201cno\u201d, the Parties\u2019 view",
    "ru": "He said \u00abyes\u00bb and \u201eno\u201c, the Parties\u2019 view",
    "ar": "He said \u00abyes\u00bb and \u201cno\u201d, the Parties\u2019 view",
    "zh": "He said \u201cyes\u201d and \u2018no\u2019, the Parties\u2019 view",
}


def test_each_rule_prints_its_example():
    for rule in KEEP_TOGETHER:
        assert typeset(rule.typed, "en") == rule.printed, rule.name
        # the same run inside a sentence, in any language
        assert typeset(f"See {rule.typed} now.", "es") == f"See {rule.printed} now.", rule.name


def test_quotes_follow_the_language_of_the_text():
    for code, printed in QUOTES.items():
        assert typeset(QUOTED, code) == printed, code
    # Chinese has no space before an opening mark
    assert typeset('他说"是"。"好"', "zh") == "他说\u201c是\u201d。\u201c好\u201d"
    # a language without rules of its own keeps what was typed
    assert typeset(QUOTED, "xx") == QUOTED


def test_typeset_text_keeps_its_length_apart_from_the_marks():
    assert typeset("see para. 7", "en") == "see para.\u00a07"
    assert typeset("the COVID-19 pandemic", "fr") == "the COVID\u201119 pandemic"
    # plain words are untouched, and a hyphen that is not in a run stays a hyphen
    assert typeset("a well-known case-by-case approach", "en") == \
        "a well-known case-by-case approach"


def test_a_run_across_a_line_break_and_a_link_is_kept_whole():
    from reportgen.markup import make_parser, parse_inline

    inline = parse_inline(make_parser(), "see para.\n7 and [COVID-19](https://x.org/a-b) here")
    typeset_inline(inline, "en")
    assert inline.markdown == ("see para.\u00a07 and [COVID\u201119](https://x.org/a-b) here")


def _typography_store(tmp_path: Path, extra: str = "") -> Path:
    shutil.copytree(EDITIONS / "content", tmp_path / "content")
    text = f"{QUOTED}. {EXAMPLES}.{extra}"
    translations = "".join(f"  {code}:\n    text: |\n      {text}\n" for code in QUOTES if code != "en")
    write(tmp_path / "content" / "blocks" / "typography.yml",
          f"id: typography\nplace: normative\nperiod: 2020-2022\ntext: |\n  {text}\n"
          f"translations:\n{translations}")
    return tmp_path


def _docx_text(path: Path) -> str:
    """The body's text as Word shows it, w:noBreakHyphen read as U+2011; fails on a
    U+2011 typed into a w:t (Word's own form is the element)."""
    from reportgen.wordread import paragraph_text

    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    for t in root.iter(f"{W}t"):
        assert NB_HYPHEN not in (t.text or ""), t.text
    return "\n".join(paragraph_text(p) for p in root.iter(f"{W}p"))


def _html_text(source: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", source))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_every_rule_in_every_format_and_language(tmp_path, run):
    store = _typography_store(tmp_path)
    args = ["build", "--root", str(store), "--kind", "report"]
    for code in QUOTES:
        args += ["--lang", code]
    for fmt in ("md", "html", "pdf", "docx"):
        args += ["--format", fmt]
    result = run(*args)
    assert result.exit_code == 0, result.output
    folder = store / "build" / "2020-2022"
    for code, quoted in QUOTES.items():
        name = "report" if code == "en" else f"report.{code}"
        md = (folder / f"{name}.md").read_text(encoding="utf-8")
        page = (folder / f"{name}.html").read_text(encoding="utf-8")
        word = _docx_text(folder / f"{name}.docx")
        pdf = subprocess.run(["pdftotext", str(folder / f"{name}.pdf"), "-"],
                             capture_output=True, text=True, check=True).stdout
        # pdftotext marks the direction of runs in right-to-left text: not text
        pdf_flat = re.sub(r"[\s\u00a0]+", " ", re.sub("[\u202a-\u202e]", "", pdf))
        for text, where in ((md, "md"), (_html_text(page), "html"), (word, "docx")):
            assert quoted in text, (code, where)
        assert code == "ar" or quoted.replace(NBSP, " ") in pdf_flat, code
        for rule in KEEP_TOGETHER:
            assert rule.printed in md, (code, rule.name, "md")
            assert rule.printed in word, (code, rule.name, "docx")
            # HTML: the run whole in a nobr span, its non-breaking hyphens as hyphens
            span = f'<span class="nobr">{html.escape(rule.printed, quote=False)}</span>'
            assert span.replace(NB_HYPHEN, "-") in page, (code, rule.name, "html")
            if code == "ar" and re.search("[A-Za-z]", rule.printed):
                # and in Arabic text, one left-to-right unit: the isolate around the span
                isolated = f'<bdi dir="ltr">{span}</bdi>'.replace(NB_HYPHEN, "-")
                assert isolated in page, (code, rule.name, "html isolated")
            # pdftotext gives the Latin runs of Arabic text in an order of its own
            assert code == "ar" or \
                rule.printed.replace(NB_HYPHEN, "-").replace(NBSP, " ") in pdf_flat, \
                (code, rule.name, "pdf")
    # the typed source is unchanged
    assert QUOTED in (store / "content" / "blocks" / "typography.yml").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_no_run_breaks_at_a_line_end_in_the_pdf(tmp_path, run):
    """Each example many times, after words of growing length, so that lines end at every
    place inside the runs: each is found whole on one line every time."""
    from pdflines import pdf_lines

    filler = " ".join(f"{'w' * (k % 9 + 1)} {rule.typed}" for k in range(9) for rule in KEEP_TOGETHER)
    store = _typography_store(tmp_path, f" {filler}.")
    result = run("build", "--root", str(store), "--kind", "report", "--format", "pdf")
    assert result.exit_code == 0, result.output
    lines = [line.text.replace(NBSP, " ") for page in pdf_lines(store / "build" / "2020-2022" / "report.pdf")
             for line in page]
    for rule in KEEP_TOGETHER:
        printed = rule.printed.replace(NB_HYPHEN, "-").replace(NBSP, " ")
        whole = sum(line.count(printed) for line in lines)
        everywhere = " ".join(lines).count(printed)
        assert everywhere >= 10 and whole == everywhere, (rule.name, whole, everywhere)


def test_a_variable_s_value_is_found_in_its_typeset_text():
    """The Word file's marks say where each variable's value stands (an edit of it is a
    conflict, not a new figure): typography does not hide it."""
    from reportgen.provenance import Variable, ranges_in

    text = "the share rose to 5\u00a0per\u00a0cent in the Parties\u2019 reports"
    [found] = ranges_in(text, (Variable("{{ fact.share }}", "facts.yml", "5 per cent"),))
    assert text[found.start:found.end] == "5\u00a0per\u00a0cent"
