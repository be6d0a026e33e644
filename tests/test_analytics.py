"""kg.analytics: the RDF → networkx projections and the source analytics, with exact expected values.

The store holds the Greek and hostile documents of rdf_fixtures plus one more
document built here, in which Russia Today relays Tokayev and the ministry
speaks about the soldiers, so that the chain graph has two reporters and the
speaker–entity graph one connected component with a cycle. Expected values
were worked out by hand (see the comments).
"""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest

from kg import analytics
from kg.analytics import project
from kg.errors import KGError
from kg.rdf import mint
from kg.rdf.build import document_graph
from kg.store import GraphStore
from kg.types import Attribution, Document, DocumentResult, Entity, TimeRef
from kg.lexicons import fold
from rdf_fixtures import (
    fixture_store,
    GREEK_ID,
    MINISTRY,
    PROTESTERS,
    SOLDIERS,
    TOKAYEV,
    greek_result,
    hostile_result,
    mention,
    sentences,
    span,
)

RT_ID = "rt-el-2022-01-08"
RT_TEXT = (
    "Σύμφωνα με το Russia Today, ο Τοκάγιεφ δήλωσε ότι οι διαδηλωτές είναι τρομοκράτες. "
    "Το υπουργείο ανέφερε ότι οι στρατιώτες επέστρεψαν."
)
RUSSIA_TODAY = Entity(id="russia-today", label="Russia Today", type="NewsMediaOrganization")


def iri(key: str) -> str:
    return str(mint.entity_iri(key))


TOK, BBC_I, RT, MIN = iri("tokayev"), iri("bbc"), iri("russia-today"), iri("ministry-interior")
SOL, PRO, ORD = iri("soldiers"), iri("protesters"), iri("public-order")
MORE = iri('unlisted/x" } ; DROP ALL ; #')
TOK_LABEL = TOKAYEV.label


def rt_result() -> DocumentResult:
    t = RT_TEXT
    sents = sentences(t, "el")
    published = TimeRef(date(2022, 1, 8), "publication")
    relayed = Attribution(
        document=RT_ID, sentence=0, sentence_text=sents[0].text,
        cue=span(t, "δήλωσε"), cue_lemma="δηλώνω",
        content=span(t, "οι διαδηλωτές είναι τρομοκράτες"),
        source=mention(t, "ο Τοκάγιεφ", "Τοκάγιεφ", "Person", "tokayev"),
        about=(mention(t, "διαδηλωτές", "διαδηλωτής", "GroupOfPeople", "protesters"),),
        reported_by=mention(t, "το Russia Today", "Russia Today", "NewsMediaOrganization", "russia-today"),
        reporting_cue=span(t, "Σύμφωνα με"), time=published, rule="verb-ccomp",
    )
    ministry = Attribution(
        document=RT_ID, sentence=1, sentence_text=sents[1].text,
        cue=span(t, "ανέφερε"), cue_lemma="αναφέρω",
        content=span(t, "οι στρατιώτες επέστρεψαν"),
        source=mention(t, "Το υπουργείο", "υπουργείο", "Organization", "ministry-interior"),
        about=(mention(t, "στρατιώτες", "στρατιώτης", "GroupOfPeople", "soldiers"),),
        time=published, rule="verb-ccomp",
    )
    doc = Document(id=RT_ID, text=t, lang="el", published=date(2022, 1, 8), publisher="RT")
    return DocumentResult(doc, sents, (relayed, ministry), (TOKAYEV, RUSSIA_TODAY, MINISTRY, PROTESTERS, SOLDIERS))


def _store(results: list[DocumentResult]) -> GraphStore:
    return fixture_store(results)


@pytest.fixture(scope="module")
def base() -> GraphStore:
    """The Greek and hostile documents only: BBC relays Tokayev once."""
    with _store([greek_result(), hostile_result()]) as store:
        yield store


@pytest.fixture(scope="module")
def store() -> GraphStore:
    with _store([greek_result(), hostile_result(), rt_result()]) as store:
        yield store


