"""``reportgen serve``, run as a real process and asked with a real HTTP client."""

from __future__ import annotations

import http.client
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

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


def _version(url: str) -> int:
    return int(_get(url + "__reportgen/version")[2])


def _document(url: str) -> str:
    status, kind, body = _get(url)
    assert status == 200 and kind == "text/html; charset=utf-8"
    return body.decode("utf-8")


def test_serve_previews_rebuilds_shows_errors_and_stops(server):
    process, url, workspace = server
    page = _until(lambda: "I. Introduction" in (text := _document(url)) and text)
    assert 'id="para-3"' in page and "Through its global and regional programmes" in page
    assert "fetch(\"/__reportgen/version\"" in page and "location.reload()" in page

    # the PDF follows the HTML; the bar links to it once it is ready
    _until(lambda: 'href="/report.pdf"' in _document(url))
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


def test_serve_quiet_shows_a_broken_store_and_its_errors(served, workspace):
    write(workspace / BLOCK, "id: introduction-approach\nplace: introduction\ntext: [unclosed\n")
    process, url = served(workspace, "--quiet")
    page = _until(lambda: "could not be built" in (text := _document(url)) and text)
    assert f"<li>{BLOCK}:3: error: " in page and "location.reload()" in page
    assert _get(url + "report.pdf")[0] == 503
    out, err = _stop(process)
    assert out.strip() == ""  # after the first line, --quiet leaves only errors, on stderr
    assert err.startswith(f"{BLOCK}:3: error: ")


def test_serve_refuses_a_port_in_use(server):
    _, url, workspace = server
    port = url.rstrip("/").rsplit(":", 1)[1]
    result = subprocess.run([sys.executable, "-m", "reportgen", "serve", "--port", port,
                             "--root", str(workspace)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert result.stderr.strip() == f"reportgen: cannot serve on 127.0.0.1:{port}: Address already in use"
