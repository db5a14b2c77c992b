"""The terminology check: locales/glossary.yml says how each English term is
written in each language; a translated message whose English uses a term
(any case; plural, -s, -ed, -ing forms) must contain that term's
translation verbatim. Items marked `untranslated: true` (product names)
stay in English in every language, and the words inside them are not
terms there ("Mail Flow KB" is not "mail flow"). Items marked
`match_case: true` are names of a product's settings ("Send As"): they are
terms only as written, so everyday English ("send as many") is not one."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from generator.i18n.catalog import Translator
from generator.errors import UserError

LOCALE_KEY = re.compile(r"^[a-z]{2,3}(?:_[A-Z]{2})?$")
# Parts of a message that are not prose: link targets, code spans, bare URLs.
NOT_PROSE = re.compile(r"\]\([^)]*\)|`[^`]*`|https?://\S+")


class GlossaryError(UserError):
    """locales/glossary.yml is wrong."""


@dataclass(frozen=True)
class Term:
    en: str
    translations: dict[str, str]  # locale -> the term in that language
    untranslated: bool
    line: int
    match_case: bool = False

    def required(self, locale: str) -> str | None:
        """What a translation into locale must contain when the English uses this term."""
        return self.en if self.untranslated else self.translations.get(locale)

    @property
    def pattern(self) -> re.Pattern:
        *words, last = self.en.split()
        forms = [last] if self.match_case else sorted(inflections(last), key=len, reverse=True)
        body = r"\s+".join([re.escape(word) for word in words] + ["(?:" + "|".join(map(re.escape, forms)) + ")"])
        return re.compile(rf"(?<!\w){body}(?!\w)", 0 if self.match_case else re.IGNORECASE)


@dataclass(frozen=True)
class Violation:
    po_file: Path
    po_line: int
    msgid: str
    translation: str
    term: str
    required: str


def inflections(word: str) -> set[str]:
    """A word with its plural, -s, -ed and -ing forms (regular spelling only)."""
    forms = {word, word + "s", word + "es", word + "ed", word + "ing"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    if len(word) > 2 and word.endswith("y") and word[-2].lower() not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    return forms


def read_glossary(path: Path) -> list[Term]:
    try:
        tree = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GlossaryError(path, None, f"cannot read the glossary: {exc.strerror}",
                            "create locales/glossary.yml (a list of {en, ko, note})") from None
    except MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise GlossaryError(path, line, f"invalid YAML: {exc.problem}", "fix the YAML syntax") from None
    except (YAMLError, UnicodeDecodeError) as exc:
        raise GlossaryError(path, None, f"unreadable glossary: {exc}", "save it as UTF-8 YAML") from None
    if tree is None:
        return []
    if not isinstance(tree, list):
        raise GlossaryError(path, 1, "the glossary must be a list of terms", "write each term as `- en: ...`")
    terms = [read_term(path, item, tree.lc.item(index)[0] + 1) for index, item in enumerate(tree)]
    seen: dict[str, int] = {}
    for term in terms:
        if term.en.lower() in seen:
            raise GlossaryError(path, term.line, f"'{term.en}' is listed twice (first on line {seen[term.en.lower()]})",
                                "keep one item per English term")
        seen[term.en.lower()] = term.line
    return terms


def read_term(path: Path, item, line: int) -> Term:
    if not isinstance(item, dict) or not isinstance(item.get("en"), str) or not item["en"].strip():
        raise GlossaryError(path, line, "a glossary item needs an English term `en`",
                            "write `- en: connector` with `ko: 커넥터` (or `untranslated: true`)")
    for key in item:
        if key not in ("en", "note", "untranslated", "match_case") and not LOCALE_KEY.match(str(key)):
            raise GlossaryError(path, line, f"unknown key '{key}' in the item for '{item['en']}'",
                                "keys are en, note, untranslated, match_case and language codes such as ko")
    translations = {str(key): str(value).strip() for key, value in item.items()
                    if LOCALE_KEY.match(str(key)) and key != "en"}
    untranslated = item.get("untranslated") is True
    if not untranslated and not all(translations.values()) or not (untranslated or translations):
        raise GlossaryError(path, line, f"no translation for '{item['en']}'",
                            "add e.g. `ko: 커넥터`, or `untranslated: true` for a name kept in English")
    return Term(item["en"].strip(), translations, untranslated, line, item.get("match_case") is True)


def required_terms(terms: list[Term], english: str, locale: str) -> list[tuple[Term, str]]:
    """The terms the English of a message uses, longest first; a longer term
    hides the shorter ones inside it ("certificate authority" is not "certificate")."""
    text = NOT_PROSE.sub(lambda match: "\0" * len(match.group(0)), english)
    found = []
    for term in sorted(terms, key=lambda term: len(term.en), reverse=True):
        required = term.required(locale)
        if required is None:
            continue
        hidden = term.pattern.sub(lambda match: "\0" * len(match.group(0)), text)
        if hidden != text:
            found.append((term, required))
            text = hidden
    return found


def check_translations(terms: list[Term], translator: Translator) -> list[Violation]:
    """Every translated (not fuzzy) message of one locale against the glossary."""
    violations = []
    for msgid, (msgstr, fuzzy) in translator.messages.items():
        if not msgstr or fuzzy:
            continue
        po_file, po_line = translator.lines[msgid]
        for term, required in required_terms(terms, msgid, translator.locale):
            if required not in msgstr:
                violations.append(Violation(po_file, po_line, msgid, msgstr, term.en, required))
    return sorted(violations, key=lambda v: (str(v.po_file), v.po_line, v.term))
