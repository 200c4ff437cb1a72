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
from collections.abc import Callable
from pathlib import Path

from .languages import Language
from .plainfiles import FileTooLarge, NotPlainFile, linked_folder, read_plain

#: changes whenever the characters kept change, so that older faces are not reused
_EDITION = "gb2312-1"
#: the family the print stylesheet gives a language's lighter face (templates/fonts.css)
LIGHT_FAMILY = {"zh": "Noto Serif CJK SC Common"}
#: fontconfig weights of the two faces a document uses
WEIGHTS = (("normal", 80), ("bold", 200))


def cache_folder() -> Path:
    """Where lighter faces are kept: $XDG_CACHE_HOME/reportgen/fonts (~/.cache/...).  A
    relative XDG_CACHE_HOME is ignored, as the XDG rules say: it would put faces into
    whatever folder the command runs in."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):
        base = str(Path.home() / ".cache")
    return Path(base) / "reportgen" / "fonts"


def light_faces(lang: Language, folder: Path | None = None,
                warn: Callable[[str], None] | None = None) -> dict[str, Path]:
    """The lighter face of each weight ("normal", "bold") of ``lang``'s installed font,
    made now if the cache does not hold it yet; empty for a language whose font is
    bundled (all but Chinese), or when a face cannot be found or made.  A cached face
    that is not the one made (another size or fingerprint, a link, not a file) is made
    again, or skipped, with one line to ``warn``."""
    if lang.font_package is None or lang.code != "zh":  # the characters kept are Chinese
        return {}
    folder = folder or cache_folder()
    warn = warn or (lambda line: None)
    linked = linked_folder(folder.parent.parent, folder)
    if linked is not None:
        warn(f"{linked}: the font cache is a symbolic link and is not used; the installed "
             f"font {lang.font} is used alone")
        return {}
    installed = _installed_faces(lang.font)
    faces = {}
    for weight, value in WEIGHTS:
        face = _light_face(*installed[value], folder, warn) if value in installed else None
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


def _light_face(source: Path, index: int, folder: Path,
                warn: Callable[[str], None]) -> Path | None:
    """The cached lighter face of face ``index`` of ``source``, made if missing or not
    the face that was made."""
    try:
        status = source.stat()
    except OSError:
        return None
    key = hashlib.sha256(f"{source}|{index}|{status.st_size}|{status.st_mtime_ns}|{_EDITION}"
                         .encode()).hexdigest()[:16]
    target = folder / f"{source.stem}-{index}-{key}.otf"
    record = _record_of(target)
    if os.path.lexists(target) or os.path.lexists(record):
        problem = _unverified(target, record)
        if problem is None:
            return target
        try:
            for path in (target, record):
                if os.path.lexists(path):
                    os.unlink(path)  # a link is removed, never followed
        except OSError:
            warn(f"{target}: the cached font {problem} and cannot be removed; the installed "
                 "font is used alone")
            return None
        warn(f"{target}: the cached font {problem}; it is made again")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None  # checked first: a face that cannot be kept is not cut on every build
    data = _subset(source, index, _common_characters())
    if not data:
        return None
    fingerprint = f"{len(data)} {hashlib.sha256(data).hexdigest()}\n".encode("ascii")
    parts = []
    try:
        for path, content in ((record, fingerprint), (target, data)):  # the record first
            with tempfile.NamedTemporaryFile(dir=folder, suffix=".part", delete=False) as handle:
                parts.append(Path(handle.name))
                handle.write(content)
            os.replace(parts[-1], path)  # two builds making it at once both end with one file
    except OSError:
        for part in parts:
            part.unlink(missing_ok=True)
        return None
    return target


def _record_of(face: Path) -> Path:
    """The file beside a cached face that keeps its size and SHA-256 as made."""
    return face.with_name(face.name + ".sha256")


def _unverified(face: Path, record: Path) -> str | None:
    """Why the cached ``face`` is not the face that was made, or None if it is.  Both
    files are opened without following links."""
    try:
        recorded = read_plain(record, 200).decode("ascii").split()
        size, digest = int(recorded[0]), recorded[1]
    except (NotPlainFile, FileTooLarge) as exc:
        return f"record {exc.reason}"
    except FileNotFoundError:
        return "has no record of its size and fingerprint"
    except (OSError, UnicodeDecodeError, ValueError, IndexError):
        return "has an unreadable record of its size and fingerprint"
    try:
        data = read_plain(face, size)
    except NotPlainFile as exc:
        return exc.reason
    except FileTooLarge:
        return "is larger than when it was made"
    except FileNotFoundError:
        return "is missing"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if len(data) != size:
        return "is smaller than when it was made (truncated)"
    if hashlib.sha256(data).hexdigest() != digest:
        return "is not the face that was made (its fingerprint differs)"
    return None


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
