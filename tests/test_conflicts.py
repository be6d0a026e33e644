"""kg.conflicts and kg/queries/conflicts.rq: which figures disagree, and the derived ca:conflictsWith links."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from rdflib import Graph

from kg import queries
from kg.conflicts import WINDOW, find_conflicts, refresh_derived
from kg.ns import CA
from kg.rdf import mint
from kg.rdf.build import document_graph
from kg.rdf.writer import write_results
from kg.store import GraphStore
from rdf_fixtures import (
    fixture_store,
    GOVERNMENT,
    INTERIOR_ID,
    MINISTRY,
    OFFICIAL_ID,
    TOKAYEV,
    Figure,
    FigureClaim,
    all_results,
    figure_results,
    figures_result,
    official_result,
)

MINISTRY_LABEL = MINISTRY.label
GOVERNMENT_LABEL = GOVERNMENT.label


def _store(results) -> GraphStore:
    return fixture_store(results)


def _side(row: dict[str, object], side: str) -> tuple[object, ...]:
    return tuple(row[f"{c}_{side}"] for c in ("source", "value", "bound", "text", "document"))


def _pairs(rows: list[dict[str, object]]) -> set[tuple[object, ...]]:
    """Rows as (event, population, {side a, side b}): which claim is 'a' follows IRI order, not meaning."""
    return {(r["event"], r["population"], frozenset({_side(r, "a"), _side(r, "b")})) for r in rows}


# ------------------------------------------------------------------ conflicts.rq on the fixtures


def test_conflicts_fixture_rows_exact() -> None:
    with _store(all_results() + figure_results()) as store:
        rows = queries.run(store, "conflicts")
    assert _pairs(rows) == {
        (
            "injured",
            "security_forces",
            frozenset(
                {
                    (MINISTRY_LABEL, 748.0, "exact", "748 μέλη των σωμάτων ασφαλείας τραυματίστηκαν", INTERIOR_ID),
                    (GOVERNMENT_LABEL, 1000.0, "about", "σχεδόν χίλιοι αστυνομικοί τραυματίστηκαν", OFFICIAL_ID),
                }
            ),
        ),
        (
            "killed",
            "protesters",
            frozenset(
                {
                    (
                        MINISTRY_LABEL,
                        30.0,
                        "exact",
                        "πάνω από 3.000 διαδηλωτές προσήχθησαν και 30 διαδηλωτές σκοτώθηκαν",
                        INTERIOR_ID,
                    ),
                    (GOVERNMENT_LABEL, 26.0, "exact", "3.500 διαδηλωτές προσήχθησαν και 26 διαδηλωτές σκοτώθηκαν", OFFICIAL_ID),
                }
            ),
        ),
    }
    assert len(rows) == 2
    assert [(r["event"], r["population"]) for r in rows] == [("injured", "security_forces"), ("killed", "protesters")]
    assert all(str(r["claim_a"]) < str(r["claim_b"]) for r in rows)


def test_conflicts_question_reads_what_the_rule_found() -> None:
    with _store(all_results() + figure_results()) as store:
        assert queries.run(store, "conflicts") == find_conflicts(store)
        store.remove_graph(mint.DERIVED_GRAPH)  # the question reads the links, it does not recompute them
        assert queries.run(store, "conflicts") == []


@pytest.mark.parametrize(
    ("days", "conflict"), [(0, True), (7, True), (8, False), (-8, False), (None, False)]
)
def test_conflicts_only_within_a_week(days: int | None, conflict: bool) -> None:
    """Figures stated more than WINDOW apart are about different events; an undated figure meets only its own document's."""
    first = date(2022, 1, 9)
    other = figures_result("doc-b", [_claim(B, GOVERNMENT, Figure("1.000", 1000))],
                           published=first + timedelta(days=days) if days is not None else first)
    if days is None:  # no date at all on the second document's claim
        other = dataclasses.replace(other, attributions=tuple(dataclasses.replace(a, time=None) for a in other.attributions))
    docs = [figures_result("doc-a", [_claim(A, MINISTRY, Figure("748", 748))], published=first), other]
    with _store(docs) as store:
        assert bool(find_conflicts(store)) is conflict
    assert WINDOW == timedelta(days=7)


