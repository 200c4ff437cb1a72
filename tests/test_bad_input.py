"""A corpus of bad inputs: each is one small change to a copy of the shipped workspace,
and each must give exactly the expected lines (`path:line: severity: message`), exit
status 1 (2 for command-line misuse), no traceback, and leave build/ as it was."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from conftest import ROOT, write

BLOCK = "content/blocks/intergovernmental/wg-seventh-meeting.yml"
PARTIES = "content/blocks/introduction/introduction-parties.yml"
#: the values of fact parties dated in 2022 (the statement of 27 June 2022 and the report)
_PARTIES_2022 = ("as_of: 2022-06-27\n      source: Opening statement to the Working Group on the "
                 "Smuggling of Migrants, 27 June 2022\n    - value: 150\n      as_of: 2022-07\n")
UKRAINE = "content/blocks/research/ukraine-research.yml"
NEW = "content/blocks/introduction/new.yml"
PERIOD = "content/periods/2020-2022.yml"

#: a fact file whose one value is given by format()
FACT = "extra:\n  label: x\n  source: y\n  values:\n    - {{value: {}, as_of: 2021}}\n"
#: a minimal valid block, for cases that add a file
GOOD = "id: new\nplace: introduction\nperiod: 2020-2022\ntext: |\n  A new paragraph.\n"


def edit(rel: str, old: str, new: str) -> Callable[[Path], None]:
    """A change that replaces the first ``old`` in file ``rel`` by ``new``."""
    def change(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return change


def add(rel: str, text: str | bytes) -> Callable[[Path], None]:
    """A change that writes a new file (text as UTF-8, or raw bytes)."""
    def change(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return change


def remove(rel: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        target = root / rel
        if target.is_dir():
            import shutil
            shutil.rmtree(target)
        else:
            target.unlink()
    return change


def both(*changes: Callable[[Path], None]) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        for one in changes:
            one(root)
    return change


def link(rel: str, target: str, text: str) -> Callable[[Path], None]:
    """A change that adds ``rel`` as a symbolic link to a file outside the workspace."""
    def change(root: Path) -> None:
        outside = root.parent / f"{root.name}-outside" / Path(target).name
        outside.parent.mkdir(exist_ok=True)
        outside.write_text(text, encoding="utf-8")
        (root / rel).symlink_to(outside)
    return change


def special(rel: str, kind: str, target: str = "") -> Callable[[Path], None]:
    """A change that puts something other than a plain file at ``rel``: a named pipe
    (``fifo``), a folder (``dir``), a link (``link``, to ``target`` as written), a second
    name for the file ``target`` (``hardlink``) or a device (``device``)."""
    def change(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            path.unlink()
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "dir":
            path.mkdir()
        elif kind == "link":
            path.symlink_to(target)
        elif kind == "hardlink":
            os.link(root / target, path)
        elif kind == "device":
            try:  # the same device as /dev/null; creating one needs the privilege
                os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
            except OSError:
                pytest.skip("this system does not let the tests create a device file")
    return change


@dataclass
class Case:
    change: Callable[[Path], None] | None
    expected: list[str]
    args: tuple[str, ...] = ()
    status: int = 1
    formats: tuple[str, ...] = ("--period", "2020-2022", "--format", "md")
    #: the expected lines are what reportgen words; the rest of each line comes from a
    #: dependency (a template engine's description of a template's fault)
    ours_begin: bool = False


def _bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    return "\n".join(lines) + "\n"


CASES: dict[str, Case] = {
    # -- YAML syntax --------------------------------------------------------------------
    "yaml unclosed quote": Case(
        edit("content/outline.yml", "title: Introduction", 'title: "Introduction'),
        ['content/outline.yml:2: error: invalid YAML: quoted text is never closed (a quote mark is missing)']),
    "yaml unclosed bracket": Case(add(NEW, "id: new\nplace: [introduction\n"),
        ["content/blocks/introduction/new.yml:2: error: invalid YAML: '[' is never closed (a ']' is missing)"]),
    "yaml bad indentation": Case(add(NEW, "id: new\n  place: introduction\n"),
        ['content/blocks/introduction/new.yml:2: error: invalid YAML: a colon followed by a space starts a new field, and one cannot start here: if the colon belongs to the text, put the whole text in quotes (summary: "Key finding: fees rose"); if this line is a field of its own, indent it like the fields around it']),
    "yaml colon in text": Case(add(NEW, GOOD + "summary: Key finding: fees rose\n"),
        ['content/blocks/introduction/new.yml:6: error: invalid YAML: a colon followed by a space starts a new field, and one cannot start here: if the colon belongs to the text, put the whole text in quotes (summary: "Key finding: fees rose"); if this line is a field of its own, indent it like the fields around it']),
    "yaml text after a quote": Case(add(NEW, GOOD + 'summary: "Fees" rose\n'),
        ["content/blocks/introduction/new.yml:6: error: invalid YAML: text follows a closing quote or a value on the same line; put the whole text in one pair of quotes, or indent the line like the fields around it"]),
    "yaml plain line among fields": Case(add(NEW, "id: new\nsome words\nplace: introduction\n"),
        ["content/blocks/introduction/new.yml:3: error: invalid YAML: this line is neither a field ('name: value') nor part of the text above it; indent it under its field, or put the text in quotes"]),
    "yaml value starting with @": Case(add(NEW, GOOD + "summary: @unodc rose\n"),
        ["content/blocks/introduction/new.yml:6: error: invalid YAML: a value cannot begin with this character (such as @ or `); put the text in quotes"]),
    "yaml unknown escape": Case(add(NEW, GOOD + 'summary: "C:\\q"\n'),
        ["content/blocks/introduction/new.yml:6: error: invalid YAML: a backslash in double quotes starts an escape such as \\n; write \\\\ for a backslash, or put the text in single quotes"]),
    "yaml empty list item": Case(add(NEW, GOOD + "tags: [a, , b]\n"),
        ["content/blocks/introduction/new.yml:6: error: invalid YAML: a value is missing here (after '-', ':' or ',' in brackets); write it, or remove the extra sign"]),
    "yaml second document": Case(add(NEW, GOOD + "---\nid: other\n"),
        ["content/blocks/introduction/new.yml:6: error: invalid YAML: a line of three hyphens (---) starts a second document; a content file holds one"]),
    "nesting past the limit": Case(add(NEW, GOOD + "summary: " + "[" * 25 + "]" * 25 + "\n"),
        ['content/blocks/introduction/new.yml:6: error: values are nested more than 20 levels deep']),
    "yaml duplicate key": Case(add(NEW, GOOD + "id: other\n"),
        ["content/blocks/introduction/new.yml:6: error: duplicate key 'id'"]),
    "yaml tab indentation": Case(add(NEW, "id: new\nfootnotes:\n\tnote: A note.\n"),
        ['content/blocks/introduction/new.yml:3: error: invalid YAML: tab character used for indentation; indent with spaces']),
    "yaml tab in series": Case(edit("content/series.yml", "language: en", "language:\ten\n\t  x: y"),
        ['content/series.yml:6: error: invalid YAML: tab character used for indentation; indent with spaces']),
    "yaml complex key": Case(add(NEW, GOOD + "? [a, b]\n: c\n"),
        ['content/blocks/introduction/new.yml:6: error: mapping keys must be plain names']),
    "yaml null byte": Case(add(NEW, GOOD + "summary: a\x00b\n"),
        ['content/blocks/introduction/new.yml:6: error: invalid YAML: character #x0000 is not allowed (control characters cannot be used in content files)']),
    # -- types and required fields ---------------------------------------------------------
    "order not a number": Case(add(NEW, GOOD + "order: first\n"),
        ['content/blocks/introduction/new.yml:6: error: order: expected a whole number such as 3, found \'first\'']),
    "tags not a list": Case(add(NEW, GOOD + "tags: observatory\n"),
        ['content/blocks/introduction/new.yml:6: error: tags: expected a list (one item per line, each starting with \'- \'), found \'observatory\'']),
    "text a list": Case(add(NEW, "id: new\nplace: introduction\nperiod: 2020-2022\ntext:\n  - one\n"),
        ['content/blocks/introduction/new.yml:4: error: text: expected text, found a list']),
    "footnotes a list": Case(add(NEW, GOOD + "footnotes:\n  - one\n"),
        ['content/blocks/introduction/new.yml:6: error: footnotes: expected fields (name: value lines indented under it), found a list']),
    "session not a number": Case(edit(PERIOD, "session: 11", "session: eleventh"),
        ['content/periods/2020-2022.yml:3: error: session: expected a whole number such as 3, found \'eleventh\'']),
    "numbered not a boolean": Case(
        edit("content/outline.yml", "title: Introduction", "title: Introduction\n  numbered: perhaps"),
        ['content/outline.yml:3: error: numbered: expected yes or no (true or false), found \'perhaps\'']),
    "block id malformed": Case(add(NEW, GOOD.replace("id: new", "id: New_Block")),
        ["content/blocks/introduction/new.yml:1: error: id: 'New_Block' is not a valid id (lower-case letters, digits and hyphens)"]),
    "block file is a list": Case(add(NEW, "- id: new\n- place: introduction\n"),
        ['content/blocks/introduction/new.yml:1: error: expected a mapping of fields, found a list']),
    "outline not a list": Case(add("content/outline.yml", "introduction: Introduction\n"),
        ['content/outline.yml:1: error: expected a list of chapters']),
    "facts not a mapping": Case(add("content/facts/extra.yml", "- parties\n"),
        ['content/facts/extra.yml:1: error: expected a mapping of fact names to facts']),
    "fact name malformed": Case(add("content/facts/extra.yml",
                                    "Parties:\n  label: x\n  source: y\n  values:\n    - {value: 1, as_of: 2021}\n"),
        ["content/facts/extra.yml:1: error: 'Parties' is not a valid fact name (a-z, 0-9 and _)"]),
    "missing text": Case(add(NEW, "id: new\nplace: introduction\nperiod: 2020-2022\n"),
        ["content/blocks/introduction/new.yml:1: error: missing required field 'text'"]),
    "missing series title": Case(edit("content/series.yml", "title: Activities", "titel: Activities"),
        ["content/series.yml:1: error: missing required field 'title'"]),
    "missing outline title": Case(edit("content/outline.yml", "  title: Introduction\n", ""),
        ["content/outline.yml:1: error: missing required field 'title'"]),
    "missing fact source": Case(add("content/facts/extra.yml",
                                    "extra:\n  label: x\n  values:\n    - {value: 1, as_of: 2021}\n"),
        ["content/facts/extra.yml:1: error: missing required field 'source'"]),
    "fact without values": Case(add("content/facts/extra.yml", "extra:\n  label: x\n  source: y\n  values: []\n"),
        ['content/facts/extra.yml:4: error: values: needs at least one item']),
    "missing period end": Case(edit(PERIOD, "end: 2022-07-31\n", ""),
        ["content/periods/2020-2022.yml:1: error: missing required field 'end'"]),
    "missing series file": Case(remove("content/series.yml"),
        ["content/series.yml: error: file not found (the series' title and organ)"]),
    "missing content folder": Case(remove("content"),
        ["{root}/content: error: content folder not found; run reportgen in a workspace (the folder that holds content/), give it with --root, or start one with 'reportgen init'"]),
    "no period files": Case(remove("content/periods"),
        ['content/periods: error: no period files (content/periods/<key>.yml)']),
    "period file name": Case(add("content/periods/2024.yml", "start: 2024-01-01\nend: 2024-12-31\n"),
        ["content/periods/2024.yml: error: period file name '2024' is not a period key such as 2020-2022"]),
    # -- unknown keys ----------------------------------------------------------------------
    "unknown key under --strict": Case(add(NEW, GOOD + "colour: red\n"),
        ["content/blocks/introduction/new.yml:6: error: unknown field 'colour' (ignored) (--strict)"], args=("--strict",)),
    # -- duplicates across files -----------------------------------------------------------
    "duplicate block id": Case(add("content/blocks/research/zz-copy.yml",
                                   GOOD.replace("id: new", "id: ukraine-research")),
        ["content/blocks/research/zz-copy.yml:1: error: duplicate block id 'ukraine-research' (first in content/blocks/research/ukraine-research.yml:1)"]),
    "duplicate fact": Case(add("content/facts/extra.yml",
                               "parties:\n  label: x\n  source: y\n  values:\n    - {value: 1, as_of: 2021}\n"),
        ["content/facts/extra.yml:1: error: duplicate fact 'parties' (first in content/facts.yml:1)"]),
    "duplicate heading id": Case(
        edit("content/outline.yml", "- id: activities", "- id: introduction\n  title: Again\n- id: activities"),
        ["content/outline.yml:3: error: duplicate heading id 'introduction' (first at line 1)"]),
    # -- dates -----------------------------------------------------------------------------
    "date not a date": Case(edit(BLOCK, "date: 2020-09-08/2020-09-09", "date: last September"),
        ["content/blocks/intergovernmental/wg-seventh-meeting.yml:3: error: date 'last September' is not a date (write YYYY, YYYY-MM or YYYY-MM-DD, or a range A/B)"]),
    "date month 13": Case(edit(BLOCK, "date: 2020-09-08/2020-09-09", "date: 2020-13"),
        ["content/blocks/intergovernmental/wg-seventh-meeting.yml:3: error: date '2020-13' does not exist"]),
    "date 30 February": Case(edit(BLOCK, "date: 2020-09-08/2020-09-09", "date: 2021-02-30"),
        ["content/blocks/intergovernmental/wg-seventh-meeting.yml:3: error: date '2021-02-30' does not exist"]),
    "date range reversed": Case(edit(BLOCK, "date: 2020-09-08/2020-09-09", "date: 2020-09-09/2020-09-08"),
        ["content/blocks/intergovernmental/wg-seventh-meeting.yml:3: error: date range '2020-09-09/2020-09-08' ends before it starts"]),
    "date outside every period": Case(edit(BLOCK, "date: 2020-09-08/2020-09-09", "date: 2019-05"),
        ["content/blocks/intergovernmental/wg-seventh-meeting.yml:3: error: date '2019-05' falls outside every period"]),
    "period issued not a day": Case(edit(PERIOD, "issued: 2022-07-30", "issued: 2022-07"),
        ["content/periods/2020-2022.yml:10: error: issued: date '2022-07' must be a single day (YYYY-MM-DD)"]),
    "period ends before it starts": Case(edit(PERIOD, "end: 2022-07-31", "end: 2019-07-31"),
        ['content/periods/2020-2022.yml:2: error: end: the period ends before it starts']),
    "block needs date or period": Case(add(NEW, GOOD.replace("period: 2020-2022\n", "")),
        ['content/blocks/introduction/new.yml:1: error: a block needs a date or a period (standing text names its period)']),
    # -- places, facts, references, footnotes ---------------------------------------------
    "unknown outline place": Case(edit(BLOCK, "place: cop", "place: coop"),
        ["content/blocks/intergovernmental/wg-seventh-meeting.yml:2: error: unknown outline place 'coop'; did you mean 'cop'?"]),
    "unknown period of a block": Case(edit(PARTIES, "period: 2020-2022", "period: 2018-2020"),
        ["content/blocks/introduction/introduction-parties.yml:3: error: unknown period '2018-2020'"]),
    "unknown fact": Case(edit(PARTIES, "{{ fact.parties }}", "{{ fact.partys }}"),
        ["content/blocks/introduction/introduction-parties.yml:7: error: unknown fact 'partys'; did you mean 'parties'?"]),
    "unknown fact attribute": Case(edit(PARTIES, "{{ fact.parties }}", "{{ fact.parties.total }}"),
        ["content/blocks/introduction/introduction-parties.yml:7: error: fact.parties has no field 'total' (use as_of, label, source, value, words)"]),
    "unknown variable": Case(edit(PARTIES, "{{ fact.parties }}", "{{ parties }}"),
        ["content/blocks/introduction/introduction-parties.yml:7: error: '{{ parties }}' is not a variable (write {{ fact.NAME }}, {{ fact.NAME.as_of }}, {{ fact.NAME.at(\"YYYY-MM\") }} or {{ period.NAME }})"]),
    "fact with no value yet": Case(edit("content/facts.yml", _PARTIES_2022, _PARTIES_2022.replace("2022-0", "2023-0")),
        ["content/blocks/introduction/introduction-parties.yml:7: error: fact 'parties' has no value on or before 31 July 2022",
         "content/documents/brief-2020-2022.yml:12: error: fact 'parties' has no value on or before 31 July 2022",
         "content/documents/wg-ninth-meeting-opening-2022.yml:20: error: fact 'parties' has no value on or before 27 June 2022"]),
    "variable syntax": Case(edit(PARTIES, "{{ fact.parties }}", "{{ fact.parties"),
        ["content/blocks/introduction/introduction-parties.yml:7: error: '{{' is never closed by '}}'"]),
    "template statement in text": Case(edit(PARTIES, "{{ fact.parties }}", "{% for x in y %}"),
        ["content/blocks/introduction/introduction-parties.yml:7: error: '{%' is not allowed in text: content is not a template (only {{ fact.NAME }} and {{ period.NAME }} variables)"]),
    "dangling reference": Case(add(NEW, GOOD.replace("A new paragraph.", "See [](ref:no-such-block).")),
        ["content/blocks/introduction/new.yml:5: error: reference to unknown block 'no-such-block'"]),
    "reference to another period": Case(add(NEW, GOOD.replace("A new paragraph.", "See [](ref:parties-2022-2024).")),
        ["content/blocks/introduction/new.yml:5: error: reference to block 'parties-2022-2024', which is not in period 2020-2022"]),
    "malformed symbol": Case(add(NEW, GOOD.replace("A new paragraph.", "See [a b](symbol:).")),
        ["content/blocks/introduction/new.yml:5: error: 'a b' is not a well-formed document symbol"]),
    "footnote call without definition": Case(
        edit(UKRAINE, "research[^ukraine-research]", "research[^ukraine-research][^missing]"),
        ["content/blocks/research/ukraine-research.yml:7: error: footnote call [^missing] has no definition under 'footnotes:'"]),
    "footnote defined, never called": Case(add(NEW, GOOD + "footnotes:\n  unused: Never called.\n"),
        ["content/blocks/introduction/new.yml:7: error: footnote 'unused' is defined but never called"]),
    "footnote calls a footnote": Case(add(NEW, GOOD.replace("paragraph.", "paragraph.[^a]")
                                          + "footnotes:\n  a: See note[^b].\n  b: Circular[^a].\n"),
        ["content/blocks/introduction/new.yml:7: error: footnote 'a' calls a footnote; a footnote cannot call another",
        "content/blocks/introduction/new.yml:8: error: footnote 'b' calls a footnote; a footnote cannot call another"]),
    "footnote label malformed": Case(add(NEW, GOOD + "footnotes:\n  bad label: Text.\n"),
        ["content/blocks/introduction/new.yml:7: error: footnote label 'bad label' may use only letters, digits, - and _"]),
    "heading in text": Case(add(NEW, GOOD.replace("A new paragraph.", "# A heading")),
        ['content/blocks/introduction/new.yml:5: error: heading is not allowed in block text (only paragraphs and lists)']),
    "empty text": Case(add(NEW, GOOD.replace("|\n  A new paragraph.", '""')),
        ['content/blocks/introduction/new.yml:4: error: text is empty']),
    # -- files ------------------------------------------------------------------------------
    "empty block file": Case(add(NEW, ""),
        ['content/blocks/introduction/new.yml:1: error: file is empty']),
    "comment-only outline": Case(add("content/outline.yml", "# nothing yet\n"),
        ['content/outline.yml:1: error: file is empty']),
    "latin-1 block file": Case(add(NEW, GOOD.replace("new paragraph", "caf\u00e9").encode("latin-1")),
        ['content/blocks/introduction/new.yml:5: error: file is not UTF-8 text (byte 0xe9); save it as UTF-8']),
    "utf-16 block file": Case(add(NEW, GOOD.encode("utf-16")),
        ['content/blocks/introduction/new.yml:1: error: file is not UTF-8 text (byte 0xff); save it as UTF-8']),
    "alias bomb": Case(add(NEW, _bomb()),
        ['content/blocks/introduction/new.yml:1: error: anchors and aliases (&name, *name) are not allowed']),
    "anchor and alias": Case(add(NEW, "id: &x new\nplace: introduction\nperiod: 2020-2022\ntext: *x\n"),
        ['content/blocks/introduction/new.yml:1: error: anchors and aliases (&name, *name) are not allowed']),
    "python tag": Case(add(NEW, GOOD + "summary: !!python/object/apply:os.system ['touch /tmp/pwned']\n"),
        ["content/blocks/introduction/new.yml:6: error: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"]),
    "custom tag": Case(add(NEW, GOOD + "summary: !include other.yml\n"),
        ["content/blocks/introduction/new.yml:6: error: YAML tag '!include' is not allowed"]),
    "deep nesting": Case(add(NEW, GOOD + "summary: " + "[" * 5000 + "]" * 5000 + "\n"),
        ['content/blocks/introduction/new.yml:6: error: values are nested more than 20 levels deep']),
    "link to a file outside": Case(link(NEW, "../outside.yml", GOOD),
        ['content/blocks/introduction/new.yml: error: is a symbolic link; links are not followed']),
    # -- links and special files: refused unread, never followed or waited on ----------------
    "link to a file inside": Case(special(NEW, "link", "introduction-parties.yml"),
        ['content/blocks/introduction/new.yml: error: is a symbolic link; links are not followed']),
    "link loop": Case(special(NEW, "link", "new.yml"),
        ['content/blocks/introduction/new.yml: error: is a symbolic link; links are not followed']),
    "link to a folder of blocks": Case(special("content/blocks/elsewhere", "link", "/usr/share"),
        ['content/blocks/elsewhere: error: is a symbolic link; links are not followed']),
    "series file is a link": Case(special("content/series.yml", "link", "/etc/hostname"),
        ['content/series.yml: error: is a symbolic link; links are not followed']),
    "named pipe as a document": Case(special("content/documents/x.yml", "fifo"),
        ['content/documents/x.yml: error: is a named pipe (FIFO), not a file']),
    "named pipe as the outline": Case(special("content/outline.yml", "fifo"),
        ['content/outline.yml: error: is a named pipe (FIFO), not a file']),
    "named pipe as facts": Case(special("content/facts/x.yml", "fifo"),
        ['content/facts/x.yml: error: is a named pipe (FIFO), not a file']),
    "folder where a block is expected": Case(special("content/documents/x.yml", "dir"),
        ['content/documents/x.yml: error: is a folder where a file is expected']),
    "folder where a period is expected": Case(special("content/periods/2030-2032.yml", "dir"),
        ['content/periods/2030-2032.yml: error: is a folder where a file is expected']),
    "hard link to a block": Case(special(NEW, "hardlink", PARTIES),
        ['content/blocks/introduction/introduction-parties.yml: error: has 2 names (a hard link); a file with more than one name is not used',
         'content/blocks/introduction/new.yml: error: has 2 names (a hard link); a file with more than one name is not used']),
    "device as a block": Case(special(NEW, "device"),
        ['content/blocks/introduction/new.yml: error: is a device, not a file']),
    "template is a link": Case(special("templates/report.md.j2", "link", "/etc/hostname"),
        ['templates/report.md.j2: error: is a symbolic link; links are not followed']),
    "template is a named pipe": Case(special("templates/report.md.j2", "fifo"),
        ['templates/report.md.j2: error: is a named pipe (FIFO), not a file']),
    "template is a folder": Case(special("templates/report.md.j2", "dir"),
        ['templates/report.md.j2: error: is a folder where a file is expected']),
    "output is a link": Case(special("build/2020-2022/report.md", "link", "/etc/hostname"),
        ['{root}/build/2020-2022/report.md: error: is a symbolic link; links are not followed; a folder of outputs holds only files reportgen wrote (move it away or choose another --out)']),
    "earlier output is a named pipe": Case(special("build/2020-2022/report.pdf", "fifo"),
        ['{root}/build/2020-2022/report.pdf: error: is a named pipe (FIFO), not a file; a folder of outputs holds only files reportgen wrote (move it away or choose another --out)']),
    "earlier output has two names": Case(
        both(add("elsewhere.html", "mine"), special("build/2020-2022/report.pdf", "hardlink", "elsewhere.html")),
        ['{root}/build/2020-2022/report.pdf: error: has 2 names (a hard link); a file with more than one name is not used; a folder of outputs holds only files reportgen wrote (move it away or choose another --out)']),
    "manifest is a named pipe": Case(special("build/2020-2022/.reportgen.json", "fifo"),
        ['{root}/build/2020-2022/.reportgen.json: error: is a named pipe (FIFO), not a file; a folder of outputs holds only files reportgen wrote (move it away or choose another --out)']),
    "previous outputs set aside are a link": Case(special("build/.old-2020-2022", "link", "/usr/share"),
        ['{root}/build/.old-2020-2022: error: is not a folder an interrupted build left (a link, or a file); move it away']),
    "staging folder is a link": Case(special("build/.staging-2020-2022-x", "link", "/usr/share"),
        ['{root}/build/.staging-2020-2022-x: error: is not a folder an interrupted build left (a link, or a file); move it away']),
    "included template is a link loop": Case(
        both(add("templates/report.md.j2", "{% include 'part.md.j2' %}\n"),
             special("templates/part.md.j2", "link", "part.md.j2")),
        ['templates/part.md.j2: error: is a symbolic link; links are not followed']),
    # -- fact values and text fields YAML reads as something else ---------------------------
    "fact value not a number": Case(add("content/facts/extra.yml", FACT.format(".nan")),
        ["content/facts/extra.yml:5: error: values.1.value: 'nan' is not a figure; write a finite number, or text in quotes"]),
    "fact value infinite": Case(add("content/facts/extra.yml", FACT.format("-.inf")),
        ["content/facts/extra.yml:5: error: values.1.value: '-inf' is not a figure; write a finite number, or text in quotes"]),
    "fact value too large": Case(add("content/facts/extra.yml", FACT.format("1.0e+16")),
        ["content/facts/extra.yml:5: error: values.1.value: the figure is larger than a fact may give (at most 10^15 either way); write it in words as text in quotes"]),
    "fact value of 5,000 digits": Case(add("content/facts/extra.yml", FACT.format("9" * 5000)),
        ["content/facts/extra.yml:5: error: the number has 5,000 characters, too many to be a figure; write it in quotes if it is text"]),
    "fact value true": Case(add("content/facts/extra.yml", FACT.format("true")),
        ["content/facts/extra.yml:5: error: values.1.value: a bare true, false, yes, no, on or off is a yes-or-no value, not a figure; write a number, or text in quotes"]),
    "id a bare number": Case(add(NEW, GOOD.replace("id: new", "id: 2021")),
        ["content/blocks/introduction/new.yml:1: error: id: must be quoted text: a bare number is read as a number (write it in quotes: '2021')"]),
    "place a bare no": Case(add(NEW, GOOD.replace("place: introduction", "place: no")),
        ["content/blocks/introduction/new.yml:2: error: place: must be quoted text: a bare yes, no, on, off, true or false is read as a yes-or-no value (write it in quotes: 'no')"]),
    "title a bare number": Case(edit("content/outline.yml", "title: Introduction", "title: 2021"),
        ["content/outline.yml:2: error: title: must be quoted text: a bare number is read as a number (write it in quotes: '2021')"]),
    # -- control characters: shown escaped in messages, an error with or without --strict --
    "control characters in text": Case(
        add(NEW, GOOD.replace("|\n  A new paragraph.", '"A \\e[31mred\\a paragraph."')),
        ["content/blocks/introduction/new.yml:4: error: the text holds \\x07, \\x1b, which no output can carry; remove it"]),
    "control character in a folded quoted text": Case(
        add(NEW, GOOD.replace("|\n  A new paragraph.", '"A new\n  paragraph, \\x0c with a form feed."')),
        ["content/blocks/introduction/new.yml:5: error: the text holds \\x0c, which no output can carry; remove it"]),
    "line break in a file name": Case(add("content/blocks/introduction/new\nfake.yml", "- a\n"),
        ["content/blocks/introduction/new\\nfake.yml:1: error: expected a mapping of fields, found a list"]),
    "escape code in a file name": Case(add("content/blocks/introduction/\x1b[2Jnew.yml", "- a\n"),
        ["content/blocks/introduction/\\x1b[2Jnew.yml:1: error: expected a mapping of fields, found a list"]),
    # -- periods and outlines ------------------------------------------------------------
    "overlapping periods": Case(add("content/periods/2021-2023.yml", "start: 2021-07-01\nend: 2023-07-31\n"),
        ["content/periods/2021-2023.yml:1: error: period 2021-2023 overlaps period 2020-2022 (content/periods/2020-2022.yml): it starts on 2021-07-01, before 2020-2022 ends on 2022-07-31",
         "content/periods/2022-2024.yml:1: error: period 2022-2024 overlaps period 2021-2023 (content/periods/2021-2023.yml): it starts on 2022-08-01, before 2021-2023 ends on 2023-07-31"]),
    "outline deeper than the numbering": Case(
        edit("content/outline.yml", "  title: Introduction\n",
             "  title: Introduction\n  sections:\n  - {id: l2, title: B, sections: [{id: l3, title: C, sections: "
             "[{id: l4, title: D, sections: [{id: l5, title: E, sections: [{id: l6, title: F}]}]}]}]}\n"),
        ["content/outline.yml:4: error: heading 'l6' is at level 6; headings go 5 levels deep (I., A., 1., (a), (i))"]),
    # -- output names --------------------------------------------------------------------
    "two briefs in one period": Case(
        add("content/documents/zz-brief.yml", "kind: brief\nid: zz-brief\nperiod: 2020-2022\ntitle: Another\n"),
        ['content/documents/zz-brief.yml:2: error: makes the same output files (brief.*) in period 2020-2022 as content/documents/brief-2020-2022.yml:2; a period has one brief']),
    "two press releases, one file name": Case(
        add("content/documents/zz-clash.yml", "kind: press-release\nid: 2021-12-08-ccpcj-thematic-discussion-2021\n"
                                              "period: 2020-2022\ntitle: Clash\nbody: Text.\n"),
        ['content/documents/zz-clash.yml:2: error: makes the same output files (press-release-2021-12-08-ccpcj-thematic-discussion-2021.*) in period 2020-2022 as content/documents/ccpcj-thematic-discussion-2021.yml:2; give one of them another id']),
    # -- templates --------------------------------------------------------------------------
    "template syntax error": Case(add("templates/report.md.j2", "# {{ doc.title }}\n\n{% if %}\n"),
        ["templates/report.md.j2:3: error: template syntax error: "], ours_begin=True),
    "template error in an include": Case(
        both(add("templates/report.md.j2", "{% include 'part.md.j2' %}\n"),
             add("templates/part.md.j2", "line one\n{% for x in %}\n")),
        ["templates/part.md.j2:2: error: template syntax error: "], ours_begin=True),
    "template unknown variable": Case(add("templates/report.md.j2", "# {{ doc.title }}\n{{ doc.nosuch }}\n"),
        ["templates/report.md.j2:2: error: template error: "], ours_begin=True),
    "template includes itself": Case(add("templates/report.md.j2", "{% include 'report.md.j2' %}\n"),
        ['templates/report.md.j2: error: templates include or extend each other in a circle']),
    "template not found": Case(add("templates/report.md.j2", "{% include 'nothing.md.j2' %}\n"),
        ['templates/report.md.j2:1: error: template not found: nothing.md.j2']),
    # -- command line ------------------------------------------------------------------------
    "period reversed": Case(None, ["'--period'", "'2022-2020' is not a period such as 2020-2022 (first year, hyphen, last year)"], args=("--period", "2022-2020"), status=2),
    "period not a period": Case(None, ["'--period'", "'foo' is not a period such as 2020-2022 (first year, hyphen, last year)"], args=("--period", "foo"), status=2),
    "period unknown": Case(None, ["content/periods: error: unknown period '2030-2032' (periods: 2020-2022, 2022-2024)"], args=("--period", "2030-2032")),
    "format unknown": Case(None, ["'--format'", "'odt'"], args=("--format", "odt"), status=2),
    "out is a file": Case(add("notes.txt", "x"),
        ["'--out'", "'{root}/notes.txt'"], args=("--out", "{root}/notes.txt"), status=2),
    "out under a file": Case(add("notes.txt", "x"),
        ['{root}/notes.txt/build: error: cannot write outputs: Not a directory'], args=("--out", "{root}/notes.txt/build")),
    # /proc takes no new folders, whoever asks (permissions would not stop the superuser)
    "out where nothing can be written": Case(None,
        ["/proc/reportgen-out: error: cannot write outputs: No such file or directory"],
        args=("--out", "/proc/reportgen-out")),
    "out inside content": Case(None, ["'--out'", "'{root}/content/out' is inside the workspace's content/ folder; outputs go elsewhere"], args=("--out", "{root}/content/out"), status=2),
}

def usage_error(lines: list[str], ours: list[str]) -> None:
    """A usage error's last line names the option and holds each of ``ours``: the parts of
    the message that reportgen words (the frame around them is the library's)."""
    assert lines and all(part in lines[-1] for part in ours), (lines, ours)


#: a problem line: a file (and, where one exists, a line), the severity, the message
_PROBLEM_LINE = r"^(\{root\}/)?[\w./!\\\[-]+(:\d+)?: (error|warning): \S.*$"


def tree_hash(folder: Path) -> str:
    """One hash over every file (name and bytes) under ``folder``."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):  # links and pipes are looked at, never followed or opened
            digest.update(os.readlink(path).encode())
        elif stat.S_ISREG(mode):
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        else:
            digest.update(str(stat.S_IFMT(mode)).encode())
    return digest.hexdigest()


def build_cli(root: Path, *args: str):
    from click.testing import CliRunner

    from reportgen.cli import main

    return CliRunner().invoke(main, ["build", "--root", str(root), *args], prog_name="reportgen")


@pytest.fixture
def previous(tmp_path) -> Path:
    """The shipped content with a previous build in build/, which no failed build may
    touch; its templates/ starts empty (the built-in ones serve), so that each case copies
    only what it can change."""
    workspace = tmp_path
    shutil.copytree(ROOT / "content", workspace / "content")
    (workspace / "templates").mkdir()
    write(workspace / "build/2020-2022/report.md", "the previous report\n")
    write(workspace / "build/2020-2022/report.html", "<p>the previous report</p>\n")
    return workspace


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40


#: the fast tier (pytest -m "not slow") runs every eighth case, a sample across every
#: section of the corpus; the full suite runs them all
SAMPLED = [pytest.param(name, marks=() if i % 8 == 0 else pytest.mark.slow)
           for i, name in enumerate(CASES)]


@pytest.mark.parametrize("name", SAMPLED)
def test_bad_input(name, previous):
    case = CASES[name]
    root = previous
    if case.change:
        case.change(root)
    before = tree_hash(root / "build")
    result = build_cli(root, *case.formats, *(a.replace("{root}", str(root)) for a in case.args))
    # a traceback would show here as an exception other than click's exit
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == case.status
    lines = result.output.replace(str(root), "{root}").strip().splitlines()
    if case.status == 2:  # a usage error, framed by the command-line library: the option
        usage_error(lines, case.expected)  # and reportgen's own words are checked
    else:
        assert all(re.match(_PROBLEM_LINE, line) for line in lines), lines
        if case.ours_begin:
            lines = [line[: len(ours)] for line, ours in zip(lines, case.expected, strict=False)] \
                + lines[len(case.expected):]
        assert lines == case.expected
    assert "Traceback" not in result.output
    assert tree_hash(root / "build") == before


@pytest.mark.slow
def test_unknown_key_is_a_warning_without_strict(previous):
    add(NEW, GOOD + "colour: red\n")(previous)
    result = build_cli(previous, "--period", "2020-2022", "--format", "md")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        "content/blocks/introduction/new.yml:6: warning: unknown field 'colour' (ignored)")
    assert "A new paragraph." in (previous / "build/2020-2022/report.md").read_text(encoding="utf-8")


def test_a_50_mb_file_is_refused_without_reading_it(previous):
    before = tree_hash(previous / "build")
    path = previous / NEW
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(GOOD + "summary: ")
        chunk = "x" * (1024 * 1024)
        for _ in range(50):
            handle.write(chunk)
    result = build_cli(previous, "--period", "2020-2022", "--format", "md")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "content/blocks/introduction/new.yml: error: file is too large (50.0 MB; the limit is 2 MB)"]
    assert tree_hash(previous / "build") == before


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="permissions do not stop the superuser from writing")
def test_an_output_folder_without_write_permission(previous, tmp_path):
    out = tmp_path / "locked"
    out.mkdir()
    out.chmod(0o500)
    try:
        result = build_cli(previous, "--period", "2020-2022", "--format", "md", "--out", str(out))
    finally:
        out.chmod(0o700)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"{out}: error: cannot write outputs: Permission denied"]
    assert list(out.iterdir()) == []


def _reportgen() -> list[str]:
    script = Path(sys.executable).with_name("reportgen")
    return [str(script)] if script.exists() else [sys.executable, "-c",
                                                  "from reportgen.cli import main; main()"]


@pytest.mark.parametrize("name", ["deep nesting", "template includes itself", "python tag",
                                  "alias bomb", "period reversed"])
@pytest.mark.slow
def test_no_traceback_from_the_installed_command(name, previous):
    """The real command, in its own process: stderr holds the problem lines only."""
    case = CASES[name]
    if case.change:
        case.change(previous)
    args = [a.replace("{root}", str(previous)) for a in case.args]
    proc = subprocess.run([*_reportgen(), "build", "--root", str(previous), *case.formats, *args],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == case.status
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    if case.status == 2:
        usage_error(lines, case.expected)
    else:
        assert lines[-len(case.expected):] == case.expected
    assert proc.stdout == ""


@pytest.mark.slow
def test_a_huge_stray_file_is_fingerprinted_in_pieces(previous, tmp_path):
    """A 512 MB file in content/ that is not YAML: hashed piece by piece, never held whole."""
    stray = previous / "content/video.mp4"
    with open(stray, "wb") as handle:
        handle.truncate(512 * 1024 * 1024)  # sparse: no disk space used
    script = ("import resource, sys; from pathlib import Path; "
              "from reportgen.fingerprint import inputs_digest; "
              f"inputs_digest(Path({str(previous)!r}), [], ('md',)); "
              "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    peak_mib = int(proc.stdout) / 1024  # Linux gives kibibytes
    assert peak_mib < 200, peak_mib


def test_no_message_says_a_word_twice():
    """Seen: 'error: date: date '2023-13' does not exist' (a field name before a message
    that names the field).  Every expected message above is checked, so each case's real
    output is too."""
    doubled = re.compile(r"\b([A-Za-z]+):? +\1\b", re.I)
    for name, case in CASES.items():
        for line in case.expected:
            message = re.sub(r"^\S+: (error|warning): ", "", line)
            assert not doubled.search(message), (name, line)


# -- every OS error, in every command, is one line -----------------------------------------

def _invoke(*args: str):
    from click.testing import CliRunner

    from reportgen.cli import main

    return CliRunner().invoke(main, list(args), prog_name="reportgen")


SEED = str(Path(__file__).resolve().parent.parent / "seeds" / "004_5fd3833edaaf884a.txt")

#: commands other than build, each where the system refuses to write (/proc takes no new
#: folders, whoever asks)
OS_CASES = {
    "schema": (("schema", "--out", "/proc/reportgen-schemas"),
               "/proc/reportgen-schemas: error: No such file or directory"),
    "init": (("init", "/proc/reportgen-workspace"),
             "/proc/reportgen-workspace: error: No such file or directory"),
    "import": (("import", SEED, "--period", "2020-2022", "--into", "/proc/reportgen-import"),
               "/proc/reportgen-import: error: No such file or directory"),
    "show": (("show", "--out", "/proc/self/fdinfo", "--period", "0"),
             None),
}


@pytest.mark.parametrize("name", ["schema", "init", "import"])
def test_os_errors_of_other_commands_are_one_line(name):
    args, expected = OS_CASES[name]
    result = _invoke(*args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [expected]


def test_check_turns_an_os_error_into_one_line(workspace, monkeypatch):
    import reportgen.content.store

    asked: list[str] = []

    def refused(folder, *args, **kwargs):
        asked.append(str(folder))
        raise PermissionError(13, "Permission denied", str(folder))

    monkeypatch.setattr(reportgen.content.store, "walk_level", refused)
    result = _invoke("check", "--root", str(workspace))
    assert result.exit_code == 1
    assert asked[0].startswith(f"{workspace}/content")
    assert result.output.strip().splitlines() == [f"{asked[0]}: error: Permission denied"]


def test_show_of_a_corrupt_pdf_is_one_line(workspace):
    import shutil

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    folder = workspace / "build/2020-2022"
    write(folder / "report.html", "<p>x</p>\n")
    (folder / "report.pdf").write_bytes(b"%PDF-1.7\nthis is not a PDF at all\n")
    result = _invoke("show", "--out", str(workspace / "build"), "--period", "2020-2022")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{folder}/report.pdf: error: pdftoppm could not draw it")


def test_schema_files_survive_a_full_disk(tmp_path, monkeypatch):
    """The third file hits a full disk: every file keeps its previous bytes, none is left
    empty or cut off, and no temporary file stays behind."""
    import errno

    import reportgen.content.schema as schema

    out = tmp_path / "schemas"
    assert _invoke("schema", "--out", str(out)).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    for path in out.iterdir():
        path.write_bytes(b'{"old": true}\n')
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    calls = {"n": 0}
    real_fsync = os.fsync

    def full_disk(fd):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(schema.os, "fsync", full_disk)
    result = _invoke("schema", "--out", str(out))
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()  # the file that could not be written
    assert line.startswith(f"{out}/") and line.endswith(".json: error: No space left on device")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


# -- control characters -------------------------------------------------------------------

@pytest.mark.slow
def test_control_characters_never_reach_the_outputs(previous):
    add(NEW, GOOD.replace("A new paragraph.", '"A \\e[31mred\\a paragraph."').replace("|\n  ", ""))(previous)
    before = sorted(p.relative_to(previous) for p in (previous / "build").rglob("*")) \
        if (previous / "build").exists() else []
    result = build_cli(previous, "--period", "2020-2022", "--format", "md", "--format", "html")
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[0] == (
        "content/blocks/introduction/new.yml:4: error: the text holds \\x07, \\x1b, which no "
        "output can carry; remove it")
    after = sorted(p.relative_to(previous) for p in (previous / "build").rglob("*")) \
        if (previous / "build").exists() else []
    assert after == before
    for made in (previous / "build").rglob("report.*"):
        data = made.read_bytes()
        assert b"\x1b" not in data and b"\x07" not in data


# -- numbering and dates the document model gets right --------------------------------------

def test_more_than_26_fourth_level_headings_are_lettered_on(workspace):
    from reportgen.build import build

    subs = "".join(f"      - {{id: d{n}, title: Heading {n}}}\n" for n in range(1, 29))
    write(workspace / "content/outline.yml",
          "- id: introduction\n  title: Introduction\n  sections:\n  - id: b\n    title: B\n"
          "    sections:\n    - id: c\n      title: C\n      sections:\n" + subs.replace("      - ", "      - ", 1))
    import shutil
    shutil.rmtree(workspace / "content/blocks")
    for n in range(1, 29):
        write(workspace / f"content/blocks/d{n}.yml",
              f"id: block-{n}\nplace: d{n}\nperiod: 2020-2022\ntext: Paragraph {n}.\n")
    for document in (workspace / "content/documents").iterdir():
        document.unlink()
    build(workspace, ["2020-2022"], formats=("md",), out=workspace / "build")
    markdown = (workspace / "build/2020-2022/report.md").read_text(encoding="utf-8")
    labels = re.findall(r"^#+ (\(\w+\)) Heading", markdown, re.M)
    assert labels[24:] == ["(y)", "(z)", "(aa)", "(ab)"]
    assert "({)" not in markdown


@pytest.mark.slow
def test_a_press_release_without_a_date_prints_no_none(previous):
    add("content/documents/undated.yml", "kind: press-release\nid: undated\nperiod: 2020-2022\n"
        "title: Undated\ndateline: Vienna\nlead: The lead.\nbody: The body.\n")(previous)
    add("content/documents/placeless.yml", "kind: press-release\nid: placeless\nperiod: 2020-2022\n"
        "title: Placeless\nlead: The lead.\nbody: The body.\n")(previous)
    result = build_cli(previous, "--period", "2020-2022", "--format", "md", "--format", "html",
                       "--format", "docx", "--kind", "press-release")
    assert result.exit_code == 0, result.output
    folder = previous / "build/2020-2022"
    md = (folder / "press-release-undated.md").read_text(encoding="utf-8")
    assert "**Vienna –** The lead." in md
    assert (folder / "press-release-placeless.md").read_text(encoding="utf-8").count(
        "\nThe lead.") == 1
    for name in ("undated", "placeless"):
        for text in ((folder / f"press-release-{name}.md").read_text(encoding="utf-8"),
                     (folder / f"press-release-{name}.html").read_text(encoding="utf-8"),
                     _docx_text(folder / f"press-release-{name}.docx")):
            assert "The lead." in text and "None" not in text, name


def _docx_text(path: Path) -> str:
    import zipfile

    return re.sub(r"<[^>]+>", "", zipfile.ZipFile(path).read("word/document.xml").decode("utf-8"))
