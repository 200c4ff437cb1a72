"""Text that no output can carry is an error at its file and line; text that would read
otherwise than its source is warned about; messages show invisible characters escaped."""

from __future__ import annotations

import pytest
from conftest import write

from reportgen.errors import printable
from reportgen.textchars import not_carried, overrides_outside_rtl

NEW = "content/blocks/conclusions/new-one.yml"


def _block(text_line: str, *, footnotes: str = "") -> str:
    return ("id: new-one\nplace: conclusions\nperiod: 2022-2024\norder: 20\n"
            f"{text_line}\n{footnotes}")


@pytest.mark.parametrize("escape, shown", [
    ("\\uFFFE", "\\ufffe"), ("\\uFFFF", "\\uffff"),
    ("\\U0010FFFF", "\\U0010ffff"), ("\\uFDD0", "\\ufdd0"),
])
def test_a_character_no_output_can_carry_is_an_error_in_check(run, workspace, escape, shown):
    write(workspace / NEW, _block(f'text: "Before {escape} after."'))
    result = run("check", "--root", str(workspace))
    assert result.exit_code == 1
    assert (f"{NEW}:5: error: the text holds {shown}, which no output can carry; remove it"
            in result.output.splitlines())


@pytest.mark.parametrize("field, content", [
    ("a footnote", _block("text: A call.[^a]", footnotes='footnotes:\n  a: "Note \\uFFFE."\n')),
    ("a key", _block("text: A call.[^a]", footnotes='footnotes:\n  "a\\uFFFF": Note.\n')),
])
def test_every_field_follows_the_same_rule(run, workspace, field, content):
    write(workspace / NEW, content)
    result = run("check", "--root", str(workspace))
    assert result.exit_code == 1, field
    assert any(line.startswith(f"{NEW}:7: error: the text holds \\uff")
               for line in result.output.splitlines()), result.output


def test_the_series_title_follows_the_same_rule_in_build(run, workspace, tmp_path):
    series = workspace / "content/series.yml"
    lines = series.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = 'title: "Activities \\uFFFE of the Office"\n'
    series.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", "--root", str(workspace), "--format", "docx", "--out", str(out),
                 "--period", "2022-2024")
    assert result.exit_code == 1
    assert ("content/series.yml:2: error: the text holds \\ufffe, which no output can carry; "
            "remove it") in result.output.splitlines()
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.rglob("*.docx"))


