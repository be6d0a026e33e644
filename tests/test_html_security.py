"""The HTML export is inert in a real browser, whatever the news text holds.

Records whose content, speaker, labels, ids and document ids carry script
tags, attribute break-outs, ``javascript:`` links and event handlers are
drawn with :func:`kg.viz.render_html`, loaded in headless Chromium and the
DOM dumped. Each payload, if it ever ran, would set ``document.title`` and
mark the ``<html>`` element; neither may happen, and the graph must still be
drawn. The page's tooltips are built when it loads (detached DOM nodes: an
``innerHTML`` there would fire an ``<img onerror>`` at once), and one test
also hovers every node, so vis-network shows each tooltip for real.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from kg.viz import render_html, write_html

pytestmark = pytest.mark.skipif(
    shutil.which("chromium") is None,
    reason="chromium not found on PATH (Debian package 'chromium'); the in-browser XSS check needs it",
)

MARK = "document.title='pwned';document.documentElement.setAttribute('data-pwned','1')"
PAYLOADS = [
    f"<script>{MARK}</script>",
    f"</script><script>{MARK}</script>",
    f'"><img src=x onerror="{MARK}">',
    f"'><img src=x onerror={MARK.replace(' ', '')}>",
    f"<svg onload=\"{MARK}\"></svg>",
    f"<iframe srcdoc=\"<script>parent.{MARK}</script>\"></iframe>",
    f"<a href=\"javascript:{MARK}\" id=\"pwn-link\">click</a>",
    f"javascript:{MARK}",
    f"\" onmouseover=\"{MARK}\" x=\"",
    f"' autofocus onfocus='{MARK}' x='",
    "<details open ontoggle=\"document.title='pwned'\">",
    "\u2028\u2029`${document.title='pwned'}`\\'\"",
]
TITLE = "kg security check «ΑΒΓ»"


def _records() -> list[dict[str, Any]]:
    records = []
    for i, payload in enumerate(PAYLOADS):
        records.append({
            "id": f"x{i}-{payload}", "document": f"doc-{payload}", "speaker": f"speaker {payload}",
            "speaker_id": f"javascript:{MARK}" if i % 2 else f"ex:s{i}{payload}",
            "speaker_mention": payload, "speaker_type": payload, "cue": payload,
            "content": f"claim {i} {payload}", "start": 0, "end": 1, "quote": payload,
            "polarity": "denies" if i % 3 == 0 else "asserts",
            "about": [{"label": f"about {payload}", "id": f"javascript:{MARK}#{i}"},
                      {"label": payload, "id": None}],
            "reported_by": f"reporter {payload}", "reported_by_id": f"ex:r{i}\"'<>{payload}",
            "date": payload, "sentence": f"sentence {payload}", "sentence_index": 0, "confidence": payload,
        })
    return records


def _chromium(page: Path, profile: Path, budget_ms: int = 5000) -> str:
    result = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}",
         f"--virtual-time-budget={budget_ms}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert "data-nodes-drawn" in result.stdout, f"the page did not run; chromium stderr: {result.stderr[-800:]}"
    return result.stdout


def _expected_nodes(page: str) -> int:
    data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert data
    return len(json.loads(data.group(1))["nodes"])


class _Elements(HTMLParser):
    """Every element of a dumped DOM with its attributes (text, escaped or not, is not markup)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    handle_startendtag = handle_starttag


def _assert_inert(dom: str, scripts: int) -> None:
    assert not re.search(r"<html[^>]*data-pwned", dom), "a payload ran: <html data-pwned>"
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert title and html.unescape(title.group(1)) == TITLE, f"title changed: {title and title.group(1)!r}"
    parser = _Elements()
    parser.feed(dom)
    tags = [tag for tag, _ in parser.elements]
    for tag in ("img", "svg", "iframe", "details", "a", "object", "embed"):
        assert tag not in tags, f"<{tag}> injected into the page"
    assert tags.count("script") == scripts, "an injected <script> element"
    for tag, attrs in parser.elements:
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler {name}={value!r} on <{tag}>"
            assert "javascript:" not in value.lower().replace(" ", ""), f"{name}={value!r} on <{tag}>"
            assert name not in ("srcdoc", "x", "autofocus"), (tag, name)
            assert name != "id" or value.startswith("kg-"), f"id={value!r} on <{tag}>: not one of the page's own"


def test_html_security_payloads_stay_inert_in_chromium(tmp_path: Path) -> None:
    page = write_html(_records(), tmp_path / "hostile.html", title=TITLE)
    text = page.read_text(encoding="utf-8")
    dom = _chromium(page, tmp_path / "profile")
    _assert_inert(dom, scripts=3)
    drawn = re.search(r'data-nodes-drawn="(\d+)"', dom)
    assert drawn and int(drawn.group(1)) == _expected_nodes(text) > len(PAYLOADS)


# Hover every node in turn (vis-network shows tooltips on mousemove over the
# canvas), collect the tooltip text, and leave it on <body> for the dump.
_PROBE = """
<script>
(function () {
  "use strict";
  var network = window.kgNetwork, seen = [], ids = network.body.data.nodes.getIds();
  var canvas = document.querySelector("#kg-graph canvas");
  function hover(i) {
    if (i >= ids.length) {
      document.body.setAttribute("data-probe-done", String(seen.length));
      var out = document.createElement("pre");
      out.id = "kg-probe";
      out.textContent = JSON.stringify(seen);
      document.body.appendChild(out);
      return;
    }
    network.fit({animation: false});
    var p = network.canvasToDOM(network.getPositions([ids[i]])[ids[i]]);
    var box = canvas.getBoundingClientRect();
    canvas.dispatchEvent(new MouseEvent("mousemove", {bubbles: true, clientX: box.left + p.x, clientY: box.top + p.y}));
    setTimeout(function () {
      var tip = document.querySelector("div.vis-tooltip");
      if (tip && tip.style.visibility !== "hidden" && tip.textContent) seen.push(tip.textContent);
      hover(i + 1);
    }, 400);
  }
  setTimeout(function () { hover(0); }, 1500);
})();
</script>
"""


def test_html_security_tooltips_show_payloads_as_text(tmp_path: Path) -> None:
    text = render_html(_records(), title=TITLE)
    page = tmp_path / "hovered.html"
    page.write_text(text.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    dom = _chromium(page, tmp_path / "profile", budget_ms=60_000)
    probe = re.search(r'<pre id="kg-probe">(.*?)</pre>', dom, re.S)
    assert probe, "the hover probe did not finish"
    tips = json.loads(html.unescape(probe.group(1)))
    dom = dom.replace(probe.group(0), "")
    _assert_inert(dom, scripts=4)
    assert tips, "no tooltip was shown on hover"
    # the tooltips show the hostile strings literally, as text
    shown = "\n".join(tips)
    assert any(payload in shown for payload in PAYLOADS), shown[:500]
