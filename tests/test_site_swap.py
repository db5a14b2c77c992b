"""The moments around the swap of a built site: a damaged mark, a file put into the site between the
last check and the swap, a signal as the retired folder of a system without renameat2 appears. Each
with a real build; the moment is reached by wrapping the function that starts it, in the build's own
process, and the signal is a real one."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT, run_generator, tree_digest
from generator.site.ownership import MARKER

# A build whose swap meets `moment` first: output.exchange_names is what replace_tree calls once the last
# check is done; "renameat2" says whether the system has it (else the -old- folder is used).
BUILD_AT_THE_SWAP = textwrap.dedent("""\
    import os, signal, sys
    from pathlib import Path
    import generator.site.output as output
    root, renameat2, moment = Path(sys.argv[1]), sys.argv[2] == "yes", sys.argv[3]
    exchange = output.exchange_names

    def at_the_swap(first, second):
        if moment.startswith("file"):
            (second / "en/errors/4.4.316/late.txt").write_text("keep me\\n", encoding="utf-8")
            (second / "api/v1/notes").mkdir()
            (second / "api/v1/notes/todo.txt").write_text("mine\\n", encoding="utf-8")
        exchanged = exchange(first, second) if renameat2 else False
        if moment == "file, then SIGTERM":
            os.kill(os.getpid(), signal.SIGTERM)
        return exchanged

    output.exchange_names = at_the_swap
    make_folder = os.mkdir

    def mkdir(path, *args, **kwargs):
        make_folder(path, *args, **kwargs)
        if moment == "signal" and "-old-" in os.fspath(path):
            os.kill(os.getpid(), signal.SIGTERM)

    os.mkdir = mkdir
    from generator.cli.main import main
    sys.exit(main(["--root", str(root), "build"]))
