"""The documentation cannot drift: the reference is what the models give, and every
command of the tutorial runs."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from reportgen.reference import reference

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_the_reference_is_written_from_the_models():
    written = (DOCS / "reference.md").read_text(encoding="utf-8")
    assert written == reference(), ("docs/reference.md is out of date: run "
                                     "python -m reportgen.reference > docs/reference.md")
    from reportgen.content.models import Block, Period

    for model in (Period, Block):  # every key of the files writers edit most is listed
        for name in model.model_fields:
            assert f"| `{name}` |" in written


def tutorial_commands() -> list[str]:
    """The lines of the tutorial's shell blocks, comments left out."""
    text = (DOCS / "tutorial.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    return [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()
            if line.strip() and not line.strip().startswith("#")]


@pytest.mark.slow
def test_every_command_of_the_tutorial_runs(tmp_path, monkeypatch, run):
    commands = tutorial_commands()
    assert commands[0] == "reportgen init my-report" and len(commands) >= 8
    monkeypatch.chdir(tmp_path)
    for command in commands:
        words = shlex.split(command)
        if words[0] == "cd":
            monkeypatch.chdir(Path.cwd() / words[1])
        elif words[0] == "cp":
            shutil.copyfile(words[1], words[2])
        else:
            assert words[0] == "reportgen", command
            result = run(*words[1:])
            assert result.exit_code == 0, f"{command}\n{result.output}"
    assert (Path.cwd() / "build/2024-2026/report.redline.docx").is_file()
    assert (Path.cwd() / "content/periods/2026-2028.yml").is_file()
