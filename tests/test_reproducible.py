"""The same store always gives the same bytes: Markdown, HTML, PDF and Word, whatever the
process, hash seed, time zone, clock or file layout."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

PERIODS = ("2020-2022", "2022-2024")


def hashes(out: Path) -> dict[str, str]:
    """Digests of the documents built (the build's own manifest aside)."""
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def build_in_process_of_its_own(out: Path, cwd: Path, **env: str) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environment.update(env)
    code = ("import sys; from pathlib import Path; from reportgen.build import build; "
            "build(Path(sys.argv[1]), sys.argv[3:], out=Path(sys.argv[2]))")
    subprocess.run([sys.executable, "-c", code, str(ROOT), str(out), *PERIODS],
                   check=True, cwd=cwd, env=environment, timeout=300, capture_output=True)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    first, second = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
    build_in_process_of_its_own(first, first, PYTHONHASHSEED="1", TZ="UTC")
    build_in_process_of_its_own(second, second, PYTHONHASHSEED="4242", TZ="Pacific/Auckland")
    return first, second


@pytest.mark.slow
def test_two_builds_in_separate_processes_are_byte_identical(two_builds):
    first, second = two_builds
    reports = {f"{period}/report.{ext}" for period in PERIODS for ext in ("md", "html", "pdf", "docx")}
    assert reports <= set(hashes(first))
    assert "2020-2022/brief.pdf" in hashes(first)  # with its chart, which must not vary either
    assert hashes(first) == hashes(second)


@pytest.mark.slow
def test_a_build_in_process_matches_too(two_builds, built):
    if os.environ.get("SOURCE_DATE_EPOCH"):
        pytest.skip("SOURCE_DATE_EPOCH is set here, so the in-process build's PDF differs")
    assert hashes(built) == hashes(two_builds[0])


def _pdf_info(path: Path):
    import pypdf

    reader = pypdf.PdfReader(path)
    return reader.metadata, reader.trailer.get("/ID")


@pytest.mark.slow
def test_pdf_dates_come_from_the_date_of_issue(two_builds):
    metadata, identifier = _pdf_info(two_builds[0] / "2020-2022/report.pdf")
    assert metadata["/CreationDate"] == "D:20220730"  # issued: 2022-07-30
    assert "/ModDate" not in metadata
    html = (two_builds[0] / "2020-2022/report.html").read_text(encoding="utf-8")
    assert "2022-07-30" in html
    # the file identifier is derived from the document, not drawn at random
    assert identifier is not None and len(identifier[0]) == 32
    # a period without a date of issue gets no date at all, rather than today's
    metadata, _ = _pdf_info(two_builds[0] / "2022-2024/report.pdf")
    assert "/CreationDate" not in metadata and "/ModDate" not in metadata


@pytest.mark.slow
def test_source_date_epoch_is_honoured(tmp_path, monkeypatch):
    from reportgen.build import build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    build(ROOT, list(PERIODS), formats=("pdf",), out=tmp_path / "a")
    build(ROOT, list(PERIODS), formats=("pdf",), out=tmp_path / "b")
    assert hashes(tmp_path / "a") == hashes(tmp_path / "b")
    metadata, _ = _pdf_info(tmp_path / "a/2020-2022/report.pdf")
    assert (metadata["/CreationDate"], metadata["/ModDate"]) == ("D:20220730", "D:20231114221320Z")
    metadata, _ = _pdf_info(tmp_path / "a/2022-2024/report.pdf")
    assert (metadata["/CreationDate"], metadata["/ModDate"]) == ("D:20231114221320Z",
                                                                 "D:20231114221320Z")


@pytest.mark.slow
def test_a_malformed_source_date_epoch_is_a_warning(tmp_path, monkeypatch):
    from reportgen.build import build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = build(ROOT, ["2022-2024"], formats=("pdf",), out=tmp_path)
    assert "report.pdf: warning: WeasyPrint: SOURCE_DATE_EPOCH='yesterday' is not a number of " \
           "seconds; ignored" in [str(w) for w in result.warnings]
    metadata, _ = _pdf_info(tmp_path / "2022-2024/report.pdf")
    assert "/ModDate" not in metadata


@pytest.mark.slow
def test_file_names_and_folders_of_blocks_do_not_change_the_order(workspace, tmp_path, built):
    """Blocks moved into one folder under other names give the same report."""
    from reportgen.build import build

    blocks = workspace / "content/blocks"
    files = sorted(blocks.rglob("*.yml"))
    flat = workspace / "content/flat"
    flat.mkdir()
    for i, path in enumerate(reversed(files)):
        shutil.move(path, flat / f"{i:03d}.yml")
    shutil.rmtree(blocks)
    flat.rename(blocks)
    build(workspace, list(PERIODS), formats=("md", "html"), out=tmp_path / "out")
    for period in PERIODS:
        for ext in ("md", "html"):
            name = f"{period}/report.{ext}"
            assert (tmp_path / "out" / name).read_bytes() == (built / name).read_bytes(), name
