"""A synthetic knowledge base of N entries with realistic Korean and
English text, fully translated, for the bench scripts."""
from __future__ import annotations

import random
import shutil
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]

# (English, Korean) phrase pools; sentences are built from them, so the
# text has the vocabulary and length of real entries.
SUBJECTS = [
    ("The destination mail server", "대상 메일 서버가"), ("The connector", "커넥터가"),
    ("Your firewall", "방화벽이"), ("The smart host", "스마트 호스트가"),
    ("The partner organization's gateway", "파트너 조직의 게이트웨이가"), ("The DNS server", "DNS 서버가"),
]
PROBLEMS = [
    ("refused the connection on TCP port 25", "TCP 포트 25에서 연결을 거부했습니다"),
    ("did not answer within the time limit", "제한 시간 안에 응답하지 않았습니다"),
    ("presented an expired certificate", "만료된 인증서를 제시했습니다"),
    ("closed the session before the message was transferred", "메시지를 전송하기 전에 세션을 끊었습니다"),
    ("returned no MX record for the domain", "도메인의 MX 레코드를 돌려주지 않았습니다"),
    ("rejected the sender address", "보낸 사람 주소를 거부했습니다"),
]
ACTIONS = [
    ("Check the connector settings in the Exchange admin center", "Exchange 관리 센터에서 커넥터 설정을 확인합니다"),
    ("Ask the partner to renew the certificate", "파트너에게 인증서를 갱신해 달라고 요청합니다"),
    ("Allow Microsoft 365's IP addresses through the firewall", "방화벽에서 Microsoft 365의 IP 주소를 허용합니다"),
    ("Correct the MX record with your DNS hosting provider", "DNS 호스팅 업체에서 MX 레코드를 바로잡습니다"),
    ("Test the connection with Test-NetConnection", "Test-NetConnection으로 연결을 시험합니다"),
]
STAGES = ["dns", "connect", "smtp", "tls", "transfer", "other"]


def sentence(rng: random.Random, index: int, pools) -> tuple[str, str]:
    (en1, ko1), (en2, ko2) = rng.choice(pools[0]), rng.choice(pools[1])
    return f"{en1} {en2} (case {index}).", f"{ko1} {ko2} (사례 {index})."


def action(rng: random.Random, index: int) -> tuple[str, str]:
    en, ko = rng.choice(ACTIONS)
    return f"{en}, then retry message {index}.", f"{ko}. 그런 다음 메시지 {index}을(를) 다시 보냅니다."


def make_project(target: Path, count: int, seed: int = 7) -> Path:
    """A project folder (mkdocs.yml, overrides, content, locales) with count entries."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for part in ("mkdocs.yml", "site_overrides"):
        source = ROOT / part
        shutil.copytree(source, target / part) if source.is_dir() else shutil.copy2(source, target / part)
    shutil.copytree(ROOT / "content" / "pages", target / "content" / "pages")
    errors = target / "content" / "errors"
    errors.mkdir(parents=True)
    rng = random.Random(seed)
    catalog = Catalog(locale="ko")
    shipped = ROOT / "locales" / "ko" / "LC_MESSAGES" / "messages.po"
    with shipped.open("rb") as handle:
        for message in read_po(handle):
            if message.id and message.string:
                catalog.add(message.id, message.string)
    seen = set()
    for index in range(count):
        code = f"{4 + index % 2}.{index // 2 % 8}.{index // 16}"  # details stay within three digits
        while code in seen:
            code += "1"
        seen.add(code)
        title = (f"Synthetic failure {index}", f"합성 오류 {index}")
        summary = sentence(rng, index, (SUBJECTS, PROBLEMS))
        causes = [sentence(rng, index * 3 + k, (SUBJECTS, PROBLEMS)) for k in range(3)]
        fixes = [action(rng, index * 3 + k) for k in range(3)]
        for en, ko in [title, summary, *causes, *fixes]:
            catalog.add(en, ko)
        lines = [
            f"code: {code}", f"reply_codes: [{450 if code[0] == '4' else 550}]",
            f"title: {title[0]}", f"stage: {STAGES[index % len(STAGES)]}", f"summary: {summary[0]}",
            "causes:", *[f"  - {en}" for en, _ in causes], "fixes:", *[f"  - {en}" for en, _ in fixes],
            "sources:", "  - title: RFC 3463", "    url: https://www.rfc-editor.org/rfc/rfc3463",
        ]
        (errors / f"{code}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    po = target / "locales" / "ko" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    with po.open("wb") as handle:
        write_po(handle, catalog, width=76)
    return target
