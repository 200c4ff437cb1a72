"""How ``merge --apply`` writes: every file synced before any is replaced, the syncs at
once, each folder synced once after its renames; and the word-by-word alignment of an
edit, which sets the common start and end aside first, gives the same edits."""

from __future__ import annotations

import os
import random
from difflib import SequenceMatcher

from reportgen.merge import yamledit
from reportgen.merge.textpatch import opcodes, word_edits


def test_every_file_is_synced_before_it_replaces_its_target_and_each_folder_once(
        tmp_path, monkeypatch):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    (first / "one.yml").write_text("id: one\n", encoding="utf-8")
    texts = {first / "one.yml": "id: one\ntext: new\n", first / "two.yml": "id: two\n",
             second / "three.yml": "id: three\n"}
    synced: list[str] = []
    real = os.fsync

    def recording(fd):
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        return real(fd)

    monkeypatch.setattr(os, "fsync", recording)
    yamledit.write_all(texts)
    assert {path: path.read_text(encoding="utf-8") for path in texts} == texts
    files = [name for name in synced if not os.path.isdir(name)]
    folders = [name for name in synced if os.path.isdir(name)]
    assert len(files) == 3 and all(".merge" in name for name in files)  # before the renames
    assert sorted(folders) == sorted([str(first), str(second)])
    assert sorted(p.name for p in first.iterdir()) == ["one.yml", "two.yml"]  # no leftovers


def test_a_failed_sync_changes_no_file(tmp_path, monkeypatch):
    (tmp_path / "one.yml").write_text("id: one\n", encoding="utf-8")
    texts = {tmp_path / "one.yml": "id: one\ntext: new\n", tmp_path / "two.yml": "id: two\n"}
    calls = {"n": 0}
    real = os.fsync

    def failing(fd):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        return real(fd)

    monkeypatch.setattr(os, "fsync", failing)
    try:
        yamledit.write_all(texts)
    except OSError as exc:
        assert exc.filename in {str(p) for p in texts}  # the file it was writing
    else:
        raise AssertionError("the failed sync was not raised")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.yml"]
    assert (tmp_path / "one.yml").read_text(encoding="utf-8") == "id: one\n"


def test_setting_the_common_ends_aside_gives_a_valid_alignment_and_the_same_edits():
    rng = random.Random(7)
    words = ["the", "report", "of", "parties", " ", ",", "States", "150", "protocol"]
    for _ in range(400):
        a = [rng.choice(words) for _ in range(rng.randint(0, 40))]
        b = list(a)
        for _ in range(rng.randint(0, 3)):
            at = rng.randint(0, len(b))
            b[at:at + rng.randint(0, 2)] = [rng.choice(words + ["edited"])
                                            for _ in range(rng.randint(0, 2))]
        ops = opcodes(a, b)
        rebuilt = []
        for tag, i1, i2, j1, j2 in ops:
            if tag == "equal":
                assert a[i1:i2] == b[j1:j2]
            rebuilt += a[i1:i2] if tag == "equal" else b[j1:j2]
        assert rebuilt == b
        plain = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        changed = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag != "equal")
        assert changed <= sum(i2 - i1 for tag, i1, i2, _, _ in plain if tag != "equal")
    old = "The Conference of the Parties, at its tenth session, adopted resolution 10/4."
    new = "The Conference of the Parties, at its eleventh session, adopted resolution 10/4."
    assert [(e.start, e.end, e.text) for e in word_edits(old, new)] == [(37, 43, " eleventh")]
