"""Which strings of a content file are translated: one rule for the
extractor (content -> .pot) and for localisation (catalog -> page)."""
from __future__ import annotations

from typing import Any, Callable, Iterator

# Keys whose string values (or lists of strings, or nested fixes) are prose.
TRANSLATABLE_KEYS = frozenset(
    {"title", "summary", "causes", "fixes", "text", "steps", "partner_note", "heading", "body", "sections",
     "recipient_fixes", "sender_fixes", "meanings"}
)


def _line_of(container: Any, key: Any) -> int | None:
    """1-based line of container[key] when the YAML loader recorded it."""
    lc = getattr(container, "lc", None)
    if lc is None:
        return None
    try:
        if isinstance(key, int):
            return lc.item(key)[0] + 1
        return lc.value(key)[0] + 1
    except (KeyError, IndexError, TypeError):
        return None


def iter_strings(node: Any) -> Iterator[tuple[str, int | None]]:
    """Yield (english_text, line) for every translatable string, in file order."""
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key not in TRANSLATABLE_KEYS:
            continue
        if isinstance(value, str):
            yield value.strip(), _line_of(node, key)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    yield item.strip(), _line_of(value, index)
                elif isinstance(item, dict):
                    yield from iter_strings(item)


def map_strings(node: Any, fn: Callable[[str], Any]) -> Any:
    """A copy of plain data with every translatable string replaced by fn(string)."""
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key not in TRANSLATABLE_KEYS:
            out[key] = value
        elif isinstance(value, str):
            out[key] = fn(value.strip())
        elif isinstance(value, list):
            out[key] = [
                fn(item.strip()) if isinstance(item, str) else map_strings(item, fn) for item in value
            ]
        else:
            out[key] = value
    return out
