"""Look up what a user typed or pasted: a code in any form, or a whole NDR.

    from generator.lookup import lookup
    for match in lookup("550 5.4.316 Message expired"):
        print(match.code, match.entry, match.via)

Codes come from generator.codes.parse (most relevant first for a pasted bounce)
and are resolved by generator.codes.resolve.  The browser's lookup page runs a
JavaScript port of both against the same test vectors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from generator.bounces.emitter import TextEvidence
from generator.bounces.meanings import Choice, MeaningRule, Meanings, rules_of, silent
from generator.i18n.catalog import SOURCE_LOCALE, Translator
from generator.codes.syntax import code_class
from generator.i18n.labels import SEVERITIES
from generator.content.escaping import plain_text
from generator.content.load import Content
from generator.content.model import Reason, Steps
from generator.bounces.attach import attach_reasons, recipients_first
from generator.bounces.classify import Verdict
from generator.bounces.report import RECIPIENT_FIELD_RE
from generator.bounces.rules import load_rules
from generator.codes.parse import is_bounce, parse_query
from generator.codes.resolve import KnownCodes, KnownEntry, Via, alias_phase
from generator.site.urls import entry_page, reason_page


def N_(text: str) -> str:
    return text


# What a result says besides the entry's title; the lookup page shows the same
# lines (the build hands it these strings, translated).
RESULT_TEXT = {
    "expired": N_("%(code)s is the same fault as %(entry)s, reported after the message expired: "
                  "delivery was retried for 24 hours, then the message was returned to the sender."),
    "deferred": N_("%(code)s is the same fault as %(entry)s, reported while delivery is still being retried."),
    "range": N_("%(code)s is one of the codes that %(entry)s covers."),
    "class-agnostic": N_("There is no entry for %(code)s itself; %(entry)s describes this code in every class."),
    "none": N_("%(code)s is not in the knowledge base yet."),
    "no-codes": N_("No status code found in this text."),
    # After the reasons, when the text gave reasons but no status code.
    "no-codes-reason": N_("This text has no status code: the reason above was read from its words."),
    "why": N_("Why it bounced"),
    # A delay warning: every recipient is still being retried, nothing was returned yet.
    "why-delayed": N_("Why it is delayed"),
    # A report (a log) that says every recipient it names was delivered in the end.
    "why-delivered": N_("It was delivered"),
    # A text that no server returned: an automatic reply, a spam complaint, a read receipt, a quarantine notice.
    "why-not-bounce": N_("This is not a bounce"),
    "delayed": N_("Not returned yet: the message is still in the sending server's queue and the server keeps "
                  "retrying, so there is no need to send it again."),
    "retry-said": N_("The warning says “%(words)s”"),
    # After a recipient's line when only some of a report's recipients are still being retried.
    "still-retried": N_("(still being retried)"),
    # Under a reason: each failed recipient it is about, with the server's own words.
    "recipient-said": N_("%(address)s: the server said “%(reply)s”"),
    "server-said": N_("The server said “%(reply)s”"),
    "sender-can": N_("What the sender can do"),
}
# How a result names a vendor's meaning of its code, and why it was chosen.
MEANING_TEXT = {
    "meaning": N_("From %(emitter)s, %(code)s means: %(title)s."),
    "reply": N_("Chosen because the reply says “%(matched)s”."),
    "host": N_("Chosen because the code came from %(host)s, a server name that matches %(matched)s."),
    # A code typed alone whose entry has vendor meanings: each, with the evidence that would choose it.
    "possible": N_("%(code)s alone doesn't say which server sent it; some mail services mean something else by it:"),
    "possible-reply": N_("From %(emitter)s (reply “%(matched)s”): %(title)s"),
    "possible-host": N_("From %(emitter)s (a server named %(matched)s): %(title)s"),
}


# A report's recipient still being retried (RFC 3464's Action field).
DELAYED_ACTION_RE = re.compile(r"^Action:[ \t]*delayed\b", re.MULTILINE | re.IGNORECASE)


@dataclass(frozen=True)
class Match:
    code: str | None       # the enhanced status code as found (normalized); None for a reason from text alone
    reply: str | None      # the basic reply code right before it, if any
    entry: str | None      # the entry that answers for it, or None
    via: Via
    reason: str | None = None  # why it bounced (generator.bounces.attach), a reason id
    meaning: Choice | None = None  # a vendor's meaning of the code that the evidence points to
    possible: tuple[MeaningRule, ...] = ()  # a code typed alone: every vendor meaning it has
    failed: tuple[Verdict, ...] = ()  # the bounce's failed recipients that the reason (or the code) is about

    @property
    def severity(self) -> str | None:
        return code_class(self.code) if self.code else None

    @property
    def note_key(self) -> str | None:
        """Which RESULT_TEXT line explains how the entry was found."""
        if self.code is None:
            return None
        if self.via is Via.alias:
            return alias_phase(self.code, self.entry)
        if self.via in (Via.range, Via.agnostic, Via.none):
            return self.via.value
        return None


@dataclass
class KnowledgeBase:
    known: KnownCodes
    titles: dict[str, dict[str, str]]              # code -> locale -> title
    locales: list[str] = field(default_factory=lambda: [SOURCE_LOCALE])
    translators: dict[str, Translator] = field(default_factory=dict)
    reason_titles: dict[str, dict[str, str]] = field(default_factory=dict)  # reason id -> locale -> title
    meanings: Meanings = field(default_factory=Meanings)
    meaning_titles: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)  # (entry, emitter) -> locale -> title
    # reason id -> locale -> (its summary, its first fix for the sender), as plain text
    reason_texts: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)

    @classmethod
    def from_content(cls, content: Content, translators: dict[str, Translator]) -> KnowledgeBase:
        known = KnownCodes(
            KnownEntry(code, tuple(entry.aliases), entry.range_end) for code, entry in content.entries.items()
        )
        titles = {
            code: {locale: str(t.lookup(entry.title)) for locale, t in translators.items()}
            for code, entry in content.entries.items()
        }
        reason_titles = {
            reason: {locale: str(t.lookup(page.title)) for locale, t in translators.items()}
            for reason, page in content.reasons.items()
        }
        reason_texts = {
            reason: {locale: reason_text(page, t) for locale, t in translators.items()}
            for reason, page in content.reasons.items()
        }
        meaning_titles = {
            (code, meaning.emitter): {locale: str(t.lookup(meaning.title)) for locale, t in translators.items()}
            for code, entry in content.entries.items() for meaning in entry.meanings
        }
        meanings = Meanings(rules_of(content.entries.values()))
        return cls(known, titles, list(translators), translators, reason_titles, meanings, meaning_titles,
                   reason_texts)

    def text(self, english: str, locale: str, **values) -> str:
        translator = self.translators.get(locale)
        shown = str(translator.lookup(english)) if translator else english
        return shown % values if values else shown

    def note(self, match: Match, locale: str) -> str | None:
        key = match.note_key
        if key is None:
            return None
        return self.text(RESULT_TEXT[key], locale, code=match.code, entry=match.entry)

    def meaning_title(self, rule: MeaningRule, locale: str) -> str:
        titles = self.meaning_titles.get((rule.entry, rule.emitter), {})
        return titles.get(locale) or titles.get(SOURCE_LOCALE, "")

    def possible_line(self, rule: MeaningRule, locale: str) -> str:
        """"From Exchange Online (reply “Authentication unsuccessful”): SMTP AUTH sign-in failed"."""
        by, matched = ("possible-reply", rule.reply[0]) if rule.reply else ("possible-host", rule.hosts[0])
        return self.text(MEANING_TEXT[by], locale, emitter=rule.emitter, matched=matched,
                         title=self.meaning_title(rule, locale))

    def possible_lines(self, match: Match, locale: str) -> list[str]:
        """For a code typed alone: that it says nothing of its sender, then each vendor meaning."""
        if not match.possible:
            return []
        return [self.text(MEANING_TEXT["possible"], locale, code=match.code),
                *(self.possible_line(rule, locale) for rule in match.possible)]

    def possible_json(self, match: Match, locale: str) -> list[dict]:
        return [{
            "emitter": rule.emitter,
            "id": rule.id,
            "title": self.meaning_title(rule, locale),
            "url": f"{entry_page(locale, rule.entry)}#{rule.anchor}",
            "reply": list(rule.reply),
            "hosts": list(rule.hosts),
            "says": self.possible_line(rule, locale),
        } for rule in match.possible]

    def meaning_lines(self, match: Match, locale: str) -> list[str]:
        """What the result says about the vendor meaning it chose: the meaning, then why."""
        choice = match.meaning
        if choice is None:
            return []
        said = self.text(MEANING_TEXT["meaning"], locale, emitter=choice.rule.emitter, code=match.code,
                         title=self.meaning_title(choice.rule, locale))
        why = self.text(MEANING_TEXT[choice.by], locale, matched=choice.matched, host=choice.host or "")
        return [said, why]

    def meaning_json(self, match: Match, locale: str) -> dict | None:
        choice = match.meaning
        if choice is None:
            return None
        return {
            "emitter": choice.rule.emitter,
            "id": choice.rule.id,
            "title": self.meaning_title(choice.rule, locale),
            "url": f"{entry_page(locale, choice.rule.entry)}#{choice.rule.anchor}",
            "chosen_by": choice.by,
            "matched": choice.matched,
            "host": choice.host,
            "where": choice.where,
            "why": self.meaning_lines(match, locale)[1],
        }

    def as_json(self, match: Match, locale: str) -> dict:
        entry = None
        if match.entry:
            entry = {
                "code": match.entry,
                "title": self.titles[match.entry].get(locale, self.titles[match.entry][SOURCE_LOCALE]),
                "url": entry_page(locale, match.entry),
                "urls": {code: entry_page(code, match.entry) for code in self.locales},
            }
        return {
            "code": match.code,
            "reply": match.reply,
            "class": match.severity,
            "resolution": match.via.value,
            "entry": entry,
            "note": self.note(match, locale),
            "reason": self.reason_json(match.reason, locale, match.failed),
            "meaning": self.meaning_json(match, locale),
            "possible_meanings": self.possible_json(match, locale),
        }

    # --- reasons (issue 15) ---
    def reason_title(self, reason: str, locale: str) -> str:
        """The reason's title from content/reasons, or its id while it has no page."""
        titles = self.reason_titles.get(reason, {})
        return titles.get(locale) or titles.get(SOURCE_LOCALE) or reason

    def reason_says(self, reason: str, locale: str) -> tuple[str, str] | None:
        """The reason's summary and its first fix for the sender, or None while it has no page."""
        texts = self.reason_texts.get(reason, {})
        return texts.get(locale) or texts.get(SOURCE_LOCALE)

    def reason_json(self, reason: str | None, locale: str, failed: tuple[Verdict, ...] = ()) -> dict | None:
        if reason is None:
            return None
        summary, fix = self.reason_says(reason, locale) or (None, None)
        return {"id": reason, "title": self.reason_title(reason, locale), "url": reason_page(locale, reason),
                "summary": summary, "fix": fix,
                "recipients": [{"address": v.recipient, "reply": v.reply, "delayed": v.delayed, "retry": v.retry}
                               for v in failed]}

    def delay_lines(self, verdicts: list[Verdict], locale: str) -> list[str]:
        """For a delay warning (every recipient still being retried): that nothing was returned yet,
        and what the warning says of the retries."""
        if not still_retried(verdicts):
            return []
        retry = next((verdict.retry for verdict in verdicts if verdict.retry), None)
        lines = [self.text(RESULT_TEXT["delayed"], locale)]
        if retry:
            lines.append(self.text(RESULT_TEXT["retry-said"], locale, words=retry))
        return lines

    def said_lines(self, failed: tuple[Verdict, ...], locale: str, mark_delayed: bool = False) -> list[str]:
        """Whom a reason is about and what the server said: one line per failed recipient; with
        ``mark_delayed`` (a report where only some are still being retried), which are."""
        lines = []
        for verdict in failed:
            if verdict.reply:
                key = "recipient-said" if verdict.recipient else "server-said"
                line = self.text(RESULT_TEXT[key], locale, address=verdict.recipient, reply=verdict.reply)
            elif verdict.recipient:
                line = verdict.recipient
            else:
                continue
            lines.append(f"{line} {self.text(RESULT_TEXT['still-retried'], locale)}"
                         if mark_delayed and verdict.delayed else line)
        return lines


