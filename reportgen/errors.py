"""The exceptions reportgen shows to its users.

Every problem a user can fix is a :class:`Problem` that names a file and, where known, a
line.  Problems are collected through a whole stage and raised together as one
:class:`ContentError`, so a writer sees all of them in a single run.  The command line
prints them one per line and exits with status 1, never with a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click

from .textchars import invisible

_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` for a terminal line: control characters (escape codes, line breaks),
    characters that reorder text and characters that show nothing (zero-width spaces and
    joiners) are shown as escapes, so a value or a file name cannot start a second line,
    colour the terminal, pass for another message or look like a valid id."""
    return "".join(_escape(c) if invisible(c) else c for c in text)


def _escape(char: str) -> str:
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a warning) at a place in the content store."""

    path: str
    line: int | None
    message: str
    severity: str = "error"
    #: the offending line with a caret under the place, shown under the message on a
    #: terminal (reportgen.content.yamlerrors.excerpt); '' for most problems
    excerpt: str = field(default="", compare=False)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return printable(f"{where}: {self.severity}: {self.message}")

    def shown(self, excerpt: bool) -> str:
        """The problem's line, and with ``excerpt`` the lines showing where it is."""
        if excerpt and self.excerpt:
            return str(self) + "\n" + "\n".join(printable(line)
                                                for line in self.excerpt.split("\n"))
        return str(self)


class ReportgenError(click.ClickException):
    """Base of every error reportgen reports to the user (exit status 1)."""

    exit_code = 1

    def show(self, file=None) -> None:  # noqa: D102 - plain message, no "Error:" prefix
        click.echo(self.shown(), err=True, file=file)

    def shown(self) -> str:
        """The message as printed: one line, whatever characters a path or value holds."""
        return printable(self.format_message())


class ContentError(ReportgenError):
    """One or more problems found in the content store or templates."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_problem_order)
        #: show the lines under each problem that point at its place (True or False, as
        #: the command's verbosity decides: reportgen.console); None: on a terminal only
        self.excerpts: bool | None = None
        super().__init__("\n".join(str(p) for p in self.problems))

    def shown(self) -> str:
        return self.format_message()  # one line a problem, each made printable

    def show(self, file=None) -> None:  # noqa: D102
        """One line a problem; on a terminal or with --verbose, each followed by the lines
        showing where."""
        import sys

        stream = file or sys.stderr
        terminal = hasattr(stream, "isatty") and stream.isatty()
        wanted = terminal if self.excerpts is None else self.excerpts
        if wanted and any(p.excerpt for p in self.problems):
            click.echo("\n".join(p.shown(True) for p in self.problems), err=True, file=file)
        else:
            click.echo(self.shown(), err=True, file=file)


class OutputError(ReportgenError):
    """The outputs could not be written."""


class Interrupted(ReportgenError):
    """The user stopped the build (Ctrl-C); exit status 130, as shells expect."""

    exit_code = 130


def _problem_order(problem: Problem) -> tuple:
    return (problem.path, problem.line or 0, problem.message)


def display_path(path: Path, root: Path) -> str:
    """A path as the user should see it: relative to the workspace when inside it."""
    # the path as written first: a link inside the workspace is shown where it lies
    try:
        return str(path.absolute().relative_to(root.absolute()))
    except ValueError:
        pass
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except (ValueError, OSError, RuntimeError):  # outside, or a link loop
        return str(path)


class ProblemLog:
    """Collects problems during a stage; ``raise_errors`` ends the stage if any are errors."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, path: str, line: int | None, message: str, excerpt: str = "") -> None:
        self.problems.append(Problem(path, line, message, "error", excerpt))

    def warning(self, path: str, line: int | None, message: str) -> None:
        self.problems.append(Problem(path, line, message, "warning"))

    def note(self, path: str, line: int | None, message: str) -> None:
        """Worth knowing, but neither a fault nor a risk: never fails a run, even --strict."""
        self.problems.append(Problem(path, line, message, "note"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def raise_errors(self) -> None:
        if self.errors:
            raise ContentError(self.errors)