def test_a_markdown_baseline_with_control_characters_is_refused_at_its_line(run, workspace,
                                                                             tmp_path):
    baseline = tmp_path / "old.md"
    baseline.write_text("# Report\n\nI. Introduction\n\n1. A \x07bell and \ufffe here.\n",
                        encoding="utf-8")
    result = run("redline", str(baseline), "--period", "2022-2024", "--root", str(workspace),
                 "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{baseline}:5: error: holds \\x07, a control character; remove it" in lines
    assert f"{baseline}:5: error: holds \\ufffe, a character no output can carry; remove it" in lines
    assert "Traceback" not in result.output


def test_overrides_outside_right_to_left_text_are_warned_about(run, workspace):
    write(workspace / NEW, _block('text: "The fee is \\u202E0001\\u202C USD."'))
    result = run("check", "--root", str(workspace))
    assert (f"{NEW}:5: warning: the text holds bidirectional override characters (\\u202c, "
            "\\u202e) outside right-to-left text: it would print in another order than it "
            "reads here; remove them") in result.output.splitlines()


def test_isolates_in_right_to_left_text_are_ordinary():
    assert overrides_outside_rtl("\u0627\u0644\u0639\u062f\u062f \u2066A/75/1\u2069") == []
    assert overrides_outside_rtl("A \u2066x\u2069") == ["\u2066", "\u2069"]


def test_not_carried_finds_each_plane_noncharacter_but_not_ordinary_text():
    assert not_carried("A plain \u00e9t\u00e9 \U0001F600 text") == []
    assert not_carried("x\U0001FFFEy\U0010FFFF") == ["\U0001fffe", "\U0010ffff"]


def test_messages_show_invisible_characters_escaped(run, workspace):
    assert printable("intro\u200bduction\u2060\ufeff\u2028") == (
        "intro\\u200bduction\\u2060\\ufeff\\u2028")
    write(workspace / NEW, _block("text: See [there](ref:intro\u200bduction).")
          .replace("id: new-one", "id: new-one\u200d"))
    result = run("check", "--root", str(workspace))
    assert result.exit_code == 1
    assert "new-one\\u200d" in result.output
    assert "\u200b" not in result.output and "\u200d" not in result.output


# -- control characters: an error at their line, whatever the field, in check and build ---

def _escape_in(workspace, rel: str, old: str, new: str) -> None:
    path = workspace / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(workspace, rel: str, needle: str) -> int:
    lines = (workspace / rel).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


FIELDS = {
    "block text": (NEW, None, None),
    "series title": ("content/series.yml", "title: Activities of the United Nations Office",
                     'title: "Activities \\a of the United Nations Office'),
    "fact source": ("content/facts.yml", "source: United Nations Treaty Collection, status",
                    'source: "United Nations \\e[2J Treaty Collection, status'),
    "period venue": ("content/periods/2022-2024.yml", "venue: Vienna", 'venue: "Vie\\x7fnna"'),
    "brief title": ("content/documents/brief-2022-2024.yml",
                    "title: \"Countering the smuggling", "title: \"Countering\\b the smuggling"),
    "statement speaker": ("content/documents/wg-ninth-meeting-opening-2022.yml",
                          'name: "Mr. Ilias Chatzis"', 'name: "Mr.\\x00 Ilias Chatzis"'),
    "footnote": (NEW, None, None),
}


def _plant(workspace, field: str) -> tuple[str, int, str]:
    """Put a control character in ``field``; the file, line and character shown."""
    rel, old, new = FIELDS[field]
    if field == "block text":
        write(workspace / NEW, _block('text: "A \\e[31mred\\a paragraph."'))
        return NEW, 5, "\\x07, \\x1b"
    if field == "footnote":
        write(workspace / NEW, _block("text: A call.[^a]",
                                      footnotes='footnotes:\n  a: "A\\n\n    note \\v here."\n'))
        return NEW, 8, "\\x0b"
    if (new.count('"') - old.count('"')) % 2:  # quotes opened: close them at the line's end
        path = workspace / rel
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        at = next(i for i, line in enumerate(lines) if old in line)
        lines[at] = lines[at].replace(old, new, 1).rstrip("\n") + '"\n'
        path.write_text("".join(lines), encoding="utf-8")
    else:
        _escape_in(workspace, rel, old, new)
    shown = {"series title": "\\x07", "fact source": "\\x1b", "period venue": "\\x7f",
             "brief title": "\\x08", "statement speaker": "\\x00"}[field]
    return rel, _line_of(workspace, rel, new.split("\\")[0]), shown


@pytest.mark.slow
@pytest.mark.parametrize("field", list(FIELDS))
def test_a_control_character_is_an_error_at_its_line_in_check(run, workspace, field):
    rel, line, shown = _plant(workspace, field)
    result = run("check", "--root", str(workspace))
    assert result.exit_code == 1, result.output
    assert (f"{rel}:{line}: error: the text holds {shown}, which no output can carry; "
            "remove it") in result.output.splitlines(), result.output
    assert "\x1b" not in result.output and "\x07" not in result.output


@pytest.mark.slow
@pytest.mark.parametrize("field", ["footnote", "series title", "brief title"])
def test_a_control_character_is_an_error_in_build_and_nothing_is_written(run, workspace,
                                                                         tmp_path, field):
    rel, line, shown = _plant(workspace, field)
    out = tmp_path / "out"
    result = run("build", "--root", str(workspace), "--format", "docx", "--format", "md",
                 "--out", str(out), "--period", "2022-2024")
    assert result.exit_code == 1, result.output
    assert (f"{rel}:{line}: error: the text holds {shown}, which no output can carry; "
            "remove it") in result.output.splitlines(), result.output
    assert "Traceback" not in result.output
    assert not out.exists() or not any(p.is_file() for p in out.rglob("*"))


def test_tabs_line_breaks_and_escaped_carriage_returns_are_ordinary_text(run, workspace):
    write(workspace / NEW, _block('text: "A\\ttabbed\\r\\nline and\\ranother."'))
    result = run("check", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    assert not [line for line in result.output.splitlines() if line.startswith(NEW)]


@pytest.mark.slow
def test_a_git_baseline_with_a_control_character_is_named_with_its_line(run, workspace,
                                                                         tmp_path):
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    write(workspace / NEW, _block('text: "An old\n  paragraph \\e[2J here."'))

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(workspace), "-c", "user.name=t",
                        "-c", "user.email=t@t.invalid", *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "old")
    (workspace / NEW).unlink()
    result = run("redline", "git:HEAD", "--period", "2022-2024", "--root", str(workspace),
                 "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert (f"git:HEAD:{NEW}:6: error: the text holds \\x1b, which no output can carry; "
            "remove it") in result.output.splitlines(), result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_a_word_baseline_with_a_control_character_is_refused_at_its_paragraph(run, workspace,
                                                                               tmp_path):
    import zipfile

    from reportgen.build import build

    build(workspace, ["2022-2024"], formats=("docx",), kinds=("report",), force=True)
    report = workspace / "build/2022-2024/report.docx"
    baseline = tmp_path / "old.docx"
    with zipfile.ZipFile(report) as old, zipfile.ZipFile(baseline, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            if name == "word/document.xml":
                start = data.index(b"<w:body>")
                at = data.index(b"<w:t>", data.index(b'w:val="Numbered', start)) + len(b"<w:t>")
                data = data[:at] + "\u0085".encode() + data[at:]
                paragraph = data[start:at].count(b"<w:p>") + data[start:at].count(b"<w:p ")
            new.writestr(name, data)
    result = run("redline", str(baseline), "--period", "2022-2024", "--root", str(workspace),
                 "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        f"{baseline}: error: paragraph {paragraph} holds \\x85, a character no output can "
        "carry; remove it"]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.docx"))
