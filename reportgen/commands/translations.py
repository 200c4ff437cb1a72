"""The ``reportgen translations`` command group: export and import XLIFF 2.0 files."""

from __future__ import annotations

from pathlib import Path

import click

from ..console import verbosity
from ..languages import CODES


@click.group()
def translations() -> None:
    """Translation work in translators' own tools, through XLIFF 2.0 files.

    \b
    Example:
      reportgen translations export --lang fr --period 2020-2022
      reportgen translations import build/2020-2022/report.fr.xlf
    """


@translations.command("export")
@verbosity
@click.option("--lang", "language", required=True, type=click.Choice(CODES),
              help="The language to translate into.")
@click.option("--period", help="Period of the report (default: the latest).")
@click.option("--only", type=click.Choice(("missing", "stale")),
              help="Only texts with no translation (missing) or with one older than its "
                   "source (stale).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="The XLIFF file to write (default: build/<period>/report.<lang>.xlf).")
@click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=".", show_default=True, help="Workspace folder.")
def export_command(language, period, only, out, root, console) -> None:
    """Write the report's texts into an XLIFF 2.0 file for a translation tool.

    One unit per paragraph, heading, footnote and masthead field, in sentence segments;
    facts and variables are placeholders showing their current value; existing
    translations come with their state, and those still current are locked. Prints the
    words a translation service charges by: new, in changed units, unchanged.

    \b
    Example:
      reportgen translations export --lang fr --only missing
    """
    from ..translations.exchange import export

    result = export(root, language, period, only, out)
    console.result(f"{result.path}: {result.units} units; {result.counts.line()}")


@translations.command("import")
@verbosity
@click.argument("xlf", type=click.Path(path_type=Path))
@click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=".", show_default=True, help="Workspace folder.")
def import_command(xlf, root, console) -> None:
    """Write the translations of an XLIFF 2.0 file, XLF, into the content files.

    Every unit is checked first (its id, its placeholders, the source it was translated
    from); a unit whose source has changed since the export is stale and not applied.
    Files are written all or none, each translation with the fingerprint of its source.

    \b
    Example:
      reportgen translations import returned/report.fr.xlf
    """
    from ..translations.exchange import import_file

    result = import_file(root, xlf)
    for line in result.stale + result.incomplete:
        console.warn(line)
    for path in result.files:
        console.detail(f"  wrote {path}")
    console.result(f"{xlf}: {len(result.applied)} texts translated, {len(result.stale)} stale "
                   f"units not applied, {result.unchanged} locked units unchanged, "
                   f"{result.untranslated} texts left untranslated; "
                   f"{len(result.files)} content files written")
