"""The package's shape: subpackages by concern and no import cycle between
any two modules, imports inside functions included (read with ast, not run)."""
from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "generator"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that this module imports, wherever the import stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in known}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                if f"{target}.{alias.name}" in known:
                    found.add(f"{target}.{alias.name}")
                elif target in known:
                    found.add(target)
    found.discard(name)
    return found


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imported(name, path, known) for name, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph[node]):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_import_graph_sees_imports_inside_functions():
    graph = import_graph()
    assert "generator.project" in graph["generator.lookup"]  # imported inside load_knowledge_base


def test_no_import_cycle_in_the_package():
    assert cycles(import_graph()) == []


def test_the_package_is_split_by_concern():
    loose = sorted(path.name for path in PACKAGE.glob("*.py"))
    subpackages = sorted(path.parent.name for path in PACKAGE.glob("*/__init__.py"))
    assert len(loose) <= 12, loose
    assert len(subpackages) >= 4, subpackages


# Zensical, the successor of Material for MkDocs, renders the overrides with MiniJinja, which
# cannot call Python's string methods; and it rewrites relative paths in a page's Markdown.
PYTHON_STRING_METHOD = re.compile(
    r"\.(?:startswith|endswith|strip|rstrip|lstrip|split|rsplit|join|replace|lower|upper|format|find|count)\(")


def test_theme_overrides_call_no_python_string_methods():
    overrides = PACKAGE.parent / "site_overrides"
    calls = [f"{path.relative_to(overrides)}:{number}: {line.strip()}"
             for path in sorted(overrides.rglob("*.html"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if PYTHON_STRING_METHOD.search(line)]
    assert calls == []


def test_page_templates_load_no_script_by_relative_path():
    templates = PACKAGE / "templates"
    found = [path.name for path in templates.glob("*.md.j2") if "<script src" in path.read_text(encoding="utf-8")]
    assert found == []
