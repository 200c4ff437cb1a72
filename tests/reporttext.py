"""Reading a report in the Markdown form of seed 004 (or of reportgen's own output) into
its headings, numbered paragraphs and footnotes, with markup normalized away, so two
reports can be compared paragraph by paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

#: '12. ' opens a numbered paragraph; '12 - ' in Arabic
_NUMBERED = re.compile(r"^(\d+)(?:\.| -)\s+(.*)$")
_SEED_NOTE = re.compile(r"^<sup>(\d+)</sup>\s*(.*)$")
_MD_NOTE = re.compile(r"^\[\^(\d+)\]:\s*(.*)$")
_STAR_NOTE = re.compile(r"^\\\*\s+(.*)$")


@dataclass
class ReportText:
    headings: list[str] = field(default_factory=list)
    paragraphs: dict[int, str] = field(default_factory=dict)
    footnotes: dict[str, str] = field(default_factory=dict)
    #: heading under which each paragraph stands
    heading_of: dict[int, str] = field(default_factory=dict)


#: typography a conversion of a printed document may or may not keep (seed 004 has curly
#: quotation marks but straight apostrophes): folded to the typed forms for comparison
_TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                             "\u2011": "-"})


def normalize(text: str) -> str:
    """Markup, whitespace and typography aside: links to their text, calls as ^n, no
    emphasis, straight quotes, plain spaces and hyphens."""
    text = text.translate(_TYPOGRAPHY)
    text = re.sub(r"<sup>(\d+)</sup>", r"^\1", text)
    text = re.sub(r"\[\^(\d+)\]", r"^\1", text)
    text = re.sub(r"\[([^\]]*)\]\((?:<[^>]*>|[^()\s]*(?:\([^()]*\)[^()\s]*)*)\)", r"\1", text)
    text = re.sub(r"\\([\\`*_\[\]()<>#.!-])", r"\1", text)
    text = text.replace("**", "").replace("*", "")
    return re.sub(r"\s+", " ", text).strip()


def parse_markdown_report(source: str) -> ReportText:
    """Headings from 'I. Introduction' on, numbered paragraphs joined across page breaks."""
    lines = source.splitlines()
    result = ReportText()
    for line in lines:
        star = _STAR_NOTE.match(line.strip())
        if star:
            result.footnotes["*"] = normalize(star.group(1))
    start = next(i for i, line in enumerate(lines) if normalize(line.lstrip("#")) == "I. Introduction")
    current: int | None = None
    heading = ""
    for raw in lines[start:]:
        line = raw.strip()
        if not line or line == "---" or _STAR_NOTE.match(line):
            continue
        note = _SEED_NOTE.match(line) or _MD_NOTE.match(line)
        if note:
            result.footnotes[note.group(1)] = normalize(note.group(2))
            continue
        if line.startswith("#") or (line.startswith("*") and line.endswith("*") and not line.startswith("**")):
            heading = normalize(line.lstrip("#"))
            result.headings.append(heading)
            continue
        numbered = _NUMBERED.match(line)
        if numbered:
            current = int(numbered.group(1))
            result.paragraphs[current] = numbered.group(2)
            result.heading_of[current] = heading
        elif current is not None:
            result.paragraphs[current] += " " + line
    result.paragraphs = {n: normalize(t) for n, t in result.paragraphs.items()}
    return result


class _HtmlParagraphs(HTMLParser):
    """Text of each <p id="para-N">, of each heading in <main>, and of each footnote."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: dict[int, str] = {}
        self.headings: list[str] = []
        self.footnotes: dict[str, str] = {}
        self._target: tuple[str, object] | None = None
        self._depth = 0
        self._in_main = False
        self._buffer: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self._in_main = True
        if self._target:
            self._depth += 1
            if tag == "sup" and "fn-call" in (attrs.get("class") or ""):
                self._buffer.append("^")
            if tag == "a" and "fn-back" in (attrs.get("class") or ""):
                self._skip += 1
            if tag == "span" and attrs.get("class") in ("para-num", "fn-num"):
                self._skip += 1
            return
        ident = attrs.get("id") or ""
        if tag == "p" and ident.startswith("para-"):
            self._start(("para", int(ident[5:])))
        elif tag in ("h2", "h3", "h4", "h5", "h6") and self._in_main:
            self._start(("heading", None))
        elif tag == "li" and ident.startswith("fn-"):
            self._start(("note", "*" if ident == "fn-agenda" else ident[3:]))

    def _start(self, target):
        self._target, self._depth, self._buffer = target, 1, []

    def handle_endtag(self, tag):
        if tag == "main":
            self._in_main = False
        if not self._target:
            return
        if self._skip and tag in ("a", "span"):
            self._skip -= 1
        self._depth -= 1
        if self._depth == 0:
            kind, key = self._target
            text = normalize("".join(self._buffer))
            if kind == "para":
                self.paragraphs[key] = text
            elif kind == "heading":
                self.headings.append(text)
            else:
                self.footnotes[key] = text.removeprefix("* ")
            self._target = None

    def handle_data(self, data):
        if self._target and not self._skip:
            self._buffer.append(data)


def parse_html_report(source: str) -> ReportText:
    parser = _HtmlParagraphs()
    parser.feed(source)
    return ReportText(parser.headings, parser.paragraphs, parser.footnotes)


def parse_pandoc_report(ast: dict) -> ReportText:
    """A report read by pandoc's DOCX reader (``-f docx+styles -t json``): Word headings
    and paragraphs in the 'Italic Heading' style are headings; paragraphs opening with a
    number are numbered paragraphs; notes in order of their calls, a note whose text
    opens with '*' being the agenda note."""
    result = ReportText()
    numbered = 0

    def text(inlines) -> str:
        nonlocal numbered
        out = []
        for node in inlines:
            kind, content = node["t"], node.get("c")
            if kind == "Str":
                out.append(content)
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                out.append(" ")
            elif kind in ("Emph", "Strong", "Superscript", "Subscript", "SmallCaps", "Underline",
                          "Strikeout"):
                out.append(text(content))
            elif kind in ("Span", "Link"):
                out.append(text(content[1]))
            elif kind == "Quoted":
                out.append(f"“{text(content[1])}”")
            elif kind == "Note":
                raw = " ".join(text(b["c"]) for b in _paras(content)).strip()
                body = normalize(raw)
                if raw.startswith("*"):
                    result.footnotes["*"] = normalize(raw.removeprefix("*"))
                    out.append("*")
                else:
                    numbered += 1
                    result.footnotes[str(numbered)] = body
                    out.append(f"^{numbered}")
        return "".join(out)

    def walk(blocks) -> None:
        for block in blocks:
            kind, content = block["t"], block.get("c")
            if kind == "Header":
                result.headings.append(normalize(text(content[2])))
            elif kind == "Div":
                style = dict(content[0][2]).get("custom-style")
                if (style or "").startswith("Italic Heading"):
                    result.headings.append(normalize(" ".join(text(b["c"]) for b in _paras(content[1]))))
                else:
                    walk(content[1])
            elif kind in ("Para", "Plain"):
                line = normalize(text(content))
                match = _NUMBERED.match(line)
                if match:
                    result.paragraphs[int(match.group(1))] = match.group(2)

    walk(ast["blocks"])
    return result


def _paras(blocks):
    for block in blocks:
        if block["t"] in ("Para", "Plain"):
            yield block
        elif block["t"] == "Div":
            yield from _paras(block["c"][1])
