"""Script injection across the whole site (issue 7), in headless Chromium.

Payloads that a build accepts (literal markup in code spans, entities that
decode to tags, attribute-list syntax, quotes, template syntax, a link whose
URL carries a quote) are put into every text field of one entry and one page,
into their Korean translations and into Korean interface strings.  The site
is built once and every page of both languages is opened: no dialog may
open, no element may carry an event-handler attribute or a script URL, and
the payloads must be on the pages as text (they arrived, and were shown, not
run).  Search, the lookup page and the JSON API get the same treatment.

Each payload calls alert() with its own number, so a failure names it: n in
English, 100 + n in Korean, 200 + in interface strings, 300 + in queries.
Link targets with a script scheme are refused by the build (bad-input suite);
the escaping that would still neutralise them is checked here without a build.
"""
from __future__ import annotations

import json
from urllib.parse import quote

import pytest
import yaml
from babel.messages.pofile import read_po, write_po

from conftest import copy_project, record_dialogs, run_generator, serve
from generator.content.escaping import markdown_escape
from test_search import open_search, search

pytestmark = pytest.mark.browser

ENTRY, PAGE = "4.4.316", "other-codes"
LANGS = ("en", "ko")
WORD = {"en": "quokka", "ko": "쿼카"}  # one searchable word in every poisoned string

# number -> (Markdown source, what the reader sees); {n} is the payload's number.
# A link (12) goes last in its field: Markdown reads the rest of the line into its title.
PAYLOADS = {
    1: ("`<script>alert({n})</script>`", "<script>alert({n})</script>"),
    2: ("`</script><script>alert({n})</script>`", "</script><script>alert({n})</script>"),
    3: ("`<img src=x onerror=alert({n})>`", "<img src=x onerror=alert({n})>"),
    4: ('`"><svg onload=alert({n})>`', '"><svg onload=alert({n})>'),
    5: ("&lt;img src=x onerror=alert({n})&gt;", "<img src=x onerror=alert({n})>"),
    6: ("&#60;script&#62;alert({n})&#60;/script&#62;", "<script>alert({n})</script>"),
    7: ('{{: onclick="alert({n})" }}', '{{: onclick="alert({n})" }}'),
    8: ("**bold**{{ onmouseover=alert({n}) }}", "bold{{ onmouseover=alert({n}) }}"),
    9: ('" onmouseover="alert({n})', '" onmouseover="alert({n})'),
    10: ("' onfocus='alert({n})", "' onfocus='alert({n})"),
    11: ("{{{{ 7*7 }}}} {{% raw %}} ${{alert({n})}}", "{{{{ 7*7 }}}} {{% raw %}} ${{alert({n})}}"),
    12: ('[x{n}](https://example.com" onclick="alert({n}))', None),
    16: ("`</title><img src=x onerror=alert({n})>`", "</title><img src=x onerror=alert({n})>"),
    18: ("lone ` backtick", "lone ` backtick"),
}
OFFSET = {"en": 0, "ko": 100}

# Which payloads each text field carries; an attribute list (7) last, where Markdown would read it.
ENTRY_FIELDS = {
    "title": [1, 2, 5, 9, 16, 11, 7],
    "summary": [3, 6, 10, 9, 12],
    "causes": [[4, 8], [1, 10], [2, 11, 7]],
    "fixes": [[1, 5], {"text": [3, 6], "steps": [[2, 4], [9, 10, 7]]}],
    "recipient_fixes": [[16, 11], {"text": [5], "steps": [[1, 8]]}],
    "partner_note": [2, 3, 12],   # left untranslated: Korean shows the English, marked
}
# Fields shown exactly as written (not Markdown, not translated): a source's title, an example reply line, its emitter.
LITERALS = {
    "title": "quokka <script>alert(301)</script> \" onmouseover=\"alert(302) `lone [x](javascript:alert(303)) "
             "**b** {: onclick=\"alert(304)\" }",
    "text": "quokka </code><img src=x onerror=alert(305)> ' onfocus='alert(306) {{ 7*7 }} ${alert(307)} &lt;b&gt;",
    "emitter": "<svg onload=alert(308)>",
}
PAGE_FIELDS = {
    "title": [1, 9, 11, 18],  # a backtick left open last: it may not pair with the next string
    "summary": [2, 4, 5],
    # not 7*7 (11) in a paragraph: on Korean pages its * pairs with the one in the English original beside it
    "sections": [{"heading": [3, 7], "body": [[6, 8], [10], [16, 12]]}],
}
UNTRANSLATED = {"partner_note"}

