"""Tests for kg.viz.html: graph shape, filters, offline page, escaping, layout."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from kg.errors import InputError
from kg.errors import NameNotFound
from kg.lexicons import fold
from kg.viz import filter_records, render_html, write_html
from kg.viz.html import STATIC_LAYOUT_THRESHOLD, _asset, _numpy_spring

_DATA = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def _data(page: str) -> dict[str, Any]:
    match = _DATA.search(page)
    assert match, "no data block in page"
    return json.loads(match.group(1))


def _record(rid: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": rid, "document": "doc1", "speaker": None, "speaker_id": None,
        "speaker_mention": None, "speaker_type": None, "cue": "δήλωσε",
        "content": "", "start": 0, "end": 0, "quote": "indirect",
        "polarity": "asserts", "about": [], "reported_by": None,
        "reported_by_id": None, "date": None, "sentence": "", "sentence_index": 0,
        "confidence": 0.8,
    }
    base.update(fields)
    return base


@pytest.fixture
def greek() -> list[dict[str, Any]]:
    return [
        _record(
            "a1", speaker="Κασίμ-Ζομάρτ Τοκάγιεφ", speaker_id="ex:tokayev",
            speaker_mention="ο Τοκάγιεφ", speaker_type="Person",
            content="οι στρατιώτες μπορούν να πυροβολούν χωρίς προειδοποίηση",
            about=[{"label": "διαδηλωτές", "id": "ex:protesters"},
                   {"label": "στρατιώτες", "id": "ex:soldiers"}],
            reported_by="BBC", reported_by_id="ex:bbc", date="2022-01-07",
        ),
        _record(
            "a2", speaker="Υπουργείο Εσωτερικών", speaker_id="ex:ministry",
            polarity="denies", cue="διέψευσε",
            content="ότι τραυματίστηκαν 748 διαδηλωτές",
            about=[{"label": "διαδηλωτές", "id": "ex:protesters"}],
        ),
        _record(
            "a3", document="doc2", speaker_mention="αυτόπτες μάρτυρες",
            content="ο Τοκάγιεφ έφυγε από την πρωτεύουσα",
            about=[{"label": "Τοκάγιεφ", "id": "ex:tokayev"}],
            reported_by="Reuters",
        ),
    ]


def test_viz_html_counts_match_records(greek: list[dict[str, Any]]) -> None:
    data = _data(render_html(greek))
    kinds: dict[str, int] = {}
    for node in data["nodes"]:
        kinds[node["kind"]] = kinds.get(node["kind"], 0) + 1
    # Tokayev speaks in a1 and is spoken about in a3: one node, kind speaker.
    assert kinds == {"claim": 3, "document": 2, "speaker": 2, "unresolved": 1,
                     "entity": 2, "reporter": 2}
    labels = [e["label"] for e in data["edges"]]
    assert sorted(labels) == sorted(
        ["asserts", "in", "about", "about", "reported",        # a1
         "denies", "in", "about",                              # a2
         "asserts", "in", "about", "reported"]                 # a3
    )
    node_ids = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in node_ids and e["to"] in node_ids for e in data["edges"])


def test_viz_html_denies_styled_and_tooltips_are_rows(greek: list[dict[str, Any]]) -> None:
    data = _data(render_html(greek))
    denies = [e for e in data["edges"] if e["label"] == "denies"]
    asserts = [e for e in data["edges"] if e["label"] == "asserts"]
    assert len(denies) == 1 and denies[0]["dashes"] and denies[0]["color"] != asserts[0]["color"]
    claim = next(n for n in data["nodes"] if n["id"] == "c:a1")
    assert "title" not in claim  # tooltips are built in the page with textContent
    assert ["cue", "δήλωσε"] in claim["tip"] and ["date", "2022-01-07"] in claim["tip"]
    assert claim["label"].startswith("οι στρατιώτες") and len(claim["label"]) <= 61


def test_viz_html_reporter_points_at_claim(greek: list[dict[str, Any]]) -> None:
    data = _data(render_html(greek))
    reported = {(e["from"], e["to"]) for e in data["edges"] if e["label"] == "reported"}
    assert reported == {("e:ex:bbc", "c:a1"), ("l:reuters", "c:a3")}


def test_viz_html_fold_strips_greek_accents_and_case() -> None:
    """Label-only nodes are keyed by the project's one fold (kg.lexicons), not a copy of it."""
    assert fold("Τοκάγιεφ") == fold("ΤΟΚΑΓΙΕΦ") == "τοκαγιεφ"
    assert fold("διαδηλωτές") == fold("ΔΙΑΔΗΛΩΤΕΣ")  # final sigma too
    assert fold("Ϊράν") == fold("ιραν")


