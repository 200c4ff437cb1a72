"""Period and fact variables in content text.

Content is not a template: ``{{ ... }}`` in a text may hold only ``fact.NAME`` (with
``.at("YYYY-MM")`` and a field), ``period.FIELD`` and the ``words`` filter.  Each
variable is checked against that grammar, then looked up by name among the public
fields of the fact or period: nothing in a text is ever evaluated as code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..dates import DateSpan, DateSyntaxError, day_text
from ..languages import ENGLISH, Language
from ..suggestions import did_you_mean
from ..wording import number_words
from .models import Fact, FactValue, Period


class VariableError(ValueError):
    """A variable in a text that cannot be expanded; ``line`` is 1-based within the text."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message = message
        self.line = line


class FactLookupError(Exception):
    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name
        self.message = message


class QuotedFact:
    """A fact as a text quotes it: its latest value on or before a day.

    The value is looked up when the text first uses it, so that ``fact.NAME.at("…")``
    never needs a value on or before the document's own date.
    """

    def __init__(self, name: str, fact: Fact, until: date, used: dict[str, FactValue],
                 lang: Language = ENGLISH):
        self.name = name
        self.fact = fact
        self._until = until
        self._used = used
        self._lang = lang
        self._current: FactValue | None = None

    def _value(self) -> FactValue:
        if self._current is None:
            dated = [v for v in self.fact.values if v.as_of.start <= self._until]
            if not dated:
                raise FactLookupError(self.name, f"fact '{self.name}' has no value on or before "
                                                 f"{day_text(self._until)}")
            self._current = max(dated, key=lambda v: v.as_of.start)
            self._used[self.name] = self._current
        return self._current

    def at(self, when: str) -> "QuotedFact":
        """The value on or before the last day of ``when`` (YYYY, YYYY-MM or YYYY-MM-DD),
        whatever the date of the text that quotes it."""
        return QuotedFact(self.name, self.fact, _pin_day(when), self._used, self._lang)

    def __str__(self) -> str:
        return self._lang.figure(self._value().value)

    @property
    def value(self):
        return self._value().value

    @property
    def as_of(self) -> str:
        return self._lang.written(self._value().as_of)

    @property
    def words(self) -> str:
        value = self._value().value
        if isinstance(value, int) and self._lang.code == "en":
            return number_words(value)
        return self._lang.figure(value)  # other languages: in figures

    @property
    def label(self) -> str:
        return self.fact.label

    @property
    def source(self) -> str:
        return self._value().source or self.fact.source


class FactTable:
    """``fact.NAME`` in text: the latest value on or before ``until`` (a report's last
    day, or the date of a press release, statement or brief)."""

    def __init__(self, facts: dict[str, Fact], until: date, used: dict[str, FactValue],
                 lang: Language = ENGLISH):
        self._facts = facts
        self._until = until
        self._used = used
        self._lang = lang

    def named(self, name: str) -> QuotedFact:
        """``fact.NAME``, its value looked up when first used.  By name, never as an
        attribute: a fact may be called ``quote`` or ``named``."""
        fact = self._facts.get(name)
        if fact is None:
            raise FactLookupError(name, f"unknown fact '{name}'" + did_you_mean(name, self._facts))
        return QuotedFact(name, fact, self._until, self._used, self._lang)

    def quote(self, name: str) -> QuotedFact:
        """``fact.NAME`` with its value looked up now (FactLookupError if it has none)."""
        quoted = self.named(name)
        quoted.value  # noqa: B018 - looks the value up
        return quoted


def _pin_day(when: str) -> date:
    try:
        span = DateSpan.parse(when)
    except DateSyntaxError as exc:
        raise FactLookupError("", f"at(\"{when}\"): {exc}") from None
    return span.end


@dataclass(frozen=True)
class PeriodView:
    """``period.…`` in text."""

    key: str
    period: Period
    #: the language of the text (ordinals and months are written in it)
    lang: Language = ENGLISH

    def _ordinal(self, n: int) -> str:
        from ..ordinals import session_ordinal

        return session_ordinal(self.lang.code, n)

    def _month(self, day: date) -> str:
        return self.lang.written(DateSpan.parse(f"{day.year}-{day.month:02d}"))

    @property
    def session(self) -> str:
        return self._ordinal(self.period.session) if self.period.session else "[session]"

    @property
    def previous_session(self) -> str:
        n = self.period.session
        return self._ordinal(n - 1) if n and n > 1 else "[previous session]"

    @property
    def session_number(self) -> int | None:
        return self.period.session

    @property
    def start_month(self) -> str:
        return self._month(self.period.start)

    @property
    def end_month(self) -> str:
        return self._month(self.period.end)

    @property
    def years(self) -> str:
        return f"{self.period.start.year}\u2013{self.period.end.year}"

    @property
    def venue(self) -> str:
        return self.period.venue or "[venue]"


@dataclass(frozen=True)
class FactQuote:
    """Where a text quoted a fact's current value (not one pinned with ``.at``): file
    and line, to name it there when the value is out of date."""

    name: str
    value: FactValue
    path: str
    line: int


