"""Codes that Exchange Online uses with a meaning of its own, where the registry
gives the same code another: each entry says the registry's meaning (what any
server means), and the lookup picks Exchange Online's only from its words or
its hosts. Before, any server's 421 4.3.2 read as Exchange Online's recipient
thread limit, and Postfix's null-MX 5.1.10 as RESOLVER.ADR.RecipientNotFound."""
from __future__ import annotations

import pytest

from conftest import ROOT


def looked_up(text: str):
    """The shipped knowledge base and the first match that the text gives."""
    from generator.cli.lookup import knowledge_base
    from generator.lookup import lookup

    kb = knowledge_base(str(ROOT))
    return kb, lookup(text, kb)[0]


EXCHANGE_ROUTE = "Generating server: DM6PR03MB1234.namprd03.prod.outlook.com\n\n"


@pytest.mark.parametrize(("text", "code", "title"), [
    # RFC 5321's 421, and the Korean provider's filter: the registry's X.3.2.
    ("421 4.3.2 Service not available", "4.3.2", "System not accepting network messages"),
    ("421 4.3.2 Your IP is filtered", "4.3.2", "System not accepting network messages"),
    ("421 4.3.2 The maximum number of concurrent connections has exceeded a limit, closing transmission channel",
     "4.3.2", "System not accepting network messages"),
    # Exchange Online's own 421 4.3.2 from its own host is still the registry's meaning.
    ("421 4.3.2 Service not available, closing transmission channel [BN8NAM12FT045.eop-nam12.prod.protection.outlook.com]",
     "4.3.2", "System not accepting network messages"),
    # Postfix refusing a recipient at a null-MX domain (RFC 7505): the registry's X.1.10.
    ("556 5.1.10 <bob@example.net>: Recipient address rejected: Domain example.net does not accept mail (nullMX)",
     "5.1.10", "Recipient address has null MX"),
    ("550 5.1.10 <bob@example.net>: Recipient address rejected: Domain example.net does not accept mail (nullMX)",
     "5.1.10", "Recipient address has null MX"),
    ("525 5.7.13 Disabled recipient address", "5.7.13", "User account disabled"),
    ("550 5.5.0 Adresse destinataire invalide. Invalid recipient. LPN007_416", "5.5.0",
     "Other or undefined protocol status"),
    ("550 5.1.0 <user@contoso.com>: Sender address rejected: undeliverable address: host mail.contoso.com said: "
     "550 5.1.1 <user@contoso.com>: Recipient address rejected", "5.1.0", "Other address status"),
    ("553 5.1.8 <user@contoso.local>... Domain of sender address user@contoso.local does not exist", "5.1.8",
     "Bad sender's system address"),
])
def test_another_servers_code_keeps_the_registrys_meaning(text, code, title):
    kb, match = looked_up(text)
    assert (match.code, match.entry, match.meaning) == (code, code, None)
    item = kb.as_json(match, "en")
    assert item["meaning"] is None and item["entry"]["title"] == title


@pytest.mark.parametrize(("text", "code", "emitter", "by", "title"), [
    ("432 4.3.2 STOREDRV.Deliver; recipient thread limit exceeded", "4.3.2", "Exchange Online", "reply",
     "Recipient thread limit exceeded"),
    (EXCHANGE_ROUTE + "Remote Server returned '432 4.3.2 STOREDRV.Deliver; recipient thread limit exceeded'",
     "4.3.2", "Exchange Online", "reply", "Recipient thread limit exceeded"),
    ("550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", "5.1.10",
     "Exchange Online", "reply", "Recipient not found"),
    ("550 5.1.10 Recipient bob@contoso.com not found [BN6PR03CA0021.namprd03.prod.outlook.com]", "5.1.10",
     "Exchange Online", "host", "Recipient not found"),
    ("550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [BN8NAM12FT045.eop-nam12.prod.protection.outlook.com]",
     "5.4.1", "Exchange Online", "reply", "Relay access denied, or recipient address rejected"),
    ("550 5.4.1 Relay Access Denied", "5.4.1", "Exchange Online", "reply",
     "Relay access denied, or recipient address rejected"),
    ("550 5.5.0 Requested action not taken: mailbox unavailable", "5.5.0", "Outlook.com", "reply",
     "Requested action not taken: mailbox unavailable"),
    ("550 5.1.0 Sender denied", "5.1.0", "Exchange Online", "reply",
     "Sender denied: the recipient couldn't be resolved"),
    ("550 5.1.8 Access denied, bad outbound sender AS(42000001) [XX1PEPF00000000.eurprd02.prod.outlook.com]",
     "5.1.8", "Exchange Online", "reply", "Access denied, bad outbound sender"),
    ("550 5.7.12 RESOLVER.RST.SenderNotAuthenticated; Sender was not authenticated by organization", "5.7.12",
     "Exchange Online", "reply", "Sender was not authenticated by the organization"),
    ("550 5.7.13 RESOLVER.RST.AuthRequired; Sender was not authenticated for public folder", "5.7.13",
     "Exchange Online", "reply", "Sender was not authenticated for public folder"),
    ("550 5.7.135 Sender was not authenticated", "5.7.135", "Exchange Online", "reply",
     "Sender was not authenticated for public folder"),
])
def test_exchange_onlines_code_gets_exchange_onlines_meaning(text, code, emitter, by, title):
    kb, match = looked_up(text)
    assert match.code == code and match.meaning is not None
    assert (match.meaning.rule.emitter, match.meaning.by) == (emitter, by)
    item = kb.as_json(match, "en")
    assert item["meaning"]["title"] == title
    assert item["meaning"]["url"].startswith(f"/en/errors/{match.entry}/#from-")


