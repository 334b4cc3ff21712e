"""The package shape docs/architecture.md draws, checked on the source itself."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    found = {}
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str:
    """The most specific module of ours that an imported name lives in ('' for others)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def _imports(module: str) -> Iterator[tuple[ast.stmt, str, bool]]:
    """Each import of the module: the statement, the module of ours it names, and whether it
    sits inside a function."""
    path = MODULES[module]
    tree = ast.parse(path.read_text())
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inside.update(id(child) for child in ast.walk(node) if child is not node)
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                prefix = package
                for _ in range(node.level - 1):
                    prefix = prefix.rpartition(".")[0]
                base = f"{prefix}.{base}" if base else prefix
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        for name in names:
            target = _resolve(name)
            if target and target != module:
                yield node, target, id(node) in inside


def _cycles(prefix: str) -> list[set[str]]:
    """The strongly connected groups of more than one module under prefix (Tarjan)."""
    graph = {
        module: {target for _n, target, _f in _imports(module) if target.startswith(prefix)}
        for module in MODULES
        if module.startswith(prefix)
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in graph.get(module, ()):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(group)

    for module in graph:
        if module not in index:
            visit(module)
    return groups


def test_no_import_cycle_between_modules_of_the_web_layer_counting_imports_in_functions():
    assert _cycles("overgang.web") == []


def test_the_scoping_module_imports_no_overgang_model():
    assert [target for _n, target, _f in _imports("overgang.web.scoping")] == []


def test_scoping_and_audit_import_the_web_layer_inside_a_function_only_with_a_reason():
    unexplained = []
    for module in MODULES:
        if module not in ("overgang.web.scoping", "overgang.web.access") and not module.startswith(
            "overgang.web.audit"
        ):
            continue
        lines = MODULES[module].read_text().splitlines()
        for node, target, in_function in _imports(module):
            if not (in_function and target.startswith("overgang.web")):
                continue
            around = lines[node.lineno - 2 : node.lineno]
            if not any("#" in line for line in around):
                unexplained.append(f"{module}:{node.lineno} imports {target}")
    assert unexplained == []


def test_the_core_imports_neither_django_nor_the_outer_packages():
    offending = []
    for module, path in MODULES.items():
        if not module.startswith("overgang.core"):
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            for name in names:
                if name.split(".")[0] == "django" or (
                    name.startswith("overgang.") and not name.startswith("overgang.core")
                ):
                    offending.append(f"{module} imports {name}")
    assert offending == []


def test_the_reports_import_nothing_from_the_web_layer_nor_the_database_counting_functions():
    # overgang.reports renders frozen records; overgang.web.reporting loads them.
    reports = [m for m in MODULES if m == "overgang.reports" or m.startswith("overgang.reports.")]
    offending = []
    for module in reports:
        tree = ast.parse(MODULES[module].read_text())
        for node in ast.walk(tree):  # every import, at the top or inside a function
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                base = node.module or ""
                names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            for name in names:
                if name == "overgang.web" or name.startswith(("overgang.web.", "django.db")):
                    offending.append(f"{module}:{node.lineno} imports {name}")
        offending += [
            f"{module}:{node.lineno} imports {target}"
            for node, target, _in_function in _imports(module)
            if not target.startswith(
                ("overgang.core", "overgang.io", "overgang.texts", "overgang.reports")
            )
        ]
    assert len(reports) > 10
    assert offending == []


def test_no_module_is_over_500_lines():
    long = {
        module: count
        for module, path in MODULES.items()
        if (count := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_a_view_does_not_import_another_view():
    views = "overgang.web.pages.views"
    crossing = [
        f"{module} imports {target}"
        for module in MODULES
        if module.startswith(f"{views}.")
        for _node, target, _f in _imports(module)
        if target.startswith(f"{views}.")
    ]
    assert crossing == []
