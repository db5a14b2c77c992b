"""mkdocs.yml, and each file it INHERITs, checked before anything reads it as
settings: MkDocs opens whatever path it is given (a pipe waits forever for
a writer), follows INHERIT round a loop until Python's recursion limit, and
walks the values that YAML aliases repeat (nine aliases nine deep are a
billion values: the build never ended). Before MkDocs reads it, a tag with
which its loader (PyYAML's unsafe one) calls Python or hands over a module
is refused: `!!python/object/apply:os.system [...]` ran the command.
`!!python/name:` stays, as Material's settings name functions with it (emoji,
superfences, slugify), and so does `!!python/object/apply:pymdownx.slugs.slugify`
(the slug factory Material's setup pages call for toc, tabs, blog and tags),
but only from the packages Material's documentation names them from, as
installed: naming a function imports its module, whose top-level code runs (`!!python/name:notes.x` ran a notes.py beside
mkdocs.yml; a folder named `material` there hid the installed package)."""
from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import stat
from pathlib import Path

import yaml

from generator.content.load import yaml_error
from generator.errors import ConfigError

# mkdocs.yml is about 2 KB and 150 values; these bound only what no configuration needs.
MAX_CONFIG_BYTES = 1024 * 1024
MAX_VALUES = 100_000
INHERIT = "INHERIT"

ComposeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # composing runs no tag's constructor
# The tags of PyYAML's UnsafeConstructor that build objects, call them (object/apply:os.system) or import a
# module; whatever handle the file writes a tag with (!!, %TAG, !<...>), the node carries it in full.
CODE_TAGS = ("tag:yaml.org,2002:python/object", "tag:yaml.org,2002:python/module")
NAME_TAG = "tag:yaml.org,2002:python/name:"
# The one call Material's documentation writes (toc's, tabbed's, the blog's and tags' slugify): PyMdown's
# slug factory, which only builds a slug function from its keywords. No other call is taken.
APPLY_TAG = "tag:yaml.org,2002:python/object/apply:"
APPLIED = ("pymdownx.slugs.slugify",)
# The packages Material's documentation names functions from (emoji.twemoji and to_svg, superfences'
# fence_code_format, slugs.slugify, toc.slugify_unicode), each with the distribution that installs it.
NAMED_FROM = {"material": "mkdocs-material", "pymdownx": "pymdown-extensions", "markdown": "Markdown"}
NAME_HINT = ("name a function of Material, PyMdown Extensions or Python-Markdown, as their documentation does "
             "(!!python/name:material.extensions.emoji.twemoji); a build's own Python goes in a file named under "
             "MkDocs' hooks:")


def config_bytes(path: Path, hint: str = "create mkdocs.yml at the project root") -> bytes:
    """The bytes of path, a regular file of at most MAX_CONFIG_BYTES, or one message saying why not."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise ConfigError(path, None, f"{path.name} is not a regular file (a folder, pipe, socket or device)",
                              "replace it with a plain text file")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # never waits, should it have become a pipe meanwhile
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise ConfigError(path, None, f"{path.name} is not a regular file", "replace it with a plain text file")
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError(path, None, f"cannot read: {exc.strerror}", hint) from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(path, None, f"{path.name} holds over {MAX_CONFIG_BYTES // 1024 // 1024} MB, more than a "
                          "configuration does", "remove what was pasted into it by mistake")
    return data


def checked_config(path: Path, for_mkdocs: bool = False) -> bytes:
    """path's bytes, once it and every file it INHERITs are regular files whose
    values stay few once aliases are expanded, and INHERIT leads round no loop;
    for_mkdocs, with no tag that MkDocs' loader would run as code."""
    chain = [Path(os.path.normpath(path.absolute()))]
    data = first = config_bytes(path)
    while True:
        top = composed(chain[-1], data)
        require_few_values(chain[-1], top)
        if for_mkdocs:
            require_no_code_tags(chain[-1], top)
        named = inherited(top)
        if named is None:
            return first
        key, value = named
        target = Path(os.path.normpath(chain[-1].parent / value))
        if target in chain:
            route = " -> ".join(step.name for step in (*chain, target))
            raise ConfigError(chain[-1], key.start_mark.line + 1, f"INHERIT leads back to {target.name} ({route})",
                              "remove the INHERIT line from one of these files")
        data = config_bytes(target, f"fix the INHERIT line of {chain[-1].name}, which names {value}")
        chain.append(target)


def composed(path: Path, data: bytes) -> yaml.Node | None:
    try:
        return yaml.compose(data, Loader=ComposeLoader)
    except yaml.MarkedYAMLError as exc:
        raise yaml_error(path, exc, ConfigError) from None
    except yaml.YAMLError as exc:
        raise ConfigError(path, None, f"invalid YAML: {exc}", f"fix {path.name}") from None


