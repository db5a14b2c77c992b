"""Data that the site's scripts read from their pages, as JSON in a
<script type="application/json"> element: the lookup page's strings and the
overview's answers to the anchors of the page this knowledge base grew from."""
from __future__ import annotations

import json
import re


from generator.i18n.catalog import Translator
from generator.i18n.labels import SEVERITIES
from generator.content.load import Content
from generator.bounces.rules import RULES_PATH
from generator.codes.parse import MAX_QUERY_BYTES
from generator.diagnose.steps import DIAGNOSED_CODES, DIAGNOSED_MEANINGS, PATH_REASONS
from generator.lookup import MEANING_TEXT, RESULT_TEXT, reason_text
from generator.site.urls import API_ROOT


def N_(text: str) -> str:
    return text


FIX_SECTION = "fixes"  # the id, in every language, of the section in entry.md.j2 that "how do I fix" links land on
LOOKUP_UI = {
    "load_failed": N_("The list of codes could not be loaded. Open the page from the web site, not from a file."),
    "too_long": N_("This text is over 4 MB, more than a bounce holds. Paste the bounce itself, or use the "
                   "command line: python -m generator lookup --file bounce.eml"),
    # The heading over the codes of the answer, under "Why it bounced".
    "codes": N_("Codes found"),
    # Under a reason with a long list of recipients, the first three shown: opens the rest (always 2 or more).
    "more-recipients": N_("Show %(count)s more recipients"),
}


def script_json(data) -> str:
    """JSON that cannot end its <script> element early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def lookup_page_data(translator: Translator, content: Content) -> str:
    """What the lookup page's scripts need besides the index: where things are, its lines in this
    language, and the reason rules (bounces/rules.js) with the reasons' titles."""
    text = {key: str(translator.lookup(english)) for key, english in {**RESULT_TEXT, **LOOKUP_UI}.items()}
    classes = {key: str(translator.lookup(english)) for key, english in SEVERITIES.items()}
    return script_json({
        "index": f"../../{API_ROOT}index.json",
        "entries": "../errors/",
        "lang": translator.locale,
        "max_bytes": MAX_QUERY_BYTES,
        "text": text,
        "classes": classes,
        "rules": json.loads(RULES_PATH.read_text(encoding="utf-8")),
        "reasons": reason_titles(content, translator),
        "reason_texts": {reason: dict(zip(("summary", "fix"), reason_text(page, translator)))
                         for reason, page in content.reasons.items()},
        "reason_pages": "../reasons/",
        "meaning": {key: str(translator.lookup(english)) for key, english in MEANING_TEXT.items()},
        # What the "Check a delivery path" section can explain (lookup-toc.js shows it only then):
        # meanings are codes whose vendor meaning, once the words chose it, is such a fault.
        "path_check": {"codes": list(DIAGNOSED_CODES), "meanings": list(DIAGNOSED_MEANINGS),
                       "reasons": list(PATH_REASONS)},
    })


def reason_titles(content: Content, translator: Translator) -> dict[str, str]:
    """Reason id -> title in this language, for the reasons that have a page."""
    return {reason: str(translator.lookup(page.title)) for reason, page in content.reasons.items()}


def title_slug(title: str) -> str:
    """Anchors of the original page: lower case, ':' '.' and other punctuation dropped, spaces to '-'."""
    return re.sub(r"\s+", "-", re.sub(r"[^\w\s-]", "", title.lower()).strip())


def legacy_anchors(content: Content, translator: Translator) -> dict[str, str]:
    """Old anchor -> the page (and section) that answers it now, relative to /{lang}/overview/."""
    targets = {}
    for code, entry in content.entries.items():
        page = f"../errors/{code}/"
        compact = code.replace(".", "")
        targets[f"ErrorCode{compact}"] = page
        for reply in entry.reply_codes:
            targets[f"error-code-{reply}-{compact}-{title_slug(entry.title)}"] = page
            targets[f"how-do-i-fix-error-code-{reply}-{compact}"] = f"{page}#{FIX_SECTION}"
    for slug, page in content.pages.items():
        for section in page.sections:
            if section.anchor and slug != "overview":
                targets[section.anchor] = f"../{slug}/#{section.anchor}"
    return targets


def legacy_anchor_data(content: Content, translator: Translator) -> str:
    return script_json(legacy_anchors(content, translator))
