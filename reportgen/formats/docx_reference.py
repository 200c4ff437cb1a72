"""The reference document, taken for what a reference is for and nothing else.

``templates/reference.docx`` gives the Word files their styles, numbering, theme, fonts,
some settings and, if it has them, headers and footers.  Everything else a Word package
can hold (macros, custom properties, attached templates, external images and links,
notes of its own sample text, thumbnails, comments, embedded files) would otherwise be
carried into every submitted file.  The package is rebuilt here from the parts a
reference is for:

- the file is opened like every file of the workspace (no links, no second names, no
  pipes or folders), at most :data:`MAX_PACKAGE_BYTES`;
- each part is measured by its entry before it is inflated and read with a limit (a
  part that claims little and inflates to much is caught while it inflates);
- a package with two entries of one name, or a kept part with a relationship outside
  the package, is refused with one line;
- parts a reference is not for are dropped, and so are settings outside an allow-list;
  the writer makes its own notes, properties and content types.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..plainfiles import FileTooLarge, NotPlainFile, read_plain

#: the reference file as a whole, and each part of it once inflated
MAX_PACKAGE_BYTES = 16 * 1024 * 1024
MAX_PART_BYTES = 8 * 1024 * 1024
MAX_PARTS = 200

_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MAIN = "word/document.xml"
_MAIN_TYPE = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document."
              "main+xml")
#: relationships of the main document a reference is for
_KEPT_TYPES = {_OFFICE + kind for kind in ("styles", "numbering", "theme", "fontTable",
                                           "settings", "header", "footer")}
#: what a header or footer may point at: a picture inside the package
_PICTURE = _OFFICE + "image"
#: settings the writer's files may inherit; the rest (an attached template, mail merge,
#: document variables, protection) is dropped
_SETTINGS = {"zoom", "defaultTabStop", "characterSpacingControl", "compat",
             "evenAndOddHeaders", "mirrorMargins", "gutterAtTop", "autoHyphenation",
             "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps",
             "themeFontLang", "clrSchemeMapping", "decimalSymbol", "listSeparator",
             "defaultTableStyle", "displayBackgroundShape", "bordersDoNotSurroundHeader",
             "bordersDoNotSurroundFooter", "footnotePr", "endnotePr", "noPunctuationKerning",
             "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalSpacing",
             "drawingGridVerticalSpacing", "displayHorizontalDrawingGridEvery",
             "displayVerticalDrawingGridEvery", "shapeDefaults", "mathPr", "updateFields"}
NOT_WORD = ("not a Word document that can serve as the reference (save it from Word or "
            "LibreOffice as .docx, or remove it to use the built-in one)")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class ReferenceRefused(Exception):
    """The reference document cannot be used; ``reason`` says why, in one line."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class _Package:
    """The file's zip archive and its entries by name."""

    archive: zipfile.ZipFile
    entries: dict[str, zipfile.ZipInfo]

    def __contains__(self, name: str) -> bool:
        return name in self.entries


@dataclass
class Reference:
    """The rebuilt package, and what was dropped from the file."""

    data: bytes
    dropped: list[str] = field(default_factory=list)


def read_reference(path: Path) -> Reference:
    """The reference document at ``path``, rebuilt from the parts a reference is for."""
    try:
        raw = read_plain(path, MAX_PACKAGE_BYTES)
    except (NotPlainFile, FileTooLarge) as exc:
        raise ReferenceRefused(exc.reason) from None
    try:
        package = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ReferenceRefused(NOT_WORD) from None
    with package:
        return _rebuilt(_parts(package))


#: parts every Word file has that the writer makes anew: dropping them is not news
_REMADE = {"docProps/core.xml", "docProps/app.xml", "[Content_Types].xml", "_rels/.rels"}


def dropped_parts(path: Path) -> str | None:
    """One line naming the parts of the reference at ``path`` that no Word file will
    carry (macros, custom properties, notes of its sample text, ...), or None."""
    try:
        dropped = [name for name in read_reference(path).dropped
                   if name not in _REMADE and "/_rels/" not in f"/{name}"]
    except ReferenceRefused:
        return None  # refused where it is opened, with its reason
    if not dropped:
        return None
    shown = ", ".join(dropped[:6]) + (f" and {len(dropped) - 6} more" if len(dropped) > 6 else "")
    return (f"parts a reference is not for are left out of the Word files: {shown}")


def _parts(package: zipfile.ZipFile) -> _Package:
    entries = package.infolist()
    if len(entries) > MAX_PARTS:
        raise ReferenceRefused(f"has {len(entries)} parts; a reference has at most {MAX_PARTS}")
    parts: _Package[str, zipfile.ZipInfo] = {}
    for info in entries:
        name = info.filename
        if name.lower() in {n.lower() for n in parts}:
            raise ReferenceRefused(f"holds two parts named '{name}'")
        if info.file_size > MAX_PART_BYTES:
            raise ReferenceRefused(f"part '{name}' is {info.file_size / 1048576:.1f} MB once "
                                   f"inflated; the limit is {MAX_PART_BYTES // 1048576} MB")
        parts[name] = info
    return _Package(package, parts)


