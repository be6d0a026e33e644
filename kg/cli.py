"""The ``kg`` command: a thin layer over plain functions.

Each command parses its options, calls library functions and maps errors to
exit codes (0 ok, 1 "no" — a failed document, a graph that does not conform,
a name that names nothing — and 2 an error). Only this module prints or exits.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from kg import __version__
from kg.errors import KGError, NameNotFound
from kg.terminal import printable, write_table


def _write_rows(rows: list[dict[str, object]], args: argparse.Namespace, out: TextIO, columns: Sequence[str] | None = None) -> None:
    """Rows as ``--format`` says: a table for people (sized to the terminal; ``--ids``, ``--wide``), or CSV or JSON as they are."""
    if args.format == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
    elif args.format == "csv":
        from kg.export import write_csv

        if rows:
            write_csv(rows, out, list(rows[0].keys()))
    else:
        write_table(out, rows, columns, wide=args.wide, ids=args.ids)


# ------------------------------------------------------------------ commands


def cmd_build(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.pipeline import build

    with _Progress(err, quiet=args.quiet) as progress:
        report = build(
            args.inputs, args.output, metadata=args.metadata, workers=args.workers, dask=args.dask,
            device=args.device, cache=not args.no_cache, store_url=args.store, progress=progress,
        )
    _print_diagnostics(report.diagnostics, err)
    out.write(
        f"built {printable(args.output)}: {report.documents} documents, {report.sentences} sentences, "
        f"{report.attributions} attributions, {report.entities} entities, {report.conflicts} conflicts"
        + (f"; {report.failed} failed" if report.failed else "")
        + "\n"
    )
    return 1 if report.failed else 0


class _Progress:
    """A build's progress bars on stderr (rich): totals, rate and time left for each stage.

    Drawn only when stderr is a terminal and not ``--quiet``: in a pipe, a
    file or a test, nothing is written. Called with each
    :class:`kg.types.Step` the library reports.
    """

    LABELS = {"counting": "counting inputs", "loading": "loading models", "parsing": "parsing",
              "linking": "linking", "writing": "writing", "finishing": "finishing"}
    UNITS = {"characters": "chars", "documents": "docs"}

    def __init__(self, err: TextIO, quiet: bool = False) -> None:
        from kg.terminal import is_terminal

        self.live = not quiet and is_terminal(err)
        self.bars = None
        self.tasks: dict[str, int] = {}
        self.drawn = 0.0
        if self.live:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, SpinnerColumn, TaskProgressColumn, TextColumn, TimeRemainingColumn

            self.bars = Progress(
                SpinnerColumn(), TextColumn("{task.description}"), BarColumn(bar_width=16), TaskProgressColumn(),
                TextColumn("{task.completed:,.0f}/{task.fields[of]} {task.fields[unit]}"), _rate_column(), TimeRemainingColumn(),
                console=Console(file=err, highlight=False, markup=False, emoji=False), transient=True,
            )

    def __enter__(self) -> _Progress:
        if self.bars is not None:
            self.bars.start()
        return self

    def __call__(self, step) -> None:
        if self.bars is None:
            return
        fields = {"unit": self.UNITS.get(step.unit, step.unit), "of": f"{step.total:,}" if step.total is not None else "?"}
        label = self.LABELS.get(step.stage, step.stage) + (f" ({printable(step.what)})" if step.stage == "loading" else "")
        label += f" ({step.failed} failed)" if step.failed else ""
        if step.stage not in self.tasks:
            self.tasks[step.stage] = self.bars.add_task(label, total=step.total, **fields)
        self.bars.update(self.tasks[step.stage], description=label, completed=step.done, total=step.total, **fields)
        now = time.monotonic()
        if now - self.drawn >= 0.05:  # drawn now, not at the next tick: a long document's batches each show
            self.drawn = now
            self.bars.refresh()

    def __exit__(self, *exc) -> None:
        if self.bars is not None:
            self.bars.stop()


def _rate_column():
    from rich.progress import ProgressColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        """Units a second (documents/s, characters/s), as rich's columns know only bytes."""

        def render(self, task) -> Text:
            speed = task.finished_speed or task.speed
            if speed is None:
                return Text("")
            return Text(f"{speed:,.{1 if speed < 100 else 0}f} {task.fields.get('unit', '')}/s")

    return Rate()


