"""Build stage: the static JSON API under site/api/v1/.

    index.json            every entry: code, titles, class, aliases, page URLs
    errors/{code}.json    one entry, whole, per language, with translation states
    reasons/index.json    every bounce reason: id, aliases, titles, codes, page URLs
    reasons/{id}.json     one reason, whole, per language, with translation states
    openapi.json          OpenAPI 3.1 description of them
    schemas/*.schema.json JSON Schemas of the documents (sources: generator/data/api/)

Data documents are wrapped in {schema_version, generated_at, result}.  The
output depends on the content only: keys sorted, and generated_at taken from
SOURCE_DATE_EPOCH or else from the newest review date in the content.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any, get_args

from generator.content.builddate import build_epoch
from generator.content.escaping import unmarked
from generator.i18n.catalog import Localized, Translator
from generator.bounces.meanings import emitter_id, meaning_anchor
from generator.codes.resolve import KnownCodes
from generator.codes.syntax import sort_key
from generator.content.load import Content
from generator.content.model import Entry, Reason, Steps
from generator.i18n.translatable import TRANSLATABLE_KEYS, map_strings
from generator.i18n.localize import ENTRY_RESOLUTIONS, known_codes
from generator.site.urls import API_ROOT, api_entry, api_reason, entry_page, reason_page

SOURCES = Path(__file__).resolve().parents[1] / "data" / "api"
SCHEMA_FILES = ("common.schema.json", "index.schema.json", "error.schema.json",
                "reasons-index.schema.json", "reason.schema.json")
OPENAPI = "openapi.json"
HEADERS = Path(__file__).resolve().parents[1] / "data" / "site_headers"
SCHEMA_VERSION = json.loads((SOURCES / OPENAPI).read_text(encoding="utf-8"))["info"]["version"]


def _is_fix_list(annotation) -> bool:
    """list[Fix]: its items may be Steps."""
    items = get_args(annotation)
    return bool(items) and Steps in get_args(items[0])


FIX_LISTS = frozenset(name for model in (Entry, Reason) for name, info in model.model_fields.items()
                      if _is_fix_list(info.annotation))


def generated_at(content: Content) -> str:
    moment = dt.datetime.fromtimestamp(build_epoch(content), dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def envelope(result: Any, stamp: str) -> dict:
    return {"schema_version": SCHEMA_VERSION, "generated_at": stamp, "result": result}


def write_json(path: Path, document: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2)
    path.write_text(text + "\n", encoding="utf-8")


def page_urls(code: str, locales: list[str]) -> dict:
    return {locale: entry_page(locale, code) for locale in locales}


def shared_fields(code: str, entry: Entry, locales: list[str]) -> dict:
    return {
        "code": code,
        "reply_codes": entry.reply_codes,
        "stage": entry.stage.value,
        "class": entry.severity,
        "related": entry.related,
        "aliases": entry.aliases,
        "range_end": entry.range_end,
        "deprecated_by": entry.deprecated_by,
        "urls": page_urls(code, locales),
        "meanings": [meaning_rule(code, meaning, locales) for meaning in entry.meanings],
    }


def meaning_rule(code: str, meaning, locales: list[str]) -> dict:
    """A vendor meaning without its prose: who, for which codes, when it applies, where it is shown."""
    return {
        "emitter": meaning.emitter,
        "id": emitter_id(meaning.emitter),
        "codes": meaning.codes or [code],
        "match": {"reply": meaning.match.reply, "hosts": meaning.match.hosts},
        "urls": {locale: f"{entry_page(locale, code)}#{meaning_anchor(meaning.emitter)}" for locale in locales},
    }


def index_result(content: Content, translators: dict[str, Translator]) -> dict:
    locales = list(translators)
    entries = []
    for code in sorted(content.entries, key=sort_key):
        entry = content.entries[code]
        item = shared_fields(code, entry, locales)
        item["title"] = {locale: str(t.lookup(entry.title)) for locale, t in translators.items()}
        item["api"] = api_entry(code)
        for rule, meaning in zip(item["meanings"], entry.meanings):
            rule["title"] = {locale: str(t.lookup(meaning.title)) for locale, t in translators.items()}
        entries.append(item)
    return {"languages": locales, "entries": entries}


def string_state(value: Localized) -> dict:
    return {"text": unmarked(str(value)), "status": value.status.value, "fallback": value.is_fallback}


def as_fix(value: dict) -> dict:
    """A fix as {text, steps}: a plain fix has no steps (its value is one string's state)."""
    return value if "steps" in value else {"text": value, "steps": []}


def prose(entry: Entry | Reason, translator: Translator) -> dict:
    """The translatable fields of an entry (or a reason) in one locale, each string with its state."""
    mapped = map_strings(entry.model_dump(mode="json"), lambda text: string_state(translator.lookup(text)))
    fields = {key: value for key, value in mapped.items() if key in TRANSLATABLE_KEYS}
    for key in FIX_LISTS & fields.keys():
        fields[key] = [as_fix(fix) for fix in fields[key]]
    if "meanings" in fields:  # entries have them; reason pages do not
        fields["meanings"] = [meaning_prose(meaning) for meaning in fields["meanings"]]
    return fields


def meaning_prose(meaning: dict) -> dict:
    """A vendor meaning's strings in one locale (its rules are in the entry's `meanings`)."""
    return {
        "emitter": meaning["emitter"],
        "title": meaning["title"],
        "summary": meaning["summary"],
        "causes": meaning["causes"],
        "fixes": [as_fix(fix) for fix in meaning["fixes"]],
    }


def entry_result(code: str, entry: Entry, translators: dict[str, Translator]) -> dict:
    result = shared_fields(code, entry, list(translators))
    result["reference"] = entry.reference
    result["sources"] = [source.model_dump(mode="json", exclude_none=True) for source in entry.sources]
    result["examples"] = [example.model_dump(mode="json") for example in entry.examples]
    result["reviewed"] = entry.reviewed.model_dump(mode="json")
    result["content"] = {locale: prose(entry, t) for locale, t in translators.items()}
    return result


def reason_urls(reason_id: str, locales: list[str]) -> dict:
    return {locale: reason_page(locale, reason_id) for locale in locales}


def reasons_index_result(content: Content, translators: dict[str, Translator]) -> dict:
    locales = list(translators)
    reasons = []
    for reason_id in sorted(content.reasons):
        reason = content.reasons[reason_id]
        reasons.append({
            "id": reason_id,
            "title": {locale: str(t.lookup(reason.title)) for locale, t in translators.items()},
            "codes": reason.codes,
            "aliases": reason.aliases,
            "within": reason.within,
            "urls": reason_urls(reason_id, locales),
            "api": api_reason(reason_id),
        })
    return {"languages": locales, "reasons": reasons}


def reason_result(reason_id: str, reason: Reason, known: KnownCodes, translators: dict[str, Translator]) -> dict:
    entries = {}
    for code in reason.codes:
        found = known.resolve(code)
        entries[code] = found.entry if found.via in ENTRY_RESOLUTIONS else None
    return {
        "id": reason_id,
        "aliases": reason.aliases,
        "within": reason.within,
        "codes": reason.codes,
        "entries": entries,
        "sources": [source.model_dump(mode="json", exclude_none=True) for source in reason.sources],
        "reviewed": reason.reviewed.model_dump(mode="json"),
        "urls": reason_urls(reason_id, list(translators)),
        "content": {locale: prose(reason, t) for locale, t in translators.items()},
    }


def write_reasons(root: Path, content: Content, translators: dict[str, Translator], stamp: str) -> int:
    """reasons/index.json and reasons/{id}.json; returns how many files."""
    write_json(root / "reasons" / "index.json", envelope(reasons_index_result(content, translators), stamp))
    known = known_codes(content)
    for reason_id, reason in content.reasons.items():
        write_json(root / api_reason(reason_id), envelope(reason_result(reason_id, reason, known, translators), stamp))
    return 1 + len(content.reasons)


def write_api(site: Path, content: Content, translators: dict[str, Translator]) -> int:
    """Write every API file under site/api/v1/ and the hosts' site/_headers; returns how many API files."""
    root = site / API_ROOT
    stamp = generated_at(content)
    write_json(root / "index.json", envelope(index_result(content, translators), stamp))
    for code, entry in content.entries.items():
        write_json(root / api_entry(code), envelope(entry_result(code, entry, translators), stamp))
    reason_files = write_reasons(root, content, translators, stamp)
    (root / "schemas").mkdir(parents=True, exist_ok=True)
    for name in SCHEMA_FILES:
        shutil.copyfile(SOURCES / name, root / "schemas" / name)
    shutil.copyfile(SOURCES / OPENAPI, root / OPENAPI)
    shutil.copyfile(HEADERS, site / "_headers")
    return 1 + len(content.entries) + reason_files + len(SCHEMA_FILES) + 1
