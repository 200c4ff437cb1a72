"""A file in a period folder that reportgen did not write is left untouched by every
build: it gets a second name in the new folder, never a copy read through memory."""

from __future__ import annotations

import os

import pytest

from reportgen.errors import OutputError
from reportgen.output import write_period

PERIOD = "2022-2024"


def test_a_large_sparse_foreign_file_is_kept_as_it_is(tmp_path, monkeypatch):
    import reportgen.output as output

    write_period(tmp_path, PERIOD, {"report.md": b"old\n"})
    foreign = tmp_path / PERIOD / "minutes.bin"
    with open(foreign, "wb") as handle:
        handle.truncate(300 * 1024 * 1024)  # 300 MB of holes: no disk used
    before = os.stat(foreign)

    def refuse(*args, **kwargs):
        raise AssertionError("a kept file was read")

    monkeypatch.setattr(output.shutil, "copyfileobj", refuse)
    for _ in range(3):
        write_period(tmp_path, PERIOD, {"report.md": b"new\n"})
    after = os.stat(foreign)
    assert (after.st_ino, after.st_size, after.st_mtime_ns, after.st_nlink) == (
        before.st_ino, before.st_size, before.st_mtime_ns, 1)
    assert after.st_blocks == before.st_blocks  # still sparse: never written again
    assert (tmp_path / PERIOD / "report.md").read_bytes() == b"new\n"


def test_without_hard_links_a_kept_file_is_copied_in_pieces(tmp_path, monkeypatch):
    import errno

    import reportgen.output as output

    write_period(tmp_path, PERIOD, {"report.md": b"old\n"})
    foreign = tmp_path / PERIOD / "notes.txt"
    foreign.write_bytes(b"kept\n" * 100_000)
    os.utime(foreign, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))

    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(output.os, "link", no_links)
    write_period(tmp_path, PERIOD, {"report.md": b"new\n"})
    assert foreign.read_bytes() == b"kept\n" * 100_000
    assert foreign.stat().st_mtime_ns == 1_600_000_000_000_000_000


@pytest.mark.parametrize("make, reason", [
    ("symlink", "is a symbolic link; links are not followed"),
    ("hardlink", "has 2 names (a hard link)"),
    ("fifo", "is a named pipe (FIFO), not a file"),
])
def test_a_foreign_entry_that_is_not_a_plain_file_stops_the_build(tmp_path, make, reason):
    write_period(tmp_path, PERIOD, {"report.md": b"old\n"})
    odd = tmp_path / PERIOD / "odd"
    if make == "symlink":
        odd.symlink_to("/etc/passwd")
    elif make == "hardlink":
        (tmp_path / "elsewhere").write_bytes(b"x")
        os.link(tmp_path / "elsewhere", odd)
    else:
        os.mkfifo(odd)
    with pytest.raises(OutputError) as caught:
        write_period(tmp_path, PERIOD, {"report.md": b"new\n"})
    assert str(caught.value).startswith(f"{odd}: error: {reason}")
    assert (tmp_path / PERIOD / "report.md").read_bytes() == b"old\n"
