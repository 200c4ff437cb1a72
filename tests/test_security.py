"""Untrusted content: text cannot put HTML or script into any output, cannot run template
code, and the PDF renderer reads nothing but data: URLs and files of the templates."""

from __future__ import annotations

import socket
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import write
from markdown_it import MarkdownIt

from reportgen.typography import as_typed

NEW = "content/blocks/introduction/hostile.yml"

#: hostile text as a writer may put it: raw HTML is refused (RAW_HTML below), so here every
#: tag is escaped ('\<'), printed as the characters written and never an element
HOSTILE_TEXT = """\
text: |
  Before \\<script>alert(1)\\</script> and \\<img src=x onerror=alert(2)> and
  [click](javascript:alert(3)) and [again](JaVaScRiPt:alert(4)) and
  <javascript:alert(5)> and [data](data:text/html;base64,PHNjcmlwdD4=) and
  [vb](vbscript:msgbox(6)) and {{ fact.hostile }}.[^n]

  Escaped \\![x](http://host/p.png), encoded &#33;[y](http://host/q.png) and
  &#60;b&#62;bold&#60;/b&#62; and \\&amp;lt;i&amp;gt; and [z](<http://host/)z>).[^m]

  \\# Not a heading, ~~not struck~~

  \\<div onclick="alert(7)">a raw HTML block\\</div>

  \\<script>alert(8)\\</script>
footnotes:
  n: \\<iframe src="javascript:alert(9)">\\</iframe> [note](javascript:alert(10)) \\<b onmouseover=alert(11)>b\\</b>
  m: Ibid.
"""

#: raw HTML where content is Markdown (a block's text, a footnote): refused by name, with
#: the line it stands on, and nothing built
RAW_HTML = [
    ("text: |\n  Before <script>alert(1)</script> and more.\n", 6, "raw HTML '<script>'"),
    ("text: |\n  One <img src=x onerror=alert(2)> image.\n", 6, "raw HTML '<img src=x onerror=alert(2)>'"),
    ("text: |\n  A paragraph.\n\n  <div onclick=\"alert(7)\">a raw HTML block</div>\n", 8,
     "raw HTML '<div onclick=\"alert(7)\">'"),
    ("text: |\n  A call.[^n]\nfootnotes:\n  n: <iframe src=\"javascript:alert(9)\"></iframe>\n",
     8, "footnote 'n': raw HTML '<iframe src=\"javascript:alert(9)\">'"),
]


#: a fact's value is spliced into the text that quotes it, as Markdown: its raw HTML is
#: refused as the text's would be, so the tag here is escaped too
HOSTILE_FACT = """
hostile:
  label: <svg onload=alert(12)>
  source: a web page
  values:
    - {value: "\\\\<img src=y onerror=alert(13)> [x](javascript:alert(14))", as_of: 2021}
"""