def inherited(top: yaml.Node | None) -> tuple[yaml.Node, str] | None:
    """(the INHERIT key, the file it names) of a top-level mapping, if it has one."""
    if not isinstance(top, yaml.MappingNode):
        return None
    for key, value in top.value:
        if isinstance(key, yaml.ScalarNode) and key.value == INHERIT and isinstance(value, yaml.ScalarNode):
            return key, value.value
    return None


def require_few_values(path: Path, top: yaml.Node | None) -> None:
    """Count the values of the tree as its aliases expand it, each node once
    (a node's count is kept): refuse a tree over MAX_VALUES, or one that
    holds itself through an alias."""
    counts: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack = [(top, False)] if top is not None else []
    while stack:
        node, children_counted = stack.pop()
        if id(node) in counts:
            continue
        children = node_children(node)
        if not children_counted:
            if id(node) in open_nodes:
                continue
            open_nodes.add(id(node))
            stack.append((node, True))
            for child in children:
                if id(child) in open_nodes:
                    raise ConfigError(path, child.start_mark.line + 1, "a YAML alias inside the value it names "
                                      "(a value that holds itself)", "write the value out instead of the alias")
                stack.append((child, False))
            continue
        counts[id(node)] = 1 + sum(counts[id(child)] for child in children)
        open_nodes.discard(id(node))
        if counts[id(node)] > MAX_VALUES:
            raise ConfigError(path, node.start_mark.line + 1, f"the YAML aliases here repeat values into over "
                              f"{MAX_VALUES:,} of them (an alias bomb)", "write the values out, with fewer aliases")


def require_no_code_tags(path: Path, top: yaml.Node | None) -> None:
    """No node (key or value, each once however many aliases name it) tagged to run Python."""
    seen: set[int] = set()
    stack = [top] if top is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.tag.startswith(APPLY_TAG) and node.tag.removeprefix(APPLY_TAG) in APPLIED:
            require_installed_name(path, node, node.tag.removeprefix(APPLY_TAG))
        elif node.tag.startswith(CODE_TAGS):
            shown = shown_tag(node)
            raise ConfigError(path, node.start_mark.line + 1, f"the tag {shown[:80]} makes MkDocs run Python code "
                              f"when it reads {path.name}", "write the value as plain YAML (a build's own Python "
                              "goes in a file named under MkDocs' hooks:); of the !!python tags, MkDocs' settings "
                              "need only !!python/name: (as in !!python/name:material.extensions.emoji.twemoji) and "
                              "!!python/object/apply:pymdownx.slugs.slugify")
        if node.tag.startswith(NAME_TAG):
            require_installed_name(path, node, node.tag.removeprefix(NAME_TAG))
        stack.extend(node_children(node))


def require_installed_name(path: Path, node: yaml.Node, name: str) -> None:
    """A !!python/name: (or the one !!python/object/apply: taken) whose name is a function of a package in
    NAMED_FROM, which Python would import from that package's installed files: PyYAML imports the module
    part (all before the last dot; builtins when there is none) before MkDocs reads a setting, running its
    top-level code."""
    module = name.rpartition(".")[0] or "builtins"
    top = module.partition(".")[0]
    line, shown = node.start_mark.line + 1, shown_tag(node)[:100]
    if top not in NAMED_FROM:
        raise ConfigError(path, line, f"the tag {shown} imports the module {module[:80]}, which is not one of the "
                          f"packages MkDocs' settings name functions from ({', '.join(NAMED_FROM)}); importing "
                          "runs its code", NAME_HINT)
    found = importlib.util.find_spec(top)  # a top-level name is looked up on sys.path, not imported
    installed = installed_file(NAMED_FROM[top], f"{top}/__init__.py")
    where = Path(found.origin).resolve() if found and found.origin else None
    if installed is None or where is None:
        raise ConfigError(path, line, f"the tag {shown} names the package {top}, which is not installed",
                          f"install {NAMED_FROM[top]} (scripts/build.sh installs requirements.lock), or remove "
                          "the setting")
    if where != installed:
        hiding = where.parent if where.name == "__init__.py" else where
        raise ConfigError(path, line, f"the tag {shown} would import {top} from {hiding}, not from the installed "
                          f"{NAMED_FROM[top]} ({installed.parent}); importing runs its code",
                          f"rename or remove {hiding}, which hides the installed package")


def shown_tag(node: yaml.Node) -> str:
    """The node's tag as a configuration writes it (!!python/name:...)."""
    return node.tag.replace("tag:yaml.org,2002:", "!!", 1)


def installed_file(distribution: str, name: str) -> Path | None:
    """Where the installed distribution keeps the file name; None when it is not installed."""
    try:
        return Path(importlib.metadata.distribution(distribution).locate_file(name)).resolve()
    except importlib.metadata.PackageNotFoundError:
        return None


def node_children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []
