"""``reportgen new period``: the next reporting period's file, made from the last one.

Every key a period file may hold is written: what carries over from one report to the
next (venue, agenda item and its wording, original language, translations) is copied;
what follows from the last period (first and last day, session number) is worked out
and marked to check; what only the new session can give (symbol, dates, date of issue)
is left empty and marked to fill in.  The writer is told what to fill in, and which
standing blocks the new report will carry.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..content.models import Period
from ..content.schema import modeline
from ..content.store import Store
from ..dates import parse_period_key
from .new import NewBlockError, write_new_file

#: keys copied as they are from the last period
CARRIED = ("venue", "agenda_item", "agenda_title", "original", "translations")
#: keys only the new session can give, with what to write in them
TO_FILL = {
    "session_dates": "first and last day of the session, as a range A/B",
    "provisional_agenda": "symbol of the provisional agenda",
    "symbol": "the report's document symbol",
    "issued": "date of issue, YYYY-MM-DD",
    "job_number": "job number at the foot of page 1, such as V.26-01234 (E)",
}


@dataclass
class NewPeriod:
    """What ``new period`` wrote and what the writer still has to do."""

    path: Path
    key: str
    previous: str
    fill_in: list[str]
    check: list[str]
    #: standing blocks the new period's report prints: (id, file)
    standing: list[tuple[str, str]] = field(default_factory=list)
    #: blocks standing for a list of periods, which does not hold the new one: (id, file)
    listed: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> list[str]:
        """The lines printed after the file's path."""
        lines = [f"made from period {self.previous}; fill in: {', '.join(self.fill_in)}",
                 f"check: {'; '.join(self.check)}"]
        if self.standing:
            lines.append(f"standing blocks the {self.key} report carries:")
            lines += [f"  {ident} ({path})" for ident, path in self.standing]
        else:
            lines.append(f"no standing blocks: the {self.key} report starts empty")
        if self.listed:
            lines.append(f"standing for listed periods only (add {self.key} to their "
                         "'periods:' to carry them):")
            lines += [f"  {ident} ({path})" for ident, path in self.listed]
        return lines


def next_period_key(store: Store) -> str:
    """The key of the period after the latest, as long as it: 2024-2026 after 2022-2024."""
    first, last = parse_period_key(store.latest_period())
    return f"{last}-{last + (last - first)}"


def new_period(store: Store, key: str) -> NewPeriod:
    """Write content/periods/<key>.yml for the period after the latest one."""
    years = parse_period_key(key)
    if years is None:
        raise NewBlockError(f"'{key}' is not a period such as 2024-2026 (first year, hyphen, "
                            "last year)")
    if key in store.periods:
        where = store.where("period", key)
        raise NewBlockError(f"period {key} exists ({where.path}); nothing written")
    previous_key = store.latest_period()
    previous = store.periods[previous_key]
    start = previous.end + datetime.timedelta(days=1)
    if start.year > years[0]:
        raise NewBlockError(f"period {key} would begin before {previous_key} ends "
                            f"({previous.end}); 'new period' makes the period after the latest "
                            f"(such as {next_period_key(store)}); nothing written")
    if start.year < years[0]:
        start = datetime.date(years[0], 1, 1)
    end = _same_day(previous.end, years[1])
    if end <= start:
        end = datetime.date(years[1], 12, 31)
    values: dict[str, tuple[object, str]] = {
        "start": (start, f"check: the day after {previous_key} ended"),
        "end": (end, "check: the last day the report covers"),
    }
    check = [f"start {start}", f"end {end}"]
    if previous.session is not None:
        values["session"] = (previous.session + 1, f"check: the session after {previous_key}'s")
        check.append(f"session {previous.session + 1}")
    else:
        values["session"] = (None, "fill in: number of the session")
    fill_in = [] if previous.session is not None else ["session"]
    for name in CARRIED:
        value = getattr(previous, name)
        if value not in (None, {}):
            values[name] = (value, f"carried over from {previous_key}")
    for name, what in TO_FILL.items():
        last = _last_given(store, name)
        values[name] = (None, f"fill in: {what}" + (f" ({last[0]}: {last[1]})" if last else ""))
        fill_in.append(name)
    path = store.root / "content" / "periods" / f"{key}.yml"
    text = modeline(path, store.root, "period") + _file_text(values, key, previous_key)
    write_new_file(store, path, "period", text)
    result = NewPeriod(path, key, previous_key, fill_in, check)
    for block in sorted(store.blocks, key=lambda b: (b.place, b.order, b.id)):
        where = store.where("block", block.id).path
        if block.from_period is not None and block.from_period in store.periods:
            result.standing.append((block.id, where))
        elif block.periods and previous_key in block.periods:
            result.listed.append((block.id, where))
    return result


def _same_day(day: datetime.date, year: int) -> datetime.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


def _last_given(store: Store, name: str) -> tuple[str, object] | None:
    """The latest period that gives ``name``, and its value, to show as an example."""
    for key in sorted(store.periods, key=lambda k: store.periods[k].start, reverse=True):
        value = getattr(store.periods[key], name)
        if value is not None:
            return key, getattr(value, "text", value)
    return None


def _file_text(values: dict[str, tuple[object, str]], key: str, previous: str) -> str:
    """Every key of a period file, in the model's order, each with its comment."""
    lines = [f"# Period {key}, made from {previous} by 'reportgen new period'.\n",
             "# Keys marked 'fill in' are empty until the new session gives them; the report\n",
             "# shows a placeholder for each meanwhile.  Check the keys marked 'check'.\n"]
    for name in Period.model_fields:
        value, comment = values.get(name, (None, "fill in"))
        if name == "translations":
            if value:
                lines.append(f"# translations: {comment}\n")
                lines.append(yaml.safe_dump({name: _plain(value)}, allow_unicode=True,
                                            sort_keys=False, width=1000))
            continue
        written = f"{name}: {_scalar(value)}" if value is not None else f"{name}:"
        if len(written) < 24:
            lines.append(f"{written.ljust(24)} # {comment}\n")
        else:
            lines.append(f"# {name}: {comment}\n{written}\n")
    return "".join(lines)


def _plain(value: object) -> object:
    if hasattr(value, "model_dump"):
        return {k: v for k, v in value.model_dump().items() if v not in (None, {}, [])}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _scalar(value: object) -> str:
    if isinstance(value, (int, datetime.date)):
        return str(value)
    text = str(value)
    plain = yaml.safe_load(text) if "\n" not in text else None
    if plain == text and ": " not in text and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)
