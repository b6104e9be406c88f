"""PDF via weasyprint from the HTML rendering, with a URL fetcher that allows only data: URLs.

Article text is escaped in the HTML, and the fetcher refuses every other URL, so rendering
never touches the network or the file system (the stylesheet is inlined in the HTML).
"""

from __future__ import annotations

import logging
from typing import Any

from audit.errors import RenderError
from audit.model import Report
from audit.render.html import render_html


def sealed_fetcher() -> Any:
    """A weasyprint URL fetcher that serves data: URLs and refuses everything else.

    Refused URLs are kept in its `blocked` list (tests read it).
    """
    from weasyprint.urls import URLFetcher

    class SealedFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(timeout=1, allowed_protocols={"data"}, allow_redirects=False)
            self.blocked: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.lower().startswith("data:"):
                self.blocked.append(url)
                raise ValueError(f"blocked URL during rendering: {url[:80]}")
            return super().fetch(url, headers)

    return SealedFetcher()


def render(report: Report) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as exc:  # missing Pango/cairo libraries
        raise RenderError("pdf", f"weasyprint cannot load its system libraries: {exc}") from exc
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    html = render_html(report)
    try:
        doc = HTML(string=html, base_url=None, url_fetcher=sealed_fetcher())
        data = doc.write_pdf(attachments=[], pdf_identifier=b"audit-report")
    except Exception as exc:  # weasyprint raises many kinds
        raise RenderError("pdf", f"{type(exc).__name__}: {exc}") from exc
    if not isinstance(data, bytes):
        raise RenderError("pdf", "weasyprint returned no bytes")
    return data