def test_the_korean_answer_names_exchange_onlines_meaning_and_the_registrys_title():
    kb, match = looked_up("432 4.3.2 STOREDRV.Deliver; recipient thread limit exceeded")
    item = kb.as_json(match, "ko")
    assert item["entry"]["title"] == "시스템이 네트워크 메시지를 받지 않음"
    assert item["meaning"]["title"] == "받는 사람 스레드 제한 초과"
    assert item["meaning"]["url"] == "/ko/errors/4.3.2/#from-exchange-online"


# Entries written from Exchange Online's table whose title differs from the registry's but
# whose text reads true from any server (each checked against its X entry): the same fault
# told in Exchange Online's words, or an entry that already says both meanings.
SAME_FAULT_IN_EXCHANGE_WORDS = {
    "4.4.7": "a message expired in the queue is X.4.7's delivery time expired",
    "4.7.26": "unauthenticated mail (SPF or DKIM) is one case of X.7.26; the summary names Gmail's use too",
    "5.2.2": "the summary gives both: a full mailbox (the registry's, other servers') and Exchange's quota",
    "5.7.1": "Exchange's three texts are X.7.1's refusals by policy",
    "5.7.23": "rejected for failing SPF is X.7.23",
    "5.7.25": "an IPv6 address without reverse DNS is one case of X.7.25; Gmail's has a meaning",
}


def test_no_exchange_online_entry_says_only_exchange_onlines_meaning_of_a_registry_code(entries):
    """A concrete code that the registry (X.y.z) defines otherwise: the entry's own title
    is the registry's, and Exchange Online's text lives in a meaning, unless the entry was
    checked to read true from any server (the list above)."""
    exchange_only = []
    for code, entry in entries.items():
        registry = None if code.startswith("X.") else entries.get("X." + code.split(".", 1)[1])
        if registry is None or entry.title == registry.title or code in SAME_FAULT_IN_EXCHANGE_WORDS:
            continue
        if any(example.emitter == "Exchange Online" for example in entry.examples) or \
                "Exchange Online" in (entry.reference or ""):
            exchange_only.append(code)
    assert exchange_only == [], "entries that give Exchange Online's meaning as the code's: " + ", ".join(exchange_only)


# --- a code typed alone: every vendor meaning it has, with the evidence that picks it -------------

def test_a_code_typed_alone_lists_each_vendor_meaning_in_the_cli():
    from conftest import run_generator

    result = run_generator(ROOT, "lookup", "5.7.3")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    head = lines.index("5.7.3 → X.7.3 Security conversion required but not possible")
    assert lines[head + 1:head + 3] == [
        "  5.7.3 alone doesn't say which server sent it; some mail services mean something else by it:",
        "  From Exchange Online (reply “Authentication unsuccessful”): SMTP AUTH sign-in failed",
    ]
    korean = run_generator(ROOT, "lookup", "--lang", "ko", "432 4.3.2").stdout.splitlines()
    head = korean.index("432 4.3.2 → 4.3.2 시스템이 네트워크 메시지를 받지 않음")
    assert korean[head + 2] == "  Exchange Online에서 온 경우(응답에 “STOREDRV.Deliver”): 받는 사람 스레드 제한 초과"


def test_a_code_typed_alone_lists_each_vendor_meaning_in_json():
    import json

    from conftest import run_generator

    result = run_generator(ROOT, "lookup", "--json", "--lang", "ko", "5.7.30")
    [item] = json.loads(result.stdout)
    assert item["meaning"] is None
    exchange, gmail = item["possible_meanings"]
    assert (exchange["emitter"], exchange["title"], exchange["url"]) == (
        "Exchange Online", "SMTP AUTH의 기본 인증 거부", "/ko/errors/X.7.30/#from-exchange-online")
    assert exchange["reply"][0] == "Basic authentication is not supported" and "*.outlook.com" in exchange["hosts"]
    assert exchange["says"] == ("Exchange Online에서 온 경우(응답에 “Basic authentication is not supported”): "
                                "SMTP AUTH의 기본 인증 거부")
    assert gmail["emitter"] == "Gmail" and gmail["url"] == "/ko/errors/X.7.30/#from-gmail"


@pytest.mark.parametrize("text", [
    "535 5.7.3 Authentication unsuccessful",          # the evidence chose Exchange Online's
    "554 5.7.3 Message could not be converted to S/MIME",  # the evidence chose the registry's
    "550 5.1.1 User unknown",                          # no vendor meaning at all
])
def test_a_code_with_evidence_lists_no_other_meanings(text):
    kb, match = looked_up(text)
    assert match.possible == () and kb.as_json(match, "en")["possible_meanings"] == []


@pytest.mark.parametrize(("text", "reason"), [
    # The code alone says what the registry's X.1.10 says: a null MX, a domain that takes no mail.
    ("5.1.10", "notaccept"),
    ("550 5.1.10", "notaccept"),
    # Exchange Online's words say an unknown recipient, whatever the code.
    ("550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", "userunknown"),
])
def test_the_reason_of_5_1_10_agrees_with_its_entry(text, reason):
    kb, match = looked_up(text)
    assert kb.as_json(match, "en")["reason"]["id"] == reason
