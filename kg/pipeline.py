"""The main job: documents in, one named graph per document out.

    documents → parse (stanza) → extract → link → RDF → store

Each document is analysed on its own and written as one transaction, so a
document that fails yields a diagnostic and the batch goes on; entities are
linked across every document of the build, and described once, with the
conflicting figures, when the build ends (kg.rdf.writer).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kg.cache import CACHE_DIR
from kg.errors import KGError, ModelError, StoreError
from kg.extract import extract
from kg.io.documents import iter_documents
from kg.link import Linker
from kg.outfolder import LOCK_FILE, STORE_DIR, BuildLock, begin, commit, discard, open_read_only, store_path
from kg.parallel import Analysed, ParserSpec, run_dask, run_here, run_processes
from kg.rdf.writer import GraphWriter
from kg.store import GraphStore
from kg.types import Diagnostic, Document, DocumentResult, ParsedDoc, Step

if TYPE_CHECKING:
    from kg.remote import RemoteStore


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

    def analyse_parsed(self, parsed: ParsedDoc, attributions: tuple | None = None) -> DocumentResult:
        """Link (and, unless given, extract) the attributions of a parsed document."""
        found = extract(parsed) if attributions is None else attributions
        attributions = self.linker.link_document(found, {s.index: s.lang for s in parsed.sentences})
        return DocumentResult(
            document=parsed.document,
            sentences=parsed.sentences,
            attributions=attributions,
            entities=self.linker.entities_of(attributions),
            diagnostics=parsed.diagnostics,
            affiliations=self.linker.affiliations_of(attributions),
        )


def is_url(location: Path | str) -> bool:
    return str(location).startswith(("http://", "https://"))


def open_store(out: Path | str, *, create: bool = False) -> GraphStore | RemoteStore:
    """The store of a build folder, or a SPARQL 1.1 server when ``out`` is its URL.

    A folder's store opens read-only (no lock: readers run side by side and
    while a build writes); ``create`` opens it for writing, created when
    missing (not while a build may write OUT).
    """
    if is_url(out):
        from kg.remote import RemoteStore

        return RemoteStore(str(out))
    if create:
        return GraphStore(store_path(out))
    return open_read_only(out)


def build(
    inputs: Iterable[str | Path],
    out: Path | str,
    *,
    metadata: Path | str | None = None,
    pipeline: Pipeline | None = None,
    workers: int = 1,
    dask: str | None = None,
    device: str | None = None,
    cache: bool = True,
    store_url: str | None = None,
    progress: Callable[[Step], None] | None = None,
) -> BuildReport:
    """Build (or update) the graph in ``out`` from files and folders of articles.

    Re-ingesting a document replaces its named graph, so building twice never
    duplicates anything; parses are cached in ``OUT/cache`` so an unchanged
    document is never parsed twice. ``workers`` > 1 parses in that many
    processes, ``dask`` on a Dask cluster; the graph is the same either way.
    With ``store_url`` the graph goes to that SPARQL 1.1 server (one atomic
    Graph Store PUT per document) and ``out`` keeps only the parse cache.
    A document in a language without models is kept in the graph,
    unanalysed, with a ``ca:diagnostic`` saying so (and a warning), also
    when it is the only one. Raises ModelError when no document could be
    parsed because no models are installed at all: a graph of unanalysed
    documents would replace the previous one. ``progress`` hears how far each stage is
    (:class:`kg.types.Step`); given one, the inputs are read once more
    first, for the totals (a fraction of a parse's time).

    One build writes ``out`` at a time (another one fails at once, naming
    its pid), and only kg's own store there is ever replaced (kg.outfolder).
    A build that fails, or in which every document failed, leaves the
    previous graph as it was, and no new empty ``out`` behind.
    """
    out = Path(out)
    if workers < 1:
        raise KGError(f"workers must be at least 1, got {workers}")
    created = not out.exists() and not out.is_symlink()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot create the graph folder {out}: {error.strerror or error}") from error
    lock = BuildLock(out).acquire()  # one writer at a time; the OS releases it if this process dies
    staging = None
    kept = False
    try:
        staging = None if store_url else begin(out)  # refuses an OUT/store that is not kg's own, before any work
        report = _build(inputs, out, staging, metadata, pipeline, workers, dask, device, cache, store_url, progress)
        kept = report.documents > 0 or report.failed == 0  # a build where everything failed changes nothing
        if staging is not None and kept:
            commit(out, staging)
            staging = None
        return report
    finally:  # also on Ctrl-C: the previous graph stays as it was
        discard(staging)
        empty = created and not kept and _empty(out)
        lock.release(remove=empty)
        if empty:
            try:
                out.rmdir()  # a new OUT with nothing built is not left behind
            except OSError:
                pass


def _empty(out: Path) -> bool:
    """Whether OUT holds nothing but its lock file (and an empty parse cache, removed here)."""
    try:
        (out / CACHE_DIR).rmdir()
    except OSError:
        pass
    try:
        return set(os.listdir(out)) <= {LOCK_FILE}
    except OSError:
        return False


def _count(inputs, metadata, progress: Callable[[Step], None]) -> tuple[int, int]:
    """How many documents the inputs hold, and characters in all: the totals of a build's progress."""
    documents = characters = 0
    for item in iter_documents(inputs, metadata=metadata):
        if isinstance(item, Document):
            documents += 1
            characters += len(item.text)
            if documents % 100 == 0:
                progress(Step("counting", documents, None))
    return documents, characters


class _Tally:
    """The build's progress across documents: a document's parse steps become the build's."""

    def __init__(self, progress: Callable[[Step], None] | None, documents: int | None, characters: int | None) -> None:
        self.progress, self.documents, self.characters = progress, documents, characters
        self.parsed = self.linked = self.written = self.failed = 0
        self.parsing: dict[str, int] = {}  # characters parsed so far of the documents the parser is at (a chunk: several)

    def parse_step(self, step: Step) -> None:
        if self.progress is not None:
            if step.stage == "parsing":
                self.parsing[step.what] = step.done
                step = Step("parsing", self.parsed + sum(self.parsing.values()), self.characters, "characters", step.what, self.failed)
            self.progress(step)

    def parsed_one(self, document: Document) -> None:
        self.parsing.pop(document.id, None)
        self.parsed += len(document.text)
        self._tell(Step("parsing", self.parsed + sum(self.parsing.values()), self.characters, "characters", document.id, self.failed))

    def linked_one(self, document: Document) -> None:
        self.linked += 1
        self._tell(Step("linking", self.linked, self.documents, what=document.id, failed=self.failed))

    def written_one(self, document: Document) -> None:
        self.written += 1
        self._tell(Step("writing", self.written, self.documents, what=document.id, failed=self.failed))

    def failed_one(self, document: Document) -> None:
        """A document that failed is done with at every stage (the totals still add up)."""
        self.failed += 1
        if self.linked < self.written + 1:
            self.linked_one(document)
        self.written_one(document)

    def _tell(self, step: Step) -> None:
        if self.progress is not None:
            self.progress(step)


def _build(inputs, out, staging, metadata, pipeline, workers, dask, device, cache, store_url, progress) -> BuildReport:
    """The body of :func:`build`: parse, link and write into ``staging`` (or the server at ``store_url``)."""
    tally = _Tally(progress, *(_count(inputs, metadata, progress) if progress is not None else (None, None)))
    spec = None
    if pipeline is None:
        from kg.nlp.stanza import resources_dir

        spec = ParserSpec(
            str(resources_dir()), device=device, threads=1 if workers > 1 or dask else None,
            cache=str(out / CACHE_DIR) if cache else None,
        )
        pipeline = Pipeline(parser=spec.build(tally.parse_step if progress else None) if workers == 1 and not dask else _NoParser())
    items = iter_documents(inputs, metadata=metadata)
    if dask:
        outcomes = run_dask(items, spec or ParserSpec(cache=str(out / CACHE_DIR) if cache else None), dask)
    elif workers > 1:
        outcomes = run_processes(items, spec or ParserSpec(cache=str(out / CACHE_DIR) if cache else None, threads=1), workers)
    else:
        outcomes = run_here(items, pipeline.parser)

    diagnostics: list[Diagnostic] = []
    counts = {"documents": 0, "sentences": 0, "attributions": 0, "failed": 0}
    entities: set[str] = set()
    model_errors: list[str] = []
    analysed = 0  # documents parsed (not kept unanalysed for want of models)
    with open_store(store_url) if store_url else GraphStore(staging) as store:
        writer = GraphWriter(store)
        pipeline.linker.remember(writer.known_labels())
        for item in outcomes:
            if isinstance(item, Diagnostic):
                diagnostics.append(item)
                counts["failed"] += item.level == "error"
                continue
            document = item.document
            result = None
            tally.parsed_one(document)
            if item.model_error:  # a language without models: the document is in the graph, unanalysed
                if not item.unsupported:
                    model_errors.append(str(item.error))  # no model at all: the install is incomplete
                note = f"not analysed: {item.error}"
                document = replace(document, notes=(*document.notes, note))
                warning = Diagnostic(document.path or document.id, note, document.id, "warning")
                item = Analysed(document, ParsedDoc(document, (), (warning,)))
            else:
                analysed += 1
            if item.error is None:
                try:
                    result = pipeline.analyse_parsed(item.parsed, item.attributions)
                    tally.linked_one(document)
                    replaced = writer.write(result)
                    if replaced is not None:
                        diagnostics.append(replaced)
                except KGError as exc:
                    item = Analysed(document, error=str(exc))
                except Exception as exc:  # a bug must cost one document, never the batch
                    item = Analysed(document, error=f"internal error ({type(exc).__name__}: {exc}); please report it")
            if item.error is not None or result is None:
                diagnostics.append(Diagnostic(document.path or document.id, str(item.error), document=document.id))
                counts["failed"] += 1
                tally.failed_one(document)
                continue
            diagnostics.extend(result.diagnostics)
            counts["documents"] += 1
            counts["sentences"] += len(result.sentences)
            counts["attributions"] += len(result.attributions)
            entities.update(e.id for e in result.entities)
            tally.written_one(document)
        if progress is not None:
            progress(Step("finishing", 0, None, "steps", "entities, conflicts, index"))
        conflicts = writer.finish().conflicts
        if progress is not None:
            progress(Step("finishing", 1, 1, "steps", "entities, conflicts, index"))
    if model_errors and analysed == 0:
        raise ModelError(model_errors[0])
    return BuildReport(out=out, entities=len(entities), conflicts=conflicts, diagnostics=tuple(diagnostics), **counts)


class _NoParser:
    """The parser of a pipeline whose parsing happens elsewhere (worker processes, Dask)."""

    def parse(self, document: Document) -> ParsedDoc:  # pragma: no cover - never called
        raise KGError("this pipeline parses in worker processes")
