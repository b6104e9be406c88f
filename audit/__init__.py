"""audit: a source-discrepancy auditor for news.

Library entry points: `audit.pipeline.run(paths, name=...)` returns a `Report`;
`audit.render.RENDERERS` turn it into Markdown, JSON, HTML, PDF or SARIF;
`audit.extract_claims(text, published=date)` returns the claims of one text (see
`audit.api`). The library never prints and never exits; `audit.cli` is the only part
that talks to a terminal.
"""

from audit.api import Timex, extract_claims, timex_of

__version__ = "0.1.0"
__all__ = ["Timex", "__version__", "extract_claims", "timex_of"]
