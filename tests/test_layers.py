"""The package's imports run one way, along the pipeline: content → document model →
assemblers and rules → formats → build → commands.  A stage that imported a later one
(the build reaching into a command's module, say) would tie the stages back together."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import reportgen

PACKAGE = Path(reportgen.__file__).parent

#: the stages, in pipeline order; modules not named here (languages, errors, ...) are
#: shared below every stage, and so is the registry of kinds (``reportgen.kinds`` itself,
#: names and lazy loading only), which the content's checks read; the kinds' own modules
#: lay documents out, with the assemblers
STAGES = (
    ("content",),
    ("model", "markup"),
    ("assemble", "briefs", "figures", "datatables", "rules", "kinds"),
    ("formats",),
    ("build",),
    ("commands", "cli", "__main__"),
)


def _stage(module: str) -> int | None:
    if module == "reportgen.kinds":
        return None
    top = module.split(".")[1] if "." in module else None
    return next((i for i, names in enumerate(STAGES) if top in names), None)


def _imports(path: Path, module: str):
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1])
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            names = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
            yield from ((name, node.lineno) for name in names)
        elif isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names)


@pytest.mark.slow
def test_no_stage_imports_a_later_one():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        stage = _stage(module)
        if stage is None:
            continue
        for target, line in _imports(path, module):
            later = _stage(target) if target.startswith("reportgen.") else None
            if later is not None and later > stage:
                upward.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {target}")
    assert upward == []


def test_the_check_finds_an_upward_import(tmp_path):
    path = tmp_path / "store.py"
    path.write_text("from ..build import build\n", encoding="utf-8")
    [(target, _)] = list(_imports(path, "reportgen.content.store"))
    assert target == "reportgen.build" and _stage(target) > _stage("reportgen.content.store")
