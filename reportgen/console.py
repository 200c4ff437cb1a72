"""What the command line tells the user, at the verbosity asked for.

Results (what was written, counts) go to standard output; warnings, errors and progress
go to standard error.  ``--quiet`` keeps only warnings and errors; ``--verbose`` adds
progress lines, the time of each stage and every file written.  Progress is shown by
default when standard error is a terminal, so scripts and logs get results only.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass

import click

QUIET, NORMAL, VERBOSE = 0, 1, 2


@dataclass(frozen=True)
class Console:
    level: int = NORMAL
    interactive: bool = False

    @classmethod
    def from_flags(cls, quiet: bool, verbose: bool) -> "Console":
        if quiet and verbose:
            raise click.UsageError("--quiet and --verbose cannot be used together")
        level = QUIET if quiet else VERBOSE if verbose else NORMAL
        return cls(level, sys.stderr.isatty())

    def result(self, message: str) -> None:
        """A line of the command's result: shown unless --quiet."""
        if self.level >= NORMAL:
            click.echo(message)

    def warn(self, message: str) -> None:
        """A warning: always shown."""
        click.echo(message, err=True)

    def progress(self, message: str) -> None:
        """What a long command is doing: on a terminal, or with --verbose."""
        if self.level >= VERBOSE or (self.level == NORMAL and self.interactive):
            click.echo(message, err=True)

    def detail(self, message: str) -> None:
        """Timings and file lists: with --verbose only."""
        if self.level >= VERBOSE:
            click.echo(message, err=True)


def verbosity(func):
    """Decorator (placed right under ``@main.command()``): gives a command --quiet/-q and
    --verbose/-v, and passes it a ``console`` instead."""

    @functools.wraps(func)
    def with_console(*args, quiet: bool, verbose: bool, **kwargs):
        from .errors import ContentError

        console = Console.from_flags(quiet, verbose)
        try:
            return func(*args, console=console, **kwargs)
        except ContentError as exc:
            # as `check` prints its problems: the offending line and its caret under each
            # on a terminal or with --verbose; one line a problem in a log or a pipe
            exc.excerpts = console.interactive or console.level >= VERBOSE
            raise

    with_console = click.option("--verbose", "-v", is_flag=True,
                                help="Show progress, stage timings and every file written.")(with_console)
    return click.option("--quiet", "-q", is_flag=True,
                        help="Show only warnings and errors.")(with_console)
