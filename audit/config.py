"""Configuration: what a desk has decided about a batch, read from TOML.

Where it is read from (see README, "Workflow for reviewers and editors"):

- `--config FILE`: that file only (an `audit.toml`, or a `pyproject.toml` with `[tool.audit]`);
- otherwise, merged in this order, later files winning: `[tool.audit]` of `pyproject.toml` in
  the current folder, then `audit.toml` in each batch folder (the folder given as PATH, or
  the folder of a file given as PATH).

Keys (all optional)::

    accepted_variants = [["Muller", "Müller"]]      # spellings the desk accepts
    [severity]                                          # severity of each verdict
    variant = "error"
    [suppressed]                                        # finding id = reason (shown, never hidden)
    F6140c928 = "stadium name: reported to the wire desk"
    [sources."002_b1cac334d6184a86"]                    # per-article metadata, by article id
    outlet = "Fox Sports Australia"
    timezone = "Australia/Sydney"                       # IANA name, or an offset such as +10:00
    url = "https://www.foxsports.com.au/..."
    published = 2022-11-24

and, at the top level, `scheduler = "tcp://host:8786"` (or "local:4"): run on that Dask cluster.

Anything else, or a value of the wrong type, raises ConfigError naming the file and the key.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.errors import ConfigError
from audit.model import SEVERITIES, VERDICTS, Report

if TYPE_CHECKING:
    from audit.pipeline import Options

KEYS = ("accepted_variants", "suppressed", "severity", "sources", "scheduler")
SOURCE_KEYS = ("outlet", "timezone", "url", "published")
FINDING_ID = re.compile(r"F[0-9a-f]{8}(-\d+)?")
_OFFSET = re.compile(r"(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?")


@dataclass(frozen=True)
class Config:
    accepted_variants: tuple[tuple[str, str], ...] = ()
    suppressed: dict[str, str] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    sources: dict[str, dict[str, str]] = field(default_factory=dict)
    scheduler: str | None = None
    """A Dask scheduler to run on (audit run --scheduler); the command line and AUDIT_SCHEDULER come first."""
    files: tuple[str, ...] = ()
    """The files this configuration was read from, in the order they were merged."""

    def merged(self, other: Config) -> Config:
        """This configuration with `other` on top (other's values win)."""
        sources = {k: dict(v) for k, v in self.sources.items()}
        for art, meta in other.sources.items():
            sources.setdefault(art, {}).update(meta)
        accepted = tuple(dict.fromkeys(self.accepted_variants + other.accepted_variants))
        return Config(accepted_variants=accepted, suppressed={**self.suppressed, **other.suppressed},
                      severity={**self.severity, **other.severity}, sources=sources,
                      scheduler=other.scheduler or self.scheduler, files=self.files + other.files)

    def options(self, options: Options) -> Options:
        """`audit.pipeline.Options` with this configuration applied."""
        return replace(
            options,
            accepted_variants=self.accepted_variants,
            suppressed=tuple(sorted(self.suppressed.items())),
            severity=tuple(sorted(self.severity.items())),
            metadata=tuple((art, tuple(sorted(meta.items()))) for art, meta in sorted(self.sources.items())),
        )


def _where(path: str, key: str) -> str:
    return f"{path}: {key}"


def _string(path: str, key: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{_where(path, key)} must be a non-empty string, not {value!r}")
    return value.strip()


def check_timezone(value: str) -> str:
    """An IANA time-zone name (Australia/Sydney) or a UTC offset (+10:00, UTC-3, GMT+5:30); else ValueError."""
    m = _OFFSET.fullmatch(value)
    if m:
        hours, minutes = int(m.group(2)), int(m.group(3) or 0)
        if hours > 14 or minutes >= 60 or (hours == 14 and minutes):
            raise ValueError(f"offset {value!r} is out of range (-14:00 to +14:00)")
        return value
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"{value!r} is not a time-zone name (like Australia/Sydney) or a UTC offset "
                         "(like +10:00)") from exc
    return value


def _source(path: str, article: str, table: object) -> dict[str, str]:
    where = f"sources.{article}"
    if not isinstance(table, dict):
        raise ConfigError(f"{_where(path, where)} must be a table of {', '.join(SOURCE_KEYS)}")
    unknown = sorted(set(table) - set(SOURCE_KEYS))
    if unknown:
        raise ConfigError(f"{_where(path, where)}: unknown key {', '.join(unknown)} "
                          f"(known: {', '.join(SOURCE_KEYS)})")
    meta: dict[str, str] = {}
    for key, value in table.items():
        k = f"{where}.{key}"
        if key == "published":
            if isinstance(value, dt.datetime):
                value = value.date()
            if isinstance(value, dt.date):
                meta[key] = value.isoformat()
                continue
            text = _string(path, k, value)
            try:
                meta[key] = dt.date.fromisoformat(text).isoformat()
            except ValueError:
                raise ConfigError(f"{_where(path, k)} must be a date such as 2022-11-24, not {value!r}") from None
        elif key == "timezone":
            try:
                meta[key] = check_timezone(_string(path, k, value))
            except ValueError as exc:
                raise ConfigError(f"{_where(path, k)}: {exc}") from None
        elif key == "url":
            text = _string(path, k, value)
            if not re.match(r"https?://[^\s/]+", text):
                raise ConfigError(f"{_where(path, k)} must be an http:// or https:// address, not {value!r}")
            meta[key] = text
        else:
            meta[key] = _string(path, k, value)
    return meta


def parse(data: dict[str, Any], path: str) -> Config:
    """Check a configuration table (the top level of audit.toml, or [tool.audit]) and build a Config."""
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ConfigError(f"{path}: unknown key {', '.join(unknown)} (known: {', '.join(KEYS)})")
    accepted: list[tuple[str, str]] = []
    raw = data.get("accepted_variants", [])
    if not isinstance(raw, list):
        raise ConfigError(f"{_where(path, 'accepted_variants')} must be a list of pairs, "
                          'e.g. [["Muller", "Müller"]]')
    for k, pair in enumerate(raw):
        if (not isinstance(pair, list) or len(pair) != 2
                or not all(isinstance(s, str) and s.strip() for s in pair)):
            raise ConfigError(f"{_where(path, f'accepted_variants[{k}]')} must be a pair of spellings such as "
                              f'["Muller", "Müller"], not {pair!r}')
        accepted.append((pair[0].strip(), pair[1].strip()))
    suppressed: dict[str, str] = {}
    raw = data.get("suppressed", {})
    if not isinstance(raw, dict):
        raise ConfigError(f"{_where(path, 'suppressed')} must be a table of finding id = \"reason\"")
    for fid, reason in raw.items():
        if not FINDING_ID.fullmatch(fid):
            raise ConfigError(f"{_where(path, f'suppressed.{fid}')}: not a finding id (they look like F6140c928)")
        suppressed[fid] = _string(path, f"suppressed.{fid} (the reason)", reason)
    severity: dict[str, str] = {}
    raw = data.get("severity", {})
    if not isinstance(raw, dict):
        raise ConfigError(f"{_where(path, 'severity')} must be a table of verdict = severity")
    for verdict, sev in raw.items():
        if verdict not in VERDICTS:
            raise ConfigError(f"{_where(path, f'severity.{verdict}')}: unknown verdict (known: {', '.join(VERDICTS)})")
        if sev not in SEVERITIES:
            raise ConfigError(f"{_where(path, f'severity.{verdict}')} must be one of {', '.join(SEVERITIES)}, "
                              f"not {sev!r}")
        severity[verdict] = sev
    raw = data.get("sources", {})
    if not isinstance(raw, dict):
        raise ConfigError(f"{_where(path, 'sources')} must be a table of [sources.ARTICLE_ID] tables")
    sources = {art: _source(path, art, table) for art, table in raw.items()}
    scheduler = None
    if "scheduler" in data:
        scheduler = _string(path, "scheduler", data["scheduler"])
        from audit.distributed import check_address
        from audit.errors import UsageError

        try:
            check_address(scheduler)
        except UsageError as exc:
            raise ConfigError(f"{_where(path, 'scheduler')}: {exc}") from None
    return Config(accepted_variants=tuple(accepted), suppressed=suppressed, severity=severity, sources=sources,
                  scheduler=scheduler, files=(path,))


def read(path: Path, *, required: bool = True) -> Config | None:
    """Read one file: `[tool.audit]` of a pyproject.toml, or the whole of any other TOML file.

    A pyproject.toml without `[tool.audit]` gives None unless `required`.
    """
    shown = path.as_posix()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ConfigError(f"{shown}: no such configuration file") from None
    except OSError as exc:
        raise ConfigError(f"{shown}: cannot be read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{shown}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown}: not valid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("audit") if isinstance(tool, dict) else None
        if table is None:
            if required:
                raise ConfigError(f"{shown}: has no [tool.audit] table")
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{shown}: tool.audit must be a table")
        return parse(table, f"{shown} [tool.audit]")
    return parse(data, shown)


def batch_folders(paths: Iterable[str]) -> list[Path]:
    """The folders an `audit.toml` is looked for in: each folder PATH, and the folder of each file PATH."""
    out: dict[str, Path] = {}
    for raw in paths:
        p = Path(raw)
        folder = p if p.is_dir() else p.parent
        out.setdefault(str(folder.resolve()), folder)
    return list(out.values())


def load(paths: Sequence[str], explicit: str | None = None, cwd: Path | None = None) -> Config:
    """The configuration for a run on `paths` (see the module docstring for where it comes from)."""
    if explicit is not None:
        cfg = read(Path(explicit), required=True)
        assert cfg is not None
        return cfg
    config = Config()
    cwd = cwd or Path.cwd()
    pyproject = cwd / "pyproject.toml"
    if pyproject.is_file():
        found = read(pyproject, required=False)
        if found is not None:
            config = config.merged(found)
    for folder in batch_folders(paths):
        candidate = folder / "audit.toml"
        if candidate.is_file():
            found = read(candidate)
            assert found is not None
            config = config.merged(found)
    return config


def unused(config: Config, report: Report) -> list[str]:
    """Warnings for configuration entries that match nothing in the report (probably typos): an article id
    not in the batch, a suppressed id that is no finding, an accepted pair of spellings that no finding has."""
    from difflib import get_close_matches

    from audit.entities import fold

    arts = {a.id for a in report.articles}
    fids = {f.id for f in report.findings}
    bases = {f.split("-")[0] for f in fids}
    out = []
    for art in sorted(set(config.sources) - arts):
        close = get_close_matches(art, sorted(arts), n=1, cutoff=0.5)
        hint = f" (did you mean {close[0]}?)" if close else ""
        out.append(f"configuration names article {art!r}, which is not in this batch{hint}")
    for fid in sorted(config.suppressed):
        if fid not in fids and fid not in bases:
            out.append(f"configuration suppresses {fid}, which is not a finding of this batch")
    spelled = [{fold(g.value) for g in f.values} for f in report.findings if len(f.values) >= 2]
    names = sorted({g.value for f in report.findings for g in f.values if f.verdict in ("variant", "agree")}
                   | {n.name for n in report.names})
    for a, b in config.accepted_variants:
        if any(fold(a) in s and fold(b) in s for s in spelled):
            continue
        missing = [x for x in (a, b) if not any(fold(x) in s for s in spelled) and x not in names]
        close = [c for x in missing for c in get_close_matches(x, names, n=1, cutoff=0.7)]
        hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
        out.append(f"configuration accepts the spellings {a!r} and {b!r}, but no finding of this batch has both"
                   f"{hint}")
    return out
