"""Every error the library raises. The CLI maps them to messages and exit codes."""

from __future__ import annotations


class AuditError(Exception):
    """Base class of all errors the library raises on purpose."""


class UsageError(AuditError):
    """The request itself is wrong (unknown format, bad option value)."""


class InputError(AuditError):
    """An input path cannot be used at all (missing, not a file or folder, nothing to audit)."""


class ConfigError(AuditError):
    """A configuration file is malformed or names unknown settings."""


class RenderError(AuditError):
    """A renderer failed; the formats rendered before it are still written."""

    def __init__(self, fmt: str, message: str) -> None:
        super().__init__(f"{fmt}: {message}")
        self.fmt = fmt
