"""`diagnose` checks SMTP DANE (RFC 7672) as a sending server does: TLSA
records that the resolver vouched for (AD flag) make TLS mandatory and
replace the usual certificate check. Real servers on 127.0.0.1: a dnslib
zone with MX, A and TLSA records, and aiosmtpd with trustme certificates."""
from __future__ import annotations

import pytest
import trustme
from dnslib import CNAME, MX, TLSA, TXT, A

from diagnose_servers import Certificates, der, dns_server, ee_311, policy_server, smtp_server, ta_201, ta_210
from test_diagnose import FAST, assert_fault, failed_step, run, run_json, titles  # noqa: F401 (a fixture)

HOST = "mail.dane.test"


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    return Certificates(tmp_path_factory.mktemp("dane-certificates"))


@pytest.fixture
def zone():
    """A signed zone: the resolver vouches for every name in `authenticated`."""
    records = {"dane.test": [MX(HOST, 10)], HOST: [A("127.0.0.1")]}
    authenticated = {"dane.test", HOST}
    servfail, silent = set(), set()
    with dns_server(records, authenticated, servfail, silent) as port:
        yield Zone(f"127.0.0.1:{port}", records, authenticated, servfail, silent)


class Zone:
    def __init__(self, nameserver, records, authenticated, servfail, silent):
        self.nameserver, self.records, self.authenticated, self.servfail = nameserver, records, authenticated, servfail
        self.silent = silent

    def publish(self, port: int, *tlsa: TLSA, signed: bool = True) -> None:
        name = f"_{port}._tcp.{HOST}"
        self.records[name] = list(tlsa)
        if signed:
            self.authenticated.add(name)

    def args(self, port: int) -> list[str]:
        return ["dane.test", "--nameserver", self.nameserver, "--port", str(port), *FAST]


def step(result: dict, name: str) -> dict:
    return next(each for each in result["steps"] if each["step"] == name)


def test_a_matching_3_1_1_record_is_healthy_without_any_trusted_ca(capsys, certificates, zone):
    """DANE-EE pins the key: no --cafile, and the CA is trusted nowhere."""
    leaf = certificates.leaf(HOST)
    with smtp_server(certificates.context(leaf)) as port:
        zone.publish(port, ee_311(der(leaf)))
        exit_code, result = run_json(capsys, *zone.args(port))
        _, ko, _ = run(capsys, *zone.args(port), "--lang", "ko")
    assert exit_code == 0 and result["result"] == "healthy" and result["code"] is None
    names = [each["step"] for each in result["steps"]]
    assert names == ["dns-mx", "mta-sts-txt", "tls-rpt", "dns-address", "dane-tlsa", "connect", "greeting", "ehlo", "starttls", "tls", "dane",
                     "ehlo-tls", "quit"]
    tlsa = step(result, "dane-tlsa")
    assert tlsa["ok"] and not tlsa["warning"] and "authenticated by DNSSEC (AD flag)" in tlsa["detail"]
    assert tlsa["server"].splitlines()[0].endswith(" AD") and "TLSA 3 1 1" in tlsa["server"]
    assert "matches the TLSA record 3 1 1" in step(result, "dane")["detail"]
    assert "DANE-EE" in step(result, "dane")["detail"]
    assert "[정상] DNS: TLSA 레코드(DANE)" in ko and "결과:" in ko


def test_a_wrong_hash_is_4_7_323_with_both_hashes_shown(capsys, titles, certificates, zone):
    leaf = certificates.leaf(HOST)
    with smtp_server(certificates.context(leaf)) as port:
        zone.publish(port, TLSA(3, 1, 1, bytes(32)))
        result = assert_fault(capsys, titles, zone.args(port), "4.7.323", "dane")
    said = failed_step(result)["server"]
    assert f"TLSA 3 1 1 {'00' * 32}" in said
    assert f"cert 3 1 1 {ee_311(der(leaf)).cert_data.hex()}" in said
    assert "matches none of the TLSA records" in failed_step(result)["detail"]


def test_tlsa_records_without_starttls_are_4_7_321(capsys, titles, zone):
    with smtp_server() as port:
        zone.publish(port, TLSA(3, 1, 1, bytes(32)))
        result = assert_fault(capsys, titles, zone.args(port), "4.7.321", "starttls")
    assert "TLSA records require TLS" in failed_step(result)["detail"]


