"""The redline shows what changed in a report's tables and figures: a changed cell, a row
added or removed, a table added or removed, a figure's caption or data; in the Word file
as revisions in the right cells (read back by pandoc and LibreOffice), in the page
marked in place."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import write
from redline_scenario import pandoc, pandoc_elements, pandoc_json
from test_redline_scenario import office_text

BEFORE = """\
id: exhibits
place: observatory
period: 2022-2024
order: 5
text: |
  Deaths rose on every route:

  Table: Deaths by route

  | Route | 2022 | 2023 |
  | --- | --- | --- |
  | Atlantic | 1,234 | 2,001 |
  | Central | 2,400 | 2,100 |
  | Eastern | 300 | 350 |

  Source: IOM.

  Arrivals fell:

  Table: Arrivals

  | Route | 2023 |
  | --- | --- |
  | Western | 500 |

  Parties grew:

  Figure: Parties to the Protocol

  ![Parties by year](chart:parties)

  Source: UNODC.

  Returns rose.
"""

AFTER = (BEFORE
         .replace("| Atlantic | 1,234 | 2,001 |", "| Atlantic | 1,234 | 2,050 |")
         .replace("  | Central | 2,400 | 2,100 |\n", "")
         .replace("| Eastern | 300 | 350 |", "| Eastern | 300 | 350 |\n  | Northern | 90 | 120 |")
         .replace("  Table: Arrivals\n\n  | Route | 2023 |\n  | --- | --- |\n  | Western | 500 |\n\n",
                  "")
         .replace("Figure: Parties to the Protocol", "Figure: States parties to the Protocol")
         .replace("chart:parties)", "chart:parties,sherloc_cases)")
         .replace("  Returns rose.\n", "  Returns rose:\n\n  Table: Returns\n\n"
                  "  | Route | 2023 |\n  | --- | --- |\n  | Eastern | 40 |\n"))

BLOCK = "content/blocks/observatory/exhibits.yml"
PERIOD = "2022-2024"


def _git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                        "HOME": str(root), "PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """The report with the exhibits built (old/), changed and built again (new/), and
    the redline against the first version as a git revision."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    from conftest import ROOT

    from reportgen.build import build
    from reportgen.commands.redline import build_redline

    root = tmp_path_factory.mktemp("exhibits")
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, root / name)
    write(root / BLOCK, BEFORE)
    build(root, [PERIOD], formats=("docx", "md"), kinds=("report",), out=root / "old")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "submitted")
    write(root / BLOCK, AFTER)
    build(root, [PERIOD], formats=("docx",), kinds=("report",), out=root / "new")
    result = build_redline(root, "git:HEAD", PERIOD, author="A. Writer")
    return root, result


def _redline(root):
    return root / "build" / PERIOD / "report.redline.docx"


def _marked(nodes) -> str:
    """Inline text with pandoc's revisions shown: [-deleted-] and {+inserted+}."""
    out = []
    for node in nodes:
        kind, content = node["t"], node.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak"):
            out.append(" ")
        elif kind == "Span":
            (_, classes, _), inner = content
            text = _marked(inner)
            out.append(f"[-{text}-]" if "deletion" in classes
                       else f"{{+{text}+}}" if "insertion" in classes else text)
        elif isinstance(content, list):
            out.append(_marked(content) if content and isinstance(content[0], dict) else "")
    return "".join(out)


def _pandoc_tables(docx) -> list[list[list[str]]]:
    """Every table as pandoc reads it with --track-changes=all, rows of marked cells."""

    def cell_text(cell) -> str:
        blocks = cell[4]
        return " ".join(_marked(b["c"]) for b in blocks if b["t"] in ("Para", "Plain")).strip()

    tables = []
    for table in pandoc_elements(pandoc_json(docx)["blocks"], "Table"):
        _, _, _, head, bodies, _ = table["c"]
        rows = head[1] + [r for body in bodies for r in body[2] + body[3]]
        tables.append([[cell_text(c) for c in row[1]] for row in rows])
    return tables


@pytest.mark.slow
def test_the_word_redline_marks_each_change_in_its_cell(changed):
    root, result = changed
    tables = _pandoc_tables(_redline(root))
    _masthead, deaths, arrivals, returns = tables
    assert deaths == [
        ["Route", "2022", "2023"],
        ["Atlantic", "1,234", "[-2,001-]{+2,050+}"],
        ["[-Central-]", "[-2,400-]", "[-2,100-]"],
        ["Eastern", "300", "350"],
        ["{+Northern+}", "{+90+}", "{+120+}"]]
    assert arrivals == [["[-Route-]", "[-2023-]"], ["[-Western-]", "[-500-]"]]
    assert returns == [["{+Route+}", "{+2023+}"], ["{+Eastern+}", "{+40+}"]]
    # row revisions where the schema puts them: a file Word opens without repair
    from test_docx_schema import schema_errors

    assert schema_errors(_redline(root)) == []


@pytest.mark.slow
def test_the_word_redline_marks_the_captions_of_tables_and_figures(changed):
    from redline_scenario import revisions

    root, _ = changed
    found = [(kind, text) for kind, text, *_ in revisions(_redline(root))]
    assert ("deletion", "Parties") in found and ("insertion", "States parties") in found, found
    assert ("deletion", "Arrivals") in found  # the removed table's title
    assert ("insertion", "Returns") in found  # the added table's title


