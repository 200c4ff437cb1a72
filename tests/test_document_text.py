"""Facts keep the date of the document that quotes them, and every text field a writer
fills either expands its variables or refuses them: '{{' is never printed as it stands."""

from __future__ import annotations

import pytest
from conftest import write

from reportgen.build import build

DIALOGUE = "press-release-2023-10-20-constructive-dialogue-2023"


def _add_value(workspace, fact: str, line: str) -> None:
    facts = workspace / "content/facts.yml"
    text = facts.read_text(encoding="utf-8")
    head = f"{fact}:\n"
    start = text.index(head)
    values = text.index("  values:\n", start) + len("  values:\n")
    facts.write_text(text[:values] + f"    - {line}\n" + text[values:], encoding="utf-8")


def test_a_press_release_keeps_the_value_of_its_date(workspace, tmp_path):
    """Seen: a release dated 2023-10-20 said 151 Parties, and 152 once a value of
    2024-05-15 was added; the report of the period does quote the new value."""
    _add_value(workspace, "parties", "{value: 152, as_of: 2024-05-15}")
    build(workspace, ["2022-2024"], formats=("md",), out=tmp_path,
          kinds=("report", "press-release"))
    release = (tmp_path / "2022-2024" / f"{DIALOGUE}.md").read_text(encoding="utf-8")
    assert "records 151 Parties as of October 2023" in " ".join(release.split())
    assert "152" not in release
    report = (tmp_path / "2022-2024/report.md").read_text(encoding="utf-8")
    assert "As of 15 May 2024, there were a total of 152 parties" in " ".join(report.split())


def _document(workspace, name: str, text: str):
    return write(workspace / f"content/documents/{name}.yml", text)


def test_statement_and_brief_quote_facts_as_of_their_own_date(workspace, tmp_path):
    _add_value(workspace, "parties", "{value: 152, as_of: 2024-05-15}")
    _document(workspace, "early-statement",
              "kind: statement\nid: early-statement\ndate: 2023-11-02\ntitle: Remarks\n"
              "body: There are {{ fact.parties }} Parties ({{ fact.parties.as_of }}).\n")
    brief = workspace / "content/documents/brief-2022-2024.yml"
    brief.write_text("date: 2024-01-15\n" + brief.read_text(encoding="utf-8"), encoding="utf-8")
    build(workspace, ["2022-2024"], formats=("md",), out=tmp_path, kinds=("statement", "brief"))
    out = tmp_path / "2022-2024"
    statement = (out / "statement-2023-11-02-early-statement.md").read_text(encoding="utf-8")
    assert "There are 151 Parties (October 2023)." in statement
    assert "152" not in (out / "brief.md").read_text(encoding="utf-8")


def test_a_value_can_be_pinned_to_a_date(workspace, tmp_path):
    _add_value(workspace, "parties", "{value: 152, as_of: 2024-05-15}")
    _document(workspace, "pinned",
              "kind: statement\nid: pinned\ndate: 2024-06-01\ntitle: Remarks\n"
              "body: 'From {{ fact.parties.at(\"2022-07\") }} Parties in "
              "{{ fact.parties.at(\"2022-07\").as_of }} to {{ fact.parties }} today; "
              "{{ fact.parties.at(\"2023\") | words }} at the end of 2023.'\n")
    build(workspace, ["2022-2024"], formats=("md",), out=tmp_path, kinds=("statement",))
    text = (tmp_path / "2022-2024/statement-2024-06-01-pinned.md").read_text(encoding="utf-8")
    assert "From 150 Parties in July 2022 to 152 today; 151 at the end of 2023." in text


@pytest.mark.parametrize("body, message", [
    ('x {{ fact.parties.at("2023-13") }}',
     'fact.parties.at("2023-13"): date \'2023-13\' does not exist (pin a value with a date: '
     'YYYY, YYYY-MM or YYYY-MM-DD)'),
    ('x {{ fact.parties.at("1999") }}', "fact 'parties' has no value on or before 31 December 1999"),
    ("x {{ fact.parties.at(2023) }}",
     "'{{ fact.parties.at(2023) }}' is not a variable (write {{ fact.NAME }}, "
     '{{ fact.NAME.as_of }}, {{ fact.NAME.at("YYYY-MM") }} or {{ period.NAME }})'),
])
def test_a_bad_pin_is_an_error_at_its_line(workspace, run, body, message):
    _document(workspace, "pinned", "kind: statement\nid: pinned\ndate: 2024-06-01\n"
              f"title: Remarks\nbody: |\n  First line.\n\n  {body}\n")
    result = run("check", "--root", str(workspace), "--period", "2022-2024")
    assert f"content/documents/pinned.yml:8: error: {message}\n" in result.output
    assert result.exit_code == 1


def test_a_document_dated_before_every_value_of_a_fact_says_so(workspace, run):
    _document(workspace, "early", "kind: press-release\nid: early\ndate: 2020-08-03\n"
              "title: Early\ndateline: Vienna\nlead: Opening words.\n"
              "body: |\n  We trained {{ fact.sherloc_cases }} people.\n")
    result = run("check", "--root", str(workspace), "--period", "2020-2022")
    assert ("content/documents/early.yml:8: error: fact 'sherloc_cases' has no value on or "
            "before 3 August 2020\n") in result.output


# -- every text field expands its variables ----------------------------------------------

