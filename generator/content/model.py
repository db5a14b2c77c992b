"""The content model: what an error entry and a prose page hold.

Validated by pydantic; `load.py` maps its errors back to YAML lines.
"""
from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator

from generator.codes.syntax import CODE_PATTERN, canonical, code_class

# A code written another way (4.04.316, ４．４．３１６) is the same code: stored in its one form,
# so two files cannot publish one code twice.
Code = Annotated[str, BeforeValidator(lambda value: canonical(value) if isinstance(value, str) else value),
                 StringConstraints(pattern=rf"^{CODE_PATTERN}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Anchor = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
LocaleCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:_[A-Z]{2})?$")]


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


class Reviewed(BaseModel):
    """The date of the last review in each language: en and ko, and any
    language published later (`ja: 2027-01-15`) without a change here."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[LocaleCode, dt.date]
    en: dt.date | None = None
    ko: dt.date | None = None


class Entry(Strict):
    code: Code
    reply_codes: list[Annotated[int, Field(ge=200, le=599)]] = Field(default_factory=list)
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
    deprecated_by: Code | None = None
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
