"""Dates as the page's language writes them: when an entry or page was last
reviewed in each language (the content's `reviewed: {en: date, ko: date}`),
and the version of a source its facts were checked against (`as_of`)."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date

from generator.i18n.catalog import SOURCE_LOCALE


@lru_cache(maxsize=None)
def language_names(locale: str) -> dict:
    return Locale.parse(locale).languages


@lru_cache(maxsize=1024)  # the same few review dates recur on every page
def long_date(day: dt.date, locale: str) -> str:
    return format_date(day, format="long", locale=locale)


def time_tag(day: str | dt.date, locale: str) -> str:
    """A date in a <time> element, as `locale` writes it: `as_of` of a source."""
    day = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return f'<time datetime="{day.isoformat()}">{long_date(day, locale)}</time>'


def review_dates(reviewed: dict, locale: str) -> list[dict]:
    """One item per language, English first, the page's own language always
    included: its name and date in `locale`; date None when never reviewed."""
    codes = sorted({*reviewed, locale}, key=lambda code: (code != SOURCE_LOCALE, code != locale, code))
    names = language_names(locale)
    items = []
    for code in codes:
        day = reviewed.get(code)
        day = dt.date.fromisoformat(day) if isinstance(day, str) else day
        items.append({
            "language": names.get(code, code),
            "date": day.isoformat() if day else None,
            "text": long_date(day, locale) if day else None,
        })
    return items