def test_an_expired_certificate_under_dane_ta_is_4_7_322(capsys, titles, certificates, zone):
    leaf = certificates.leaf(HOST, expired=True)
    with smtp_server(certificates.sending_root(leaf)) as port:
        zone.publish(port, ta_201(certificates))
        result = assert_fault(capsys, titles, zone.args(port), "4.7.322", "dane")
    assert "has expired" in failed_step(result)["detail"]


def test_an_expired_intermediate_under_dane_ta_is_4_7_322(capsys, titles, certificates, zone):
    """Between the server's certificate and the anchor, each certificate's dates count as the server's do."""
    intermediate = certificates.intermediate(expired=True)
    with smtp_server(certificates.sending_root(intermediate.issue_cert(HOST))) as port:
        zone.publish(port, ta_201(certificates))
        result = assert_fault(capsys, titles, zone.args(port), "4.7.322", "dane")
    detail = failed_step(result)["detail"]
    assert "The intermediate certificate" in detail and "has expired" in detail and "TLSA record 2 0 1" in detail


def test_dane_ta_through_a_valid_intermediate_is_healthy(capsys, certificates, zone):
    with smtp_server(certificates.sending_root(certificates.intermediate().issue_cert(HOST))) as port:
        zone.publish(port, ta_201(certificates))
        exit_code, result = run_json(capsys, *zone.args(port))
    assert exit_code == 0 and step(result, "dane")["ok"]


@pytest.mark.parametrize("record, intermediate", [(ta_201, False), (ta_210, True)], ids=["2 0 1", "2 1 0"])
def test_dane_ta_whose_anchor_the_server_does_not_send_is_4_7_323_and_says_so(capsys, titles, certificates, zone,
                                                                              record, intermediate):
    """RFC 7672 §3.1.2: a DANE-TA server MUST send its trust anchor; without it no record can match.
    The step says so, and shows what each certificate sent after the server's own gives for the record."""
    issuer = certificates.intermediate() if intermediate else certificates.ca
    leaf = issuer.issue_cert(HOST)
    with smtp_server(certificates.context(leaf)) as port:   # the chain without the root
        zone.publish(port, record(certificates))
        result = assert_fault(capsys, titles, zone.args(port), "4.7.323", "dane")
        _, ko = run_json(capsys, *zone.args(port), "--lang", "ko")
    failed = failed_step(result)
    sent = 2 if intermediate else 1
    published = record(certificates)
    fields = f"{published.cert_usage} {published.selector} {published.matching_type}"
    if intermediate:
        assert ("None of the certificates the server sent after its own (1) is the trust anchor of TLSA "
                f"{fields}") in failed["detail"]
        assert failed["server"].count("\ncert 2 1 0 ") == 1 and "Testing CA" in failed["server"]
    else:
        assert "The server sent its own certificate only, without the trust anchor of TLSA 2 0 1" in failed["detail"]
        assert "\ncert " not in failed["server"]
    assert failed["server"].startswith(f"TLSA {fields} {published.cert_data.hex()}")
    assert failed["server"].endswith(f"the server sent {sent} certificate(s)")
    ko_failed = failed_step(ko)
    assert "RFC 7672 §3.1.2" in ko_failed["detail"] and "trust anchor" not in ko_failed["detail"]
    assert ko_failed["server"].endswith(f"서버가 보낸 인증서: {sent}개")


def test_dane_ta_naming_another_ca_than_the_chain_sent_up_to_its_root_says_the_records_are_the_fault(
        capsys, titles, certificates, zone):
    """A server that sends its chain up to its root has sent its trust anchor, whichever it is: when no
    DANE-TA record names a certificate of that chain, the records name another CA (a CA change the TLSA
    records did not follow is the usual case), and telling the server to send its anchor would mislead."""
    other = Certificates.__new__(Certificates)
    other.ca = trustme.CA()
    with smtp_server(certificates.sending_root(certificates.leaf(HOST))) as port:
        zone.publish(port, ta_201(other))
        result = assert_fault(capsys, titles, zone.args(port), "4.7.323", "dane")
        _, ko = run_json(capsys, *zone.args(port), "--lang", "ko")
    detail = failed_step(result)["detail"]
    assert "up to its root" in detail and "name another CA" in detail and "TLSA 2 0 1" in detail
    assert "must send its trust anchor" not in detail
    assert "TLSA 2 0 1" in failed_step(ko)["detail"] and "root" not in failed_step(ko)["detail"]


