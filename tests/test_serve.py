"""``reportgen serve``, run as a real process and asked with a real HTTP client."""

from __future__ import annotations

import html
import http.client
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import write

BLOCK = "content/blocks/introduction/introduction-approach.yml"


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def _raw_get(url: str, path: str) -> int:
    """The status of a request for ``path`` exactly as written (urllib would tidy it)."""
    connection = http.client.HTTPConnection(url.split("/")[2], timeout=30)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


def _until(check, seconds: float = 60.0):
    """Poll ``check`` until it returns something true; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"nothing after {seconds} s")


def _sockets(pid: int) -> int:
    """How many sockets the process ``pid`` holds open (Linux: from /proc)."""
    count = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            count += os.readlink(fd).startswith("socket:")
        except FileNotFoundError:  # closed meanwhile
            continue
    return count


def _start(workspace, *options: str) -> tuple[subprocess.Popen, str]:
    """Start ``reportgen serve`` on a free port; returns the process and its URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "serve", "--period", "2020-2022", "--port", "0",
         "--root", str(workspace), *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = process.stdout.readline()
    match = re.match(r"^Serving 2020-2022 at (http://127\.0\.0\.1:\d+/) \(Ctrl\+C to stop\)$",
                     first.strip())
    if not match:
        process.kill()
        pytest.fail(f"unexpected first line {first!r}; stderr: {process.communicate()[1]}")
    return process, match.group(1)


def _stop(process: subprocess.Popen) -> tuple[str, str]:
    """Ctrl+C, as a terminal sends it; returns what the process wrote."""
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "Traceback" not in err and "Traceback" not in out
    return out, err


@pytest.fixture
def served():
    """Starts servers and kills whatever is still running at the end of the test."""
    processes: list[subprocess.Popen] = []

    def start(workspace, *options: str) -> tuple[subprocess.Popen, str]:
        process, url = _start(workspace, *options)
        processes.append(process)
        return process, url

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


@pytest.fixture
def server(served, workspace):
    process, url = served(workspace)
    return process, url, workspace


def _version(url: str, page: str = "report") -> int:
    return int(_get(url + f"__reportgen/version?page={page}")[2])


def _document(url: str, page: str = "report.html") -> str:
    status, kind, body = _get(url + page)
    assert status == 200 and kind == "text/html; charset=utf-8"
    return body.decode("utf-8")


@pytest.mark.slow
def test_serve_previews_rebuilds_shows_errors_and_stops(server):
    process, url, workspace = server
    page = _until(lambda: "I. Introduction" in (text := _document(url)) and text)
    assert 'id="para-3"' in page and "Through its global and regional programmes" in page
    assert "fetch(\"/__reportgen/version?page=report\"" in page and "location.reload()" in page

    # the PDF follows the HTML; the bar links to it once it is ready
    _until(lambda: 'href="/report.pdf"' in _document(url))
    assert '<a href="/" style="color:#fff">All documents</a>' in _document(url)
    status, kind, pdf = _get(url + "report.pdf")
    assert status == 200 and kind == "application/pdf" and pdf.startswith(b"%PDF-")

    # a change to a block is rebuilt and served; the page reloads once, not again for the PDF
    before = _version(url)
    block = workspace / BLOCK
    block.write_text(block.read_text(encoding="utf-8").replace(
        "Through its global and regional programmes", "Through its many programmes"), encoding="utf-8")
    _until(lambda: _version(url) > before)
    _until(lambda: "Through its many programmes" in _document(url))
    _until(lambda: _get(url + "report.pdf")[2] != pdf)
    assert _version(url) == before + 1

    # a broken file shows its error in the page, and the server keeps running
    write(block, "id: introduction-approach\nplace: introduction\ntext: [unclosed\n")
    broken = _until(lambda: "could not be built" in (text := _document(url)) and text)
    assert re.search(rf"<li>{re.escape(BLOCK)}:3: error: [^<]+</li>", broken), broken
    assert "location.reload()" in broken
    assert process.poll() is None

    # fixing it brings the document back
    write(block, "id: introduction-approach\nplace: introduction\nperiod: 2020-2022\norder: 30\n"
                 "text: |\n  Fixed again.\n")
    _until(lambda: "Fixed again." in _document(url))

    # only the known names are served
    assert _get(url + "nothing-here")[0] == 404
    assert _get(url + "..%2f..%2fetc%2fpasswd")[0] == 404
    assert _get(url + "content/" + BLOCK)[0] == 404
    assert _raw_get(url, "/../content/series.yml") == 404
    assert _raw_get(url, "/report.pdf/../../content/series.yml") == 404

    out, err = _stop(process)
    assert out.rstrip().endswith("Stopped.")
    assert f"{BLOCK}:3: error:" in err  # the terminal shows the error lines too