def _undated(result):
    return dataclasses.replace(result, attributions=tuple(dataclasses.replace(a, time=None) for a in result.attributions))


def _archive(n: int, dated: bool) -> list:
    """``n`` one-sentence documents, each a figure of injured police from one of three sources, all different."""
    docs, sources = [], ((A, MINISTRY), (B, GOVERNMENT), ("Ο Τοκάγιεφ", TOKAYEV))
    for i in range(n):
        speaker, entity = sources[i % 3]
        doc = figures_result(f"doc-{i:03d}", [_claim(speaker, entity, Figure(str(100 + i), 100 + i))],
                             published=date(2022, 1, 1) + timedelta(days=i))
        docs.append(doc if dated else _undated(doc))
    return docs


def test_conflicts_undated_figures_meet_only_their_own_document() -> None:
    """300 undated one-sentence documents gave 42,712 "conflicts": every figure was paired with every other."""
    with _store(_archive(300, dated=False)) as store:
        assert find_conflicts(store) == [] and refresh_derived(store) == 0


def test_conflicts_in_an_archive_are_bounded_by_the_window_and_real_ones_found() -> None:
    docs = _archive(300, dated=True)
    late = figures_result("late", [_claim(B, GOVERNMENT, Figure("5.000", 5000))], published=date(2022, 1, 1))
    docs += [late, _undated(figures_result("undated", [_claim(A, MINISTRY, Figure("1", 1))]))]
    with _store(docs) as store:
        rows = find_conflicts(store)
    pairs = {frozenset((r["document_a"], r["document_b"])) for r in rows}
    # each document meets the documents of the 7 days after it, two of each three from another source
    assert len(rows) == len(pairs) <= 300 * 7
    assert frozenset(("doc-000", "doc-001")) in pairs and frozenset(("doc-000", "late")) in pairs
    assert frozenset(("doc-000", "doc-010")) not in pairs  # ten days apart
    assert frozenset(("doc-000", "doc-003")) not in pairs  # the same source
    assert not any("undated" in p for p in pairs)


def test_conflicts_undated_figures_of_one_document_still_conflict() -> None:
    doc = _undated(figures_result("doc", [_claim(A, MINISTRY, Figure("748", 748)), _claim(B, GOVERNMENT, Figure("1.000", 1000))]))
    with _store([doc]) as store:
        (row,) = find_conflicts(store)
    assert row["document_a"] == row["document_b"] == "doc" and {row["value_a"], row["value_b"]} == {748, 1000}


def test_conflicts_none_without_figures() -> None:
    with _store(all_results()) as store:
        assert find_conflicts(store) == []


# ------------------------------------------------------------------ the rule, one pair at a time

A = "Το υπουργείο"
B = "Η κυβέρνηση"


