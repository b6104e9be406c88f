"""Find the input files of a batch, decode them and read their date line.

Every file given (or found in a given folder) becomes an `Article`: audited, or skipped
with a precise reason. Nothing is dropped silently.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from audit import hygiene
from audit.errors import InputError
from audit.model import Article
from audit.paths import uri_reference

ARTICLE_SUFFIXES = (".txt", ".md")
CONFIG_NAMES = frozenset({"audit.toml"})
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_FILE_TYPES = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)
# characters shown as escapes wherever a file name or path is written: control characters,
# bidirectional controls and invisible characters (a name must not reorder or hide text)
_UNSAFE_NAME_CHAR = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
                               "\u2060-\u2069\ufeff\ufff9-\ufffb\ud800-\udfff]")
_DATE_LINE = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+|[ \t]*\n|[ \t]*\Z)")
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


@dataclass(frozen=True, slots=True)
class Source:
    """A file to read, with the path shown in reports."""

    path: Path
    display: str
    error: str | None = None
    """Set when a folder could not be listed: the source stands for it, to be skipped."""


def safe_name(name: str) -> str:
    """A file name or path as reports show it: every character that could hide or reorder text
    (control, bidirectional, invisible) and every byte that is not UTF-8 written as an escape."""

    def esc(m: re.Match[str]) -> str:
        c = m.group(0)
        code = ord(c)
        if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of the name (surrogateescape)
            return f"\\x{code - 0xDC00:02x}"
        if code <= 0xFF:
            return f"\\x{code:02x}"
        return f"\\u{code:04x}"

    return _UNSAFE_NAME_CHAR.sub(esc, name)


def _display(path: Path) -> str:
    """How a file is named in reports: relative to the working folder when inside it, else as given.

    The path is made absolute without following symbolic links, so that a link is shown under
    its own name (not its target's) and two links to one file are two entries.
    """
    absolute = Path(os.path.abspath(path))
    try:
        shown = absolute.relative_to(os.getcwd()).as_posix()
    except (ValueError, OSError):
        shown = path.as_posix()
    return safe_name(shown)


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is ('a named pipe (FIFO)'...), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, name in _FILE_TYPES:
        if test(mode):
            return name
    return "not a regular file"


def _os_reason(exc: OSError, path: Path) -> str:
    """A precise reason for a file that cannot be opened or read."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (the link points back to itself)"
    if exc.errno == errno.ENOENT and path.is_symlink():
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return f"broken symbolic link (its target {safe_name(target)} does not exist)"
    if exc.errno == errno.ENOENT:
        return "the file disappeared before it could be read"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read: permission denied"
    return f"cannot be read: {exc.strerror or exc}"


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[Source]:
    """Expand files and folders into the sorted list of input files.

    Raises InputError for a path that does not exist. Folders are walked recursively (hidden
    entries skipped); files that are not articles, special files (pipes, devices, sockets),
    broken links, link loops and links that lead out of the folder given are still returned,
    so that the report lists them as skipped with the reason.
    """
    found: dict[str, Source] = {}
    for raw in paths:
        p = Path(raw)
        if not p.exists() and not p.is_symlink():
            raise InputError(f"no such file or folder: {safe_name(str(p))}")
        if p.is_dir():
            for source in _walk(p):
                found.setdefault(source.display, source)
        else:  # a file, a special file or a link: read_article says what it is
            found.setdefault(_display(p), Source(p, _display(p)))
    return sorted(found.values(), key=lambda s: s.display)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _walk(root: Path) -> Iterator[Source]:
    """Every entry under `root`. A symbolic link is followed only when its target lies inside
    `root`: a link in an untrusted batch must not make the report quote a file from elsewhere."""
    real_root = os.path.realpath(root)
    seen: set[str] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        real = os.path.realpath(folder)
        if real in seen:
            why = ("symbolic link to a folder that is read already: its files are listed once, under their other path"
                   if folder.is_symlink() else "folder read already through a symbolic link: its files are listed "
                   "under the link's path")
            yield Source(folder, _display(folder), error=why)
            continue
        seen.add(real)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield Source(folder, _display(folder), error=f"folder cannot be read: {exc.strerror or exc}")
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry.name in CONFIG_NAMES:
                continue
            path = Path(entry.path)
            if entry.is_symlink():
                target = os.path.realpath(path)
                if os.path.lexists(target) and not _inside(target, real_root):
                    yield Source(path, _display(path), error=f"symbolic link to {safe_name(target)}, outside the "
                                 f"folder given: not followed")
                    continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                stack.append(path)
            else:
                yield Source(path, _display(path))


_BOMS: tuple[tuple[bytes | tuple[bytes, ...], str, str, int, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig", 3, "UTF-8"),
    ((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"), "utf-32", "utf-32", 0, "UTF-32"),  # before UTF-16: same start
    ((b"\xff\xfe", b"\xfe\xff"), "utf-16", "utf-16", 0, "UTF-16"),
)
"""Byte-order marks: (prefixes, codec, encoding reported, bytes to skip, name in messages)."""


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes of an article; return (text, encoding). Raises ValueError with the reason."""
    for prefixes, codec, label, skip, name in _BOMS:
        if data.startswith(prefixes):
            try:
                return data[skip:].decode(codec), label
            except UnicodeDecodeError as exc:
                raise ValueError(f"starts with a {name} byte-order mark but is not {name} "
                                 f"(byte {exc.start + skip}: {exc.reason})") from None
    if b"\x00" in data:
        pairs = data[: 4096 - 4096 % 2]
        if len(pairs) >= 4 and (pairs[1::2].count(0) > 0.9 * (len(pairs) // 2)
                                or pairs[0::2].count(0) > 0.9 * (len(pairs) // 2)):
            raise ValueError("binary file (contains NUL bytes; it looks like UTF-16 without a byte-order mark)")
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


def read_bytes(source: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes | str:
    """The bytes of an article file, or the reason it is skipped (as `read_article` would say)."""
    if source.error:
        return source.error
    if source.path.suffix.lower() not in ARTICLE_SUFFIXES:
        return f"not an article file (only {', '.join(ARTICLE_SUFFIXES)} are read)"
    return _read_bytes(source.path, max_bytes)


def _read_bytes(path: Path, max_bytes: int) -> bytes | str:
    """The bytes of a regular file, or the reason it is skipped.

    The type and size are checked before anything is read: a named pipe would block forever,
    a device never ends. The file is opened without blocking and checked again after opening,
    in case it was swapped for another between the two looks.
    """
    try:
        st = os.stat(path)
    except OSError as exc:
        return _os_reason(exc, path)
    kind = _kind(st.st_mode)
    if kind:
        return f"not a regular file: {kind}"
    if st.st_size > max_bytes:
        return f"too large: {st.st_size} bytes, the limit is {max_bytes} bytes (--max-bytes)"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        return _os_reason(exc, path)
    try:
        st = os.fstat(fd)
        kind = _kind(st.st_mode)
        if kind:
            return f"not a regular file: {kind}"
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        return _os_reason(exc, path)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:  # it grew after its size was read
        return f"too large: more than {max_bytes} bytes, the limit is {max_bytes} bytes (--max-bytes)"
    return data


def read_article(source: Source, article_id: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 keep_markup: bool = False, contents: bytes | str | None = None) -> Article:
    """Read one file into an Article, or a skipped Article with the reason. Text that is HTML is converted
    to its main text unless `keep_markup`; an article in another language than English is skipped. `contents`
    are the file's bytes (or the reason they could not be read) when they were read elsewhere: a cluster worker
    receives contents, not paths (audit.distributed)."""
    path = source.path
    digest: str | None = None

    def skipped(reason: str) -> Article:
        return Article(id=article_id, path=source.display, status="skipped", reason=reason, sha256=digest,
                       uri=uri_reference(source.path))

    if source.error:
        return skipped(source.error)
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        return skipped(f"not an article file (only {', '.join(ARTICLE_SUFFIXES)} are read)")
    data = _read_bytes(path, max_bytes) if contents is None else contents
    if isinstance(data, str):
        return skipped(data)
    digest = hashlib.sha256(data).hexdigest()  # from here on, a skipped article carries its hash too
    if not data.strip():
        return skipped("empty file")
    try:
        text, encoding = decode(data)
    except ValueError as exc:
        return skipped(str(exc))
    if "\x00" in text:
        return skipped(f"binary file (contains NUL characters once decoded as {encoding})")
    if _looks_binary(text):
        return skipped("binary file (control characters)")
    if not text.strip():
        return skipped(f"empty file (only white space, {encoding})")
    # one form for text that looks the same: a letter with a combining accent becomes the accented letter
    text = unicodedata.normalize("NFC", text)
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
    notes: list[str] = []
    if not keep_markup and hygiene.looks_like_html(text):
        text, how = hygiene.html_to_text(text)
        if not text.strip():
            return skipped("HTML with no text in it")
        notes.append(how + "; lines and offsets refer to the extracted text")
        body_line, body_column = 1, 0
    language = hygiene.detect_language(text)
    if language.skip:
        return skipped(language.skip)
    if language.note:
        notes.append(language.note)
    return Article(
        id=article_id,
        path=source.display,
        uri=uri_reference(source.path),
        status="audited",
        text=text,
        published=published,
        published_basis=basis,
        published_note=note,
        encoding=encoding,
        body_line=body_line,
        body_column=body_column,
        sha256=digest,
        language=language.code,
        notes=tuple(notes),
    )


def article_ids(sources: list[Source]) -> list[str]:
    """File names without extension; where two collide, the shortest distinguishing path."""
    stems = [safe_name(s.path.stem) for s in sources]
    counts: dict[str, int] = {}
    for stem in stems:
        counts[stem] = counts.get(stem, 0) + 1
    ids = []
    for source, stem in zip(sources, stems, strict=True):
        if counts[stem] == 1:
            ids.append(stem)
        else:
            parts = PurePosixPath(source.display).parts
            if len(parts) > 1:
                parts = (*parts[:-1], PurePosixPath(parts[-1]).stem)
            ids.append("/".join(parts[-2:]) if len(parts) > 1 else stem)
    # any remaining collision: number them in order (an id is never used twice)
    final: list[str] = []
    taken = set(ids)
    used: set[str] = set()
    for i in ids:
        candidate, n = i, 1
        while candidate in used or (candidate != i and candidate in taken):
            n += 1
            candidate = f"{i}~{n}"
        used.add(candidate)
        final.append(candidate)
    return final


def load(paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES, keep_markup: bool = False,
         progress: Callable[[str, int, int | None], None] | None = None) -> list[Article]:
    """Discover and read every input; raises InputError when there is no input at all.
    `progress("reading", done, total)` is told how many files have been read."""
    sources = discover(paths)
    if not sources:
        raise InputError("no input files found")
    out = []
    for k, (s, i) in enumerate(zip(sources, article_ids(sources), strict=True), start=1):
        out.append(read_article(s, i, max_bytes=max_bytes, keep_markup=keep_markup))
        if progress and (k % 50 == 0 or k == len(sources)):
            progress("reading", k, len(sources))
    return out