class _Collector(HTMLParser):
    """Every tag, attribute and text run of an HTML document."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def _collect(html: str) -> _Collector:
    parser = _Collector()
    parser.feed(html)
    return parser


def assert_no_active_html(html: str, allowed_tags: set[str]) -> _Collector:
    """Only the elements the templates make; no event handler; no link but web or local."""
    found = _collect(html)
    for tag, attrs in found.tags:
        assert tag in allowed_tags, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, value)
            if name in {"href", "src", "action", "formaction"}:
                assert (value or "").startswith(("https://", "http://", "#", "mailto:")), (tag, value)
    return found


@pytest.fixture
def hostile(workspace) -> Path:
    """The workspace with a block, a footnote, a fact and a heading written to attack."""
    write(workspace / NEW, "id: hostile\nplace: introduction\nperiod: 2020-2022\norder: 99\n"
          + HOSTILE_TEXT)
    with open(workspace / "content/facts.yml", "a", encoding="utf-8") as facts:
        facts.write(HOSTILE_FACT)
    outline = workspace / "content/outline.yml"
    outline.write_text(outline.read_text(encoding="utf-8").replace(
        "title: Introduction", 'title: "Introduction <script>alert(15)</script>"', 1),
        encoding="utf-8")
    series = workspace / "content/series.yml"
    series.write_text(series.read_text(encoding="utf-8").replace(
        "subtitle: Report of the Secretariat",
        "subtitle: Report <img src=z onerror=alert(16)>"), encoding="utf-8")
    return workspace


@pytest.fixture
def hostile_built(hostile, run) -> Path:
    result = run("build", "--root", str(hostile), "--period", "2020-2022",
                 "--format", "md", "--format", "html")
    assert result.exit_code == 0, result.output
    return hostile / "build/2020-2022"


@pytest.fixture(scope="module")
def template_tags(built) -> set[str]:
    """The elements the shipped templates and plain content produce."""
    html = (built / "2020-2022/report.html").read_text(encoding="utf-8")
    return {tag for tag, _ in _collect(html).tags}


@pytest.mark.slow
def test_html_output_holds_hostile_text_as_text(hostile_built, template_tags):
    html = (hostile_built / "report.html").read_text(encoding="utf-8")
    assert not template_tags & {"script", "iframe", "img", "svg", "b", "object", "embed"}
    found = assert_no_active_html(html, template_tags)
    # what was written is still there for a reader to see, as text (its quotation marks
    # typeset as any text's are: reportgen.typography)
    text = as_typed(" ".join(found.text))
    for visible in ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>",
                    "[click](javascript:alert(3))", '<div onclick="alert(7)">',
                    "<script>alert(8)</script>", "<img src=y onerror=alert(13)>",
                    "Introduction <script>alert(15)</script>", "Report <img src=z onerror=alert(16)>",
                    '<iframe src="javascript:alert(9)"></iframe>'):
        assert visible in text, visible
    assert "javascript:" not in "".join(v or "" for _, attrs in found.tags for _, v in attrs)


@pytest.mark.slow
@pytest.mark.parametrize("text, line, refused", RAW_HTML, ids=["script", "img", "div-block", "footnote"])
def test_raw_html_in_text_is_refused_by_name(workspace, run, text, line, refused):
    """Raw HTML in a block's text or a footnote is an error naming the tag, not an element
    that the outputs would have to neutralise; nothing is built."""
    write(workspace / NEW, "id: hostile\nplace: introduction\nperiod: 2020-2022\norder: 99\n" + text)
    result = run("build", "--root", str(workspace), "--period", "2020-2022", "--format", "md")
    assert result.exit_code == 1
    assert result.output == (
        f"{NEW}:{line}: error: {refused} is not allowed in text; write plain text and "
        "Markdown (a blank line starts a new paragraph), or write '\\<' to print '<'\n")
    assert not (workspace / "build").exists()


def test_fact_values_are_never_expanded(workspace, run):
    """A fact's value is printed as it stands, so '{{' in it is refused, not expanded."""
    with open(workspace / "content/facts.yml", "a", encoding="utf-8") as facts:
        facts.write("\nsum:\n  label: l\n  source: s\n  values:\n"
                    '    - {value: "{{ 7 + 7 }}", as_of: 2021}\n')
    lines = (workspace / "content/facts.yml").read_text(encoding="utf-8").splitlines()
    result = run("build", "--root", str(workspace), "--period", "2020-2022", "--format", "md")
    assert result.exit_code == 1
    assert result.output == (
        f"content/facts.yml:{len(lines)}: error: sum.values.1.value: variables such as "
        "{{ fact.NAME }} are not expanded in this field; write the text itself\n")
    assert not (workspace / "build").exists()


@pytest.mark.slow
def test_markdown_output_stays_inert_when_rendered(hostile_built):
    """A Markdown viewer that allows raw HTML still gets no element or script from content."""
    markdown = (hostile_built / "report.md").read_text(encoding="utf-8")
    html = MarkdownIt("commonmark", {"html": True}).render(markdown)
    found = assert_no_active_html(html, {"p", "h1", "h2", "h3", "h4", "h5", "strong", "em",
                                         "a", "ol", "ul", "li", "hr", "br"})
    assert "<script>alert(1)</script>" in " ".join(found.text)


@pytest.mark.slow
def test_markdown_output_reads_back_as_written(hostile_built):
    """Escaped or encoded image syntax stays text, a link keeps its exact target, and a
    one-word footnote does not become a link definition for its calls."""
    from test_properties import check_markdown_is_inert

    markdown = (hostile_built / "report.md").read_text(encoding="utf-8")
    check_markdown_is_inert(markdown, (hostile_built / "report.html").read_text(encoding="utf-8"))
    html = MarkdownIt("commonmark", {"html": True}).render(markdown)
    found = _collect(html)
    assert not {tag for tag, _ in found.tags} & {"img", "del", "s", "pre", "code"}
    links = [dict(attrs)["href"] for tag, attrs in found.tags if tag == "a"]
    assert {"http://host/p.png", "http://host/q.png", "http://host/)z"} <= set(links)
    text = "".join(found.text)
    for visible in ("Escaped !x, encoded !y and <b>bold</b> and &amp;lt;i&gt;",
                    "# Not a heading, ~~not struck~~", "Ibid."):
        assert visible in text, visible


@pytest.mark.slow
def test_pdf_links_are_web_or_internal_only(hostile, run):
    import pypdf

    result = run("build", "--root", str(hostile), "--period", "2020-2022", "--format", "pdf")
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(hostile / "build/2020-2022/report.pdf")
    uris = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None:
                assert action.get("/S") in ("/URI", "/GoTo"), action
                if "/URI" in action:
                    uris.append(str(action["/URI"]))
    assert uris and all(u.startswith(("https://undocs.org/", "http://host/")) for u in uris), uris
    assert "/JavaScript" not in reader.trailer["/Root"].get("/Names", {})
    text = "".join(page.extract_text() for page in reader.pages)
    assert "alert(1)" in text  # the hostile text is printed, as text


# -- template code in content ----------------------------------------------------------

@pytest.mark.parametrize("written, message", [
    ("{{ ''.__class__ }}",
     "'{{ ''.__class__ }}' is not a variable (write {{ fact.NAME }}, {{ fact.NAME.as_of }}, "
     "{{ fact.NAME.at(\"YYYY-MM\") }} or {{ period.NAME }})"),
    ("{{ fact.parties.__class__.__mro__ }}",
     "'{{ fact.parties.__class__.__mro__ }}' is not a variable (write {{ fact.NAME }}, "
     "{{ fact.NAME.as_of }}, {{ fact.NAME.at(\"YYYY-MM\") }} or {{ period.NAME }})"),
    ("{{ fact.parties.__class__ }}",
     "fact.parties has no field '__class__' (use as_of, label, source, value, words)"),
    ("{{ period.period }}",
     "period has no field 'period' (use end_month, previous_session, session, session_number, "
     "start_month, venue, years)"),
    ("{{ cycler.__init__.__globals__ }}",
     "'{{ cycler.__init__.__globals__ }}' is not a variable (write {{ fact.NAME }}, "
     "{{ fact.NAME.as_of }}, {{ fact.NAME.at(\"YYYY-MM\") }} or {{ period.NAME }})"),
    ("{% set x = 1 %}",
     "'{%' is not allowed in text: content is not a template (only {{ fact.NAME }} and "
     "{{ period.NAME }} variables)"),
    ("{{ 'a' * 999999999 }}",
     "'{{ 'a' * 999999999 }}' is not a variable (write {{ fact.NAME }}, {{ fact.NAME.as_of }}, "
     "{{ fact.NAME.at(\"YYYY-MM\") }} or {{ period.NAME }})"),
])
@pytest.mark.slow
@pytest.mark.parametrize("where", ["text", "footnote"])
def test_template_code_in_content_is_refused(written, message, where, workspace, run):
    if where == "text":
        body = f"text: |\n  Some text {written} here.\n"
        line, prefix = 5, ""
    else:
        body = f"text: |\n  Some text.[^a]\nfootnotes:\n  a: A note {written}.\n"
        line, prefix = 7, "footnote 'a': "
    write(workspace / NEW, "id: hostile\nplace: introduction\nperiod: 2020-2022\n" + body)
    result = run("build", "--root", str(workspace), "--period", "2020-2022", "--format", "md")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"{NEW}:{line}: error: {prefix}{message}"]
    assert not (workspace / "build").exists()


@pytest.mark.parametrize("text, expanded", [
    ("{{ fact.parties }} Parties", "1,234 Parties"),
    ("{{fact.parties.value}}", "1234"),
    ("{{ fact.parties.as_of }}", "15 May 2024"),
    ("{{ fact.parties.label }} ({{ fact.parties.source }})", "Parties (depositary)"),
    ("{{ fact.parties.at(\"2023\") }} then {{ fact.parties }}", "151 then 1,234"),
    ("{{ fact.parties.at('2023-12').as_of }}", "20 October 2023"),
    ("{{ fact.missions | words }}; {{ fact.parties | words }}", "seven; 1,234"),
    ("{{ fact.missions.words }}, {{ fact.missions.value | words }}", "seven, seven"),
    ("{{ period.years }}: {{ period.session }} session at {{ period.venue }}",
     "2020\u20132024: eleventh session at [venue]"),
    ("{{ period.session_number }}, {{ period.start_month }}\n", "11, July 2020\n"),
    ("a }} b {{ period.years }} }}", "a }} b 2020\u20132024 }}"),
    ("{{ fact.quote }} and {{ fact.named.value }}", "3 and 4"),  # facts named like methods
])
def test_variables_are_looked_up_by_name(text, expanded):
    """A variable is a fact or period field looked up by name, never code run: the
    forms the grammar allows, and the text around them kept as written."""
    from reportgen.content.models import Fact, Period
    from reportgen.content.variables import TextExpander

    period = Period.model_validate({"start": "2020-07-01", "end": "2024-07-31", "session": 11})
    parties = Fact.model_validate({"label": "Parties", "source": "depositary", "values": [
        {"value": 151, "as_of": "2023-10-20"}, {"value": 1234, "as_of": "2024-05-15"}]})
    missions = Fact.model_validate({"label": "Missions", "source": "s",
                                    "values": [{"value": 7, "as_of": "2021"}]})
    like_methods = {name: Fact.model_validate({"label": name, "source": "s", "values": [
        {"value": value, "as_of": "2021"}]}) for name, value in (("quote", 3), ("named", 4))}
    expander = TextExpander({"parties": parties, "missions": missions, **like_methods},
                            "2020-2022", period)
    assert expander.expand(text) == expanded


# -- what the PDF renderer may fetch ----------------------------------------------------

def _png(pixel: bytes = b"\xff\x00\x00") -> bytes:
    """A 1x1 PNG (red unless told), made here so the test needs no image file."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" + pixel)) + chunk(b"IEND", b""))


@pytest.fixture
def listener():
    """A loopback socket that records whether anything tried to connect to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.setblocking(False)
    yield server
    server.close()


def _connections(server: socket.socket) -> int:
    count = 0
    while True:
        try:
            conn, _ = server.accept()
        except BlockingIOError:
            return count
        conn.close()
        count += 1


@pytest.fixture
def fetching(workspace, listener, tmp_path) -> Path:
    """A workspace whose template asks the renderer for files and URLs it must not read."""
    port = listener.getsockname()[1]
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-OUTSIDE-THE-TEMPLATES\n", encoding="utf-8")
    (tmp_path / "outside.png").write_bytes(_png(b"\x00\xff\x00"))
    templates = workspace / "templates"
    (templates / "allowed.png").write_bytes(_png())
    (templates / "notes.txt").write_text("an allowed attachment\n", encoding="utf-8")
    (templates / "linked.txt").symlink_to(secret)
    write(templates / "report.html.j2", f"""\
{{% extends "!builtin/report.html.j2" %}}
{{% block extra_css %}}
body {{ background: url(file://{secret}); }}
.masthead {{ background-image: url("http://127.0.0.1:{port}/css.png"); }}
</style>
<link rel="attachment" href="file:///etc/passwd" title="passwd">
<link rel="attachment" href="notes.txt" title="notes">
<link rel="attachment" href="linked.txt" title="linked">
<link rel="stylesheet" href="http://127.0.0.1:{port}/style.css">
<style>
{{% endblock %}}
{{% block body %}}{{{{ super() }}}}
<img src="allowed.png" alt="allowed">
<img src="file:///etc/passwd" alt="passwd">
<img src="file://{tmp_path}/outside.png" alt="a real image outside the templates">
<img src="http://127.0.0.1:{port}/image.png" alt="web">
<img src="../../../../../../../../etc/hostname" alt="climbing out">
<a rel="attachment" href="file://{secret}">secret</a>
{{% endblock %}}
""")
    return workspace


@pytest.mark.slow
def test_pdf_renderer_fetches_only_template_files(fetching, listener, tmp_path):
    import pypdf

    from reportgen.build import build

    result = build(fetching, ["2020-2022"], formats=("pdf",), out=tmp_path / "out")
    pdf_path = tmp_path / "out/2020-2022/report.pdf"
    reader = pypdf.PdfReader(pdf_path)

    # only the attachment inside the templates folder is embedded
    assert dict(reader.attachments) == {"notes.txt": [b"an allowed attachment\n"]}
    # the allowed image is drawn; nothing else is (pages may share one resource list)
    images = {img.name for page in reader.pages for img in page.images}
    assert len(images) == 1
    raw = pdf_path.read_bytes()
    assert b"SECRET-OUTSIDE" not in raw and b"root:x:0" not in raw
    # nothing was asked of the network
    assert _connections(listener) == 0

    refused = [w.message for w in result.warnings if "refused to fetch" in w.message]
    port = listener.getsockname()[1]
    for url in ("file:///etc/passwd", f"file://{tmp_path}/secret.txt", f"file://{tmp_path}/outside.png",
                f"http://127.0.0.1:{port}/image.png", f"http://127.0.0.1:{port}/css.png",
                f"http://127.0.0.1:{port}/style.css", "file:///etc/hostname",
                f"file://{fetching}/templates/linked.txt"):
        assert any(url in message for message in refused), url


@pytest.mark.slow
def test_refused_fetches_fail_a_strict_build(fetching, tmp_path, run):
    result = run("build", "--root", str(fetching), "--period", "2020-2022", "--format", "pdf",
                 "--strict", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "refused to fetch file:///etc/passwd: outside the template folders (--strict)" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://127.0.0.1:9/x.png",
    "https://example.org/x.png",
    "ftp://example.org/x",
    "FILE:///etc/passwd",
    "file://localhost/etc/passwd",
    "{templates}/../../secret.txt",
])
def test_the_fetcher_refuses(url, tmp_path):
    from reportgen.formats.pdf import _fetcher_class

    templates = tmp_path / "a/b/templates"
    templates.mkdir(parents=True)
    (tmp_path / "a/secret.txt").write_text("secret", encoding="utf-8")
    fetcher = _fetcher_class()([templates])
    with pytest.raises(ValueError, match="refused to fetch"):
        fetcher.fetch(url.replace("{templates}", f"file://{templates}"))


