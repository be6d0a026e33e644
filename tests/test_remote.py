"""kg.remote: the store on a SPARQL 1.1 server, tested against a real Oxigraph server on 127.0.0.1.

The server is started once per module (``oxigraph serve`` on a free port,
a bounded wait for it to answer, always terminated); each test starts from
an empty store. Tests of the query rewriting alone need no server.
"""

from __future__ import annotations

import dataclasses
import re
import socket
import subprocess
import time
from datetime import date

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from kg import queries
from kg.errors import KGError, QueryError, StoreError
from kg.rdf import mint
from kg.rdf.build import document_graph
from kg.rdf.writer import write_results
from kg.remote import RemoteQueryError, RemoteStore, bind_values
from kg.store import FORMATS, GraphStore
from rdf_fixtures import add_orphan, HOSTILE, all_results, assert_isomorphic, figure_results, greek_result
from test_queries import PARAMS

# values chosen to end a string, a VALUES row, a group or the query if pasted
NASTY = [
    HOSTILE,
    'a"} } ; DROP ALL ; SELECT * { #',
    "x''' ) } #",
    'tri""" } #',
    "back\\slash \\u0022 } \\",
    "line\nbreak\r\n\t}",
    "Κασίμ-Ζομάρτ «ελ» 😀",
    "",
]


def _quads(text: str, fmt: str) -> set:
    return set(ox.parse(text.encode("utf-8"), format=FORMATS[fmt]))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> str:
    """The base URL of a read-write Oxigraph server on a free loopback port."""
    from kg.serve import server_binary

    try:
        binary = server_binary()
    except KGError as exc:
        pytest.skip(f"no Oxigraph server binary to test against: {exc}")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        probe = RemoteStore(url, timeout=2)
        while True:  # bounded wait for the server to listen
            try:
                probe.graphs()
                break
            except StoreError:
                if process.poll() is not None:
                    pytest.fail(f"oxigraph serve exited with {process.returncode}: {process.stderr.read().decode()[:500]}")
                if time.monotonic() > deadline:
                    pytest.fail(f"oxigraph serve did not answer on {url} within 20 s")
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture()
def remote(server: str) -> RemoteStore:
    with RemoteStore(server, timeout=10) as store:
        store.update("DROP SILENT ALL")
        yield store


def _graphs() -> list[Graph]:
    return [document_graph(r) for r in all_results() + figure_results()]


@pytest.fixture(scope="module")
def local() -> GraphStore:
    with GraphStore() as store:
        write_results(store, all_results() + figure_results())
        add_orphan(store)
        yield store


@pytest.fixture()
def loaded(remote: RemoteStore) -> RemoteStore:
    write_results(remote, all_results() + figure_results())
    add_orphan(remote)
    return remote


# ------------------------------------------------------------ writing


def test_remote_replace_graph_loads_the_same_quads(loaded: RemoteStore, local: GraphStore) -> None:
    assert loaded.graphs() == local.graphs()
    assert len(loaded) == len(local) > 0
    assert sorted(loaded.serialize("nquads").splitlines()) == sorted(local.serialize("nquads").splitlines())


def test_remote_replace_graph_twice_does_not_duplicate(loaded: RemoteStore) -> None:
    before = len(loaded)
    graph = document_graph(all_results()[0])
    loaded.replace_graph(graph)
    loaded.replace_graph(graph)
    assert len(loaded) == before
    smaller = Graph(identifier=graph.identifier)
    smaller.add(next(iter(graph)))
    loaded.replace_graph(smaller)  # replaces: the other triples of that graph are gone
    assert len(loaded) == before - len(graph) + 1
    assert_isomorphic(smaller, loaded.graph(graph.identifier))


def test_remote_graph_round_trips(loaded: RemoteStore) -> None:
    graph = document_graph(all_results()[-1])
    assert_isomorphic(graph, loaded.graph(graph.identifier))
    assert len(loaded.graph("https://example.org/absent")) == 0


def test_remote_remove_graph(loaded: RemoteStore) -> None:
    graph = document_graph(all_results()[0])
    before = len(loaded)
    loaded.remove_graph(graph.identifier)
    assert str(graph.identifier) not in loaded.graphs()
    assert len(loaded) == before - len(graph)
    loaded.remove_graph(graph.identifier)  # absent: no error
    loaded.remove_graph("https://example.org/never-there")


def test_remote_replace_graph_needs_an_iri(remote: RemoteStore) -> None:
    with pytest.raises(StoreError, match="IRI identifier"):
        remote.replace_graph(Graph())


def test_remote_dataset_and_trig_match_the_embedded_store(loaded: RemoteStore, local: GraphStore) -> None:
    # the same quads (the order of a dump is the store's own)
    assert _quads(loaded.serialize("trig"), "trig") == _quads(local.serialize("trig"), "trig")
    assert len(loaded.to_dataset()) == len(local.to_dataset())
    with pytest.raises(StoreError, match="valid formats: trig, nquads"):
        loaded.serialize("xml")


