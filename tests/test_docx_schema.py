"""Every Word file reportgen writes is valid ECMA-376 transitional WordprocessingML (the
schemas are in tests/schemas/ooxml, see its README), python-docx reads it, and LibreOffice
opens it."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
from conftest import ROOT
from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "schemas" / "ooxml"
EDITIONS = Path(__file__).resolve().parent / "editions"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
#: the namespaces the schemas define: anything else is an extension a consumer may ignore
KNOWN = ("http://schemas.openxmlformats.org/", "http://www.w3.org/XML/1998/namespace")
#: the parts no schema here covers: the package's own, the core properties (Dublin Core)
#: and reportgen's marks (its own namespace, read back by reportgen)
NOT_VALIDATED = ("[Content_Types].xml", "docProps/core.xml")


@lru_cache(maxsize=1)
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "docx-parts.xsd")))


def _understood(root):
    """The part as a consumer that knows only the ECMA-376 namespaces reads it (ECMA-376
    Part 3): the fallback of each alternative content, no ignorable extension."""
    for alternative in list(root.iter(f"{{{MC}}}AlternateContent")):
        parent, at = alternative.getparent(), alternative.getparent().index(alternative)
        fallback = alternative.find(f"{{{MC}}}Fallback")
        for child in list(fallback) if fallback is not None else []:
            parent.insert(at, child)
            at += 1
        parent.remove(alternative)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        for name in list(element.attrib):
            if name.startswith("{") and (not name[1:].startswith(KNOWN) or name[1:].startswith(MC)):
                del element.attrib[name]
        if not element.tag[1:].startswith(KNOWN) and element.getparent() is not None:
            element.getparent().remove(element)
    return root


def schema_errors(path: Path) -> list[str]:
    """'part:line: message' for each error of each XML part of the package at ``path``."""
    errors = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if not name.endswith((".xml", ".rels")) or name in NOT_VALIDATED or "_rels/" in name:
                continue
            root = etree.fromstring(package.read(name))
            if not root.tag.startswith("{http://schemas.openxmlformats.org/"):
                continue  # reportgen's marks (customXml/item1.xml)
            schema = _schema()
            if not schema.validate(_understood(root)):
                errors += [f"{name}:{e.line}: {e.message}" for e in schema.error_log]
    return errors


def test_the_validator_finds_what_the_schema_forbids(tmp_path):
    """A zoom without its percentage (what Word 2013 writes and the schema refuses) and an
    unknown element are found; the same file without them is valid."""
    reference = ROOT / "templates" / "reference.docx"
    assert schema_errors(reference) == []
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(reference) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/settings.xml":
                data = data.replace(b'w:percent="100"', b'w:val="bestFit"')
            if item.filename == "word/styles.xml":
                data = data.replace(b"</w:styles>", b"<w:notAStyle/></w:styles>")
            target.writestr(item, data)
    errors = schema_errors(broken)
    assert any(e.startswith("word/settings.xml:") and "zoom" in e for e in errors), errors
    assert any(e.startswith("word/styles.xml:") and "notAStyle" in e for e in errors), errors


@pytest.fixture(scope="module")
def every_docx(tmp_path_factory) -> list[Path]:
    """Every kind of document of both periods, the report in the six languages, and a
    redline."""
    from click.testing import CliRunner

    from reportgen.cli import main

    def run(*args):
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result

    root = tmp_path_factory.mktemp("schema")
    workspace = root / "workspace"
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, workspace / name)
    run("build", "--root", str(workspace), "--format", "docx", "--period", "2020-2022",
        "--period", "2022-2024")
    # the briefs and releases of the right-to-left and Chinese editions too (tables that
    # run right to left, the script's font in the font table)
    run("build", "--root", str(workspace), "--format", "docx", "--period", "2020-2022",
        "--lang", "ar", "--lang", "zh", "-q")
    baseline = shutil.copy(workspace / "build/2020-2022/report.docx", root / "submitted.docx")
    block = next((workspace / "content/blocks/introduction").glob("introduction-approach.yml"))
    block.write_text(block.read_text(encoding="utf-8").replace("comprehensive", "broad"),
                     encoding="utf-8")
    run("redline", str(baseline), "--period", "2020-2022", "--root", str(workspace))
    editions = root / "editions"
    shutil.copytree(EDITIONS / "content", editions / "content")
    run("build", "--root", str(editions), "--lang", "all", "--format", "docx")
    files = sorted([*(workspace / "build").rglob("*.docx"), *(editions / "build").rglob("*.docx")])
    for start in ("report.", "brief.", "press-release-", "statement-", "report.zh.",
                  "report.ar.", "report.redline.", "brief.ar.", "brief.zh."):
        assert any(f.name.startswith(start) for f in files), start
    return files


@pytest.mark.slow
def test_every_docx_is_valid_transitional_wordprocessingml(every_docx):
    invalid = {f.name: schema_errors(f)[:5] for f in every_docx}
    assert {name: errors for name, errors in invalid.items() if errors} == {}


@pytest.mark.slow
def test_python_docx_reads_every_docx(every_docx):
    import docx

    for path in every_docx:
        document = docx.Document(str(path))
        assert any(p.text.strip() for p in document.paragraphs), path.name


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_libreoffice_opens_every_docx(every_docx, tmp_path):
    """LibreOffice converts each file to a PDF with text: a file it could not open, or
    opened empty, has none."""
    profile, out = tmp_path / "profile", tmp_path / "out"
    named = [shutil.copy(path, tmp_path / f"{n}-{path.name}") for n, path in enumerate(every_docx)]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, named)],
                   capture_output=True, timeout=600, check=True)
    for path in map(Path, named):
        pdf = out / (path.stem + ".pdf")
        assert pdf.exists(), path.name
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout
            assert text.strip(), path.name
