"""Errors a user can cause, each pointing at a file and line.

The command line turns these into one message and exit code 2; anything
else that escapes is a bug in the generator and keeps its traceback.
"""
from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """A mistake in the input: content, catalogs or configuration."""

    def __init__(self, path: Path | str | None, line: int | None, message: str, hint: str = ""):
        super().__init__(message)
        self.path = Path(path) if path is not None else None
        self.line = line
        self.message = message
        self.hint = hint

    def format(self, root: Path | None = None) -> str:
        where = ""
        if self.path is not None:
            shown = self.path
            if root is not None:
                try:
                    shown = self.path.resolve().relative_to(root.resolve())
                except ValueError:
                    pass
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
