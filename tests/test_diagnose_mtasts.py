"""`diagnose` checks MTA-STS (RFC 8461) as a sending server does: the
_mta-sts TXT record, the policy fetched over HTTPS, each MX host against the
policy's mx patterns, and in enforce mode the certificate. Exchange Online's
codes: 4.4.8 for an MX host the policy does not name, 4.7.5 for a certificate
that fails. Real servers on 127.0.0.1: dnslib, an HTTPS policy server and
aiosmtpd, with trustme certificates."""
from __future__ import annotations

import contextlib
import time

import pytest
from dnslib import AAAA, MX, TXT, A

from diagnose_servers import (Certificates, dns_server, free_port, full_backlog, ipv6_loopback, policy_server,
                              smtp_server)
from test_diagnose import FAST, failed_step, run, run_json

DOMAIN = "sts.test"
HOST = "mail.sts.test"


def policy(mode: str, *mx: str) -> str:
    return "\n".join(["version: STSv1", f"mode: {mode}", *(f"mx: {pattern}" for pattern in mx), "max_age: 86400"])


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    return Certificates(tmp_path_factory.mktemp("sts-certificates"))


@pytest.fixture(scope="module")
def nameserver():
    zone = {DOMAIN: [MX(HOST, 10)], HOST: [A("127.0.0.1")], f"_mta-sts.{DOMAIN}": [TXT("v=STSv1; id=20261130")],
            f"mta-sts.{DOMAIN}": [A("127.0.0.1")], "plain.test": [MX(HOST, 10)]}
    with dns_server(zone) as port:
        yield f"127.0.0.1:{port}"


@pytest.fixture
def served(certificates):
    """Starts the policy server with a body; yields its port."""
    with contextlib.ExitStack() as stack:
        def serve(body: str, content_type: str = "text/plain") -> int:
            context = certificates.context(certificates.leaf(f"mta-sts.{DOMAIN}"))
            return stack.enter_context(policy_server(context, body, content_type))
        yield serve




def args(nameserver: str, smtp_port: int, policy_port: int, certificates: Certificates) -> list[str]:
    return [DOMAIN, "--nameserver", nameserver, "--port", str(smtp_port), "--mta-sts-port", str(policy_port),
            "--cafile", str(certificates.cafile), *FAST]


def step(result: dict, name: str) -> dict:
    return next(each for each in result["steps"] if each["step"] == name)


def test_an_enforced_policy_that_names_the_host_is_healthy(capsys, certificates, nameserver, served):
    policy_port = served(policy("enforce", "*.sts.test"))
    with smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        exit_code, result = run_json(capsys, *args(nameserver, port, policy_port, certificates))
        _, ko, _ = run(capsys, *args(nameserver, port, policy_port, certificates), "--lang", "ko")
    assert exit_code == 0 and result["result"] == "healthy"
    assert [each["step"] for each in result["steps"]][:7] == ["dns-mx", "mta-sts-txt", "mta-sts-policy", "tls-rpt",
                                                              "dns-address", "dane-tlsa", "mta-sts-mx"]
    assert "v=STSv1; id=20261130" in step(result, "mta-sts-txt")["server"]
    assert "mode enforce, mx *.sts.test" in step(result, "mta-sts-policy")["detail"]
    assert "mail.sts.test matches the MTA-STS policy" in step(result, "mta-sts-mx")["detail"]
    assert "[정상] MTA-STS 정책" in ko


