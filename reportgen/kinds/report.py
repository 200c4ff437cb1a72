"""The report: the masthead, then its numbered sections (reportgen.assemble builds its
model, reportgen.model.document.Document)."""

from __future__ import annotations

#: the report is made from the store's blocks and outline, not from a document file
STARTER = None