def _claim(speaker, entity, figure: Figure, event="injured", population="security_forces", polarity="asserts"):
    fig = Figure(figure.text, figure.value, figure.bound, event, population, "αστυνομικοί")
    content = f"{figure.text} αστυνομικοί τραυματίστηκαν"
    return FigureClaim(speaker, entity, content, (fig,), polarity)


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        # two exact figures that differ
        (Figure("748", 748), Figure("750", 750), True),
        (Figure("748", 748), Figure("748", 748), False),
        # a hedged figure tolerates 10 %
        (Figure("748", 748), Figure("800", 800, "about"), False),
        (Figure("748", 748), Figure("1.000", 1000, "about"), True),
        (Figure("90", 90, "about"), Figure("100", 100), False),
        (Figure("89", 89, "about"), Figure("100", 100), True),
        # a bound the other figure satisfies
        (Figure("3.000", 3000, "at_least"), Figure("3.500", 3500), False),
        (Figure("3.000", 3000, "at_least"), Figure("2.000", 2000), True),
        (Figure("100", 100, "at_least"), Figure("3.000", 3000, "at_least"), False),
        (Figure("50", 50, "at_most"), Figure("40", 40), False),
        (Figure("50", 50, "at_most"), Figure("100", 100, "at_least"), True),
    ],
)
def test_conflicts_rule_pairs(a: Figure, b: Figure, conflict: bool) -> None:
    docs = [figures_result("doc-a", [_claim(A, MINISTRY, a)]), figures_result("doc-b", [_claim(B, GOVERNMENT, b)])]
    with _store(docs) as store:
        rows = find_conflicts(store)
    assert bool(rows) is conflict
    if conflict:
        (row,) = rows
        assert {row["value_a"], row["value_b"]} == {a.value, b.value}
        assert {row["bound_a"], row["bound_b"]} == {a.bound, b.bound}
        assert {row["document_a"], row["document_b"]} == {"doc-a", "doc-b"}


@pytest.mark.parametrize(
    ("claim_b", "why"),
    [
        (_claim(A, MINISTRY, Figure("1.000", 1000)), "same source"),
        (_claim("Πηγές", None, Figure("1.000", 1000)), "unresolved source"),
        (_claim(B, GOVERNMENT, Figure("1.000", 1000), population="protesters"), "another population"),
        (_claim(B, GOVERNMENT, Figure("1.000", 1000), event="killed"), "another event"),
        (_claim(B, GOVERNMENT, Figure("1.000", 1000), event=None), "no event"),
        (_claim(B, GOVERNMENT, Figure("1.000", 1000), population=None), "no population"),
        (_claim(B, GOVERNMENT, Figure("1.000", 1000), polarity="denies"), "a denial"),
    ],
)
def test_conflicts_none_for(claim_b: FigureClaim, why: str) -> None:
    docs = [figures_result("doc-a", [_claim(A, MINISTRY, Figure("748", 748))]), figures_result("doc-b", [claim_b])]
    with _store(docs) as store:
        assert find_conflicts(store) == [], why


def test_conflicts_same_document_different_sources() -> None:
    doc = figures_result("doc", [_claim(A, MINISTRY, Figure("748", 748)), _claim(B, GOVERNMENT, Figure("1.000", 1000))])
    with _store([doc]) as store:
        (row,) = find_conflicts(store)
    assert row["document_a"] == row["document_b"] == "doc"
    assert {row["source_a"], row["source_b"]} == {MINISTRY_LABEL, GOVERNMENT_LABEL}


def test_conflicts_source_is_the_entity_label() -> None:
    doc = figures_result("doc-a", [_claim(A, MINISTRY, Figure("748", 748))])
    other = figures_result("doc-b", [_claim("Ο Τοκάγιεφ", TOKAYEV, Figure("1.000", 1000))])
    with _store([doc, other]) as store:
        (row,) = find_conflicts(store)
    assert {row["source_a"], row["source_b"]} == {MINISTRY_LABEL, TOKAYEV.label}


# ------------------------------------------------------------------ refresh_derived


def _links(store: GraphStore) -> set[tuple[str, str]]:
    """The claim-level links; the figure-level ones must mirror them."""
    graph: Graph = store.graph(mint.DERIVED_GRAPH)
    assert set(graph.predicates()) <= {CA.conflictsWith, CA.figureConflictsWith}
    figures = {(str(s), str(o)) for s, o in graph.subject_objects(CA.figureConflictsWith)}
    assert {(_claim_of(a), _claim_of(b)) for a, b in figures} == {(str(s), str(o)) for s, o in graph.subject_objects(CA.conflictsWith)}
    return {(str(s), str(o)) for s, o in graph.subject_objects(CA.conflictsWith)}