def _read(parts: _Package, name: str) -> bytes:
    """A part's bytes, inflated no further than the limit, whatever its entry claims."""
    try:
        with parts.archive.open(parts.entries[name]) as handle:
            data = handle.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ReferenceRefused(f"part '{name}' cannot be read ({exc})") from None
    if len(data) > MAX_PART_BYTES:
        raise ReferenceRefused(f"part '{name}' inflates to more than "
                               f"{MAX_PART_BYTES // 1048576} MB")
    return data


def _xml(parts: _Package, name: str):
    try:
        return etree.fromstring(_read(parts, name), _PARSER)
    except etree.XMLSyntaxError:
        raise ReferenceRefused(f"part '{name}' is not well-formed XML") from None


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _relationships(parts: _Package, part: str) -> list[etree._Element]:
    name = _rels_name(part)
    if name not in parts:
        return []
    return list(_xml(parts, name).iter(f"{{{_RELS_NS}}}Relationship"))


def _target(part: str, relationship) -> str:
    if relationship.get("TargetMode") == "External":
        raise ReferenceRefused(f"part '{part}' points outside the package "
                               f"({relationship.get('Target')}); a reference may not")
    target = relationship.get("Target", "")
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(part), target))
    return joined.lstrip("/")


def _rebuilt(parts: _Package) -> Reference:
    if _MAIN not in parts:
        raise ReferenceRefused(NOT_WORD)
    kept: dict[str, bytes] = {}
    types: dict[str, str] = {_MAIN: _MAIN_TYPE}
    overrides = _overrides(parts)
    main_rels = etree.Element(f"{{{_RELS_NS}}}Relationships", nsmap={None: _RELS_NS})
    for relationship in _relationships(parts, _MAIN):
        if relationship.get("Type") not in _KEPT_TYPES:
            continue
        target = _target(_MAIN, relationship)
        if target not in parts:
            raise ReferenceRefused(f"part '{_MAIN}' names a part '{target}' it does not hold")
        kept[target] = _settings(parts, target) if relationship.get("Type").endswith(
            "/settings") else _read(parts, target)
        types[target] = overrides.get(target, "application/xml")
        if relationship.get("Type").endswith(("/header", "/footer")):
            _keep_pictures(parts, target, kept)
        main_rels.append(relationship)
    kept[_MAIN] = _read(parts, _MAIN)
    kept[_rels_name(_MAIN)] = etree.tostring(main_rels, xml_declaration=True,
                                             encoding="UTF-8", standalone=True)
    kept["_rels/.rels"] = _PACKAGE_RELS
    kept["[Content_Types].xml"] = _content_types(types, kept)
    dropped = sorted(name for name in parts.entries if name not in kept
                     and not name.endswith("/"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name in ["[Content_Types].xml", "_rels/.rels"] + sorted(
                n for n in kept if n not in ("[Content_Types].xml", "_rels/.rels")):
            out.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), kept[name])
    return Reference(buffer.getvalue(), dropped)


def _keep_pictures(parts: _Package, part: str, kept: dict[str, bytes]) -> None:
    """A header or footer keeps its relationships only to pictures in the package."""
    relationships = _relationships(parts, part)
    if not relationships:
        return
    root = etree.Element(f"{{{_RELS_NS}}}Relationships", nsmap={None: _RELS_NS})
    for relationship in relationships:
        if relationship.get("Type") != _PICTURE:
            raise ReferenceRefused(f"part '{part}' has a relationship a header or footer of "
                                   "a reference may not have (only pictures)")
        target = _target(part, relationship)
        if target not in parts:
            raise ReferenceRefused(f"part '{part}' names a part '{target}' it does not hold")
        kept[target] = _read(parts, target)
        root.append(relationship)
    kept[_rels_name(part)] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                            standalone=True)


def _settings(parts: _Package, name: str) -> bytes:
    """The settings part with only allow-listed settings (and no relationships: an
    attached template is one)."""
    root = _xml(parts, name)
    for child in list(root):
        local = etree.QName(child).localname if isinstance(child.tag, str) else None
        if local not in _SETTINGS or etree.QName(child).namespace != _W_NS:
            root.remove(child)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _overrides(parts: _Package) -> dict[str, str]:
    if "[Content_Types].xml" not in parts:
        return {}
    root = _xml(parts, "[Content_Types].xml")
    return {item.get("PartName", "").lstrip("/"): item.get("ContentType", "")
            for item in root.iter(f"{{{_CT_NS}}}Override")}


def _content_types(types: dict[str, str], kept: dict[str, bytes]) -> bytes:
    root = etree.Element(f"{{{_CT_NS}}}Types", nsmap={None: _CT_NS})
    defaults = {"rels": "application/vnd.openxmlformats-package.relationships+xml",
                "xml": "application/xml", "png": "image/png", "jpeg": "image/jpeg",
                "jpg": "image/jpeg", "gif": "image/gif", "emf": "image/x-emf",
                "wmf": "image/x-wmf"}
    for extension, kind in defaults.items():
        etree.SubElement(root, f"{{{_CT_NS}}}Default", Extension=extension, ContentType=kind)
    for name, kind in sorted(types.items()):
        if name in kept and not kind.startswith("application/vnd.ms-"):
            etree.SubElement(root, f"{{{_CT_NS}}}Override", PartName="/" + name,
                             ContentType=kind if name != _MAIN else _MAIN_TYPE)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_PACKAGE_RELS = (
    b'<?xml version=\'1.0\' encoding=\'UTF-8\' standalone=\'yes\'?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
