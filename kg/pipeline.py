"""The main job: documents in, one named graph per document out.

    documents → parse (stanza) → extract → link → RDF → store

Each document is analysed on its own and written as one transaction, so a
document that fails yields a diagnostic and the batch goes on; entities are
linked across every document of the build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from kg.errors import KGError, ModelError
from kg.extract import extract
from kg.io.documents import iter_documents
from kg.link import Linker
from kg.rdf.build import document_graph
from kg.store import GraphStore
from kg.types import Diagnostic, Document, DocumentResult, ParsedDoc

STORE_DIR = "store"
"""The embedded Oxigraph store inside a build's output folder."""


class Parser(Protocol):
    def parse(self, document: Document) -> ParsedDoc: ...


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did: counts for people, diagnostics for what went wrong."""

    out: Path
    documents: int = 0
    sentences: int = 0
    attributions: int = 0
    entities: int = 0
    failed: int = 0
    diagnostics: tuple[Diagnostic, ...] = field(default=())


def default_parser() -> Parser:
    from kg.nlp.stanza import StanzaParser

    return StanzaParser()


class Pipeline:
    """Parse, extract and link documents; keeps one linker so entities meet across documents."""

    def __init__(self, parser: Parser | None = None, linker: Linker | None = None) -> None:
        self.parser = parser or default_parser()
        self.linker = linker or Linker()

    def analyse(self, document: Document) -> DocumentResult:
        parsed = self.parser.parse(document)
        return self.analyse_parsed(parsed)

    def analyse_parsed(self, parsed: ParsedDoc) -> DocumentResult:
        attributions = self.linker.link_document(extract(parsed))
        return DocumentResult(
            document=parsed.document,
            sentences=parsed.sentences,
            attributions=attributions,
            entities=self.linker.entities_of(attributions),
            diagnostics=parsed.diagnostics,
        )


def store_path(out: Path | str) -> Path:
    return Path(out) / STORE_DIR


def open_store(out: Path | str, *, create: bool = False) -> GraphStore:
    """The store of a build folder; a folder with no store is an error unless ``create``."""
    path = store_path(out)
    if not create and not path.is_dir():
        raise KGError(f"{out}: no kg graph here (expected {path}); build one with `kg build INPUT -o {out}`")
    return GraphStore(path)


def build(
    inputs: Iterable[str | Path],
    out: Path | str,
    *,
    metadata: Path | str | None = None,
    pipeline: Pipeline | None = None,
    on_document: Callable[[Document, DocumentResult | None], None] | None = None,
) -> BuildReport:
    """Build (or update) the graph in ``out`` from files and folders of articles.

    Re-ingesting a document replaces its named graph, so building twice never
    duplicates anything. Raises ModelError only when no document could be
    parsed for want of models (then nothing would be built at all).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    pipeline = pipeline or Pipeline()
    diagnostics: list[Diagnostic] = []
    counts = {"documents": 0, "sentences": 0, "attributions": 0, "failed": 0}
    entities: set[str] = set()
    model_errors: list[ModelError] = []
    with open_store(out, create=True) as store:
        for item in iter_documents(inputs, metadata=metadata):
            if isinstance(item, Diagnostic):
                diagnostics.append(item)
                if item.level == "error":
                    counts["failed"] += 1
                continue
            try:
                result = pipeline.analyse(item)
                store.replace_graph(document_graph(result))
            except ModelError as exc:
                model_errors.append(exc)
                diagnostics.append(Diagnostic(item.path or item.id, str(exc), document=item.id))
                counts["failed"] += 1
                if on_document:
                    on_document(item, None)
                continue
            except KGError as exc:
                diagnostics.append(Diagnostic(item.path or item.id, str(exc), document=item.id))
                counts["failed"] += 1
                if on_document:
                    on_document(item, None)
                continue
            diagnostics.extend(result.diagnostics)
            counts["documents"] += 1
            counts["sentences"] += len(result.sentences)
            counts["attributions"] += len(result.attributions)
            entities.update(e.id for e in result.entities)
            if on_document:
                on_document(item, result)
    if model_errors and counts["documents"] == 0:
        raise model_errors[0]
    return BuildReport(out=out, entities=len(entities), diagnostics=tuple(diagnostics), **counts)