def test_an_mx_host_outside_an_enforced_policy_is_4_4_8(capsys, certificates, nameserver, served):
    policy_port = served(policy("enforce", "mx.elsewhere.test"))
    with smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        exit_code, result = run_json(capsys, *args(nameserver, port, policy_port, certificates))
        _, out, _ = run(capsys, *args(nameserver, port, policy_port, certificates))
        _, ko, _ = run(capsys, *args(nameserver, port, policy_port, certificates), "--lang", "ko")
    assert exit_code == 1 and result["code"] == "4.4.8"
    assert result["entry"] == {"code": "4.4.8", "title": "MX hosts failed MTA-STS validation",
                               "url": "/en/errors/4.4.8/"}
    assert failed_step(result)["step"] == "mta-sts-mx" and "enforce" in failed_step(result)["detail"]
    assert "connect" not in [each["step"] for each in result["steps"]]
    assert "Result: 4.4.8 MX hosts failed MTA-STS validation" in out and "/en/errors/4.4.8/" in out
    assert "결과: 4.4.8 MX 호스트가 MTA-STS 유효성 검사에 실패함" in ko


def test_in_testing_mode_the_same_host_is_only_a_warning(capsys, certificates, nameserver, served):
    policy_port = served(policy("testing", "mx.elsewhere.test"))
    with smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        exit_code, result = run_json(capsys, *args(nameserver, port, policy_port, certificates))
    assert exit_code == 0
    assert step(result, "mta-sts-mx")["warning"] and "testing" in step(result, "mta-sts-mx")["detail"]


def test_a_certificate_that_fails_under_an_enforced_policy_is_4_7_5(capsys, certificates, nameserver, served):
    policy_port = served(policy("enforce", HOST))
    with smtp_server(certificates.context(certificates.leaf("other.test"))) as port:
        exit_code, result = run_json(capsys, *args(nameserver, port, policy_port, certificates))
    assert exit_code == 1 and result["code"] == "4.7.5"
    # Exchange Online's meaning of 4.7.5, not the registry's cryptographic failure
    assert result["entry"] == {"code": "4.7.5", "title": "Remote certificate failed MTA-STS validation",
                               "url": "/en/errors/4.7.5/#from-exchange-online"}
    assert failed_step(result)["step"] == "certificate" and "Hostname mismatch" in failed_step(result)["server"]


def test_no_starttls_under_an_enforced_policy_fails_without_a_documented_code(capsys, certificates, nameserver,
                                                                              served):
    policy_port = served(policy("enforce", HOST))
    with smtp_server() as port:
        exit_code, result = run_json(capsys, *args(nameserver, port, policy_port, certificates))
    assert exit_code == 1 and result["code"] is None
    assert failed_step(result)["step"] == "starttls" and "MTA-STS policy in enforce mode" in failed_step(result)["detail"]


def test_a_policy_that_cannot_be_fetched_is_a_warning(capsys, certificates, nameserver):
    """RFC 8461 §5: with no cached policy, a sender delivers as if there were none."""
    with smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        exit_code, result = run_json(capsys, *args(nameserver, port, free_port(), certificates))
    assert exit_code == 0
    fetched = step(result, "mta-sts-policy")
    assert fetched["warning"] and "cannot be fetched" in fetched["detail"] and "refused" in fetched["server"].lower()
    assert "mta-sts-mx" not in [each["step"] for each in result["steps"]]


def test_a_policy_served_as_html_is_not_used(capsys, certificates, nameserver, served):
    """RFC 8461 §3.3: the policy must be text/plain; this one would refuse the host."""
    policy_port = served(policy("enforce", "mx.elsewhere.test"), "text/html")
    with smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        exit_code, result = run_json(capsys, *args(nameserver, port, policy_port, certificates))
    assert exit_code == 0
    assert "Content-Type: text/html" in step(result, "mta-sts-policy")["server"]


def test_an_invalid_policy_is_a_warning(capsys, certificates, nameserver, served):
    policy_port = served("version: STSv1\nmode: enforce\n")
    with smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        exit_code, result = run_json(capsys, *args(nameserver, port, policy_port, certificates))
    assert exit_code == 0
    assert "not a valid MTA-STS policy" in step(result, "mta-sts-policy")["detail"]


def test_a_domain_without_the_record_has_one_line(capsys, nameserver):
    _, out, _ = run(capsys, "plain.test", "--nameserver", nameserver, "--port", str(free_port()), *FAST)
    assert "No MTA-STS record at _mta-sts.plain.test: MTA-STS does not apply" in out