@pytest.mark.slow
def test_serve_quiet_shows_a_broken_store_and_its_errors(served, workspace):
    write(workspace / BLOCK, "id: introduction-approach\nplace: introduction\ntext: [unclosed\n")
    process, url = served(workspace, "--quiet")
    page = _until(lambda: "could not be built" in (text := _document(url)) and text)
    assert f"<li>{BLOCK}:3: error: " in page and "location.reload()" in page
    assert _get(url + "report.pdf")[0] == 503
    out, err = _stop(process)
    assert out.strip() == ""  # after the first line, --quiet leaves only errors, on stderr
    assert err.startswith(f"{BLOCK}:3: error: ")


@pytest.mark.slow
def test_serve_refuses_a_port_in_use(server):
    _, url, workspace = server
    port = url.rstrip("/").rsplit(":", 1)[1]
    result = subprocess.run([sys.executable, "-m", "reportgen", "serve", "--port", port,
                             "--root", str(workspace)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"reportgen: port {port} on 127.0.0.1 is taken by another program (another "
        "preview?); choose another with --port, or --port 0 for any free one")


DOCUMENTS_2020_2022 = [
    ("report", "Activities of the United Nations Office on Drugs and Crime to promote and support"),
    ("brief", "Countering the smuggling of migrants: UNODC\u2019s work, July 2020 to July 2022"),
    ("press-release-2021-12-08-ccpcj-thematic-discussion-2021",
     "Migrant Smuggling on the United Nations Intergovernmental Agenda"),
    ("statement-2021-05-17-un-network-ccpcj-2021", "Countering Criminals, Protecting Migrants"),
    ("statement-2022-06-27-wg-ninth-meeting-opening-2022",
     "Secretariat Opening Statement of the 9th Session of the Working Group on Migrant Smuggling"),
]
RELEASE = "content/documents/ccpcj-thematic-discussion-2021.yml"
RELEASE_PAGE = "press-release-2021-12-08-ccpcj-thematic-discussion-2021"


@pytest.mark.slow
def test_serve_previews_every_document_of_the_period(server):
    process, url, workspace = server
    index = _until(lambda: "PDF</a>" in (text := _document(url, "")) and
                   "Laying out" not in text and text)
    links = re.findall(r'<li><a href="/([a-z0-9-]+)\.html">([^<]+)</a> · <a href="/\1\.pdf">PDF</a>',
                       index)
    assert [name for name, _ in links] == [name for name, _ in DOCUMENTS_2020_2022]
    for (name, title), (_, shown) in zip(DOCUMENTS_2020_2022, links, strict=True):
        assert html.unescape(shown).startswith(title), (name, shown)
        page = _document(url, f"{name}.html")
        assert f'fetch("/__reportgen/version?page={name}"' in page
        status, kind, pdf = _get(url + f"{name}.pdf")
        assert status == 200 and kind == "application/pdf" and pdf.startswith(b"%PDF-")

    # an edited press release is rebuilt; its page reloads, the report's does not
    report, release = _version(url), _version(url, RELEASE_PAGE)
    source = workspace / RELEASE
    source.write_text(source.read_text(encoding="utf-8").replace(
        "held its annual\n  thematic discussion", "held its yearly\n  thematic discussion"),
        encoding="utf-8")
    _until(lambda: "held its yearly" in _document(url, f"{RELEASE_PAGE}.html"))
    _until(lambda: "Laying out" not in _document(url, ""))
    assert _version(url, RELEASE_PAGE) == release + 1 and _version(url) == report

    # a re-dated release gets a new page; the old one is gone
    source.write_text(source.read_text(encoding="utf-8").replace("date: 2021-12-08", "date: 2021-12-09"),
                      encoding="utf-8")
    moved = RELEASE_PAGE.replace("12-08", "12-09")
    _until(lambda: f'href="/{moved}.html"' in _document(url, ""))
    assert _get(url + f"{RELEASE_PAGE}.html")[0] == 404
    assert _version(url, RELEASE_PAGE) == release + 2  # an open page reloads, to its 404
    _stop(process)


@pytest.mark.slow
def test_a_file_saved_during_the_first_build_is_rebuilt(served, workspace):
    process, url = served(workspace)
    # the first build has made the HTML and is laying out the PDFs when the file is saved
    _until(lambda: "Laying out the PDFs" in _document(url, ""), seconds=120)
    block = workspace / BLOCK
    block.write_text(block.read_text(encoding="utf-8").replace(
        "Through its global and regional programmes", "Saved during the first build"),
        encoding="utf-8")
    _until(lambda: "Saved during the first build" in _document(url))
    _stop(process)


def _preview_folders(tmp):
    return sorted(p.name for p in tmp.iterdir())


@pytest.mark.slow
@pytest.mark.parametrize("when", ["idle", "building"])
def test_sigterm_stops_serve_and_removes_its_temporary_folders(workspace, tmp_path, when):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**__import__("os").environ, "TMPDIR": str(tmp)}
    process = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "serve", "--period", "2020-2022", "--port", "0",
         "--root", str(workspace)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env)
    try:
        url = re.search(r"http://\S+/", process.stdout.readline()).group(0)
        assert _preview_folders(tmp) != []
        if when == "idle":
            _until(lambda: "PDF</a>" in (text := _document(url, "")) and "Laying out" not in text)
        else:
            _until(lambda: "Laying out the PDFs" in _document(url, ""), seconds=120)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert "Traceback" not in err and out.rstrip().endswith("Stopped.")
    assert _preview_folders(tmp) == []


