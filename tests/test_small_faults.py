"""Smaller faults of the third hardening round, each reported once and where it is."""

from __future__ import annotations

import pytest
from conftest import write

NEW = "content/blocks/conclusions/new-one.yml"
BLOCK = "id: new-one\nplace: conclusions\nperiod: 2022-2024\norder: 20\n"


def test_one_bad_fact_value_is_one_error_not_one_per_quoting_block(run, workspace):
    facts = workspace / "content/facts.yml"
    text = facts.read_text(encoding="utf-8")
    assert "{{ fact.parties }}" in (workspace / "content/blocks/introduction/"
                                    "parties-2022-2024.yml").read_text(encoding="utf-8")
    facts.write_text(text.replace("    - value: 151\n", '    - value: "151 \\uFFFE"\n', 1),
                     encoding="utf-8")
    result = run("check", "--root", str(workspace))
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert errors == ["content/facts.yml:11: error: the text holds \\ufffe, which no output "
                      "can carry; remove it"]


@pytest.mark.parametrize("label", ["on", "no", "yes", "off", "true", "False"])
def test_a_footnote_label_read_as_yes_or_no_asks_for_quotes(run, workspace, label):
    write(workspace / NEW, BLOCK + f"text: A call.[^{label}]\nfootnotes:\n  {label}: A note.\n")
    result = run("check", "--root", str(workspace))
    assert result.exit_code == 1
    assert (f"{NEW}:7: error: the key {label} is read as a yes-or-no value, not as a name; "
            f"write it in quotes: '{label}'") in result.output.splitlines()
    assert "unknown footnote" not in result.output.lower()


def test_a_quoted_yes_or_no_label_is_a_label(run, workspace):
    write(workspace / NEW, BLOCK + "text: A call.[^on]\nfootnotes:\n  'on': A note.\n")
    result = run("check", "--root", str(workspace))
    assert NEW not in result.output


def test_a_translated_footnote_the_original_lacks_is_warned_about(run, workspace):
    write(workspace / NEW, BLOCK + "text: A call.[^a]\nfootnotes:\n  a: A note.\n"
          "translations:\n  fr:\n    text: Un appel.[^a]\n    footnotes:\n      a: Une note.\n"
          "      b: Une autre.\n")
    result = run("check", "--root", str(workspace))
    assert (f"{NEW}:13: warning: footnote 'b' of the fr translation is not a footnote of the "
            "original, so it is never printed; give it the original's label"
            in result.output.splitlines())


def test_import_into_a_full_disk_names_the_file_and_leaves_no_folder(run, tmp_path,
                                                                      monkeypatch):
    import errno
    from pathlib import Path

    from conftest import SEED_REPORT

    real_write = Path.write_text

    def full_disk(self, *args, **kwargs):
        if self.suffix == ".yml" and "blocks" in self.parts:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full_disk)
    into = tmp_path / "new" / "cop11"
    result = run("import", str(SEED_REPORT), "--period", "2020-2022", "--into", str(into))
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"{into}/content/blocks/") and line.endswith(
        ".yml: error: No space left on device"), line
    assert list(tmp_path.iterdir()) == []


def test_word_bookmark_names_are_unique_and_short():
    from reportgen.formats.docx_runs import bookmark_name

    long = "a-heading-whose-anchor-runs-past-forty-characters"
    anchors = [long + "-one", long + "-two", "para-12", "12-para", "a.b", "a-b", "a_b"]
    names = [bookmark_name(a) for a in anchors]
    assert len(set(names)) == len(names)
    assert all(len(n) <= 40 and (n[0].isalpha() or n[0] == "_") for n in names)
    assert all(c.isalnum() or c == "_" for n in names for c in n)
    assert bookmark_name("para-12") == "para_12"  # short plain anchors read as before
    assert bookmark_name(long + "-one") == bookmark_name(long + "-one")
