"""The benchmark script's own correctness (its timings are not asserted anywhere)."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import ROOT

from reportgen.assemble import assemble_report
from reportgen.content.store import load_store


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _period_counts(root, key="2020-2022"):
    store, log = load_store(root)
    assert not log.errors, log.errors
    doc = assemble_report(store, key, log)
    assert doc is not None, log.errors
    return len(doc.paragraphs()), len(doc.footnotes), len(store.facts)


@pytest.mark.slow
def test_synthetic_store_scales_blocks_footnotes_and_facts(bench, tmp_path):
    paragraphs, footnotes, facts = _period_counts(ROOT)
    big = bench.workspace_copy(tmp_path / "x3", scale=3)
    # each copy keeps its original notes and adds one of its own
    assert _period_counts(big) == (3 * paragraphs, 3 * footnotes + 2 * paragraphs,
                                   facts + 2 * paragraphs)


@pytest.mark.slow
def test_balanced_store_gives_two_periods_of_equal_size(bench, tmp_path):
    store = bench.workspace_copy(tmp_path / "both", both_periods=True)
    first, _, _ = _period_counts(store, "2020-2022")
    second, _, _ = _period_counts(store, "2022-2024")
    assert first == 75 and second == 75 + _period_counts(ROOT, "2022-2024")[0]


def test_ratios_follow_the_rows(bench):
    rows = {
        "full build (md, html, pdf)": {"seconds": 3.0, "pages": 10},
        "report build (md, html, pdf)": {"seconds": 2.4},
        "bare WeasyPrint, same print HTML, PDF/UA": {"seconds": 2.0},
        "reportgen check (both periods)": {"seconds": 0.25},
        "pandoc md -> pdf (weasyprint)": {"seconds": 6.0},
        "no-op rebuild": {"seconds": 0.15},
        "reportgen --help": {"seconds": 0.1},
        "two documents, one worker": {"seconds": 6.0},
        "two documents, two workers": {"seconds": 3.5},
        "synthetic store 10x": {"seconds": 36.0, "pages": 100, "peak_mib": 300.0},
    }
    ratios = bench._ratios(rows, [10])
    assert ratios["report build / bare WeasyPrint (target <= 1.2)"] == pytest.approx(1.2)
    assert ratios["check seconds (target <= 0.3)"] == pytest.approx(0.25)
    assert ratios["pandoc->pdf / full build (target >= 1.5)"] == pytest.approx(2.0)
    assert ratios["full build / no-op rebuild (target >= 5)"] == pytest.approx(20.0)
    assert ratios["one worker / two workers (target >= 1.6)"] == pytest.approx(6.0 / 3.5)
    assert ratios["per-page time 10x / 1x (target <= 1.3)"] == pytest.approx(1.2)


@pytest.mark.slow
def test_the_floor_makes_the_same_tagged_pdf_ua_as_the_build(bench, built, tmp_path):
    import subprocess
    import sys

    import pikepdf

    html = tmp_path / "print.html"
    html.write_text(bench._print_html(ROOT), encoding="utf-8")
    subprocess.run([sys.executable, "-c", bench.BARE_WEASYPRINT, str(html),
                    str(ROOT / "templates") + "/", str(tmp_path / "bare.pdf")], check=True)
    made = {}
    for name, path in (("bare", tmp_path / "bare.pdf"), ("build", built / "2020-2022/report.pdf")):
        with pikepdf.open(path) as pdf:
            with pdf.open_metadata() as xmp:
                made[name] = (len(pdf.pages), bool(pdf.Root.MarkInfo.Marked),
                              "/StructTreeRoot" in pdf.Root, xmp.get("pdfuaid:part"),
                              str(pdf.trailer.ID[0]) == str(pdf.trailer.ID[1]) and bytes(pdf.trailer.ID[0]))
    assert made["bare"] == made["build"]
    assert made["build"][1:4] == (True, True, "1")


@pytest.mark.slow
def test_check_does_not_load_what_it_does_not_use():
    """Plotting, layout, Word, Babel, the template engine and the C-library bindings of
    the writer are for builds; check loads none of them, and never reads source code to learn the models'
    field descriptions (only ``reportgen schema`` shows them)."""
    import subprocess
    import sys

    script = ("import sys\nfrom reportgen.cli import main\n"
              "try:\n    main(['check', '--root', sys.argv[1]])\nexcept SystemExit as e:\n"
              "    assert e.code in (0, None), e.code\n"
              "from reportgen.content.models import Block\n"
              "print(Block.model_fields['text'].description)\n"
              "print(sorted(m for m in ('matplotlib', 'numpy', 'weasyprint', 'docx', 'babel',\n"
              "                         'ctypes', 'jinja2') if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", script, str(ROOT)], capture_output=True,
                            text=True, check=True)
    assert result.stdout.splitlines()[-2:] == ["None", "[]"]
