"""Find the input files of a batch, decode them and read their date line.

Every file given (or found in a given folder) becomes an `Article`: audited, or skipped
with a precise reason. Nothing is dropped silently.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from audit.errors import InputError
from audit.model import Article

ARTICLE_SUFFIXES = (".txt", ".md")
CONFIG_NAMES = frozenset({"audit.toml"})
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_DATE_LINE = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+|[ \t]*\n|[ \t]*\Z)")
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


@dataclass(frozen=True, slots=True)
class Source:
    """A file to read, with the path shown in reports."""

    path: Path
    display: str
    error: str | None = None
    """Set when a folder could not be listed: the source stands for it, to be skipped."""


def _display(path: Path) -> str:
    """How a file is named in reports: relative to the working folder when inside it, else as given."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[Source]:
    """Expand files and folders into the sorted list of input files.

    Raises InputError for a path that does not exist or is neither file nor folder.
    Folders are walked recursively (hidden entries and symlink loops skipped); files that
    are not articles are still returned, so that the report lists them as skipped.
    """
    found: dict[str, Source] = {}
    for raw in paths:
        p = Path(raw)
        if not p.exists() and not p.is_symlink():
            raise InputError(f"no such file or folder: {p}")
        if p.is_dir():
            for source in _walk(p):
                found.setdefault(source.display, source)
        elif p.is_file() or p.is_symlink():
            found.setdefault(_display(p), Source(p, _display(p)))
        else:
            raise InputError(f"not a file or folder: {p}")
    return sorted(found.values(), key=lambda s: s.display)


def _walk(root: Path) -> Iterator[Source]:
    seen: set[str] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            real = os.path.realpath(folder)
        except OSError:
            continue
        if real in seen:
            continue
        seen.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield Source(folder, _display(folder), error=f"folder cannot be read: {exc.strerror or exc}")
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry.name in CONFIG_NAMES:
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                stack.append(path)
            else:
                yield Source(path, _display(path))


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes of an article; return (text, encoding). Raises ValueError with the reason."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if not any(b in _CP1252_UNDEFINED for b in data):
        text = data.decode("cp1252")
        return text, "cp1252"
    raise ValueError(
        f"not decodable as UTF-8 (byte {utf8_error.start}: {utf8_error.reason}) nor as cp1252"
    )


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    control = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return control / len(sample) > 0.05


def read_article(source: Source, article_id: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one file into an Article, or a skipped Article with the reason."""
    path = source.path

    def skipped(reason: str) -> Article:
        return Article(id=article_id, path=source.display, status="skipped", reason=reason)

    if source.error:
        return skipped(source.error)
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        return skipped(f"not an article file (only {', '.join(ARTICLE_SUFFIXES)} are read)")
    try:
        size = path.stat().st_size
    except OSError as exc:
        return skipped(f"cannot be read: {exc.strerror or exc}")
    if size > max_bytes:
        return skipped(f"too large: {size} bytes, the limit is {max_bytes} bytes")
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return skipped(f"cannot be read: {exc.strerror or exc}")
    if not data.strip():
        return skipped("empty file")
    try:
        text, encoding = decode(data)
    except (ValueError, UnicodeDecodeError) as exc:
        return skipped(str(exc))
    if _looks_binary(text):
        return skipped("binary file (control characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    published: dt.date | None = None
    basis = "unknown"
    note = None
    body_line, body_column = 1, 0
    m = _DATE_LINE.match(text)
    if m:
        try:
            published = dt.date.fromisoformat(m.group(1))
            basis = "header"
        except ValueError:
            note = f"date line {m.group(1)!r} is not a valid date; ignored"
        head = text[: m.end()]
        body_line = 1 + head.count("\n")
        body_column = 0 if head.endswith("\n") else len(head) - (head.rfind("\n") + 1)
        text = text[m.end():]
    if not text.strip():
        return skipped("no article text after the date line")
    return Article(
        id=article_id,
        path=source.display,
        status="audited",
        text=text,
        published=published,
        published_basis=basis,
        published_note=note,
        encoding=encoding,
        body_line=body_line,
        body_column=body_column,
    )


def article_ids(sources: list[Source]) -> list[str]:
    """File names without extension; where two collide, the shortest distinguishing path."""
    stems = [s.path.stem for s in sources]
    counts: dict[str, int] = {}
    for stem in stems:
        counts[stem] = counts.get(stem, 0) + 1
    ids = []
    for source, stem in zip(sources, stems, strict=True):
        if counts[stem] == 1:
            ids.append(stem)
        else:
            parts = Path(source.display).with_suffix("").parts
            ids.append("/".join(parts[-2:]) if len(parts) > 1 else stem)
    # any remaining collision: number them in order
    final: list[str] = []
    used: dict[str, int] = {}
    for i in ids:
        n = used.get(i, 0)
        used[i] = n + 1
        final.append(i if n == 0 else f"{i}~{n + 1}")
    return final


def load(paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article]:
    """Discover and read every input; raises InputError when there is no input at all."""
    sources = discover(paths)
    if not sources:
        raise InputError("no input files found")
    return [read_article(s, i, max_bytes=max_bytes) for s, i in zip(sources, article_ids(sources), strict=True)]
