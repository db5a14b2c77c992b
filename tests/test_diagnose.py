"""`python -m generator diagnose`: each fault named by its code, in English
and Korean, against real servers on 127.0.0.1 that the tests start and stop
(tests/diagnose_servers.py)."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diagnose_servers import (Certificates, dns_server, drops_after_ehlo, floods_ehlo, free_port, full_backlog,
                              garbles_tls, greets_554, records_commands, scripted_smtp, silent_dns_server, smtp_server)
from generator.cli.main import main
from generator.lookup import load_knowledge_base

ROOT = Path(__file__).resolve().parents[1]
FAST = ("--timeout", "2")


@pytest.fixture(scope="module")
def titles():
    return load_knowledge_base(ROOT).titles


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    return Certificates(tmp_path_factory.mktemp("certificates"))


@pytest.fixture(scope="module")
def nameserver():
    with dns_server() as port:
        yield f"127.0.0.1:{port}"


def run(capsys, *args: str) -> tuple[int, str, str]:
    exit_code = main(["--root", str(ROOT), "diagnose", *args])
    captured = capsys.readouterr()
    return exit_code, captured.out, captured.err


def run_json(capsys, *args: str) -> tuple[int, dict]:
    exit_code, out, err = run(capsys, *args, "--json")
    assert err == ""
    return exit_code, json.loads(out)


def assert_fault(capsys, titles, args, code: str, step: str) -> dict:
    """The fault is named by code at step: in JSON, and in English and Korean text."""
    exit_code, result = run_json(capsys, *args)
    assert exit_code == 1
    assert result["result"] == "fault"
    assert result["code"] == code
    assert result["entry"] == {"code": code, "title": titles[code]["en"], "url": f"/en/errors/{code}/"}
    failed = [each for each in result["steps"] if not each["ok"]]
    assert failed[0]["step"] == step and failed[0]["code"] == code
    for lang, result_word in (("en", "Result"), ("ko", "결과")):
        exit_code, out, err = run(capsys, *args, "--lang", lang)
        assert exit_code == 1 and err == ""
        assert f"{result_word}: {code} {titles[code][lang]}" in out
        assert f"/{lang}/errors/{code}/" in out
    return result


def failed_step(result: dict) -> dict:
    return next(each for each in result["steps"] if not each["ok"])


# --- TCP -------------------------------------------------------------------

def test_a_closed_port_is_4_4_316(capsys, titles):
    port = free_port()
    result = assert_fault(capsys, titles, ["127.0.0.1", "--port", str(port), *FAST], "4.4.316", "connect")
    assert failed_step(result)["server"] == "Connection refused"


def test_a_full_accept_queue_times_out_as_4_4_315(capsys, titles):
    with full_backlog() as port:
        result = assert_fault(capsys, titles, ["127.0.0.1", "--port", str(port), "--timeout", "0.5"],
                              "4.4.315", "connect")
    assert 0.45 <= failed_step(result)["seconds"] < 1.5


def test_the_run_is_bounded_when_every_mx_host_times_out(capsys, nameserver):
    """Four MX hosts that all time out: the run stops at three step timeouts, not four."""
    with full_backlog(("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4")) as port:
        start = time.perf_counter()
        exit_code, result = run_json(capsys, "slow.test", "--nameserver", nameserver, "--port", str(port),
                                     "--timeout", "0.4")
        elapsed = time.perf_counter() - start
    assert exit_code == 1 and result["code"] == "4.4.315"
    assert elapsed < 0.4 * 3 + 1
    connects = [each for each in result["steps"] if each["step"] == "connect"]
    assert [each["host"] for each in connects[:3]] == ["a.slow.test", "b.slow.test", "c.slow.test"]
    assert "time bound" in connects[-1]["detail"] and connects[-1]["host"] == "d.slow.test"


# --- SMTP ------------------------------------------------------------------

def test_a_554_greeting_is_4_4_317_with_the_servers_words(capsys, titles):
    with scripted_smtp(greets_554) as port:
        result = assert_fault(capsys, titles, ["127.0.0.1", "--port", str(port), *FAST], "4.4.317", "greeting")
        exit_code, out, _ = run(capsys, "127.0.0.1", "--port", str(port), *FAST)
    assert failed_step(result)["server"].startswith("554 5.3.2")
    assert "> 554 5.3.2 mail.mx.test Service not available" in out


def test_no_starttls_is_4_4_317_when_tls_is_required(capsys, titles):
    with smtp_server() as port:
        assert_fault(capsys, titles, ["127.0.0.1", "--port", str(port), "--require-tls", *FAST],
                     "4.4.317", "starttls")


def test_no_starttls_is_only_a_warning_otherwise(capsys):
    with smtp_server() as port:
        exit_code, result = run_json(capsys, "127.0.0.1", "--port", str(port), *FAST)
        _, out, _ = run(capsys, "127.0.0.1", "--port", str(port), "--lang", "ko", *FAST)
    assert exit_code == 0 and result["code"] is None and result["entry"] is None
    starttls = next(each for each in result["steps"] if each["step"] == "starttls")
    assert starttls["ok"] and starttls["warning"] and "does not offer STARTTLS" in starttls["detail"]
    assert "[경고] STARTTLS" in out


def test_a_connection_dropped_after_ehlo_is_4_4_318(capsys, titles):
    with scripted_smtp(drops_after_ehlo) as port:
        result = assert_fault(capsys, titles, ["127.0.0.1", "--port", str(port), *FAST], "4.4.318", "starttls")
    ehlo = next(each for each in result["steps"] if each["step"] == "ehlo")
    assert ehlo["ok"] and "STARTTLS" in ehlo["detail"]


def test_a_tls_handshake_that_fails_before_the_certificate_is_4_4_317(capsys, titles):
    with scripted_smtp(garbles_tls) as port:
        assert_fault(capsys, titles, ["127.0.0.1", "--port", str(port), *FAST], "4.4.317", "tls")


def test_an_endless_reply_is_cut_off_as_not_smtp(capsys, titles):
    with scripted_smtp(floods_ehlo) as port:
        start = time.perf_counter()
        exit_code, result = run_json(capsys, "127.0.0.1", "--port", str(port), "--timeout", "5")
    assert time.perf_counter() - start < 3
    assert exit_code == 1 and result["code"] == "4.4.317"
    assert failed_step(result)["step"] == "ehlo" and "not an SMTP reply" in failed_step(result)["detail"]


def test_the_session_sends_no_mail_rcpt_or_data(capsys):
    commands: list[str] = []
    with scripted_smtp(records_commands(commands)) as port:
        exit_code, _ = run_json(capsys, "127.0.0.1", "--port", str(port), "--helo", "probe.example", *FAST)
    assert exit_code == 0
    assert commands == ["EHLO probe.example", "QUIT"]


# --- certificates ----------------------------------------------------------

@pytest.mark.parametrize("case, openssl_says", [
    ("self_signed", "self-signed certificate"),
    ("expired", "certificate has expired"),
    ("wrong_name", "Hostname mismatch"),
])
def test_a_bad_certificate_is_4_7_320(capsys, titles, certificates, nameserver, case, openssl_says):
    with smtp_server(getattr(certificates, case)()) as port:
        result = assert_fault(capsys, titles, ["mx.test", "--nameserver", nameserver, "--port", str(port),
                                               "--cafile", str(certificates.cafile), *FAST],
                              "4.7.320", "certificate")
    assert openssl_says in failed_step(result)["server"]


def test_without_the_ca_the_good_certificate_is_not_trusted(capsys, titles, certificates):
    with smtp_server(certificates.good()) as port:
        result = assert_fault(capsys, titles, ["127.0.0.1", "--port", str(port), *FAST], "4.7.320", "certificate")
    assert "does not chain to a trusted root" in failed_step(result)["detail"]


def test_a_certificate_about_to_expire_is_a_warning(capsys, certificates):
    with smtp_server(certificates.expiring()) as port:
        exit_code, result = run_json(capsys, "127.0.0.1", "--port", str(port), "--cafile", str(certificates.cafile),
                                     *FAST)
        _, ko, _ = run(capsys, "127.0.0.1", "--port", str(port), "--cafile", str(certificates.cafile), "--lang", "ko",
                       *FAST)
    assert exit_code == 0 and result["code"] is None
    warning = [each for each in result["steps"] if each["warning"]]
    assert [each["step"] for each in warning] == ["certificate"]
    assert "expires in 5 days" in warning[0]["detail"]
    assert "[경고] 인증서: 인증서가 5일 후 만료됩니다" in ko


# --- healthy paths ---------------------------------------------------------

def test_healthy_by_ip_address_checks_the_chain_but_no_name(capsys, certificates):
    with smtp_server(certificates.good()) as port:
        exit_code, result = run_json(capsys, "127.0.0.1", "--port", str(port), "--cafile", str(certificates.cafile),
                                     *FAST)
        named_exit, named = run_json(capsys, "127.0.0.1", "--port", str(port), "--cafile", str(certificates.cafile),
                                     "--tls-name", "mail.mx.test", *FAST)
        wrong_exit, _ = run_json(capsys, "127.0.0.1", "--port", str(port), "--cafile", str(certificates.cafile),
                                 "--tls-name", "other.test", *FAST)
    assert exit_code == 0 and result["code"] is None and result["entry"] is None and result["result"] == "healthy"
    assert [each["step"] for each in result["steps"]] == [
        "connect", "greeting", "ehlo", "starttls", "tls", "certificate", "ehlo-tls", "quit"]
    assert all(each["ok"] for each in result["steps"])
    assert "no name checked" in result["steps"][5]["detail"]
    assert named_exit == 0 and "the name mail.mx.test matches" in named["steps"][5]["detail"]
    assert wrong_exit == 1


def test_healthy_by_domain_through_mx_and_a(capsys, certificates, nameserver):
    with smtp_server(certificates.good()) as port:
        exit_code, out, err = run(capsys, "mx.test", "--nameserver", nameserver, "--port", str(port),
                                  "--cafile", str(certificates.cafile), *FAST)
        ko_exit, ko, _ = run(capsys, "mx.test", "--nameserver", nameserver, "--port", str(port),
                             "--cafile", str(certificates.cafile), "--lang", "ko", *FAST)
    assert exit_code == 0 and err == ""
    assert "MX records of mx.test: 10 mail.mx.test" in out
    assert "mail.mx.test has the addresses 127.0.0.1" in out
    assert "the name mail.mx.test matches" in out
    assert "Result: no fault found" in out
    assert ko_exit == 0 and "결과:" in ko and "Result" not in ko


def test_a_domain_without_mx_is_its_own_mail_host(capsys, nameserver):
    with smtp_server() as port:
        exit_code, result = run_json(capsys, "nomx.test", "--nameserver", nameserver, "--port", str(port), *FAST)
    assert exit_code == 0
    assert "no MX record" in result["steps"][0]["detail"] and "RFC 5321" in result["steps"][0]["detail"]
    assert result["steps"][1]["host"] == "nomx.test"


def test_mx_hosts_are_tried_in_order_each_reported(capsys, nameserver):
    with smtp_server() as port:
        exit_code, result = run_json(capsys, "twomx.test", "--nameserver", nameserver, "--port", str(port), *FAST)
    assert exit_code == 0 and result["code"] is None
    connects = [(each["host"], each["ok"]) for each in result["steps"] if each["step"] == "connect"]
    assert connects == [("down.twomx.test", False), ("mail.mx.test", True)]


def test_ipv6_addresses_are_tried_where_the_host_has_them(capsys, nameserver):
    with smtp_server(host="::1") as port:
        exit_code, result = run_json(capsys, "v6.test", "--nameserver", nameserver, "--port", str(port), *FAST)
    assert exit_code == 0
    connect = next(each for each in result["steps"] if each["step"] == "connect")
    assert connect["ok"] and f"[::1]:{port}" in connect["detail"]


# --- DNS -------------------------------------------------------------------

@pytest.mark.parametrize("domain, said", [
    ("nx.test", "does not exist"),
    ("servfail.test", "SERVFAIL"),
])
def test_nxdomain_and_servfail_are_4_4_312(capsys, titles, nameserver, domain, said):
    result = assert_fault(capsys, titles, [domain, "--nameserver", nameserver, *FAST], "4.4.312", "dns-mx")
    assert said in failed_step(result)["server"]


def test_a_dns_timeout_is_4_4_312(capsys, titles):
    with silent_dns_server() as port:
        result = assert_fault(capsys, titles, ["mx.test", "--nameserver", f"127.0.0.1:{port}", "--timeout", "0.5"],
                              "4.4.312", "dns-mx")
    assert "timed out" in failed_step(result)["detail"]


def test_an_mx_host_without_addresses_is_4_4_312(capsys, titles, nameserver):
    assert_fault(capsys, titles, ["noaddress.test", "--nameserver", nameserver, *FAST], "4.4.312", "dns-address")


def test_an_internationalized_name_is_looked_up_in_its_idna_form(capsys, nameserver):
    exit_code, result = run_json(capsys, "메일.test", "--nameserver", nameserver, *FAST)
    assert exit_code == 1 and result["code"] == "4.4.312"
    assert result["target"] == "xn--h32bq4v.test"
    assert "xn--h32bq4v.test" in result["steps"][0]["server"]


def test_a_null_mx_is_its_own_result(capsys, nameserver):
    exit_code, result = run_json(capsys, "nullmx.test", "--nameserver", nameserver, *FAST)
    _, ko, _ = run(capsys, "nullmx.test", "--nameserver", nameserver, "--lang", "ko", *FAST)
    assert exit_code == 1
    assert (result["result"], result["code"], result["entry"]) == ("null-mx", "5.1.10", None)
    assert [each["step"] for each in result["steps"]] == ["dns-mx"]
    assert "null MX" in ko and "556 5.1.10" in ko


# --- output ----------------------------------------------------------------

def test_the_json_follows_the_contract(capsys):
    exit_code, result = run_json(capsys, "127.0.0.1", "--port", str(free_port()), *FAST)
    assert {"target", "code", "steps", "entry"} <= set(result)
    assert result["target"] == "127.0.0.1"
    for step in result["steps"]:
        assert {"step", "ok", "detail", "seconds"} <= set(step)
        assert isinstance(step["ok"], bool) and isinstance(step["detail"], str) and step["detail"]
        assert isinstance(step["seconds"], float)
    assert set(result["entry"]) == {"code", "title", "url"}


def test_steps_are_printed_as_they_finish(nameserver):
    """The DNS lines come out while the connect is still waiting for its timeout."""
    with full_backlog() as port:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(ROOT), "diagnose", "nomx.test",
             "--nameserver", nameserver, "--port", str(port), "--timeout", "1.5"],
            stdout=subprocess.PIPE, text=True)
        lines = []
        for line in process.stdout:
            lines.append((time.perf_counter(), line))
        process.wait(timeout=10)
    address_line = next(at for at, line in lines if "has the addresses" in line)
    result_line = next(at for at, line in lines if line.startswith("Result"))
    assert result_line - address_line >= 1.2
    assert process.returncode == 1


# --- usage mistakes --------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["exa mple.com"], "not a valid domain or host name"),
    (["bad-.example"], "not a valid domain or host name"),
    (["256.1.1.1"], "not a valid domain or host name"),
    (["postmaster@contoso.com"], "is a mail address"),
    (["contoso.com", "--nameserver", "dns.contoso.com"], "--nameserver"),
    (["contoso.com", "--nameserver", "127.0.0.1:99999"], "--nameserver"),
    (["contoso.com", "--cafile", "/nonexistent/ca.pem"], "--cafile: no such file"),
    (["contoso.com", "--cafile", __file__], "--cafile: cannot read CA certificates"),
    (["contoso.com", "--lang", "xx"], "unknown language"),
    (["contoso.com", "--port", "70000"], "--port"),
    (["contoso.com", "--mta-sts-port", "0"], "--mta-sts-port 0 is not a TCP port"),
    (["contoso.com", "--timeout", "0"], "--timeout"),
])
def test_usage_mistakes_exit_2_with_a_message(capsys, args, message):
    exit_code, out, err = run(capsys, *args)
    assert exit_code == 2 and out == ""
    assert message in err and "hint:" in err and "Traceback" not in err


def test_a_timeout_says_how_long_the_step_waited_when_the_run_had_less_left_than_a_step():
    """Near the end of the run a step gets what the run has left, not the whole --timeout: its wording
    says how long it waited (before: the --timeout, 5 s here, for a query, a connection or a reply
    given 0.4 s)."""
    import socket

    from generator.diagnose.connect import connect
    from generator.diagnose.dns import make_resolver, query_mx
    from generator.diagnose.smtp import Session, greeting
    from generator.diagnose.steps import Clock
    with silent_dns_server() as port:
        query, _ = query_mx(make_resolver(("127.0.0.1", port)), "mx.test", Clock(timeout=5, total=0.4))
    with full_backlog() as port:
        connection, _ = connect("127.0.0.1", port, None, Clock(timeout=5, total=0.4))
    server, client = socket.socketpair()
    with server, client:
        silent = greeting(Session(client), None, Clock(timeout=5, total=0.4))
    assert query.message == "The DNS query for %(name)s timed out after %(seconds)s s"
    assert connection.message == "No answer from %(address)s within %(seconds)s s: the connection timed out"
    assert silent.message == "The server did not answer within %(seconds)s s"
    assert [step.values["seconds"] for step in (query, connection, silent)] == ["0.4"] * 3
    assert all(step.seconds < 2 for step in (query, connection, silent))


@pytest.mark.parametrize("command, line", [
    ("diagnose", "--require-tls"), ("lookup", "--file FILE"),
])
def test_the_help_of_a_command_is_in_the_language_of_lang(capsys, command, line):
    """`--help --lang ko` (in either order) shows the help in Korean, argparse's own words too; the option
    names and the English help are left as they are without --lang."""
    for argv in ([command, "--help", "--lang", "ko"], [command, "--lang=ko", "-h"]):
        with pytest.raises(SystemExit) as ended:
            main(["--root", str(ROOT), *argv])
        assert ended.value.code == 0
        ko = capsys.readouterr().out
        assert ko.startswith("사용법: python -m generator " + command) and line in ko
        assert "options:" not in ko and "show this help" not in ko and "옵션:" in ko
        assert "(en, ko)" in ko and "language of" not in ko
    with pytest.raises(SystemExit):
        main(["--root", str(ROOT), command, "--help"])
    assert "usage: python -m generator " + command in capsys.readouterr().out
