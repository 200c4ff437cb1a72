"""``reportgen new``: a new block or document file, in the right folder, ready to edit.

Everything given on the command line is checked before anything is written: an id
follows the rule ids in files follow, a date must lie in a period, an id or a file that
exists is refused.  The file appears whole or not at all, and never replaces another.
"""

from __future__ import annotations

import datetime
import errno
import os
from pathlib import Path

from ..content.models import check_ident
from ..content.schema import DEFAULT_FOLDER, SCHEMA_FILES, modeline, write_schemas, written_beside
from ..content.store import Store
from ..dates import DateSpan, DateSyntaxError
from ..errors import ReportgenError, display_path
from ..plainfiles import NotPlainFile, refuse_linked_folders
from ..suggestions import did_you_mean

#: the text a new file holds until the writer replaces it
PLACEHOLDER_PARAGRAPH = "Write the paragraph here. A blank line starts a new numbered paragraph."


class NewBlockError(ReportgenError):
    """The file cannot be made as asked; nothing was written."""


def valid_ident(value: str) -> str:
    """``value`` if it is an id as content files spell them (so it is also a safe file
    name); else NewBlockError."""
    try:
        return check_ident(value)
    except ValueError as exc:
        raise NewBlockError(str(exc)) from None


def valid_date(value: str) -> DateSpan:
    try:
        return DateSpan.parse(value)
    except DateSyntaxError as exc:
        raise NewBlockError(str(exc)) from None


def new_block(store: Store, place: str, date: str | None = None, ident: str | None = None,
              period: str | None = None) -> Path:
    """Write content/blocks/<area>/<id>.yml under outline heading ``place``; returns it."""
    if ("heading", place) not in store.places:
        headings = sorted(name for kind, name in store.places if kind == "heading")
        raise NewBlockError(f"unknown outline place '{place}'{did_you_mean(place, headings)} "
                            f"(places: {', '.join(headings)})")
    span = valid_date(date) if date else None
    if ident is not None:
        valid_ident(ident)
    _known_period(store, period)
    if span is not None:
        _period_holding(store, span)
    elif period is None:
        period = store.latest_period()
    ident = ident or _free_id(store, f"{place}-{span.text.replace('/', '-to-') if span else period}")
    _free(store, "block", ident)
    path = store.root / "content" / "blocks" / _area(store, place) / f"{ident}.yml"
    siblings = [b.order for b in store.blocks if b.place == place]
    lines = [modeline(path, store.root, "block"), f"id: {ident}\n", f"place: {place}\n"]
    if span:
        lines.append(f"date: {span.text}\n")
    if period:
        lines.append(f"period: {period}\n")
    lines += [f"order: {max(siblings, default=0) + 10}    # sort key under its heading\n",
              f"# tags: {', '.join(known_tags(store))}\n",
              "tags: []\n",
              "summary:        # one sentence for communications material (briefs)\n",
              "highlight: false    # true puts the summary in the period's brief\n",
              "text: |\n", f"  {PLACEHOLDER_PARAGRAPH}\n",
              "footnotes: {}   # texts by label, such as  source: \"UNODC, 2024.\"; "
              "the text calls one as [^source]\n"]
    write_new_file(store, path, "block", "".join(lines))
    return path


def new_document(store: Store, kind: str, ident: str | None = None, date: str | None = None,
                 period: str | None = None, today: datetime.date | None = None) -> Path:
    """Write content/documents/<id>.yml, a press release, statement or brief with its
    kind's fields; returns it.  A press release or statement is dated ``date`` (default:
    ``today``) and needs an id; a brief belongs to ``period`` (default: the latest, or the
    one holding ``date``) and is called brief-<period> unless ``ident`` says otherwise."""
    from ..kinds import document_names, kind_named

    if kind not in document_names():
        raise NewBlockError(f"unknown kind of document '{kind}' (kinds: {', '.join(document_names())})")
    per_period = kind_named(kind).one_a_period
    if ident is not None:
        valid_ident(ident)
    span = valid_date(date) if date else None
    _known_period(store, period)
    if per_period:
        if span is not None:
            holder = _period_holding(store, span)
            if period is not None and period != holder:
                raise NewBlockError(f"date {span.text} is not in period {period}; nothing written")
            period = holder
        period = period or store.latest_period()
        _one_a_period(store, kind, period)
        ident = ident or f"{kind}-{period}"
    else:
        if ident is None:
            raise NewBlockError(f"a {kind} needs an id (--id)")
        if period is not None:
            raise NewBlockError(f"a {kind} belongs to the period of its date; give --date, not --period")
        span = span or DateSpan.parse((today or datetime.date.today()).isoformat())
        _period_holding(store, span)
    _free(store, "document", ident)
    path = store.root / "content" / "documents" / f"{ident}.yml"
    head = [modeline(path, store.root, "document"), f"kind: {kind}\n", f"id: {ident}\n"]
    head += [f"date: {span.text}\n"] if span else []
    head += [f"period: {period}\n"] if per_period else []
    write_new_file(store, path, "document", "".join(head) + kind_named(kind).starter)
    return path


