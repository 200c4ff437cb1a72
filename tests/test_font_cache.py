"""The font cache is not trusted by name: a cached lighter face is checked against the
size and fingerprint recorded when it was made, opened without following links, and made
again with one warning when it is not that face."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reportgen.languages import LANGUAGES
from reportgen.lightfaces import cache_folder, light_faces

ZH = LANGUAGES["zh"]


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """A cache folder holding freshly made faces, to copy from."""
    from reportgen.scriptfonts import installed_families

    if not installed_families("zh"):
        pytest.skip("needs a Chinese font and fontconfig (apt install fonts-noto-cjk fontconfig)")
    folder = tmp_path_factory.mktemp("made") / "fonts"
    if not light_faces(ZH, folder):
        pytest.skip("HarfBuzz's subsetter is not installed")
    return folder


@pytest.fixture
def cache(made, tmp_path) -> Path:
    folder = tmp_path / "fonts"
    shutil.copytree(made, folder)
    return folder


def _faces(folder: Path, warnings: list[str]) -> dict[str, Path]:
    return light_faces(ZH, folder, warn=warnings.append)


def _verified(faces: dict[str, Path], made: Path) -> None:
    assert faces
    for face in faces.values():
        assert not face.is_symlink()
        assert face.read_bytes() == (made / face.name).read_bytes()


@pytest.mark.slow
def test_a_verified_cache_is_used_silently(cache, made):
    warnings: list[str] = []
    faces = _faces(cache, warnings)
    assert warnings == []
    _verified(faces, made)
    assert sorted(p.name for p in cache.iterdir()) == sorted(p.name for p in made.iterdir())


@pytest.mark.slow
@pytest.mark.parametrize("spoil, said", [
    (lambda face: face.write_bytes(face.read_bytes()[:1000]),
     "is smaller than when it was made (truncated)"),
    (lambda face: face.write_bytes(bytes(len(face.read_bytes()))),
     "is not the face that was made (its fingerprint differs)"),
    (lambda face: face.write_bytes(face.read_bytes() + b"x"), "is larger than when it was made"),
    (lambda face: (face.unlink(), face.symlink_to("/etc/hostname")),
     "is a symbolic link; links are not followed"),
    (lambda face: (face.unlink(), face.mkdir()), "is a folder where a file is expected"),
    (lambda face: face.with_name(face.name + ".sha256").unlink(),
     "has no record of its size and fingerprint"),
])
def test_a_spoilt_face_is_made_again_with_one_warning(cache, made, spoil, said):
    regular = next(cache.glob("*Regular*.otf"))
    spoil(regular)
    warnings: list[str] = []
    faces = _faces(cache, warnings)
    if "folder" in said:  # a folder in its place cannot be removed as a file
        assert warnings == [f"{regular}: the cached font {said} and cannot be removed; the "
                            "installed font is used alone"]
        assert faces == {}
        return
    assert warnings == [f"{regular}: the cached font {said}; it is made again"]
    _verified(faces, made)
    again: list[str] = []
    _faces(cache, again)
    assert again == []


def test_a_linked_cache_folder_is_not_used(made, tmp_path):
    (tmp_path / "reportgen").mkdir()
    (tmp_path / "reportgen" / "fonts").symlink_to(made, target_is_directory=True)
    warnings: list[str] = []
    assert light_faces(ZH, tmp_path / "reportgen" / "fonts", warn=warnings.append) == {}
    assert warnings == [f"{tmp_path / 'reportgen' / 'fonts'}: the font cache is a symbolic "
                        "link and is not used; the installed font Noto Serif CJK SC is used alone"]


@pytest.mark.parametrize("value", ["cache", "./cache", "relative/cache", ""])
def test_a_relative_xdg_cache_home_is_ignored(monkeypatch, value):
    monkeypatch.setenv("XDG_CACHE_HOME", value)
    assert cache_folder() == Path.home() / ".cache" / "reportgen" / "fonts"


def test_an_absolute_xdg_cache_home_is_used(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "reportgen" / "fonts"
    assert os.path.isabs(cache_folder())
