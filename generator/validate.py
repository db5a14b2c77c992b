"""Stage 2: checks that span files (each file is already valid on its own)."""
from __future__ import annotations

from .errors import ContentError
from .load import Content, line_for


def check_references(content: Content) -> None:
    """Every related code and replacement names an entry that exists."""
    for code, entry in content.entries.items():
        source = content.sources[code]
        for index, related in enumerate(entry.related):
            if related not in content.entries:
                raise ContentError(source.path, line_for(source.tree, ("related", index)),
                                   f"related code {related} has no entry",
                                   f"add content/errors/{related}.yml or remove it from 'related'")
            if related == code:
                raise ContentError(source.path, line_for(source.tree, ("related", index)),
                                   f"entry {code} lists itself as related", "remove it from 'related'")
        if entry.deprecated_by and entry.deprecated_by not in content.entries:
            raise ContentError(source.path, line_for(source.tree, ("deprecated_by",)),
                               f"deprecated_by names {entry.deprecated_by}, which has no entry",
                               "point it at an existing entry")


def check_aliases(content: Content) -> None:
    """An alias is another code for the same fault; it cannot also be an entry or
    belong to two entries, or lookups would be ambiguous."""
    owner: dict[str, str] = {}
    for code, entry in content.entries.items():
        source = content.sources[code]
        for index, alias in enumerate(entry.aliases):
            where = line_for(source.tree, ("aliases", index))
            if alias in content.entries:
                raise ContentError(source.path, where, f"alias {alias} is an entry of its own",
                                   "list it under 'related' instead")
            if alias in owner:
                raise ContentError(source.path, where, f"alias {alias} is already an alias of {owner[alias]}",
                                   "a code may be the alias of one entry only")
            owner[alias] = code


def validate_content(content: Content) -> None:
    check_references(content)
    check_aliases(content)
