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

    Refused URLs are kept in its `blocked` list (tests read it). Redirects are not followed
    and nothing but data: is even handed to urllib.
    """
    from weasyprint.urls import URLFetcher

    class SealedFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(timeout=1, allowed_protocols={"data"}, allow_redirects=False)
            self.blocked: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not str(url).lower().startswith("data:"):
                self.blocked.append(str(url))
                raise ValueError(f"blocked URL during rendering: {str(url)[:80]}")
            return super().fetch(url, headers)

    return SealedFetcher()


def _seal(document: Any) -> None:
    """Drop what would make the PDF carry or point at anything outside it: file attachments
    (<link rel=attachment>, <a rel=attachment>) and links to external URLs. The report itself
    has neither; this holds even if some markup ever came through from an article."""
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] == "internal"]


def render(report: Report) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as exc:  # missing Pango/cairo libraries
        raise RenderError("pdf", f"weasyprint cannot load its system libraries: {exc}") from exc
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    html = render_html(report, compact=True)
    fetcher = sealed_fetcher()
    try:
        document = HTML(string=html, base_url=None, url_fetcher=fetcher).render()
        _seal(document)
        data = document.write_pdf(attachments=[], pdf_identifier=b"audit-report")
    except Exception as exc:  # weasyprint raises many kinds
        raise RenderError("pdf", f"{type(exc).__name__}: {exc}") from exc
    if not isinstance(data, bytes):
        raise RenderError("pdf", "weasyprint returned no bytes")
    return data
