"""'Did you mean …' for a name a writer mistyped: a fact, a place in the outline, a
period, a block, a field.  The nearest known names are found by the standard library's
difflib; a name with none near enough gets no suggestion."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """``"; did you mean 'parties'?"`` (to follow a message) with the known name nearest
    to ``name``, or "" when none is near."""
    close = difflib.get_close_matches(str(name), sorted(set(known)), n=1, cutoff=0.7)
    return f"; did you mean '{close[0]}'?" if close else ""