class TextExpander:
    """Expands variables in the texts of one period.  Facts are quoted as of ``until``:
    the period's last day by default, a dated document's own date for that document."""

    def __init__(self, facts: dict[str, Fact], key: str, period: Period,
                 until: date | None = None, lang: Language = ENGLISH):
        self.used: dict[str, FactValue] = {}
        #: each current value of a fact the texts quoted, where it was quoted
        self.quotes: list[FactQuote] = []
        self.facts = FactTable(facts, until or period.end, self.used, lang)
        self.period = PeriodView(key, period, lang)

    def expand(self, text: str, at: tuple[str, int] | None = None) -> str:
        """``text`` with its variables' values; ``at`` (file, line of the text's first
        line) records where each fact is quoted."""
        if "{{" not in text and "{%" not in text and "{#" not in text:
            return text
        _check_variables(text)
        try:
            return _VARIABLE_IN_TEXT.sub(lambda found: str(self._value(found, text, at)), text)
        except FactLookupError as exc:
            raise VariableError(exc.message, _line_of(text, rf"fact\s*\.\s*{exc.name}\b")) from None

    def _value(self, found: re.Match, text: str = "", at: tuple[str, int] | None = None) -> object:
        """The value of one variable that _check_variables has let through."""
        variable = _VARIABLE.fullmatch(found.group(1))
        if variable["period_field"]:
            value = getattr(self.period, variable["period_field"])
        else:
            value = self.facts.named(variable["fact"])
            if variable["pin"] is not None:
                value = value.at(variable["pin"])
            elif at is not None:
                line = at[1] + text.count("\n", 0, found.start())
                self.quotes.append(FactQuote(value.name, value._value(), at[0], line))
            if variable["fact_field"]:
                value = getattr(value, variable["fact_field"])
        return _words_filter(value) if variable["words"] else value


#: what a text may write between {{ and }}: fact.NAME, fact.NAME.FIELD, the same pinned
#: to a date (fact.NAME.at("2023-10"), fact.NAME.at("2023-10").FIELD) or period.FIELD,
#: optionally followed by "| words"; anything else is refused before Jinja sees it
_VARIABLE = re.compile(
    r"^\s*(?:fact\s*\.\s*(?P<fact>[a-z][a-z0-9_]*)"
    r"(?:\s*\.\s*at\s*\(\s*(?P<quote>[\"'])(?P<pin>[^\"'\n]*)(?P=quote)\s*\))?"
    r"(?:\s*\.\s*(?P<fact_field>\w+))?"
    r"|period\s*\.\s*(?P<period_field>\w+))"
    r"(?P<words>\s*\|\s*words)?\s*$")
#: a variable in a text, once _check_variables has found every '{{' closed
_VARIABLE_IN_TEXT = re.compile(r"\{\{((?:(?!\{\{).)*?)\}\}", re.S)


def variables_in(text: str) -> list[tuple[str, str]]:
    """Each well-formed variable of ``text``, in order: its expression as written
    ('{{ fact.parties }}') and what it names ('fact.parties', 'period.years')."""
    found = []
    for match in _VARIABLE_IN_TEXT.finditer(text):
        variable = _VARIABLE.fullmatch(match.group(1))
        if variable is None:
            continue
        name = (f"fact.{variable['fact']}" if variable["fact"]
                else f"period.{variable['period_field']}")
        found.append((match.group(0), name))
    return found


def _fields(cls: type) -> list[str]:
    """The documented fields of a variable: the public properties of its class."""
    return sorted(name for name, value in vars(cls).items()
                  if isinstance(value, property) and not name.startswith("_"))


def _check_variables(text: str) -> None:
    """Refuses template statements, comments and any expression but a plain variable."""
    for opener in ("{%", "{#"):
        if opener in text:
            raise VariableError(
                f"'{opener}' is not allowed in text: content is not a template "
                "(only {{ fact.NAME }} and {{ period.NAME }} variables)", _line_of(text, re.escape(opener)))
    for match in re.finditer(r"\{\{((?:(?!\{\{).)*?)(\}\}|\{\{|$)", text, re.S):
        inside, closed = match.groups()
        line = text[: match.start()].count("\n") + 1
        if closed != "}}":
            raise VariableError("'{{' is never closed by '}}'", line)
        variable = _VARIABLE.fullmatch(inside)
        if not variable:
            shown = " ".join(inside.split())
            raise VariableError(
                f"'{{{{ {shown} }}}}' is not a variable (write {{{{ fact.NAME }}}}, "
                "{{ fact.NAME.as_of }}, {{ fact.NAME.at(\"YYYY-MM\") }} or {{ period.NAME }})",
                line)
        if variable["pin"] is not None:
            try:
                DateSpan.parse(variable["pin"])
            except DateSyntaxError as exc:
                raise VariableError(f"fact.{variable['fact']}.at(\"{variable['pin']}\"): {exc} "
                                    "(pin a value with a date: YYYY, YYYY-MM or YYYY-MM-DD)",
                                    line) from None
        if variable["fact_field"] and variable["fact_field"] not in _fields(QuotedFact):
            raise VariableError(f"fact.{variable['fact']} has no field '{variable['fact_field']}' "
                                f"(use {', '.join(_fields(QuotedFact))})", line)
        if variable["period_field"] and variable["period_field"] not in _fields(PeriodView):
            raise VariableError(f"period has no field '{variable['period_field']}' "
                                f"(use {', '.join(_fields(PeriodView))})", line)


def _words_filter(value) -> str:
    if isinstance(value, QuotedFact):
        return value.words
    return number_words(value) if isinstance(value, int) else str(value)


def _line_of(text: str, pattern: str) -> int:
    match = re.search(pattern, text)
    return text[: match.start()].count("\n") + 1 if match else 1
