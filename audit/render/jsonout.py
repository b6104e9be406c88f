"""The JSON report: the core contract of ../shared/report.schema.json, plus added fields.

The dictionaries come from the model (`Report.to_dict`), and `Report.from_dict` reads them back:
a report read from its JSON renders to the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from audit.model import Report


def report_dict(report: Report) -> dict[str, Any]:
    return report.to_dict()


def dumps(data: Any) -> str:
    """JSON as every audit report and tool output writes it: UTF-8 text, two-space indent, a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render(report: Report) -> bytes:
    return dumps(report.to_dict()).encode("utf-8")
