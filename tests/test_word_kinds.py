"""Every kind of document says in Word what its PDF says: for each document of a period
in each of the six languages, the words of the .docx (body and notes) are the words
pdftotext reads from the PDF, so a part present in one and missing from the other fails."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from lxml import etree

from reportgen.typography import as_typed

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: a word: a run of letters or digits, or one Chinese character (Chinese has no spaces,
#: and a PDF line may end anywhere in a run of them)
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\W\u3400-\u9fff\uf900-\ufaff]+")
_ARABIC = re.compile(r"[\u0600-\u06ff]")

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="needs pdftotext (poppler-utils)")


def words(text: str) -> set[str]:
    """The words of ``text``, as typed, in lower case, figures stuck to a word left out
    (pdftotext sticks a note's call to the word before it); a word with hyphens counts
    as itself joined and as each of its parts (pdftotext joins a word broken at a line
    end after its hyphen in left-to-right text, not in right-to-left text)."""
    found = set()
    for compound in re.findall(r"\w+(?:-\w+)*", as_typed(text).casefold()):
        parts = [p for part in compound.split("-") for p in _TOKEN.findall(part)]
        if "-" in compound:
            parts.append(compound.replace("-", ""))
        found.update(_either_way(re.sub(r"(?<=[^\W\d])\d+$|^\d+(?=[^\W\d])", "", p))
                     for p in parts)
    return found


def _parts_in(word: str, known: set[str]) -> bool:
    """``word`` is two or three known words run together ('informationsharing')."""
    return any(word[:i] in known and (word[i:] in known or _parts_in(word[i:], known))
               for i in range(2, len(word) - 1))


def _either_way(token: str) -> str:
    """An Arabic word, whichever way round pdftotext read it (it reads the Arabic of a
    chart's labels, drawn by the PDF renderer, in the order the letters stand on the
    page)."""
    return min(token, token[::-1]) if _ARABIC.search(token) else token


def docx_words(path: Path) -> set[str]:
    """The words of the body and the notes (headers and feet hold the symbol and page
    numbers, which the body has too or which are not text)."""
    from reportgen.wordread import paragraph_text

    text = []
    with zipfile.ZipFile(path) as package:
        for part in ("word/document.xml", "word/footnotes.xml"):
            if part in package.namelist():
                root = etree.fromstring(package.read(part))
                text += [paragraph_text(p) for p in root.iter(f"{W}p")]
    return words("\n".join(text))


def pdf_words(path: Path) -> set[str]:
    """The words of every page but for its page number (the last line, figures alone)."""
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    kept = []
    for page in text.split("\f"):
        lines = [line for line in page.splitlines() if line.strip()]
        if lines and re.fullmatch(r"\s*\d{1,3}\s*", lines[-1]):
            lines.pop()
        kept += lines
    return words("\n".join(kept))


@pytest.fixture(scope="module")
def built_kinds(tmp_path_factory) -> Path:
    from click.testing import CliRunner

    from reportgen.cli import main

    root = tmp_path_factory.mktemp("kinds")
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, root / name)
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--period", "2020-2022",
                                       "--lang", "all", "--format", "docx", "--format", "pdf",
                                       "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "build" / "2020-2022"


@pytest.mark.slow
def test_every_kind_in_every_language_says_the_same_in_word_and_pdf(built_kinds):
    documents = sorted(built_kinds.glob("*.docx"))
    names = {p.stem for p in documents}
    for start in ("report", "brief", "press-release-", "statement-"):
        for code in ("", ".ar", ".zh", ".fr", ".es", ".ru"):
            assert any(n.startswith(start) and (n.endswith(code) if code else "." not in n)
                       for n in names), (start, code)
    differences = {}
    for docx in documents:
        in_word, in_pdf = docx_words(docx), pdf_words(docx.with_suffix(".pdf"))
        # a word joined at a broken line's hyphen in one and not in the other
        joined = {w for w in in_word ^ in_pdf if _parts_in(w, in_word & in_pdf)}
        # the parts of a hyphenated word that one of them only has joined
        compounds = {w for w in in_word & in_pdf if _parts_in(w, in_word | in_pdf)}
        joined |= {w for w in in_word ^ in_pdf if any(w in c for c in compounds)}
        in_word, in_pdf = in_word - joined, in_pdf - joined
        if in_word != in_pdf:
            differences[docx.stem] = (sorted(in_pdf - in_word)[:12], sorted(in_word - in_pdf)[:12])
    for name, (only_pdf, only_word) in sorted(differences.items()):
        print(name, "PDF:", only_pdf, "Word:", only_word)
    assert differences == {}  # name: (only in the PDF, only in the .docx)


def test_the_words_of_a_text_are_compared_as_typed():
    assert words("the Parties\u2019 \u201cview\u201d on COVID\u201119") == \
        words("the parties' \"view\" on COVID-19")
    assert words("\u4e2d\u6587\n\u6587\u5b57") == {"\u4e2d", "\u6587", "\u5b57"}
    assert words("non-State actors1") == {"non", "state", "nonstate", "actors"}
    assert _parts_in("nonstate", {"non", "state"}) and not _parts_in("nonstate", {"non"})
