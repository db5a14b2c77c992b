"""A diagnosis for people (one line per step, in the chosen language) and
for programs (JSON). Titles come from the knowledge base, interface strings
from its gettext catalogs."""
from __future__ import annotations

from typing import TYPE_CHECKING

from generator.i18n.labels import N_
from generator.site.urls import entry_page
from generator.diagnose.steps import DIAGNOSED_MEANINGS, NULL_MX, Step
from generator.diagnose.walk import Diagnosis, Options

if TYPE_CHECKING:
    from generator.lookup import KnowledgeBase

STEP_LABELS = {
    "dns-mx": N_("DNS: MX records"),
    "mta-sts-txt": N_("DNS: MTA-STS record"),
    "mta-sts-policy": N_("MTA-STS policy"),
    "mta-sts-mx": N_("MTA-STS: MX host"),
    "tls-rpt": N_("DNS: TLS-RPT record"),
    "dns-address": N_("DNS: A/AAAA records"),
    "dns-cname": N_("DNS: CNAME"),
    "dane-tlsa": N_("DNS: TLSA records (DANE)"),
    "connect": N_("TCP connection"),
    "greeting": N_("Greeting"),
    "ehlo": "EHLO",
    "starttls": "STARTTLS",
    "tls": N_("TLS handshake"),
    "certificate": N_("Certificate"),
    "dane": N_("Certificate against TLSA (DANE)"),
    "ehlo-tls": N_("EHLO over TLS"),
    "quit": "QUIT",
}

MARKS = {"ok": N_("ok"), "fail": N_("FAIL"), "warning": N_("warning")}


def mark(step: Step) -> str:
    return "fail" if not step.ok else "warning" if step.warning else "ok"


def detail(kb: KnowledgeBase, step: Step, lang: str) -> str:
    return kb.text(step.message, lang, **step.values)


def heading(kb: KnowledgeBase, diagnosis_target: str, options: Options, lang: str) -> str:
    return kb.text(N_("Diagnosing the delivery path to %(target)s, port %(port)s (each step at most %(seconds)s s)"),
                   lang, target=diagnosis_target, port=options.port, seconds=f"{options.timeout:g}")


def server_text(kb: KnowledgeBase, step: Step, lang: str) -> str | None:
    """What the server or the resolver said, as it said it, then our own lines about it in the chosen language."""
    lines = step.said.splitlines() if step.said else []
    lines += [kb.text(message, lang, **values) for message, values in step.notes]
    return "\n".join(lines) or None


def step_lines(kb: KnowledgeBase, step: Step, lang: str) -> str:
    label = kb.text(STEP_LABELS[step.step], lang)
    lines = [f"[{kb.text(MARKS[mark(step)], lang)}] {label}: {detail(kb, step, lang)} ({step.seconds:.3f} s)"]
    said = server_text(kb, step, lang)
    if said:
        lines += [f"    > {line}" for line in said.splitlines()]
    return "\n".join(lines)


def entry(kb: KnowledgeBase, code: str | None, lang: str) -> dict | None:
    """The entry that explains the fault; a null MX has none (the knowledge
    base's 5.1.10 is Microsoft's recipient-not-found, another case)."""
    if code is None or code == NULL_MX or code not in kb.titles:
        return None
    if code in DIAGNOSED_MEANINGS:
        return meaning(kb, code, lang)
    return {"code": code, "title": kb.titles[code][lang], "url": entry_page(lang, code)}


def meaning(kb: KnowledgeBase, code: str, lang: str) -> dict | None:
    """Exchange Online's meaning of a code the registry defines otherwise (4.7.5: MTA-STS, not
    X.7.5's cryptographic failure): its title, and its section of the entry's page."""
    rule = next((rule for rule in kb.meanings.rules_for(code) if rule.emitter == "Exchange Online"), None)
    if rule is None:
        return None
    return {"code": code, "title": kb.meaning_title(rule, lang), "url": f"{entry_page(lang, rule.entry)}#{rule.anchor}"}


def result_kind(diagnosis: Diagnosis) -> str:
    if diagnosis.healthy:
        return "healthy"
    return "null-mx" if diagnosis.code == NULL_MX else "fault"


def result_text(kb: KnowledgeBase, diagnosis: Diagnosis, lang: str) -> str:
    kind = result_kind(diagnosis)
    target = diagnosis.target.shown
    if kind == "healthy":
        return kb.text(N_("Result: no fault found. %(target)s accepts connections, and its SMTP session works "
                          "up to QUIT."), lang, target=target)
    if kind == "null-mx":
        return kb.text(N_("Result: %(target)s accepts no mail (null MX). A sending server returns messages to it at once "
                          "with 556 5.1.10."), lang, target=target)
    found = entry(kb, diagnosis.code, lang)
    if found is None and diagnosis.code:
        return kb.text(N_("Result: %(code)s; this knowledge base has no entry for it yet."), lang, code=diagnosis.code)
    if found is None:
        return kb.text(N_("Result: the step marked %(mark)s failed."), lang, mark=kb.text(MARKS["fail"], lang))
    return "\n".join([
        kb.text(N_("Result: %(code)s %(title)s"), lang, code=found["code"], title=found["title"]),
        kb.text(N_("Causes and fixes: %(url)s"), lang, url=found["url"]),
    ])


def as_json(kb: KnowledgeBase, diagnosis: Diagnosis, options: Options, lang: str) -> dict:
    return {
        "target": diagnosis.target.shown,
        "port": options.port,
        "result": result_kind(diagnosis),
        "code": diagnosis.code,
        "entry": entry(kb, diagnosis.code, lang),
        "steps": [
            {
                "step": step.step,
                "ok": step.ok,
                "detail": detail(kb, step, lang),
                "seconds": step.seconds,
                "host": step.host,
                "server": server_text(kb, step, lang),
                "code": step.code,
                "warning": step.warning,
            }
            for step in diagnosis.steps
        ],
    }
