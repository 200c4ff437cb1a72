"""The report: the masthead, then its numbered sections (reportgen.assemble builds its
model, reportgen.model.document.Document)."""

from __future__ import annotations

#: the report is made from the store's blocks and outline, not from a document file
STARTER = None

#: a period has one report, named 'report'
ONE_A_PERIOD = True


def label(doc) -> str:
    return doc.masthead.subtitle


def layout(doc):
    from ..model.nodes import ClosingRule, Layout, PageHeads

    return Layout(head=[doc.masthead], body=list(doc.sections),
                  end=[ClosingRule(), PageHeads(doc.masthead.symbol, doc.masthead.job_number)])
