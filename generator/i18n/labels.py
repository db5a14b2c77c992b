"""Interface strings used outside the Markdown templates: stage names,
severity classes, and the strings handed to the theme overrides.

Marked with N_ so `pybabel extract` finds them; translated at render time.
"""
from __future__ import annotations


def N_(text: str) -> str:
    return text


STAGES = {
    "dns": N_("DNS lookup"),
    "connect": N_("TCP connection"),
    "smtp": N_("SMTP session"),
    "tls": N_("TLS and certificate check"),
    "transfer": N_("Message transfer"),
    "other": N_("Other"),
}

SEVERITIES = {
    "transient": N_("Transient (4.x.x): the sending server keeps retrying"),
    # A transient code of recipients that a report gives up on (a returned bounce, a mail program's
    # log): no one is retrying, whatever the class says.
    "transient-failed": N_("Transient (4.x.x), but this report says the message was not delivered: "
                           "nothing retries it now, so send it again later"),
    "permanent": N_("Permanent (5.x.x): the message was returned to the sender"),
    "success": N_("Success (2.x.x)"),
    "any": N_("Any class: 2.x.x, 4.x.x or 5.x.x"),
}

# RFC 3463's subjects: the middle number of a code. Slugs are URLs (/{lang}/categories/{slug}/).
SUBJECTS = {
    "0": ("other", N_("Other or undefined status")),
    "1": ("addressing", N_("Addressing")),
    "2": ("mailbox", N_("Mailbox")),
    "3": ("mail-system", N_("Mail system")),
    "4": ("network-and-routing", N_("Network and routing")),
    "5": ("mail-delivery-protocol", N_("Mail delivery protocol")),
    "6": ("message-content", N_("Message content or media")),
    "7": ("security-and-policy", N_("Security or policy")),
}

# Strings the theme overrides in site_overrides/ show; passed as `extra.ui`.
UI = {
    "switch_language": N_("Read this page in another language"),
    "not_found_title": N_("Page not found"),
    "not_found_text": N_("There is no page at this address. Look the code up, or start from the home page."),
    "not_found_near": N_("Perhaps you meant:"),
    "home": N_("Home"),
    "lookup": N_("Look up a code"),
    "hide_original": N_("Hide the English original"),
    "lookup_label": N_("Code or NDR text"),
    "lookup_button": N_("Look up"),
    "lookup_hint": N_("Enter, Ctrl+Enter or pasting runs the lookup; Shift+Enter starts a new line."),
    "dark_mode": N_("Switch to dark mode"),
    "light_mode": N_("Switch to light mode"),
    "permalink": N_("Permanent link"),
    "show_original": N_("Show the English original"),
}

# The footer's credit, around the link to Material for MkDocs (Material writes it in English only).
MADE_WITH = N_("Made with %(tool)s")

# The site's /404.html, in every language at once.
NOT_FOUND_TEXT = {"not_found": N_("Page not found"), "lookup": N_("Look up a code"), "home": N_("Home")}

LANGUAGE_NAMES = {"en": "English", "ko": "한국어", "ja": "日本語"}