def _print_diagnostics(diagnostics, err: TextIO) -> None:
    """Each diagnostic once, one line each (a file name's control characters escaped)."""
    seen = set()
    for d in diagnostics:
        if str(d) not in seen:
            seen.add(str(d))
            err.write(printable(d) + "\n")


def cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.export import export, render
    from kg.pipeline import open_store

    with open_store(args.graph) as store:
        if args.output in (None, "-"):
            out.write(render(store, args.format, bom=args.bom))
        else:
            path = export(store, args.format, args.output, bom=args.bom)
            err.write(f"wrote {printable(path)}\n")
    return 0


def cmd_query(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg import queries
    from kg.ask import bind_names
    from kg.pipeline import open_store

    params = {}
    for item in args.param or []:
        name, sep, value = item.partition("=")
        if not sep:
            raise KGError(f"--param expects NAME=VALUE, got {item!r}")
        params[name.lstrip("?")] = value
    with open_store(args.graph) as store:
        params = bind_names(store, args.query, params)  # an entity parameter may be given by name
        rows = queries.run(store, args.query, limit=args.limit, offset=args.offset, **params)
    _write_rows(rows, args, out)
    _next_page(rows, args, out, err)
    return 0


def _next_page(rows: list[dict[str, object]], args: argparse.Namespace, out: TextIO, err: TextIO) -> None:
    """A full page may not be the last: say how to read the next one (on stderr, so pipes get rows only)."""
    if args.limit and len(rows) == args.limit:
        out.flush()  # the note follows the rows on a terminal
        first = args.offset + 1
        err.write(f"rows {first}–{first + len(rows) - 1}; more may follow: --offset {args.offset + args.limit}\n")


def _argument(cast: Callable[[str], float], expected: str, valid: Callable[[float], bool], invalid: str) -> Callable[[str], float]:
    """An argparse type: ``cast`` the text, then check it; each failure says what was expected."""

    def parse(text: str) -> float:
        try:
            value = cast(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}") from None
        if not valid(value):
            raise argparse.ArgumentTypeError(invalid.format(value))
        return value

    return parse


_count = _argument(int, "a whole number", lambda v: v >= 0, "expected a number ≥ 0, got {}")
_port = _argument(int, "a TCP port number", lambda v: 0 <= v <= 65535, "a TCP port is 0-65535 (0: any free port), got {}")
_positive_seconds = _argument(float, "a number of seconds", lambda v: 0 < v < float("inf"), "expected a positive number of seconds, got {}")


def _table_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", default="table", choices=("table", "csv", "json"),
                        help="table: for people, sized to the terminal (COLUMNS); csv, json: every column, values as they are")
    parser.add_argument("--wide", action="store_true", help="show every cell of the table in full, wrapped (default: one line a row, long cells cut)")
    parser.add_argument("--ids", action="store_true", help="show the IRIs in the table too (default: labels and dates only)")


def _paging(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=_count, metavar="N", help="print at most N rows (a page)")
    parser.add_argument("--offset", type=_count, default=0, metavar="N", help="skip the first N rows (the next page: --offset LIMIT)")


