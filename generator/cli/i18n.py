"""`python -m generator i18n status|glossary`: the state of every translation
and the terminology check, for translators (text) and tools (--json)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from generator.i18n.catalog import SOURCE_LOCALE, Status, Translator, load_translator
from generator.content.load import load_content
from generator.i18n.translation_status import LocaleStatus, locale_status, shown_path, site_strings, where

EXIT_BELOW_THRESHOLD = 1


def project_translators(root: Path) -> tuple[Path, dict[str, Translator]]:
    """The project folder and a translator for each published language but English."""
    from generator.project import Project

    project = Project(root)
    return project.root, {code: load_translator(project.locales_dir, code)
                          for code in project.locales if code != SOURCE_LOCALE}


def cmd_status(args) -> int:
    root, translators = project_translators(Path(args.root))
    strings = site_strings(load_content(root / "content"))
    report = [locale_status(strings, translator) for translator in translators.values()]
    print(json.dumps(status_json(report, root), ensure_ascii=False, indent=2) if args.json
          else "\n".join(status_text(report, root)))
    below = [status for status in report if args.fail_under is not None and status.counts.percent < args.fail_under]
    for status in below:
        print(f"{status.locale}: {status.counts.percent:.1f}% translated, under --fail-under {args.fail_under:g}",
              file=sys.stderr)
    return EXIT_BELOW_THRESHOLD if below else 0


def status_text(report: list[LocaleStatus], root: Path) -> list[str]:
    lines = []
    for status in report:
        total = status.counts
        lines.append(f"{status.locale}: {total.translated} of {total.total} strings translated "
                     f"({total.percent:.1f}%), {total.fuzzy} fuzzy, {total.missing} missing")
        width = max((len(shown_path(source.origin_path, root)) for source in status.sources), default=0)
        for source in status.sources:
            counts = source.counts
            lines.append(f"  {shown_path(source.origin_path, root):<{width}}  {counts.translated:3} translated"
                         f"  {counts.fuzzy:3} fuzzy  {counts.missing:3} missing")
            for origin, item in source.strings:
                if item.status is not Status.translated:
                    lines += string_text(origin, item, status.locale, root)
    return lines


def string_text(origin, item, locale: str, root: Path) -> list[str]:
    """One untranslated string: where to fix it, and for a fuzzy one what changed."""
    used = f"{shown_path(origin.path, root)}:{origin.line}"
    place = where(origin, item, root)
    lines = [f"    {item.status.value:<7} {place}" + (f" (used in {used})" if place != used else "")]
    if item.status is Status.fuzzy:
        lines.append(f"      was: {item.previous or '(not recorded: run pybabel update with --previous)'}")
    lines.append(f"      now: {item.msgid}")
    if item.translation:
        lines.append(f"      {locale}:  {item.translation}")
    elif item.po_file is None:
        lines.append("      (not in the catalog yet: run pybabel extract and pybabel update --previous)")
    return lines


def status_json(report: list[LocaleStatus], root: Path) -> dict:
    return {"locales": [{
        "locale": status.locale,
        **status.counts.as_dict(),
        "sources": [{
            "path": shown_path(source.origin_path, root),
            **source.counts.as_dict(),
            "strings": [{**item.as_dict(root), "source_path": shown_path(origin.path, root),
                         "source_line": origin.line} for origin, item in source.strings],
        } for source in status.sources],
    } for status in report]}


def cmd_glossary(args) -> int:
    from generator.i18n.glossary import check_translations, read_glossary  # ruamel.yaml: only this command needs it

    root, translators = project_translators(Path(args.root))
    path = root / "locales" / "glossary.yml"
    terms = read_glossary(path)
    violations = [v for translator in translators.values() for v in check_translations(terms, translator)]
    for v in violations:
        print(f"{shown_path(v.po_file, root)}:{v.po_line}: '{v.term}' must be written '{v.required}'\n"
              f"    msgid:  {v.msgid}\n    msgstr: {v.translation}")
    print(f"{len(violations)} glossary violation(s); {len(terms)} terms in {shown_path(path, root)}")
    return 1 if violations else 0


def add_commands(commands) -> None:
    """The `i18n` command and its subcommands, on the top-level parser's subparsers."""
    i18n = commands.add_parser("i18n", help="translation status and terminology check")
    sub = i18n.add_subparsers(dest="i18n_command", required=True)
    status = sub.add_parser("status", help="translated, fuzzy and missing strings per language and file")
    status.add_argument("--json", action="store_true", help="print JSON for tools")
    status.add_argument("--fail-under", type=float, metavar="PERCENT",
                        help="exit with code 1 when a language has fewer strings translated")
    status.set_defaults(run=cmd_status)
    glossary = sub.add_parser("glossary", help="check translations against locales/glossary.yml")
    glossary.set_defaults(run=cmd_glossary)
