"""An output's name is made once from typed fields (kind, document, language, format),
written as the file name and kept beside it in the manifest: what a file is, is read
from those fields, never parsed back out of its name."""

from __future__ import annotations

import json

from reportgen.fingerprint import Manifest
from reportgen.languages import LANGUAGES
from reportgen.outputname import OutputName
from reportgen.stale import sort_old_files


def test_the_file_name_is_written_from_the_fields():
    assert OutputName("report", "report", None, "pdf").file == "report.pdf"
    assert OutputName("report", "report", LANGUAGES["fr"], "pdf").file == "report.fr.pdf"
    name = OutputName("press-release", "press-release-2021-12-08-cop", LANGUAGES["ar"], "docx")
    assert name.file == "press-release-2021-12-08-cop.ar.docx"
    assert OutputName.from_fields(name.fields()) == name


def test_the_manifest_keeps_each_outputs_fields(tmp_path):
    manifest = Manifest(tmp_path)
    manifest.record(OutputName("brief", "brief", LANGUAGES["es"], "html"), b"<html>", "source")
    kept = json.loads(manifest.to_bytes())["outputs"]["brief.es.html"]["output"]
    assert kept == {"kind": "brief", "document": "brief", "language": "es", "format": "html"}
    assert Manifest(tmp_path, outputs=json.loads(manifest.to_bytes())["outputs"]) \
        .output_name("brief.es.html") == OutputName("brief", "brief", LANGUAGES["es"], "html")


def test_stale_outputs_are_told_by_the_recorded_fields_not_the_name(tmp_path):
    """A file recorded as a statement is a statement, whatever its name looks like."""
    manifest = Manifest(tmp_path)
    manifest.record(OutputName("statement", "report-on-cop", None, "md"), b"x", "s")
    manifest.record(OutputName("report", "report", LANGUAGES["fr"], "md"), b"x", "s")
    verdict = sort_old_files(tmp_path, manifest, made=set(), kinds=("report",),
                             formats=("md",), languages=(LANGUAGES["fr"],), original=LANGUAGES["en"])
    assert verdict.stale == ["report.fr.md"]


def test_an_earlier_manifest_without_fields_still_has_its_stale_outputs_removed(tmp_path):
    manifest = Manifest(tmp_path, outputs={"report.fr.md": {"sha256": "", "source": ""},
                                           "brief.md": {"sha256": "", "source": ""}})
    verdict = sort_old_files(tmp_path, manifest, made=set(), kinds=("report", "brief"),
                             formats=("md",), languages=(LANGUAGES["fr"],), original=LANGUAGES["en"])
    assert verdict.stale == ["report.fr.md"]
