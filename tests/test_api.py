"""The static JSON API under site/api/v1/: shapes, determinism, translation
states, the OpenAPI document and the hosts' _headers file."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from conftest import ROOT
from generator.api.documents import SCHEMA_FILES, SCHEMA_VERSION, write_api
from generator.project import Project
from generator.i18n.catalog import load_translator
from generator.content.load import load_content

SCHEMAS = ROOT / "generator" / "data" / "api"


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def validator(name: str, schemas: Path = SCHEMAS) -> Draft202012Validator:
    registry = Registry().with_resources(
        (file, Resource.from_contents(read_json(schemas / file))) for file in SCHEMA_FILES
    )
    return Draft202012Validator(read_json(schemas / name), registry=registry, format_checker=FormatChecker())


def api_files(site: Path) -> list[Path]:
    return sorted((site / "api/v1").rglob("*.json"))


def write_shipped_api(site: Path, **translator_changes) -> None:
    project = Project(ROOT)
    content = load_content(project.content_dir)
    translators = {code: load_translator(project.locales_dir, code) for code in project.locales}
    for msgid, state in translator_changes.get("ko", {}).items():
        translators["ko"].messages[msgid] = state
    write_api(site, content, translators)


def test_every_data_document_matches_its_schema(built_site):
    index, errors = validator("index.schema.json"), validator("error.schema.json")
    index_doc = read_json(built_site / "api/v1/index.json")
    index.validate(index_doc)
    documents = sorted((built_site / "api/v1/errors").glob("*.json"))
    assert [d.stem for d in documents] == sorted(e["code"] for e in index_doc["result"]["entries"])
    for path in documents:
        errors.validate(read_json(path))


def test_schemas_refuse_a_wrong_document(built_site):
    document = read_json(built_site / "api/v1/errors/4.4.316.json")
    document["result"]["content"]["ko"]["title"]["status"] = "done"
    assert not validator("error.schema.json").is_valid(document)
    del document["generated_at"]
    assert not validator("error.schema.json").is_valid(document)


def test_index_lists_every_entry_with_titles_aliases_and_pages(built_site):
    document = read_json(built_site / "api/v1/index.json")
    assert document["schema_version"] == SCHEMA_VERSION
    entries = {e["code"]: e for e in document["result"]["entries"]}
    assert set(entries) == {p.stem for p in (ROOT / "content/errors").glob("*.yml")}
    refused = entries["4.4.316"]
    assert refused["title"] == {"en": "Connection refused", "ko": "연결 거부"}
    assert refused["aliases"] == ["5.4.316"] and refused["reply_codes"] == [450]
    assert refused["class"] == "transient" and refused["stage"] == "connect"
    assert refused["urls"] == {"en": "/en/errors/4.4.316/", "ko": "/ko/errors/4.4.316/"}
    for entry in entries.values():
        for lang, url in entry["urls"].items():
            assert (built_site / url.lstrip("/") / "index.html").is_file()
        assert (built_site / "api/v1" / entry["api"]).is_file()


def test_entry_document_holds_the_whole_entry_in_both_languages(built_site):
    result = read_json(built_site / "api/v1/errors/4.4.316.json")["result"]
    english, korean = result["content"]["en"], result["content"]["ko"]
    assert english["title"] == {"text": "Connection refused", "status": "translated", "fallback": False}
    assert korean["title"]["text"] == "연결 거부" and korean["title"]["status"] == "translated"
    steps = [fix for fix in english["fixes"] if fix["steps"]]
    assert steps and "Exchange admin center" in steps[0]["steps"][0]["text"]
    assert len(korean["fixes"]) == len(english["fixes"]) and korean["partner_note"]["text"]
    assert korean["causes"][0]["text"] != english["causes"][0]["text"]
    assert result["reviewed"]["en"] and result["aliases"] == ["5.4.316"]


def test_untranslated_and_fuzzy_strings_say_so(tmp_path):
    write_shipped_api(tmp_path, ko={"Connection refused": ("", False),
                                    "Connection timed out": ("연결 시간 초과(옛 번역)", True)})
    refused = read_json(tmp_path / "api/v1/errors/4.4.316.json")["result"]["content"]["ko"]["title"]
    timed_out = read_json(tmp_path / "api/v1/errors/4.4.315.json")["result"]["content"]["ko"]["title"]
    assert refused == {"text": "Connection refused", "status": "missing", "fallback": True}
    assert timed_out == {"text": "Connection timed out", "status": "fuzzy", "fallback": True}


def test_output_is_the_same_for_the_same_content(tmp_path, monkeypatch, built_site):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    write_shipped_api(tmp_path / "a")
    write_shipped_api(tmp_path / "b")
    first, second = api_files(tmp_path / "a"), api_files(tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    # the full build wrote the same bytes as well
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in api_files(built_site)]
    stamp = read_json(tmp_path / "a/api/v1/index.json")["generated_at"]
    newest = max(str(day) for path in (ROOT / "content").rglob("*.yml")
                 for day in _reviewed_dates(path))
    assert stamp == f"{newest}T00:00:00Z"


def _reviewed_dates(path: Path):
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return [day for day in (data.get("reviewed") or {}).values() if day]


def test_source_date_epoch_sets_generated_at(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    write_shipped_api(tmp_path)
    assert read_json(tmp_path / "api/v1/index.json")["generated_at"] == "2026-01-01T00:00:00Z"


def test_files_are_sorted_utf8_without_local_paths(built_site):
    for path in api_files(built_site):
        text = path.read_text(encoding="utf-8")
        document = json.loads(text)
        if path.parent.name != "schemas" and path.name != "openapi.json":
            assert list(document) == ["generated_at", "result", "schema_version"]
            assert text == json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
        assert str(ROOT) not in text and str(built_site.parent) not in text and "/tmp/" not in text
    assert "연결 거부" in (built_site / "api/v1/index.json").read_text(encoding="utf-8")


def test_openapi_document_is_valid_and_names_the_schemas(built_site):
    from openapi_spec_validator import validate

    path = built_site / "api/v1/openapi.json"
    document = read_json(path)
    validate(document, base_uri=path.as_uri())
    assert document["openapi"].startswith("3.1") and document["info"]["version"] == SCHEMA_VERSION
    refs = {op["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
            for op in document["paths"].values()}
    assert refs == {"schemas/index.schema.json", "schemas/error.schema.json",
                    "schemas/reasons-index.schema.json", "schemas/reason.schema.json"}
    for ref in refs:
        assert (path.parent / ref).is_file()


def test_shipped_schemas_are_the_sources(built_site):
    for name in SCHEMA_FILES:
        assert (built_site / "api/v1/schemas" / name).read_bytes() == (SCHEMAS / name).read_bytes()
        Draft202012Validator.check_schema(read_json(SCHEMAS / name))


def test_api_changelog_names_the_current_version():
    changelog = (ROOT / "docs/api-changelog.md").read_text(encoding="utf-8")
    assert f"## {SCHEMA_VERSION}" in changelog


def header_rules(text: str) -> dict[str, dict[str, str]]:
    rules, current = {}, None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line[0].isspace():
            current = rules.setdefault(line.strip(), {})
        else:
            name, _, value = line.strip().partition(":")
            current[name.strip().lower()] = value.strip()
    return rules


def test_headers_allow_cross_origin_reads_with_json_types(built_site):
    rules = header_rules((built_site / "_headers").read_text(encoding="utf-8"))
    assert rules["/api/*"]["access-control-allow-origin"] == "*"
    assert "GET" in rules["/api/*"]["access-control-allow-methods"]
    assert "content-type" not in rules["/api/*"], "two rules would both set Content-Type"
    assert rules["/api/v1/index.json"]["content-type"] == "application/json; charset=utf-8"
    assert rules["/api/v1/errors/*"]["content-type"] == "application/json; charset=utf-8"
    assert rules["/api/v1/schemas/*"]["content-type"].startswith("application/schema+json")
    assert rules["/api/v1/openapi.json"]["content-type"].startswith("application/vnd.oai.openapi+json")


@pytest.mark.parametrize("code", ["4.4.316", "5.4.316"])
def test_deep_link_pages_without_language(built_site, code):
    # An alias leads to its own address in the language, which sends the reader to the entry (test_deep_links.py).
    page = (built_site / "errors" / code / "index.html").read_text(encoding="utf-8")
    assert f'href="../../en/errors/{code}/"' in page and f'href="../../ko/errors/{code}/"' in page
    assert "mfkbChooseLanguage" in page and 'localStorage.getItem("mfkb-lang")' in page
