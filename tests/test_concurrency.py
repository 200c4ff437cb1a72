"""Builds into the same output folder at the same time take turns: none loses, mixes or
removes another's outputs, and each ends with a complete folder."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import subprocess
import sys
import time
from pathlib import Path

import pytest

PERIOD = "2020-2022"
NAMES = ("report.md", "report.html", "report.pdf", "brief.md")


def _writer(out: str, tag: int, rounds: int, failures) -> None:
    """One build's writing step, again and again; each round's files carry its tag."""
    from reportgen.errors import OutputError
    from reportgen.output import write_period

    for round_ in range(rounds):
        mark = f"{tag}.{round_}\n".encode()
        files = {name: mark * (2000 + 97 * tag) for name in NAMES}
        try:
            write_period(Path(out), PERIOD, files)
        except OutputError as exc:
            failures.put(f"writer {tag}, round {round_}: {exc.format_message()}")
            return


def _state(folder: Path) -> str | None:
    """The one tag every output in ``folder`` carries, or None for a mix or a gap (read
    when no build is writing: a reader may see a folder swapped under it)."""
    try:
        tags = {(folder / name).read_bytes().split(b"\n", 1)[0] for name in NAMES}
    except OSError:
        return None
    return tags.pop().decode() if len(tags) == 1 else None


@pytest.mark.slow
def test_four_writers_at_once_over_many_rounds(tmp_path):
    out = tmp_path / "build"
    # what a killed build leaves: its staging folder and the previous outputs set aside
    (out / f".staging-{PERIOD}-killed").mkdir(parents=True)
    (out / f".staging-{PERIOD}-killed/report.md").write_bytes(b"half")
    context = multiprocessing.get_context("fork")
    failures = context.Queue()
    writers = [context.Process(target=_writer, args=(str(out), tag, 20, failures))
               for tag in range(4)]
    started = time.monotonic()
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
        assert writer.exitcode == 0
    assert time.monotonic() - started < 120
    problems = []
    while not failures.empty():
        problems.append(failures.get())
    assert problems == []
    assert _state(out / PERIOD) is not None
    assert sorted(p.name for p in out.iterdir()) == [PERIOD]  # no staging, no lock left


def _reportgen() -> list[str]:
    script = Path(sys.executable).with_name("reportgen")
    return [str(script)] if script.exists() else [sys.executable, "-c",
                                                  "from reportgen.cli import main; main()"]


@pytest.mark.slow
def test_concurrent_forced_builds_all_succeed_and_leave_complete_outputs(workspace):
    out = workspace / "build"
    command = [*_reportgen(), "build", "--root", str(workspace), "--period", PERIOD,
               "--format", "md", "--format", "html", "--force", "--out", str(out)]
    for trial in range(3):
        builds = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True) for _ in range(4)]
        for build in builds:
            stdout, stderr = build.communicate(timeout=120)
            assert build.returncode == 0, (trial, stderr)
            assert "Traceback" not in stderr
        folder = out / PERIOD
        manifest = json.loads((folder / ".reportgen.json").read_text(encoding="utf-8"))
        names = sorted(manifest["outputs"])
        assert "report.md" in names and "report.html" in names and "brief.md" in names
        assert sorted(p.name for p in folder.iterdir()) == sorted([*names, ".reportgen.json"])
        for name in names:  # every output whole: the bytes the manifest recorded
            data = (folder / name).read_bytes()
            assert hashlib.sha256(data).hexdigest() == manifest["outputs"][name]["sha256"]
        assert sorted(p.name for p in out.iterdir()) == [PERIOD]


@pytest.mark.slow
def test_a_waiting_build_says_whom_it_waits_for(tmp_path):
    import fcntl
    import threading

    from reportgen.output import write_period

    out = tmp_path / "build"
    out.mkdir()
    lock = out / f".{PERIOD}.lock"
    lock.write_text("4242\n", encoding="ascii")
    heard: list[str] = []
    with open(lock, "rb") as held:  # another build, writing: it holds the lock 0.5 s more
        fcntl.flock(held, fcntl.LOCK_EX)
        started = time.monotonic()
        release = threading.Timer(0.5, lambda: fcntl.flock(held, fcntl.LOCK_UN))
        release.start()
        write_period(out, PERIOD, {"report.md": b"x\n"}, heard.append)
        waited = time.monotonic() - started
        release.join()
    assert waited >= 0.45
    assert heard == [f"{out / PERIOD}: waiting for the build with process id 4242, "
                     "which is writing there"]
    assert (out / PERIOD / "report.md").read_bytes() == b"x\n"


@pytest.mark.parametrize("kind", ["link", "fifo"])
def test_a_lock_file_that_is_not_a_plain_file_is_refused(tmp_path, kind):
    import os

    from reportgen.errors import OutputError
    from reportgen.output import write_period

    out = tmp_path / "build"
    out.mkdir()
    lock = out / f".{PERIOD}.lock"
    if kind == "link":
        lock.symlink_to(tmp_path / "elsewhere")
    else:
        os.mkfifo(lock)
    with pytest.raises(OutputError) as caught:
        write_period(out, PERIOD, {"report.md": b"x"})
    assert caught.value.format_message().startswith(f"{lock}: error: the lock file is ")
    assert not (tmp_path / "elsewhere").exists()
    assert not (out / PERIOD).exists()
