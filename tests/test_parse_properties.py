"""Properties of the query parser and the bounce extractor on arbitrary text."""
import base64
import quopri
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.bounces.message import extract_codes
from generator.codes.syntax import is_code
from generator.codes.parse import FULLWIDTH_ASCII, parse_query

# Text that is likely to hold code-shaped pieces, glued and spaced in many ways.
code_like_text = st.lists(
    st.one_of(
        st.from_regex(r"[245Xx13]\.[0-9]{1,4}\.[0-9]{1,4}", fullmatch=True),
        st.from_regex(r"[0-9]{1,6}", fullmatch=True),
        st.sampled_from([" ", "-", ".", "#", "\n", "=\n", ":", "<<< ", "Status: ",
                         "Diagnostic-Code: smtp; ", "Mailman ", "version ", "은", "４．"]),
        st.text(max_size=5),
    ),
    max_size=12,
).map("".join)
any_text = st.one_of(st.text(), code_like_text)

ENCODERS = {
    "7bit": lambda body: body,
    "quoted-printable": lambda body: quopri.encodestring(body.encode("utf-8")).decode("ascii"),
    "base64": lambda body: base64.encodebytes(body.encode("utf-8")).decode("ascii"),
}


@st.composite
def mime_messages(draw):
    """(message text, the decoded text of its parts) for a multipart bounce."""
    bodies = draw(st.lists(code_like_text, min_size=1, max_size=3))
    parts = []
    for body in bodies:
        encoding = draw(st.sampled_from(sorted(ENCODERS)))
        content_type = draw(st.sampled_from(["text/plain", "message/delivery-status"]))
        parts.append(f"--B\nContent-Type: {content_type}; charset=utf-8\n"
                     f"Content-Transfer-Encoding: {encoding}\n\n{ENCODERS[encoding](body)}\n")
    message = ('MIME-Version: 1.0\nContent-Type: multipart/report; boundary="B"\n\n'
               + "".join(parts) + "--B--\n")
    return message, "\n".join(bodies)


def occurs_in(code: str, text: str) -> bool:
    """The code in some form: dotted (any case, leading zeros, QP soft breaks,
    full-width) or compact."""
    plain = re.sub(r"=\r?\n", "", text.translate(FULLWIDTH_ASCII))
    cls, subject, detail = code.split(".")
    dotted = rf"[{cls}{cls.lower()}]\.0*{subject}\.0*{detail}"
    return bool(re.search(dotted, plain)) or cls + subject + detail in plain


def check_codes(codes: list[str], text: str) -> None:
    assert len(codes) == len(set(codes))
    for code in codes:
        assert is_code(code), code
        assert occurs_in(code, text), code


@settings(max_examples=400, deadline=None)  # a correctness property, not a timing: no flake on a busy machine
@given(any_text)
@example("")
@example("５．１．１")
@example("44316")
def test_parse_query_returns_well_formed_codes_from_the_input(text):
    found = parse_query(text)
    check_codes([f.code for f in found], text)
    for item in found:
        assert item.reply is None or re.fullmatch(r"[245][0-9]{2}", item.reply)
        if item.span is not None:
            start, end = item.span
            assert 0 <= start < end <= len(text)


@settings(max_examples=400, deadline=None)  # a correctness property, not a timing: no flake on a busy machine
@given(any_text)
def test_extract_codes_returns_well_formed_codes_from_the_input(text):
    check_codes(extract_codes(text), text)


@settings(max_examples=200, deadline=None)
@given(mime_messages())
def test_extract_codes_finds_codes_only_in_what_the_parts_decode_to(message_and_content):
    message, content = message_and_content
    check_codes(extract_codes(message), content)


@given(any_text)
@example("Content-Type: multipart/mixed; boundary=x\n\n--x\n")
@example("Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.7.26 x\n")
def test_both_are_deterministic(text):
    assert parse_query(text) == parse_query(text)
    assert extract_codes(text) == extract_codes(text)

