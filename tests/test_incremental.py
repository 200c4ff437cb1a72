"""Incremental builds: what is up to date is skipped, nothing stale is ever kept."""

from __future__ import annotations

import json

import pytest
from conftest import write

from reportgen.build import build

PERIODS = ["2020-2022", "2022-2024"]


def _snapshot(folder):
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}


@pytest.mark.slow
def test_noop_rebuild_skips_and_leaves_outputs_alone(workspace):
    first = build(workspace, ["2020-2022"], formats=("md", "html"), kinds=("report",))
    assert first.skipped == [] and len(first.written) == 2
    before = _snapshot(workspace / "build/2020-2022")
    again = build(workspace, ["2020-2022"], formats=("md", "html"), kinds=("report",))
    assert again.skipped == ["2020-2022"] and again.written == [] and again.documents == []
    assert _snapshot(workspace / "build/2020-2022") == before


@pytest.mark.slow
def test_changed_block_rebuilds_its_text(workspace):
    build(workspace, ["2020-2022"], formats=("md",), kinds=("report",))
    block = workspace / "content/blocks/intergovernmental/wg-recommendations.yml"
    block.write_text(block.read_text(encoding="utf-8").replace("almost 50", "almost 60"),
                     encoding="utf-8")
    result = build(workspace, ["2020-2022"], formats=("md",), kinds=("report",))
    assert result.skipped == []
    assert "adopted almost 60 technical" in (workspace / "build/2020-2022/report.md").read_text(
        encoding="utf-8")


@pytest.mark.slow
def test_changed_template_rebuilds(workspace):
    build(workspace, ["2020-2022"], formats=("md",), kinds=("report",))
    template = workspace / "templates/nodes.md.j2"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "{{ m.united_nations | md_text }} —", "UNITED NATIONS —"), encoding="utf-8")
    assert build(workspace, ["2020-2022"], formats=("md",), kinds=("report",)).skipped == []
    assert (workspace / "build/2020-2022/report.md").read_text(encoding="utf-8").startswith(
        "UNITED NATIONS —")


@pytest.mark.slow
def test_tampered_output_is_rebuilt(workspace):
    build(workspace, ["2020-2022"], formats=("md",), kinds=("report",))
    out = workspace / "build/2020-2022/report.md"
    good = out.read_bytes()
    out.write_bytes(b"truncated")
    assert build(workspace, ["2020-2022"], formats=("md",), kinds=("report",)).skipped == []
    assert out.read_bytes() == good


@pytest.mark.slow
def test_force_rebuilds_everything(workspace):
    build(workspace, ["2020-2022"], formats=("md",), kinds=("report",))
    assert build(workspace, ["2020-2022"], formats=("md",), force=True, kinds=("report",)).skipped == []


@pytest.mark.slow
def test_a_change_in_one_period_reuses_the_other_periods_pdf(workspace):
    build(workspace, PERIODS, jobs=1, kinds=("report",))
    pdf_before = (workspace / "build/2020-2022/report.pdf").read_bytes()
    write(workspace / "content/blocks/conclusions/more-2022-2024.yml",
          "id: more-2022-2024\nplace: conclusions\nperiod: 2022-2024\norder: 99\n"
          "text: |\n  A further conclusion.\n")
    result = build(workspace, PERIODS, jobs=1, kinds=("report",))
    by_period = {doc.period: doc for doc in result.documents}
    assert by_period["2020-2022"].reused == ["report.pdf"]
    assert by_period["2022-2024"].reused == []
    assert (workspace / "build/2020-2022/report.pdf").read_bytes() == pdf_before
    manifest = json.loads((workspace / "build/2022-2024/.reportgen.json").read_text())
    assert set(manifest["outputs"]) == {"report.md", "report.html", "report.pdf", "report.docx"}


@pytest.mark.slow
def test_parallel_build_gives_the_same_documents(workspace, tmp_path):
    serial = build(workspace, PERIODS, out=tmp_path / "serial", jobs=1, kinds=("report",))
    parallel = build(workspace, PERIODS, out=tmp_path / "parallel", jobs=2, kinds=("report",))
    for one, two in zip(serial.documents, parallel.documents, strict=True):
        assert one.files["report.md"] == two.files["report.md"]
        assert one.files["report.html"] == two.files["report.html"]
        assert two.files["report.pdf"].startswith(b"%PDF-")
    assert [str(w) for w in serial.warnings] == [str(w) for w in parallel.warnings]


