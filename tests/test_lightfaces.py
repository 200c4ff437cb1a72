"""The lighter face of the Chinese font (reportgen.lightfaces): made once into the user's
cache folder, set first, with the installed face behind it for rarer characters."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reportgen.languages import LANGUAGES
from reportgen.lightfaces import _common_characters, light_faces

EDITIONS = Path(__file__).resolve().parent / "editions"
#: a character outside GB 2312 (the traditional form of 们), which the installed face has
RARE = "們"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
                                reason="needs poppler-utils (pdftotext, pdffonts)")


@pytest.fixture(scope="module")
def chinese_store(tmp_path_factory):
    from reportgen.scriptfonts import installed_families

    if not installed_families("zh"):
        pytest.skip("needs a Chinese font and fontconfig (apt install fonts-noto-cjk fontconfig)")
    root = tmp_path_factory.mktemp("chinese")
    shutil.copytree(EDITIONS / "content", root / "content")
    block = root / "content/blocks/cop-tenth.yml"
    text = block.read_text(encoding="utf-8")
    block.write_text(text.replace("通过了关于议定书的第10/5号决议。",
                                  f"通过了关于议定书的第10/5号决议（代表{RARE}一致同意）。", 1),
                     encoding="utf-8")
    assert RARE in block.read_text(encoding="utf-8")
    return root


def _build(root: Path, monkeypatch, cache: Path) -> Path:
    from click.testing import CliRunner

    from reportgen.cli import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--lang", "zh", "--kind",
                                       "report", "--format", "pdf", "--force", "-q"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "build" / "2020-2022" / "report.zh.pdf"


def _fonts(pdf: Path) -> set[str]:
    listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    return {line.split()[0].split("+", 1)[-1] for line in listed}


@pytest.mark.slow
def test_lighter_faces_are_made_once_and_set_first(chinese_store, monkeypatch, tmp_path):
    pdf = _build(chinese_store, monkeypatch, tmp_path)
    made = sorted((tmp_path / "reportgen" / "fonts").glob("*.otf"))
    assert [p.name.split("-")[1] for p in made] == ["Bold", "Regular"]
    stamps = [p.stat().st_mtime_ns for p in made]
    fonts = _fonts(pdf)
    assert {"Noto-Serif-CJK-SC-Common", "Noto-Serif-CJK-SC-Common-Bold"} <= fonts, fonts
    # the rare character is set from the installed face, and read back as itself
    assert "Noto-Serif-CJK-SC" in fonts, fonts
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert f"代表{RARE}一致同意" in text.replace("\n", "")
    _build(chinese_store, monkeypatch, tmp_path)
    assert [p.stat().st_mtime_ns for p in made] == stamps
    records = [p.with_name(p.name + ".sha256") for p in made]  # each face's size and fingerprint
    assert sorted((tmp_path / "reportgen" / "fonts").iterdir()) == sorted(made + records)  # nothing left half-made


@pytest.mark.slow
def test_without_a_cache_folder_the_installed_face_is_used_alone(chinese_store, monkeypatch,
                                                                 tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    pdf = _build(chinese_store, monkeypatch, blocked)
    fonts = _fonts(pdf)
    assert not any(name.startswith("Noto-Serif-CJK-SC-Common") for name in fonts), fonts
    assert "Noto-Serif-CJK-SC" in fonts
    plain = pdf.stat().st_size
    lighter = _build(chinese_store, monkeypatch, tmp_path / "cache").stat().st_size
    assert lighter < plain * 0.7, (lighter, plain)  # a smaller font program for each weight


def test_the_common_characters_are_gb2312_latin_and_punctuation():
    kept = set(_common_characters())
    assert 7_400 < len(kept) < 8_400
    assert {ord(c) for c in "的国会议，。、“”《》（）：；A z é–—0"} <= kept
    assert ord(RARE) not in kept


@pytest.mark.parametrize("code", ["en", "fr", "es", "ru", "ar"])
def test_only_chinese_has_lighter_faces(code, tmp_path):
    assert light_faces(LANGUAGES[code], tmp_path) == {}
    assert not any(tmp_path.iterdir())


def test_no_face_is_cut_where_it_cannot_be_kept(tmp_path, monkeypatch):
    """Without a cache folder the build does not spend half a second cutting faces it
    would throw away, on every Chinese PDF."""
    import reportgen.lightfaces as lightfaces
    from reportgen.scriptfonts import installed_families

    if not installed_families("zh"):
        pytest.skip("needs a Chinese font and fontconfig (apt install fonts-noto-cjk fontconfig)")
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setattr(lightfaces, "_subset", lambda *args: pytest.fail("cut a face it cannot keep"))
    assert light_faces(LANGUAGES["zh"], blocked / "fonts") == {}
