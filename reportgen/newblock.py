"""``reportgen new block``: a new block file, in the right folder, ready to edit."""

from __future__ import annotations

from pathlib import Path

from .dates import DateSpan, DateSyntaxError
from .errors import ReportgenError
from .schema import DEFAULT_FOLDER, SCHEMA_FILES, modeline, write_schemas
from .store import Store


class NewBlockError(ReportgenError):
    """The block cannot be made as asked."""


def new_block(store: Store, place: str, date: str | None = None, ident: str | None = None,
              period: str | None = None) -> Path:
    """Write content/blocks/<area>/<id>.yml under outline heading ``place``; returns it."""
    if ("heading", place) not in store.places:
        known = ", ".join(sorted(name for kind, name in store.places if kind == "heading"))
        raise NewBlockError(f"unknown outline place '{place}' (places: {known})")
    span = None
    if date:
        try:
            span = DateSpan.parse(date)
        except DateSyntaxError as exc:
            raise NewBlockError(str(exc)) from None
    if period and period not in store.periods:
        raise NewBlockError(f"unknown period '{period}' (periods: {', '.join(sorted(store.periods))})")
    if span is None and period is None:
        period = store.latest_period()
    ident = ident or _free_id(store, f"{place}-{span.text.replace('/', '-to-') if span else period}")
    if ("block", ident) in store.places:
        where = store.where("block", ident)
        raise NewBlockError(f"block id '{ident}' is taken ({where.path}:{where.line})")
    path = store.root / "content" / "blocks" / _area(store, place) / f"{ident}.yml"
    siblings = [b.order for b in store.blocks if b.place == place]
    lines = [modeline(path, store.root, "block"), f"id: {ident}\n", f"place: {place}\n"]
    if span:
        lines.append(f"date: {span.text}\n")
    if period:
        lines.append(f"period: {period}\n")
    lines += [f"order: {max(siblings, default=0) + 10}\n", "tags: []\n",
              "text: |\n", "  Write the paragraph here. A blank line starts a new numbered paragraph.\n"]
    path.parent.mkdir(parents=True, exist_ok=True)
    if not (store.root / DEFAULT_FOLDER / SCHEMA_FILES["block"]).exists():
        write_schemas(store.root / DEFAULT_FOLDER)  # so the first line leads somewhere
    with open(path, "x", encoding="utf-8") as handle:  # never overwrite a writer's file
        handle.writelines(lines)
    return path


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
