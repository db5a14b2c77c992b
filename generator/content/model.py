"""The content model: what an error entry and a prose page hold.

Validated by pydantic; `load.py` maps its errors back to YAML lines.
"""
from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator, model_validator

from generator.codes.syntax import CODE_PATTERN, canonical, code_class

# A code written another way (4.04.316, ４．４．３１６) is the same code: stored in its one form,
# so two files cannot publish one code twice.
Code = Annotated[str, BeforeValidator(lambda value: canonical(value) if isinstance(value, str) else value),
                 StringConstraints(pattern=rf"^{CODE_PATTERN}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Anchor = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
LocaleCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:_[A-Z]{2})?$")]
# A document's own name, shown as written in every language (not Markdown, not translated).
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
# https only; no space, quote, angle bracket or backtick, so the address is one token wherever it is written.
HttpsUrl = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000,
                                            pattern=r"^https://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]+)?([/?#][^\s<>\"'`]*)?$")]
_SPACES = re.compile(r"\s+")


class Stage(str, Enum):
    """Where on the delivery path the failure happens."""

    dns = "dns"            # looking up the smart host or MX
    connect = "connect"    # opening TCP port 25
    smtp = "smtp"          # greeting and SMTP session
    tls = "tls"            # STARTTLS and certificate check
    transfer = "transfer"  # sending the message
    other = "other"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Steps(Strict):
    """A fix that is done in order: an intro sentence, then numbered steps."""

    text: Text
    steps: list[Text] = Field(min_length=1)


Fix = Union[Text, Steps]


class Source(Strict):
    """A document the entry's facts come from: its title as the document gives it, and its https address;
    for a page its owner changes (a vendor's list of error codes), `as_of`: the date of the version the facts
    were checked against (the page's own "last updated" date, else the date of the copy read)."""

    title: Name
    url: HttpsUrl
    as_of: dt.date | None = None


def _as_example(value):
    """A plain string is an example whose emitter is not named; a line broken in the YAML is one line."""
    if isinstance(value, str):
        value = {"text": value}
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        value = {**value, "text": _SPACES.sub(" ", value["text"]).strip()}
    return value


class Example(Strict):
    """A reply line as an admin sees it in an NDR, a queue or a message trace: shown verbatim, never translated."""

    text: Annotated[str, StringConstraints(min_length=1, max_length=1000)]
    emitter: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)] | None = None


# A host pattern of a vendor meaning: a host name, or `*.` and a domain (any name under it).
HostPattern = Annotated[str, StringConstraints(
    strip_whitespace=True, to_lower=True,
    pattern=r"^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
Emitter = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=60,
                                           pattern=r"^[A-Za-z0-9][\w .&'-]*$")]


ReplyCode = Annotated[int, Field(ge=200, le=599)]


class MeaningMatch(Strict):
    """When a vendor's meaning applies (generator/bounces/meanings.py): a piece of
    the reply's text, or the host that emitted the code."""

    reply: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200)]] = \
        Field(default_factory=list)
    hosts: list[HostPattern] = Field(default_factory=list)

    @model_validator(mode="after")
    def _something_to_match(self):
        if not self.reply and not self.hosts:
            raise ValueError("give at least one 'reply' text or one 'hosts' pattern")
        return self


class Meaning(Strict):
    """What one sender means by a code that the registry defines otherwise
    (Exchange Online's 535 5.7.3 is a failed sign-in, not X.7.3's security conversion)."""

    emitter: Emitter
    codes: list[Code] = Field(default_factory=list)  # default: the entry's own code
    # The reply codes this sender gives with it (Yahoo's 553 5.7.2), when they differ from the entry's.
    reply_codes: list[ReplyCode] = Field(default_factory=list)
    match: MeaningMatch
    title: Text
    summary: Text
    causes: list[Text] = Field(default_factory=list)
    fixes: list[Fix] = Field(min_length=1)


class Reviewed(BaseModel):
    """The date of the last review in each language: en and ko, and any
    language published later (`ja: 2027-01-15`) without a change here."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[LocaleCode, dt.date]
    en: dt.date | None = None
    ko: dt.date | None = None


class Entry(Strict):
    code: Code
    reply_codes: list[ReplyCode] = Field(default_factory=list)
    title: Text
    summary: Text
    stage: Stage
    causes: list[Text] = Field(min_length=1)
    fixes: list[Fix] = Field(min_length=1)
    partner_note: Text | None = None
    recipient_fixes: list[Fix] = Field(default_factory=list)
    range_end: Code | None = None
    related: list[Code] = Field(default_factory=list)
    aliases: list[Code] = Field(default_factory=list)
    reference: Text | None = None
    sources: list[Source] = Field(min_length=1)
    examples: list[Annotated[Example, BeforeValidator(_as_example)]] = Field(default_factory=list)
    deprecated_by: Code | None = None
    meanings: list[Meaning] = Field(default_factory=list)
    reviewed: Reviewed = Reviewed()

    @field_validator("reply_codes")
    @classmethod
    def _reply_matches_class(cls, value: list[int], info):
        code = info.data.get("code")
        if code and code[0] != "X":
            for reply in value:
                if str(reply)[0] != code[0]:
                    raise ValueError(f"reply code {reply} does not belong with class {code[0]} of {code}")
        return value

    @field_validator("sources")
    @classmethod
    def _sources_differ(cls, value: list[Source]):
        seen = set()
        for source in value:
            if source.url in seen:
                raise ValueError(f"{source.url} is listed twice")
            seen.add(source.url)
        return value

    @field_validator("range_end")
    @classmethod
    def _range_follows_code(cls, value, info):
        code = info.data.get("code")
        if value and code:
            first, last = code.split("."), value.split(".")
            if first[:2] != last[:2] or int(last[2]) <= int(first[2]):
                raise ValueError(f"range_end {value} must share class and subject with {code} and come after it")
        return value

    @property
    def severity(self) -> str:
        return code_class(self.code)


class Section(Strict):
    heading: Text
    anchor: Anchor | None = None
    body: list[Text] = Field(min_length=1)
    figure: Literal["retry-timeline"] | None = None  # a picture drawn after the text (generator/site/diagram.py)


class Page(Strict):
    slug: Anchor
    title: Text
    summary: Text
    order: int = 100
    sections: list[Section] = Field(min_length=1)
    reviewed: Reviewed = Reviewed()


ReasonId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*$")]
class Reason(Strict):
    """Why a bounce happened, in sisimai's vocabulary (userunknown, mailboxfull, ...):
    one page per reason, whatever code carried it."""

    id: ReasonId
    title: Text
    summary: Text
    causes: list[Text] = Field(min_length=1)
    sender_fixes: list[Fix] = Field(min_length=1)
    recipient_fixes: list[Fix] = Field(default_factory=list)
    codes: list[Code] = Field(default_factory=list)
    # Other tools' names for this same reason (sisimai 5.6's `ratelimited` for `toomanyconn`): each
    # leads to this reason's page, and a tool's label by that name agrees with it (validate.py).
    aliases: list[ReasonId] = Field(default_factory=list)
    # Another tool's name for a wider reason that takes in this one as well as the reason whose
    # alias it is (sisimai 5.6's `emailtoolarge`: our `mesgtoobig` and `exceedlimit`): a label by
    # that name agrees with this reason too; its link still leads to the alias's reason.
    within: list[ReasonId] = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)
    reviewed: Reviewed = Reviewed()

    @field_validator("codes")
    @classmethod
    def _codes_once(cls, value: list[str]):
        seen = set()
        for code in value:
            if code in seen:
                raise ValueError(f"code {code} is listed twice")
            seen.add(code)
        return value