def _claim_of(quantity: str) -> str:
    """kgr:quantity/{attribution}-{offset} belongs to kgr:claim/{attribution}."""
    return str(mint.claim_iri(mint.local_id(quantity, "quantity").rsplit("-", 1)[0]))


def test_conflicts_refresh_derived_writes_symmetric_links() -> None:
    with _store(all_results() + figure_results()) as store:
        assert refresh_derived(store) == 2
        links = _links(store)
        rows = find_conflicts(store)
        assert str(mint.DERIVED_GRAPH) in store.graphs()
    expected = {(str(r["claim_a"]), str(r["claim_b"])) for r in rows}
    assert len(expected) == 2
    assert links == expected | {(b, a) for a, b in expected}


def test_conflicts_refresh_derived_is_idempotent_and_leaves_documents_alone() -> None:
    with _store(figure_results()) as store:
        refresh_derived(store)
        first, size = _links(store), len(store)
        assert refresh_derived(store) == 2
        assert _links(store) == first and len(store) == size
        for result in figure_results():
            assert len(store.graph(mint.document_iri(result.document.id))) == len(document_graph(result))


@pytest.mark.parametrize(
    ("injured", "expected"),
    [
        (Figure("750", 750, "about", "injured", "security_forces", "αστυνομικοί"), 1),  # agrees with 748: one link pair gone
        (Figure("χίλιοι", 1000, "about", "injured", "protesters", "αστυνομικοί"), 1),
        (Figure("1.200", 1200, "exact", "injured", "security_forces", "αστυνομικοί"), 2),  # still a conflict, a new claim text
    ],
)
def test_conflicts_refresh_derived_after_replacing_a_document(injured: Figure, expected: int) -> None:
    with _store(figure_results()) as store:
        refresh_derived(store)
        before = _links(store)
        write_results(store, [official_result(injured)])
        assert refresh_derived(store) == expected
        after = _links(store)
        rows = find_conflicts(store)
        claims = {str(r["c"]) for r in store.query("PREFIX ca: <https://w3id.org/kg/ontology#> SELECT ?c WHERE { ?c a ca:Claim }")}
    pairs = {(str(r["claim_a"]), str(r["claim_b"])) for r in rows}
    assert after == pairs | {(b, a) for a, b in pairs}
    assert {c for link in after for c in link} <= claims  # no link to a claim that is gone
    injured_rows = [r for r in rows if r["event"] == "injured"]
    assert len(injured_rows) == expected - 1
    assert len(after) == 2 * expected
    assert after != before


def test_conflicts_refresh_derived_removes_the_graph_when_nothing_conflicts() -> None:
    with _store(figure_results()) as store:
        refresh_derived(store)
        assert str(mint.DERIVED_GRAPH) in store.graphs()
        store.remove_graph(mint.document_iri(OFFICIAL_ID))
        assert refresh_derived(store) == 0
        assert str(mint.DERIVED_GRAPH) not in store.graphs()
        assert len(store.graph(mint.DERIVED_GRAPH)) == 0


def test_conflicts_command_groups_the_table_and_counts(tmp_path) -> None:
    """The table names each event and population once, sorted; the count goes to stderr."""
    import io

    from kg.cli import run
    from kg.pipeline import store_path

    third = figures_result("doc-c", [_claim("Ο Τοκάγιεφ", TOKAYEV, Figure("900", 900))], published=date(2022, 1, 8))
    with GraphStore(store_path(tmp_path)) as store:
        write_results(store, figure_results() + [third])
    out, err = io.StringIO(), io.StringIO()
    assert run(["conflicts", str(tmp_path)], out, err) == 0
    lines = out.getvalue().splitlines()[2:]
    assert [line.split()[:2] for line in lines if not line.startswith(" ")] == [["injured", "security_forces"], ["killed", "protesters"]]
    assert len(lines) == 3 and lines[1].startswith(" ") and "900" in out.getvalue()
    assert err.getvalue() == "3 conflicting pair(s) of figures, 2 event(s) and population(s)\n"