def test_the_tool_lines_of_the_tlsa_step_follow_the_language(capsys, certificates, zone):
    """Our own lines in the resolver's answer (--json's server field) are in the chosen language; the
    records stay as the resolver sent them."""
    leaf = certificates.leaf(HOST)
    with smtp_server(certificates.context(leaf)) as port:
        zone.publish(port, ee_311(der(leaf)))
        _, result = run_json(capsys, *zone.args(port), "--lang", "ko")
    said = step(result, "dane-tlsa")["server"]
    assert "IN TLSA 3 1 1 " in said and "flags: " in said
    assert "MX and address records" not in said and said.endswith("MX 및 주소 레코드의 AD 플래그: 있음")


def test_a_tlsa_name_that_is_a_cname_is_followed_and_the_step_says_so(capsys, certificates, zone):
    """The TLSA records may sit behind a CNAME (a shared set for many hosts): the resolver follows it,
    its AD flag covers the whole chain, and the step names the alias."""
    leaf = certificates.leaf(HOST)
    with smtp_server(certificates.context(leaf)) as port:
        zone.publish(port, CNAME("_tlsa.pool.dane.test"))
        zone.records["_tlsa.pool.dane.test"] = [ee_311(der(leaf))]
        zone.authenticated.add("_tlsa.pool.dane.test")
        exit_code, result = run_json(capsys, *zone.args(port))
        _, ko = run_json(capsys, *zone.args(port), "--lang", "ko")
    assert exit_code == 0 and step(result, "dane")["ok"]
    said = step(result, "dane-tlsa")["server"]
    assert f"_{port}._tcp.{HOST} is an alias (CNAME) of _tlsa.pool.dane.test" in said
    assert "_tlsa.pool.dane.test. 60 IN TLSA 3 1 1" in said
    assert f"_{port}._tcp.{HOST}은(는) _tlsa.pool.dane.test의 별칭(CNAME)" in step(ko, "dane-tlsa")["server"]


def alias_zone(zone, signed: bool = True) -> None:
    """The MX host is an alias (CNAME) of a provider's host, as when a domain points its MX at a hosted service."""
    zone.records[HOST] = [CNAME("mx.provider.test")]
    zone.records["mx.provider.test"] = [A("127.0.0.1")]
    if signed:
        zone.authenticated.add("mx.provider.test")


def test_an_mx_host_that_is_a_cname_has_its_tlsa_records_asked_for_where_the_cname_leads(capsys, certificates, zone):
    """RFC 7672 §2.2.2: with a secure CNAME chain, the TLSA base domain is the expanded name, which is
    also the name a DANE-TA certificate may carry (and the SNI name); the expansion is a step of its own."""
    leaf = certificates.leaf("mx.provider.test")
    alias_zone(zone)
    with smtp_server(certificates.sending_root(leaf)) as port:
        zone.records[f"_{port}._tcp.mx.provider.test"] = [ta_201(certificates)]
        zone.authenticated.add(f"_{port}._tcp.mx.provider.test")
        exit_code, result = run_json(capsys, *zone.args(port))
        _, out, _ = run(capsys, *zone.args(port))
        _, ko, _ = run(capsys, *zone.args(port), "--lang", "ko")
    assert exit_code == 0 and result["result"] == "healthy"
    names = [each["step"] for each in result["steps"]]
    assert names[:6] == ["dns-mx", "mta-sts-txt", "tls-rpt", "dns-address", "dns-cname", "dane-tlsa"]
    cname = step(result, "dns-cname")
    assert cname["ok"] and not cname["warning"] and cname["host"] == HOST
    assert f"{HOST} is an alias (CNAME) of mx.provider.test" in cname["detail"]
    assert f"_{port}._tcp.mx.provider.test has TLSA records (1)" in step(result, "dane-tlsa")["detail"]
    assert "names mx.provider.test" in step(result, "dane")["detail"]
    assert f"[ok] DNS: CNAME: {HOST} is an alias (CNAME) of mx.provider.test" in out
    assert f"DNS: CNAME: {HOST}은(는) mx.provider.test의 별칭(CNAME)" in ko


