"""The site search, typed into Material's search box in headless Chromium."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import run_generator, serve
from generator.search.tokens import bucket, stem, tokens

HERE = Path(__file__).parent
QUERIES = yaml.safe_load((HERE / "search_queries.yml").read_text(encoding="utf-8"))
VECTORS = json.loads((HERE / "search_token_vectors.json").read_text(encoding="utf-8"))
TOKENS_JS = HERE.parent / "site_overrides" / "assets" / "javascripts" / "mfkb-search-tokens.js"

PLACEHOLDER_SHOWN = """() => {
  const meta = document.querySelector(".md-search-result__meta");
  const config = JSON.parse(document.getElementById("__config").textContent);
  return meta && meta.textContent === config.translations["search.result.placeholder"];
}"""
ANSWERED = PLACEHOLDER_SHOWN.replace("===", "!==")


def search(page, query: str) -> list[str]:
    """Type query into the search box; the paths of the result pages, best first."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function(PLACEHOLDER_SHOWN)
    box.fill(query)
    box.press("End")  # Material reads the box on keyup
    page.wait_for_function(ANSWERED)
    hrefs = page.locator(".md-search-result__item > a:first-child").evaluate_all(
        "links => links.map(link => link.href)")
    return [urlsplit(href).path for href in hrefs]


def open_search(page, url: str) -> None:
    page.goto(url)
    page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement.matches('input.md-search__input')")


@pytest.mark.browser
@pytest.mark.parametrize("lang", sorted(QUERIES))
def test_every_query_finds_its_page_in_the_first_three(page, site_url, lang, capsys):
    open_search(page, f"{site_url}/{lang}/")
    ranks: dict[str, int | None] = {}
    for query, target in QUERIES[lang]:
        paths = search(page, query)
        assert paths and all(path.startswith(f"/{lang}/") for path in paths), (query, paths)
        expected = f"/{lang}/{target}"
        ranks[query] = paths.index(expected) + 1 if expected in paths else None
    total = len(ranks)
    at1 = sum(rank == 1 for rank in ranks.values()) / total
    at3 = sum(rank is not None and rank <= 3 for rank in ranks.values()) / total
    with capsys.disabled():
        print(f"\nsearch {lang}: {total} queries, recall@1 {at1:.0%}, recall@3 {at3:.0%}")
    missed = {query: rank for query, rank in ranks.items() if rank is None or rank > 3}
    assert not missed, f"not in the first three (rank): {missed}"


@pytest.mark.browser
def test_all_words_are_required_and_missing_ones_are_shown(page, site_url):
    open_search(page, f"{site_url}/en/")
    both = search(page, "refused firewall")
    assert "/en/errors/4.4.316/" in both
    refused_only = search(page, "refused zzyzxq")
    assert refused_only, "pages with some of the words are still offered"
    struck = page.locator(".md-search-result__terms del").all_text_contents()
    assert struck and set(struck) == {"zzyzxq"}


@pytest.mark.browser
@pytest.mark.parametrize("lang, phrase", [("ko", "도메인이 만료"), ("en", "domain has expired")])
def test_pages_that_say_the_phrase_rank_above_pages_that_hold_its_words(page, site_url, built_site, lang, phrase):
    open_search(page, f"{site_url}/{lang}/")
    paths = search(page, phrase)
    def says(path):
        return phrase in " ".join((built_site / path.strip("/") / "index.html").read_text(encoding="utf-8").split())
    saying = [path for path in paths if says(path)]
    assert len(saying) >= 3, paths
    assert paths[: len(saying)] == saying, paths


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_another_tools_name_for_a_reason_finds_that_reason_first(page, site_url, lang):
    # sisimai 5.6's ratelimited is our toomanyconn (its aliases); speeding's page mentions it too.
    open_search(page, f"{site_url}/{lang}/")
    paths = search(page, "ratelimited")
    assert paths[0] == f"/{lang}/reasons/toomanyconn/", paths


