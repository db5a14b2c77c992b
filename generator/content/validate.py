"""Stage 2: checks beyond each file's shape: references across files, and
the markup text may hold."""
from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from generator.codes.resolve import KnownCodes, KnownEntry
from generator.errors import ContentError
from generator.content.escaping import unsafe_scheme
from generator.content.load import Content, Source, line_for, place
from generator.content.markup_rules import broken_marks, html_tags, link_targets


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
        if entry.deprecated_by == code:
            raise ContentError(source.path, line_for(source.tree, ("deprecated_by",)),
                               f"entry {code} is deprecated by itself", "name the entry that replaces it, or remove "
                               "'deprecated_by'")
        if entry.deprecated_by and entry.deprecated_by not in content.entries:
            raise ContentError(source.path, line_for(source.tree, ("deprecated_by",)),
                               f"deprecated_by names {entry.deprecated_by}, which has no entry",
                               "point it at an existing entry")


def detail_span(entry) -> tuple[str, int, int]:
    """(class.subject, first detail, last detail) of the codes an entry answers for."""
    prefix, first = entry.code.rsplit(".", 1)
    last = entry.range_end.rsplit(".", 1)[1] if entry.range_end else first
    return prefix, int(first), int(last)


def check_ranges(content: Content) -> None:
    """A range (code..range_end) overlaps no other range, and covers another
    entry only as an exception it names under `related`: a code in two places
    would otherwise answer to whichever came first, unnoticed."""
    spans = {code: detail_span(entry) for code, entry in content.entries.items()}
    for code, entry in content.entries.items():
        if not entry.range_end:
            continue
        prefix, first, last = spans[code]
        for other, (other_prefix, other_first, other_last) in spans.items():
            if other == code or other_prefix != prefix or other_first > last or first > other_last:
                continue
            ranged = content.entries[other].range_end
            if not ranged and other in entry.related:
                continue
            source = content.sources[code]
            what = f"the range {other}-{ranged}" if ranged else f"the entry {other}"
            also = place(content.sources[other], ("code",), content)
            raise ContentError(source.path, line_for(source.tree, ("range_end",)),
                               f"the range {code}-{entry.range_end} overlaps {what} (in {also})",
                               "end the range before the other code" + ("" if ranged else
                               f", or, if {other} is an exception with an entry of its own, list it under "
                               f"'related' of {code}"))


def check_alias_owners(content: Content, holders: Iterator[tuple[str, Source, list[str]]], taken,
                       own: tuple[str, str], kinds: tuple[str, str]) -> None:
    """Each alias of holders ((name, source, aliases) each) is none of the names in taken
    (own: the message and hint then, `{alias}` filled in) and belongs to one holder only
    (kinds: what an alias and a holder are, "code" and "entry")."""
    owner: dict[str, tuple[str, Source, int]] = {}  # alias -> (holder, its source, index in its aliases)
    for name, source, aliases in holders:
        for index, alias in enumerate(aliases):
            where = line_for(source.tree, ("aliases", index))
            if alias in taken:
                raise ContentError(source.path, where, *(text.format(alias=alias) for text in own))
            if alias in owner:
                other, other_source, other_index = owner[alias]
                also = place(other_source, ("aliases", other_index), content)
                raise ContentError(source.path, where, f"alias {alias} is already an alias of {other} (in {also})",
                                   f"a {kinds[0]} may be the alias of one {kinds[1]} only")
            owner[alias] = (name, source, index)


def check_aliases(content: Content) -> None:
    """An alias is another code for the same fault; it cannot also be an entry or
    belong to two entries, or lookups would be ambiguous."""
    holders = ((code, content.sources[code], entry.aliases) for code, entry in content.entries.items())
    check_alias_owners(content, holders, content.entries,
                       ("alias {alias} is an entry of its own", "list it under 'related' instead"), ("code", "entry"))


def check_reason_aliases(content: Content) -> None:
    """A reason's alias is another tool's name for it (sisimai 5.6's `ratelimited`): it cannot
    be a reason of ours or belong to two reasons, or a label by that name would be ambiguous."""
    holders = ((name, content.sources["reason:" + name], reason.aliases) for name, reason in content.reasons.items())
    check_alias_owners(content, holders, content.reasons,
                       ("alias {alias} is a reason of its own",
                        "remove it from 'aliases', or merge content/reasons/{alias}.yml into this reason"),
                       ("name", "reason"))


def check_reason_within(content: Content) -> None:
    """A wider name a reason is `within` is another reason's alias (that reason's page is where its
    link leads), not one of our reasons and not this reason's own alias."""
    aliases = content.reason_aliases()
    for name, reason in content.reasons.items():
        source = content.sources["reason:" + name]
        for index, wider in enumerate(reason.within):
            owner = aliases.get(wider)
            if owner is None or owner == name:
                raise ContentError(source.path, line_for(source.tree, ("within", index)),
                                   f"'{wider}' under 'within' is not an alias of another reason",
                                   "list it under 'aliases' of the reason whose page it should lead to, "
                                   "or remove it from 'within'")


