"""The SVG figures in headless Chromium: shown on the built pages in both
languages and both palettes, the failing step marked, text inside its box,
black on white in print."""
from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT
from generator.i18n.catalog import load_translator
from generator.site.diagram import delivery_path

pytestmark = pytest.mark.browser

FAILED = "figure.mfkb-path g.mfkb-step--failed"
MARKED_LABEL = {"en": "Fails here: Connection refused", "ko": "여기서 실패: 연결 거부"}

# Every text of a figure with the box it must stay inside: a step's box
# (minus the badge on its right), or for the timeline the whole picture.
GEOMETRY = """function geometry(figure) {
  const svg = figure.querySelector('svg');
  const view = svg.viewBox.baseVal;
  const rows = [];
  for (const row of svg.querySelectorAll('g.mfkb-step, g.mfkb-event, text.mfkb-path__note')) {
    const rect = row.querySelector('rect.mfkb-step__box');
    const box = rect ? rect.getBBox() : {x: 0, y: row.getBBox().y, width: view.width, height: row.getBBox().height};
    const right = rect ? box.x + box.width - 24 : view.width;
    const own = row.tagName === 'text' ? [row] : [...row.querySelectorAll('text:not(.mfkb-mark__number)')];
    const texts = own.map(t => {
      const b = t.getBBox();
      return {text: t.textContent, left: b.x, right: b.x + b.width, top: b.y, bottom: b.y + b.height};
    });
    rows.push({box: {left: box.x, right, top: box.y, bottom: box.y + box.height}, texts});
  }
  return {width: view.width, height: view.height, rows};
}"""

GEOMETRY_OF_ONE = "(figure) => {" + GEOMETRY + " return geometry(figure); }"

# Each page's figure, fetched and swapped into the open page of the same
# language (same fonts and styles): one page load instead of one per entry.
GEOMETRY_OF_PAGES = "async (urls) => {" + GEOMETRY + """
  const parser = new DOMParser();
  let live = document.querySelector('figure.mfkb-path');
  const found = {};
  for (const url of urls) {
    const html = await (await fetch(url)).text();
    const figure = parser.parseFromString(html, 'text/html').querySelector('figure.mfkb-path');
    if (!figure) { found[url] = null; continue; }
    const shown = document.importNode(figure, true);
    live.replaceWith(shown);
    live = shown;
    found[url] = geometry(shown);
  }
  return found;
}"""

STYLE = """([selector, property]) => getComputedStyle(document.querySelector(selector))[property]"""


def entry_stage(code: str) -> str:
    return yaml.safe_load((ROOT / f"content/errors/{code}.yml").read_text(encoding="utf-8"))["stage"]


def assert_fits(geometry: dict, where: str) -> None:
    bottoms = []
    for row in geometry["rows"]:
        box = row["box"]
        for text in row["texts"]:
            assert text["left"] >= box["left"] - 0.5 and text["right"] <= box["right"] + 0.5, (where, text, box)
            assert text["top"] >= box["top"] - 2 and text["bottom"] <= box["bottom"] + 2, (where, text, box)
        assert box["right"] <= geometry["width"] and box["bottom"] <= geometry["height"] + 0.5, (where, box)
        bottoms.append((box["top"], box["bottom"]))
    assert all(bottom <= next_top for (_, bottom), (next_top, _) in zip(bottoms, bottoms[1:])), (where, bottoms)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_entry_page_marks_the_failing_step_with_its_label(page, site_url, lang):
    page.goto(f"{site_url}/{lang}/errors/4.4.316/")
    figure = page.locator("figure.mfkb-path")
    assert figure.count() == 1 and figure.is_visible()
    assert abs(figure.bounding_box()["x"] - page.locator("article h1").bounding_box()["x"]) < 1  # in the reading flow
    marked = page.locator(FAILED)
    assert marked.count() == 1
    assert marked.get_attribute("data-step") == entry_stage("4.4.316") == "connect"
    assert marked.locator(".mfkb-step__what").text_content() == MARKED_LABEL[lang]
    assert page.locator("figure.mfkb-path g.mfkb-step--passed").count() == 1  # the DNS lookup worked
    title = {"en": "Delivery path of 4.4.316", "ko": "4.4.316의 배달 경로"}[lang]
    image = page.get_by_role("img", name=re.compile("^" + re.escape(title)))
    assert image.count() == 1
    assert MARKED_LABEL[lang].split(": ")[1] in image.locator("desc").text_content()
    assert figure.locator("[href], image, foreignObject, script").count() == 0  # nothing fetched, nothing run


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_both_palettes_colour_the_figure(page, site_url, lang):
    page.goto(f"{site_url}/{lang}/errors/4.7.320/")
    label = f"{FAILED} .mfkb-step__label"
    plain_box = "figure.mfkb-path g.mfkb-step--passed rect"
    marked_box = f"{FAILED} rect"

    def colours():
        return {name: page.evaluate(STYLE, [selector, prop]) for name, selector, prop in [
            ("text", label, "fill"), ("box", plain_box, "fill"),
            ("border", plain_box, "stroke"), ("marked", marked_box, "stroke"),
        ]}

    light = colours()
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    dark = colours()
    assert light["text"] != dark["text"] and light["box"] != dark["box"]
    for palette in (light, dark):
        assert palette["marked"] != palette["border"]  # the failing step stands out in both
        assert palette["text"] != palette["box"]
    assert brightness(dark["text"]) > brightness(dark["box"]) and brightness(light["text"]) < brightness(light["box"])
    assert page.locator(FAILED).get_attribute("data-step") == entry_stage("4.7.320") == "tls"


