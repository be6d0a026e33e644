"""The desk in a real browser: Chromium driven by Selenium searches, filters, clicks nodes and reads the cards.

On the demo graph (the seeds, built once per session), on a generated graph
of 5,000 claims (benchmarks/synthetic.py, as benchmarks/desk.py measures it)
and on hostile text, which must stay inert throughout: no alert, no injected
element, no ``javascript:`` link. Skipped, with the reason, where chromium,
chromedriver or selenium is missing (CI installs Debian's chromium and
chromium-driver).
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from kg.viz.browser import missing

pytestmark = pytest.mark.skipif(missing() is not None, reason=f"no browser to drive: {missing()}")

ROOT = Path(__file__).resolve().parent.parent
_DATA = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


# ------------------------------------------------------------------ helpers


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from kg.viz.browser import chromium

    driver = chromium(profile=tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield driver
    finally:
        driver.quit()


def _data(path: Path) -> dict[str, Any]:
    return json.loads(_DATA.search(path.read_text(encoding="utf-8")).group(1))


def _open(driver, path: Path, timeout: float = 120) -> dict[str, int]:
    from selenium.webdriver.support.ui import WebDriverWait

    from kg.viz.browser import wait_ready

    driver.get("about:blank")
    driver.get(path.as_uri())
    timings = wait_ready(driver, timeout)
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return document.documentElement.hasAttribute('data-settled')"))
    return timings


def _applied(driver) -> int:
    return int(driver.find_element("id", "kg-cards").get_attribute("data-applied"))


def _after(driver, action) -> None:
    """Do ``action`` and wait for the page to have filtered once more (the search box waits for typing to stop)."""
    from selenium.webdriver.support.ui import WebDriverWait

    before = _applied(driver)
    action()
    WebDriverWait(driver, 30, poll_frequency=0.05).until(lambda d: _applied(d) > before)


def _search(driver, text: str) -> None:
    from selenium.webdriver.common.keys import Keys

    box = driver.find_element("id", "kg-search")
    if box.get_attribute("value") == text:
        return

    def typed() -> None:  # as a reader does: select what is there, delete it, type
        box.send_keys(Keys.CONTROL + "a", Keys.BACKSPACE)
        if text:
            box.send_keys(text)

    _after(driver, typed)
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 30, poll_frequency=0.05).until(lambda d: d.execute_script("return window.kgState.q") == text)


def _choose(driver, select_id: str, index: int | None) -> None:
    from selenium.webdriver.support.ui import Select

    select = Select(driver.find_element("id", select_id))
    _after(driver, lambda: select.select_by_value("" if index is None else str(index)))


def _clear(driver) -> None:
    _after(driver, lambda: driver.find_element("id", "kg-clear").click())


def _shown(driver) -> int:
    return int(driver.find_element("id", "kg-cards").get_attribute("data-claims"))


def _cards(driver) -> list[str]:
    return [card.text for card in driver.find_elements("css selector", "#kg-cards .kg-card")]


def _click_node(driver, node: str) -> None:
    """A real mouse click on the node's place on the canvas."""
    from selenium.webdriver.common.action_chains import ActionChains

    x, y = driver.execute_script(
        "var n = window.kgNetwork, p = n.canvasToDOM(n.getPositions([arguments[0]])[arguments[0]]); return [p.x, p.y];", node)
    canvas = driver.find_element("css selector", "#kg-graph canvas")
    size = canvas.size
    _after(driver, lambda: ActionChains(driver).move_to_element_with_offset(
        canvas, int(x - size["width"] / 2), int(y - size["height"] / 2)).click().perform())


def _selected(driver) -> set[str]:
    return set(driver.execute_script("return window.kgNetwork.getSelectedNodes();"))


def _linked(claim: dict[str, Any], node: str) -> bool:
    return node in (claim["n"], claim["s"], claim["rn"], "d:" + claim["doc"]) or any(a[0] == node for a in claim["ab"])


def _visible_nodes(driver) -> set[str]:
    return set(driver.execute_script(
        "return window.kgNetwork.body.data.nodes.get({filter: function (n) { return !n.hidden; }}).map(function (n) { return n.id; });"))


def _search_hits(data: dict[str, Any], query: str) -> set[str]:
    """The claims a search for ``query`` finds (the page's rule: a name of a node begins a word with it, or the text holds it)."""
    from kg.link.gazetteer import normalise

    q = normalise(query)
    nodes = {node for node, keys in data["keys"].items() if any((" " + k).find(" " + q) >= 0 for k in keys)}
    return {c["n"] for c in data["claims"]
            if {c["s"], c["rn"], *(a[0] for a in c["ab"])} & nodes
            or q in normalise(c["text"] + " " + c["sent"] + " " + c["cue"])}


