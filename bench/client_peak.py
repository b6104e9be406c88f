"""Run the audit CLI in this process and write this process's own peak memory (not its workers') to a file.

  python bench/client_peak.py PEAK_FILE run ARGS...     the same as 'audit run ARGS...'

bench/run.py uses it to tell the client's peak from the whole process tree's: a local run's extraction
workers and a LocalCluster's worker processes are children, and are not counted here (the scheduler of a
LocalCluster runs inside this process, and is)."""

from __future__ import annotations

import resource
import sys
from pathlib import Path


def main() -> int:
    from audit.cli import main as audit_main

    out = Path(sys.argv[1])
    try:
        return int(audit_main(sys.argv[2:]))
    finally:
        out.write_text(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