def brightness(colour: str) -> float:
    red, green, blue = (float(part) for part in re.findall(r"[\d.]+", colour)[:3])
    return 0.299 * red + 0.587 * green + 0.114 * blue


def test_print_is_black_on_white_and_keeps_the_mark(page, site_url):
    page.goto(f"{site_url}/ko/errors/4.4.316/")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.emulate_media(media="print")
    assert page.locator("figure.mfkb-path").is_visible()
    assert page.evaluate(STYLE, [f"{FAILED} .mfkb-step__what", "fill"]) == "rgb(0, 0, 0)"
    assert page.evaluate(STYLE, ["figure.mfkb-path g.mfkb-step--passed rect", "fill"]) == "rgb(255, 255, 255)"
    assert page.evaluate(STYLE, [f"{FAILED} rect", "stroke-width"]) == "4px"
    assert page.evaluate(STYLE, ["figure.mfkb-path g.mfkb-step--passed rect", "stroke-width"]) != "4px"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_entry_figure_keeps_its_text_inside_its_boxes(page, site_url, built_site, entries, lang):
    # the entries' pages, not the pages that only send a code's address on (site/code_links.py)
    codes = sorted(entries)
    assert "4.4.316" in codes and all((built_site / lang / "errors" / code / "index.html").is_file() for code in codes)
    page.goto(f"{site_url}/{lang}/errors/4.4.316/")
    found = page.evaluate(GEOMETRY_OF_PAGES, [f"/{lang}/errors/{code}/" for code in codes])
    for url, geometry in found.items():
        assert geometry is not None, f"no delivery path on {url}"
        assert_fits(geometry, url)


LONG_LABELS = {
    "en": "MAILBOX UNAVAILABLE WHILE THE DESTINATION SERVER 203.0.113.250 REWRITES HEADERS, MOVES QUEUES AND "
          "WAITS FOR THE CERTIFICATE AUTHORITY",
    "ko": "받는 사람의 사서함이 가득 차서 대상 서버가 메시지를 거부했으며 관리자가 할당량을 늘릴 때까지 "
          "같은 오류가 계속 보고됩니다. 인증서유효성검사실패대상서버연결거부스마트호스트조회실패",
}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_long_labels_wrap_inside_the_box_as_the_browser_draws_them(page, site_url, lang):
    """The build estimates text width; here Chromium measures it (with Korean fonts)."""
    translator = load_translator(ROOT / "locales", lang)
    html = delivery_path("4.4.316", "tls", "transient", LONG_LABELS[lang], translator.gettext)
    page.goto(f"{site_url}/{lang}/errors/4.4.316/")
    page.locator("figure.mfkb-path").evaluate("(figure, html) => { figure.outerHTML = html; }", html)
    assert page.locator(f"{FAILED} .mfkb-step__what tspan").count() >= 3
    assert_fits(page.locator("figure.mfkb-path").evaluate(GEOMETRY_OF_ONE), f"{lang} long label")


@pytest.mark.parametrize("lang, section, texts", [
    ("en", "One fault, two codes", ["0 h", "24 h", "First attempt fails", "450 4.4.316: the message is queued",
            "550 5.4.316: the same fault, now a permanent error", "NDR to the sender"]),
    ("ko", "같은 문제, 두 가지 코드", ["0시간", "24시간", "첫 시도 실패", "450 4.4.316: 메시지가 큐에 대기합니다",
            "550 5.4.316: 같은 문제가 이제 영구적 오류로 보고됩니다", "보낸 사람에게 NDR 발송"]),
])
def test_overview_shows_the_retry_timeline(page, site_url, lang, section, texts):
    page.goto(f"{site_url}/{lang}/overview/")
    figure = page.locator("figure.mfkb-timeline")
    assert figure.is_visible()
    lines = [line.strip() for line in figure.locator("text, tspan").all_text_contents()]
    for text in texts:
        assert text in lines
    heading = figure.evaluate("f => { let e = f; while (e.tagName !== 'H2') e = e.previousElementSibling; return e.textContent; }")
    assert heading.startswith(section)  # at the end of the section that explains the two codes
    assert_fits(figure.evaluate(GEOMETRY_OF_ONE), f"{lang} timeline")
