"""One count of warnings: check and build agree on a period, and a build skipped as up to
date repeats the warnings of the build that made its outputs."""

from __future__ import annotations

import pytest
from conftest import ROOT, write


def _warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": warning: " in line]


@pytest.mark.slow
def test_check_and_build_report_the_same_warnings_even_when_up_to_date(workspace, run):
    """Seen: 'build' of an up-to-date period said 0 warnings, and even a fresh build
    left out the two lint warnings 'check' lists for the period."""
    checked = run("check", "--root", str(workspace), "--period", "2022-2024")
    expected = _warnings(checked.output)
    assert any("has a single numbered subheading" in line for line in expected)
    first = run("build", "--root", str(workspace), "--period", "2022-2024", "--format", "md")
    assert sorted(_warnings(first.output)) == sorted(expected)
    assert f"; {len(expected)} warnings." in first.output
    again = run("build", "--root", str(workspace), "--period", "2022-2024", "--format", "md")
    assert "2022-2024: up to date" in again.output
    assert sorted(_warnings(again.output)) == sorted(expected)
    assert f"; {len(expected)} warnings." in again.output
    strict = run("build", "--root", str(workspace), "--period", "2022-2024", "--format", "md",
                 "--strict")
    assert strict.exit_code == 1
    assert all(line.replace(": warning: ", ": error: ") + " (--strict)" in strict.output
               for line in expected)


@pytest.mark.slow
def test_a_period_skipped_beside_a_rebuilt_one_keeps_its_warnings(workspace, run):
    run("build", "--root", str(workspace), "--period", "2022-2024", "--format", "md")
    write(workspace / "content/blocks/intergovernmental/late.yml",
          "id: late\nplace: cop\ndate: 2021-11\nperiod: 2020-2022\ntext: One more meeting.\n")
    both = run("build", "--root", str(workspace), "--period", "2020-2022", "--period",
               "2022-2024", "--format", "md")
    checked = run("check", "--root", str(workspace), "--period", "2020-2022", "--period",
                  "2022-2024")
    assert sorted(_warnings(both.output)) == sorted(_warnings(checked.output))


@pytest.mark.slow
def test_weasyprint_warnings_are_repeated_when_a_pdf_is_reused_or_skipped(workspace, run):
    write(workspace / "templates/paged.css",
          (ROOT / "templates/paged.css").read_text(encoding="utf-8") + "\n.para { colour: red; }\n")
    args = ("build", "--root", str(workspace), "--period", "2020-2022", "--format", "pdf",
            "--kind", "report")
    said = [w for w in _warnings(run(*args).output) if "WeasyPrint" in w]
    assert said and all(w.startswith("report.pdf: warning: WeasyPrint: ") for w in said)
    assert [w for w in _warnings(run(*args).output) if "WeasyPrint" in w] == said  # skipped
    with open(workspace / "content/facts.yml", "a", encoding="utf-8") as facts:
        facts.write("\nunquoted:\n  label: l\n  source: s\n  values: [{value: 1, as_of: 2021}]\n")
    reused = run(*args)
    assert "report.pdf unchanged" in reused.output
    assert [w for w in _warnings(reused.output) if "WeasyPrint" in w] == said
