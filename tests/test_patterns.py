"""Names, ids, labels and dates are whole matches: a trailing or embedded newline never
passes for the name it follows."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import write

from reportgen.commands.new import NewBlockError, valid_ident
from reportgen.content.models import check_ident, fact_name_ok, symbol_ok
from reportgen.content.store import load_store
from reportgen.dates import DateSyntaxError, parse_period_key

PACKAGE = Path(__file__).resolve().parent.parent / "reportgen"

#: a valid value of each rule, and the rule as a yes-or-no question
RULES = [
    ("block-id-2024", lambda v: _passes(check_ident, v)),
    ("block-id-2024", lambda v: _passes(valid_ident, v)),
    ("vessels_seized", fact_name_ok),
    ("A/HRC/52/1", symbol_ok),
    ("2020-2022", lambda v: parse_period_key(v) is not None),
]


def _passes(check, value) -> bool:
    try:
        check(value)
    except (ValueError, NewBlockError, DateSyntaxError):
        return False
    return True


def _bent(value: str) -> list[str]:
    middle = len(value) // 2
    return [value + "\n", value + "\r\n", "\n" + value, value[:middle] + "\n" + value[middle:],
            value + "\u2028", value + "\x00"]


@pytest.mark.parametrize("valid, rule", RULES)
def test_every_rule_refuses_trailing_and_embedded_newlines(valid, rule):
    assert rule(valid)
    for bent in _bent(valid):
        assert not rule(bent), repr(bent)


def _anchored_patterns() -> dict[str, set[str]]:
    """Module by module, the names of regular expressions written with ^...$ anchors."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                    and getattr(node.value.func, "attr", None) == "compile"
                    and node.value.args and isinstance(node.value.args[0], ast.Constant)
                    and str(node.value.args[0].value).endswith("$")):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found.setdefault(str(path), set()).add(target.id)
    return found


@pytest.mark.slow
def test_no_anchored_pattern_is_matched_by_prefix():
    """``.match`` with a ``$`` anchor lets "name\\n" through; every such check is a
    ``fullmatch`` (``$`` may stay for the JSON schema, which reads the same pattern)."""
    anchored = _anchored_patterns()
    assert anchored, "the scan found no pattern at all"
    misuse = []
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for name in anchored.get(str(path), ()):
            if re.search(rf"\b{name}\.(?:match|search)\(", source):
                misuse.append(f"{path.name}: {name}")
        for found in re.finditer(r"re\.(?:match|search)\(\s*r?f?[\"']([^\"']*)[\"']", source):
            if found.group(1).endswith("$"):
                misuse.append(f"{path.name}: {found.group(1)}")
    assert misuse == []


def test_a_block_whose_id_has_a_trailing_newline_is_refused(workspace):
    write(workspace / "content/blocks/conclusions/twin.yml",
          'id: "conclusions-2022-2024\\n"\nplace: conclusions\nperiod: 2022-2024\norder: 20\n'
          "text: A twin.\n")
    _, log = load_store(workspace)
    messages = [str(p) for p in log.errors]
    assert any("twin.yml:1:" in m and "is not a valid id" in m for m in messages), messages


@pytest.mark.parametrize("ident", ["evil\n", "evil\nx", "\nevil"])
def test_new_refuses_an_id_with_a_newline_and_writes_nothing(run, workspace, ident):
    before = sorted(p for p in workspace.rglob("*"))
    result = run("new", "press-release", "--id", ident, "--date", "2024-03-12",
                 "--root", str(workspace))
    assert result.exit_code != 0
    assert "is not a valid id" in result.output
    assert sorted(p for p in workspace.rglob("*")) == before