def test_a_txt_record_that_cannot_be_read_is_a_warning_not_no_record(capsys, certificates):
    """A resolver's SERVFAIL on _mta-sts is no "No MTA-STS record": the step says the record could
    not be read, with the resolver's words."""
    zone = {DOMAIN: [MX(HOST, 10)], HOST: [A("127.0.0.1")]}
    with dns_server(zone, servfail={f"_mta-sts.{DOMAIN}"}) as dns_port, \
            smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        _, result = run_json(capsys, *args(f"127.0.0.1:{dns_port}", port, free_port(), certificates))
    txt = step(result, "mta-sts-txt")
    assert "cannot be read" in txt["detail"] and "No MTA-STS record" not in txt["detail"]
    assert txt["warning"] and txt["server"]


def test_a_policy_that_trickles_in_is_given_up_after_the_step_timeout(capsys, certificates, nameserver):
    """A byte every 0.2 s keeps each read inside the 2 s timeout, but the policy (about 70 bytes)
    would take 14 s: the fetch gives up after the step's timeout in all, and says why."""
    context = certificates.context(certificates.leaf(f"mta-sts.{DOMAIN}"))
    with policy_server(context, policy("enforce", "*.sts.test"), trickle=0.2) as policy_port, \
            smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        _, result = run_json(capsys, *args(nameserver, port, policy_port, certificates))
    fetched = step(result, "mta-sts-policy")
    assert fetched["warning"] and "cannot be fetched" in fetched["detail"]
    assert "took more than 2 s" in fetched["server"]


@pytest.mark.skipif(not ipv6_loopback(), reason="this machine cannot listen on ::1")
def test_a_policy_host_with_an_ipv6_address_only_is_fetched(capsys, certificates):
    """mta-sts.DOMAIN is found as the MX hosts are, AAAA and A: a policy host on IPv6 only is fetched."""
    zone = {DOMAIN: [MX(HOST, 10)], HOST: [A("127.0.0.1")], f"_mta-sts.{DOMAIN}": [TXT("v=STSv1; id=20261130")],
            f"mta-sts.{DOMAIN}": [AAAA("::1")]}
    context = certificates.context(certificates.leaf(f"mta-sts.{DOMAIN}"))
    with dns_server(zone) as dns_port, policy_server(context, policy("enforce", "*.sts.test"), host="::1") as policy_port, \
            smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        exit_code, result = run_json(capsys, *args(f"127.0.0.1:{dns_port}", port, policy_port, certificates))
    fetched = step(result, "mta-sts-policy")
    assert exit_code == 0 and fetched["ok"] and not fetched["warning"]
    assert f"https://mta-sts.{DOMAIN}:{policy_port}/.well-known/mta-sts.txt: mode enforce" in fetched["detail"]
    assert step(result, "mta-sts-mx")["ok"]


def test_a_policy_host_without_addresses_says_why_in_the_chosen_language(capsys, certificates):
    """The address lookup's finding goes with the warning, translated; the resolver's words stay as they are."""
    zone = {DOMAIN: [MX(HOST, 10)], HOST: [A("127.0.0.1")], f"_mta-sts.{DOMAIN}": [TXT("v=STSv1; id=20261130")],
            f"mta-sts.{DOMAIN}": []}
    with dns_server(zone) as dns_port, smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        _, result = run_json(capsys, *args(f"127.0.0.1:{dns_port}", port, free_port(), certificates))
        _, ko = run_json(capsys, *args(f"127.0.0.1:{dns_port}", port, free_port(), certificates), "--lang", "ko")
    assert step(result, "mta-sts-policy")["warning"]
    assert step(result, "mta-sts-policy")["server"] == f"mta-sts.{DOMAIN} has no A or AAAA record"
    assert step(ko, "mta-sts-policy")["server"] == f"mta-sts.{DOMAIN}에 A 또는 AAAA 레코드가 없습니다"


