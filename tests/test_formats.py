"""The output formats package: one module per format, one registry the build loop and
``--format`` read, so a new format is one module and one name."""

from __future__ import annotations

import sys
import types

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