def still_retried(verdicts: list[Verdict]) -> bool:
    """The bounce is a delay warning: it has recipients, and every one is still being retried."""
    return bool(verdicts) and all(verdict.delayed for verdict in verdicts)


def is_not_bounce(reasons: list[str]) -> bool:
    """The answer's reasons say the text is no bounce: all of them are not_bounce.py's."""
    return bool(reasons) and all(reason in load_rules().not_bounce.reasons for reason in reasons)


def why_heading(verdicts: list[Verdict], reasons: list[str] = ()) -> str:
    """The key of the answer's heading: a text that is no bounce (its reasons, ``reasons``, all
    not_bounce.py's), a delay warning, a report of deliveries, or a bounce."""
    if is_not_bounce(list(reasons)):
        return "why-not-bounce"
    if still_retried(verdicts):
        return "why-delayed"
    if verdicts and all(verdict.reason == "delivered" for verdict in verdicts):
        return "why-delivered"
    return "why"


def partly_retried(verdicts: list[Verdict]) -> bool:
    """Some recipients of the report are still being retried, and some are not."""
    return any(verdict.delayed for verdict in verdicts) and not still_retried(verdicts)


def reason_text(reason: Reason, translator: Translator) -> tuple[str, str]:
    """A reason's summary and first fix for the sender, translated, as plain text."""
    fix = reason.sender_fixes[0]
    fix = fix.text if isinstance(fix, Steps) else fix
    return plain_text(str(translator.lookup(reason.summary))), plain_text(str(translator.lookup(fix)))


