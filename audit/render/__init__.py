"""Renderers: each turns the one `Report` into bytes of one format, chosen by name."""

from __future__ import annotations

from collections.abc import Callable

from audit.model import Report
from audit.render import github, html, jsonout, markdown, pdf, sarif

Renderer = Callable[[Report], bytes]

RENDERERS: dict[str, tuple[str, Renderer]] = {
    "md": (".md", markdown.render),
    "json": (".json", jsonout.render),
    "html": (".html", html.render),
    "pdf": (".pdf", pdf.render),
    "sarif": (".sarif", sarif.render),
    "github": (".github.txt", github.render),
}
"""format name -> (file suffix, renderer)."""

DEFAULT_FORMATS = ("md", "json", "pdf")
