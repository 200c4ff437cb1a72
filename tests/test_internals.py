"""Reaches into a dependency's private names live in reportgen/internals.py only, and each
is made only on the versions it was checked against."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

from reportgen import internals

ROOT = Path(__file__).resolve().parent.parent
SCANNED = [*sorted((ROOT / "reportgen").rglob("*.py")), *sorted((ROOT / "tests").rglob("*.py")),
           *sorted((ROOT / "benchmarks").rglob("*.py"))]
#: private-looking names that their owners document as public
DOCUMENTED = {("os", "_exit"), ("etree", "_Element")}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _trees() -> dict[Path, ast.AST]:
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in SCANNED}


def _ours(trees: dict[Path, ast.AST]) -> set[str]:
    """Every private name reportgen and its tests define (functions, classes, attributes,
    variables), which they may use freely."""
    names: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
    return {name for name in names if _private(name)}


#: modules of the tests' own, which tests import private helpers from
TEST_MODULES = {path.stem for path in (ROOT / "tests").glob("*.py")}


def reaches_in(source: str | ast.AST, ours: set[str], own: set[str] = frozenset()) -> list[str]:
    """Each use in ``source`` of a private name that is not one of ``ours``: an attribute
    (``part._blob``), a name read by ``getattr`` (``getattr(pool, "_processes")``) or an
    import (``from docx.oxml import _private``).  ``self._x`` is ours when ``_x`` is in
    ``own`` (what reportgen's own classes define, even under a dependency's name)."""
    found = []
    tree = ast.parse(source) if isinstance(source, str) else source
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr) and node.attr not in ours:
            owner = node.value.id if isinstance(node.value, ast.Name) else ""
            if owner in ("self", "cls") and node.attr in own:
                continue
            if (owner, node.attr) not in DOCUMENTED:
                found.append(f"line {node.lineno}: .{node.attr}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
              and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)
              and isinstance(node.args[1].value, str) and _private(node.args[1].value)
              and node.args[1].value not in ours):
            found.append(f"line {node.lineno}: {node.func.id}(…, {node.args[1].value!r})")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 \
                and not (node.module or "").startswith("reportgen") \
                and node.module not in TEST_MODULES:
            found += [f"line {node.lineno}: import {alias.name}" for alias in node.names
                      if _private(alias.name)]
    return sorted(found, key=lambda line: int(line.split()[1].rstrip(':')))


def test_the_scan_finds_each_kind_of_reach():
    source = ("part._blob = b''\nx = getattr(pool, '_processes', {})\n"
              "from docx.oxml import _hidden\nmine._ours = 1\nos._exit(1)\n"
              "self._folder()\nfrom conftest import _helper\n")
    assert reaches_in(source, {"_ours"}, {"_folder"}) == [
        "line 1: ._blob", "line 2: getattr(…, '_processes')", "line 3: import _hidden"]


@pytest.mark.slow  # parses every module of the package, the tests and the benchmark
def test_no_reach_into_a_dependency_outside_internals():
    trees = _trees()
    own = _ours(trees)
    # dependencies' names, even where reportgen or a test defines one of its own
    ours = own - {"_blob", "_processes", "_folder", "_p", "_element", "_r", "_tbl"}
    found = {str(path.relative_to(ROOT)): reaches_in(tree, ours, own)
             for path, tree in trees.items() if path != Path(internals.__file__)}
    assert {path: lines for path, lines in found.items() if lines} == {}


def test_every_reach_is_listed_with_the_versions_it_was_checked_against():
    for reach in internals.reaches():
        assert reach.first < reach.beyond
        assert reach.names in " ".join(internals.__doc__.split()), reach.names
        shown = ".".join(str(part) for part in reach.first[:2])
        assert shown in internals.__doc__, (reach.names, shown)


def test_the_installed_versions_are_the_checked_ones():
    """The pinned test environment is one the reaches were checked against: nothing to say."""
    assert internals.untested_reaches() == []


def test_on_another_weasyprint_the_right_to_left_lines_are_left_alone(monkeypatch):
    from weasyprint.layout import inline

    before = inline.get_next_linebox
    with internals.rtl_lines_laid_out_once():  # the checked version: patched while inside
        assert inline.get_next_linebox is not before
    assert inline.get_next_linebox is before
    untested = replace(internals.RTL_LINES, first=(71,), beyond=(72,))
    monkeypatch.setattr(internals, "RTL_LINES", untested)
    with internals.rtl_lines_laid_out_once():
        assert inline.get_next_linebox is before
    assert untested.note() == (
        "weasyprint 70.0 is not a version reportgen was checked against for laying out "
        "right-to-left lines once; right-to-left lines are laid out twice, as WeasyPrint "
        "does by itself")
    assert internals.untested_reaches() == [untested.note()]


def test_build_verbose_names_a_reach_left_out_on_another_version(workspace, monkeypatch):
    from click.testing import CliRunner

    from reportgen.cli import main

    untested = replace(internals.FONT_FOLDERS, first=(71,), beyond=(72,))
    monkeypatch.setattr(internals, "FONT_FOLDERS", untested)
    args = ["build", "--root", str(workspace), "--period", "2020-2022", "--format", "md"]
    verbose = CliRunner().invoke(main, [*args, "--verbose"])
    assert verbose.exit_code == 0
    assert f"  note: {untested.note()}" in verbose.output.splitlines()
    plain = CliRunner().invoke(main, args)
    assert untested.note() not in plain.output


@pytest.mark.slow
def test_weasyprint_libraries_are_found_as_ctypes_finds_them(monkeypatch):
    """The one reading of the loader's cache gives, for every name WeasyPrint 70 tries,
    the file ctypes.util.find_library gives (the names of other systems: none)."""
    import ctypes.util
    import sys

    if not internals._cache_answers():
        pytest.skip("the loader's cache is read only on Linux, with the checked WeasyPrint")
    table = internals._loader_cache()
    assert table is not None
    names = ["libgobject-2.0-0", "gobject-2.0-0", "gobject-2.0", "pango-1.0", "harfbuzz",
             "harfbuzz-subset", "libharfbuzz-vector-0", "harfbuzz-vector", "fontconfig-1",
             "fontconfig", "pangoft2-1.0", "c", "m", "no-such-library-anywhere"]
    found = {name: internals._in_cache(table, name) for name in names}
    assert found == {name: ctypes.util.find_library(name) for name in names}
    assert found["gobject-2.0"] is not None and found["no-such-library-anywhere"] is None
    # imported once more (as a fresh worker does): the cache is asked while it imports,
    # and the standard lookup is back after
    plain = ctypes.util.find_library
    asked = []

    def in_cache(table, name):
        asked.append(name)
        return found.get(name)

    monkeypatch.setattr(internals, "_in_cache", in_cache)
    for module in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, module)
    internals.import_weasyprint()
    assert "weasyprint.text.fonts" in sys.modules
    assert asked[:3] == ["libgobject-2.0-0", "gobject-2.0-0", "gobject-2.0"]
    assert ctypes.util.find_library is plain
