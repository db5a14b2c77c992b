"""`!!python/name:` in mkdocs.yml: MkDocs' loader imports the module the tag names before any setting
is read, so a notes.py beside mkdocs.yml (`!!python/name:notes.slug`), or a folder named `material`
that hides the installed package, ran at build time. Only the packages Material's documentation names
functions from are taken, and only from where they are installed; anything else is refused at its line
before MkDocs reads the file."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT

SETTING = "      slugify: !!python/name:markdown.extensions.toc.slugify_unicode"


def name_in_mkdocs_yml(project, name: str) -> int:
    """Put !!python/name:NAME where the shipped mkdocs.yml names its slugify; its line."""
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    line = lines.index(SETTING)
    lines[line] = f"      slugify: !!python/name:{name}"
    (project / "mkdocs.yml").write_text("\n".join(lines), encoding="utf-8")
    return line + 1


def build_from_the_project_folder(project) -> subprocess.CompletedProcess:
    """`python -m generator build` run in the project folder, which Python then puts first on sys.path."""
    return subprocess.run([sys.executable, "-m", "generator", "--root", ".", "build"], capture_output=True,
                          text=True, timeout=600, cwd=project, env={**os.environ, "PYTHONPATH": str(ROOT)})


def witness_writer(witness) -> str:
    return f"open({str(witness)!r}, 'w').write('ran')\n"


def local_module(project, witness) -> tuple[str, str]:
    (project / "notes.py").write_text(witness_writer(witness) + "def slug(text, sep):\n    return text\n",
                                      encoding="utf-8")
    return "notes.slug", "imports the module notes, which is not one of the packages MkDocs' settings name " \
        "functions from (material, pymdownx, markdown); importing runs its code"


def hidden_package(project, witness) -> tuple[str, str]:
    (project / "material").mkdir()
    (project / "material/__init__.py").write_text(witness_writer(witness), encoding="utf-8")
    return "material.extensions.emoji.twemoji", f"would import material from {project / 'material'}, not from " \
        "the installed mkdocs-material ("


def standard_library(project, witness) -> tuple[str, str]:
    return "os.system", "imports the module os, which is not one of the packages"


def builtin(project, witness) -> tuple[str, str]:
    return "eval", "imports the module builtins, which is not one of the packages"


NAMES = {"local module": local_module, "folder hiding material": hidden_package, "os.system": standard_library,
         "a builtin": builtin}


@pytest.mark.parametrize("case", NAMES)
def test_a_name_from_anywhere_but_the_installed_packages_is_refused_before_it_is_imported(small_project, case):
    witness = small_project.parent / "ran"
    name, words = NAMES[case](small_project, witness)
    line = name_in_mkdocs_yml(small_project, name)

    result = build_from_the_project_folder(small_project)

    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stdout + result.stderr
    assert result.stderr.startswith(f"mkdocs.yml:{line}: error: the tag !!python/name:{name} {words}"), result.stderr
    assert "\n  hint: " in result.stderr
    assert not witness.exists()
    assert not (small_project / "site").exists()


@pytest.mark.parametrize("name", ["material.extensions.emoji.twemoji", "material.extensions.emoji.to_svg",
                                  "pymdownx.superfences.fence_code_format", "pymdownx.slugs.slugify",
                                  "markdown.extensions.toc.slugify_unicode"])
def test_the_names_material_documents_are_taken(project, name):
    """Material's setup pages name these for emoji, custom fences and heading ids."""
    from generator.site.mkdocs_site import read_config

    name_in_mkdocs_yml(project, name)

    config = read_config(project / "mkdocs.yml")

    toc = next(item["toc"] for item in config["markdown_extensions"] if isinstance(item, dict) and "toc" in item)
    assert callable(toc["slugify"]) and toc["slugify"].__name__ == name.rpartition(".")[2]
