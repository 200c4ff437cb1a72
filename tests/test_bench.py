"""The benchmark script's own correctness (its timings are not asserted anywhere)."""

from __future__ import annotations

import importlib.util

import pytest

from reportgen.assemble import assemble_report
from reportgen.store import load_store

from conftest import ROOT


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


def test_synthetic_store_scales_blocks_footnotes_and_facts(bench, tmp_path):
    paragraphs, footnotes, facts = _period_counts(ROOT)
    big = bench.workspace_copy(tmp_path / "x3", scale=3)
    # each copy keeps its original notes and adds one of its own
    assert _period_counts(big) == (3 * paragraphs, 3 * footnotes + 2 * paragraphs,
                                   facts + 2 * paragraphs)


def test_balanced_store_gives_two_periods_of_equal_size(bench, tmp_path):
    store = bench.workspace_copy(tmp_path / "both", both_periods=True)
    first, _, _ = _period_counts(store, "2020-2022")
    second, _, _ = _period_counts(store, "2022-2024")
    assert first == 75 and second == 75 + _period_counts(ROOT, "2022-2024")[0]


def test_ratios_follow_the_rows(bench):
    rows = {
        "full build (md, html, pdf)": {"seconds": 3.0, "pages": 10},
        "bare WeasyPrint, same HTML": {"seconds": 2.5},
        "pandoc md -> pdf (weasyprint)": {"seconds": 6.0},
        "no-op rebuild": {"seconds": 0.15},
        "reportgen --help": {"seconds": 0.1},
        "two documents, one worker": {"seconds": 6.0},
        "two documents, two workers": {"seconds": 3.5},
        "synthetic store 10x": {"seconds": 36.0, "pages": 100, "peak_mib": 300.0},
    }
    ratios = bench._ratios(rows, [10])
    assert ratios["full build / bare WeasyPrint (target <= 1.2)"] == pytest.approx(1.2)
    assert ratios["pandoc->pdf / full build (target >= 1.5)"] == pytest.approx(2.0)
    assert ratios["full build / no-op rebuild (target >= 5)"] == pytest.approx(20.0)
    assert ratios["one worker / two workers (target >= 1.6)"] == pytest.approx(6.0 / 3.5)
    assert ratios["per-page time 10x / 1x (target <= 1.3)"] == pytest.approx(1.2)