@pytest.mark.parametrize(
    ("about", "speaker", "expected"),
    [
        ("ΔΙΑΔΗΛΩΤΕΣ", None, {"a1", "a2"}),
        ("διαδηλωτές", None, {"a1", "a2"}),
        ("τοκαγιεφ", None, {"a3"}),
        (None, "ΤΟΚΑΓΙΕΦ", {"a1"}),
        (None, "αυτοπτες", {"a3"}),           # unresolved: matched on its mention
        ("στρατιωτες", "τοκάγιεφ", {"a1"}),
        ("στρατιωτες", "υπουργειο", set()),
        ("", "", {"a1", "a2", "a3"}),
    ],
)
def test_viz_html_filters(
    greek: list[dict[str, Any]], about: str | None, speaker: str | None, expected: set[str]
) -> None:
    assert {r["id"] for r in filter_records(greek, about=about, speaker=speaker)} == expected
    data = _data(render_html(greek, about=about, speaker=speaker))
    assert {n["id"][2:] for n in data["nodes"] if n["kind"] == "claim"} == expected


@pytest.mark.parametrize("name", ["Tokayev", "Τοκάγιεφ", "tokaev", "Токаев", "Κασίμ-Ζομάρτ Τοκάγιεφ"])
def test_viz_html_filters_resolve_names_across_scripts(greek: list[dict[str, Any]], name: str) -> None:
    """The one resolver of kg.link.resolve: "Tokayev" finds «Τοκάγιεφ» (a substring test found nothing)."""
    assert {r["id"] for r in filter_records(greek, speaker=name)} == {"a1"}
    assert {r["id"] for r in filter_records(greek, about=name)} == {"a3"}


@pytest.mark.parametrize(("about", "speaker"), [(None, "Υπουργείο Υγείας"), ("διαδηλωτές της Αθήνας", None)])
def test_viz_html_a_name_that_names_nothing_is_an_error_with_suggestions(
    greek: list[dict[str, Any]], about: str | None, speaker: str | None
) -> None:
    """Never a partial match by a shared word: the page is not drawn, and the closest names are offered."""
    with pytest.raises(NameNotFound) as caught:
        render_html(greek, about=about, speaker=speaker)
    assert caught.value.suggestions and "did you mean" in str(caught.value)


