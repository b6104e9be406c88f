"""File paths as the places that point at articles need them.

Reports show a path with every hidden or undecodable character escaped (`Article.path`); an
annotation must point at the real file. `uri_reference` is the RFC 3986 form (a relative
reference when the file lies under the working folder, else a `file:` URI): every byte of the
real name that is not unreserved or '/' is percent-encoded, so spaces, line breaks, '#', '%',
non-ASCII letters and undecodable bytes all survive. `real_path` reads it back.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote, unquote_to_bytes


def working_relative(path: Path) -> str:
    """The path relative to the working folder when it lies inside it (without following links), else absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(os.getcwd()).as_posix()
    except (ValueError, OSError):
        return absolute.as_posix()


def uri_reference(path: Path) -> str:
    """'batch/new%0Aline.txt', or 'file:///elsewhere/a%20b.txt' for a file outside the working folder."""
    shown = working_relative(path)
    encoded = quote(os.fsencode(shown), safe="/")
    return f"file://{encoded}" if shown.startswith("/") else encoded


def real_path(uri: str) -> str:
    """The file path a `uri_reference` stands for (undecodable bytes as surrogate escapes, as os.fsdecode gives)."""
    body = uri[len("file://"):] if uri.startswith("file://") else uri
    return os.fsdecode(unquote_to_bytes(body))
