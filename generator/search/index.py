"""Stage 5b: the site search index of one language, cut into shards.

Material's search plugin writes search/search_index.json: every page and
every section of it as {location, title, text}, loaded whole by the browser.
This stage reads it and writes instead

- search/search_index.json: Material's config plus a small table (sections
  per page, shard counts), with no documents, so the page load stays light;
- search/mfkb/t{n}.json: the inverted index, tokens as generator.search.tokens
  cuts them, spread over shards (search_tokens.bucket); each token maps to a
  flat list [doc-id delta, weight, ...];
- search/mfkb/d{n}.json: the display text of a run of pages.

The browser worker (site_overrides/assets/javascripts/mfkb-search-worker.js)
fetches only the shards a query needs.
"""
from __future__ import annotations

import html
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from generator.codes.syntax import CODE_PATTERN
from generator.search.tokens import bucket, tokens

ENGINE_KEY = "search_engine"  # extra.search_engine: material = Material's own search
TITLE_WEIGHT = 8
TITLE_TF_CAP = 3
TEXT_TF_CAP = 10
ENTRY_BOOST = 2  # entry pages rank above pages that only mention a term
SHARD_BYTES = 16_000
CHUNK_BYTES = 6_000
ENTRY_RE = re.compile(rf"^errors/{CODE_PATTERN}/(#|$)")
# A reason page ranks like an entry by its title and name, not by its text: its text
# mentions many faults in passing, and the entry of the exact fault should stay first.
REASON_RE = re.compile(r"^reasons/[a-z][a-z0-9]*/$")
TAG_RE = re.compile(r"<[^>]+>")
SPACE_RE = re.compile(r"\s+")


@dataclass
class Doc:
    location: str
    title: str
    text: str


def uses_own_search(raw_config: dict) -> bool:
    return (raw_config.get("extra") or {}).get(ENGINE_KEY, "mfkb") != "material"


def plain(markup: str) -> str:
    return SPACE_RE.sub(" ", html.unescape(TAG_RE.sub(" ", markup))).strip()


def read_material_index(path: Path) -> tuple[dict, list[Doc]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    docs = [Doc(d["location"], plain(d["title"]), plain(d["text"])) for d in data["docs"]]
    return data["config"], docs


def group_pages(docs: list[Doc]) -> list[list[Doc]]:
    """Material lists each page, then its sections (locations with #)."""
    pages: dict[str, list[Doc]] = {}
    for doc in docs:
        pages.setdefault(doc.location.split("#", 1)[0], []).append(doc)
    return list(pages.values())


def entry_keywords(entries) -> dict[str, str]:
    """Location of each entry page -> the codes it answers to (its own, its
    aliases, its reply codes), indexed like its title: `5.4.316` leads to the
    4.4.316 entry before any page that mentions 5.4.316."""
    return {
        f"errors/{entry.code}/": " ".join([entry.code, *entry.aliases, *map(str, entry.reply_codes)])
        for entry in entries
    }


def reason_keywords(reasons: dict) -> dict[str, str]:
    """Location of each reason page -> its name (`mailboxfull`) and its aliases (`toomanyconn
    ratelimited`: other tools' names for it), indexed like its title."""
    return {f"reasons/{reason_id}/": " ".join([reason_id, *reason.aliases]) for reason_id, reason in reasons.items()}


def doc_weights(doc: Doc, keywords: str = "") -> dict[str, int]:
    """token -> weight: capped counts, the title's counting TITLE_WEIGHT times."""
    weights = {token: count if count < TEXT_TF_CAP else TEXT_TF_CAP for token, count in Counter(tokens(doc.text)).items()}
    title_weight = TITLE_WEIGHT * (ENTRY_BOOST if REASON_RE.match(doc.location) else 1)
    for token, count in Counter(tokens(f"{doc.title} {keywords}")).items():
        weights[token] = weights.get(token, 0) + title_weight * min(count, TITLE_TF_CAP)
    if ENTRY_RE.match(doc.location):
        return {token: ENTRY_BOOST * weight for token, weight in weights.items()}
    return weights


def postings(docs: list[Doc], keywords: dict[str, str]) -> dict[str, list[int]]:
    """token -> [doc-id delta, weight, ...] in doc order."""
    index: dict[str, list[int]] = defaultdict(list)
    last: dict[str, int] = {}
    for doc_id, doc in enumerate(docs):
        for token, weight in doc_weights(doc, keywords.get(doc.location, "")).items():
            entries = index[token]
            entries.append(doc_id - last.get(token, 0))
            entries.append(weight)
            last[token] = doc_id
    return index


def shard_count(index: dict[str, list[int]]) -> int:
    size = sum(len(token) * 3 + 6 * len(entries) for token, entries in index.items())
    return max(1, math.ceil(size / SHARD_BYTES))


def pages_per_chunk(pages: list[list[Doc]]) -> int:
    size = sum(len(doc.title) + len(doc.text) for page in pages for doc in page) * 2
    return max(1, round(CHUNK_BYTES / max(1, size / max(1, len(pages)))))


def write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")


def write_search_index(site_dir: Path, keywords: dict[str, str]) -> None:
    search = site_dir / "search"
    if not (search / "search_index.json").is_file():
        return  # mkdocs.yml lists no search plugin: the site has no search
    config, docs = read_material_index(search / "search_index.json")
    pages = group_pages(docs)
    docs = [doc for page in pages for doc in page]
    index = postings(docs, keywords)
    shards = shard_count(index)
    chunk = pages_per_chunk(pages)
    out = search / "mfkb"
    out.mkdir(exist_ok=True)
    by_shard: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for token, entries in index.items():
        by_shard[bucket(token, shards)][token] = entries
    for number, part in enumerate(by_shard):
        write_json(out / f"t{number}.json", part)
    for number, start in enumerate(range(0, len(pages), chunk)):
        write_json(out / f"d{number}.json",
                   [[doc.location, doc.title, doc.text] for page in pages[start : start + chunk] for doc in page])
    config["mfkb"] = {"shards": shards, "chunk": chunk, "sections": [len(page) for page in pages]}
    write_json(search / "search_index.json", {"config": config, "docs": []})
