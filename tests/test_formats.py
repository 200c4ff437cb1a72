"""The output formats package: one module per format, one registry the build loop and
``--format`` read, so a new format is one module and one name."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass, field

import pytest

from reportgen import formats
from reportgen.build import build
from reportgen.fingerprint import source_digest


def test_every_format_is_a_module_with_its_name():
    for name in formats.NAMES:
        assert formats.get(name).name == name


def test_an_unknown_format_is_refused_by_name():
    with pytest.raises(KeyError, match="unknown output format 'odt' \\(formats: md, html"):
        formats.get("odt")


def test_a_fifth_format_is_one_module_and_one_name(workspace, monkeypatch):
    """Nothing in the build names formats one by one: a registered module is built."""
    module = types.ModuleType("reportgen.formats.txt")

    def render(doc, ctx):
        text = "\n".join(f"{p.number}. {p.content.text}" for p in doc.paragraphs())
        return formats.Rendered(source_digest(text), text.encode("utf-8"))

    module.FORMAT = formats.Format("txt", "text", render)
    monkeypatch.setitem(sys.modules, "reportgen.formats.txt", module)
    monkeypatch.setattr(formats, "NAMES", formats.NAMES + ("txt",))
    result = build(workspace, ["2020-2022"], formats=("txt",), kinds=("report",))
    text = (workspace / "build" / "2020-2022" / "report.txt").read_text(encoding="utf-8")
    assert text.startswith("1. The present report has been prepared to inform the Conference")
    assert text.splitlines()[-1].startswith("75. UNODC remains committed to promoting")
    assert "text" in result.timings


@dataclass(frozen=True)
class _CountJob:
    """A made-up format's background work: counting the paragraphs of a text."""

    name: str
    period: str
    text: str
    notes: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return len(self.text)

    def run(self):
        return _CountResult(self, f"{self.text.count(chr(10)) + 1} paragraphs\n".encode(),
                            [], {"counting": 0.0})


@dataclass
class _CountResult:
    job: _CountJob
    data: bytes
    warnings: list[str]
    timings: dict[str, float]
    misplaced: list = field(default_factory=list)


@pytest.mark.slow
def test_a_format_with_background_work_declares_it_in_the_registry(workspace, monkeypatch):
    """A format whose render returns a job says through its Format how its jobs run;
    the build loop sends them there and writes what comes back (listed with the
    period's outputs, so the next build finds it up to date), without naming it."""
    from reportgen.formats.workers import Workers

    module = types.ModuleType("reportgen.formats.count")
    started: list[tuple[int | None, bool]] = []

    def render(doc, ctx):
        text = "\n".join(p.content.text for p in doc.paragraphs())
        return formats.Rendered(source_digest(text), job=_CountJob(f"{doc.name}.count",
                                                                   doc.period, text))

    def background(most, early):
        started.append((most, early))
        return Workers(most, early=False)  # jobs run in this process, when asked

    module.FORMAT = formats.Format("count", "counting", render, background=background)
    monkeypatch.setitem(sys.modules, "reportgen.formats.count", module)
    monkeypatch.setattr(formats, "NAMES", formats.NAMES + ("count",))
    result = build(workspace, ["2020-2022"], formats=("md", "count"), kinds=("report",),
                   jobs=1)
    assert started == [(1, False)]  # one document: no pool planned
    made = workspace / "build" / "2020-2022" / "report.count"
    assert made.read_text(encoding="utf-8") == "75 paragraphs\n"
    assert list(result.documents[0].files) == ["report.md", "report.count"]
    again = build(workspace, ["2020-2022"], formats=("md", "count"), kinds=("report",),
                  jobs=1, force=False)
    assert again.skipped == ["2020-2022"]