def test_a_policy_whose_headers_trickle_in_is_given_up_after_the_step_timeout(capsys, certificates, nameserver):
    """The step's time covers the response's header lines as well as its body: a server that sends a
    header byte every 0.2 s (inside each read's timeout) and never ends the line does not hold the run."""
    context = certificates.context(certificates.leaf(f"mta-sts.{DOMAIN}"))
    started = time.monotonic()
    with policy_server(context, policy("enforce", "*.sts.test"), trickle=0.2, trickle_headers=True) as policy_port, \
            smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        _, result = run_json(capsys, *args(nameserver, port, policy_port, certificates))
    assert time.monotonic() - started < 10
    fetched = step(result, "mta-sts-policy")
    assert fetched["warning"] and "cannot be fetched" in fetched["detail"]
    assert "took more than 2 s" in fetched["server"]


def test_the_policy_fetch_takes_one_step_s_time_in_all(capsys, certificates, nameserver):
    """The address lookup, the connection, the TLS handshake and the response share one step's time: a
    handshake answered after 1.5 s leaves the response the rest of the 2 s, not 2 s more of its own."""
    context = certificates.context(certificates.leaf(f"mta-sts.{DOMAIN}"))
    with policy_server(context, policy("enforce", "*.sts.test"), trickle=0.2, trickle_headers=True,
                       handshake_delay=1.5) as policy_port, \
            smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        _, result = run_json(capsys, *args(nameserver, port, policy_port, certificates))
    fetched = step(result, "mta-sts-policy")
    assert fetched["warning"] and "took more than 2 s" in fetched["server"]
    assert fetched["seconds"] < 2.5


@pytest.mark.skipif(not ipv6_loopback(), reason="this machine cannot listen on ::1")
def test_a_policy_host_whose_ipv6_address_drops_packets_is_fetched_over_ipv4_at_once(capsys, certificates):
    """Happy Eyeballs (RFC 8305): IPv6 first, and 250 ms later IPv4 beside it; the first that answers is
    used, within one deadline for both, and the step says which address answered. Here ::1 drops the
    connection (a full accept queue) and 127.0.0.1 serves the policy."""
    zone = {DOMAIN: [MX(HOST, 10)], HOST: [A("127.0.0.1")], f"_mta-sts.{DOMAIN}": [TXT("v=STSv1; id=20261130")],
            f"mta-sts.{DOMAIN}": [AAAA("::1"), A("127.0.0.1")]}
    context = certificates.context(certificates.leaf(f"mta-sts.{DOMAIN}"))
    with dns_server(zone) as dns_port, policy_server(context, policy("enforce", "*.sts.test")) as policy_port, \
            full_backlog(("::1",), policy_port), smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        exit_code, result = run_json(capsys, *args(f"127.0.0.1:{dns_port}", port, policy_port, certificates))
        _, ko = run_json(capsys, *args(f"127.0.0.1:{dns_port}", port, policy_port, certificates), "--lang", "ko")
    fetched = step(result, "mta-sts-policy")
    assert exit_code == 0 and fetched["ok"] and not fetched["warning"] and fetched["seconds"] < 1.5
    assert fetched["server"].endswith(f"the policy host answered at 127.0.0.1:{policy_port}")
    assert step(ko, "mta-sts-policy")["server"].endswith(f"127.0.0.1:{policy_port}에서 정책 호스트가 응답했습니다")


@pytest.mark.skipif(not ipv6_loopback(), reason="this machine cannot listen on ::1")
def test_a_policy_host_whose_addresses_all_drop_packets_takes_one_step_s_time_and_names_each(capsys, certificates):
    zone = {DOMAIN: [MX(HOST, 10)], HOST: [A("127.0.0.1")], f"_mta-sts.{DOMAIN}": [TXT("v=STSv1; id=20261130")],
            f"mta-sts.{DOMAIN}": [AAAA("::1"), A("127.0.0.1")]}
    with dns_server(zone) as dns_port, full_backlog(("::1", "127.0.0.1")) as policy_port, \
            smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        _, result = run_json(capsys, *args(f"127.0.0.1:{dns_port}", port, policy_port, certificates))
    fetched = step(result, "mta-sts-policy")
    assert fetched["warning"] and 1.9 < fetched["seconds"] < 2.5
    assert fetched["server"] == f"[::1]:{policy_port}: timed out; 127.0.0.1:{policy_port}: timed out"