def check_meanings(content: Content) -> None:
    """A vendor meaning is reachable: each of its codes is a code with a class that
    resolves to the entry declaring it (not to another entry written for that code),
    and an emitter speaks once per entry (its section's anchor is its name)."""
    known = KnownCodes(KnownEntry(code, tuple(entry.aliases), entry.range_end)
                       for code, entry in content.entries.items())
    for code, entry in content.entries.items():
        source, emitters = content.sources[code], set()
        for index, meaning in enumerate(entry.meanings):
            if meaning.emitter.lower() in emitters:
                raise ContentError(source.path, line_for(source.tree, ("meanings", index, "emitter")),
                                   f"{meaning.emitter} has two meanings in {code}",
                                   "list all the codes it uses this way under one meaning")
            emitters.add(meaning.emitter.lower())
            if not meaning.codes and code[0] == "X":
                raise ContentError(source.path, line_for(source.tree, ("meanings", index, "emitter")),
                                   f"list the codes {meaning.emitter} uses: {code} stands for every class",
                                   f"add e.g. codes: [5{code[1:]}]")
            for code_index, meant in enumerate(meaning.codes):
                where = line_for(source.tree, ("meanings", index, "codes", code_index))
                if meant[0] == "X":
                    raise ContentError(source.path, where, f"{meant} is not a code a server sends",
                                       f"write it with its class, e.g. 5{meant[1:]}")
                found = known.resolve(meant).entry
                if found != code:
                    hint = (f"move the meaning to content/errors/{found}.yml" if found
                            else f"list a code that leads to {code}")
                    raise ContentError(source.path, where,
                                       f"{meaning.emitter}'s meaning of {meant} is never shown: {meant} leads to {found or 'no entry'}",
                                       hint)
            classes = {meant[0] for meant in meaning.codes or [code]}
            for reply_index, reply in enumerate(meaning.reply_codes):
                if str(reply)[0] not in classes:
                    raise ContentError(source.path, line_for(source.tree, ("meanings", index, "reply_codes", reply_index)),
                                       f"reply code {reply} does not belong with {', '.join(meaning.codes or [code])}",
                                       "give the reply codes this sender sends with these codes")


def documents(content: Content) -> Iterator[tuple[Source, BaseModel]]:
    for code, entry in content.entries.items():
        yield content.sources[code], entry
    for slug, page in content.pages.items():
        yield content.sources["page:" + slug], page
    for name, reason in content.reasons.items():
        yield content.sources["reason:" + name], reason


def text_fields(value, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(location, text) of every string in a model's fields, nested ones too."""
    if isinstance(value, BaseModel):
        value = value.model_dump(exclude_none=True)
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_fields(item, loc + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from text_fields(item, loc + (index,))


# Not Markdown: shown as written, escaped where they are output (reply lines, document titles, addresses).
LITERAL_FIELDS = frozenset({"sources", "examples"})
HTML_HINT = "write Markdown: **bold**, [text](https://…); to show a literal tag put it in backticks: `<host>`"


def check_markup(content: Content) -> None:
    """Text is Markdown without raw HTML, and its links cannot run script
    (the policy: generator/content/markup_rules.py). The YAML tree, slow to parse,
    is read only for the line of a mistake."""
    for source, document in documents(content):
        for loc, text in text_fields(document):
            if loc[0] in LITERAL_FIELDS:
                continue
            field = ".".join(str(part) for part in loc)
            if tags := html_tags(text):
                shown = tags[0] if len(tags[0]) <= 60 else tags[0][:57] + "..."
                raise ContentError(source.path, line_for(source.tree, loc), f"raw HTML {shown} in '{field}'", HTML_HINT)
            if marks := broken_marks(text):
                raise ContentError(source.path, line_for(source.tree, loc), f"{marks[0][1:]!r} in '{field}' marks no English run",
                                   "mark English kept as written like this: [**Mail flow** > **Connectors**]{lang=en} "
                                   "(no other attribute; no brackets or code inside)")
            for target in link_targets(text):
                if scheme := unsafe_scheme(target):
                    raise ContentError(source.path, line_for(source.tree, loc), f"link to a {scheme}: address in '{field}'",
                                       "links may point to http:, https: or mailto: addresses, or to this site")


def validate_content(content: Content) -> None:
    check_references(content)
    check_ranges(content)
    check_aliases(content)
    check_reason_aliases(content)
    check_reason_within(content)
    check_meanings(content)
    check_markup(content)