def test_without_tlsa_records_where_the_cname_leads_the_mx_host_s_own_name_is_asked(capsys, certificates, zone):
    leaf = certificates.leaf(HOST)
    alias_zone(zone)
    with smtp_server(certificates.context(leaf)) as port:
        zone.publish(port, ee_311(der(leaf)))
        exit_code, result = run_json(capsys, *zone.args(port))
        _, ko, _ = run(capsys, *zone.args(port), "--lang", "ko")
    assert exit_code == 0 and step(result, "dane")["ok"]
    tlsa = [each for each in result["steps"] if each["step"] == "dane-tlsa"]
    assert len(tlsa) == 2 and tlsa[0]["ok"] and tlsa[1]["ok"]
    assert (f"No TLSA records at _{port}._tcp.mx.provider.test, where the CNAME leads: a sending server asks at "
            f"_{port}._tcp.{HOST} next") in tlsa[0]["detail"]
    assert f"_{port}._tcp.{HOST} has TLSA records (1)" in tlsa[1]["detail"]
    assert f"_{port}._tcp.mx.provider.test" in ko and "RFC 7672 §2.2.2" in ko


def test_an_unsigned_cname_chain_is_shown_and_its_target_is_not_asked_for_tlsa_records(capsys, certificates, zone):
    leaf = certificates.leaf(HOST)
    alias_zone(zone, signed=False)
    with smtp_server(certificates.context(leaf)) as port:
        zone.records[f"_{port}._tcp.mx.provider.test"] = [TLSA(3, 1, 1, bytes(32))]
        zone.authenticated.add(f"_{port}._tcp.mx.provider.test")
        exit_code, result = run_json(capsys, *zone.args(port), "--cafile", str(certificates.cafile))
    assert exit_code == 0
    assert "did not vouch for the chain" in step(result, "dns-cname")["detail"]
    assert [each["detail"].split(":")[0] for each in result["steps"] if each["step"] == "dane-tlsa"] == [
        f"No TLSA records at _{port}._tcp.{HOST}"]


def test_a_2_0_0_record_that_holds_no_certificate_is_named_unreadable_not_an_anchor_not_sent(capsys, certificates,
                                                                                            zone):
    """A `2 0 0` record holds the trust anchor's whole certificate; data that is not one is a record that
    cannot be read (unusable: TLS still required, the certificate not authenticated), not a server that
    failed to send its anchor."""
    with smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        zone.publish(port, TLSA(2, 0, 0, b"not a certificate"))
        exit_code, result = run_json(capsys, *zone.args(port))
        _, ko = run_json(capsys, *zone.args(port), "--lang", "ko")
    tlsa, dane = step(result, "dane-tlsa"), step(result, "dane")
    assert tlsa["warning"] and "none is usable: a record whose data cannot be read" in tlsa["detail"]
    assert "TLSA 2 0 0 6e6f742061206365… cannot be read: a record of selector 0 and matching type 0 holds a whole " \
           "certificate" in tlsa["server"]
    assert dane["ok"] and dane["warning"] and "trust anchor" not in dane["detail"]
    assert exit_code == 0 and result["code"] is None
    assert "TLSA 2 0 0 6e6f742061206365…" in step(ko, "dane-tlsa")["server"]
    assert "cannot be read" not in step(ko, "dane-tlsa")["server"]


def test_an_expired_certificate_under_dane_ee_is_fine(capsys, certificates, zone):
    """RFC 7672 §3.1.1: with DANE-EE the certificate's dates do not count."""
    leaf = certificates.leaf(HOST, expired=True)
    with smtp_server(certificates.context(leaf)) as port:
        zone.publish(port, ee_311(der(leaf)))
        exit_code, result = run_json(capsys, *zone.args(port))
    assert exit_code == 0 and result["result"] == "healthy"
    assert step(result, "dane")["ok"]


def test_dane_ta_with_a_good_certificate_is_healthy(capsys, certificates, zone):
    leaf = certificates.leaf(HOST)
    with smtp_server(certificates.sending_root(leaf)) as port:
        zone.publish(port, ta_201(certificates))
        exit_code, result = run_json(capsys, *zone.args(port))
    assert exit_code == 0
    assert f"DANE-TA), is within its dates and names {HOST}" in step(result, "dane")["detail"]


def test_dane_ta_with_another_name_is_4_7_325(capsys, titles, certificates, zone):
    leaf = certificates.leaf("other.test")
    with smtp_server(certificates.sending_root(leaf)) as port:
        zone.publish(port, ta_201(certificates))
        result = assert_fault(capsys, titles, zone.args(port), "4.7.325", "dane")
    assert "names other.test, none of the names it must carry (mail.dane.test, dane.test)" in failed_step(result)["detail"]


