"""Where documents are parsed and extracted: here, in worker processes, or on a Dask cluster.

Parsing and extraction are per document and need no shared state, so they
run anywhere; linking entities across documents and writing the graph stay
in the calling process, in input order, so every way of running gives the
same graph. Work is submitted through a bounded window: memory stays flat
however large the corpus.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from kg.errors import KGError, ModelError
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


def analyse(parser, document: Document) -> Analysed:
    """Parse and extract one document; a failure becomes a value, so a batch never dies.

    A document with no text (a saved page with no article) has nothing to
    parse: it goes to the graph as it is, with the reader's note.
    """
    if not document.text.strip():
        return Analysed(document, ParsedDoc(document, ()))
    try:
        parsed = parser.parse(document)
        return Analysed(document, parsed, extract(parsed))
    except ModelError as exc:
        return Analysed(document, error=str(exc), model_error=True)
    except KGError as exc:
        return Analysed(document, error=str(exc))
    except Exception as exc:  # a bug in a rule must cost one document, never the batch
        return Analysed(document, error=f"internal error ({type(exc).__name__}: {exc}); please report it")


# one parser per worker process, built on first use
_WORKER: dict[ParserSpec, object] = {}


def _analyse_in_worker(spec: ParserSpec, document: Document) -> Analysed:
    parser = _WORKER.get(spec)
    if parser is None:
        parser = _WORKER[spec] = spec.build()
    return analyse(parser, document)


Item = Document | Diagnostic


def _ordered(items: Iterable[Item], submit: Callable[[Document], object], result: Callable[[object], Analysed], window: int) -> Iterator[Analysed | Diagnostic]:
    """Results in input order, with at most ``window`` documents in flight."""
    pending: deque[tuple[bool, object]] = deque()
    for item in items:
        pending.append((False, item) if isinstance(item, Diagnostic) else (True, submit(item)))
        while sum(1 for is_future, _ in pending if is_future) > window:
            is_future, value = pending.popleft()
            yield result(value) if is_future else value  # type: ignore[misc]
    while pending:
        is_future, value = pending.popleft()
        yield result(value) if is_future else value  # type: ignore[misc]


def run_here(items: Iterable[Item], parser) -> Iterator[Analysed | Diagnostic]:
    for item in items:
        yield item if isinstance(item, Diagnostic) else analyse(parser, item)


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
