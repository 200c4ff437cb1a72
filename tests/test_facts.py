"""Facts: text names a fact and gets its latest value on or before the period's end."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import ROOT

from reportgen.content.models import Fact
from reportgen.content.store import load_store
from reportgen.content.variables import FactTable, TextExpander, VariableError


@pytest.fixture(scope="module")
def store():
    store, log = load_store(ROOT)
    assert not log.errors
    return store


def test_latest_value_on_or_before_the_period_end(store):
    used = {}
    july_2022 = FactTable(store.facts, date(2022, 7, 31), used)
    assert str(july_2022.named("parties")) == "150"
    assert july_2022.named("parties").as_of == "July 2022"
    july_2024 = FactTable(store.facts, date(2024, 7, 31), used)
    assert str(july_2024.named("parties")) == "151"
    assert july_2024.named("parties").as_of == "October 2023"
    assert str(july_2022.named("practitioners_assisted")) == "4,000"


def test_value_dated_after_the_period_is_not_used():
    fact = Fact.model_validate({"label": "x", "source": "y", "values": [
        {"value": 1, "as_of": "2020-01"}, {"value": 2, "as_of": "2022-08-01"}]})
    table = FactTable({"x": fact}, date(2022, 7, 31), {})
    assert str(table.named("x")) == "1"


def test_expansion_in_text_and_unknown_fact(store):
    expander = TextExpander(store.facts, "2020-2022", store.periods["2020-2022"])
    assert expander.expand("{{ fact.parties }} parties as of {{ fact.parties.as_of }}, "
                           "{{ period.session }} session") == \
        "150 parties as of July 2022, eleventh session"
    with pytest.raises(VariableError) as caught:
        expander.expand("line one\nwe have {{ fact.nonesuch }} of them")
    assert caught.value.message == "unknown fact 'nonesuch'"
    assert caught.value.line == 2


def test_small_and_negative_figures_are_written_out():
    from reportgen.wording import grouped

    assert [grouped(v) for v in (1e-05, -0.5, -1234.5, 123456.75, 2.0, 10 ** 15)] == [
        "0.00001", "-0.5", "-1,234.5", "123,456.75", "2", "1,000,000,000,000,000"]
