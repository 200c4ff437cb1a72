"""``reportgen serve``, run as a real process and asked with a real HTTP client."""

from __future__ import annotations

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


def _until(check, seconds: float = 60.0):
    """Poll ``check`` until it returns something true; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"nothing after {seconds} s")


@pytest.fixture
def server(workspace):
    process = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "serve", "--period", "2020-2022", "--port", "0",
         "--root", str(workspace)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = process.stdout.readline()
        match = re.match(r"^Serving 2020-2022 at (http://127\.0\.0\.1:\d+/) \(Ctrl\+C to stop\)$",
                         first.strip())
        assert match, first
        yield process, match.group(1), workspace
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


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

    # a change to a block is rebuilt and served
    before = _version(url)
    block = workspace / BLOCK
    block.write_text(block.read_text(encoding="utf-8").replace(
        "Through its global and regional programmes", "Through its many programmes"), encoding="utf-8")
    _until(lambda: _version(url) > before)
    _until(lambda: "Through its many programmes" in _document(url))

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

    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "Traceback" not in err and "Traceback" not in out
    assert out.rstrip().endswith("Stopped.")


def test_serve_refuses_a_port_in_use(server):
    _, url, workspace = server
    port = url.rstrip("/").rsplit(":", 1)[1]
    result = subprocess.run([sys.executable, "-m", "reportgen", "serve", "--port", port,
                             "--root", str(workspace)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert result.stderr.strip() == f"reportgen: cannot serve on 127.0.0.1:{port}: Address already in use"
