"""Saved news pages: the article kg reads (trafilatura) against the page's whole visible text.

For each page of tests/fixtures/articles, side by side in one run: how many of
the page's boilerplate markers (cookie banner, navigation, related headlines,
comments, footer: the list the tests use) reach the text, the text's length,
and the time to read the page, for ``kg.io.documents.html_to_text`` and for
trafilatura's ``html2txt`` without cleaning (every visible word, which is what a reader without
article extraction gives the parser).

    .venv/bin/python benchmarks/articles.py [--repeat N]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from datetime import date
from pathlib import Path

from trafilatura import html2txt

from kg.io.documents import html_to_text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from test_articles_html import ARTICLES, BOILERPLATE  # noqa: E402  the markers the tests check


def _timed(function, html: str, repeat: int) -> tuple[str, float]:
    start = time.perf_counter()
    for _ in range(repeat):
        text = function(html)
    return (text[0] if isinstance(text, tuple) else text), (time.perf_counter() - start) / repeat * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    print(f"{date.today()}, {platform.machine()}, Python {platform.python_version()}")
    print("| page | reader | boilerplate markers in the text | characters | ms a page |")
    print("|---|---|---|---|---|")
    for page in sorted(ARTICLES.glob("*.html")):
        html = page.read_text(encoding="utf-8")
        for name, function in (("kg (trafilatura article)", html_to_text), ("visible text (html2txt)", lambda html: html2txt(html, clean=False))):
            text, ms = _timed(function, html, args.repeat)
            leaked = sum(marker in text for marker in BOILERPLATE)
            print(f"| {page.name} | {name} | {leaked} of {len(BOILERPLATE)} | {len(text):,} | {ms:.1f} |")


if __name__ == "__main__":
    main()
