"""How a redline reads its baselines, piece by piece, without building a report: note
calls and cross-references in a Word paragraph, a report's masthead in Markdown in each
language, and counts that agree with their number."""

from __future__ import annotations

import io
import zipfile

import pytest

from reportgen.redline.baseline import paragraph_words, read_markdown_masthead
from reportgen.redline.words import redline_words
from reportgen.wordread import read_package

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
         'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
         '</Types>')


def _package(body: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", TYPES)
        package.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{body}'
                                              "</w:body></w:document>")
    return out.getvalue()


PARAGRAPH = (
    '<w:p><w:r><w:t>12.</w:t><w:tab/><w:t xml:space="preserve">As agreed </w:t></w:r>'
    '<w:del w:id="1" w:author="A" w:date="2024-05-01T00:00:00Z"><w:r>'
    '<w:footnoteReference w:id="7"/></w:r></w:del>'
    '<w:r><w:t xml:space="preserve">(see </w:t></w:r>'
    '<w:hyperlink w:anchor="para_3"><w:r><w:t>para. 3</w:t></w:r></w:hyperlink>'
    '<w:r><w:t>)</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r>'
    '<w:r><w:t xml:space="preserve"> and more</w:t></w:r></w:p>')


def test_wordread_says_where_calls_and_links_stand_in_the_accepted_text():
    p = read_package(_package(PARAGRAPH)).body[0]
    assert p.accepted == "12.\tAs agreed (see para. 3) and more"
    at = p.accepted.index(")") + 1
    assert p.calls == ((at, "2", False),)  # the deleted call is not in the accepted text
    start = p.accepted.index("para. 3")
    assert p.links == ((start, start + len("para. 3"), "para_3"),)


def test_a_paragraphs_words_have_its_calls_and_its_references():
    p = read_package(_package(PARAGRAPH)).body[0]
    words = paragraph_words(p, len("12.\t"))
    assert [(w.text, w.note, w.refs) for w in words] == [
        ("As", False, ()), ("agreed", False, ()), ("(", False, ()), ("see", False, ()),
        ("para. 3", False, (3,)), (")", False, ()), ("", True, ()), ("and", False, ()),
        ("more", False, ())]


FRENCH = """\
Nations Unies — CTOC/COP/2022/7

Conférence des Parties

Distr. générale  
30 juillet 2022

Français  
Original : anglais

Onzième session  
Vienne, 17–21 octobre 2022  
Point 2 c) de l'ordre du jour provisoire\\*

**Examen de l'application**

# Activités de l'Office

**Rapport du Secrétariat**

\\* CTOC/COP/2022/1.

## I. Introduction

1. Le présent rapport.
"""


def test_a_markdown_masthead_is_read_in_its_own_language():
    assert read_markdown_masthead(FRENCH, "fr") == {
        "symbol": "CTOC/COP/2022/7", "united_nations": "Nations Unies",
        "organ": "Conférence des Parties", "distribution_line": "Distr. générale",
        "issued": "30 juillet 2022", "edition_line": "Français",
        "original_line": "Original\u00a0: anglais", "session": "Onzième session",
        "venue_dates": "Vienne, 17–21 octobre 2022",
        "agenda_item": "Point 2 c) de l'ordre du jour provisoire",
        "agenda_title": "Examen de l'application", "title": "Activités de l'Office",
        "subtitle": "Rapport du Secrétariat", "agenda_note": "CTOC/COP/2022/1."}
    # not reportgen's layout in that language (a conversion, or another language): the
    # importer reads it
    assert read_markdown_masthead(FRENCH, "en") == {}
    assert read_markdown_masthead("# Minutes\n\nWe met.\n", "fr") == {}


@pytest.mark.parametrize("code, counts", [
    ("en", ["0 changed", "1 changed", "2 changed"]),
    ("fr", ["0 modifié", "1 modifié", "2 modifiés"]),
    ("es", ["0 modificados", "1 modificado", "2 modificados"]),
    ("ru", ["изменено — 0", "изменено — 1", "изменено — 2"]),
    ("ar", ["المعدلة (0)", "المعدلة (1)", "المعدلة (2)"]),
    ("zh", ["修改 0", "修改 1", "修改 2"]),
])
def test_counts_agree_with_their_number(code, counts):
    words = redline_words(code)
    assert [words.count(n, "changed") for n in (0, 1, 2)] == counts
