"""Links are not followed from the workspace root down: the folders at the top of the
workspace (content/, templates/, content/blocks, ...) and build/preview are refused when
they are links, for reading and for writing, by every command."""

from __future__ import annotations

import shutil

import pytest
from conftest import write

FOLDERS = ["content", "content/blocks", "content/periods", "content/documents", "templates"]


def _link_in_place(workspace, tmp_path, folder: str):
    """Move ``folder`` out of the workspace and put a link to it in its place."""
    elsewhere = tmp_path / "elsewhere" / folder.replace("/", "-")
    elsewhere.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(workspace / folder, elsewhere)
    (workspace / folder).symlink_to(elsewhere, target_is_directory=True)
    return elsewhere


@pytest.mark.parametrize("folder", FOLDERS)
def test_check_refuses_a_linked_folder_at_the_top(run, workspace, tmp_path, folder):
    _link_in_place(workspace, tmp_path, folder)
    result = run("check", "--root", str(workspace))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{folder}: error: is a symbolic link; links are not followed")


@pytest.mark.parametrize("folder", ["content/blocks", "templates"])
def test_build_refuses_a_linked_folder_and_writes_nothing(run, workspace, tmp_path, folder):
    _link_in_place(workspace, tmp_path, folder)
    out = tmp_path / "out"
    result = run("build", "--root", str(workspace), "--out", str(out), "--format", "md",
                 "--period", "2022-2024")
    assert result.exit_code == 1
    assert f"{folder}: error: is a symbolic link; links are not followed" in result.output
    assert "Traceback" not in result.output
    assert not any(out.rglob("*.md")) if out.exists() else True


def test_new_never_writes_through_a_linked_documents_folder(run, workspace, tmp_path):
    elsewhere = _link_in_place(workspace, tmp_path, "content/documents")
    before = sorted(p.name for p in elsewhere.iterdir())
    result = run("new", "press-release", "--id", "wg-tenth-2024", "--date", "2024-03-12",
                 "--root", str(workspace))
    assert result.exit_code == 1
    assert "content/documents: error: is a symbolic link; links are not followed" in result.output
    assert sorted(p.name for p in elsewhere.iterdir()) == before


def test_new_never_writes_through_a_linked_block_area(run, workspace, tmp_path):
    from reportgen.commands.new import NewBlockError, new_block
    from reportgen.content.store import load_store

    store, log = load_store(workspace)
    assert not log.errors
    elsewhere = _link_in_place(workspace, tmp_path, "content/blocks/conclusions")
    before = sorted(p.name for p in elsewhere.iterdir())
    with pytest.raises(NewBlockError) as caught:
        new_block(store, "conclusions", None, "fresh-one", "2022-2024")
    assert caught.value.format_message() == (
        "content/blocks/conclusions: error: is a symbolic link; links are not followed; "
        "nothing written")
    assert sorted(p.name for p in elsewhere.iterdir()) == before


def test_show_never_draws_through_a_linked_preview_folder(run, tmp_path):
    out = tmp_path / "build"
    write(out / "2022-2024/report.pdf", "not drawn")
    target = tmp_path / "target"
    target.mkdir()
    (out / "preview").symlink_to(target, target_is_directory=True)
    result = run("show", "--period", "2022-2024", "--out", str(out))
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"{out / 'preview'}: error: is a symbolic link; links are not followed; nothing drawn")
    assert list(target.iterdir()) == []


@pytest.mark.parametrize("period", ["../2022-2024", "/tmp", "2022-2024/../x"])
def test_show_takes_a_period_not_a_path(run, tmp_path, period):
    result = run("show", "--period", period, "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "is not a period such as 2020-2022" in result.output
