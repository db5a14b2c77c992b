"""The help of the commands that take --lang (lookup, diagnose), in that
language: `diagnose --help --lang ko` is Korean. argparse shows the help as
soon as it meets -h, before it has read --lang, so the command line is read
for --lang (and --root, where the catalogs are) before the parser is built.
Help strings are marked with N_ and go through the catalog like every other
interface string; argparse's own words (usage, the group titles, -h's line)
too."""
from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from generator.errors import UserError
from generator.i18n.catalog import SOURCE_LOCALE, load_translator
from generator.i18n.labels import N_
from generator.project import Project

Translate = Callable[[str], str]
HELP_FLAGS = ("-h", "--help")


def english(text: str) -> str:
    return text


def option_value(argv: list[str], option: str) -> str | None:
    """The value of `option V` or `option=V` in argv, the last one given."""
    found = None
    for index, arg in enumerate(argv):
        if arg == option and index + 1 < len(argv):
            found = argv[index + 1]
        elif arg.startswith(option + "="):
            found = arg.partition("=")[2]
    return found


def help_translation(argv: list[str]) -> Translate:
    """How help strings are shown for this command line: in the --lang of a line that asks for help,
    else (and for a language without a catalog, which the command itself then names) in English."""
    lang = option_value(argv, "--lang") or SOURCE_LOCALE
    if lang == SOURCE_LOCALE or not any(arg in HELP_FLAGS for arg in argv):
        return english
    try:
        translator = load_translator(Project(Path(option_value(argv, "--root") or ".")).locales_dir, lang)
    except (UserError, OSError):
        return english
    return lambda text: str(translator.lookup(text))


def usage_formatter(translate: Translate) -> type[argparse.HelpFormatter]:
    class Translated(argparse.HelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=None):
            super().add_usage(usage, actions, groups, translate(N_("usage:")) + " " if prefix is None else prefix)
    return Translated


def command(commands, name: str, summary: str, translate: Translate) -> argparse.ArgumentParser:
    """A subcommand whose help, and argparse's words around it, are translated."""
    parser = commands.add_parser(name, help=translate(summary), description=translate(summary), add_help=False,
                                 formatter_class=usage_formatter(translate))
    parser._positionals.title = translate(N_("positional arguments"))
    parser._optionals.title = translate(N_("options"))
    parser.add_argument(*HELP_FLAGS, action="help", default=argparse.SUPPRESS,
                        help=translate(N_("show this help message and exit")))
    return parser
