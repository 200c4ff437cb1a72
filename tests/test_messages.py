"""Each message a writer meets for a mistake in a content file, in full: what is wrong,
where, and what to do; YAML syntax errors with the offending line and a caret."""

from __future__ import annotations

import pytest

from reportgen.content.store import load_store
from reportgen.content.yamlsource import YamlProblem, load_yaml
from reportgen.errors import Problem

QUOTE_IT = ("invalid YAML: a colon followed by a space starts a new field, and one cannot "
            "start here: if the colon belongs to the text, put the whole text in quotes "
            "(summary: \"Key finding: fees rose\"); if this line is a field of its own, indent "
            "it like the fields around it")
SAME_LINE = ("invalid YAML: text follows a closing quote or a value on the same line; put "
             "the whole text in one pair of quotes, or indent the line like the fields around "
             "it")

#: (what the writer typed, the message in full as a terminal shows it)
YAML_MESSAGES = [
    ("id: a\nsummary: Key finding: fees rose\n",
     f"x.yml:2: error: {QUOTE_IT}\n"
     "  2 | summary: Key finding: fees rose\n"
     "    |                     ^"),
    ("id: a\ntext: |\n  One.\n place: b\n",
     f"x.yml:4: error: {SAME_LINE}\n"
     "  4 |  place: b\n"
     "    |  ^"),
    ('id: a\ntitle: "Quoted" and more\n',
     f"x.yml:2: error: {SAME_LINE}\n"
     '  2 | title: "Quoted" and more\n'
     "    |                 ^"),
    ("id: @home\n",
     "x.yml:1: error: invalid YAML: a value cannot begin with this character (such as @ or "
     "`); put the text in quotes\n"
     "  1 | id: @home\n"
     "    |     ^"),
    ('text: "C:\\path"\n',
     "x.yml:1: error: invalid YAML: a backslash in double quotes starts an escape such as "
     "\\n; write \\\\ for a backslash, or put the text in single quotes\n"
     '  1 | text: "C:\\path"\n'
     "    |          ^"),
    ('id: a\ntitle: "never closed\nplace: b\n',
     "x.yml:2: error: invalid YAML: quoted text is never closed (a quote mark is missing)\n"
     '  2 | title: "never closed\n'
     "    |        ^"),
    ("tags: [a, b\nplace: x\n",
     "x.yml:2: error: invalid YAML: the list in square brackets is not closed where "
     "expected; end it with ']' and separate items with commas\n"
     "  2 | place: x\n"
     "    |      ^"),
    ("id: a\n\tplace: b\n",
     "x.yml:2: error: invalid YAML: tab character used for indentation; indent with spaces\n"
     "  2 |  place: b\n"
     "    | ^"),
    ("id: a\n---\nid: b\n",
     "x.yml:2: error: invalid YAML: a line of three hyphens (---) starts a second document; "
     "a content file holds one\n"
     "  2 | ---\n"
     "    | ^"),
]


@pytest.mark.parametrize("typed, message", YAML_MESSAGES)
def test_a_yaml_mistake_is_told_with_its_line_and_a_caret(tmp_path, typed, message):
    path = tmp_path / "x.yml"
    path.write_text(typed, encoding="utf-8")
    with pytest.raises(YamlProblem) as caught:
        load_yaml(path)
    problem = Problem("x.yml", caught.value.line, caught.value.message, "error",
                      caught.value.excerpt)
    assert problem.shown(True) == message
    assert str(problem) == message.split("\n")[0]  # one line where no terminal reads it


BLOCK = "content/blocks/introduction/introduction-parties.yml"
PERIOD = "content/periods/2020-2022.yml"
FACTS = "content/facts.yml"

