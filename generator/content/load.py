"""Stage 1: read content/ into validated models, with YAML line numbers
kept for every error."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from generator.errors import ContentError, UserError
from generator.content.model import Entry, Page, Reason
from generator.content.source_files import (forget_real_folders, read_source_bytes, refuse_control_characters,
                                             require_folder_inside)


class DuplicateField(ValueError):
    def __init__(self, key: str, first: int, again: int):
        super().__init__(key)
        self.key, self.first, self.again = key, first, again


EventLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FastLoader(EventLoader):
    """The fast reader, refusing a key written twice in one mapping (YAML
    readers silently keep the last one)."""

    def construct_mapping(self, node, deep=False):
        seen: dict[str, int] = {}
        for key, _value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    raise DuplicateField(key.value, seen[key.value], key.start_mark.line + 1)
                seen[key.value] = key.start_mark.line + 1
        return super().construct_mapping(node, deep)


class NotADate(ValueError):
    def __init__(self, text: str, line: int, reason: str):
        super().__init__(reason)
        self.text, self.line, self.reason = text, line, reason


class DateCheckedConstructor(RoundTripConstructor):
    """YAML reads 2026-02-30 as a date and fails without a line; this says where."""

    def construct_yaml_timestamp(self, node, values=None):
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError as exc:
            raise NotADate(node.value, node.start_mark.line + 1, str(exc)) from None


DateCheckedConstructor.add_constructor("tag:yaml.org,2002:timestamp", DateCheckedConstructor.construct_yaml_timestamp)


def round_trip_yaml() -> YAML:
    reader = YAML(typ="rt")
    reader.Constructor = DateCheckedConstructor
    return reader


class Source:
    """A content file as read: its path, plain data, and (parsed only when an
    error needs a line number) the round-trip YAML tree."""

    def __init__(self, path: Path, text: str, data: dict):
        self.path, self.text, self.data = path, text, data

    @functools.cached_property
    def tree(self) -> Any:
        return round_trip_yaml().load(self.text)

    def yaml12_data(self) -> dict:
        """The data as YAML 1.2 reads it (the fast reader speaks YAML 1.1, where
        `no` is false): the answer when the two disagree."""
        return to_plain(self.tree)


@dataclass
class Content:
    entries: dict[str, Entry] = field(default_factory=dict)   # by code
    pages: dict[str, Page] = field(default_factory=dict)      # by slug
    reasons: dict[str, Reason] = field(default_factory=dict)  # by id
    sources: dict[str, Source] = field(default_factory=dict)  # by code, "page:slug" or "reason:id"
    root: Path = Path(".")

    def reason_aliases(self) -> dict[str, str]:
        """Another tool's name for a reason -> the reason's id (`ratelimited` -> `toomanyconn`)."""
        return {alias: reason_id for reason_id, reason in self.reasons.items() for alias in reason.aliases}

    def reason_labels(self, reason_id: str) -> set[str]:
        """Other tools' names whose label agrees with this reason: its aliases and the wider names it is within."""
        reason = self.reasons[reason_id]
        return {*reason.aliases, *reason.within}


def read_text(path: Path, tree: Path) -> str:
    raw = read_source_bytes(path, tree, ContentError)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(path, line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                           "save the file as UTF-8") from None
    refuse_control_characters(path, text, ContentError)
    return text


MAX_DEPTH = 12  # an entry nests four levels deep (fixes > steps > text)


