"""Translations older than their source: named by check and build, printed as untranslated
(or kept with --stale keep), and editions left in build/ from before the last original
build named in the build summary."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.provenance import fingerprint

EDITIONS = Path(__file__).resolve().parent / "editions"
ENGLISH = ("At its tenth session, held in Vienna from 12 to 16 October 2020, the Conference "
           "adopted resolution 10/5 on the Protocol.[^cop]\n")


@pytest.fixture
def store(tmp_path) -> Path:
    shutil.copytree(EDITIONS / "content", tmp_path / "content")
    block = tmp_path / "content/blocks/cop-tenth.yml"
    text = block.read_text(encoding="utf-8")
    # the French translation records the source it was made from
    text = text.replace("      cop: Voir CTOC/COP/2020/10.\n",
                        "      cop: Voir CTOC/COP/2020/10.\n"
                        f"    sources:\n      text: {fingerprint(ENGLISH)}\n")
    block.write_text(text, encoding="utf-8")
    return tmp_path


def _change_the_english(store: Path) -> None:
    block = store / "content/blocks/cop-tenth.yml"
    block.write_text(block.read_text(encoding="utf-8").replace(
        "the Conference adopted resolution 10/5", "the Conference adopted its resolution 10/5"),
        encoding="utf-8")


def _french(store: Path) -> str:
    return (store / "build/2020-2022/report.fr.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_current_translation_is_printed_without_a_word(store, run):
    result = run("build", "--root", str(store), "--lang", "fr", "--format", "md")
    assert result.exit_code == 0, result.output
    assert "older than its source" not in result.output
    assert "5. À sa dixième session" in _french(store)


@pytest.mark.slow
def test_a_translation_older_than_its_source_is_named_and_printed_as_untranslated(store, run):
    _change_the_english(store)
    result = run("build", "--root", str(store), "--lang", "fr", "--format", "md")
    assert result.exit_code == 0, result.output
    assert ("content/blocks/cop-tenth.yml:10: warning: the French translation of block "
            "'cop-tenth' (text) is older than its source, which has changed since it was "
            "translated; the French edition prints the original, marked [non traduit]"
            ) in result.output
    assert "have no French" not in result.output  # stale, not missing: said once
    assert ("5. \\[non traduit\\] At its tenth session, held in Vienna from 12 to 16 October "
            "2020, the Conference adopted its resolution 10/5") in _french(store)
    checked = run("check", "--root", str(store))
    assert "content/blocks/cop-tenth.yml:10: warning: the French translation of block " \
           "'cop-tenth' (text) is older than its source" in checked.output


def test_stale_keep_prints_the_old_translation(store, run):
    _change_the_english(store)
    result = run("build", "--root", str(store), "--lang", "fr", "--format", "md",
                 "--stale", "keep")
    assert result.exit_code == 0, result.output
    assert "the French edition prints it anyway (--stale keep)" in result.output
    assert "5. À sa dixième session" in _french(store)


@pytest.mark.slow
def test_an_edition_older_than_the_original_build_is_named(store, run):
    assert run("build", "--root", str(store), "--lang", "fr", "--format", "md").exit_code == 0
    _change_the_english(store)
    result = run("build", "--root", str(store), "--format", "md")
    assert result.exit_code == 0, result.output
    assert (f"{store / 'build' / '2020-2022'}: the French edition (report.fr.md) was built "
            "before this build of the English original, and may not say what it now says; "
            "rebuild it with --lang fr") in result.output
    again = run("build", "--root", str(store), "--lang", "en", "--lang", "fr", "--format", "md")
    assert "was built before" not in again.output
