"""What each registered kind declares in its module: its name on the page in every
language, and whether a period has one of it."""

from __future__ import annotations

from reportgen.content.models import document_output_name
from reportgen.kinds import document_names, kind_named, one_a_period
from reportgen.languages import CODES


def test_every_kind_of_document_names_itself_in_every_language():
    for name in document_names():
        kind = kind_named(name)
        assert set(kind.module.WORDS) == set(CODES), name
        assert all(kind.name_on_page(code).strip() for code in CODES), name
    assert kind_named("brief").name_on_page("fr") == "Fiche d'information"
    assert kind_named("press-release").name_on_page("es") == "Comunicado de prensa"
    assert kind_named("statement").name_on_page("zh") == "发言"


def test_the_kinds_a_period_has_one_of_are_named_after_the_kind():
    assert [name for name in ("report", "brief", "press-release", "statement", "unknown")
            if one_a_period(name)] == ["report", "brief"]
    assert document_output_name("brief", "2021-03-01", "brief-2020-2022") == "brief"
    assert document_output_name("statement", "2021-03-01", "opening") == "statement-2021-03-01-opening"
    assert document_output_name("press-release", None, "x") == "press-release-x"
    assert kind_named("brief").from_report == {"figures", "chart", "highlights"}
    assert kind_named("statement").from_report == frozenset()
