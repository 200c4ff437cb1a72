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
from .languages import CODES
from .output import KINDS

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
                   languages: Collection[str] = (), original: str = "") -> OldFiles:
    """Sort the files of ``folder`` that this build does not write again (``made``); only
    editions in ``languages`` are this build's to remove (``original`` is the language
    of files with no language in their name)."""
    verdict = OldFiles()
    languages = set(languages or (original,))
    for name in sorted(manifest.outputs):
        if (name not in made and _kind_of(name) in kinds and _format_of(name) in formats
                and _language_of(name, original) in languages):
            verdict.stale.append(name)
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            name = path.name
            if (name not in made and name != MANIFEST and name not in manifest.outputs
                    and name not in OTHER_COMMANDS_OUTPUTS):
                verdict.foreign.append(name)
    return verdict


def _kind_of(name: str) -> str | None:
    stem = name.split(".", 1)[0]
    return next((kind for kind in KINDS if stem == kind or stem.startswith(kind + "-")), None)


def _language_of(name: str, original: str) -> str:
    """'fr' for 'report.fr.pdf'; ``original`` for 'report.pdf'."""
    parts = name.split(".")
    return parts[-2] if len(parts) > 2 and parts[-2] in CODES else original


def _format_of(name: str) -> str:
    return name.rsplit(".", 1)[-1]