# ------------------------------------------------------------------ project


class _StringOnly:
    """A store that checks the analytics send SPARQL *strings* (never pre-parsed queries)."""

    def __init__(self, inner: GraphStore) -> None:
        self.inner, self.calls = inner, 0

    def query(self, sparql, bindings=None):
        assert isinstance(sparql, str)
        self.calls += 1
        return self.inner.query(sparql, bindings)


def test_analytics_read_sends_query_strings(base: GraphStore) -> None:
    spy = _StringOnly(base)
    snap = project.read(spy)
    assert spy.calls == 2
    assert len(snap.attributions) == 5


def test_analytics_read_snapshot(base: GraphStore) -> None:
    snap = project.read(base)
    assert [a.attribution for a in snap.attributions] == sorted(a.attribution for a in snap.attributions)
    assert snap.entity(TOK) == project.EntityInfo(TOK, "tokayev", TOK_LABEL, "Person")
    assert snap.entity(BBC_I).type == "NewsMediaOrganization"
    assert snap.entity("urn:x:unknown") == project.EntityInfo("urn:x:unknown", None, "urn:x:unknown", "Thing")
    unresolved = [a for a in snap.attributions if a.source is None]
    assert [(a.source_mention, a.about, a.about_mentions, a.content) for a in unresolved] == [
        ("πληροφορίες", (), ("άνθρωπος",), "748 άνθρωποι τραυματίστηκαν")
    ]
    chain = [a for a in snap.attributions if a.reporter]
    assert [(a.source, a.reporter, a.reporter_mention, a.about) for a in chain] == [(TOK, BBC_I, "το BBC", (SOL,))]
    denial = [a for a in snap.attributions if a.polarity == "denies"]
    assert [(a.source, a.content, a.about) for a in denial] == [(MIN, "σκοτώθηκαν διαδηλωτές", (PRO,))]


def test_analytics_read_one_document(base: GraphStore) -> None:
    snap = project.read(base, document=GREEK_ID)
    assert {a.document for a in snap.attributions} == {GREEK_ID}
    assert len(snap.attributions) == 4


def test_analytics_entity_with_two_classes_gets_most_specific() -> None:
    assert project._pick_type("Organization NewsMediaOrganization") == "NewsMediaOrganization"
    assert project._pick_type("Thing Person") == "Person"
    assert project._pick_type(None) == "Thing"


def test_analytics_claim_graph(store: GraphStore) -> None:
    g = analytics.claim_graph(store)
    assert isinstance(g, nx.MultiDiGraph)
    kinds = nx.get_node_attributes(g, "kind")
    # 7 claims (4 Greek, 1 hostile, 2 RT); 8 entities; the unresolved source has no node
    assert sorted(kinds.values()).count("claim") == 7
    assert sorted(n for n, k in kinds.items() if k == "entity") == sorted([TOK, BBC_I, RT, MIN, SOL, PRO, ORD, MORE])
    assert g.number_of_edges() == 14
    relations = sorted(d["relation"] for _, _, d in g.edges(data=True))
    assert relations == ["about"] * 6 + ["asserts"] * 5 + ["denies"] + ["reported"] * 2
    assert g.nodes[TOK] == {"kind": "entity", "label": TOK_LABEL, "type": "Person", "key": "tokayev",
                            "roles": ("speaker",)}
    assert g.nodes[PRO]["roles"] == ("about",) and g.nodes[BBC_I]["roles"] == ("reporter",)
    (claim,) = [n for n, d in g.nodes(data=True) if d.get("label") == "σκοτώθηκαν διαδηλωτές"]
    assert list(g.in_edges(claim, keys=True)) == [(MIN, claim, "denies")]
    assert list(g.out_edges(claim, keys=True)) == [(claim, PRO, "about")]
    assert g.nodes[claim]["document"] == GREEK_ID and g.nodes[claim]["polarity"] == "denies"
    (unresolved,) = [n for n, d in g.nodes(data=True) if d.get("source_mention") == "πληροφορίες"]
    assert g.degree(unresolved) == 0 and g.nodes[unresolved]["about_mentions"] == ("άνθρωπος",)
    # reporters point at the claim they relayed, which its speaker asserts
    for reporter in (BBC_I, RT):
        ((_, relayed, key),) = g.out_edges(reporter, keys=True)
        assert key == "reported" and g.has_edge(TOK, relayed, "asserts")


