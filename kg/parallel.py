"""Where documents are parsed and extracted: here, in worker processes, or on a Dask cluster.

Parsing and extraction are per document and need no shared state, so they
run anywhere; linking entities across documents and writing the graph stay
in the calling process, in input order, so every way of running gives the
same graph. Work is submitted through a bounded window: memory stays flat
however large the corpus.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from kg.batches import by_size
from kg.errors import KGError, LanguageWithoutModels, ModelError
from kg.extract import extract
from kg.types import Attribution, Diagnostic, Document, ParsedDoc


@dataclass(frozen=True, slots=True)
class ParserSpec:
    """A picklable recipe for the stanza parser a worker builds for itself."""

    resources: str | None = None
    device: str | None = None
    threads: int | None = None
    cache: str | None = None  # the parse cache folder, shared by all workers

    def build(self, progress=None):
        """The parser; ``progress`` (kg.nlp.stanza.Progress) hears how far each document's parse is."""
        from kg.nlp.stanza import StanzaParser

        parser = StanzaParser(self.resources, device=self.device, threads=self.threads, progress=progress)
        if self.cache is None:
            return parser
        from kg.cache import CachedParser, ParseCache

        return CachedParser(parser, ParseCache(self.cache, parser.signature))


@dataclass(frozen=True, slots=True)
class Analysed:
    """One document's parse and (unlinked) attributions, or why it failed."""

    document: Document
    parsed: ParsedDoc | None = None
    attributions: tuple[Attribution, ...] = ()
    error: str | None = None
    model_error: bool = False
    unsupported: bool = False  # its language has no models, others have (kept unanalysed, never fails a build)


CHUNK_CHARS = 20_000
"""Documents go to a parser in chunks of about this many characters (a longer document alone).

A chunk is parsed together (kg.nlp.stanza.StanzaParser.parse_many): on one-sentence news items
that is 1.7–1.9 times as fast (in CPU time) as a stanza call per item, where chunks of 5,000
characters gave 1.55 (benchmarks/batching.py): stanza's taggers and parser gain from big
batches, not only from fewer calls. A corpus of a few chunks keeps fewer worker processes busy.
"""


def parse_many(parser, documents: Sequence[Document]) -> list[ParsedDoc | Exception]:
    """Each document's parse or the error it raised, in order; together when the parser can."""
    many = getattr(parser, "parse_many", None)
    if many is not None:
        return many(documents)
    results: list[ParsedDoc | Exception] = []
    for document in documents:
        try:
            results.append(parser.parse(document))
        except Exception as exc:
            results.append(exc)
    return results


def analyse(parser, document: Document) -> Analysed:
    """Parse and extract one document; a failure becomes a value, so a batch never dies."""
    return analyse_many(parser, [document])[0]


def analyse_many(parser, documents: Sequence[Document]) -> list[Analysed]:
    """Parse documents together and extract each; a document that fails costs only itself.

    A document with no text (a saved page with no article) has nothing to
    parse: it goes to the graph as it is, with the reader's note.
    """
    texts = [d for d in documents if d.text.strip()]
    parsed = iter(parse_many(parser, texts) if texts else [])
    return [_extracted(d, next(parsed)) if d.text.strip() else Analysed(d, ParsedDoc(d, ())) for d in documents]


def _extracted(document: Document, parsed: ParsedDoc | Exception) -> Analysed:
    try:
        if isinstance(parsed, Exception):
            raise parsed
        return Analysed(document, parsed, extract(parsed))
    except LanguageWithoutModels as exc:
        return Analysed(document, error=str(exc), model_error=True, unsupported=True)
    except ModelError as exc:
        return Analysed(document, error=str(exc), model_error=True)
    except KGError as exc:
        return Analysed(document, error=str(exc))
    except Exception as exc:  # a bug in a rule must cost one document, never the batch
        return Analysed(document, error=f"internal error ({type(exc).__name__}: {exc}); please report it")


# one parser per worker process, built on first use
_WORKER: dict[ParserSpec, object] = {}


def _analyse_in_worker(spec: ParserSpec, documents: list[Document]) -> list[Analysed]:
    parser = _WORKER.get(spec)
    if parser is None:
        parser = _WORKER[spec] = spec.build()
    return analyse_many(parser, documents)


Item = Document | Diagnostic


def chunks(items: Iterable[Item], limit: int = CHUNK_CHARS) -> Iterator[list[Item]]:
    """Consecutive items, documents of about ``limit`` characters a chunk (diagnostics ride along)."""
    return by_size(items, lambda item: 0 if isinstance(item, Diagnostic) else len(item.text), limit)


def _ordered(items: Iterable[Item], submit: Callable[[list[Document]], object], result: Callable[[object], list[Analysed]], window: int) -> Iterator[Analysed | Diagnostic]:
    """Results in input order, with at most ``window`` chunks of documents in flight."""
    pending: deque[tuple[list[Item], object]] = deque()
    for chunk in chunks(items):
        documents = [item for item in chunk if not isinstance(item, Diagnostic)]
        pending.append((chunk, submit(documents) if documents else None))
        while sum(1 for _, future in pending if future is not None) > window:
            yield from _merged(*pending.popleft(), result)
    while pending:
        yield from _merged(*pending.popleft(), result)


def _merged(chunk: list[Item], future: object, result: Callable[[object], list[Analysed]]) -> Iterator[Analysed | Diagnostic]:
    """A chunk's diagnostics and its documents' results, in the chunk's order."""
    analysed = iter(result(future) if future is not None else ())
    for item in chunk:
        yield item if isinstance(item, Diagnostic) else next(analysed)


def run_here(items: Iterable[Item], parser) -> Iterator[Analysed | Diagnostic]:
    for chunk in chunks(items):
        yield from _merged(chunk, [item for item in chunk if not isinstance(item, Diagnostic)], lambda docs: analyse_many(parser, docs))


def run_processes(items: Iterable[Item], spec: ParserSpec, workers: int) -> Iterator[Analysed | Diagnostic]:
    """``workers`` local processes, each with its own stanza pipeline (torch threads split between them)."""
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # torch and fork do not mix
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_ignore_interrupt) as pool:
        try:
            yield from _ordered(items, lambda d: pool.submit(_analyse_in_worker, spec, d), lambda f: f.result(), 2 * workers)
        except BaseException:  # Ctrl-C or an error: documents not yet started are dropped, not parsed
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _ignore_interrupt() -> None:
    """Workers leave Ctrl-C (sent to the whole process group) to the main process, which stops them."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_dask(items: Iterable[Item], spec: ParserSpec, address: str) -> Iterator[Analysed | Diagnostic]:
    """On a Dask cluster (``tcp://host:8786``); each Dask worker builds its parser once."""
    try:
        from dask.distributed import Client
    except ImportError as exc:
        raise KGError("--dask needs Dask: pip install 'dask[distributed]'") from exc
    try:
        client = Client(address, timeout=30)
    except OSError as exc:
        raise KGError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        yield from _ordered(
            items, lambda d: client.submit(_analyse_in_worker, spec, d, pure=False), lambda f: f.result(), 2 * workers
        )
    finally:
        client.close()