def _reset(url: str, sent: bytes) -> None:
    """Connect, send ``sent`` and drop the connection with a reset (no orderly close)."""
    import socket
    import struct

    host, port = url.split("/")[2].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(sent)
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


@pytest.mark.slow
@pytest.mark.parametrize("options", [(), ("--verbose",)])
def test_a_reset_connection_is_one_line_or_nothing(served, workspace, options):
    process, url = served(workspace, *options)
    _until(lambda: "I. Introduction" in _document(url))
    _until(lambda: _sockets(process.pid) == 1)  # only the listening socket
    for _ in range(3):
        _reset(url, b"GET /report.html HT")
    # each connection's socket is closed once its handler has said what it had to say
    _until(lambda: _sockets(process.pid) == 1)
    assert _get(url + "report.html")[0] == 200  # the server still answers
    out, err = _stop(process)
    resets = [line for line in (out + err).splitlines() if "connection" in line.lower()]
    if options:
        assert resets == ["127.0.0.1 closed the connection (Connection reset by peer)"] * 3
    else:
        assert resets == []


@pytest.mark.slow
def test_a_build_leaves_nothing_in_the_temporary_folder(workspace, tmp_path):
    """WeasyPrint's folders of fonts too, in worker processes and in this one."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**__import__("os").environ, "TMPDIR": str(tmp)}
    for jobs in ("1", "2"):
        subprocess.run([sys.executable, "-m", "reportgen", "build", "--root", str(workspace),
                        "--period", "2020-2022", "--format", "pdf", "--force", "--jobs", jobs,
                        "--kind", "report", "--kind", "brief", "-q"], env=env, check=True,
                       capture_output=True)
        assert _preview_folders(tmp) == []
