"""The main job: documents in, one named graph per document out.

    documents → parse (stanza) → extract → link → RDF → store

Each document is analysed on its own and written as one transaction, so a
document that fails yields a diagnostic and the batch goes on; entities are
linked across every document of the build.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from kg.conflicts import refresh_derived
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
    conflicts: int = 0  # pairs of claims giving incompatible figures, across the whole graph
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
    """``OUT/store``: a link to the current generation of the store (see :func:`build`)."""
    return Path(out) / STORE_DIR


def open_store(out: Path | str, *, create: bool = False) -> GraphStore:
    """The store of a build folder; a folder with no store is an error unless ``create``."""
    path = store_path(out)
    if not create and not path.is_dir():
        raise KGError(f"{out}: no kg graph here (expected {path}); build one with `kg build INPUT -o {out}`")
    return GraphStore(path)


# A build never writes into the store readers use. It copies the current
# generation (a RocksDB checkpoint: hard links, cheap), writes the copy, and
# at the end points OUT/store at it with one atomic rename. A build killed
# half-way leaves OUT/store exactly as it was; its staging folder is removed
# by the next build.
_STAGING = ".staging-"
_GENERATION = "store-"


def _begin(out: Path) -> Path:
    for stale in out.glob(_STAGING + "*"):
        shutil.rmtree(stale, ignore_errors=True)
    staging = out / f"{_STAGING}{uuid.uuid4().hex}"
    current = store_path(out)
    if current.is_dir():
        with GraphStore(current) as store:
            store.backup(staging)
    return staging


def _commit(out: Path, staging: Path) -> None:
    current = store_path(out)
    previous = current.resolve() if current.is_symlink() else None
    generation = out / f"{_GENERATION}{uuid.uuid4().hex}"
    os.rename(staging, generation)
    if current.exists() and not current.is_symlink():  # a store from before generations: move it aside once
        legacy = out / f"{_GENERATION}legacy-{uuid.uuid4().hex}"
        os.rename(current, legacy)
        previous = legacy
    link = out / f"{_STAGING}link-{uuid.uuid4().hex}"
    os.symlink(generation.name, link)
    os.replace(link, current)  # the atomic switch
    if previous is not None and previous != generation.resolve():
        shutil.rmtree(previous, ignore_errors=True)


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
    staging = _begin(out)
    with GraphStore(staging) as store:
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
        conflicts = refresh_derived(store)
    if model_errors and counts["documents"] == 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise model_errors[0]
    _commit(out, staging)
    return BuildReport(out=out, entities=len(entities), conflicts=conflicts, diagnostics=tuple(diagnostics), **counts)