# Korean interface strings -> (payload, number) appended to the shipped translation.
INTERFACE = {
    "Causes": [(1, 201), (7, 202)],                           # a heading of every entry page
    "Home": [(3, 203)],                                       # a navigation label
    "Page not found": [(1, 204)],                             # the 404 heading (theme override)
    "Read this page in another language": [(9, 205)],         # attributes of the language switch
    "Look up a code": [(5, 206)],                             # navigation, a page title
    "Network and routing": [(2, 207)],                        # a category's title and description
    "TCP connection": [(7, 208)],                             # table cells, the entry's facts
    "Show the English original": [(16, 209)],                 # the originals toggle
    "Transient (4.x.x): the sending server keeps retrying": [(4, 210)],  # entry facts, lookup results
    "%(code)s is the same fault as %(entry)s, reported after the message expired: "
    "delivery was retried for 24 hours, then the message was returned to the sender.": [(3, 211)],  # lookup.js
}


def shown(payload: int, number: int) -> str:
    return PAYLOADS[payload][1].format(n=number)


def text(numbers, offset: int, lang: str) -> tuple[str, list[str]]:
    """A field's Markdown source and what the reader sees of it; a number is a
    payload (numbered with the offset) or a (payload, number) pair."""
    source, seen = [WORD[lang]], []
    for item in numbers:
        payload, number = item if isinstance(item, tuple) else (item, item + offset)
        markdown_form, shown_form = PAYLOADS[payload]
        source.append(markdown_form.format(n=number))
        if shown_form:
            seen.append(shown_form.format(n=number))
    return " ".join(source), seen


def fill(spec, lang: str):
    """The fields of `spec` as content (numbers -> text), and every string shown, by source."""
    shown: dict[str, list[str]] = {}

    def build(value):
        if isinstance(value, dict):
            return {key: build(item) for key, item in value.items()}
        if value and isinstance(value[0], (list, dict)):
            return [build(item) for item in value]
        source, seen = text(value, OFFSET[lang], lang)
        shown[source] = seen
        return source

    return {key: build(value) for key, value in spec.items()}, shown


def poison_content(root) -> dict:
    """Write the payloads into the entry and the page; return {lang: (fields, shown)}."""
    result = {lang: (fill(ENTRY_FIELDS, lang), fill(PAGE_FIELDS, lang)) for lang in LANGS}
    for path, fields in ((root / "content" / "errors" / f"{ENTRY}.yml", result["en"][0][0]),
                         (root / "content" / "pages" / f"{PAGE}.yml", result["en"][1][0])):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data.update(fields)
        if "code" in data:
            data["sources"] = [{"title": LITERALS["title"], "url": "https://example.org/a?b=1&c=2#d"}]
            data["examples"] = [{"text": LITERALS["text"], "emitter": LITERALS["emitter"]}]
        if "sections" in fields:
            data["sections"] = [{**old, **new} for old, new in zip(data["sections"], fields["sections"])] \
                + data["sections"][len(fields["sections"]):]
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return result


def korean_pairs(english_fields, korean_fields, skip=()):
    """(English msgid, Korean msgstr) of every string in two parallel field trees."""
    if isinstance(english_fields, dict):
        for key in english_fields:
            if key not in skip:
                yield from korean_pairs(english_fields[key], korean_fields[key])
    elif isinstance(english_fields, list):
        for english, korean in zip(english_fields, korean_fields):
            yield from korean_pairs(english, korean)
    else:
        yield english_fields, korean_fields