def _exercise_node_click(driver, data: dict[str, Any], node: str) -> None:
    """Clicking ``node`` selects it with its neighbours and leaves the cards of its claims."""
    _click_node(driver, node)
    neighbours = set(driver.execute_script("return window.kgNetwork.getConnectedNodes(arguments[0]);", node))
    assert _selected(driver) == {node} | neighbours
    linked = [c for c in data["claims"] if _linked(c, node)]
    assert _shown(driver) == len(linked) > 0
    assert f"{len(linked)} of {len(data['claims'])} claims linked to" in driver.find_element("id", "kg-count").text


# ------------------------------------------------------------------ the demo graph


@pytest.fixture(scope="module")
def demo_page(seed_build, tmp_path_factory) -> Path:
    from kg.cli import run

    target = tmp_path_factory.mktemp("desk") / "demo.html"
    assert run(["viz", str(seed_build[0]), "-o", str(target)], io.StringIO(), io.StringIO()) == 0
    return target


def test_desk_demo_search_filter_click(browser, demo_page) -> None:
    data = _data(demo_page)
    total = len(data["claims"])
    _open(browser, demo_page)
    assert _shown(browser) == total > 10
    assert browser.find_element("id", "kg-count").text == f"{total} of {total} claims"
    assert len(_cards(browser)) == total

    # search a name, with and without accents and capitals: the same claims (the resolver's names and folding)
    _search(browser, "Τοκάγιεφ")
    found = _shown(browser)
    assert found == len(_search_hits(data, "Τοκάγιεφ")) and 0 < found < total
    tokayev = {n for n, keys in data["keys"].items() if any(("τοκαγιεφ" in k.split()) for k in keys)}
    assert tokayev and tokayev <= _selected(browser)  # his node is highlighted in the graph
    for spelling in ("ΤΟΚΑΓΙΕΦ", "τοκαγιεφ"):
        _search(browser, spelling)
        assert _shown(browser) == found, spelling
    said = [c for c in data["claims"] if c["s"] in tokayev]
    assert len(said) == 6  # `kg viz out --speaker Tokayev` draws these six (tests/test_ask.py)
    assert {c["n"] for c in said} <= _search_hits(data, "Τοκάγιεφ")

    # a filter: his claims only, in the cards and in the graph
    _search(browser, "")
    index = next(i for i, row in enumerate(data["facets"]["speakers"]) if row[0] in tokayev)
    _choose(browser, "kg-f-speaker", index)
    assert _shown(browser) == len(said)
    label = data["facets"]["speakers"][index][1]
    assert all(card.startswith(label) for card in _cards(browser))
    visible = _visible_nodes(browser)
    assert {c["n"] for c in said} <= visible
    assert not {c["n"] for c in data["claims"]} - {c["n"] for c in said} & visible  # other claims hidden
    _choose(browser, "kg-f-polarity", data["facets"]["polarities"].index("asserts"))
    assert _shown(browser) == sum(c["pol"] == "asserts" for c in said)

    # a node clicked: the busiest entity, its neighbours highlighted, its claims' cards
    _clear(browser)
    assert _shown(browser) == total and len(_visible_nodes(browser)) == len(data["nodes"])
    entity = data["facets"]["entities"][0][0]
    _exercise_node_click(browser, data, entity)
    entity_label = data["facets"]["entities"][0][1]
    assert all("about:" in card and entity_label in card.split("about:")[-1] for card in _cards(browser))

    # a card clicked: its claim is picked in the graph
    first = browser.find_element("css selector", "#kg-cards .kg-card")
    first.click()
    claim = data["claims"][int(first.get_attribute("data-index"))]
    assert _selected(browser) == {claim["n"]} and "kg-picked" in first.get_attribute("class")

    # the timeline: one bar per day of the demo's dates; a bar sets the date range
    bars = browser.find_elements("css selector", "#kg-timeline .kg-bar")
    assert bars
    _clear(browser)
    bars = browser.find_elements("css selector", "#kg-timeline .kg-bar")
    day = bars[-1].get_attribute("title").split(":")[0]
    _after(browser, bars[-1].click)
    assert _shown(browser) == sum(c["date"][:10] == day for c in data["claims"]) > 0
    assert browser.find_element("id", "kg-f-from").get_attribute("value") == day


# ------------------------------------------------------------------ 5,000 claims


