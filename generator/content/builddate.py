"""The date a build says it was made: SOURCE_DATE_EPOCH when set (the
reproducible-builds convention), else the newest review date in the
content, so two builds of the same commit are byte-identical whatever day
they run."""
from __future__ import annotations

import datetime as dt
import os
from contextlib import contextmanager

from generator.content.load import Content

EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"


def content_date(content: Content) -> dt.date:
    dates = [
        day
        for item in [*content.entries.values(), *content.pages.values(), *content.reasons.values()]
        for day in (item.reviewed.en, item.reviewed.ko)
        if day is not None
    ]
    return max(dates, default=dt.date(2026, 1, 1))


def build_epoch(content: Content) -> int:
    given = os.environ.get(EPOCH_VARIABLE, "").strip()
    if given.isdigit():
        return int(given)
    day = content_date(content)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


@contextmanager
def pinned_epoch(epoch: int):
    """MkDocs reads SOURCE_DATE_EPOCH itself (sitemap dates): set it for the
    duration of a build, then put back what was there."""
    before = os.environ.get(EPOCH_VARIABLE)
    os.environ[EPOCH_VARIABLE] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ[EPOCH_VARIABLE]
        else:
            os.environ[EPOCH_VARIABLE] = before
