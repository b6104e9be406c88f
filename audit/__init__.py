"""audit: a source-discrepancy auditor for news.

Library entry points: `audit.pipeline.run(paths, name=...)` returns a `Report`;
`audit.render.RENDERERS` turn it into Markdown, JSON, HTML, PDF or SARIF. The library
never prints and never exits; `audit.cli` is the only part that talks to a terminal.
"""

__version__ = "0.1.0"