@pytest.fixture(scope="module")
def big_page(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from desk import synthetic_page
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    page, _, count = synthetic_page(5000)
    assert count >= 5000
    target = tmp_path_factory.mktemp("desk") / "big.html"
    target.write_text(page, encoding="utf-8")
    return target


def test_desk_with_5000_claims(browser, big_page) -> None:
    data = _data(big_page)
    total = len(data["claims"])
    timings = _open(browser, big_page, timeout=300)
    print(f"\n5,000-claim desk ({total} claims, {len(data['nodes'])} nodes, {len(data['edges'])} edges): {timings} ms")
    assert browser.find_element("id", "kg-count").text == f"{total} of {total} claims"
    assert len(_cards(browser)) == 100  # the first hundred, and a button for more
    more = browser.find_element("id", "kg-more")
    more.click()
    assert len(_cards(browser)) == 200

    speaker, label, count = data["facets"]["speakers"][0]
    _search(browser, label)
    assert _shown(browser) == len(_search_hits(data, label)) >= count
    _search(browser, "")
    _choose(browser, "kg-f-speaker", 0)
    assert _shown(browser) == count
    _choose(browser, "kg-f-polarity", data["facets"]["polarities"].index("denies"))
    assert _shown(browser) == sum(c["s"] == speaker and c["pol"] == "denies" for c in data["claims"])
    _clear(browser)
    _exercise_node_click(browser, data, speaker)


# ------------------------------------------------------------------ hostile text


HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "\"><svg onload=alert(3)>",
    "javascript:alert(4)",
]


def _hostile_page(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    from kg.viz import render_html

    records = []
    for i, payload in enumerate(HOSTILE):
        records.append({
            "id": f"h{i}", "document": f"doc{i % 2}", "speaker": f"{payload} speaker", "speaker_id": f"ex:s{i}",
            "speaker_mention": payload, "speaker_type": payload, "cue": payload, "content": f"claim {i} {payload}",
            "quote": payload, "polarity": "denies" if i % 2 else "asserts",
            "about": [{"label": payload, "id": f"javascript:alert({i})"}], "reported_by": payload,
            "reported_by_id": None, "date": "2022-01-0" + str(i + 1), "sentence": f"before {payload} after",
        })
    documents = {"doc0": {"url": "javascript:alert(5)", "publisher": HOSTILE[0]},
                 "doc1": {"url": "https://example.org/news?a=<b>&c=\"d\"", "publisher": HOSTILE[1]}}
    path = tmp_path / "hostile.html"
    path.write_text(render_html(records, title=HOSTILE[1], documents=documents), encoding="utf-8")
    return path, _data(path)


def _assert_inert(driver) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert  # noqa: B018 - the property raises when no alert is open
    found = driver.execute_script("""
        return {
          injected: document.querySelectorAll('img, svg, iframe, object, embed, details').length,
          scripts: document.scripts.length,
          title: document.title,
          links: Array.from(document.links).map(function (a) { return a.protocol + '//' + a.host; }),
          handlers: Array.from(document.querySelectorAll('*')).filter(function (e) {
            return Array.from(e.attributes).some(function (a) { return a.name.startsWith('on'); });
          }).length
        };""")
    assert found["injected"] == 0 and found["handlers"] == 0, found
    assert found["scripts"] == 3, found
    assert found["title"] == HOSTILE[1]
    assert set(found["links"]) <= {"https://example.org"}, found["links"]


def test_desk_hostile_text_stays_inert(browser, tmp_path) -> None:
    path, data = _hostile_page(tmp_path)
    _open(browser, path)
    _assert_inert(browser)
    cards = "\n".join(_cards(browser))
    for payload in HOSTILE:  # shown as text
        assert payload in cards
    links = browser.find_elements("css selector", "#kg-cards a")
    assert links and all(a.get_attribute("href").startswith("https://example.org/") for a in links)
    assert len(links) == sum(c["doc"] == "doc1" for c in data["claims"])  # the javascript: address is no link

    _search(browser, HOSTILE[0])
    assert _shown(browser) >= 1
    _assert_inert(browser)
    _search(browser, "")
    _choose(browser, "kg-f-type", 0)
    _choose(browser, "kg-f-quote", 1)
    _assert_inert(browser)
    _clear(browser)
    node = data["claims"][0]["s"]
    _exercise_node_click(browser, data, node)
    browser.find_element("css selector", "#kg-cards .kg-card").click()
    # hover every node, so each tooltip is made and shown
    for node in [n["id"] for n in data["nodes"]]:
        browser.execute_script("""
            var n = window.kgNetwork, p = n.canvasToDOM(n.getPositions([arguments[0]])[arguments[0]]);
            var c = document.querySelector('#kg-graph canvas'), box = c.getBoundingClientRect();
            c.dispatchEvent(new MouseEvent('mousemove', {bubbles: true, clientX: box.left + p.x, clientY: box.top + p.y}));
        """, node)
    browser.execute_script("return new Promise(function (done) { setTimeout(done, 400); });")
    tip = browser.execute_script("var t = document.querySelector('div.vis-tooltip'); return t ? t.textContent : '';")
    assert tip  # the last hovered node's tooltip, as text
    _assert_inert(browser)
