"""Proof that a document has one layout: every kind in every language carries the same
parts in the same order in its Markdown, HTML, PDF (read by pdftotext) and Word file.

The parts are read from the HTML: the issuer, the kind's line, the title and subtitle,
the speaker, the headings (key figures, the highlights' areas, the report's sections,
'For more information'), the chart's title, the Sources word, each contact line and each
note after the text; then, apart (the PDF and the Word file print them at the foot of
the page), the footnotes in their order.  Each format's text must hold each sequence in
order."""

from __future__ import annotations

import html as htmllib
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from lxml import etree
from reporttext import normalize

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("pdftotext") is None,
                                 reason="needs pdftotext (poppler-utils)")]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PERIODS = ("2020-2022", "2022-2024")

#: the parts of a page, in the order they stand in the HTML
_PARTS = re.compile(
    r'<p class="(?:issuer|kind-label|subtitle|symbol)">(?P<line>.*?)</p>'
    r'|<h1[^>]*>(?P<title>.*?)</h1>'
    r'|<p class="speaker"><strong>(?P<speaker>.*?)</strong>'
    r'|<h[2-6][^>]*>(?P<heading>.*?)</h[2-6]>'
    r'|<figure class="chart">\s*<figcaption>(?P<chart>.*?)</figcaption>'
    r'|<p class="sources">(?P<sources>[^:]*):'
    r'|<section class="contact">\s*<h2>[^<]*</h2>\s*<p>(?P<contact>.*?)</p>'
    r'|<p class="standalone-note">(?P<note>.*?)</p>', re.S)
_FOOTNOTE = re.compile(r'<li id="fn-[^"]*"[^>]*><span class="fn-num">[^<]*</span>\s*(.*?)'
                       r'\s*<a href="#fnref', re.S)


def flat(text: str) -> str:
    """Text without markup, escapes, line ends, invisible characters, asterisks or
    hyphens (pdftotext joins a word broken at a line's hyphen), in lower case (the page
    sets some lines in capitals)."""
    text = htmllib.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br>", " ", text)))
    text = re.sub(r"https?://\S+", "", text)  # a page breaks an address anywhere
    text = re.sub(r"[-\u2010\u2011]\s*\n\s*", "", normalize(text))
    text = re.sub(r"[-\u2010\u2011*\u2060\u00ad\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]",
                  "", text)
    # a line of Chinese breaks anywhere, with no space at the break
    text = re.sub(r"\s*([\u3000-\u9fff\uff00-\uffef])\s*", r"\1", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def words(text: str) -> set[str]:
    """The words of ``text``; an Arabic word whichever way round pdftotext read it."""
    return {min(w, w[::-1]) for w in re.findall(r"\w+", text)}


def rtl_out_of_order(parts: list[str], text: str) -> str | None:
    """``out_of_order`` for the PDF of a right-to-left page, whose lines pdftotext reads
    in the order they stand on the page but whose words, within a line, in the order
    they are drawn: each part's words must stand in a few lines, after the previous
    part's first line."""
    text = re.sub(r"[\u202a-\u202e\u2066-\u2069]", " ", text)  # directions: words apart
    lines = [words(flat(line)) for line in text.splitlines() if line.strip()]
    at = 0
    for part in parts:
        wanted = words(part)
        found = next((start for start in range(at, len(lines))
                      if wanted <= set().union(*lines[start:start + 8])), None)
        if found is None:
            return part
        at = found
    return None


def html_parts(page: str) -> tuple[list[str], list[str]]:
    """The page's parts in order, and its footnotes in order."""
    body = page[page.index("<body"):]
    body = re.sub(r'<nav class="toc".*?</nav>', "", body, flags=re.S)
    notes_at = body.find('<footer class="notes">')
    text, notes = (body, "") if notes_at < 0 else (body[:notes_at], body[notes_at:])
    parts = []
    for match in _PARTS.finditer(text + re.sub(r'<ol class="footnotes">.*?</ol>', "", notes,
                                               flags=re.S)):
        name = match.lastgroup
        if name == "contact":
            parts += [flat(line) for line in match.group(name).split("<br>")]
        elif name == "heading" and "notes-title" in match.group(0):
            continue  # the web page's own heading over its notes
        else:
            parts.append(flat(match.group(name)))
    return [p for p in parts if p], [flat(n) for n in _FOOTNOTE.findall(notes)]


def word_text(path: Path, part: str) -> str:
    from reportgen.wordread import paragraph_text

    with zipfile.ZipFile(path) as package:
        if part not in package.namelist():
            return ""
        root = etree.fromstring(package.read(part))
    return "\n".join(paragraph_text(p) for p in root.iter(f"{W}p"))


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def out_of_order(parts: list[str], text: str) -> str | None:
    """The first of ``parts`` that ``text`` lacks after the ones before it, or None."""
    at = 0
    for part in parts:
        found = text.find(part, at)
        if found < 0:
            return part
        at = found + len(part)
    return None


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> Path:
    from reportgen.cli import main

    root = tmp_path_factory.mktemp("parts")
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, root / name)
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--period", PERIODS[0],
                                       "--period", PERIODS[1], "--lang", "all", "-q"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "build"


def test_every_format_carries_the_same_parts_in_the_same_order(editions):
    pages = sorted(editions.glob("*/*.html"))
    kinds = {re.match(r"[a-z]+(?:-release)?", p.name).group(0) for p in pages}
    assert kinds == {"report", "brief", "press-release", "statement"}
    assert len(pages) == (5 + 3) * 6  # each document of the two periods, in six languages
    problems = []
    for page in pages:
        parts, notes = html_parts(page.read_text(encoding="utf-8"))
        assert len(parts) >= 3, page.name
        md = page.with_suffix(".md").read_text(encoding="utf-8")
        md_body = "\n".join(line for line in md.splitlines()
                            if not re.match(r"\[\^\d+\]:|\\\* ", line))
        md_notes = "\n".join(re.sub(r"^(\[\^\d+\]:|\\\*)\s*", "", line)
                             for line in md.splitlines() if re.match(r"\[\^\d+\]:|\\\* ", line))
        pdf = pdf_text(page.with_suffix(".pdf"))
        if re.search(r"\.ar$", page.stem):  # right to left: in order line by line
            for missing in (rtl_out_of_order(parts, pdf), rtl_out_of_order(notes, pdf)):
                if missing:
                    problems.append(f"{page.stem} PDF: {missing[:60]!r}")
        texts = {
            "Markdown": (flat(md_body), flat(md_notes)),
            **({} if page.stem.endswith(".ar") else {"PDF": (flat(pdf),) * 2}),
            "Word": (flat(word_text(page.with_suffix(".docx"), "word/document.xml")),
                     flat(word_text(page.with_suffix(".docx"), "word/footnotes.xml"))),
        }
        for name, (body, foot) in texts.items():
            missing = out_of_order(parts, body)
            if missing:
                problems.append(f"{page.stem} {name}: part {missing!r}")
            missing = out_of_order(notes, foot)
            if missing:
                problems.append(f"{page.stem} {name}: footnote {missing[:60]!r}")
    assert problems == []