#: (file, text replaced, replacement, the message in full)
NAME_MESSAGES = [
    (BLOCK, "{{ fact.parties }}", "{{ fact.partys }}",
     f"{BLOCK}:7: error: unknown fact 'partys'; did you mean 'parties'?"),
    (BLOCK, "place: introduction", "place: introductoin",
     f"{BLOCK}:2: error: unknown outline place 'introductoin'; did you mean 'introduction'?"),
    (BLOCK, "tags: [intergovernmental]", "tag: [intergovernmental]",
     f"{BLOCK}:5: warning: unknown field 'tag' (ignored); did you mean 'tags'?"),
    (BLOCK, "period: 2020-2022", "period: 2022-2025",
     f"{BLOCK}:3: error: unknown period '2022-2025'; did you mean '2022-2024'?"),
    (PERIOD, "session: 11", "session: eleven",
     f"{PERIOD}:3: error: session: expected a whole number such as 3, found 'eleven'"),
    (BLOCK, "Protocol. Since", "Protocol[^comoro]. Since",
     f"{BLOCK}:8: error: footnote call [^comoro] has no definition under 'footnotes:'; did "
     "you mean 'comoros'?"),
    (BLOCK, "  Conference, the Comoros", "  Conference<br>, the Comoros",
     f"{BLOCK}:9: error: raw HTML '<br>' is not allowed in text; write plain text and "
     "Markdown (a blank line starts a new paragraph), or write '\\<' to print '<'"),
    # a value that text quotes is refused where it is typed, not at the block quoting it
    (FACTS, "    - value: 150\n      as_of: 2022-07", "    - value: \"<b>150</b>\"\n      as_of: 2022-07",
     f"{FACTS}:8: error: values.2.value: raw HTML '<b>' is not allowed in a value that text "
     "quotes; write plain text"),
    (PERIOD, "venue: Vienna", "venue: <i>Vienna</i>",
     f"{PERIOD}:4: error: venue: raw HTML '<i>' is not allowed in a value that text quotes; "
     "write plain text"),
]


@pytest.mark.slow
@pytest.mark.parametrize("path, old, new, message", NAME_MESSAGES)
def test_a_wrong_name_or_value_is_told_in_full(workspace, path, old, new, message):
    from reportgen.assemble import assemble_report

    target = workspace / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1) + ("footnotes:\n  comoros: The Comoros.\n"
                                                   if "comoro]" in new else ""),
                      encoding="utf-8")
    store, log = load_store(workspace)
    if store is not None and not log.errors:
        assemble_report(store, "2020-2022", log)
    found = [str(p) for p in log.problems if p.severity in ("error", "warning")
             and "is not set" not in p.message]
    assert found[0] == message


@pytest.mark.slow
def test_check_shows_the_caret_with_verbose_and_one_line_without(run, workspace):
    block = workspace / "content/blocks/conclusions/conclusions-2022-2024.yml"
    block.write_text(block.read_text(encoding="utf-8").replace(
        "order: 10\n", "order: 10\nsummary: Key finding: fees rose\n"), encoding="utf-8")
    line = f"content/blocks/conclusions/conclusions-2022-2024.yml:5: error: {QUOTE_IT}"
    plain = run("check", "--root", str(workspace))
    assert plain.exit_code == 1 and plain.output.splitlines()[0] == line
    assert "|" not in plain.output
    verbose = run("check", "--root", str(workspace), "-v")
    assert verbose.output.splitlines()[:3] == [
        line, "  5 | summary: Key finding: fees rose", "    |                     ^"]


@pytest.mark.slow
def test_build_shows_the_caret_as_check_does(run, workspace):
    """A build's error in a log or a pipe is one line, as a script reading the log
    expects; with --verbose the offending line and its caret follow, as with check."""
    block = workspace / "content/blocks/conclusions/conclusions-2022-2024.yml"
    block.write_text(block.read_text(encoding="utf-8").replace(
        "order: 10\n", "order: 10\nsummary: Key finding: fees rose\n"), encoding="utf-8")
    line = f"content/blocks/conclusions/conclusions-2022-2024.yml:5: error: {QUOTE_IT}"
    out = workspace / "out"
    plain = run("build", "--root", str(workspace), "--out", str(out), "--format", "md")
    assert plain.exit_code == 1
    assert plain.output.splitlines() == [line]
    verbose = run("build", "--root", str(workspace), "--out", str(out), "--format", "md", "-v")
    assert verbose.exit_code == 1
    assert verbose.output.splitlines()[-3:] == [
        line, "  5 | summary: Key finding: fees rose", "    |                     ^"]
    assert not out.exists() or not any(out.rglob("*.md"))