def test_remote_load_and_dump(loaded: RemoteStore, remote: RemoteStore, tmp_path) -> None:
    path = tmp_path / "all.trig"
    loaded.dump(path)
    text = path.read_text(encoding="utf-8")
    remote.update("DROP ALL")
    assert len(remote) == 0
    assert remote.load(path) == len(_graphs()) + 3  # and the entity, derived and index graphs
    assert _quads(remote.serialize("trig"), "trig") == _quads(text, "trig")


def test_remote_index_refresh_edits_the_index_as_the_embedded_store_does(loaded: RemoteStore) -> None:
    """A replaced document re-ranks its entities on the server too (StoreBase.edit_graph: one SPARQL Update)."""
    greek = greek_result()
    changed = dataclasses.replace(greek, attributions=greek.attributions[1:])
    write_results(loaded, [changed])
    with GraphStore() as embedded:
        write_results(embedded, all_results() + figure_results())
        write_results(embedded, [changed])
        assert sorted(loaded.graph(mint.INDEX_GRAPH)) == sorted(embedded.graph(mint.INDEX_GRAPH))
        for name, key in (("who_said_about", "soldiers"), ("said_by", "tokayev")):
            assert queries.run(loaded, name, key=key, limit=2) == queries.run(embedded, name, key=key, limit=2)


# ------------------------------------------------------------ reading


@pytest.mark.parametrize("name", queries.names())
def test_remote_bundled_query_matches_embedded(loaded: RemoteStore, local: GraphStore, name: str) -> None:
    expected = queries.run(local, name, **PARAMS.get(name, {}))
    assert expected, f"{name} returns nothing on the fixtures: the comparison would be empty"
    got = queries.run(loaded, name, **PARAMS.get(name, {}))
    if not re.search(r"^ORDER BY", queries.load(name), re.MULTILINE):  # a bulk read left unordered on purpose (index_about): same rows
        got, expected = (sorted(rows, key=lambda r: sorted((k, str(v)) for k, v in r.items())) for rows in (got, expected))
    assert got == expected


@pytest.mark.parametrize("name", [n for n in queries.names() if queries._PAGE.search(queries.load(n))])
def test_remote_pages_match_embedded(loaded: RemoteStore, local: GraphStore, name: str) -> None:
    """A page selected inside the query's sub-SELECT, with the parameters bound there, on a real server."""
    params = PARAMS.get(name, {})
    whole = queries.run(local, name, **params)
    assert whole, f"{name} returns nothing on the fixtures: the comparison would be empty"
    for offset in range(len(whole) + 1):
        assert queries.run(loaded, name, limit=1, offset=offset, **params) == whole[offset : offset + 1]


def test_remote_values_types_match_embedded(loaded: RemoteStore, local: GraphStore) -> None:
    sparql = "SELECT ?i ?d ?b ?day ?s ?iri ?none WHERE { BIND(3 AS ?i) BIND(2.5 AS ?d) BIND(true AS ?b) " \
        'BIND("2022-01-07"^^xsd:date AS ?day) BIND("κείμενο"@el AS ?s) BIND(<https://example.org/x> AS ?iri) }'
    rows = loaded.query(sparql)
    assert rows == local.query(sparql)
    assert rows == [{"i": 3, "d": 2.5, "b": True, "day": date(2022, 1, 7), "s": "κείμενο",
                     "iri": "https://example.org/x", "none": None}]


def test_remote_group_by_query_binds_a_group_variable(loaded: RemoteStore, local: GraphStore) -> None:
    tokayev = URIRef(str(mint.entity_iri("tokayev")))
    rows = queries.run(loaded, "most_cited")
    assert len(rows) > 1
    sparql = queries.load("most_cited")
    bound = loaded.query(sparql, {"source": tokayev})
    assert bound == local.query(sparql, {"source": tokayev})
    assert bound == [r for r in rows if r["source"] == str(tokayev)]


def test_remote_plain_query_binding_keeps_order_and_limit(loaded: RemoteStore, local: GraphStore) -> None:
    sparql = (
        "SELECT DISTINCT ?key ?content WHERE { ?speaker ca:asserts ?claim ; schema:identifier ?id . "
        "FILTER(STR(?id) = ?key) ?claim schema:text ?content } ORDER BY DESC(?content) LIMIT 2"
    )
    rows = loaded.query(sparql, {"key": "tokayev"})
    assert len(rows) == 2 and rows == local.query(sparql, {"key": "tokayev"})
    assert [r["content"] for r in rows] == sorted((r["content"] for r in rows), reverse=True)


def test_remote_sub_select_where_is_bound(loaded: RemoteStore, local: GraphStore) -> None:
    sparql = "SELECT * WHERE { SELECT ?document WHERE { ?d schema:identifier ?document ; a schema:NewsArticle } }"
    key = all_results()[0].document.id
    assert loaded.query(sparql, {"?document": key}) == local.query(sparql, {"?document": key}) == [{"document": key}]


