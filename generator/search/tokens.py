"""How the site search cuts text into index tokens.

The browser side (site_overrides/assets/javascripts/mfkb-search-tokens.js)
cuts queries with the same rules; tests/search_token_vectors.json holds
cases both must agree on.

- Status codes (``4.4.316``, ``X.1.1``) become one token each, lower-cased,
  plus their detail number (``316``), so a bare ``316`` finds them.
- Latin words are lower-cased and lightly stemmed (``refused``, ``refusing``
  and ``refuse`` all become ``refus``); a few function words are skipped.
- Numbers of two or more digits are tokens as they are.
- Hangul is indexed as overlapping syllable pairs (bigrams) of each word, so
  a stem is found whatever particle or ending follows it in the text
  (``인증서가`` holds ``인증`` and ``증서``), and inside compounds.
- A word of one syllable, alone or with a particle (``큐``, ``큐를``, ``큐에서``),
  is also indexed by that syllable, which has no bigram of its own.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

CODE_RE = re.compile(r"(?<![a-z0-9_.])([245x])\.([0-9]{1,3})\.([0-9]{1,3})(?![a-z0-9_]|\.[0-9])")
WORD_RE = re.compile(r"[a-z0-9]+|[\uac00-\ud7a3]+")
HANGUL_RE = re.compile(r"[\uac00-\ud7a3]")
STOP_WORDS = frozenset(
    "a an the of to in on for and or is are was be by with at as it its this that".split()
)
# Particles and endings that may follow a Korean stem (the query side strips
# the same list: ENDINGS in mfkb-search-tokens.js).
PARTICLES = frozenset((
    "에서부터 으로부터 에서는 에서도 에서의 에게서 에게는 으로서 으로써 으로는 으로도 이라는 이라고 "
    "습니다 에게 께서 로부터 로서 로써 로는 로도 에는 에도 에의 라는 라고 이나 이며 이고 이란 "
    "와는 과는 와의 과의 까지 부터 보다 처럼 마다 조차 에서 으로 니다 "
    "로 에 와 과 의 을 를 은 는 이 가 도 만"
).split())


def fold(text: str) -> str:
    """Full-width forms to ASCII, lower case: what both sides compare."""
    return unicodedata.normalize("NFKC", text).lower()


def stem(word: str) -> str:
    """A light English stemmer: plural, -ing, -ed and a final e."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) >= 6:
        word = word[:-3]
    elif word.endswith("ed") and len(word) >= 5:
        word = word[:-2]
    if word.endswith("e") and len(word) >= 4:
        word = word[:-1]
    return word


def bigrams(word: str) -> list[str]:
    return [word[i : i + 2] for i in range(len(word) - 1)]


def code_tokens(code: tuple[str, str, str]) -> list[str]:
    cls, subject, detail = (part if part == "x" else str(int(part)) for part in code)
    tokens = [f"{cls}.{subject}.{detail}"]
    if len(detail) >= 2:
        tokens.append(detail)
    return tokens


@lru_cache(maxsize=65536)
def word_tokens(word: str) -> tuple[str, ...]:
    if HANGUL_RE.match(word):
        if len(word) == 1:
            return () if word in PARTICLES else (word,)
        if word[1:] in PARTICLES:
            return (word[0], *bigrams(word))
        return tuple(bigrams(word))
    if word.isdigit():
        return (word,) if len(word) >= 2 else ()
    return () if word in STOP_WORDS else (stem(word),)


def tokens(text: str) -> list[str]:
    """Every index token of text, in order, repeated as often as it occurs."""
    folded = fold(text)
    found: list[str] = []
    for match in CODE_RE.finditer(folded):
        found += code_tokens(match.groups())
    rest = CODE_RE.sub(" ", folded)
    for word in WORD_RE.findall(rest):
        found.extend(word_tokens(word))
    return found


def bucket(token: str, buckets: int) -> int:
    """Which index shard holds token.  Words share a shard with every word of
    the same first two characters (so the browser can complete a prefix from
    one shard); codes and numbers are keyed whole.  FNV-1a over UTF-16 units,
    as the browser computes it."""
    key = token if token[0].isdigit() or CODE_RE.fullmatch(token) else token[:2]
    value = 0x811C9DC5
    encoded = key.encode("utf-16-le")
    for unit in (int.from_bytes(encoded[i : i + 2], "little") for i in range(0, len(encoded), 2)):
        value = ((value ^ unit) * 0x01000193) & 0xFFFFFFFF
    return value % buckets
