"""When an entry or page was last reviewed in each language (the content's
`reviewed: {en: date, ko: date}`), as the page's language writes dates."""
from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date

from .catalog import SOURCE_LOCALE


def review_dates(reviewed: dict, locale: str) -> list[dict]:
    """One item per language, English first, the page's own language always
    included: its name and date in `locale`; date None when never reviewed."""
    codes = sorted({*reviewed, locale}, key=lambda code: (code != SOURCE_LOCALE, code != locale, code))
    names = Locale.parse(locale).languages
    items = []
    for code in codes:
        day = reviewed.get(code)
        day = dt.date.fromisoformat(day) if isinstance(day, str) else day
        items.append({
            "language": names.get(code, code),
            "date": day.isoformat() if day else None,
            "text": format_date(day, format="long", locale=locale) if day else None,
        })
    return items
