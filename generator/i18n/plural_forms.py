"""A catalog header's Plural-Forms, checked against Babel's rule for its locale.

Babel takes the header as it finds it: `pybabel compile` keeps a plural
expression that cannot be read (or divides by zero) and ends in a traceback
on an nplurals that is no number. Where the header is missing, Babel uses the
locale's rule from CLDR (babel.messages.plurals.get_plural), the one
`pybabel init` writes; so that rule is what a header must say (for ko:
`nplurals=1; plural=0;`), read with gettext's own parser of the expression.
"""
from __future__ import annotations

import gettext
import re
from pathlib import Path

from babel.messages.plurals import get_plural
from babel.messages.pofile import unescape

from generator.errors import CatalogError

HEADER_LINE = re.compile(r'^"(?:[^"\\]|\\.)*"\s*$')
# n from 0 to 1,000 settles which form each count takes under the rules of CLDR's languages.
COUNTS = range(1001)


def header_fields(lines: list[str]) -> dict[str, tuple[str, int]]:
    """name (lower case) -> (value, line) of the catalog header, the msgstr of its first message
    (msgid ""); a field's line is the one its name is on."""
    start = next((number for number, line in enumerate(lines, 1) if line.startswith("msgid ")), 0)
    if not start or lines[start - 1].strip() != 'msgid ""' or not lines[start:start + 1] \
            or not lines[start].startswith("msgstr "):
        return {}
    pieces = [(lines[start][len("msgstr "):].strip(), start + 1)]
    for number in range(start + 1, len(lines)):
        if not HEADER_LINE.match(lines[number]):
            break
        pieces.append((lines[number].strip(), number + 1))
    text, starts = "", []
    for quoted, number in pieces:
        starts.append((len(text), number))
        text += unescape(quoted)
    fields, offset, piece = {}, 0, 0
    for field in text.split("\n"):
        while piece + 1 < len(starts) and starts[piece + 1][0] <= offset:  # the last piece starting by here
            piece += 1
        name, colon, value = field.partition(":")
        if colon:
            fields[name.strip().lower()] = (value.strip(), starts[piece][1])
        offset += len(field) + 1
    return fields


def check_plural_forms(path: Path, lines: list[str], locale: str) -> None:
    """The header's Plural-Forms, when it has one, is Babel's rule for the locale, or a rule that
    picks the same form for every count."""
    found = header_fields(lines).get("plural-forms")
    if found is None:
        return
    value, line = found
    rule = get_plural(locale)
    hint = f'write the header line as "Plural-Forms: {rule.plural_forms}\\n", as `pybabel init -l {locale}` does'
    params = {name.strip(): setting.strip() for name, _, setting in
              (part.partition("=") for part in value.split(";"))}
    try:
        count = int(params.get("nplurals", ""))
    except ValueError:
        raise CatalogError(path, line, f"broken Plural-Forms {value[:80]!r}: nplurals is not a number", hint) from None
    try:
        chosen = gettext.c2py(params.get("plural", ""))
        forms = [chosen(n) for n in COUNTS]
    except (ValueError, ArithmeticError, RecursionError) as exc:
        raise CatalogError(path, line, f"broken Plural-Forms {value[:80]!r}: {exc}", hint) from None
    wanted = gettext.c2py(rule.plural_expr)
    if count != rule.num_plurals or forms != [wanted(n) for n in COUNTS]:
        raise CatalogError(path, line, f"Plural-Forms {value[:80]!r} is not the rule of '{locale}', "
                           f"which is {rule.plural_forms!r}", hint)
