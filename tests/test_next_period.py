"""The next report: `new period`, standing text, and empty periods and chapters."""

from __future__ import annotations

import pytest
import yaml
from conftest import write

from reportgen.commands.check import check
from reportgen.content.models import Period
from reportgen.content.store import load_store

PURPOSE = "content/blocks/introduction/introduction-purpose.yml"

EXPECTED_FILE = """\
# yaml-language-server: $schema=../../schemas/period.schema.json
# Period 2024-2026, made from 2022-2024 by 'reportgen new period'.
# Keys marked 'fill in' are empty until the new session gives them; the report
# shows a placeholder for each meanwhile.  Check the keys marked 'check'.
start: 2024-08-01        # check: the day after 2022-2024 ended
end: 2026-07-31          # check: the last day the report covers
session: 13              # check: the session after 2022-2024's
venue: Vienna            # carried over from 2022-2024
session_dates:           # fill in: first and last day of the session, as a range A/B (2020-2022: 2022-10-17/2022-10-21)
agenda_item: 2 (c)       # carried over from 2022-2024
# agenda_title: carried over from 2022-2024
agenda_title: "Review of the implementation of the United Nations Convention against Transnational Organized Crime and the Protocols thereto: Protocol against the Smuggling of Migrants by Land, Sea and Air"
provisional_agenda:      # fill in: symbol of the provisional agenda (2020-2022: CTOC/COP/2022/1)
symbol:                  # fill in: the report's document symbol (2020-2022: CTOC/COP/2022/7)
issued:                  # fill in: date of issue, YYYY-MM-DD (2020-2022: 2022-07-30)
original: English        # carried over from 2022-2024
job_number:              # fill in: job number at the foot of page 1, such as V.26-01234 (E)
"""


