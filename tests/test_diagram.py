"""The SVG figures as the generator writes them: the right step marked for
every stage, text in the page's language, escaping, wrapping."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT, run_generator
from generator.i18n.catalog import load_translator
from generator.site.diagram import (DELIVERY_STEPS, LINE_HEIGHT, TEXT_X, WIDTH, BADGE_SPACE, Deferral, deferral_example,
                               delivery_path, retry_timeline, text_width)
from generator.content.model import Stage

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def english():
    return load_translator(ROOT / "locales", "en")


@pytest.fixture(scope="module")
def korean():
    return load_translator(ROOT / "locales", "ko")


def parse(html: str) -> ET.Element:
    """The <svg> inside the <figure> (the figure's boolean attribute is HTML, not XML)."""
    assert html.startswith('<figure class="mfkb-figure') and html.endswith("</svg></figure>")
    assert "\n" not in html  # a line break could end Markdown's raw HTML block early
    return ET.fromstring(html[html.index("<svg"):-len("</figure>")])


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def steps(svg: ET.Element) -> list[ET.Element]:
    return [g for g in svg.iter(f"{SVG}g") if "mfkb-step" in classes(g)]


def text_of(element: ET.Element, css: str) -> str:
    """The lines of the <text> with class css, joined as a reader reads them."""
    found = [t for t in element.iter(f"{SVG}text") if css in classes(t)]
    return " ".join(line for text in found for line in text.itertext())


def path_for(stage: str, translator, severity="transient", what="Connection refused") -> ET.Element:
    return parse(delivery_path("4.4.316", stage, severity, what, translator.gettext))


@pytest.mark.parametrize("stage", [stage.value for stage in Stage if stage is not Stage.other])
def test_the_failing_step_is_marked_and_the_ones_before_passed(stage, english):
    svg = path_for(stage, english)
    states = [(g.get("data-step"), (classes(g) - {"mfkb-step"}).pop()) for g in steps(svg)]
    keys = [step.key for step in DELIVERY_STEPS]
    failed = keys.index(stage)
    assert states[:len(keys)] == (
        [(key, "mfkb-step--passed") for key in keys[:failed]] + [(stage, "mfkb-step--failed")]
        + [(key, "mfkb-step--skipped") for key in keys[failed + 1:]]
    )
    marked = [g for g in steps(svg) if "mfkb-step--failed" in classes(g)]
    assert len(marked) == 1 and text_of(marked[0], "mfkb-step__what") == "Fails here: Connection refused"
    assert len([p for p in marked[0].iter(f"{SVG}path") if "mfkb-badge--failed" in classes(p)]) == 1


def test_other_stage_marks_no_step_and_says_why(english):
    svg = path_for("other", english)
    assert not [g for g in steps(svg) if "mfkb-step--failed" in classes(g) or "mfkb-step--passed" in classes(g)]
    assert "Fails here" not in ET.tostring(svg, encoding="unicode")
    assert svg.find(f"{SVG}desc").text.endswith("This fault is not tied to one step of the delivery path.")
    assert text_of(svg, "mfkb-path__note") == "This fault is not tied to one step of the delivery path."
    assert path_for("dns", english).find(f".//{SVG}text[@class='mfkb-path__note']") is None


@pytest.mark.parametrize("severity, after", [
    ("transient", ["queue", "ndr"]), ("permanent", ["ndr"]), ("any", []), ("success", []),
])
def test_what_follows_the_failure_depends_on_the_class(severity, after, english):
    svg = path_for("smtp", english, severity=severity)
    outcome = [g.get("data-step") for g in steps(svg) if "mfkb-step--outcome" in classes(g)]
    assert outcome == after
    ndr = text_of(svg, "mfkb-step__label")
    assert ("NDR to the sender after 24 hours" in ndr) == (severity == "transient")


def test_korean_page_gets_korean_labels_title_and_text_alternative(korean):
    svg = path_for("connect", korean, what="연결 거부")
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert (title.get("id"), desc.get("id")) == (title_id, desc_id)
    assert title.text == "4.4.316의 배달 경로"
    assert "2단계(25번 포트로 TCP 연결 열기)에서 배달에 실패합니다: 연결 거부." in desc.text
    labels = text_of(svg, "mfkb-step__label")
    assert "DNS에서 스마트 호스트 또는 MX 레코드 조회" in labels and "24시간 후 보낸 사람에게 NDR 발송" in labels
    for step in DELIVERY_STEPS:  # no English step label left on the Korean figure
        assert step.label not in ET.tostring(svg, encoding="unicode")
    assert text_of(svg, "mfkb-step__what") == "여기서 실패: 연결 거부"


def test_text_placed_in_the_svg_is_escaped(english):
    hostile = '</text></svg><script>alert("x")</script> & <b>'
    html = delivery_path("4.4.316", "tls", "transient", hostile, english.gettext)
    assert "<script" not in html and "<b>" not in html
    svg = parse(html)  # still well-formed
    assert text_of(svg, "mfkb-step__what") == f"Fails here: {hostile}"
    assert svg.find(f"{SVG}desc").text.endswith(f": {hostile}.")


def test_long_labels_wrap_inside_their_box_and_rows_do_not_overlap(english):
    what = "인증서의 주체 대체 이름이 스마트 호스트의 호스트 이름과 일치하지 않아 인증서 유효성 검사에 실패했습니다" * 2
    svg = path_for("tls", english, what=what)
    marked = [g for g in steps(svg) if "mfkb-step--failed" in classes(g)][0]
    lines = [span.text for text in marked.iter(f"{SVG}text") if "mfkb-step__what" in classes(text) for span in text]
    assert len(lines) > 2
    assert all(text_width(line, bold=True) <= WIDTH - TEXT_X - BADGE_SPACE for line in lines)
    assert " ".join(lines).replace(" ", "") == f"Fails here: {what}".replace(" ", "")
    box = marked.find(f"{SVG}rect")
    assert float(box.get("height")) >= LINE_HEIGHT * (len(lines) + 1)
    tops = [(float(g.find(f"{SVG}rect").get("y")), float(g.find(f"{SVG}rect").get("height"))) for g in steps(svg)]
    assert all(y + h < next_y for (y, h), (next_y, _) in zip(tops, tops[1:]))
    assert float(svg.get("viewBox").split()[3]) >= tops[-1][0] + tops[-1][1]


ENTRIES = [
    {"code": "4.4.312", "reply_codes": [450], "aliases": ["5.4.312"]},
    {"code": "4.4.316", "reply_codes": [450], "aliases": ["5.4.316"]},
    {"code": "X.7.1", "reply_codes": [], "aliases": []},
]


def test_the_timeline_shows_the_entry_the_text_names_else_the_first_with_an_expiry_code():
    assert deferral_example(ENTRIES, ["such as `450 4.4.316 Connection refused`, not 4.4.312"]) == \
        Deferral("450", "4.4.316", "550", "5.4.316")
    assert deferral_example(ENTRIES, ["no code here"]) == Deferral("450", "4.4.312", "550", "5.4.312")
    assert deferral_example(ENTRIES[2:], ["4.4.316"]).code == "4.x.x"


def test_timeline_in_both_languages(english, korean):
    deferral = Deferral("450", "4.4.316", "550", "5.4.316")
    en = parse(retry_timeline(deferral, english.gettext))
    assert text_of(en, "mfkb-event__detail").startswith("450 4.4.316: the message is queued")
    assert "550 5.4.316: the same fault, now a permanent error" in text_of(en, "mfkb-event__detail")
    assert text_of(en, "mfkb-event__time") == "0 h 24 h"
    assert text_of(en, "mfkb-event__headline").endswith("NDR to the sender")
    ko = parse(retry_timeline(deferral, korean.gettext))
    assert text_of(ko, "mfkb-event__time") == "0시간 24시간"
    assert "550 5.4.316: 같은 문제가 이제 영구적 오류로 보고됩니다" in text_of(ko, "mfkb-event__detail")
    assert ko.find(f"{SVG}title").text == "4.4.316의 재시도와 만료"
    assert re.search(r"[A-Za-z]{4,}", text_of(ko, "mfkb-event__headline")) is None


def test_unknown_figure_in_a_page_is_reported_with_its_line(project):
    path = project / "content/pages/overview.yml"
    text = path.read_text(encoding="utf-8").replace("figure: retry-timeline", "figure: retry-timelime")
    path.write_text(text, encoding="utf-8")
    result = run_generator(project, "build")
    line = text.splitlines().index("    figure: retry-timelime") + 1
    assert result.returncode == 2
    assert f"overview.yml:{line}: error:" in result.stderr and "Traceback" not in result.stderr
    assert not (project / "site").exists()