def test_analytics_source_graph(store: GraphStore) -> None:
    g = analytics.source_graph(store)
    assert list(g.nodes) == sorted([BBC_I, RT, TOK])
    assert sorted((u, v, d["weight"]) for u, v, d in g.edges(data=True)) == [(BBC_I, TOK, 1), (RT, TOK, 1)]
    assert g.nodes[RT] == {"label": "Russia Today", "type": "NewsMediaOrganization", "key": "russia-today"}


def test_analytics_speaker_entity_graph(store: GraphStore) -> None:
    g = analytics.speaker_entity_graph(store)
    assert nx.is_bipartite(g)
    speakers = {n for n, d in g.nodes(data=True) if d["bipartite"] == 0}
    assert speakers == {("speaker", TOK), ("speaker", MIN)}
    edges = {(u[1], v[1]): (d["weight"], d["asserts"], d["denies"]) for u, v, d in g.edges(data=True)}
    assert edges == {
        (TOK, SOL): (1, 1, 0), (TOK, ORD): (1, 1, 0), (TOK, MORE): (1, 1, 0), (TOK, PRO): (1, 1, 0),
        (MIN, PRO): (1, 0, 1), (MIN, SOL): (1, 1, 0),
    }
    assert g.nodes[("entity", SOL)]["label"] == "στρατιώτες"


def test_analytics_projections_are_deterministic(store: GraphStore) -> None:
    with _store([rt_result(), hostile_result(), greek_result()]) as other:
        for build in (analytics.claim_graph, analytics.source_graph, analytics.speaker_entity_graph):
            a, b = build(store), build(other)
            assert list(a.nodes(data=True)) == list(b.nodes(data=True))
            assert list(a.edges(data=True)) == list(b.edges(data=True))


def test_analytics_empty_store() -> None:
    with GraphStore() as empty:
        assert analytics.claim_graph(empty).number_of_nodes() == 0
        assert analytics.relays(empty) == analytics.influence(empty) == []
        assert analytics.centrality(empty) == analytics.communities(empty) == []


# ------------------------------------------------------------------ sources


def test_analytics_relays(store: GraphStore, base: GraphStore) -> None:
    assert analytics.relays(store) == [
        analytics.Relay(BBC_I, "BBC", TOK, TOK_LABEL, 1),
        analytics.Relay(RT, "Russia Today", TOK, TOK_LABEL, 1),
    ]
    assert [(r.reporter_label, r.attributions) for r in analytics.relays(base)] == [("BBC", 1)]


def test_analytics_influence_pagerank(store: GraphStore, base: GraphStore) -> None:
    # Two outlets → Tokayev, α = 0.85, Tokayev dangling: x_o = 0.05 + (0.85/3)·x_t and
    # x_t + 2·x_o = 1, so x_t = 27/47 and each outlet 10/47.
    got = analytics.influence(store)
    assert [(i.label, i.relays, i.relayed_attributions, i.relayed_by, i.times_relayed) for i in got] == [
        (TOK_LABEL, 0, 0, 2, 2), ("BBC", 1, 1, 0, 0), ("Russia Today", 1, 1, 0, 0),
    ]
    assert [i.pagerank for i in got] == pytest.approx([27 / 47, 10 / 47, 10 / 47], abs=1e-11)
    # one outlet: x_b = 0.075 + 0.425·x_t, x_t + x_b = 1 → x_t = 0.925/1.425
    assert [i.pagerank for i in analytics.influence(base)] == pytest.approx([0.925 / 1.425, 0.5 / 1.425], abs=1e-11)


