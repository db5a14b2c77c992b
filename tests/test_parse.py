import json
from pathlib import Path

import pytest

from generator.codes.syntax import is_code
from generator.codes.parse import Found, parse_query

VECTORS_PATH = Path(__file__).resolve().parents[1] / "generator" / "data" / "lookup_vectors.json"
VECTORS = json.loads(VECTORS_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize("vector", VECTORS, ids=[v["note"] for v in VECTORS])
def test_lookup_vector(vector):
    assert [found.code for found in parse_query(vector["input"])] == vector["codes"]


def test_vectors_are_plain_json_a_browser_port_can_run():
    # The JavaScript lookup implements the one-line grammar only, no MIME.
    for vector in VECTORS:
        assert set(vector) == {"input", "codes", "note"}
        assert isinstance(vector["input"], str) and "\n" not in vector["input"]
        assert all(is_code(code) for code in vector["codes"])
        assert vector["note"]
    assert len({v["input"] for v in VECTORS}) == len(VECTORS), "duplicate inputs"


def test_vectors_cover_every_form_and_negative():
    inputs = {v["input"] for v in VECTORS}
    for form in ["4.4.316", "450 4.4.316", "450-4.4.316", "4.4.316 Connection refused",
                 "#4.4.316", "44316", "X.1.1", "x.1.1", "5.1.1",
                 "192.2.0.128", "Mailman 2.1.15", "1.2.3", "4.4", ""]:
        assert form in inputs


@pytest.mark.parametrize(
    "query, reply",
    [("450 4.4.316", "450"), ("450-4.4.316", "450"), ("550 #5.1.0", "550"),
     ("4.4.316", None), ("4.4.316 Connection refused", None), ("44316", None)],
)
def test_reply_code_is_reported_only_when_adjacent(query, reply):
    [found] = parse_query(query)
    assert found.reply == reply


@pytest.mark.parametrize(
    "query, span",
    [("450 4.4.316", (4, 11)), ("#4.4.316", (1, 8)), (" #44316 ", (2, 7)), ("x.1.1", (0, 5))],
)
def test_span_points_at_the_code_without_hash(query, span):
    [found] = parse_query(query)
    assert found.span == span


def test_two_codes_keep_their_own_reply_codes():
    assert parse_query("550 5.1.1 then 452-4.2.2") == [
        Found(code="5.1.1", reply="550", span=(4, 9)),
        Found(code="4.2.2", reply="452", span=(19, 24)),
    ]


def test_success_code_after_text_is_taken_for_a_version():
    assert parse_query("250 2.0.0 Ok from Mailman 2.1.15") == [
        Found(code="2.0.0", reply="250", span=(4, 9)),
    ]


def test_pasted_bounce_goes_to_the_bounce_extractor():
    pasted = (
        "Final-Recipient: rfc822; kijitora@example.jp\n"
        "Action: failed\n"
        "Status: 5.0.0\n"
        "Diagnostic-Code: smtp; 550 5.7.26 Unauthenticated email\n"
    )
    found = parse_query(pasted)
    assert [f.code for f in found] == ["5.7.26", "5.0.0"]
    assert found[0].reply == "550"
    assert pasted[slice(*found[0].span)] == "5.7.26"


def test_code_only_in_an_encoded_part_has_no_span_but_its_reply():
    # The span is in the text as given; the reply as the page reads it, decoded (it gave "550", Python none).
    pasted = (
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain\n"
        "Content-Transfer-Encoding: base64\n"
        "\n"
        "NTUwIDUuNy4yNiB1bmF1dGhlbnRpY2F0ZWQ=\n"  # "550 5.7.26 unauthenticated"
    )
    assert parse_query(pasted) == [Found(code="5.7.26", reply="550", span=None)]
