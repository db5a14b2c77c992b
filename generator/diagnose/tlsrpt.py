"""The TLS-RPT step (RFC 8460): the `_smtp._tls.DOMAIN` TXT record, which
tells sending servers where to report the TLS failures they meet (for DANE
and MTA-STS alike) in a daily aggregate report. Informational: a record, or
its absence, changes nothing in delivery."""
from __future__ import annotations

from generator.i18n.labels import N_
from generator.diagnose.dns import ask, failure
from generator.diagnose.steps import Clock, Step

VERSION = "v=TLSRPTv1"
SCHEMES = ("mailto:", "https:")     # RFC 8460 §3: where reports go, by mail or by HTTPS POST


def record_name(domain: str) -> str:
    return f"_smtp._tls.{domain}"


def tls_reporting(resolver, domain: str, clock: Clock) -> Step:
    name = record_name(domain)
    values = {"name": name}
    query = ask(resolver, name, "TXT", clock.step_timeout())
    if query.absent:
        return Step("tls-rpt", True, N_("No TLS-RPT record at %(name)s: sending servers report no TLS failures to "
                                        "the domain"), values, query.seconds, host=domain)
    if query.failed:
        return failure("tls-rpt", query, clock, domain, N_("The TLS-RPT record at %(name)s cannot be read: whether TLS "
                                                           "failures would be reported is unknown"), warning=True)
    texts = [b"".join(record.strings).decode("ascii", "replace") for record in query.answer]
    said = "\n".join(texts)
    # RFC 8460 §3: TXT records that do not begin with the version are discarded; other than exactly one
    # left is no TLS-RPT at all.
    records = [text for text in texts if fields(text)[:1] == [VERSION]]
    if not records:
        return Step("tls-rpt", True, N_("No TLS-RPT record at %(name)s (no TXT record there begins with v=TLSRPTv1): "
                                        "sending servers report no TLS failures to the domain"),
                    values, query.seconds, host=domain, said=said)
    if len(records) > 1:
        return Step("tls-rpt", True, N_("%(name)s holds %(count)s TLS-RPT records (v=TLSRPTv1): a sending server "
                                        "treats this as none and reports no TLS failures (RFC 8460 §3)"),
                    {**values, "count": len(records)}, query.seconds, host=domain, said=said, warning=True)
    rua = [field.partition("=")[2].strip() for field in fields(records[0]) if field.partition("=")[0].strip() == "rua"]
    if not rua:
        return Step("tls-rpt", True, N_("The TLS-RPT record at %(name)s is malformed: it has no rua= field, so sending "
                                        "servers have nowhere to report TLS failures"),
                    values, query.seconds, host=domain, said=said, warning=True)
    uris = [uri.strip() for uri in rua[0].split(",")]
    wrong = [uri for uri in uris if not any(uri.lower().startswith(scheme) and len(uri) > len(scheme)
                                            for scheme in SCHEMES)]
    if wrong:
        return Step("tls-rpt", True, N_("The TLS-RPT record at %(name)s is malformed: %(uri)s in rua= is neither a "
                                        "mailto: nor an https: address, so sending servers may report nothing"),
                    {**values, "uri": wrong[0] or "-"}, query.seconds, host=domain, said=said, warning=True)
    return Step("tls-rpt", True, N_("TLS failures would be reported: %(name)s asks sending servers for a daily report "
                                    "of them, to %(rua)s (RFC 8460)"), {**values, "rua": ", ".join(uris)},
                query.seconds, host=domain, said=said)


def fields(text: str) -> list[str]:
    """The record's fields, `key=value` separated by semicolons (spaces around them allowed)."""
    return [field.strip() for field in text.split(";") if field.strip()]
