"""Lighter faces of a large installed font: its common characters only, made once per
machine and kept in the user's cache folder.

Noto Serif CJK is a collection of 20 MB per weight, 65,535 glyphs in each face.
WeasyPrint embeds a subset of a face that keeps the glyphs' numbers, so a Chinese PDF
carried a font program indexing all of them (0.5 to 0.8 MB for each weight) and took a
tenth of a second longer to write than an English one.  GB 2312's characters (the 6,763
common hanzi and the signs beside them), with Latin letters and the punctuation of
Chinese text, are some 8,000: a face of those alone, cut from the installed one by
HarfBuzz (the library WeasyPrint already uses to subset fonts), makes a PDF half the size
in the English time.  The installed face stays next in the stylesheet's font list, so a
rarer character is set from it, in the same design.

Nothing here is required: without fontconfig, HarfBuzz's subsetter or a writable cache
folder, the installed face is used alone, as before.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .languages import Language

#: changes whenever the characters kept change, so that older faces are not reused
_EDITION = "gb2312-1"
#: the family the print stylesheet gives a language's lighter face (templates/fonts.css)
LIGHT_FAMILY = {"zh": "Noto Serif CJK SC Common"}
#: fontconfig weights of the two faces a document uses
WEIGHTS = (("normal", 80), ("bold", 200))


def cache_folder() -> Path:
    """Where lighter faces are kept: $XDG_CACHE_HOME/reportgen/fonts (~/.cache/...)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reportgen" / "fonts"


def light_faces(lang: Language, folder: Path | None = None) -> dict[str, Path]:
    """The lighter face of each weight ("normal", "bold") of ``lang``'s installed font,
    made now if the cache does not hold it yet; empty for a language whose font is
    bundled (all but Chinese), or when a face cannot be found or made."""
    if lang.font_package is None or lang.code != "zh":  # the characters kept are Chinese
        return {}
    folder = folder or cache_folder()
    installed = _installed_faces(lang.font)
    faces = {}
    for weight, value in WEIGHTS:
        face = _light_face(*installed[value], folder) if value in installed else None
        if face is None:
            return {}
        faces[weight] = face
    return faces


def _installed_faces(family: str) -> dict[int, tuple[Path, int]]:
    """The file and index of each installed face of ``family``, by fontconfig weight."""
    command = shutil.which("fc-list")
    if command is None:
        return {}
    try:
        out = subprocess.run([command, "-f", "%{file}|%{index}|%{weight}|%{family}\n", family],
                             capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    faces = {}
    for line in sorted(out.splitlines()):
        parts = line.rsplit("|", 3)
        if (len(parts) == 4 and parts[1].isdigit() and parts[2].isdigit()
                and family in parts[3].split(",")):
            faces.setdefault(int(parts[2]), (Path(parts[0]), int(parts[1])))
    return faces


def _light_face(source: Path, index: int, folder: Path) -> Path | None:
    """The cached lighter face of face ``index`` of ``source``, made if missing."""
    try:
        status = source.stat()
    except OSError:
        return None
    key = hashlib.sha256(f"{source}|{index}|{status.st_size}|{status.st_mtime_ns}|{_EDITION}"
                         .encode()).hexdigest()[:16]
    target = folder / f"{source.stem}-{index}-{key}.otf"
    if target.is_file():
        return target
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None  # checked first: a face that cannot be kept is not cut on every build
    data = _subset(source, index, _common_characters())
    if not data:
        return None
    part = None
    try:
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".part", delete=False) as handle:
            part = Path(handle.name)
            handle.write(data)
        os.replace(part, target)  # two builds making it at once both end with one file
    except OSError:
        if part is not None:
            part.unlink(missing_ok=True)
        return None
    return target


def _common_characters() -> tuple[int, ...]:
    """Latin, general and CJK punctuation, full-width forms and every character of GB 2312."""
    characters = set(range(0x20, 0x7F)) | set(range(0xA0, 0x250)) | set(range(0x2000, 0x2070))
    characters |= set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
    for first in range(0xA1, 0xF8):
        for second in range(0xA1, 0xFF):
            try:
                characters.add(ord(bytes((first, second)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return tuple(sorted(characters))


def _subset(source: Path, index: int, characters: tuple[int, ...]) -> bytes | None:
    """Face ``index`` of the font file ``source`` cut down to ``characters``, by HarfBuzz;
    None when HarfBuzz or its subsetter cannot be loaded or fails."""
    import ctypes  # only when a face is made, once per machine

    try:
        hb = ctypes.CDLL("libharfbuzz.so.0")
        subsetter = ctypes.CDLL("libharfbuzz-subset.so.0")
    except OSError:
        return None
    pointer = ctypes.c_void_p
    for library, name, result, arguments in (
            (hb, "hb_blob_create_from_file_or_fail", pointer, [ctypes.c_char_p]),
            (hb, "hb_face_create", pointer, [pointer, ctypes.c_uint]),
            (hb, "hb_set_add", None, [pointer, ctypes.c_uint32]),
            (hb, "hb_face_reference_blob", pointer, [pointer]),
            (hb, "hb_blob_get_data", pointer, [pointer, ctypes.POINTER(ctypes.c_uint)]),
            (hb, "hb_blob_destroy", None, [pointer]),
            (hb, "hb_face_destroy", None, [pointer]),
            (subsetter, "hb_subset_input_create_or_fail", pointer, []),
            (subsetter, "hb_subset_input_unicode_set", pointer, [pointer]),
            (subsetter, "hb_subset_or_fail", pointer, [pointer, pointer]),
            (subsetter, "hb_subset_input_destroy", None, [pointer])):
        function = getattr(library, name, None)
        if function is None:
            return None
        function.restype, function.argtypes = result, arguments
    blob = hb.hb_blob_create_from_file_or_fail(os.fsencode(source))
    if not blob:
        return None
    face = hb.hb_face_create(blob, index)
    wanted = subsetter.hb_subset_input_create_or_fail()
    try:
        if not wanted:
            return None
        unicodes = subsetter.hb_subset_input_unicode_set(wanted)
        for character in characters:
            hb.hb_set_add(unicodes, character)
        light = subsetter.hb_subset_or_fail(face, wanted)
        if not light:
            return None
        out = hb.hb_face_reference_blob(light)
        size = ctypes.c_uint()
        data = ctypes.string_at(hb.hb_blob_get_data(out, ctypes.byref(size)), size.value)
        hb.hb_blob_destroy(out)
        hb.hb_face_destroy(light)
        return data or None
    finally:
        if wanted:
            subsetter.hb_subset_input_destroy(wanted)
        hb.hb_face_destroy(face)
        hb.hb_blob_destroy(blob)