def poison_catalog(root, poisoned) -> None:
    """Korean translations of the poisoned strings, and payloads in some interface strings."""
    path = root / "locales" / "ko" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="ko")
    translations = {}
    for index in (0, 1):  # the entry, the page
        english, korean = poisoned["en"][index][0], poisoned["ko"][index][0]
        translations.update(korean_pairs(english, korean, skip=UNTRANSLATED))
    for msgid, numbers in INTERFACE.items():
        shipped = catalog.get(msgid)
        assert shipped is not None and shipped.string, msgid
        payload, _ = text(numbers, 0, "ko")
        translations[msgid] = f"{shipped.string} {payload.removeprefix(WORD['ko'] + ' ')}"
    for msgid, msgstr in translations.items():
        message = catalog.get(msgid) or catalog.add(msgid)
        message.string = msgstr
        message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, width=76)


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory, browser):
    """(site folder, base URL, page, its dialogs, the payload texts): one build, one server, one browser context."""
    root = copy_project(tmp_path_factory.mktemp("injection") / "project")
    poisoned = poison_content(root)
    poison_catalog(root, poisoned)
    result = run_generator(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    dialogs = record_dialogs(page)
    with serve(root / "site") as url:
        yield root / "site", url, page, dialogs, poisoned
    context.close()


NOTHING_RUNS = """() => {
  const found = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      if (/^on/i.test(attribute.name)) found.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
      if (/(href|src|action)$/i.test(attribute.name)
          && /^[\\x00-\\x20]*(javascript|data|vbscript):/i.test(attribute.value.replace(/[\\t\\n\\r]/g, "")))
        found.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
    }
  }
  for (const script of document.scripts) {
    if (script.type === "application/json") JSON.parse(script.textContent);
    else if (/alert\\(/.test(script.textContent)) found.push("script " + script.textContent.slice(0, 80));
  }
  return found;
}"""


def open_page(page, dialogs, url: str) -> None:
    """Load url; nothing ran, nothing could run on a click, hover or focus."""
    page.goto(url, wait_until="load")
    page.wait_for_timeout(20)  # a handler queued by the load (onerror, onload) has run
    assert dialogs == [], f"{url} opened dialogs: {dialogs}"
    assert page.evaluate(NOTHING_RUNS) == [], url


def html_pages(site, lang: str) -> list[str]:
    return sorted(str(path.relative_to(site)) for path in (site / lang).rglob("*.html"))


def shown_in(page, selector: str, hidden: bool = False) -> str:
    """The text of the first element matching selector (textContent with hidden parts, else as seen)."""
    return page.locator(selector).first.evaluate("(node, all) => all ? node.textContent : node.innerText", hidden)


def assert_shows(where: str, content: str, expected) -> None:
    missing = [text for text in expected if text not in content]
    assert not missing, f"{where} does not show {missing} as text"


def entry_texts(poisoned, lang: str, field: str, index: int = 0) -> list[str]:
    fields, shown = poisoned[lang][index]
    return [text for source in collect(fields[field]) for text in shown[source]]


def collect(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in collect(item)]
    return [text for item in value for text in collect(item)]


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_runs_nothing_and_shows_the_payloads_as_text(poisoned_site, lang):
    site, url, page, dialogs, poisoned = poisoned_site
    paths = html_pages(site, lang)
    assert len(paths) > 150 and f"{lang}/404.html" in paths
    for path in paths:
        open_page(page, dialogs, f"{url}/{path}")

    # the entry: heading, <title>, description, every section, the diagram
    open_page(page, dialogs, f"{url}/{lang}/errors/{ENTRY}/")
    title = entry_texts(poisoned, lang, "title")
    assert_shows("entry heading", shown_in(page, "article h1"), title)
    assert_shows("<title>", page.title(), title)
    description = page.locator('meta[name="description"]').get_attribute("content")
    assert_shows("meta description", description, entry_texts(poisoned, lang, "summary"))
    assert_shows("delivery path (SVG)", shown_in(page, "figure.mfkb-path svg", hidden=True), title)
    body = shown_in(page, "article")
    for field in ("summary", "causes", "fixes", "recipient_fixes"):
        assert_shows(f"entry {field}", body, entry_texts(poisoned, lang, field))
    for field in UNTRANSLATED:  # English on both
        assert_shows(f"entry {field}", body, entry_texts(poisoned, "en", field))
    assert_shows("sources and examples", body, list(LITERALS.values()))
    assert page.locator(".mfkb-sources a").first.get_attribute("href") == "https://example.org/a?b=1&c=2#d"
    if lang == "ko":
        originals = " ".join(page.locator(".mfkb-original").evaluate_all("nodes => nodes.map(n => n.textContent)"))
        assert_shows("English originals", originals, entry_texts(poisoned, "en", "title")
                     + entry_texts(poisoned, "en", "causes"))
        assert_shows("interface strings", body, [shown(1, 201), shown(7, 202), shown(7, 208), shown(4, 210)])
        assert page.locator(".mfkb-original-toggle").inner_text().endswith(shown(16, 209))
        assert page.locator(".md-select > button").first.get_attribute("title").endswith(shown(9, 205))

    # the page: heading, sections, its navigation label, the home page's list of pages
    page_title = entry_texts(poisoned, lang, "title", index=1)
    open_page(page, dialogs, f"{url}/{lang}/{PAGE}/")
    assert_shows("page heading", shown_in(page, "article h1"), page_title)
    assert_shows("page", shown_in(page, "article"),
                 entry_texts(poisoned, lang, "summary", 1) + entry_texts(poisoned, lang, "sections", 1))
    open_page(page, dialogs, f"{url}/{lang}/")
    assert_shows("navigation label", shown_in(page, f'nav.md-nav--primary a[href="{PAGE}/"]', hidden=True), page_title)
    assert_shows("home page", shown_in(page, "article"),
                 page_title + entry_texts(poisoned, lang, "summary", 1))

    # lists of entries: every code, and the entry's category
    for listing in ("errors/", "categories/network-and-routing/"):
        open_page(page, dialogs, f"{url}/{lang}/{listing}")
        row = page.locator("article tr").filter(has=page.locator(f'a[href$="{ENTRY}/"]')).first.inner_text()
        assert_shows(f"{listing} table", row, title + ([shown(7, 208)] if lang == "ko" else []))
    if lang == "ko":
        assert_shows("category heading", shown_in(page, "article h1"), [shown(2, 207)])
        assert_shows("<title> of a category", page.title(), [shown(2, 207)])
        assert_shows("navigation", shown_in(page, "nav.md-nav--primary", hidden=True), [shown(3, 203), shown(5, 206)])
        open_page(page, dialogs, f"{url}/ko/404.html")
        assert_shows("404 heading", shown_in(page, "h1"), [shown(1, 204)])


def test_root_and_deep_links_run_nothing(poisoned_site):
    site, url, page, dialogs, _poisoned = poisoned_site
    for path in ("", "errors/", f"errors/{ENTRY}/", "errors/5.4.316/"):
        open_page(page, dialogs, f"{url}/{path}")
        assert page.url.startswith(f"{url}/en/")


@pytest.mark.parametrize("lang", LANGS)
def test_search_shows_payloads_as_text(poisoned_site, lang):
    site, url, page, dialogs, poisoned = poisoned_site
    open_search(page, f"{url}/{lang}/")
    title = entry_texts(poisoned, lang, "title")
    for query in (WORD[lang], f"{WORD[lang]} onerror", f"{WORD[lang]} <img src=x onerror=alert(301)>"):
        paths = search(page, query)
        assert f"/{lang}/errors/{ENTRY}/" in paths, query
        results = page.locator(".md-search-result__list")
        assert_shows(f"search results for {query!r}", results.inner_text(), title[:1])
        assert results.locator("img, script").count() == 0
        assert dialogs == []
        assert page.evaluate(NOTHING_RUNS) == []
    # a result opens the page with the query in ?h=, which Material marks in the text
    open_page(page, dialogs, f"{url}/{lang}/errors/{ENTRY}/?h={quote('<img src=x onerror=alert(302)> alert')}")


@pytest.mark.parametrize("lang", LANGS)
def test_lookup_shows_the_poisoned_title_as_text(poisoned_site, lang):
    site, url, page, dialogs, poisoned = poisoned_site
    for code in (ENTRY, "5.4.316"):
        open_page(page, dialogs, f"{url}/{lang}/lookup/?q={quote(code)}")
        page.wait_for_function("window.mfkbLookupDone !== undefined")
        page.evaluate("window.mfkbLookupDone")
        results = shown_in(page, "#mfkb-lookup-results")
        assert_shows(f"lookup of {code}", results, [shown(1, 1 + OFFSET[lang])])
        if lang == "ko":
            # the class of 4.4.316; the note on 5.4.316, its expired form
            assert_shows(f"lookup of {code}", results, [shown(4, 210) if code == ENTRY else shown(3, 211)])
        assert dialogs == []
        assert page.evaluate(NOTHING_RUNS) == []


def test_json_carries_the_payloads_as_data_and_runs_nothing(poisoned_site):
    site, url, page, dialogs, poisoned = poisoned_site
    documents = sorted(site.glob("api/**/*.json")) + sorted(site.glob("*/search/**/*.json"))
    assert len(documents) > 150
    for path in documents:
        json.loads(path.read_text(encoding="utf-8"))
    entry = json.loads((site / "api" / "v1" / "errors" / f"{ENTRY}.json").read_text(encoding="utf-8"))["result"]
    for lang in LANGS:
        fields = poisoned[lang][0][0]
        assert entry["content"][lang]["title"]["text"] == fields["title"]
        assert entry["content"][lang]["summary"]["text"] == fields["summary"]
        assert [cause["text"] for cause in entry["content"][lang]["causes"]] == fields["causes"]
    assert entry["sources"][0]["title"] == LITERALS["title"]
    assert entry["examples"] == [{"text": LITERALS["text"], "emitter": LITERALS["emitter"]}]
    for path in (f"api/v1/errors/{ENTRY}.json", "api/v1/index.json"):
        response = page.goto(f"{url}/{path}")
        assert response.headers["content-type"].startswith("application/json")
        assert "<script>alert(1)</script>" in page.locator("body").inner_text()
        assert dialogs == []
        assert page.evaluate(NOTHING_RUNS) == []


@pytest.mark.parametrize("target", [
    "javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:alert(1)", "javascript&#58;alert(1)",
    "java&#x09;script:alert(1)", "&#106;avascript:alert(1)", "java\tscript:alert(1)", "data:text/html,x",
    "vbscript:msgbox(1)",
])
def test_links_the_build_refuses_are_still_pointed_nowhere(target):
    """Defence in depth for what validation refuses: inline links and reference definitions."""
    for source in (f"see [here]({target}) now", f"[1]: {target}"):
        escaped = markdown_escape(source)
        assert "#blocked-" in escaped and target not in escaped, escaped