def test_a_failing_tlsa_query_is_4_7_324(capsys, titles, certificates, zone):
    with smtp_server(certificates.good()) as port:
        zone.servfail.add(f"_{port}._tcp.{HOST}")
        result = assert_fault(capsys, titles, zone.args(port), "4.7.324", "dane-tlsa")
    assert [each["step"] for each in result["steps"]] == ["dns-mx", "mta-sts-txt", "tls-rpt", "dns-address", "dane-tlsa"]


def test_a_tlsa_query_that_times_out_is_a_dns_failure_not_invalid_dnssec(capsys, titles, certificates, zone):
    """A timeout says nothing about the signatures: it is 4.4.312 (the DNS query failed), and the step
    does not blame DNSSEC as a SERVFAIL's does."""
    with smtp_server(certificates.good()) as port:
        zone.silent.add(f"_{port}._tcp.{HOST}")
        result = assert_fault(capsys, titles, [*zone.args(port), "--timeout", "0.5"], "4.4.312", "dane-tlsa")
    detail = failed_step(result)["detail"]
    assert f"The TLSA query for _{port}._tcp.{HOST} timed out after 0.5 s" in detail and "DNSSEC" not in detail


def test_a_failing_tlsa_query_behind_unauthenticated_addresses_is_no_fault(capsys, certificates, zone):
    """RFC 7672 §2.2: without secure MX and address records DANE does not
    apply, so a TLSA query that fails there (a broken or unsigned zone, a
    resolver that does not validate) does not stop delivery."""
    with smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        zone.servfail.add(f"_{port}._tcp.{HOST}")
        zone.authenticated.discard(HOST)
        exit_code, result = run_json(capsys, *zone.args(port), "--cafile", str(certificates.cafile))
    assert exit_code == 0 and result["result"] == "healthy" and result["code"] is None
    tlsa = step(result, "dane-tlsa")
    assert tlsa["ok"] and tlsa["warning"] and "does not apply DANE here" in tlsa["detail"]
    assert f"the name {HOST} matches" in step(result, "certificate")["detail"]


def test_tlsa_records_the_resolver_did_not_vouch_for_leave_the_usual_check(capsys, certificates, zone):
    """No AD flag: DANE does not apply (a warning); the wrong record does not
    matter, the certificate is checked against --cafile as before."""
    with smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        zone.publish(port, TLSA(3, 1, 1, bytes(32)), signed=False)
        exit_code, result = run_json(capsys, *zone.args(port), "--cafile", str(certificates.cafile))
        _, untrusted = run_json(capsys, *zone.args(port))
    assert exit_code == 0 and result["result"] == "healthy"
    tlsa = step(result, "dane-tlsa")
    assert tlsa["ok"] and tlsa["warning"] and "did not vouch for them" in tlsa["detail"]
    assert "dane" not in [each["step"] for each in result["steps"]]
    assert f"the name {HOST} matches" in step(result, "certificate")["detail"]
    assert untrusted["code"] == "4.7.320"


def test_authenticated_tlsa_records_behind_an_unauthenticated_mx_do_not_apply(capsys, certificates, zone):
    """RFC 7672 §2.2.1: DANE needs the MX records vouched for too."""
    with smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        zone.publish(port, TLSA(3, 1, 1, bytes(32)))
        zone.authenticated.discard("dane.test")
        exit_code, result = run_json(capsys, *zone.args(port), "--cafile", str(certificates.cafile))
    assert exit_code == 0
    tlsa = step(result, "dane-tlsa")
    assert tlsa["warning"] and "MX and address records with the AD flag: no" in tlsa["server"]
    assert "dane" not in [each["step"] for each in result["steps"]]


def test_unusable_records_require_tls_but_check_no_certificate(capsys, certificates, zone):
    """Usage 1 (PKIX-EE) is not used for SMTP (RFC 7672 §3.1.3)."""
    with smtp_server(certificates.context(certificates.leaf("other.test"))) as port:
        zone.publish(port, TLSA(1, 1, 1, bytes(32)))
        exit_code, result = run_json(capsys, *zone.args(port))
    assert exit_code == 0
    assert step(result, "dane-tlsa")["warning"] and "none is usable for SMTP" in step(result, "dane-tlsa")["detail"]
    assert step(result, "dane")["warning"] and "not authenticated" in step(result, "dane")["detail"]