@pytest.mark.browser
def test_a_query_pasted_with_the_mouse_runs_without_a_key(page, site_url):
    open_search(page, f"{site_url}/ko/")
    box = page.locator("input.md-search__input")
    box.evaluate("""(box, text) => {
      box.value = text;
      box.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste", bubbles: true }));
    }""", "연결 거부")
    page.wait_for_function(ANSWERED)
    first = page.locator(".md-search-result__item > a:first-child").first.get_attribute("href")
    assert urlsplit(first).path.endswith("/ko/errors/4.4.316/")


@pytest.mark.browser
def test_korean_site_finds_korean_pages_only(page, site_url):
    open_search(page, f"{site_url}/ko/")
    paths = search(page, "인증서")
    assert paths and all(path.startswith("/ko/") for path in paths)
    marks = page.locator(".md-search-result__item mark").all_inner_texts()
    assert "인증서" in marks


@pytest.mark.browser
def test_korean_results_begin_with_korean_text_and_the_english_title_still_finds_the_page(page, site_url):
    open_search(page, f"{site_url}/ko/")
    assert search(page, "연결 거부")[0] == "/ko/errors/4.4.316/"
    snippet = page.locator(".md-search-result__item").first.locator("article p").first.inner_text()
    assert snippet.startswith("응답 코드: 450"), snippet  # not the hidden "Connection refused" under the h1
    assert "/ko/errors/4.4.316/" in search(page, "Connection refused")[:3]


@pytest.mark.browser
def test_keyboard_opens_search_and_enter_goes_to_the_best_result(page, site_url):
    page.goto(f"{site_url}/en/overview/")
    page.keyboard.press("s")
    search(page, "44316")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}/en/errors/4.4.316/?h=4.4.316")


@pytest.mark.browser
def test_result_text_is_shown_as_text_not_run_as_html(page, project):
    entry = project / "content" / "errors" / "4.4.316.yml"
    markup = '`<img src="x" onerror="window.pwned = 1">` zebrafish'  # raw HTML outside backticks is refused
    text = entry.read_text(encoding="utf-8").replace(
        "summary: >-\n", f"summary: >-\n  {markup}\n", 1)
    entry.write_text(text, encoding="utf-8")
    result = run_generator(project, "build")
    assert result.returncode == 0, result.stderr
    with serve(project / "site") as url:
        open_search(page, f"{url}/en/")
        assert search(page, "zebrafish") == ["/en/errors/4.4.316/"]
        results = page.locator(".md-search-result__list")
        assert 'onerror="window.pwned = 1"> zebrafish' in results.inner_text()
        assert results.locator("img").count() == 0
        assert page.evaluate("window.pwned") is None


def test_index_tokens_follow_the_shared_vectors():
    assert {word: stem(word) for word in VECTORS["stem"]} == VECTORS["stem"]
    assert [bucket(token, count) for token, count, _ in VECTORS["bucket"]] == [
        expected for _, _, expected in VECTORS["bucket"]]
    assert {text: tokens(text) for text in VECTORS["tokens"]} == VECTORS["tokens"]


@pytest.mark.browser
def test_query_tokens_follow_the_shared_vectors(page):
    page.set_content("<!doctype html><title>tokens</title>")
    page.add_script_tag(path=str(TOKENS_JS))
    result = page.evaluate("""vectors => {
      const T = window.MfkbSearchTokens;
      const map = (object, fn) => Object.fromEntries(Object.keys(object).map(key => [key, fn(key)]));
      return {
        stem: map(vectors.stem, T.stem),
        bucket: vectors.bucket.map(([token, count]) => T.bucket(token, count)),
        korean_stem: map(vectors.korean_stem, T.koreanStem),
        korean_term: map(vectors.korean_term, word => {
          const term = T.koreanTerm(word);
          return term.kind === "exact" ? { alts: term.alts } : { grams: term.grams, minLength: term.minLength };
        }),
      };
    }""", VECTORS)
    assert result["stem"] == VECTORS["stem"]
    assert result["bucket"] == [expected for _, _, expected in VECTORS["bucket"]]
    assert result["korean_stem"] == VECTORS["korean_stem"]
    assert result["korean_term"] == VECTORS["korean_term"]
