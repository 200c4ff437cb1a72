"""``reportgen init``: a new workspace that builds a report at once, also from a wheel."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT, write
from pypdf import PdfReader
from reporttext import parse_markdown_report


@pytest.mark.slow
def test_init_makes_a_workspace_that_builds_and_checks_clean(tmp_path, run):
    target = tmp_path / "my-report"
    result = run("init", str(target))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Created 18 files in {target}. Next: cd {target} && reportgen build"
    for name in ("content/series.yml", "content/outline.yml", "content/periods/2024-2026.yml",
                 "content/facts.yml", "templates/report.html.j2", "schemas/block.schema.json",
                 ".gitignore"):
        assert (target / name).is_file(), name
    for path in (target / "content").rglob("*.yml"):
        line = path.read_text(encoding="utf-8").splitlines()[0]
        assert line.startswith("# yaml-language-server: $schema="), path
        assert (path.parent / line.split("=", 1)[1]).resolve().is_file(), path
    block = target / "content/blocks/intergovernmental/working-group-2025.yml"
    first = block.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../../schemas/block.schema.json"
    assert (block.parent / first.split("=", 1)[1]).resolve().is_file()

    built = run("build", "--root", str(target))
    assert built.exit_code == 0, built.output
    assert built.output.splitlines()[-1].endswith("0 warnings.")
    report = parse_markdown_report((target / "build/2024-2026/report.md").read_text(encoding="utf-8"))
    assert report.headings == ["I. Introduction", "II. Activities of the Secretariat",
                               "A. Support for intergovernmental bodies", "B. Technical cooperation",
                               "III. Conclusions"]
    assert report.paragraphs[1].startswith("The present report has been prepared to inform the "
                                           "Conference of the Parties, at its thirteenth session")
    assert "trained 1,200 practitioners" in report.paragraphs[4]
    assert "(see para. 3)" in report.paragraphs[4]
    html = (target / "build/2024-2026/report.html").read_text(encoding="utf-8")
    assert ".masthead .organ { letter-spacing: 0.01em; }" in html  # the workspace's own CSS
    assert (target / "build/2024-2026/brief.pdf").is_file()

    checked = run("check", "--root", str(target), "--strict")
    assert checked.exit_code == 0 and checked.output.splitlines()[-1] == "0 errors, 0 warnings."


def test_init_leaves_an_existing_workspace_alone(tmp_path, run):
    write(tmp_path / "content/series.yml", "organ: mine\n")
    result = run("init", str(tmp_path))
    assert result.exit_code == 1
    assert result.output.strip() == (f"{tmp_path / 'content'}: already exists; init makes a new "
                                     "workspace in an empty folder")
    assert (tmp_path / "content/series.yml").read_text(encoding="utf-8") == "organ: mine\n"
    assert not (tmp_path / "templates").exists()


@pytest.mark.slow
def test_init_and_build_from_an_installed_wheel(tmp_path):
    """The skeleton and the built-in templates travel in the wheel: a wheel installed on its
    own, away from the checkout, makes a workspace and builds its PDF."""
    wheels, site = tmp_path / "wheels", tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(wheels), str(ROOT)], check=True, capture_output=True)
    wheel = next(wheels.glob("reportgen-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site),
                    str(wheel)], check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(site)}
    command = [sys.executable, "-c", "import sys, reportgen.cli as c; "
               "assert c.__file__.startswith(sys.argv[1]), c.__file__; "
               "sys.argv = ['reportgen'] + sys.argv[2:]; c.main()", str(site)]
    workspace = tmp_path / "elsewhere" / "cop13"
    made = subprocess.run(command + ["init", str(workspace)], env=env, cwd=tmp_path,
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    built = subprocess.run(command + ["build", "--format", "pdf", "--kind", "report"], env=env,
                           cwd=workspace, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    text = PdfReader(workspace / "build/2024-2026/report.pdf").pages[0].extract_text()
    assert "CTOC/COP/2026/5" in text and "Thirteenth session" in text