def test_analytics_pagerank_matches_definition() -> None:
    g = nx.DiGraph()
    g.add_weighted_edges_from([("a", "b", 3), ("a", "c", 1), ("b", "c", 1), ("c", "a", 1)])
    ranks = analytics.pagerank(g)
    assert sum(ranks.values()) == pytest.approx(1.0)
    # the fixed point of r = (1-α)/n + α·Σ r_u·w_uv/out_u
    for v in g:
        flow = sum(ranks[u] * d["weight"] / g.out_degree(u, weight="weight") for u, _, d in g.in_edges(v, data=True))
        assert ranks[v] == pytest.approx(0.05 + 0.85 * flow, abs=1e-10)
    with pytest.raises(KGError, match="alpha"):
        analytics.pagerank(g, alpha=1.0)


def test_analytics_speaker_centrality(store: GraphStore) -> None:
    # 6 nodes, betweenness normalised by (n-1)(n-2)/2 = 10: Tokayev lies on 7 shortest paths and on
    # half of soldiers–protesters (the other half goes through the ministry).
    got = analytics.centrality(store, "speaker")
    assert [(c.label, c.degree, c.claims, c.degree_centrality, c.betweenness) for c in got] == [
        (TOK_LABEL, 4, 4, 1.0, 0.75),
        ("Υπουργείο Εσωτερικών", 2, 2, 0.5, 0.05),
    ]
    assert got[0].iri == TOK and got[0].role == "speaker" and got[0].type == "Person"


def test_analytics_entity_centrality(store: GraphStore) -> None:
    got = analytics.centrality(store, role="entity")
    assert [(c.label, c.degree, c.degree_centrality, c.betweenness) for c in got] == [
        ("διαδηλωτές", 2, 1.0, 0.15),
        ("στρατιώτες", 2, 1.0, 0.15),
        ("more", 1, 0.5, 0.0),
        ("δημόσια τάξη", 1, 0.5, 0.0),
    ]


def test_analytics_centrality_rejects_unknown_role(store: GraphStore) -> None:
    with pytest.raises(KGError, match="valid roles: speaker, entity"):
        analytics.centrality(store, role="reporter")  # type: ignore[arg-type]


def test_analytics_communities(base: GraphStore) -> None:
    # two components: Tokayev with what he talks about, the ministry with the protesters
    got = analytics.communities(base, seed=1)
    assert [([m.label for m in c.speakers], [m.label for m in c.entities]) for c in got] == [
        ([TOK_LABEL], ["more", "δημόσια τάξη", "στρατιώτες"]),
        (["Υπουργείο Εσωτερικών"], ["διαδηλωτές"]),
    ]


def test_analytics_communities_seeded(store: GraphStore) -> None:
    first = analytics.communities(store, seed=7)
    assert first == analytics.communities(store, seed=7)
    members = sorted(m.iri for c in first for m in (*c.speakers, *c.entities))
    assert members == sorted([TOK, MIN, SOL, PRO, ORD, MORE])


def test_analytics_accepts_a_snapshot(store: GraphStore) -> None:
    snap = analytics.read(store)
    assert analytics.relays(snap) == analytics.relays(store)
    assert analytics.centrality(snap) == analytics.centrality(store)


# ------------------------------------------------------------------ seeds


@pytest.mark.models
def test_analytics_seeds_tokayev_relayed_and_central(seed_build) -> None:
    from kg.pipeline import open_store

    with open_store(seed_build[0]) as s:
        snap = analytics.read(s)
    # the outlets relaying Tokayev; Russia Today may be labelled by its short name RT
    outlets = {fold(r.reporter_label) for r in analytics.relays(snap) if "τοκαγιεφ" in fold(r.speaker_label)}
    assert "bbc" in outlets and outlets & {"russia today", "rt"}, outlets
    top = analytics.influence(snap)[0]
    assert "Τοκάγιεφ" in top.label and top.relayed_by >= 2
    speakers = analytics.centrality(snap, "speaker")
    assert "Τοκάγιεφ" in speakers[0].label
    assert speakers[0].betweenness == max(c.betweenness for c in speakers)