@pytest.mark.slow
def test_cli_says_what_was_skipped(workspace, run):
    args = ("build", "--root", str(workspace), "--period", "2020-2022", "--format", "md",
            "--kind", "report")
    assert run(*args).exit_code == 0
    result = run(*args)
    assert "2020-2022: up to date (use --force to rebuild)" in result.output
    assert "Wrote 0 files in" in result.output
    assert "report.md" in run(*args, "--force").output


RELEASE = "content/documents/ccpcj-thematic-discussion-2021.yml"
OLD_RELEASE = "press-release-2021-12-08-ccpcj-thematic-discussion-2021"


def _folder_matches_manifest(folder) -> set[str]:
    """The names in ``folder``; asserts they are exactly the manifest's outputs."""
    names = {p.name for p in folder.iterdir()} - {".reportgen.json"}
    manifest = json.loads((folder / ".reportgen.json").read_text(encoding="utf-8"))
    assert names == set(manifest["outputs"])
    return names


def _edit(workspace, path, old, new):
    source = workspace / path
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.slow
def test_redated_press_release_leaves_no_stale_outputs(workspace):
    build(workspace, ["2020-2022"], formats=("md", "html"))
    folder = workspace / "build/2020-2022"
    assert {f"{OLD_RELEASE}.md", f"{OLD_RELEASE}.html"} <= _folder_matches_manifest(folder)
    _edit(workspace, RELEASE, "date: 2021-12-08", "date: 2021-12-09")
    result = build(workspace, ["2020-2022"], formats=("md", "html"))
    names = _folder_matches_manifest(folder)
    assert not any(name.startswith(OLD_RELEASE) for name in names)
    assert {"press-release-2021-12-09-ccpcj-thematic-discussion-2021.md",
            "press-release-2021-12-09-ccpcj-thematic-discussion-2021.html"} <= names
    assert sorted(p.name for p in result.removed) == [f"{OLD_RELEASE}.html", f"{OLD_RELEASE}.md"]


@pytest.mark.slow
def test_renamed_moved_or_deleted_documents_go_even_with_force(workspace):
    build(workspace, PERIODS, formats=("md",))
    _edit(workspace, RELEASE, "id: ccpcj-thematic-discussion-2021", "id: ccpcj-2021")
    (workspace / "content/documents/un-network-ccpcj-2021.yml").unlink()
    _edit(workspace, "content/documents/wg-ninth-meeting-opening-2022.yml",
          "date: 2022-06-27", "date: 2023-06-27")  # now in the 2022-2024 period
    build(workspace, PERIODS, formats=("md",), force=True)
    first = _folder_matches_manifest(workspace / "build/2020-2022")
    assert sorted(first) == ["brief.md", "press-release-2021-12-08-ccpcj-2021.md", "report.md"]
    later = _folder_matches_manifest(workspace / "build/2022-2024")
    assert "statement-2023-06-27-wg-ninth-meeting-opening-2022.md" in later


@pytest.mark.slow
def test_outputs_of_kinds_and_formats_not_built_stay(workspace):
    build(workspace, ["2020-2022"], formats=("md", "html"))
    folder = workspace / "build/2020-2022"
    before = _folder_matches_manifest(folder)
    _edit(workspace, RELEASE, "date: 2021-12-08", "date: 2021-12-09")
    result = build(workspace, ["2020-2022"], formats=("md",), kinds=("report",))
    assert result.removed == []
    assert _folder_matches_manifest(folder) == before  # the release is not this build's
    build(workspace, ["2020-2022"], formats=("md",))
    names = _folder_matches_manifest(folder)
    assert f"{OLD_RELEASE}.md" not in names and f"{OLD_RELEASE}.html" in names  # html not built


@pytest.mark.slow
def test_files_reportgen_did_not_write_are_kept_and_named(workspace, run):
    folder = workspace / "build/2020-2022"
    write(folder / "notes.txt", "my notes\n")
    write(folder / "press-release-old.md", "written by hand\n")
    write(folder / "report.redline.html", "written by reportgen redline\n")
    write(folder / "report.redline.docx", "written by reportgen redline\n")
    result = run("build", "--root", str(workspace), "--period", "2020-2022", "--format", "md",
                 "--kind", "report")
    assert result.exit_code == 0
    assert (f"{folder}: kept 2 files reportgen did not write: notes.txt, press-release-old.md"
            in result.stderr.splitlines())
    _edit(workspace, "content/periods/2020-2022.yml", "venue: Vienna", "venue: Vienna ")
    result = run("build", "--root", str(workspace), "--period", "2020-2022", "--format", "md")
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "my notes\n"
    assert (folder / "press-release-old.md").read_text(encoding="utf-8") == "written by hand\n"
    assert (folder / "report.redline.html").is_file() and (folder / "report.redline.docx").is_file()
