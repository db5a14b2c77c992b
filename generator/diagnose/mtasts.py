"""The MTA-STS steps (RFC 8461): the `_mta-sts.DOMAIN` TXT record, the policy
at https://mta-sts.DOMAIN/.well-known/mta-sts.txt, and each MX host against
the policy's mx patterns. Exchange Online names two faults (its NDR table):
4.4.8 "MX hosts of <domain> failed MTA-STS validation" and 4.7.5 "Remote
certificate failed MTA-STS validation". A policy that cannot be fetched or
read is not a fault: with nothing cached, a sending server delivers as if the domain
had no policy (RFC 8461 §5)."""
from __future__ import annotations

import dataclasses
import http.client
import ssl
import time
from dataclasses import dataclass

from generator.i18n.labels import N_
from generator.diagnose.dns import ask, failure
from generator.diagnose.policy_fetch import POLICY_PATH, Connected, SlowPolicy, Unresolved, get
from generator.diagnose.steps import STS_CERTIFICATE, STS_MX, Clock, Step, since, waited

NOT_FETCHED = N_("The policy at %(url)s cannot be fetched: a sending server delivers as if there were no policy")


@dataclass(frozen=True)
class StsPolicy:
    mode: str                   # enforce, testing or none
    mx: tuple[str, ...]
    text: str

    def allows(self, host: str) -> bool:
        """RFC 8461 §4.1: a pattern matches the host exactly, or `*.` stands for one left-most label."""
        return any(pattern == host or (pattern.startswith("*.") and host.partition(".")[2] == pattern[2:])
                   for pattern in self.mx)


def sts_record(resolver, domain: str, clock: Clock) -> tuple[Step, bool]:
    """The TXT step; True when the domain announces a policy."""
    name = f"_mta-sts.{domain}"
    query = ask(resolver, name, "TXT", clock.step_timeout())
    if query.absent:
        return Step("mta-sts-txt", True, N_("No MTA-STS record at %(name)s: MTA-STS does not apply"), {"name": name},
                    query.seconds, host=domain), False
    if query.failed:
        # RFC 8461 §3.1, §5.1: without the record a sender with no policy cached delivers as if there were none.
        return failure("mta-sts-txt", query, clock, domain, N_("The MTA-STS record at %(name)s cannot be read: a sending "
                                                               "server with no policy cached delivers as if there were "
                                                               "none"), warning=True), False
    answer = query.answer
    texts = [b"".join(record.strings).decode("ascii", "replace") for record in answer]
    announced = [text for text in texts if text.startswith("v=STSv1")]
    said = "\n".join(texts)
    if len(announced) != 1:
        # RFC 8461 §3.1: none, or more than one, is no policy.
        return Step("mta-sts-txt", True, N_("%(name)s holds %(count)s MTA-STS records (v=STSv1): a sending server treats "
                                            "this as no policy"), {"name": name, "count": len(announced)},
                    query.seconds, host=domain, said=said, warning=bool(announced)), False
    return Step("mta-sts-txt", True, N_("%(name)s announces an MTA-STS policy"), {"name": name}, query.seconds,
                host=domain, said=said), True


