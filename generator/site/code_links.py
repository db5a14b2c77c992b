"""A working address for every code the knowledge base can answer.

/{lang}/errors/{code}/ is an entry's page for the entries' own codes.  For the
other codes the knowledge base knows, the build writes a small page there that
sends the reader on (generator/templates/code_redirect.html.j2):

- an alias, or a code in an entry's range, to its entry, with `?from={code}`:
  the entry page then says which code the reader followed and how it relates
  (site_overrides/assets/javascripts/followed.js: "the form this fault takes
  after 24 hours of retries");
- a code that only the registry's class-agnostic entry covers (5.2.2 ->
  X.2.2), to that entry with `?from=`: the note names the code and its class;
- a code met in real bounces or in Exchange Online's list that no entry
  answers, to the lookup page with the code filled in.

The codes: the entries' aliases and ranges, the three classes of every X
entry, and the codes in generator/data (the registry, Exchange Online's NDR
codes, the shared corpora's codes: bench/corpus_codes.py).  /errors/{code}/
without a language leads to these pages like to the entries'
(generator/site/redirects.py).
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, PackageLoader

from generator.codes.resolve import KnownCodes, KnownEntry, Resolution, Via
from generator.codes.syntax import CODE_RE, canonical, sort_key
from generator.content.load import Content
from generator.i18n.catalog import Translator

DATA = Path(__file__).resolve().parents[1] / "data"
CLASSES = "245"


def N_(text: str) -> str:
    return text


LOOK_UP = N_("Look up %(code)s")


def known_codes(content: Content) -> KnownCodes:
    return KnownCodes(KnownEntry(code, tuple(entry.aliases), entry.range_end) for code, entry in content.entries.items())


def with_classes(code: str) -> list[str]:
    """`X.2.2` -> 2.2.2, 4.2.2, 5.2.2; any other code as it is."""
    return [cls + code[1:] for cls in CLASSES] if code[0] == "X" else [code]


def range_codes(code: str, range_end: str) -> list[str]:
    cls, subject, first = code.split(".")
    last = int(range_end.split(".")[2])
    return [f"{cls}.{subject}.{detail}" for detail in range(int(first), last + 1)]


@lru_cache(maxsize=1)
def data_codes() -> frozenset[str]:
    """Codes listed in generator/data: the registry, Exchange Online's NDR codes, the corpora's codes."""
    codes = set()
    for table in ("iana_enhanced_status_codes.tsv", "exchange_online_ndr_codes.tsv"):
        with open(DATA / table, newline="", encoding="utf-8") as rows:
            for row in csv.DictReader(rows, delimiter="\t"):
                codes.add(canonical(row["code"].split()[-1]))
    for line in (DATA / "corpus_codes.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            codes.add(canonical(line.strip()))
    return frozenset(code for code in codes if CODE_RE.match(code))


def followed_codes(content: Content) -> dict[str, Resolution]:
    """Every code but the entries' own that gets a page at /{lang}/errors/{code}/, with where it leads."""
    candidates = set(data_codes())
    for code, entry in content.entries.items():
        candidates.update(entry.aliases)
        candidates.add(code)
        if entry.range_end:
            candidates.update(range_codes(code, entry.range_end))
    candidates = {concrete for code in candidates for concrete in with_classes(code)}
    known = known_codes(content)
    found = {}
    for code in sorted(candidates - set(content.entries), key=sort_key):
        resolution = known.resolve(code)
        if resolution.via is not Via.exact:
            found[code] = resolution
    return found


@lru_cache(maxsize=1)
def _template():
    env = Environment(loader=PackageLoader("generator", "templates"), autoescape=True)
    return env.get_template("code_redirect.html.j2")


def target(code: str, resolution: Resolution) -> str:
    """Where /{lang}/errors/{code}/ sends the reader, relative to that page."""
    if resolution.entry is None:
        return f"../../lookup/?q={code}"
    return f"../{resolution.entry}/?from={code}"


def redirect_html(lang: str, name: str, label: str, to: str) -> str:
    """A page in lang, at the address of name (a code, a reason's alias), that sends the
    reader on to `to` (relative to it); label is the link's text for a reader without JavaScript."""
    return _template().render(lang=lang, name=name, label=label, target=to)


def code_redirect(code: str, resolution: Resolution, translator: Translator, titles: dict[str, str]) -> str:
    if resolution.entry is None:
        label = str(translator.gettext(LOOK_UP)) % {"code": code}
    else:
        label = f"{resolution.entry} {titles[resolution.entry]}"
    return redirect_html(translator.locale, code, label, target(code, resolution))


def write_code_links(out: Path, content: Content, translators: dict[str, Translator]) -> int:
    """site/{lang}/errors/{code}/index.html for every followed code; returns how many pages."""
    followed = followed_codes(content)
    for locale, translator in translators.items():
        titles = {code: str(translator.lookup(entry.title)) for code, entry in content.entries.items()}
        for code, resolution in followed.items():
            folder = out / locale / "errors" / code
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "index.html").write_text(code_redirect(code, resolution, translator, titles), encoding="utf-8")
    return len(followed) * len(translators)
