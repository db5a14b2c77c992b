"""Public addresses of the site, as paths from the site's root.

They are a contract: NDR templates and other sites link to them.
"""
from __future__ import annotations

from generator.i18n.localize import entry_url, reason_url

API_ROOT = "api/v1/"


def entry_page(locale: str, code: str) -> str:
    """`/ko/errors/4.4.316/`"""
    return f"/{locale}/{entry_url(code)}"


def api_entry(code: str) -> str:
    """`errors/4.4.316.json`, relative to API_ROOT."""
    return f"errors/{code}.json"


def reason_page(locale: str, reason_id: str) -> str:
    """`/ko/reasons/mailboxfull/`"""
    return f"/{locale}/{reason_url(reason_id)}"


def api_reason(reason_id: str) -> str:
    """`reasons/mailboxfull.json`, relative to API_ROOT."""
    return f"reasons/{reason_id}.json"
