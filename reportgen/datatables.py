"""Tables from data: a CSV file in ``content/data/`` printed as a report's table.

A block's text names the file in a paragraph of its own, ``[](table:deaths-by-route.csv)``;
its first row is the table's header, every other row a row of the table.  A statistical
table is then data, kept and updated as data, not typed text.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .plainfiles import NotPlainFile, refuse_linked_folders
from .suggestions import did_you_mean

DATA_FOLDER = Path("content") / "data"
#: the most rows a data table may have: a table of a report, not a data set
MAX_ROWS = 500


def read_data_table(root: Path, name: str) -> list[list[str]]:
    """The rows of content/data/``name``; ValueError with the writer's words if it
    cannot be a table."""
    folder = root / DATA_FOLDER
    known = sorted(p.name for p in folder.glob("*.csv")) if folder.is_dir() else []
    if "/" in name or "\\" in name or not name.endswith(".csv") or name.startswith("."):
        raise ValueError(f"data '{name}' is not the name of a .csv file in content/data/")
    path = folder / name
    if not path.is_file():
        where = f" (files: {', '.join(known)})" if known else " (the folder has no .csv file)"
        raise ValueError(f"data file 'content/data/{name}' not found"
                         f"{did_you_mean(name, known)}{where}")
    try:
        refuse_linked_folders(root, path)
        if path.is_symlink():
            raise ValueError(f"content/data/{name} is a symbolic link; links are not followed")
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(f"content/data/{name} is not UTF-8 text; save it as CSV UTF-8") from None
    except NotPlainFile as exc:
        raise ValueError(f"content/data/{name}: {exc.reason}") from None
    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in row)]
    except csv.Error:
        raise ValueError(f"content/data/{name} cannot be read as CSV; check that each "
                         "quoted cell's quotes are closed") from None
    if len(rows) < 2:
        raise ValueError(f"content/data/{name} needs a header row and at least one row of data")
    if len(rows) > MAX_ROWS + 1:
        raise ValueError(f"content/data/{name} has {len(rows) - 1} rows; a table of a report "
                         f"has at most {MAX_ROWS}")
    return [[cell.strip() for cell in row] for row in rows]
