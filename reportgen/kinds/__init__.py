"""The kinds of document, registered once: each is a module of this package (its
layout of the parts it prints, the line above its title, its name on the page in every
language, the fields ``reportgen new`` starts it with, and the rules that set it apart:
one a period or dated, the parts assembled from the report) named in :data:`REGISTERED`.

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
    """What ``reportgen new <kind>`` says: its help, and the help of its options
    (``period_help`` for a kind that is one a period, such as the brief; the others are
    dated and need an id)."""

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
    def one_a_period(self) -> bool:
        """True for a kind a period has one of (the report, the brief): its output is
        named after the kind alone, ``reportgen new`` gives it a period rather than an
        id, and a second one in a period is refused.  The others are dated, each with its
        own id (module: ``ONE_A_PERIOD``, default False)."""
        return getattr(self.module, "ONE_A_PERIOD", False)

    @property
    def from_report(self) -> frozenset[str]:
        """The parts the kind's assembler draws from the facts and the report, of
        'figures' (key figures), 'chart' and 'highlights' (module: ``FROM_REPORT``,
        default none)."""
        return frozenset(getattr(self.module, "FROM_REPORT", ()))

    def name_on_page(self, code: str) -> str:
        """The kind's name as a document of it prints it, in the language of ``code``
        ('Press release', 'Communiqué de presse'; module: ``WORDS``)."""
        return self.module.WORDS[code]

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


def one_a_period(name: str) -> bool:
    """Whether the registered kind ``name`` is one a period (False for a name no kind has)."""
    return any(k.one_a_period for k in kinds() if k.name == name)


def names() -> tuple[str, ...]:
    """Every kind's name: 'report', 'brief', 'press-release', 'statement'."""
    return tuple(name for name, _ in REGISTERED)


def document_names() -> tuple[str, ...]:
    """The kinds made from a document file of content/documents (all but the report)."""
    return tuple(name for name in names() if name != "report")