_RELEASE = """kind: press-release
id: all-fields
date: 2022-07-20
title: {title}
subtitle: {subtitle}
dateline: {dateline}
lead: {lead}
body: {body}
quotes:
  - text: {quote}
    name: {quote_name}
    title: {quote_title}
contact: [{contact}]
notes: [{note}]
footnotes: {{n: {footnote}}}
"""
_STATEMENT = """kind: statement
id: all-fields
date: 2022-07-20
title: Remarks
speaker: {{name: {speaker_name}, title: {speaker_title}}}
occasion: {occasion}
salutation: {salutation}
body: The body.
closing: {closing}
"""


def _fill(template: str, marked: str) -> str:
    fields = {name: f"Plain {name}" for name in
              ("title", "subtitle", "dateline", "lead", "quote", "quote_name", "quote_title",
               "contact", "note", "footnote", "speaker_name", "speaker_title", "occasion",
               "salutation", "closing")}
    fields["body"] = "The body[^n]." if template is _RELEASE else "The body."
    fields[marked] = f'"{marked.replace("_", " ")} {{{{ fact.sherloc_cases }}}} cases"'
    return template.format(**fields)


@pytest.mark.parametrize("template, field", [
    *[(_RELEASE, f) for f in ("title", "subtitle", "dateline", "lead", "quote", "quote_name",
                              "quote_title", "contact", "note", "footnote")],
    *[(_STATEMENT, f) for f in ("speaker_name", "speaker_title", "occasion", "salutation",
                                "closing")],
])
@pytest.mark.slow
def test_every_text_field_of_a_document_expands_variables(workspace, tmp_path, template, field):
    """Seen: {{ fact.parties }} in a press release's title was printed as it stands."""
    _document(workspace, "all-fields", _fill(template, field))
    kind = "press-release" if template is _RELEASE else "statement"
    result = build(workspace, ["2020-2022"], formats=("md", "html"), out=tmp_path, kinds=(kind,))
    assert not result.warnings
    name = f"{kind}-2022-07-20-all-fields"
    for suffix in (".md", ".html"):
        text = " ".join((tmp_path / "2020-2022" / (name + suffix)).read_text(encoding="utf-8").split())
        assert f"{field.replace('_', ' ')} 829 cases" in text, suffix
        assert "{{" not in text and "}}" not in text


@pytest.mark.slow
def test_brief_chart_title_and_highlight_summary_expand_variables(workspace, tmp_path):
    brief = workspace / "content/documents/brief-2020-2022.yml"
    brief.write_text(brief.read_text(encoding="utf-8").replace(
        'title: "Central Mediterranean route', 'title: "{{ fact.sherloc_cases }} cases; Central'
        ' Mediterranean route', 1), encoding="utf-8")
    write(workspace / "content/blocks/observatory/counted.yml",
          "id: counted\nplace: observatory\nperiod: 2020-2022\ntags: [observatory]\n"
          "highlight: true\nsummary: SHERLOC holds {{ fact.sherloc_cases }} cases.\n"
          "text: SHERLOC holds {{ fact.sherloc_cases }} cases.\n")
    build(workspace, ["2020-2022"], formats=("md", "html"), out=tmp_path, kinds=("report", "brief"))
    md = (tmp_path / "2020-2022/brief.md").read_text(encoding="utf-8")
    html = (tmp_path / "2020-2022/brief.html").read_text(encoding="utf-8")
    assert "829 cases; Central Mediterranean route" in md
    assert "<figcaption>829 cases; Central Mediterranean route" in html
    assert "Bar chart. 829 cases; Central" in html
    assert "- SHERLOC holds 829 cases." in md
    assert "{{" not in md + html


def test_a_bad_variable_in_a_one_line_field_is_an_error_at_its_line(workspace, run):
    _document(workspace, "all-fields", _fill(_RELEASE, "quote_name").replace(
        "sherloc_cases", "nonesuch"))
    result = run("check", "--root", str(workspace), "--period", "2020-2022")
    assert ("content/documents/all-fields.yml:11: error: quotes.1.name: unknown fact "
            "'nonesuch'\n") in result.output
    assert result.exit_code == 1


@pytest.mark.parametrize("path, old, new, line, field", [
    ("content/series.yml", "subtitle: Report of the Secretariat",
     "subtitle: Report {{ period.years }}", None, "subtitle"),
    ("content/outline.yml", "title: Introduction", "title: Introduction {{ period.years }}",
     None, "1.title"),
    ("content/periods/2020-2022.yml", "venue: Vienna", "venue: '{{ period.venue }}'", None,
     "venue"),
    ("content/facts.yml", "label: Parties to the Smuggling of Migrants Protocol",
     "label: Parties in {{ period.years }}", 2, "parties.label"),
    ("content/facts.yml", "source: United Nations Treaty Collection, status",
     "source: Treaty {{ fact.x }} status", 3, "parties.source"),
])
def test_fields_that_take_no_variables_refuse_them(workspace, run, path, old, new, line, field):
    """A field printed as it stands (headings, masthead, fact labels) refuses '{{'."""
    target = workspace / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    target.write_text(text, encoding="utf-8")
    line = line or text[: text.index(new)].count("\n") + 1
    result = run("build", "--root", str(workspace), "--period", "2020-2022", "--format", "md")
    assert result.output == (f"{path}:{line}: error: {field}: variables such as "
                             "{{ fact.NAME }} are not expanded in this field; write the text "
                             "itself\n")
    assert result.exit_code == 1
