"""Site search at scale: this project's search against Material's built-in
(lunr) search, on the same synthetic knowledge base.

The synthetic entries are made of the real entries' sentences and their
Korean translations from the shipped catalog (so the vocabulary, particles
and code mentions are those of real pages), with unique codes and titles.
Each size is built twice with the generator (in this process, one language
after the other): once as shipped, once with `extra.search_engine: material`.

Printed per engine and language: index build time, index size on disk, the
bytes the browser fetches for its first query (index, worker, shards), and
the time from opening a page to seeing the first results in Chromium, with
the query typed as soon as the page is loaded.

    .venv/bin/python bench/search.py                  # 2,000 entries
    .venv/bin/python bench/search.py --entries 2000 10000
    .venv/bin/python bench/search.py --entries 0      # 0: the shipped content as it is
"""
from __future__ import annotations

import argparse
import functools
import gzip
import os
import random
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from babel.messages.pofile import read_po, write_po
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import generator.build  # noqa: E402
from generator.build import build  # noqa: E402
from generator.project import Project  # noqa: E402
from material.plugins.search.plugin import SearchPlugin  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM, CHROMIUM_FLAGS, serve  # noqa: E402

# per language: the first query (cold: page just opened) and a second one (warm)
QUERIES = {"en": ("connection refused", "certificate expired"), "ko": ("연결 거부", "인증서 만료")}
SEARCH_PATHS = ("/search/", "/workers/", "/lunr/", "mfkb-search")
STAGES = ["dns", "connect", "smtp", "tls", "transfer", "other"]


