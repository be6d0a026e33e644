"""kg: a claim-attribution knowledge graph for news.

Who said what, about whom, when, and who reported it — extracted from
articles with stanza dependency parses and stored as RDF.

The Python API is the functions the ``kg`` command runs, under short names::

    import kg

    report = kg.build(["articles/"], "out")        # kg build articles/ -o out
    with kg.open_graph("out") as graph:            # read-only; or a SPARQL server's URL
        kg.answer(graph, "who-said", about="Tokayev")   # kg ask out who-said --about Tokayev
        kg.query(graph, "claims_by_speaker")       # kg query out claims_by_speaker
        kg.records(graph)                          # kg export out --format jsonl, as dicts

They are imported when first used, so ``import kg`` (and ``kg --help``)
stays quick.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:  # what type checkers see; at run time __getattr__ imports them on first use
    from kg.ask import ask as answer
    from kg.errors import KGError, NameNotFound
    from kg.export import attribution_records as records
    from kg.pipeline import BuildReport, build
    from kg.pipeline import open_store as open_graph
    from kg.queries import run as query

_API: dict[str, tuple[str, str]] = {
    "build": ("kg.pipeline", "build"),
    "BuildReport": ("kg.pipeline", "BuildReport"),
    "open_graph": ("kg.pipeline", "open_store"),
    "answer": ("kg.ask", "ask"),
    "query": ("kg.queries", "run"),
    "records": ("kg.export", "attribution_records"),
    "KGError": ("kg.errors", "KGError"),
    "NameNotFound": ("kg.errors", "NameNotFound"),
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> object:
    if name not in _API:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    module, attribute = _API[name]
    value = getattr(import_module(module), attribute)
    globals()[name] = value  # once: later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