def test_without_tlsa_records_the_walk_is_as_before(capsys, certificates, zone):
    with smtp_server(certificates.context(certificates.leaf(HOST))) as port:
        exit_code, out, _ = run(capsys, *zone.args(port), "--cafile", str(certificates.cafile))
        _, result = run_json(capsys, *zone.args(port), "--cafile", str(certificates.cafile))
    assert exit_code == 0
    assert f"No TLSA records at _{port}._tcp.{HOST}: DANE does not apply" in out
    assert [each["step"] for each in result["steps"]] == [
        "dns-mx", "mta-sts-txt", "tls-rpt", "dns-address", "dane-tlsa", "connect", "greeting", "ehlo", "starttls", "tls", "certificate",
        "ehlo-tls", "quit"]


def test_dane_decides_over_an_enforced_mta_sts_policy_that_does_not_name_the_host(capsys, certificates, zone):
    """RFC 8461 §2, Microsoft's "How SMTP DANE works": where authenticated
    TLSA records apply, DANE decides; the policy's mx patterns do not stop delivery."""
    zone.records["_mta-sts.dane.test"] = [TXT("v=STSv1; id=20261130")]
    zone.records["mta-sts.dane.test"] = [A("127.0.0.1")]
    body = "version: STSv1\nmode: enforce\nmx: mx.elsewhere.test\nmax_age: 86400"
    leaf = certificates.leaf(HOST)
    with policy_server(certificates.context(certificates.leaf("mta-sts.dane.test")), body) as policy_port, \
            smtp_server(certificates.context(leaf)) as port:
        zone.publish(port, ee_311(der(leaf)))
        exit_code, result = run_json(capsys, *zone.args(port), "--mta-sts-port", str(policy_port),
                                     "--cafile", str(certificates.cafile))
    assert exit_code == 0 and result["result"] == "healthy" and result["code"] is None
    names = [each["step"] for each in result["steps"]]
    assert "mta-sts-policy" in names and "mta-sts-mx" not in names and "dane" in names



def test_a_certificate_in_the_chain_that_cannot_be_read_is_left_out_not_a_traceback(certificates):
    """OpenSSL may take in the handshake a chain certificate that cryptography's stricter reader
    refuses: DANE-TA then compares the certificates it can read, and the step names the fault."""
    from datetime import datetime, timezone

    from cryptography.hazmat.primitives.serialization import Encoding

    from generator.diagnose.dane import Presented, check
    from generator.diagnose.tlsa import Policy, Tlsa

    leaf = der(certificates.leaf(HOST)).public_bytes(Encoding.DER)
    record = Tlsa(2, 0, 1, bytes(32))  # an anchor the server did not send
    result = check(Presented((leaf, b"\x30\x03not a certificate"), True), Policy(f"_25._tcp.{HOST}", (record,)),
                   [HOST, "dane.test"], HOST, datetime.now(timezone.utc))
    assert (result.ok, result.code) == (False, "4.7.323")


def test_a_signed_cname_chain_behind_an_unsigned_mx_record_does_not_say_tlsa_is_asked_where_it_leads(capsys,
                                                                                                    certificates, zone):
    """The common hosted case: the domain's own zone is unsigned (its MX record has no AD flag) while the
    provider's host and its CNAME chain are signed. DANE does not apply (RFC 7672 §2.2.1), so the CNAME
    step must not say that a sending server asks for TLSA records where the chain leads."""
    leaf = certificates.leaf(HOST)
    alias_zone(zone)
    zone.authenticated.discard("dane.test")
    with smtp_server(certificates.context(leaf)) as port:
        exit_code, result = run_json(capsys, *zone.args(port), "--cafile", str(certificates.cafile))
        _, ko = run_json(capsys, *zone.args(port), "--cafile", str(certificates.cafile), "--lang", "ko")
    assert exit_code == 0
    cname = step(result, "dns-cname")["detail"]
    assert "asks for TLSA records at mx.provider.test first" not in cname
    assert f"the MX record that leads to it (no AD flag), so TLSA records are asked for at {HOST} only" in cname
    assert [each["detail"].split(":")[0] for each in result["steps"] if each["step"] == "dane-tlsa"] == [
        f"No TLSA records at _{port}._tcp.{HOST}"]
    assert "MX 레코드는 보증하지 않았으므로" in step(ko, "dns-cname")["detail"]
