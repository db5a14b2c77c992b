"""Command line: `python -m generator build`, `python -m generator i18n ...`
(and the `mailflow-kb` script).

A user's mistake (UserError) becomes one message and exit code 2; a bug
in the generator keeps its traceback.
"""
from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

from generator.errors import UserError, shown_path
from generator.cli.diagnose import add_commands as add_diagnose_commands
from generator.cli.help import help_translation
from generator.cli.i18n import add_commands as add_i18n_commands
from generator.cli.lookup import add_commands as add_lookup_commands

EXIT_USER_ERROR = 2


# `kill` or a service manager (SIGTERM); the terminal closing, an SSH session
# dropping (SIGHUP).
ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Terminated(BaseException):
    """A signal in ENDING_SIGNALS arrived."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def end_cleanly_on_sigterm() -> None:
    """SIGTERM and SIGHUP end a build as Ctrl+C does, through its clean-up
    (workers stopped, staging folder removed), instead of on the spot."""
    def terminated(signum, frame):
        raise Terminated(signum)
    for signum in ENDING_SIGNALS:
        signal.signal(signum, terminated)


def cmd_build(args) -> int:
    from generator.build import build
    from generator.project import Project

    end_cleanly_on_sigterm()
    project = Project(Path(args.root), Path(args.site_dir) if args.site_dir else None, use_cache=not args.no_cache)
    start = time.perf_counter()
    report = build(project, strict=args.strict, allow_shrink=args.allow_shrink)
    elapsed = time.perf_counter() - start
    for stats in report.stats:
        print(f"strings {stats.line()}")
    print(f"built {report.pages} pages in {len(report.stats)} languages into {project.site_dir} in {elapsed:.2f} s")
    if report.kept:
        more = f" and {len(report.kept) - 3} more" if len(report.kept) > 3 else ""
        print(f"{shown_path(project.site_dir, Path(args.root))}: warning: {', '.join(report.kept[:3])}{more} came into the site while the new one "
              "replaced it, and stayed in the new one; the next build will stop at it until it is moved out",
              file=sys.stderr)
    if args.timings:
        for stage, seconds in report.timings.items():
            print(f"  {stage:<16} {seconds:7.3f} s")
    print(f"preview: python -m http.server -d {project.site_dir} 8000  then open http://127.0.0.1:8000/")
    return 0


def cmd_serve(args) -> int:
    from generator.project import Project
    from generator.cli.serve import serve

    end_cleanly_on_sigterm()
    serve(Project(Path(args.root)), host=args.host, port=args.port)
    return 0


def parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser; the commands that take --lang show their help in it (cli/help.py)."""
    top = argparse.ArgumentParser(prog="python -m generator", description="Mail Flow KB site generator")
    top.add_argument("--root", default=".", help="project folder (holds mkdocs.yml, content/, locales/)")
    commands = top.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the site into site/")
    build.add_argument("--site-dir", help="output folder (default: site/ in the project)")
    build.add_argument("--strict", action="store_true",
                       help="for a release: fail on any MkDocs warning and on any missing or fuzzy translation")
    build.add_argument("--allow-shrink", action="store_true",
                       help="publish even when the new site has less than half the pages of the one in place")
    build.add_argument("--timings", action="store_true", help="print the time of each stage")
    build.add_argument("--no-cache", action="store_true",
                       help="neither read nor write compiled templates in .cache/ (the site is the same either way)")
    build.set_defaults(run=cmd_build)
    preview = commands.add_parser("serve", help="preview: build, serve, rebuild and reload on every change")
    preview.add_argument("--host", default="127.0.0.1")
    preview.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    preview.set_defaults(run=cmd_serve)
    add_i18n_commands(commands)
    translate = help_translation(sys.argv[1:] if argv is None else argv)
    add_lookup_commands(commands, translate)
    add_diagnose_commands(commands, translate)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser(argv).parse_args(argv)
    try:
        return args.run(args)
    except UserError as error:
        print(error.format(Path(args.root)), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 128 + signal.SIGINT
    except Terminated as ended:
        return 128 + ended.signum
    except BrokenPipeError:  # the reader of our output went away (`... | head`)
        sys.stderr.close()
        return 0
