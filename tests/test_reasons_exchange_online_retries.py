"""Exchange Online's own replies while it keeps retrying a connection (4.4.315-4.4.318, Microsoft's
"Mail flow intelligence" page) are network faults, the same in Python and on the lookup page; only
after the retries, as 5.4.315-5.4.318 ("Message expired, ..."), has the message expired."""
from __future__ import annotations

import pytest

from bounce_shapes import page_verdicts
from generator.bounces.classify import classify

# The replies as the page documents them, and a delivery-status field with the code alone.
RETRIES = [
    ("450 4.4.315 Connection timed out", "networkerror"),
    ("450 4.4.316 Connection refused", "networkerror"),
    ("450 4.4.317 Cannot connect to remote server", "networkerror"),
    ("450 4.4.318 Connection was closed abruptly", "networkerror"),
    ("Action: delayed\nStatus: 4.4.317", "networkerror"),
    ("550 5.4.316 Message expired, connection refused", "expired"),
    ("Action: failed\nStatus: 5.4.318", "expired"),
]


@pytest.mark.parametrize("text, reason", RETRIES)
def test_a_connection_still_retried_is_a_network_fault_and_expires_only_after(text, reason):
    assert [verdict.reason for verdict in classify(text)] == [reason]


def test_the_lookup_page_reads_them_alike(browser):
    assert page_verdicts(browser, [text for text, _ in RETRIES], "reason") == [[reason] for _, reason in RETRIES]