""")


def build_at_the_swap(project, renameat2: bool, moment: str) -> subprocess.CompletedProcess:
    script = project.parent / "build_at_the_swap.py"
    script.write_text(BUILD_AT_THE_SWAP, encoding="utf-8")
    return subprocess.run([sys.executable, str(script), str(project), "yes" if renameat2 else "no", moment],
                          capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)})


def leftovers(project) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith((".site-build-", ".site-old-")))


@pytest.mark.parametrize("renameat2", [True, False], ids=["renameat2", "no renameat2"])
def test_a_file_put_into_the_site_as_it_is_swapped_is_kept_in_the_new_one(small_project, renameat2):
    """The site is checked just before the swap, but the two are two steps: a file put in between went
    with the old tree."""
    assert run_generator(small_project, "build").returncode == 0

    result = build_at_the_swap(small_project, renameat2, "file")

    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stdout + result.stderr
    site = small_project / "site"
    assert (site / "en/errors/4.4.316/late.txt").read_text(encoding="utf-8") == "keep me\n"
    assert (site / "api/v1/notes/todo.txt").read_text(encoding="utf-8") == "mine\n"
    assert "Connection refused" in (site / "en/errors/4.4.316/index.html").read_text(encoding="utf-8")
    assert "site: warning: api/v1/notes, en/errors/4.4.316/late.txt came into the site while the new one " \
        "replaced it, and stayed in the new one" in result.stderr, result.stderr
    assert not leftovers(small_project)
    refused = run_generator(small_project, "build")
    assert refused.returncode == 2 and "it holds api/v1/notes, en/errors/4.4.316/late.txt, which no build " \
        "of this site made" in refused.stderr, refused.stderr


def test_a_signal_during_the_swap_waits_for_what_was_put_in_to_be_kept(small_project):
    """SIGTERM just after the exchange: the old tree, with the file put in, was removed at once."""
    assert run_generator(small_project, "build").returncode == 0

    result = build_at_the_swap(small_project, True, "file, then SIGTERM")

    assert result.returncode == 143 and "Traceback" not in result.stderr, result.stdout + result.stderr
    assert (small_project / "site/en/errors/4.4.316/late.txt").read_text(encoding="utf-8") == "keep me\n"
    assert (small_project / "site/en/errors/4.4.316/index.html").is_file()
    assert not leftovers(small_project)


def test_a_signal_as_the_retired_folder_appears_leaves_no_folder_and_the_site_whole(small_project):
    """Without renameat2 the old site is moved into a .site-old-* folder first; made by mkdtemp, a signal
    between its mkdir and its return left the folder behind, its name known to no one."""
    assert run_generator(small_project, "build").returncode == 0
    before = tree_digest(small_project / "site")

    result = build_at_the_swap(small_project, renameat2=False, moment="signal")

    assert result.returncode == 143 and "Traceback" not in result.stderr, result.stdout + result.stderr
    assert not leftovers(small_project)
    assert tree_digest(small_project / "site") == before


def test_what_was_put_in_where_the_new_site_made_the_same_path_is_kept_beside_it(tmp_path):
    """A page the new build adds, where a file was put into the old site meanwhile: both stay."""
    from generator.site.ownership import keep_what_was_put_in

    old, new = tmp_path / "old", tmp_path / "new"
    for tree in (old, new):
        (tree / "en/errors/4.4.319").mkdir(parents=True)
    (old / MARKER).write_text(json.dumps({"generator": "mailflow-kb", "pages": 1, "files": ["en/errors/x.html"]}))
    (old / "en/errors/4.4.319/index.html").write_text("mine\n")
    (old / "en/errors/4.4.319/notes.txt").write_text("notes\n")
    (new / "en/errors/4.4.319/index.html").write_text("the build's\n")

    assert keep_what_was_put_in(old, new) == ["en/errors/4.4.319"]
    [kept] = [p for p in (new / "en/errors/4.4.319").iterdir() if p.name.startswith("index.html.kept-")]
    assert kept.read_text() == "mine\n" and (new / "en/errors/4.4.319/notes.txt").read_text() == "notes\n"
    assert (new / "en/errors/4.4.319/index.html").read_text() == "the build's\n"


def truncated(mark: str) -> str:
    return mark[: len(mark) // 2]


DAMAGES = {
    "cut short": (truncated, "it is not the JSON a build writes"),
    "not JSON": (lambda mark: "built by hand\n", "it is not the JSON a build writes"),
    "list a string": (lambda mark: json.dumps({**json.loads(mark), "files": "everything"}),
                      'its "files" is not a list of paths'),
    "list of numbers": (lambda mark: json.dumps({**json.loads(mark), "files": [1, 2]}),
                        'its "files" is not a list of paths'),
    "no list": (lambda mark: json.dumps({"generator": "mailflow-kb", "pages": 120, "note": "x"}),
                "it lists no files"),
    "another generator": (lambda mark: json.dumps({**json.loads(mark), "generator": "hugo"}),
                          "it does not say which generator wrote it"),
    "empty": (lambda mark: "", "it is not the JSON a build writes"),
}


def test_a_damaged_mark_is_refused_naming_it_and_nothing_is_deleted(small_project):
    """A mark that cannot be read as one read as a mark without a list: everything in the site went."""
    assert run_generator(small_project, "build").returncode == 0
    site = small_project / "site"
    mark = (site / MARKER).read_text(encoding="utf-8")
    (site / "en/errors/4.4.316/notes.txt").write_text("keep me\n", encoding="utf-8")
    for case, (damage, words) in DAMAGES.items():
        (site / MARKER).write_text(damage(mark), encoding="utf-8")
        before = tree_digest(site)

        result = run_generator(small_project, "build")

        assert result.returncode == 2 and "Traceback" not in result.stderr, (case, result.stdout + result.stderr)
        assert result.stderr.startswith(f"site/{MARKER}: error: this mark of a built site is damaged: {words}, so "
                                        "which files in site/ a build made is not known, and none is replaced\n"
                                        f"  hint: move any file of your own out of {site}, then delete "
                                        f"{site / MARKER} and build again"), (case, result.stderr)
        assert tree_digest(site) == before, case
    (site / MARKER).unlink()
    (site / MARKER).mkdir()
    result = run_generator(small_project, "build")
    assert result.returncode == 2 and "it is not a file" in result.stderr, result.stderr


def test_the_first_versions_mark_without_a_list_is_still_rebuilt(small_project):
    assert run_generator(small_project, "build").returncode == 0
    (small_project / "site" / MARKER).write_text(json.dumps({"generator": "mailflow-kb", "pages": 120}) + "\n",
                                                 encoding="utf-8")

    result = run_generator(small_project, "build")

    assert result.returncode == 0, result.stderr
    assert "files" in json.loads((small_project / "site" / MARKER).read_text(encoding="utf-8"))
