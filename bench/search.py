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
"""
from __future__ import annotations

import argparse
import functools
import os
import random
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import yaml
from babel.messages.pofile import read_po, write_po
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from generator.build import Project, build  # noqa: E402
from material.plugins.search.plugin import SearchPlugin  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM, CHROMIUM_FLAGS, serve  # noqa: E402

QUERIES = {"en": "connection refused", "ko": "연결 거부"}
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


def make_project(target: Path, count: int, engine: str, seed: int = 11) -> Path:
    """A project with `count` entries, every string translated."""
    for part in ("site_overrides", "content/pages"):
        shutil.copytree(ROOT / part, target / part)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if engine == "material":
        setting = "\nextra:\n  search_engine: material\n"
        text = text.replace("\nextra:\n", setting, 1) if "\nextra:\n" in text else text + setting
    (target / "mkdocs.yml").write_text(text, encoding="utf-8")
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
        }
        (errors / f"{code}.yml").write_text(yaml.safe_dump(entry, allow_unicode=True, sort_keys=False), encoding="utf-8")
    po = target / "locales" / "ko" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    with po.open("wb") as handle:
        write_po(handle, catalog, width=76)
    return target


class MaterialIndexTimer:
    """Seconds Material's search plugin spends indexing, per site folder."""

    def __init__(self):
        self.seconds: dict[str, float] = {}

    def wrap(self, name: str):
        original = getattr(SearchPlugin, name)

        @functools.wraps(original)
        def timed(plugin, *args, **kwargs):
            start = time.perf_counter()
            try:
                return original(plugin, *args, **kwargs)
            finally:
                lang = Path(kwargs["config"].site_dir).name
                self.seconds[lang] = self.seconds.get(lang, 0.0) + time.perf_counter() - start

        setattr(SearchPlugin, name, timed)
        return original

    @contextmanager
    def installed(self):
        originals = {name: self.wrap(name) for name in ("on_page_context", "on_post_build")}
        try:
            yield self
        finally:
            for name, original in originals.items():
                setattr(SearchPlugin, name, original)


def build_site(project: Path) -> tuple[dict[str, float], dict[str, float]]:
    """Build in this process; (Material plugin seconds, our index seconds) per language."""
    os.environ["MFKB_JOBS"] = "1"
    with MaterialIndexTimer().installed() as material:
        report = build(Project(project))
    ours = {stage.split()[-1]: seconds for stage, seconds in report.timings.items() if stage.startswith("search index")}
    return material.seconds, ours


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


ANSWERED = """() => {
  const meta = document.querySelector(".md-search-result__meta");
  const config = JSON.parse(document.getElementById("__config").textContent);
  return meta && meta.textContent !== config.translations["search.result.placeholder"]
    && document.querySelectorAll(".md-search-result__item").length > 0;
}"""


def first_query(browser, url: str, query: str) -> tuple[int, float, int]:
    """(search bytes fetched, seconds from opening the page to results, results) in a fresh context."""
    context = browser.new_context()
    page = context.new_page()
    fetched = []
    page.on("requestfinished", lambda request: fetched.append(request))
    start = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    box = page.locator("input.md-search__input")
    page.keyboard.press("/")
    box.fill(query)
    box.press("End")
    page.wait_for_function(ANSWERED, timeout=120_000, polling=20)
    elapsed = time.perf_counter() - start
    results = page.locator(".md-search-result__item").count()
    page.wait_for_timeout(300)  # let late shard requests finish before counting
    size = sum(request.sizes()["responseBodySize"] for request in fetched
               if any(part in request.url for part in SEARCH_PATHS))
    context.close()
    return size, elapsed, results


def measure(count: int, engine: str, browser, workdir: Path) -> list[str]:
    project = make_project(workdir / f"{engine}-{count}", count, engine)
    material_seconds, our_seconds = build_site(project)
    lines = []
    with serve(project / "site") as url:
        for lang, query in QUERIES.items():
            index_time = material_seconds.get(lang, 0.0) + our_seconds.get(lang, 0.0)
            size = folder_bytes(project / "site" / lang / "search")
            fetched, seconds, results = first_query(browser, f"{url}/{lang}/", query)
            lines.append(f"{count:>6} {engine:<8} {lang:<3} {index_time:>8.2f} s {size / 1e6:>8.2f} MB "
                         f"{fetched / 1e6:>8.2f} MB {seconds * 1000:>8.0f} ms {results:>5}  ({query})")
    shutil.rmtree(project)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, nargs="+", default=[2000],
                        help="sizes to build (10000 takes several minutes per engine on 2 cores)")
    args = parser.parse_args()
    print(f"{'entries':>6} {'engine':<8} {'lang':<3} {'index build':>10} {'on disk':>11} "
          f"{'1st query':>11} {'to results':>11} {'hits':>5}")
    with tempfile.TemporaryDirectory(prefix="mfkb-search-bench-") as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        for count in args.entries:
            for engine in ("mfkb", "material"):
                for line in measure(count, engine, browser, Path(tmp)):
                    print(line, flush=True)
        browser.close()
    print("index build: Material's search plugin plus, for mfkb, the sharded index written from its output;\n"
          "1st query: bytes of search index, shards and worker scripts fetched until the first results;\n"
          "to results: opening the page, typing the query at once, until results are listed (cold cache).")


if __name__ == "__main__":
    main()
