"""kg.rdf.validate: good data conforms; each known-bad fixture breaks exactly its shape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.namespace import RDF, SH

from kg.errors import InputError
from kg.rdf import SHAPES_PATH
from kg.rdf.build import build_dataset
from kg.rdf.validate import ValidationReport, validate
from kg.store import GraphStore
from rdf_fixtures import all_results

GRAPHS = Path(__file__).parent / "fixtures" / "graphs"
SHAPES_NS = "https://w3id.org/kg/shapes#"
BAD = sorted(p for p in GRAPHS.glob("*.trig") if p.name != "good.trig")


def expected_shape(path: Path) -> str:
    """The shape a bad fixture names in its first line: '# Known-bad: XShape - why'."""
    match = re.match(r"# Known-bad: (\w+)", path.read_text(encoding="utf-8"))
    assert match, f"{path.name} does not say which shape it breaks"
    return SHAPES_NS + match.group(1)


def load(path: Path) -> Dataset:
    return Dataset().parse(path, format="trig")


def test_validate_good_fixture_conforms() -> None:
    report = validate(load(GRAPHS / "good.trig"))
    assert report == ValidationReport(True, report.text, 0, ())


def test_validate_built_graphs_conform() -> None:
    report = validate(build_dataset(all_results()))
    assert report.conforms, report.text


def test_validate_store_contents() -> None:
    from kg.rdf.build import document_graph

    with GraphStore() as store:
        for result in all_results():
            store.replace_graph(document_graph(result))
        assert validate(store).conforms


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_validate_bad_fixture_fails_its_shape(path: Path) -> None:
    report = validate(load(path))
    assert not report.conforms
    assert report.results >= 1
    assert report.failed_shapes == (expected_shape(path),), report.text


def test_validate_every_shape_has_a_bad_fixture() -> None:
    shapes = Graph().parse(SHAPES_PATH, format="turtle")
    node_shapes = {str(s) for s in shapes.subjects(RDF.type, SH.NodeShape)}
    assert node_shapes == {expected_shape(p) for p in BAD}


def test_validate_accepts_a_plain_graph() -> None:
    ds = load(GRAPHS / "good.trig")
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    assert validate(g).conforms


def test_validate_missing_shapes_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nope.ttl"):
        validate(Graph(), tmp_path / "nope.ttl")


def test_validate_an_entity_has_at_most_one_name() -> None:
    """schema:name is the one label queries show (0.5): two break the entity shape."""
    from rdflib import Literal

    from kg import ns
    from kg.rdf import mint

    ds = build_dataset(all_results())
    entities = ds.graph(mint.ENTITY_GRAPH)
    node = next(entities.subjects(ns.SCHEMA.name, None))
    assert validate(ds).conforms
    entities.add((node, ns.SCHEMA.name, Literal("another name", lang="en")))
    report = validate(ds)
    assert not report.conforms
    assert report.failed_shapes == (SHAPES_NS + "EntityShape",)