def refuse_unbounded_structure(path: Path, text: str) -> None:
    """Anchors and aliases (&name, *name) and deep nesting, refused before any
    reader builds the document: content needs none of them, and a 1 KB file
    of aliases expands to gigabytes, thousands of brackets exhaust the stack.
    One pass over the parser's events, which hold no document."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=EventLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
                raise ContentError(path, event.start_mark.line + 1,
                                   f"YAML {'alias' if sign == '*' else 'anchor'} {sign}{event.anchor}: "
                                   "content files may not use anchors or aliases",
                                   "write the value out in full where it is needed")
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise too_deep(path, event.start_mark.line + 1)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        # libyaml stops at a thousand levels, before it hands over the first of them
        if "nesting depth" in str(exc):
            mark = getattr(exc, "problem_mark", None)
            raise too_deep(path, mark.line + 1 if mark else None) from None
        return  # any other mistake: reported by the reading that follows, with its line


def too_deep(path: Path, line: int | None) -> ContentError:
    return ContentError(path, line, f"nested more than {MAX_DEPTH} levels deep",
                        "content needs a few levels at most (fixes > steps); check the brackets and indentation")


def read_yaml(path: Path, tree: Path | None = None) -> Source:
    """tree: the content/ folder the file must be in (default: two levels up, as for errors/x.yml)."""
    text = read_text(path, tree or path.parent.parent)
    if not text.strip():
        raise ContentError(path, 1, "the file is empty", "see content/errors/4.4.316.yml for an example")
    refuse_unbounded_structure(path, text)
    try:
        data = yaml.load(text, Loader=FastLoader)
    except DuplicateField as exc:
        raise ContentError(path, exc.again, f"field '{exc.key}' appears twice (also on line {exc.first})",
                           "keep one of the two: YAML would silently drop the first") from None
    except (yaml.YAMLError, ValueError):  # ValueError: an impossible date
        data = None  # reported below, with ruamel's line and wording
    if data is None:
        try:
            data = round_trip_yaml().load(text)
        except NotADate as exc:
            raise ContentError(path, exc.line, f"{exc.text} is not a date: {exc.reason}",
                               "write a date as YYYY-MM-DD, e.g. 2026-11-27") from None
        except MarkedYAMLError as exc:
            raise yaml_error(path, exc) from None
        except YAMLError as exc:
            raise ContentError(path, None, f"invalid YAML: {exc}", "fix the YAML syntax") from None
    if not isinstance(data, dict):
        raise ContentError(path, 1, "the file must hold a mapping of fields (key: value)",
                           "see content/errors/4.4.316.yml for an example")
    return Source(path, text, to_plain(data))


def yaml_error(path: Path, exc, error: type[UserError] = ContentError) -> UserError:
    """Point at where an unclosed bracket or quote was opened, if there is
    one: that is where the fix goes; otherwise at the problem itself.
    exc: a MarkedYAMLError of ruamel or PyYAML (they have the same marks)."""
    problem = exc.problem or "invalid YAML"
    if exc.context_mark is not None:
        detail = f"{exc.context}: {problem}"
        if exc.problem_mark is not None:
            detail += f" (noticed on line {exc.problem_mark.line + 1})"
        return error(path, exc.context_mark.line + 1, f"invalid YAML, {detail}",
                     "close the bracket or quote opened on this line")
    line = exc.problem_mark.line + 1 if exc.problem_mark else None
    return error(path, line, f"invalid YAML: {problem}",
                 "check indentation, colons and quoting on this line")


def to_plain(node: Any) -> Any:
    """ruamel's commented containers and scalar subclasses -> plain Python."""
    if isinstance(node, dict):
        return {str(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def line_for(tree: Any, loc: tuple) -> int | None:
    """Follow a pydantic error location through the YAML tree to a line.

    Union branches in `loc` (e.g. 'str', 'Steps') are not keys and are skipped;
    a missing key reports the line of the mapping that lacks it.
    """
    node, line = tree, 1
    for part in loc:
        lc = getattr(node, "lc", None)
        if isinstance(node, dict) and part in node:
            if lc is not None:
                line = lc.key(part)[0] + 1
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            if lc is not None:
                line = lc.item(part)[0] + 1
            node = node[part]
        elif lc is not None and isinstance(node, (dict, list)) and line == 1:
            line = lc.line + 1
    return line


CODE_FIELDS = ("code", "deprecated_by", "range_end", "related", "aliases", "codes")


# A reason's fields that hold reason ids: its own, its aliases and the wider names it is within
# (an entry's `aliases` are codes).
REASON_ID_FIELDS = ("id", "aliases", "within")
REASON_ID_HINT = "write the reason's name in lower-case letters and digits, as sisimai names it: mailboxfull"


def describe(error: dict, model: type[BaseModel]) -> tuple[str, str]:
    """A pydantic error as (message, hint) a content writer can act on."""
    loc = ".".join(str(p) for p in error["loc"] if not is_branch(p))
    kind = error["type"]
    if error["loc"][0] == "sources" and (hint := source_hint(error)):
        return hint
    if kind == "missing":
        return f"missing required field '{loc}'", f"add '{error['loc'][-1]}:' to the file"
    if kind == "extra_forbidden":
        allowed = ", ".join(model.model_fields)
        return f"unknown field '{loc}'", f"remove it or correct its spelling; allowed fields: {allowed}"
    if model is Reason and error["loc"][0] in REASON_ID_FIELDS and kind in ("string_pattern_mismatch", "string_type"):
        return f"'{loc}' is not a reason id: {error['input']!r}", REASON_ID_HINT
    names_a_code = error["loc"][-1] in CODE_FIELDS or error["loc"][0] in CODE_FIELDS
    if names_a_code and kind in ("string_pattern_mismatch", "string_type"):  # `code: 4.4` reads as a number
        return (f"'{loc}' is not an enhanced status code: {error['input']!r}",
                "write class.subject.detail, e.g. 4.4.316 (put the reply code such as 450 in reply_codes)")
    if kind.startswith("date_"):
        return f"'{loc}': {error['input']!r} is not a date", "write a date as YYYY-MM-DD, e.g. 2026-11-27"
    if kind == "too_short":
        return f"'{loc}' is empty", "give at least one item"
    if kind == "string_too_long":
        return f"'{loc}' is too long", error["msg"]
    return f"'{loc}': {error['msg']}", "see generator/content/model.py for the expected shape"


SOURCES_SHAPE = "    sources:\n      - title: RFC 3463\n        url: https://www.rfc-editor.org/rfc/rfc3463"


def source_hint(error: dict) -> tuple[str, str] | None:
    """The mistakes made in `sources`, said in its own words."""
    loc, kind = error["loc"], error["type"]
    if kind in ("missing", "too_short") and len(loc) == 1:
        return ("the entry names no sources",
                f"list the documents its facts come from, each with a title and an https address:\n{SOURCES_SHAPE}")
    if loc[-1] == "url" and kind in ("string_pattern_mismatch", "string_type"):
        return (f"'sources.{loc[1]}.url' is not an https address: {error['input']!r}",
                "write the full address, starting with https:// (http and other schemes are refused)")
    return None


def is_branch(part) -> bool:
    """A union's branch in an error's location ('str', 'constrained-str', 'Steps'), not a key."""
    return isinstance(part, str) and (part[:1].isupper() or part in ("str", "constrained-str"))


def taken_branches(errors: list[dict]) -> list[dict]:
    """A union (a fix: a sentence or a Steps mapping) reports a mistake in
    each branch; keep the one the input took: the text's for a string, the
    mapping's for a mapping."""
    kept = []
    for error in errors:
        branches = [part for part in error["loc"] if is_branch(part)]
        if "str" in branches or "constrained-str" in branches:
            if not isinstance(error["input"], str):
                continue
        elif branches and error["type"] == "model_type":
            continue
        kept.append(error)
    return kept or errors


def validate(source: Source, model: type[BaseModel]) -> BaseModel:
    try:
        return model.model_validate(source.data)
    except ValidationError:
        pass
    try:
        return model.model_validate(source.yaml12_data())
    except ValidationError as exc:
        errors = taken_branches(exc.errors())
        first = errors[0]
        message, hint = describe(first, model)
        more = len(errors) - 1
        if more:
            message += f" (and {more} more problem{'s' if more > 1 else ''} in this file)"
        raise ContentError(source.path, line_for(source.tree, first["loc"]), message, hint) from None


def place(source: Source, loc: tuple, content: Content) -> str:
    """`content/errors/4.4.316.yml:4`: where another file says something, for a message."""
    return f"{source.path.relative_to(content.root.parent)}:{line_for(source.tree, loc)}"


def load_entries(folder: Path, content: Content) -> None:
    for path in sorted(folder.glob("*.yml")):
        source = read_yaml(path, content.root)
        entry = validate(source, Entry)
        if entry.code in content.entries:
            other = place(content.sources[entry.code], ("code",), content)
            raise ContentError(path, line_for(source.tree, ("code",)),
                               f"duplicate code {entry.code} (also in {other})",
                               "merge the two entries or correct the code; a code written another way "
                               "(4.04.316, full-width digits) is the same code")
        content.entries[entry.code] = entry
        content.sources[entry.code] = source


RESERVED_SLUGS = {"errors": "the list of error codes", "reasons": "the list of bounce reasons"}


def load_pages(folder: Path, content: Content) -> None:
    for path in sorted(folder.glob("*.yml")):
        source = read_yaml(path, content.root)
        page = validate(source, Page)
        if page.slug in RESERVED_SLUGS:
            raise ContentError(path, line_for(source.tree, ("slug",)),
                               f"page slug '{page.slug}' is taken by {RESERVED_SLUGS[page.slug]}", "choose another slug")
        if page.slug in content.pages:
            other = place(content.sources["page:" + page.slug], ("slug",), content)
            raise ContentError(path, line_for(source.tree, ("slug",)),
                               f"duplicate page slug '{page.slug}' (also in {other})", "give every page its own slug")
        content.pages[page.slug] = page
        content.sources["page:" + page.slug] = source


def load_reasons(folder: Path, content: Content) -> None:
    """content/reasons/{id}.yml: the file's name is the reason's id (and its page's address)."""
    for path in sorted(folder.glob("*.yml")):
        source = read_yaml(path, content.root)
        reason = validate(source, Reason)
        if reason.id != path.stem:
            raise ContentError(path, line_for(source.tree, ("id",)),
                               f"reason id '{reason.id}' does not match the file name {path.name}",
                               f"rename the file to {reason.id}.yml or set 'id: {path.stem}'")
        content.reasons[reason.id] = reason
        content.sources["reason:" + reason.id] = source


def load_content(root: Path) -> Content:
    """Read and validate every file under root (the content/ folder)."""
    if not (root / "errors").is_dir():
        raise ContentError(root, None, "no errors/ folder under the content folder",
                           "entries live in content/errors/*.yml")
    forget_real_folders()
    for name in ("errors", "pages", "reasons"):
        require_folder_inside(root / name, root, ContentError)
    content = Content(root=root)
    load_entries(root / "errors", content)
    load_pages(root / "pages", content)
    load_reasons(root / "reasons", content)
    return content