def fetch_policy(resolver, domain: str, port: int, context: ssl.SSLContext, clock: Clock) -> tuple[Step, StsPolicy | None]:
    """GET the policy over HTTPS with a trusted certificate for mta-sts.DOMAIN,
    following no redirect (RFC 8461 §3.3)."""
    host = f"mta-sts.{domain}"
    values = {"url": f"https://{host}{'' if port == 443 else f':{port}'}{POLICY_PATH}"}
    start = time.perf_counter()
    notes: tuple = ()
    try:
        try:
            response = get(resolver, host, port, context, clock)
        except Connected as connected:    # an address answered, then the handshake or the response failed
            notes = (answered(connected.address),)
            raise connected.error from None
    except SlowPolicy as error:
        return unusable(NOT_FETCHED, values, start, domain, None,
                        (*notes, (N_("the policy took more than %(seconds)s s to arrive"),
                                  {"seconds": waited(error.seconds)}))), None
    except Unresolved as error:
        return unusable(NOT_FETCHED, values, start, domain, error.step.said,
                        ((error.step.message, error.step.values),)), None
    except (OSError, ssl.SSLError, http.client.HTTPException) as error:
        return unusable(NOT_FETCHED, values, start, domain, str(error) or type(error).__name__, notes), None
    notes = (answered(response.address),)
    if response.status != 200 or not response.media_type.startswith("text/plain"):
        # RFC 8461 §3.3: 200 and text/plain only; a redirect is not followed.
        return unusable(NOT_FETCHED, values, start, domain,
                        f"HTTP {response.status}, Content-Type: {response.media_type or '-'}", notes), None
    policy = parse_policy(response.body)
    if policy is None:
        return unusable(N_("The policy at %(url)s is not a valid MTA-STS policy: a sending server delivers as if there were "
                           "none"), values, start, domain, response.body[:500], notes), None
    values.update(mode=policy.mode, mx=", ".join(policy.mx) or "-")
    return Step("mta-sts-policy", True, N_("Policy at %(url)s: mode %(mode)s, mx %(mx)s"), values, since(start),
                host=domain, said=policy.text, notes=notes), policy


def answered(address: str) -> tuple[str, dict]:
    """The note that says which of the policy host's addresses answered."""
    return N_("the policy host answered at %(address)s"), {"address": address}


def unusable(message: str, values: dict, start: float, domain: str, said: str | None, notes: tuple = ()) -> Step:
    return Step("mta-sts-policy", True, message, values, since(start), host=domain, said=said, warning=True,
                notes=notes)


def parse_policy(text: str) -> StsPolicy | None:
    """RFC 8461 §3.2: `key: value` lines; version STSv1, a mode, and mx
    patterns unless the mode is none. None for anything else."""
    fields: dict[str, list[str]] = {}
    for line in text.splitlines():
        key, colon, value = line.partition(":")
        if colon:
            fields.setdefault(key.strip(), []).append(value.strip().lower())
    mode = (fields.get("mode") or [""])[0]
    mx = tuple(fields.get("mx", ()))
    if fields.get("version") != ["stsv1"] or mode not in ("enforce", "testing", "none") or "max_age" not in fields:
        return None
    if mode != "none" and not mx:
        return None
    return StsPolicy(mode, mx, text.strip())


def check_mx(policy: StsPolicy, host: str) -> Step:
    """The MX host against the policy: in enforce mode a sender does not
    deliver to a host the policy does not name (4.4.8)."""
    values = {"name": host, "mx": ", ".join(policy.mx), "mode": policy.mode}
    if policy.allows(host):
        return Step("mta-sts-mx", True, N_("%(name)s matches the MTA-STS policy (mx %(mx)s)"), values, host=host)
    if policy.mode == "testing":
        return Step("mta-sts-mx", True, N_("%(name)s matches none of the policy's mx patterns (%(mx)s); in testing "
                                           "mode a sending server only reports it"), values, host=host, warning=True)
    return Step("mta-sts-mx", False, N_("%(name)s matches none of the policy's mx patterns (%(mx)s), and the mode is "
                                        "enforce: a sending server does not deliver to this host"),
                values, host=host, code=STS_MX)


def no_starttls(host: str) -> Step:
    """Microsoft documents no code for an enforce-mode host without STARTTLS."""
    return Step("starttls", False, N_("The server does not offer STARTTLS, but the MTA-STS policy in enforce mode "
                                      "requires TLS (RFC 8461 §5)"), {}, host=host)


def enforced(steps: list[Step]) -> list[Step]:
    """A certificate that fails under an enforce-mode policy is 4.7.5 for Exchange Online."""
    return [dataclasses.replace(step, code=STS_CERTIFICATE) if step.step == "certificate" and not step.ok else step
            for step in steps]