def test_viz_html_is_offline_and_self_contained(
    greek: list[dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    target = write_html(greek, tmp_path / "graph.html", title="Καζακστάν")
    assert target == tmp_path / "graph.html"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]  # no lib/
    page = target.read_text(encoding="utf-8")
    assert page == render_html(greek, title="Καζακστάν")
    assert "vis.Network" in page and "<title>Καζακστάν</title>" in page
    # No tag loads anything: no src/href attributes at all, no CSS imports,
    # and every CSS url() is an inline data: URI.
    assert not re.search(r"<[a-z][^>]*\s(src|href)\s*=", page, re.I)
    assert "@import" not in page
    assert not re.search(r"url\(\s*(?!['\"]?data:)", page)
    assert "default-src 'none'" in page


def test_viz_html_hostile_text_is_escaped() -> None:
    hostile = [
        _record(
            "x1", speaker="<img src=x onerror=alert(1)>", speaker_id="ex:evil",
            content="</script><script>alert(1)</script>",
            about=[{"label": "javascript:alert(1)", "id": "javascript:alert(2)"}],
            sentence='"><svg onload=alert(3)>', reported_by="'\"&<>",
            reported_by_id="ex:r\u2028x",
        )
    ]
    page = render_html(hostile, title="</title><script>alert(4)</script>",
                       about="javascript", speaker="<img")
    lowered = page.lower()
    assert "<script>alert" not in lowered
    assert "<img" not in lowered and "<svg" not in lowered
    # Outside the JSON block (which holds no "<" at all) and the vendored
    # vis-network code (which sets image.onerror itself), no hostile text.
    block = _DATA.search(page)
    assert block and "<" not in block.group(1) and ">" not in block.group(1)
    rest = page.replace(block.group(0), "").replace(_asset("vis-network.min.js"), "")
    assert "onerror" not in rest and "onload" not in rest and "alert(1)" not in rest
    assert "&lt;/title&gt;&lt;script&gt;alert(4)" in rest
    assert "\u2028" not in page
    assert rest.count("</script>") == rest.count("<script") == 2  # no extra closers
    assert not re.search(r"(href|src)\s*=\s*['\"]?\s*javascript:", page, re.I)
    # The data survives intact: escaped for HTML, not mangled.
    data = _data(page)
    claim = next(n for n in data["nodes"] if n["kind"] == "claim")
    assert claim["label"] == "</script><script>alert(1)</script>"
    assert any(n["label"] == "<img src=x onerror=alert(1)>" for n in data["nodes"])


def test_viz_html_is_deterministic(greek: list[dict[str, Any]]) -> None:
    assert render_html(greek) == render_html(greek)
    assert render_html(greek) == render_html(list(reversed(greek)))


def _synthetic(n: int) -> list[dict[str, Any]]:
    return [
        _record(
            f"s{i}", document=f"doc{i % 40}", speaker=f"Ομιλητής {i % 37}",
            speaker_id=f"ex:s{i % 37}", content=f"ισχυρισμός αριθμός {i}",
            about=[{"label": f"Οντότητα {i % 53}", "id": f"ex:e{i % 53}"}],
            polarity="denies" if i % 7 == 0 else "asserts",
        )
        for i in range(n)
    ]


def test_viz_html_large_graph_has_fixed_layout() -> None:
    records = _synthetic(500)
    page = render_html(records)
    data = _data(page)
    assert len(data["nodes"]) > STATIC_LAYOUT_THRESHOLD
    assert data["options"]["physics"]["enabled"] is False
    assert all(n["physics"] is False and isinstance(n["x"], float)
               and isinstance(n["y"], float) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) > 0.9 * len(data["nodes"])
    assert page == render_html(records)


def test_viz_html_small_graph_uses_physics(greek: list[dict[str, Any]]) -> None:
    data = _data(render_html(greek))
    assert data["options"]["physics"]["enabled"] is True
    assert data["options"]["physics"]["stabilization"]["enabled"] is True
    assert all("x" not in n for n in data["nodes"])


def test_viz_html_numpy_layout_is_seeded() -> None:
    ids = [f"n{i}" for i in range(30)]
    pairs = [(ids[i], ids[(i * 7 + 3) % 30]) for i in range(30)]
    first = _numpy_spring(ids, pairs, seed=7, scale=100.0)
    assert first == _numpy_spring(ids, pairs, seed=7, scale=100.0)
    assert max(max(abs(x), abs(y)) for x, y in first.values()) == pytest.approx(100.0)


def test_viz_html_empty_and_bad_input() -> None:
    assert _data(render_html([]))["nodes"] == []
    with pytest.raises(InputError, match=r"records\[1\].*id"):
        render_html([_record("ok"), {"document": "d"}])
    with pytest.raises(InputError, match="mapping"):
        render_html(["not a record"])  # type: ignore[list-item]


@pytest.mark.skipif(shutil.which("chromium") is None,
                    reason="Debian chromium not installed; the headless render check needs it")
def test_viz_html_draws_in_headless_chromium(
    greek: list[dict[str, Any]], tmp_path: Path
) -> None:
    target = write_html(greek, tmp_path / "graph.html")
    expected = len(_data(target.read_text(encoding="utf-8"))["nodes"])
    assert _drawn_in_chromium(target, tmp_path, 5000) == expected


def _drawn_in_chromium(target: Path, tmp_path: Path, budget_ms: int) -> int:
    """How many nodes the page says it drew, opened from disk in headless Chromium with networking off."""
    result = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update",
         "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         f"--virtual-time-budget={budget_ms}", "--dump-dom", target.as_uri()],
        capture_output=True, text=True, timeout=180, check=False,
    )
    match = re.search(r'data-nodes-drawn="(\d+)"', result.stdout)
    assert match, f"page script did not run; chromium stderr tail: {result.stderr[-500:]}"
    return int(match.group(1))


