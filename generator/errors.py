"""Errors a user can cause, each pointing at a file and line.

The command line turns these into one message and exit code 2; anything
else that escapes is a bug in the generator and keeps its traceback.
"""
from __future__ import annotations

from pathlib import Path


def shown_path(path: Path, root: Path) -> Path:
    """path as the user knows it: from the project root, and a link by its own
    name, not by where it points; unchanged when outside the project."""
    for mine, theirs in ((path.absolute(), root.absolute()), (path.parent.resolve() / path.name, root.resolve())):
        if mine.is_relative_to(theirs):
            return mine.relative_to(theirs)
    return path


class UserError(Exception):
    """A mistake in the input: content, catalogs or configuration."""

    def __init__(self, path: Path | str | None, line: int | None, message: str, hint: str = ""):
        super().__init__(message)
        self.path = Path(path) if path is not None else None
        self.line = line
        self.message = message
        self.hint = hint

    def __reduce__(self):
        # Raised in a language's build process, it comes back to the command
        # line pickled; Exception's own pickling would call __init__ with the
        # message alone.
        return type(self), (self.path, self.line, self.message, self.hint)

    def format(self, root: Path | None = None) -> str:
        where = ""
        if self.path is not None:
            shown = shown_path(self.path, root) if root is not None else self.path
            where = f"{shown}:{self.line}: " if self.line else f"{shown}: "
        text = f"{where}error: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class ContentError(UserError):
    """A content file under content/ is wrong."""


class CatalogError(UserError):
    """A gettext catalog under locales/ is wrong."""


class ConfigError(UserError):
    """mkdocs.yml or the project's configuration is wrong."""
