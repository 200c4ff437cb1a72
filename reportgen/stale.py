"""Which files already in a period folder a new build keeps.

The period's manifest lists every file reportgen wrote there.  A build makes some kinds
of document in some formats; an old output of a kind and format it made, but that it did
not make again (a press release renamed, re-dated or deleted), is stale and goes.  Old
outputs of kinds or formats this build did not make stay, listed in the new manifest as
before.  A file the manifest does not list was not written by reportgen: it is never
deleted, and the build names it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from .fingerprint import MANIFEST, Manifest
from .languages import CODES, Language, language
from .output import KINDS
from .outputname import OutputName

#: what other reportgen commands write into a period folder (``redline``): theirs to
#: replace, never removed or named by a build
OTHER_COMMANDS_OUTPUTS = frozenset({"report.redline.html", "report.redline.docx"})


@dataclass
class OldFiles:
    """The verdict on a period folder's existing files."""

    stale: list[str] = field(default_factory=list)    # reportgen's, no longer made: removed
    foreign: list[str] = field(default_factory=list)  # not reportgen's: kept, untouched


def sort_old_files(folder: Path, manifest: Manifest, made: Collection[str],
                   kinds: Collection[str], formats: Collection[str],
                   languages: Collection[Language] = (),
                   original: Language | None = None) -> OldFiles:
    """Sort the files of ``folder`` that this build does not write again (``made``); only
    editions in ``languages`` are this build's to remove (``original`` is the language
    of the original, whose files name no language)."""
    verdict = OldFiles()
    languages = set(languages) or {original}
    for name in sorted(manifest.outputs):
        output = listed_output(manifest, name)
        if (name not in made and output is not None and output.kind in kinds
                and output.format in formats and output.in_language(original) in languages):
            verdict.stale.append(name)
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            name = path.name
            if (name not in made and name != MANIFEST and name not in manifest.outputs
                    and name not in OTHER_COMMANDS_OUTPUTS):
                verdict.foreign.append(name)
    return verdict


def listed_output(manifest: Manifest, name: str) -> OutputName | None:
    """What output ``name`` of the manifest is: as its build recorded it, or for a
    manifest written by an earlier version (which listed only file names), as its
    name says; None for a name of no known kind."""
    return manifest.output_name(name) or _earlier_listing(name)


def _earlier_listing(name: str) -> OutputName | None:
    """Only for entries of earlier manifests, which kept nothing but the file name."""
    stem, _, fmt = name.rpartition(".")
    document, _, code = stem.rpartition(".")
    if not (document and code in CODES):
        document, code = stem, None
    kind = next((k for k in KINDS if document == k or document.startswith(k + "-")), None)
    return OutputName(kind, document, language(code) if code else None,
                      fmt) if kind and fmt else None