def cmd_ask(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.ask import ask
    from kg.pipeline import open_store

    with open_store(args.graph) as store:
        rows = ask(
            store, args.question, about=args.about, speaker=args.speaker, start=args.start, end=args.end,
            limit=args.limit, offset=args.offset,
        )
    _write_rows([{k: v for k, v in r.items() if k not in ("key",)} for r in rows], args, out)
    _next_page(rows, args, out, err)
    return 0


def cmd_serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import signal
    import threading

    from kg.serve import open_endpoint

    endpoint = open_endpoint(args.graph, args.host, args.port, timeout=args.timeout, allow_hosts=args.allow_host or (), log=err)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    main_thread = threading.current_thread() is threading.main_thread()  # signals can only be caught there
    previous = signal.signal(signal.SIGTERM, stop) if main_thread else None
    try:  # the line is printed once the socket listens, so a client that waits for it can query at once
        out.write(f"SPARQL endpoint on {printable(endpoint.url)}/query (the desk: {printable(endpoint.url)}/, a query form: {printable(endpoint.url)}/sparql); Ctrl-C stops it\n")
        out.flush()
        endpoint.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        endpoint.close()
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
    return 0


def cmd_conflicts(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.conflicts import find_conflicts
    from kg.pipeline import open_store

    with open_store(args.graph) as store:
        rows = find_conflicts(store)
    columns = ("event", "population", "source_a", "value_a", "bound_a", "source_b", "value_b", "bound_b", "document_a", "document_b")
    if args.format == "table":  # grouped: an event and population is named once, on its first row
        shown = [{c: "" if c in ("event", "population") and i and (rows[i - 1]["event"], rows[i - 1]["population"])
                  == (r["event"], r["population"]) else r[c] for c in (*columns, "claim_a", "claim_b")} for i, r in enumerate(rows)]
        write_table(out, shown, (*columns, "claim_a", "claim_b") if args.ids else columns, wide=args.wide)
        groups = len({(r["event"], r["population"]) for r in rows})
        err.write(f"{len(rows)} conflicting pair(s) of figures, {groups} event(s) and population(s)\n")
    else:
        _write_rows(rows, args, out)
    return 0


def cmd_validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.pipeline import open_store
    from kg.rdf.validate import validate

    with open_store(args.graph) as store:
        report = validate(store)
    if report.conforms:
        out.write(f"{printable(args.graph)}: conforms to ontology/shapes.ttl\n")
        return 0
    out.write("\n".join(printable(line.expandtabs(4)) for line in report.text.split("\n")) + "\n")
    out.write(f"{printable(args.graph)}: {report.results} violation(s) of {printable(', '.join(report.failed_shapes))}\n")
    return 1


def cmd_viz(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.pipeline import open_store
    from kg.viz import render_store

    with open_store(args.graph) as store:
        page = render_store(store, title=f"kg: {args.graph}", about=args.about, speaker=args.speaker)
    path = Path(args.output)
    path.write_text(page, encoding="utf-8")
    err.write(f"wrote {printable(path)}\n")
    return 0


WHO_SAID_WHAT = ("speaker", "cue", "content", "reported_by", "date")


def cmd_demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Build the bundled seeds into OUT and write the three demo files."""
    from kg.export import attribution_records, export
    from kg.pipeline import build, open_store
    from kg.viz import render_store

    from kg.bundled import bundled

    target = Path(args.output)
    with _Progress(err, quiet=args.quiet) as progress:
        report = build([bundled("data", "seeds")], target, progress=progress)
    _print_diagnostics(report.diagnostics, err)
    with open_store(target) as store:
        export(store, "jsonl", target / "claims.jsonl")
        export(store, "trig", target / "graph.trig")
        records = attribution_records(store)
        (target / "graph.html").write_text(render_store(store, title="kg demo: who said what"), encoding="utf-8")
    shown = printable(target)
    out.write(
        f"built {shown}: {report.documents} documents, {report.sentences} sentences, "
        f"{report.attributions} attributions, {report.entities} entities\n"
        f"wrote {shown}/claims.jsonl, {shown}/graph.trig, {shown}/graph.html\n\n"
    )
    rows = [{c: (r[c] if c != "speaker" else r["speaker"] or r["speaker_mention"]) for c in WHO_SAID_WHAT} for r in records]
    write_table(out, rows, WHO_SAID_WHAT)
    return 1 if report.failed else 0


def cmd_models(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.nlp.stanza import download_models, has_models, installed_processors, resources_dir

    if args.action == "download":
        path = download_models(args.lang)
        out.write(f"stanza models for '{printable(args.lang)}' in {printable(path)}\n")
        return 0
    directory = resources_dir()
    out.write(f"stanza resources: {printable(directory)}\n")
    from kg.lexicons import available

    for lang in sorted(set(available()) | set(args.lang or [])):
        procs = installed_processors(lang)
        state = "ready" if has_models(lang) else "missing"
        out.write(f"  {printable(lang)}: {state} ({', '.join(procs) or 'no processors'})\n")
    return 0


# ------------------------------------------------------------------ parser


class _Parser(argparse.ArgumentParser):
    """argparse, whose error messages quote what was typed: made printable too (subcommands inherit the class)."""

    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {printable(message)}\n")


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="kg", description="A claim-attribution knowledge graph for news: who said what, about whom, when, and who reported it.")
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build or update a graph from articles (txt, html, jsonl, folders)")
    b.add_argument("inputs", nargs="+", help="files or folders of articles")
    b.add_argument("-o", "--output", required=True, help="the graph folder (created or updated)")
    b.add_argument("--metadata", help="a metadata.json manifest for the inputs (see data/README.md)")
    b.add_argument("--workers", type=int, default=1, help="parse in N processes (each loads its own models)")
    b.add_argument("--dask", metavar="ADDRESS", help="parse on a Dask cluster, e.g. tcp://127.0.0.1:8786")
    b.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto", help="where stanza runs (auto: the GPU when torch sees one)")
    b.add_argument("--no-cache", action="store_true", help="parse every document again instead of reusing OUT/cache")
    b.add_argument("--store", metavar="URL", help="write the graph to this SPARQL 1.1 server (e.g. http://127.0.0.1:7878, Oxigraph); OUT keeps the parse cache")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bars (they are drawn only when stderr is a terminal)")
    b.set_defaults(func=cmd_build)

    e = sub.add_parser("export", help="export attributions (jsonl, csv), the graph (trig, nquads, jsonld) or its network (gexf, graphml)")
    e.add_argument("graph", help="a graph folder made by `kg build`, or a SPARQL server URL")
    e.add_argument("--format", default="jsonl", choices=("jsonl", "csv", "trig", "nquads", "jsonld", "gexf", "graphml"))
    e.add_argument("--bom", action="store_true", help="csv: start with a byte order mark, so Excel reads the file as UTF-8")
    e.add_argument("-o", "--output", help="the file to write (default: standard output)")
    e.set_defaults(func=cmd_export)

    q = sub.add_parser("query", help="run a SPARQL query (.rq file or bundled name) and print a table")
    q.add_argument("graph")
    q.add_argument("query", help="a .rq file or the name of a bundled query (kg/queries)")
    q.add_argument("--param", action="append", metavar="NAME=VALUE", help="bind a query parameter (repeatable)")
    _table_options(q)
    _paging(q)
    q.set_defaults(func=cmd_query)

    from kg.ask import QUESTIONS

    a = sub.add_parser("ask", help="ask a question: " + ", ".join(QUESTIONS))
    a.add_argument("graph")
    a.add_argument("question", choices=list(QUESTIONS), help="; ".join(f"{q.name}: {q.help}" for q in QUESTIONS.values()))
    a.add_argument("--about", help="an entity name, any spelling or script (who-said, timeline)")
    a.add_argument("--speaker", help="a speaker's name, any spelling or script (said-by; who-said: only their claims)")
    a.add_argument("--start", help="first day, YYYY-MM-DD (between)")
    a.add_argument("--end", help="last day, YYYY-MM-DD (between)")
    _table_options(a)
    _paging(a)
    a.set_defaults(func=cmd_ask)

    sv = sub.add_parser("serve", help="serve the graph read-only as a SPARQL 1.1 endpoint (Oxigraph) on 127.0.0.1")
    sv.add_argument("graph")
    sv.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: loopback only)")
    sv.add_argument("--port", type=_port, default=7878, help="TCP port, 0 for any free one (default 7878)")
    sv.add_argument("--timeout", type=_positive_seconds, default=30.0, metavar="SECONDS", help="stop a query after this long (default 30)")
    sv.add_argument("--allow-host", action="append", metavar="NAME", help="also answer requests for this host name (when serving beyond 127.0.0.1)")
    sv.set_defaults(func=cmd_serve)

    c = sub.add_parser("conflicts", help="claims from different sources that give different figures for the same thing")
    c.add_argument("graph")
    _table_options(c)
    c.set_defaults(func=cmd_conflicts)

    v = sub.add_parser("validate", help="check the graph against ontology/shapes.ttl (exit 0 conforms, 1 not, 2 error)")
    v.add_argument("graph")
    v.set_defaults(func=cmd_validate)

    z = sub.add_parser("viz", help="write an interactive, self-contained HTML graph")
    z.add_argument("graph")
    z.add_argument("-o", "--output", default="graph.html")
    z.add_argument("--about", help="only claims about this entity (a name, any spelling or script)")
    z.add_argument("--speaker", help="only claims by this speaker (a name, any spelling or script)")
    z.set_defaults(func=cmd_viz)

    d = sub.add_parser("demo", help="build the bundled seed articles into ./out and show who said what")
    d.add_argument("-o", "--output", default="out")
    d.add_argument("-q", "--quiet", action="store_true", help="no progress bars (they are drawn only when stderr is a terminal)")
    d.set_defaults(func=cmd_demo)

    m = sub.add_parser("models", help="list or download stanza models")
    m.add_argument("action", choices=("list", "download"))
    m.add_argument("lang", nargs="?", help="language code, e.g. el or en")
    m.set_defaults(func=cmd_models)
    return p


def run(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run a command; returns the exit code (for tests: no subprocess needed)."""
    out, err = out or sys.stdout, err or sys.stderr
    args = parser().parse_args(argv)
    if args.command == "models" and args.action == "download" and not args.lang:
        err.write("kg models download: name a language, e.g. `kg models download el`\n")
        return 2
    if args.command == "models" and args.lang:
        args.lang = args.lang if args.action == "download" else [args.lang]
    try:
        return args.func(args, out, err)
    except BrokenPipeError:
        raise  # the reader of the output went away: not an error of the command (main)
    except NameNotFound as exc:  # an answer of "no": nothing is named so (with the closest names)
        err.write(f"kg {args.command}: {printable(exc)}\n")
        return 1
    except (KGError, OSError) as exc:
        err.write(f"kg {args.command}: error: {printable(exc)}\n")
        return 2
    except KeyboardInterrupt:  # Ctrl-C: one line, no traceback (a build leaves the previous graph as it was)
        err.write(f"kg {args.command}: interrupted\n")
        return 130


def main() -> None:
    try:
        code = run()
        sys.stdout.flush()  # inside the try: the last buffered rows can meet the closed pipe too
    except KeyboardInterrupt:  # Ctrl-C before a command began (while its modules were imported)
        sys.stderr.write("kg: interrupted\n")
        code = 130
    except BrokenPipeError:
        # `kg ask … | head`: the reader stopped reading. Python's recipe
        # (docs.python.org/3/library/signal.html#note-on-sigpipe): point the
        # standard streams at devnull, so flushing them at exit raises nothing,
        # and exit quietly. Exit 0, as when the rows fit the pipe and no write
        # failed: the status must not depend on how fast the reader closed.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.dup2(devnull, sys.stderr.fileno())
        code = 0
    sys.exit(code)