def test_the_fetcher_serves_template_files_and_data(tmp_path):
    from reportgen.formats.pdf import _fetcher_class

    (tmp_path / "logo.png").write_bytes(_png())
    fetcher = _fetcher_class()([tmp_path])
    response = fetcher.fetch(f"file://{tmp_path}/logo.png")
    assert response.read() == _png()
    assert response.content_type == "image/png"
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


# -- where outputs may go ---------------------------------------------------------------

@pytest.mark.parametrize("period, name", [
    ("../escape", "report.md"), ("2020-2022", "../report.md"), ("2020-2022", "sub/report.md"),
    ("..", "report.md"), ("/tmp", "report.md"),
])
def test_outputs_are_written_only_inside_the_period_folder(period, name, tmp_path):
    from reportgen.errors import OutputError
    from reportgen.output import write_period

    out = tmp_path / "deep/build"
    with pytest.raises(OutputError, match="is not a plain file name"):
        write_period(out, period, {name: b"x"})
    assert not (tmp_path / "deep").exists()


def test_a_period_folder_holding_folders_is_not_replaced(tmp_path):
    from reportgen.errors import OutputError
    from reportgen.output import write_period

    keep = write(tmp_path / "2020-2022/photos/holiday.txt", "mine")
    with pytest.raises(OutputError, match="holds folders"):
        write_period(tmp_path, "2020-2022", {"report.md": b"x"})
    assert keep.read_text(encoding="utf-8") == "mine"


def test_a_link_in_place_of_the_period_folder_is_not_followed(tmp_path):
    from reportgen.errors import OutputError
    from reportgen.output import write_period

    elsewhere = tmp_path / "elsewhere"
    write(elsewhere / "mine.txt", "mine")
    (tmp_path / "build").mkdir()
    (tmp_path / "build/2020-2022").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="is not a folder of outputs"):
        write_period(tmp_path / "build", "2020-2022", {"report.md": b"x"})
    assert sorted(p.name for p in elsewhere.iterdir()) == ["mine.txt"]