def known_tags(store: Store) -> list[str]:
    """The tags a block may carry: those the brief groups highlights by, and those
    other blocks use."""
    from ..briefs import AREAS

    return sorted({tag for _, tags in AREAS for tag in tags}
                  | {tag for block in store.blocks for tag in block.tags})


def _known_period(store: Store, period: str | None) -> None:
    if period is not None and period not in store.periods:
        raise NewBlockError(f"unknown period '{period}' (periods: {', '.join(sorted(store.periods))})")


def _period_holding(store: Store, span: DateSpan) -> str:
    """The period whose days include the first day of ``span``."""
    for key, period in sorted(store.periods.items()):
        if period.start <= span.start <= period.end:
            return key
    spans = ", ".join(f"{key}: {p.start} to {p.end}" for key, p in sorted(store.periods.items()))
    latest = store.periods[store.latest_period()]
    if span.start > latest.end:
        from .new_period import next_period_key

        add = f"; add the next period with 'reportgen new period {next_period_key(store)}'"
    else:
        add = "; add a period file for it in content/periods/"
    raise NewBlockError(f"date {span.text} is outside every period ({spans}){add}; "
                        "nothing written")


def _one_a_period(store: Store, kind: str, period: str) -> None:
    """Refuse a second document of a kind that is one a period (a brief)."""
    for document in store.documents:
        if document.kind == kind and store.period_of(document) == period:
            where = store.where("document", document.id)
            raise NewBlockError(f"period {period} already has a {kind} ({where.path}:{where.line})")


def _free(store: Store, kind: str, ident: str) -> None:
    if (kind, ident) in store.places:
        where = store.where(kind, ident)
        raise NewBlockError(f"{kind} id '{ident}' is taken ({where.path}:{where.line})")


def write_new_file(store: Store, path: Path, schema: str, text: str) -> None:
    """Write ``path`` whole or not at all, never over an existing file; with the schema
    its first line names, so that line leads somewhere."""
    shown = os.path.relpath(path, store.root) if path.is_relative_to(store.root) else str(path)
    try:
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "File exists", str(path))
        refuse_linked_folders(store.root, path)  # never written through a linked folder
        path.parent.mkdir(parents=True, exist_ok=True)
        refuse_linked_folders(store.root, path)
        if not (store.root / DEFAULT_FOLDER / SCHEMA_FILES[schema]).exists():
            write_schemas(store.root / DEFAULT_FOLDER)
        _create(path, text.encode("utf-8"))
    except FileExistsError:
        raise NewBlockError(f"{shown}: error: a file of that name exists; choose another --id") from None
    except NotPlainFile as exc:
        raise NewBlockError(f"{display_path(exc.path, store.root)}: error: {exc.reason}; "
                            "nothing written") from None
    except OSError as exc:
        where = exc.filename if exc.filename and exc.filename != str(path) else shown
        raise NewBlockError(f"{where}: error: cannot write: {exc.strerror or exc}") from None


def _create(path: Path, data: bytes) -> None:
    """Write a temporary file beside ``path``, then give it its name with a hard link,
    which fails rather than replace a file that appeared meanwhile."""
    temporary = written_beside(path, data)
    try:
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links
            if path.exists() or path.is_symlink():
                raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
            os.rename(temporary, path)
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)


def _area(store: Store, place: str) -> str:
    """The folder most blocks under this heading live in; else the heading's id."""
    folders: dict[str, int] = {}
    for block in store.blocks:
        if block.place == place:
            folder = Path(store.where("block", block.id).path).parent.name
            folders[folder] = folders.get(folder, 0) + 1
    return max(folders, key=folders.get) if folders else place


def _free_id(store: Store, base: str) -> str:
    base = "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in base.lower()).strip("-")
    ident, n = base, 1
    while ("block", ident) in store.places:
        n += 1
        ident = f"{base}-{n}"
    return ident
