"""Vendor meanings: the choice from the evidence (shared vectors with the
lookup page's script), the content rules that keep meanings reachable, and
5.7.3 and 5.7.30 from Exchange Online in the shipped knowledge base."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.bounces.emitter import TextEvidence
from generator.bounces.meanings import Meanings, MeaningRule, host_matches

DATA = Path(__file__).resolve().parents[1] / "generator" / "data"
VECTORS = json.loads((DATA / "meaning_vectors.json").read_text(encoding="utf-8"))


def fixture_meanings() -> Meanings:
    return Meanings([
        MeaningRule(rule["entry"], rule["emitter"], tuple(rule["codes"]),
                    tuple(rule["match"]["reply"]), tuple(rule["match"]["hosts"]))
        for rule in VECTORS["rules"]
    ])


def as_vector(choice) -> dict | None:
    if choice is None:
        return None
    return {"emitter": choice.rule.emitter, "by": choice.by, "matched": choice.matched,
            "host": choice.host, "where": choice.where}


@pytest.mark.parametrize("vector", VECTORS["vectors"], ids=lambda vector: vector["note"])
def test_python_chooses_as_the_vectors_say(vector):
    evidence = TextEvidence(vector["input"]).for_code(vector["code"])
    assert as_vector(fixture_meanings().choose(vector["code"], evidence)) == vector["meaning"]


@pytest.mark.parametrize(("host", "pattern", "matches"), [
    ("bn6pr03ca0021.namprd03.prod.outlook.com", "*.outlook.com", True),
    ("outlook.com", "*.outlook.com", False),
    ("smtp.office365.com", "smtp.office365.com", True),
    ("SMTP.Office365.com.", "smtp.office365.com", True),
    ("evil-outlook.com", "*.outlook.com", False),
])
def test_host_patterns(host, pattern, matches):
    assert host_matches(host, pattern) is matches
