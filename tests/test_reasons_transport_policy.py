"""Exchange Online's bounces for a recipient domain's transport security policy: its MTA-STS
policy (4.4.8/5.4.8, 4.7.5/5.7.5) and its SMTP DANE records (4.7.321-325/5.7.321-325, dnssec-invalid included), as
Microsoft's NDR table words them (https://learn.microsoft.com/exchange/troubleshoot/email-delivery/
ndr/non-delivery-reports-in-exchange-online).  The secure connection the policy asks for could not
be made: failedstarttls, whose page sends the reader to the recipient's TLS setup, not to their
own password (securityerror) or to a fault of the receiving server (systemerror)."""
from __future__ import annotations

import pytest

from bounce_shapes import RECIPIENT, assert_reason, page_verdicts

NDR = f"""From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.com>
To: sender@contoso.com
Subject: Undeliverable: Quarterly report
Content-Type: text/plain; charset=utf-8

Your message to {RECIPIENT} couldn't be delivered.

Diagnostic information for administrators:

Generating server: BN8PR12MB3345.namprd12.prod.outlook.com

{RECIPIENT}
Remote server returned '{{reply}}'
"""

REPLIES = [
    ("451 4.4.8 MX hosts of example.org failed MTA-STS validation", "failed MTA-STS validation"),
    ("550 5.4.8 MX hosts of example.org failed MTA-STS validation", "failed MTA-STS validation"),
    ("550 5.7.5 Remote certificate failed MTA-STS validation. Reason: CertificateExpired",
     "failed MTA-STS validation"),
    ("450 4.7.321 starttls-not-supported: Destination mail server must support TLS to receive mail.",
     "starttls-not-supported"),
    ("550 5.7.322 certificate-expired: Destination mail server's certificate is expired.", "certificate-expired"),
    ("550 5.7.323 tlsa-invalid: The domain failed DANE validation.", "tlsa-invalid"),
    ("450 4.7.324 dnssec-invalid: Destination domain returned invalid DNSSEC records", "dnssec-invalid"),
    ("550 5.7.324 dnssec-invalid: Destination domain returned invalid DNSSEC records", "dnssec-invalid"),
    ("550 5.7.325 certificate-host-mismatch: Remote certificate MUST have a common name or subject alternative "
     "name matching the hostname (DANE)", "certificate-host-mismatch"),
]


@pytest.mark.parametrize("reply, quoted", REPLIES, ids=[reply[:9] for reply, _ in REPLIES])
def test_a_transport_policy_failure_reads_as_the_encrypted_connection_failing(reply, quoted):
    assert_reason(NDR.format(reply=reply), "failedstarttls", quoted)


@pytest.mark.browser
def test_the_lookup_page_reads_them_alike(browser):
    texts = [NDR.format(reply=reply) for reply, _ in REPLIES]
    assert page_verdicts(browser, texts, "reason") == [["failedstarttls"]] * len(REPLIES)