@pytest.mark.parametrize("records, wanted, warning", [
    ([TXT("v=TLSRPTv1; rua=mailto:tlsrpt@sts.test,https://reports.sts.test/v1")],
     "TLS failures would be reported: _smtp._tls.sts.test asks sending servers for a daily report of them, to "
     "mailto:tlsrpt@sts.test, https://reports.sts.test/v1", False),
    ([], "No TLS-RPT record at _smtp._tls.sts.test: sending servers report no TLS failures", False),
    ([TXT("v=spf1 -all")], "No TLS-RPT record at _smtp._tls.sts.test (no TXT record there begins with v=TLSRPTv1)",
     False),
    ([TXT("v=TLSRPTv1; ruf=mailto:tlsrpt@sts.test")], "The TLS-RPT record at _smtp._tls.sts.test is malformed: it has "
                                                      "no rua= field", True),
    ([TXT("v=TLSRPTv1;rua=tlsrpt@sts.test")], "is malformed: tlsrpt@sts.test in rua= is neither a mailto: nor an "
                                              "https: address", True),
    ([TXT("v=TLSRPTv1; rua=mailto:a@sts.test"), TXT("v=TLSRPTv1; rua=mailto:b@sts.test")],
     "_smtp._tls.sts.test holds 2 TLS-RPT records (v=TLSRPTv1): a sending server treats this as none", True),
], ids=["reported", "absent", "other TXT", "no rua", "bad address", "two records"])
def test_the_tls_rpt_record_says_whether_and_where_tls_failures_are_reported(capsys, certificates, records, wanted,
                                                                            warning):
    """RFC 8460: one informational step after MTA-STS; a malformed record is a warning named as such, and
    never a fault."""
    zone = {DOMAIN: [MX(HOST, 10)], HOST: [A("127.0.0.1")]}
    if records:
        zone[f"_smtp._tls.{DOMAIN}"] = records
    with dns_server(zone) as dns_port, smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        exit_code, result = run_json(capsys, *args(f"127.0.0.1:{dns_port}", port, free_port(), certificates))
        _, ko = run_json(capsys, *args(f"127.0.0.1:{dns_port}", port, free_port(), certificates), "--lang", "ko")
    assert exit_code == 0 and result["code"] is None
    assert [each["step"] for each in result["steps"]][:3] == ["dns-mx", "mta-sts-txt", "tls-rpt"]
    reporting = step(result, "tls-rpt")
    assert reporting["ok"] and reporting["warning"] is warning and wanted in reporting["detail"]
    assert ("v=TLSRPTv1" in (reporting["server"] or "")) is any("TLSRPT" in str(record) for record in records)
    assert "_smtp._tls.sts.test" in step(ko, "tls-rpt")["detail"] and "TLS failures" not in step(ko, "tls-rpt")["detail"]
    assert step(ko, "tls-rpt")["detail"] != reporting["detail"]


def test_a_tls_rpt_record_that_cannot_be_read_is_a_warning(capsys, certificates):
    zone = {DOMAIN: [MX(HOST, 10)], HOST: [A("127.0.0.1")]}
    with dns_server(zone, servfail={f"_smtp._tls.{DOMAIN}"}) as dns_port, \
            smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        exit_code, result = run_json(capsys, *args(f"127.0.0.1:{dns_port}", port, free_port(), certificates))
    reporting = step(result, "tls-rpt")
    assert exit_code == 0 and reporting["warning"] and "cannot be read" in reporting["detail"] and reporting["server"]