def load_knowledge_base(root: Path) -> KnowledgeBase:
    """The entries and catalogs of the project at root (content/, locales/)."""
    from generator.project import Project
    from generator.i18n.catalog import load_translator
    from generator.content.load import load_content
    from generator.content.validate import validate_content

    project = Project(root)
    content = load_content(project.content_dir)
    validate_content(content)
    translators = {code: load_translator(project.locales_dir, code) for code in project.locales}
    return KnowledgeBase.from_content(content, translators)


@lru_cache(maxsize=1)
def shipped_knowledge_base() -> KnowledgeBase:
    return load_knowledge_base(Path(__file__).resolve().parents[1])


def lookup(text: str, kb: KnowledgeBase | KnownCodes | None = None) -> list[Match]:
    """Every code in text, most relevant first, each with the entry that answers for it."""
    if kb is None:
        kb = shipped_knowledge_base()
    known = kb.known if isinstance(kb, KnowledgeBase) else kb
    meanings = kb.meanings if isinstance(kb, KnowledgeBase) else Meanings()
    evidence = None
    matches = []
    for found in parse_query(text):
        resolution = known.resolve(found.code)
        meaning, possible = None, ()
        if meanings.has(found.code):
            evidence = evidence or TextEvidence(text)
            said = evidence.for_code(found.code)
            meaning = meanings.choose(found.code, said)
            possible = meanings.rules_for(found.code) if meaning is None and silent(said) else ()
        matches.append(Match(found.code, found.reply, resolution.entry, resolution.via, meaning=meaning,
                             possible=possible))
    return with_reasons(text, matches, evidence)