def test_remote_ask(loaded: RemoteStore, local: GraphStore) -> None:
    sparql = "ASK { ?d schema:identifier ?id }"
    key = all_results()[0].document.id
    assert loaded.ask(sparql, {"id": key}) is local.ask(sparql, {"id": key}) is True
    assert loaded.ask(sparql, {"id": HOSTILE}) is local.ask(sparql, {"id": HOSTILE}) is False
    with pytest.raises(QueryError, match="use query"):
        loaded.ask("SELECT * { ?s ?p ?o } LIMIT 1")
    with pytest.raises(QueryError, match="use ask"):
        loaded.query(sparql)


# ------------------------------------------------------------ hostile parameters


def test_remote_hostile_parameter_is_a_literal(loaded: RemoteStore) -> None:
    before, graphs = len(loaded), loaded.graphs()
    for name in ("said_by", "who_said_about", "timeline"):
        assert queries.run(loaded, name, key=HOSTILE) == []
    assert len(loaded) == before and loaded.graphs() == graphs


@pytest.mark.parametrize("value", NASTY)
def test_remote_bound_value_round_trips(remote: RemoteStore, value: str) -> None:
    sparql = "SELECT ?v ?n WHERE { BIND(STRLEN(?v) AS ?n) }"
    assert remote.query(sparql, {"v": value}) == [{"v": value, "n": len(value)}]
    assert len(remote) == 0


def test_remote_typed_values_round_trip(remote: RemoteStore) -> None:
    values = {"i": 7, "f": 0.5, "b": False, "day": date(2022, 1, 7), "iri": URIRef("https://example.org/a#b"),
              "lang": Literal("τάξη", lang="el")}
    rows = remote.query("SELECT ?i ?f ?b ?day ?iri ?lang WHERE { }", values)
    assert rows == [{**values, "iri": "https://example.org/a#b", "lang": "τάξη"}]


@pytest.mark.parametrize("key", ["x) } #", "a b", "", "?"])
def test_remote_refuses_a_bad_variable_name(key: str) -> None:
    with pytest.raises(QueryError, match="variable name"):
        bind_values("SELECT * WHERE { }", {key: "v"})


def test_remote_refuses_an_iri_it_cannot_write() -> None:
    with pytest.raises(QueryError, match="cannot bind"):
        bind_values("SELECT ?x WHERE { }", {"x": URIRef("https://example.org/> } ; DROP ALL ; <x")})


def test_remote_binding_must_be_projected(remote: RemoteStore) -> None:
    with pytest.raises(QueryError, match="does not project"):
        remote.query("SELECT ?a WHERE { BIND(1 AS ?a) }", {"b": 2})


# ------------------------------------------------------------ the rewriting alone


def test_remote_values_go_into_the_outer_where() -> None:
    query = (
        'PREFIX ex: <https://example.org/#{>  # a comment with { and (\n'
        "SELECT ?key (EXISTS { ?a ?b ?c } AS ?e) WHERE { ?s ex:p \"}{\" . OPTIONAL { ?s ex:q '''{''' } }\n"
        "ORDER BY ?key LIMIT 3"
    )
    bound = bind_values(query, {"key": 'x" }'})
    assert bound.startswith(query[: query.index("WHERE {") + 7] + ' VALUES (?key) { ("x\\" }") }')
    assert bound.endswith("'''{''' } }\nORDER BY ?key LIMIT 3")


def test_remote_values_wrap_a_sub_select() -> None:
    bound = bind_values("SELECT * { SELECT ?x { ?x ?p ?o } }", {"x": 1})
    assert bound.replace(" ", "").replace("\n", "") == (
        'SELECT*{VALUES(?x){("1"^^<http://www.w3.org/2001/XMLSchema#integer>)}{SELECT?x{?x?p?o}}}'
    )


def test_remote_without_bindings_the_query_is_unchanged() -> None:
    assert bind_values("SELECT * { ?s ?p ?o }", None) == "SELECT * { ?s ?p ?o }"
    with pytest.raises(QueryError, match="SELECT and ASK"):
        bind_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": 1})


# ------------------------------------------------------------ errors


def test_remote_refused_connection_names_the_url() -> None:
    url = f"http://127.0.0.1:{_free_port()}"  # nothing listens there
    store = RemoteStore(url, timeout=5)
    with pytest.raises(StoreError, match=f"{url}/query"):
        store.graphs()
    with pytest.raises(StoreError, match=f"{url}/store"):
        store.replace_graph(document_graph(all_results()[0]))


def test_remote_http_error_names_status_and_body(remote: RemoteStore) -> None:
    with pytest.raises(RemoteQueryError, match=rf"{remote.query_url} failed: HTTP 400") as caught:
        remote.query("SELECT WHERE {")
    assert isinstance(caught.value, QueryError) and isinstance(caught.value, StoreError)
    store = RemoteStore(remote.url, store_url=remote.url + "/no-such-endpoint")
    with pytest.raises(StoreError, match="HTTP 404"):
        store.replace_graph(document_graph(all_results()[0]))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/", "127.0.0.1:7878"])
def test_remote_needs_an_http_url(url: str) -> None:
    with pytest.raises(StoreError, match="http"):
        RemoteStore(url)
