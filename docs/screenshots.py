"""Regenerate the desk's screenshots in docs/ (shown in the README).

    STANZA_RESOURCES_DIR=… .venv/bin/python docs/screenshots.py

Builds the bundled seeds (``kg demo``) into a temporary folder, writes the
desk of the whole graph and the desk of ``kg viz OUT --speaker Tokayev``, and
photographs both in headless Chromium (Selenium, Debian's chromium-driver).
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

from kg.cli import run
from kg.pipeline import open_store
from kg.viz import render_store
from kg.viz.browser import chromium, missing, wait_ready

DOCS = Path(__file__).resolve().parent


def main() -> int:
    reason = missing()
    if reason:
        print(f"cannot take screenshots: {reason}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        if run(["demo", "-o", str(out)], io.StringIO(), sys.stderr) != 0:
            return 1
        pages = {"desk.png": out / "graph.html", "desk-tokayev.png": Path(folder) / "tokayev.html"}
        with open_store(out) as store:  # what `kg viz out --speaker Tokayev` writes, under a title without the temporary path
            page = render_store(store, title="kg viz out --speaker Tokayev", speaker="Tokayev")
        pages["desk-tokayev.png"].write_text(page, encoding="utf-8")
        driver = chromium(1400, 860, profile=Path(folder) / "profile")
        try:
            for name, page in pages.items():
                driver.get(page.as_uri())
                wait_ready(driver)
                driver.execute_script(  # the graph settled and drawn before the picture
                    "return new Promise(function (done) { (function wait() {"
                    " if (document.documentElement.hasAttribute('data-settled')) { setTimeout(done, 300); }"
                    " else { setTimeout(wait, 50); } })(); });")
                driver.save_screenshot(str(DOCS / name))
                print(f"wrote {DOCS / name}")
        finally:
            driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