@pytest.mark.skipif(shutil.which("chromium") is None,
                    reason="Debian chromium not installed; the headless render check needs it")
def test_viz_html_kg_viz_draws_the_seed_graph_offline(seed_build, tmp_path: Path) -> None:
    """`kg viz` on the seed build, opened from disk with networking off, draws every node of the graph."""
    import io

    from kg.cli import run

    target = tmp_path / "seeds.html"
    assert run(["viz", str(seed_build[0]), "-o", str(target)], io.StringIO(), io.StringIO()) == 0
    expected = len(_data(target.read_text(encoding="utf-8"))["nodes"])
    assert expected > 20
    assert _drawn_in_chromium(target, tmp_path, 8000) == expected


def test_viz_html_desk_cards_facets_and_search_keys(greek: list[dict[str, Any]]) -> None:
    """The desk's data: one card per claim with the graph's node ids, the filters' choices, the names to search."""
    documents = {"doc1": {"url": "https://example.org/a", "publisher": "BBC"}, "doc2": {"url": "javascript:alert(1)"}}
    data = _data(render_html(greek, documents=documents))
    cards = {c["n"]: c for c in data["claims"]}
    assert set(cards) == {n["id"] for n in data["nodes"] if n["kind"] == "claim"}
    a1 = cards["c:a1"]
    assert (a1["s"], a1["sl"], a1["cue"], a1["date"], a1["rep"], a1["rn"]) == (
        "e:ex:tokayev", "Κασίμ-Ζομάρτ Τοκάγιεφ", "δήλωσε", "2022-01-07", "BBC", "e:ex:bbc")
    assert a1["ab"] == [["e:ex:protesters", "διαδηλωτές"], ["e:ex:soldiers", "στρατιώτες"]]
    assert (a1["url"], a1["pub"]) == ("https://example.org/a", "BBC")
    assert cards["c:a3"]["url"] is None  # a javascript: address is no link
    assert cards["c:a3"]["s"].startswith("u:") and cards["c:a3"]["sl"] == "αυτόπτες μάρτυρες"
    assert [c["n"] for c in data["claims"]][0] == "c:a1"  # dated first
    facets = data["facets"]
    assert {row[0] for row in facets["speakers"]} == {"e:ex:tokayev", "e:ex:ministry", "u:a3"}
    assert facets["entities"][0] == ["e:ex:protesters", "διαδηλωτές", 2]
    assert facets["polarities"] == ["asserts", "denies"] and facets["dates"] == ["2022-01-07", "2022-01-07"]
    # every name of Tokayev, folded as the resolver folds, and his node sized by his claims said and about him
    assert "κασιμ ζομαρτ τοκαγιεφ" in data["keys"]["e:ex:tokayev"] and "τοκαγιεφ" in data["keys"]["e:ex:tokayev"]
    assert data["fold"]["Ά"] == "α" and data["fold"]["-"] == " "
    assert next(n for n in data["nodes"] if n["id"] == "e:ex:tokayev")["value"] == 2
