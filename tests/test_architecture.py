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


# The lookup page's engine: one classic script per Python module, each adding what it gives to
# window.MFKB ("MFKB.bounces.reply = { ... };") and taking what it uses from it at its top
# ("var unfold = MFKB.bounces.report.unfold;"), so the page's script order must give each name
# before a script takes it.
SCRIPT_LINES = 250
GIVEN_RE = re.compile(r"^  (MFKB(?:\.\w+)+) = \{(.*?)\};$", re.M | re.S)
GIVEN_NAME_RE = re.compile(r"(\w+): \1\b")
TAKEN_RE = re.compile(r"\bMFKB((?:\.\w+)+)")
COUNTERPART_RE = re.compile(r"\A// (generator/[\w/]+\.py)\b")


def namespace(script: str) -> str:
    """The key a script gives its names under: bounces/reply -> MFKB.bounces.reply, lookup-why -> MFKB.lookupWhy."""
    return "MFKB." + re.sub(r"-(\w)", lambda match: match.group(1).upper(), script.replace("/", "."))


def load_order_errors(scripts: list[tuple[str, str]]) -> list[str]:
    """What a script takes from window.MFKB that no script before it gave, for (name, text) in load order."""
    given: dict[str, set[str]] = {}
    errors = []
    for script, text in scripts:
        for found in GIVEN_RE.finditer(text):
            if found.group(1) != namespace(script):
                errors.append(f"{script}.js gives {found.group(1)}, not {namespace(script)}")
        body = GIVEN_RE.sub("", text).replace("window.MFKB = window.MFKB ||", "")
        for found in TAKEN_RE.finditer(body):
            key, _, name = ("MFKB" + found.group(1)).rpartition(".")
            if name not in given.get(key, set()):
                errors.append(f"{script}.js takes {key}.{name}, which no script before it gives")
        for found in GIVEN_RE.finditer(text):
            given[found.group(1)] = set(GIVEN_NAME_RE.findall(found.group(2)))
    return errors


def lookup_scripts() -> list[tuple[str, str]]:
    from generator.site.page_scripts import SCRIPTS, page_scripts

    return [(path.relative_to(SCRIPTS).with_suffix("").as_posix(), path.read_text(encoding="utf-8"))
            for path in page_scripts("lookup")]


def test_the_lookup_page_scripts_load_after_what_they_take():
    scripts = lookup_scripts()
    assert len(scripts) > 20
    assert load_order_errors(scripts) == []


def test_the_load_order_check_finds_a_script_loaded_too_early():
    scripts = dict(lookup_scripts())
    swapped = [(name, scripts[name]) for name in ("bounces/pasted", "bounces/html_text", "codes/syntax", "bounces/report", "bounces/message")]
    assert load_order_errors(swapped) == [
        "bounces/report.js takes MFKB.bounces.message.startsWithHeaders, which no script before it gives",
        "bounces/report.js takes MFKB.bounces.message.HEADER_LINE_RE, which no script before it gives",
        "bounces/report.js takes MFKB.bounces.message.ORIGINAL_START_RE, which no script before it gives",
        "bounces/report.js takes MFKB.bounces.message.originalStart, which no script before it gives",
        "bounces/report.js takes MFKB.bounces.message.withoutTranscriptData, which no script before it gives",
    ]
    renamed = [("bounces/once", scripts["bounces/once"].replace("MFKB.bounces.once = {", "MFKB.bounces.memo = {"))]
    assert load_order_errors(renamed) == ["bounces/once.js gives MFKB.bounces.memo, not MFKB.bounces.once"]


def test_the_lookup_page_scripts_are_small_and_name_their_python_module():
    from generator.site.page_scripts import SCRIPTS

    scripts = lookup_scripts()
    long = {name: text.count("\n") for name, text in scripts if text.count("\n") > SCRIPT_LINES}
    assert long == {}
    listed = {name for name, _ in scripts}
    engine = sorted(path.relative_to(SCRIPTS).with_suffix("").as_posix()
                    for folder in ("codes", "bounces") for path in (SCRIPTS / folder).glob("*.js"))
    assert [name for name in engine if name not in listed] == []  # none left out of the page
    for name in engine:
        counterpart = COUNTERPART_RE.match(dict(scripts)[name])
        assert counterpart and counterpart.group(1) == f"generator/{name}.py", name
        assert (PACKAGE.parent / counterpart.group(1)).is_file(), name


# A script that reached another through a global of its own (window.MfkbReasons.recipientsFirst)
# would escape the load-order check: each takes what it uses from window.MFKB.
OTHER_GLOBAL_READ_RE = re.compile(r"\bwindow\.(?!MFKB\b)(Mfkb\w*)\.\w")
# Tests and benches call the engine by the same names; the page's one other global is mfkbLookupDone,
# the promise of its first answer, that tests wait on.
GLOBAL_SET_RE = re.compile(r"\bwindow\.(\w+) = (?!window\.MFKB\b)")


def test_the_lookup_page_scripts_take_from_window_mfkb_only():
    read = {name: OTHER_GLOBAL_READ_RE.findall(text) for name, text in lookup_scripts()}
    assert {name: found for name, found in read.items() if found} == {}
    assert [found for _, text in lookup_scripts() for found in GLOBAL_SET_RE.findall(text)] == ["mfkbLookupDone"]
    scripts = lookup_scripts()
    attach_last = [item for item in scripts if item[0] != "bounces/attach"] + [
        item for item in scripts if item[0] == "bounces/attach"]
    assert load_order_errors(attach_last) == [
        "lookup-engine.js takes MFKB.bounces.attach.recipientsFirst, which no script before it gives"]
