"""What a build depends on, hashed, so unchanged outputs are not made again.

Two levels keep a rebuild cheap and never stale:

* the *inputs* fingerprint covers every file that can change an output (the content
  store, the workspace's and the built-in templates, stylesheets and fonts), the
  versions of reportgen and WeasyPrint, and the chosen formats.  When it matches a
  period's manifest and the outputs on disk are the ones the manifest lists, the period
  is skipped without even reading the content;
* otherwise the period is assembled and rendered to text again (cheap), and each PDF is
  laid out again only if the HTML it is made from, or a file it may load, changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from . import __version__
from .outputname import OutputName
from .plainfiles import digest_plain, read_plain, refusal, walk

MANIFEST = ".reportgen.json"
#: a manifest lists a period's outputs; a bigger one was not written by reportgen
_MANIFEST_LIMIT = 4 * 1024 * 1024


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def tree_digest(folders: list[Path], extra: list[str]) -> str:
    """One hash over the relative path and bytes of every file under ``folders``."""
    hasher = hashlib.sha256()
    for part in extra:
        hasher.update(_bytes(part) + b"\0")
    for folder in folders:
        if not folder.is_dir():
            continue
        hasher.update(os.fsencode(folder.resolve()) + b"\0")
        for path, info in walk(folder):
            if stat.S_ISDIR(info.st_mode):
                continue
            hasher.update(os.fsencode(path.relative_to(folder)) + b"\0")
            hasher.update(_entry_digest(path, info).encode())
    return hasher.hexdigest()


def _entry_digest(path: Path, info: os.stat_result) -> str:
    """A plain file's bytes, streamed; for anything else (a link, a pipe), what it is.

    Nothing is followed or opened that the loaders would refuse: they report it when the
    build reads the store."""
    reason = refusal(info)
    if reason is None:
        try:
            return digest_plain(path)
        except OSError as exc:  # changed or vanished meanwhile: the loaders will tell
            reason = str(exc)
    target = os.readlink(path) if stat.S_ISLNK(info.st_mode) else ""
    return _digest(_bytes(f"{reason}\0{target}\0{info.st_mtime_ns}\0{info.st_size}"))


def _bytes(text: str) -> bytes:
    """``text`` as bytes, a file name that is not UTF-8 (read as surrogate escapes)
    included: it is fingerprinted as the bytes it is, and reported by the loaders."""
    return text.encode("utf-8", "surrogateescape")


def _versions() -> list[str]:
    try:
        weasyprint = metadata.version("weasyprint")
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency
        weasyprint = "?"
    # SOURCE_DATE_EPOCH is written into the PDF's dates
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return [f"reportgen {__version__}", f"weasyprint {weasyprint}", f"epoch {epoch}"]


def inputs_digest(root: Path, template_dirs: list[Path], formats: tuple[str, ...]) -> str:
    """Fingerprint of everything a build of ``root`` reads."""
    return tree_digest([root / "content", *template_dirs],
                       _versions() + ["formats " + ",".join(sorted(formats))])


def assets_digest(template_dirs: list[Path]) -> str:
    """Fingerprint of the files a PDF may load (stylesheets, fonts, images)."""
    return tree_digest(template_dirs, _versions())


@dataclass
class Manifest:
    """build/<period>/.reportgen.json: how each output of the period was made."""

    folder: Path
    inputs: str = ""
    #: output name -> {"sha256": digest of the file, "source": digest of what made it,
    #: "output": what the file is (reportgen.outputname.OutputName's fields), and for a
    #: PDF "warnings": what the renderer said while laying it out}
    outputs: dict[str, dict] = field(default_factory=dict)
    #: the warnings of the build that made the period's outputs, as [path, line, message],
    #: so that a build skipped as up to date repeats them
    warnings: list[list] = field(default_factory=list)

    @classmethod
    def read(cls, folder: Path) -> "Manifest":
        try:
            data = json.loads(read_plain(folder / MANIFEST, _MANIFEST_LIMIT).decode("utf-8"))
            return cls(folder, str(data["inputs"]), dict(data["outputs"]),
                       [list(w) for w in data.get("warnings", [])])
        except (OSError, ValueError, KeyError, TypeError):
            return cls(folder)

    def to_bytes(self) -> bytes:
        data = {"inputs": self.inputs, "outputs": dict(sorted(self.outputs.items())),
                "warnings": self.warnings}
        return (json.dumps(data, indent=1) + "\n").encode("utf-8")

    def up_to_date(self, inputs: str, names: list[str]) -> bool:
        """True when the inputs are unchanged and every named output is intact on disk."""
        if self.inputs != inputs or not names:
            return False
        for name in names:
            entry = self.outputs.get(name)
            path = self.folder / name
            if entry is None or _digest_or_none(path) != entry["sha256"]:
                return False
        return True

    def reusable(self, name: str, source: str) -> bytes | None:
        """The existing output ``name`` if it was made from the same ``source``."""
        entry = self.outputs.get(name)
        path = self.folder / name
        if entry is None or entry.get("source") != source:
            return None
        try:
            data = read_plain(path)
        except OSError:
            return None
        return data if _digest(data) == entry["sha256"] else None

    def record(self, output: OutputName, data: bytes, source: str,
               warnings: list[str] = ()) -> None:
        name = output.file
        self.outputs[name] = {"sha256": _digest(data), "source": source,
                              "output": output.fields()}
        if warnings:
            self.outputs[name]["warnings"] = list(warnings)

    def output_name(self, name: str) -> OutputName | None:
        """What the listed output ``name`` is, as the build that made it recorded; None
        for an output a manifest of an earlier version lists without saying (see
        reportgen.stale)."""
        return OutputName.from_fields(self.outputs.get(name, {}).get("output") or {})

    def output_warnings(self, name: str) -> list[str]:
        """What the renderer said when it made output ``name``."""
        return list(self.outputs.get(name, {}).get("warnings", []))


def _digest_or_none(path: Path) -> str | None:
    try:
        return digest_plain(path)
    except OSError:  # missing, or not a plain file: not an intact output
        return None


def source_digest(*parts: str) -> str:
    return _digest("\0".join(parts).encode("utf-8"))