def with_reasons(text: str, matches: list[Match], evidence: TextEvidence | None = None) -> list[Match]:
    """The matches with their reasons, and reasons that no code carries as matches without a code;
    the codes whose lines name a failed recipient first."""
    codes = [match.code for match in matches]
    attached = attach_reasons(text, codes, is_bounce(text))
    # Delivery-status fields make each of a report's codes its recipients' (attach.py recipients_first):
    # one without a reason of its own (the "450 4.7.1" of each attempt before the "4.4.7" of expiry)
    # is about all of them, unless one is still being retried (it may be that one's).
    reported = RECIPIENT_FIELD_RE.search(text) is not None and not DELAYED_ACTION_RE.search(text)

    def failed(reason: str | None) -> tuple[Verdict, ...]:
        if reason is None and reported:
            return attached.verdicts
        return tuple(verdict for verdict in attached.verdicts if verdict.reason == reason)

    coded = [replace(match, reason=reason, failed=failed(reason)) for match, reason in zip(matches, attached.by_code)]
    if attached.verdicts and len(coded) > 1:
        evidence = evidence or TextEvidence(text)
        coded = [coded[index] for index in recipients_first(text, codes, attached.verdicts, evidence.code_lines)]
    alone = lambda reasons: [Match(None, None, None, Via.none, r, failed=failed(r)) for r in reasons]  # noqa: E731
    return alone(attached.before) + coded + alone(attached.after)


def severity_text(kb: KnowledgeBase, match: Match, locale: str) -> str:
    return kb.text(SEVERITIES[severity_key(match)], locale)


def severity_key(match: Match) -> str:
    """Which SEVERITIES line tells the class of a code: a transient code whose recipients the report
    says were not delivered (none of them still being retried: a returned bounce, a mail program's
    log) is not being retried either."""
    if match.severity == "transient" and match.failed and not any(verdict.delayed for verdict in match.failed):
        return "transient-failed"
    return match.severity