@pytest.mark.slow
def test_new_period_writes_every_key_and_says_what_to_fill_in(run, workspace):
    result = run("new", "period", "2024-2026", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    path = workspace / "content/periods/2024-2026.yml"
    assert result.output == (
        f"{path}\n"
        "made from period 2022-2024; fill in: session_dates, provisional_agenda, symbol, "
        "issued, job_number\n"
        "check: start 2024-08-01; end 2026-07-31; session 13\n"
        "standing blocks the 2024-2026 report carries:\n"
        f"  introduction-purpose ({PURPOSE})\n")
    text = path.read_text(encoding="utf-8")
    assert text == EXPECTED_FILE
    written = [line.split(":")[0].lstrip("# ") for line in text.splitlines()[4:]
               if not line.startswith("# agenda_title")]
    assert written == [name for name in Period.model_fields if name != "translations"]
    store, log = load_store(workspace)
    assert log.errors == []
    assert store.periods["2024-2026"].session == 13
    assert store.periods["2024-2026"].symbol is None


@pytest.mark.slow
def test_new_period_refuses_an_existing_or_overlapping_period(run, workspace):
    before = sorted(p.name for p in (workspace / "content/periods").iterdir())
    result = run("new", "period", "2022-2024", "--root", str(workspace))
    assert result.exit_code == 1
    assert result.output == "period 2022-2024 exists (content/periods/2022-2024.yml); nothing written\n"
    result = run("new", "period", "2023-2025", "--root", str(workspace))
    assert result.exit_code == 1
    assert result.output == ("period 2023-2025 would begin before 2022-2024 ends (2024-07-31); "
                             "'new period' makes the period after the latest (such as "
                             "2024-2026); nothing written\n")
    result = run("new", "period", "2026-2024", "--root", str(workspace))
    assert result.exit_code == 1
    assert result.output == ("'2026-2024' is not a period such as 2024-2026 (first year, "
                             "hyphen, last year)\n")
    assert sorted(p.name for p in (workspace / "content/periods").iterdir()) == before


@pytest.mark.slow
def test_new_period_carries_translations_and_lists_blocks_standing_for_listed_periods(run, workspace):
    period = workspace / "content/periods/2022-2024.yml"
    period.write_text(period.read_text(encoding="utf-8")
                      + "translations:\n  fr:\n    venue: Vienne\n", encoding="utf-8")
    write(workspace / "content/blocks/introduction/listed.yml",
          "id: listed\nplace: introduction\nperiods: [2020-2022, 2022-2024]\ntext: |\n  Listed.\n")
    result = run("new", "period", "2024-2026", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    assert result.output.endswith(
        "standing for listed periods only (add 2024-2026 to their 'periods:' to carry them):\n"
        "  listed (content/blocks/introduction/listed.yml)\n")
    data = yaml.safe_load((workspace / "content/periods/2024-2026.yml").read_text(encoding="utf-8"))
    assert data["translations"] == {"fr": {"venue": "Vienne"}}
    store, log = load_store(workspace)
    assert log.errors == []


def test_a_date_after_every_period_says_how_to_add_one(run, workspace):
    result = run("new", "block", "--section", "cop", "--date", "2024-10-14", "--root", str(workspace))
    assert result.exit_code == 1
    assert result.output.endswith("; add the next period with 'reportgen new period "
                                  "2024-2026'; nothing written\n")


def _texts(store, key):
    from reportgen.assemble import assemble_report
    from reportgen.errors import ProblemLog

    doc = assemble_report(store, key, ProblemLog())
    return [(p.block_id, p.content.text) for p in doc.paragraphs()]


@pytest.mark.slow
def test_standing_text_is_printed_in_every_period_from_its_first(workspace):
    (workspace / "content/periods/2024-2026.yml").write_text(
        "start: 2024-08-01\nend: 2026-07-31\nsession: 13\n", encoding="utf-8")
    store, log = load_store(workspace)
    assert log.errors == []
    purpose = next(b for b in store.blocks if b.id == "introduction-purpose")
    assert store.periods_of(purpose) == ["2020-2022", "2022-2024", "2024-2026"]
    for key, session, months in [("2020-2022", "eleventh", "July 2020 to July 2022"),
                                 ("2024-2026", "thirteenth", "August 2024 to July 2026")]:
        ident, text = _texts(store, key)[0]
        assert ident == "introduction-purpose"
        assert f"at its {session} session" in text and f"period from {months}." in text


def test_standing_text_for_listed_periods_only(workspace):
    block = workspace / PURPOSE
    block.write_text(block.read_text(encoding="utf-8").replace(
        "from_period: 2020-2022", "periods: [2022-2024]"), encoding="utf-8")
    store, log = load_store(workspace)
    assert log.errors == []
    assert "introduction-purpose" not in [b for b, _ in _texts(store, "2020-2022")]
    assert "introduction-purpose" in [b for b, _ in _texts(store, "2022-2024")]


@pytest.mark.slow
def test_standing_text_names_its_periods_one_way(workspace):
    block = workspace / PURPOSE
    original = block.read_text(encoding="utf-8")
    for replacement, line, message in [
        ("from_period: 2020-2023", 3, "unknown period '2020-2023'; did you mean '2020-2022'?"),
        ("periods: [2020-2022, 2022-2025]", 3,
         "unknown period '2022-2025'; did you mean '2022-2024'?"),
        ("from_period: 2020-2022\nperiod: 2020-2022", 4,
         "standing text names its periods with 'from_period' or 'periods'; leave out 'period'"),
        ("from_period: 2020-2022\nperiods: [2022-2024]", 4,
         "a block gives 'from_period' or 'periods', not both"),
    ]:
        block.write_text(original.replace("from_period: 2020-2022", replacement), encoding="utf-8")
        _, log = load_store(workspace)
        assert [str(p) for p in log.errors] == [f"{PURPOSE}:{line}: error: {message}"]


@pytest.mark.slow
def test_standing_text_quoting_an_old_fact_is_named_where_it_quotes(workspace):
    write(workspace / "content/blocks/introduction/standing-parties.yml",
          "id: standing-parties\nplace: introduction\nfrom_period: 2020-2022\norder: 15\n"
          "text: |\n  First line.\n  There were {{ fact.parties }} parties.\n")
    (workspace / "content/periods/2024-2026.yml").write_text(
        "start: 2024-08-01\nend: 2026-07-31\nsession: 13\n", encoding="utf-8")
    store, _ = load_store(workspace)
    fact = store.where("fact", "parties")
    value = store.facts["parties"].values[-1].as_of
    result = check(workspace, ["2024-2026"])
    assert (f"content/blocks/introduction/standing-parties.yml:7: warning: fact 'parties' is "
            f"quoted by standing text in 2024-2026 with its value of {value.written()}, older "
            f"than the period's start; add a newer value ({fact.path}:{fact.line}) or pin this "
            f"one with .at(\"{value.text}\")") in [str(p) for p in result.log.warnings]
    # in the period it was written for, the value is current: nothing to say
    assert not any("standing-parties" in str(p) for p in check(workspace, ["2022-2024"]).log.warnings)


@pytest.mark.slow
def test_an_empty_period_and_an_empty_chapter_are_warnings(workspace):
    (workspace / "content/periods/2024-2026.yml").write_text(
        "start: 2024-08-01\nend: 2026-07-31\nsession: 13\n", encoding="utf-8")
    warnings = [str(p) for p in check(workspace, ["2024-2026"]).log.warnings]
    assert ("content/outline.yml:64: warning: chapter 'Conclusions' has nothing in the "
            "2024-2026 report and is left out of it") in warnings
    assert ("content/outline.yml:3: warning: chapter 'Activities to assist States in the "
            "implementation of the Smuggling of Migrants Protocol' has nothing in the 2024-2026 "
            "report and is left out of it") in warnings
    (workspace / PURPOSE).unlink()
    warnings = [str(p) for p in check(workspace, ["2024-2026"]).log.warnings]
    assert ("content/periods/2024-2026.yml:1: warning: the 2024-2026 report has no paragraphs: "
            "no block is dated in the period, names it or stands in it (write one with "
            "'reportgen new block')") in warnings
    assert not any("chapter" in w for w in warnings)
    assert not any("chapter" in str(p) for p in check(workspace, ["2022-2024"]).log.warnings)


@pytest.mark.slow
def test_new_block_template_lists_tags_and_every_field(run, workspace):
    result = run("new", "block", "--section", "cop", "--date", "2024-03-12", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    text = (workspace / result.output.strip()).read_text(encoding="utf-8")
    tags = [line for line in text.splitlines() if line.startswith("# tags: ")]
    assert tags == ["# tags: conclusions, inter-agency, intergovernmental, knowledge, "
                    "observatory, technical-cooperation"]
    data = yaml.safe_load(text)
    assert list(data) == ["id", "place", "date", "order", "tags", "summary", "highlight", "text",
                          "footnotes"]
    assert data["summary"] is None and data["highlight"] is False and data["footnotes"] == {}
    _, log = load_store(workspace)
    assert log.errors == []


OLD_FACT = ("old_figure:\n  label: An old figure\n  source: test\n  values:\n"
            "    - value: 829\n      as_of: 2022-07\n")


@pytest.mark.slow
def test_out_of_date_facts_are_named_where_briefs_and_releases_quote_them(workspace):
    with open(workspace / "content/facts.yml", "a", encoding="utf-8") as facts:
        facts.write(OLD_FACT)
    brief = workspace / "content/documents/brief-2022-2024.yml"
    brief.write_text(brief.read_text(encoding="utf-8").replace(
        "  - parties\n", "  - parties\n  - old_figure\n"), encoding="utf-8")
    release = workspace / "content/documents/constructive-dialogue-2023.yml"
    release.write_text(release.read_text(encoding="utf-8").replace(
        "body: |\n", "body: |\n  Some {{ fact.old_figure }} migrants.\n\n"), encoding="utf-8")
    store, _ = load_store(workspace)
    fact = store.where("fact", "old_figure")
    tail = (f"with its value of July 2022, older than the period's start; add a newer value "
            f"({fact.path}:{fact.line}) or pin this one with .at(\"2022-07\")")
    warnings = [str(p) for p in check(workspace, ["2022-2024"]).log.warnings]
    assert (f"content/documents/brief-2022-2024.yml:11: warning: fact 'old_figure' is quoted "
            f"in 2022-2024 {tail}") in warnings
    assert (f"content/documents/constructive-dialogue-2023.yml:14: warning: fact 'old_figure' "
            f"is quoted in 2022-2024 {tail}") in warnings
    # pinned to its date, an old value is meant: nothing to say
    release.write_text(release.read_text(encoding="utf-8").replace(
        "fact.old_figure }}", "fact.old_figure.at(\"2022-07\") }}"), encoding="utf-8")
    brief.write_text(brief.read_text(encoding="utf-8").replace("  - old_figure\n", ""),
                     encoding="utf-8")
    assert not any("old_figure" in str(p) and "older" in str(p)
                   for p in check(workspace, ["2022-2024"]).log.warnings)