def shipped_catalog():
    with (ROOT / "locales" / "ko" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


def sentence_pairs(catalog) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(titles, sentences): translated content strings of the shipped catalog."""
    pairs = [(m.id, m.string) for m in catalog
             if m.id and m.string and isinstance(m.id, str) and "fuzzy" not in m.flags and "%" not in m.id]
    titles = [(en, ko) for en, ko in pairs if 8 <= len(en) <= 60 and not en.endswith((".", ":"))]
    sentences = [(en, ko) for en, ko in pairs if len(en) > 60]
    return titles, sentences


def write_config(target: Path, engine: str) -> None:
    """The project's mkdocs.yml, set to Material's own search for engine "material"."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if engine == "material":
        setting = "\nextra:\n  search_engine: material\n"
        text = text.replace("\nextra:\n", setting, 1) if "\nextra:\n" in text else text + setting
    (target / "mkdocs.yml").write_text(text, encoding="utf-8")


def make_project(target: Path, count: int, engine: str, seed: int = 11) -> Path:
    """A project with `count` entries, every string translated."""
    for part in ("site_overrides", "content/pages"):
        shutil.copytree(ROOT / part, target / part)
    write_config(target, engine)
    catalog = shipped_catalog()
    titles, sentences = sentence_pairs(catalog)
    rng = random.Random(seed)
    errors = target / "content" / "errors"
    errors.mkdir(parents=True)
    for index in range(count):
        cls = 4 + index % 2
        code = f"{cls}.{index % 8}.{100 + index // 16}"
        en_title, ko_title = rng.choice(titles)
        title = f"{en_title} ({index})"
        catalog.add(title, f"{ko_title} ({index})")
        entry = {
            "code": code, "reply_codes": [cls * 100 + 50], "title": title, "stage": rng.choice(STAGES),
            "summary": rng.choice(sentences)[0],
            "causes": [en for en, _ in rng.sample(sentences, 3)],
            "fixes": [en for en, _ in rng.sample(sentences, 3)],
            "partner_note": rng.choice(sentences)[0],
            "sources": [{"title": "RFC 3463", "url": "https://www.rfc-editor.org/rfc/rfc3463"}],
        }
        (errors / f"{code}.yml").write_text(yaml.safe_dump(entry, allow_unicode=True, sort_keys=False), encoding="utf-8")
    po = target / "locales" / "ko" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    with po.open("wb") as handle:
        write_po(handle, catalog, width=76)
    return target


class IndexTimer:
    """CPU seconds spent indexing, per language: Material's search plugin
    (lunr's input) and this project's index stage (which reads it).  CPU
    time, so that other work on a shared machine counts less."""

    def __init__(self):
        self.seconds: dict[str, float] = {}

    def wrap(self, owner, name: str, lang_of):
        original = getattr(owner, name)

        @functools.wraps(original)
        def timed(*args, **kwargs):
            start = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                lang = lang_of(args, kwargs)
                self.seconds[lang] = self.seconds.get(lang, 0.0) + time.process_time() - start

        setattr(owner, name, timed)
        return owner, name, original

    @contextmanager
    def installed(self):
        def plugin_lang(args, kwargs):
            return Path(kwargs["config"].site_dir).name

        def stage_lang(args, kwargs):
            return Path(args[0]).name

        originals = [self.wrap(SearchPlugin, "on_page_context", plugin_lang),
                     self.wrap(SearchPlugin, "on_post_build", plugin_lang),
                     self.wrap(generator.build, "write_search_index", stage_lang)]
        try:
            yield self
        finally:
            for owner, name, original in originals:
                setattr(owner, name, original)


def build_site(project: Path) -> dict[str, float]:
    """Build in this process, one language after the other; CPU seconds of indexing per language."""
    os.environ["MFKB_JOBS"] = "1"
    with IndexTimer().installed() as timer:
        build(Project(project))
    return timer.seconds


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


PLACEHOLDER = """() => {
  const meta = document.querySelector(".md-search-result__meta");
  const config = JSON.parse(document.getElementById("__config").textContent);
  return meta && meta.textContent === config.translations["search.result.placeholder"];
}"""
ANSWERED = PLACEHOLDER.replace("===", "!==").replace(
    "];\n}", "] && document.querySelectorAll('.md-search-result__item').length > 0;\n}")


def type_query(page, query: str) -> float:
    """Seconds from typing query into the search box to its results being listed."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function(PLACEHOLDER, timeout=120_000)
    start = time.perf_counter()
    box.fill(query)
    box.press("End")
    page.wait_for_function(ANSWERED, timeout=120_000, polling=10)
    return time.perf_counter() - start


def gzipped_size(site: Path, url: str) -> int:
    """What a host that compresses would send for url: its file gzipped (level 6, as nginx and CDNs do)."""
    path = site / urlsplit(url).path.lstrip("/")
    return len(gzip.compress(path.read_bytes(), compresslevel=6)) if path.is_file() else 0


def browse(browser, url: str, site: Path, queries: tuple[str, str]) -> tuple[int, int, float, float, float, int]:
    """In a fresh browser context: (search bytes fetched until the first
    results, raw and gzipped, seconds until the page's DOM is loaded, seconds
    from opening the page to the results with the query typed at once, seconds
    for the second query, results of the first)."""
    context = browser.new_context()
    page = context.new_page()
    fetched = []
    page.on("requestfinished", lambda request: fetched.append(request))
    start = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    loaded = time.perf_counter() - start
    page.keyboard.press("/")
    page.locator("input.md-search__input").fill(queries[0])
    page.locator("input.md-search__input").press("End")
    page.wait_for_function(ANSWERED, timeout=120_000, polling=10)
    cold = time.perf_counter() - start
    results = page.locator(".md-search-result__item").count()
    page.wait_for_timeout(300)  # let late requests finish before counting
    searched = [request for request in fetched if any(part in request.url for part in SEARCH_PATHS)]
    size = sum(request.sizes()["responseBodySize"] for request in searched)
    zipped = sum(gzipped_size(site, request.url) for request in searched)
    warm = type_query(page, queries[1])
    context.close()
    return size, zipped, loaded, cold, warm, results


def shipped_project(target: Path, engine: str) -> Path:
    for part in ("content", "locales", "site_overrides"):
        shutil.copytree(ROOT / part, target / part)
    write_config(target, engine)
    return target


def measure(count: int, engine: str, browser, workdir: Path) -> list[str]:
    if count:
        project = make_project(workdir / f"{engine}-{count}", count, engine)
    else:
        project = shipped_project(workdir / f"{engine}-shipped", engine)
        count = len(list((project / "content" / "errors").glob("*.yml")))
    index_seconds = build_site(project)
    lines = []
    with serve(project / "site") as url:
        for lang, queries in QUERIES.items():
            size = folder_bytes(project / "site" / lang / "search")
            fetched, zipped, loaded, cold, warm, results = browse(browser, f"{url}/{lang}/", project / "site", queries)
            lines.append(f"{count:>7} {engine:<8} {lang:<4} {index_seconds.get(lang, 0.0):>9.2f} s {size / 1e6:>7.2f} MB "
                         f"{fetched / 1e3:>7.0f} KB {zipped / 1e3:>6.0f} KB {loaded * 1000:>7.0f} ms {cold * 1000:>8.0f} ms "
                         f"{warm * 1000:>7.0f} ms {results:>5}")
    shutil.rmtree(project)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, nargs="+", default=[2000],
                        help="sizes to build (10000 takes several minutes per engine on 2 cores; 0: the shipped content)")
    parser.add_argument("--engines", nargs="+", choices=("mfkb", "material"), default=["mfkb", "material"],
                        help="the search engines to measure (default both)")
    args = parser.parse_args()
    print(f"{'entries':>7} {'engine':<8} {'lang':<4} {'index CPU':>11} {'on disk':>10} "
          f"{'fetched':>10} {'gzipped':>9} {'page DOM':>10} {'open->hits':>11} {'2nd query':>10} {'hits':>5}")
    with tempfile.TemporaryDirectory(prefix="mfkb-search-bench-") as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        for count in args.entries:
            for engine in args.engines:
                for line in measure(count, engine, browser, Path(tmp)):
                    print(line, flush=True)
        browser.close()
    print("index CPU: Material's search plugin, plus for mfkb the sharded index written from its output;\n"
          "fetched: bytes of search index, shards, text chunks and worker scripts until the first results;\n"
          "gzipped: the same files gzipped (level 6), as a host that compresses sends them;\n"
          "page DOM: opening the language's home page (it lists every code) until its DOM is loaded;\n"
          "open->hits: opening that page (cold cache), typing the first query at once, until results are listed;\n"
          "2nd query: typing another query into the same page until its results are listed;\n"
          f"queries: {QUERIES}")


if __name__ == "__main__":
    main()
