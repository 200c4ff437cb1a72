"""A generated store with many footnotes, to try the PDF's placing of notes.

Deterministic (a fixed seed): 120 notes in 40 paragraphs of very different lengths, some
longer than a page, with calls at the start, middle and end of paragraphs, and notes of
one to six lines.  Every call follows a marker word ``callNx`` and every note starts
with ``noteNx``, so each can be found in the PDF's text.
"""

from __future__ import annotations

import random
import shutil
import textwrap
from pathlib import Path

WORDS = ("the Working Group considered cooperation among States on investigations and "
         "prosecutions of migrant smuggling cases including financial flows data protection "
         "and assistance to smuggled migrants in transit and destination countries").split()
NOTES = 120
PARAGRAPHS = 40


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def make_store(root: Path, source: Path) -> None:
    """The shipped workspace at ``source`` with its blocks and documents replaced."""
    for name in ("content", "templates"):
        shutil.copytree(source / name, root / name)
    shutil.rmtree(root / "content/blocks")
    shutil.rmtree(root / "content/documents")
    rng = random.Random(15)
    note = 0
    for p in range(1, PARAGRAPHS + 1):
        calls = 3
        length = rng.choice((40, 90, 160, 260, 420, 700))  # words: two lines to beyond a page
        slots = sorted(rng.sample(range(4, length), calls - 1)) + [length]  # one call at the end
        text, notes, at = [f"start{p}"], [], 0
        for slot in slots:
            note += 1
            text.append(_words(rng, slot - at))
            text.append(f"call{note}x[^n{note}]")
            at = slot
            notes.append((f"n{note}", f"note{note}x " + _words(rng, rng.choice((8, 30, 60, 120)))))
        text.append(f"end{p}.")
        lines = [f"id: stress-{p:03d}", "place: introduction", "period: 2020-2022",
                 f"order: {p}", "text: |"]
        lines += ["  " + line for line in textwrap.wrap(" ".join(text), 88,
                                                          break_on_hyphens=False)]
        lines.append("footnotes:")
        lines += [f"  {label}: {text!r}" for label, text in notes]
        path = root / f"content/blocks/stress/stress-{p:03d}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert note == NOTES
