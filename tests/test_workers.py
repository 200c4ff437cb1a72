"""The PDF worker processes: started early, and never outliving their build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reportgen.formats.workers import default_jobs


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists() or default_jobs() < 2,
                    reason="needs /proc and two cores (one core lays out in the build's process)")
@pytest.mark.slow
def test_a_build_killed_outright_leaves_no_worker_behind(workspace):
    build = subprocess.Popen(  # two PDFs: the pool starts before the content is read
        [sys.executable, "-m", "reportgen", "build", "--root", str(workspace), "--period",
         "2020-2022", "--format", "pdf", "--kind", "report", "--kind", "brief", "--force",
         "--jobs", "1", "-q"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while not workers and build.poll() is None and time.monotonic() < deadline:
        workers = _children(build.pid)  # the worker starts before the content is read
        time.sleep(0.05)
    assert workers, "no worker process was started"
    build.kill()
    build.wait(timeout=30)
    deadline = time.monotonic() + 20
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in workers if _running(pid)] == []


@pytest.mark.slow
@pytest.mark.skipif(default_jobs() < 2, reason="workers start early only with two CPUs or more")
def test_workers_stopped_early_end_without_a_word():
    """serve turns SIGTERM into KeyboardInterrupt; its workers inherit the handler and were
    stopped with SIGTERM while importing WeasyPrint, each printing a traceback."""
    script = (
        "import signal, time\n"
        "from reportgen.formats.pdf import workers\n"
        "def stop(signum, frame):\n"
        "    raise KeyboardInterrupt\n"
        "signal.signal(signal.SIGTERM, stop)\n"
        "with workers(None, True):\n"
        "    time.sleep(0.3)\n"
        "print('done')\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "done\n"
    assert result.stderr == ""


def _font_folders(tmp: Path) -> list[Path]:
    return [p for p in tmp.rglob("weasyprint-*") if p.is_dir()]


_IN_WORKERS = ("--kind", "report", "--kind", "brief")  # two PDFs: laid out in a worker pool
_IN_PROCESS = ("--kind", "report")  # one PDF: laid out in the build's own process


def _pdf_build(workspace: Path, kinds: tuple[str, ...]) -> list[str]:
    return [sys.executable, "-m", "reportgen", "build", "--root", str(workspace), "--period",
            "2020-2022", "--format", "pdf", *kinds, "--force", "--jobs", "1", "-q"]


@pytest.mark.slow
@pytest.mark.parametrize("kinds", [
    pytest.param(_IN_WORKERS, id="workers", marks=pytest.mark.skipif(
        default_jobs() < 2, reason="workers start early only with two CPUs or more")),
    pytest.param(_IN_PROCESS, id="in process")])
@pytest.mark.parametrize("how", ["SIGKILL to the build", "Ctrl+C to the terminal's group",
                                 "SIGTERM to the whole group"])
def test_a_stopped_build_leaves_no_temporary_fonts(workspace, tmp_path, how, kinds):
    """WeasyPrint keeps a layout's fonts in a temporary folder that only a process ending
    normally removes: every interrupted build left one (1.5 MB) behind.  A build killed
    outright while laying out in its own process can remove nothing: the next build
    removes what it left."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    build = subprocess.Popen(
        _pdf_build(workspace, kinds),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        env={**os.environ, "TMPDIR": str(tmp)})
    deadline = time.monotonic() + 120
    while not _font_folders(tmp) and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _font_folders(tmp), "the layout made no font folder"
    workers = _children(build.pid)
    if how == "SIGKILL to the build":
        build.kill()
    elif how == "SIGTERM to the whole group":
        os.killpg(build.pid, signal.SIGTERM)
    else:
        os.killpg(build.pid, signal.SIGINT)
    build.wait(timeout=60)
    deadline = time.monotonic() + 20
    while (any(_running(pid) for pid in workers) or list(tmp.iterdir())) \
            and time.monotonic() < deadline:
        time.sleep(0.1)
    if how == "SIGKILL to the build" and kinds == _IN_PROCESS:
        [left] = tmp.iterdir()
        assert left.name.startswith(f"reportgen-pdf-{build.pid}-")
        after = subprocess.run(_pdf_build(workspace, _IN_PROCESS),
                               capture_output=True, text=True, timeout=300,
                               env={**os.environ, "TMPDIR": str(tmp)})
        assert after.returncode == 0, after.stderr
    assert list(tmp.iterdir()) == []


@pytest.mark.skipif(default_jobs() < 2, reason="workers start early only with two CPUs or more")
def test_a_pdf_is_laid_out_as_soon_as_it_is_sent(tmp_path):
    """A build sends each PDF to the workers when its HTML is made, and goes on making the
    next documents' texts: the layout is under way, here finished, before the build
    asks for the results."""
    from concurrent.futures import wait

    from reportgen.formats.pdf import PdfJob
    from reportgen.formats.pdf import workers as pdf_workers

    html = "<html lang='en'><body><p>Paragraph one.</p></body></html>"
    job = PdfJob("note.pdf", "2020-2022", html, tmp_path, (tmp_path,))
    with pdf_workers(1, True) as workers:
        workers.send(job)
        finished, _ = wait(workers._futures, timeout=120)  # nothing has asked for it yet
        assert len(finished) == 1
        [result] = workers.results()
    assert result.job == job and result.pdf.startswith(b"%PDF-")


@pytest.mark.slow
@pytest.mark.skipif(default_jobs() < 2, reason="workers start early only with two CPUs or more")
def test_a_background_build_that_ignores_ctrl_c_is_not_stopped_by_it(workspace, tmp_path):
    """A shell starts a background job with SIGINT ignored; its workers installed their
    own handler, died at the terminal's Ctrl+C and broke the pool with a traceback."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    build = subprocess.Popen(
        _pdf_build(workspace, _IN_WORKERS),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, text=True,
        env={**os.environ, "TMPDIR": str(tmp)},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    deadline = time.monotonic() + 120
    while not _font_folders(tmp) and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _font_folders(tmp), "the layout made no font folder"
    os.killpg(build.pid, signal.SIGINT)
    out, err = build.communicate(timeout=300)
    assert build.returncode == 0, err
    assert "Traceback" not in err and "BrokenProcessPool" not in err
    assert (workspace / "build/2020-2022/report.pdf").is_file()


@pytest.mark.parametrize(("periods", "kinds", "languages", "more"), [
    (None, ("report",), None, False),
    (["2020-2022"], ("report",), ("fr",), False),
    (["2020-2022"], ("brief",), None, False),
    (["2020-2022", "2022-2024"], ("report",), None, True),
    (None, ("report",), ("en", "fr"), True),
    (None, ("report", "brief"), None, True),
    (None, ("statement",), None, True),  # a period may have several statements
])
def test_a_pool_is_planned_only_for_more_than_one_pdf(periods, kinds, languages, more):
    from reportgen.build import _more_than_one_pdf

    assert _more_than_one_pdf(periods, kinds, languages) is more


@pytest.mark.slow
def test_one_pdf_is_laid_out_without_a_pool(workspace, monkeypatch):
    """Starting worker processes costs more than it saves when there is one PDF: the
    default build of one report lays it out in its own process."""
    from reportgen.build import build
    from reportgen.formats import workers

    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started for one PDF")

    monkeypatch.setattr(workers, "_Pool", no_pool)
    result = build(workspace, ["2020-2022"], formats=("pdf",), kinds=("report",))
    [document] = result.documents
    assert document.files["report.pdf"].startswith(b"%PDF-")
