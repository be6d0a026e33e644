"""SHACL validation of a kg graph against ``ontology/shapes.ttl`` (pySHACL).

The shapes are the output contract (ARCHITECTURE.md §5.10): ``kg validate``
exits 0 when the data conforms, 1 when it does not and 2 on error. Shapes
constrain nodes whose triples may be spread over several documents (an
entity described in every graph that mentions it), so validation runs over
the *union* of the named graphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from rdflib import Dataset, Graph
from rdflib.namespace import RDF, SH

from kg.errors import InputError, KGError
from kg.rdf import SHAPES_PATH

__all__ = ["ValidationReport", "validate", "union_graph", "load_shapes"]


@runtime_checkable
class _HasDataset(Protocol):
    def to_dataset(self) -> Dataset: ...


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of a SHACL validation.

    ``failed_shapes`` names the node shapes with at least one violation (a
    result from a property shape is credited to the node shape holding it),
    so tests and the CLI can tell which part of the contract broke.
    """

    conforms: bool
    text: str
    results: int
    failed_shapes: tuple[str, ...] = ()


def union_graph(data: Dataset | Graph) -> Graph:
    """All triples of all graphs of a dataset in one graph (a Graph is returned as is)."""
    if not isinstance(data, Dataset):
        return data
    union = Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def load_shapes(shapes_path: Path | str | None = None) -> Graph:
    """Parse a shapes file (default: ``ontology/shapes.ttl``); InputError when unreadable."""
    path = Path(shapes_path) if shapes_path is not None else SHAPES_PATH
    try:
        return Graph().parse(path, format="turtle")
    except Exception as error:  # OSError, or one of rdflib's several syntax errors
        raise InputError(path, f"cannot read SHACL shapes: {error}") from error


def _node_shape(shapes: Graph, shape: object) -> str:
    for owner in shapes.subjects(SH.property, shape):
        return str(owner)
    return str(shape)


def validate(
    data: Dataset | Graph | _HasDataset, shapes_path: Path | str | None = None
) -> ValidationReport:
    """Validate data (a Dataset, a Graph, or anything with ``to_dataset()`` such as a GraphStore)."""
    import pyshacl  # imported here: it is slow to import and only validation needs it

    if isinstance(data, _HasDataset) and not isinstance(data, Graph):
        data = data.to_dataset()
    shapes = load_shapes(shapes_path)
    try:
        conforms, results_graph, text = pyshacl.validate(
            union_graph(data),
            shacl_graph=shapes,
            inference="none",
            abort_on_first=False,
            allow_warnings=False,
        )
    except Exception as error:  # pySHACL reports malformed shapes with its own exceptions
        raise KGError(f"SHACL validation failed to run: {error}") from error
    found = list(results_graph.subjects(RDF.type, SH.ValidationResult))
    failed = sorted(
        {
            _node_shape(shapes, shape)
            for result in found
            for shape in results_graph.objects(result, SH.sourceShape)
        }
    )
    return ValidationReport(bool(conforms), str(text), len(found), tuple(failed))