@pytest.mark.slow
def test_libreoffice_accept_all_and_reject_all_give_each_version_s_tables(changed, tmp_path):
    root, _ = changed
    old = root / "old" / PERIOD / "report.docx"
    new = root / "new" / PERIOD / "report.docx"
    rejected, before, accepted, after = office_text(tmp_path, [
        ("reject", _redline(root)), ("as-is", old), ("accept", _redline(root)), ("as-is", new)])
    assert rejected["tables"] == before["tables"]
    assert accepted["tables"] == after["tables"]
    assert rejected["body"] == before["body"]
    assert accepted["body"] == after["body"]


@pytest.mark.slow
def test_the_page_marks_cells_rows_tables_and_figures(changed):
    root, result = changed
    page = (root / "build" / PERIOD / "report.redline.html").read_text(encoding="utf-8")
    assert ('<tr class="changed"><td>Atlantic</td><td>1,234</td>'
            '<td><del>2,001</del><ins>2,050</ins></td></tr>') in page
    assert ('<tr class="removed"><td><del>Central</del></td><td><del>2,400</del></td>'
            '<td><del>2,100</del></td></tr>') in page
    assert ('<tr class="added"><td><ins>Northern</ins></td><td><ins>90</ins></td>'
            '<td><ins>120</ins></td></tr>') in page
    assert ('<div class="exhibit removed"><p class="exhibit-label"><del>Table 2</del></p>'
            '<p class="exhibit-title"><strong><del>Arrivals</del></strong></p>') in page
    assert ('<div class="exhibit added"><p class="exhibit-label"><ins>Table 2</ins></p>'
            '<p class="exhibit-title"><strong><ins>Returns</ins></strong></p>') in page
    assert ('<p class="exhibit-title"><strong><del>Parties</del><ins>States parties</ins> to the'
            ' Protocol'
            '</strong></p><p class="picture"><del>[Parties by year]</del>'
            '<ins>[Parties by year]</ins></p>') in page
    # the paragraphs whose tables or figure changed count as changed
    assert result.comparison.summary.changed == 4


@pytest.mark.slow
def test_a_markdown_baseline_s_tables_are_compared_in_the_page(changed, tmp_path):
    from reportgen.commands.redline import build_redline

    root, _ = changed
    result = build_redline(root, str(root / "old" / PERIOD / "report.md"), PERIOD,
                           out=tmp_path, author="A. Writer")
    page = (tmp_path / PERIOD / "report.redline.html").read_text(encoding="utf-8")
    assert ('<tr class="changed"><td>Atlantic</td><td>1,234</td>'
            '<td><del>2,001</del><ins>2,050</ins></td></tr>') in page
    assert '<div class="exhibit removed"><p class="exhibit-label"><del>Table 2</del></p>' in page
    assert '<div class="exhibit added"><p class="exhibit-label"><ins>Table 2</ins></p>' in page
    # Markdown has no picture: the figure's caption is compared, its picture is not
    assert '<p class="picture">[Parties by year]</p>' in page
    assert result.comparison.summary.changed == 4


def _png(colour: tuple[int, int, int]) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.slow
def test_a_figure_s_new_picture_is_a_revision_of_its_old_one(tmp_path):
    """A picture file replaced: the Word redline holds the earlier picture deleted and
    the new one inserted (read back by pandoc, each with its own file), and the page
    marks the figure."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    from conftest import ROOT

    from reportgen.commands.redline import build_redline

    root = tmp_path / "ws"
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, root / name)
    old_png, new_png = _png((200, 30, 30)), _png((30, 30, 200))
    (root / "content/images").mkdir(parents=True, exist_ok=True)
    (root / "content/images/routes.png").write_bytes(old_png)
    write(root / BLOCK, "id: exhibits\nplace: observatory\nperiod: 2022-2024\norder: 5\n"
          "text: |\n  Routes shifted:\n\n  Figure: Main routes\n\n"
          "  ![Map of the main routes](images/routes.png)\n")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "submitted")
    (root / "content/images/routes.png").write_bytes(new_png)
    result = build_redline(root, "git:HEAD", PERIOD, author="A. Writer")
    assert result.comparison.summary.changed == 1
    media = tmp_path / "media"
    ast = json.loads(subprocess.run(
        [pandoc(), "--track-changes=all", f"--extract-media={media}", "-t", "json",
         str(_redline(root))], capture_output=True, text=True, check=True).stdout)
    pictures: list[tuple[str, bytes]] = []

    def walk(node, kind=""):
        if isinstance(node, dict):
            if node.get("t") == "Span":
                (_, classes, _), inner = node["c"]
                walk(inner, next((c for c in classes if c in ("insertion", "deletion")), kind))
                return
            if node.get("t") == "Image":
                pictures.append((kind, (media / node["c"][2][0].split("media/", 1)[-1])
                                 .read_bytes() if "media/" in node["c"][2][0]
                                 else open(node["c"][2][0], "rb").read()))
            for value in node.values():
                walk(value, kind)
        elif isinstance(node, list):
            for value in node:
                walk(value, kind)

    walk(ast["blocks"])
    assert pictures == [("deletion", old_png), ("insertion", new_png)]
    from test_docx_schema import schema_errors

    assert schema_errors(_redline(root)) == []
    page = (root / "build" / PERIOD / "report.redline.html").read_text(encoding="utf-8")
    assert ('<p class="picture"><del>[Map of the main routes]</del>'
            '<ins>[Map of the main routes]</ins></p>') in page
