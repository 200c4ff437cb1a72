"""The kinds of document, registered once: each is a module of this package (its
layout of the parts it prints, the line above its title, the fields ``reportgen new``
starts it with) named in :data:`REGISTERED`.

The build, ``reportgen new`` and the templates read kinds from here: adding a kind is
writing its module and naming it here (docs/architecture.md).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

#: each kind's name and the module that holds it, in the order the build makes them
REGISTERED: tuple[tuple[str, str], ...] = (
    ("report", "reportgen.kinds.report"),
    ("brief", "reportgen.kinds.brief"),
    ("press-release", "reportgen.kinds.press_release"),
    ("statement", "reportgen.kinds.statement"),
)


@dataclass(frozen=True)
class NewCommand:
    """What ``reportgen new <kind>`` says: its help, and the help of its options.  A
    kind with ``period_help`` belongs to a period (one a period, such as the brief); the
    others are dated and need an id."""

    summary: str
    example: str
    id_help: str
    date_help: str
    period_help: str | None = None


@dataclass(frozen=True)
class Kind:
    name: str
    module: ModuleType

    @property
    def frame(self) -> str:
        """The stem of the kind's page frame templates ('brief': brief.md.j2 and
        brief.html.j2)."""
        return getattr(self.module, "FRAME", self.name)

    @property
    def starter(self) -> str:
        """The fields a new document of the kind holds after its kind, id and date."""
        return self.module.STARTER

    @property
    def new(self) -> NewCommand | None:
        """Its ``reportgen new`` command; None for a kind not made from a document file."""
        return getattr(self.module, "NEW", None)

    def label(self, doc) -> str:
        return self.module.label(doc)

    def layout(self, doc):
        return self.module.layout(doc)


def kinds() -> tuple[Kind, ...]:
    return tuple(Kind(name, importlib.import_module(module)) for name, module in REGISTERED)


def kind_named(name: str) -> Kind:
    return next(k for k in kinds() if k.name == name)


def names() -> tuple[str, ...]:
    """Every kind's name: 'report', 'brief', 'press-release', 'statement'."""
    return tuple(name for name, _ in REGISTERED)


def document_names() -> tuple[str, ...]:
    """The kinds made from a document file of content/documents (all but the report)."""
    return tuple(name for name in names() if name != "report")
