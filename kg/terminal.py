"""Text for people on a terminal: safe (:func:`printable`) and sized to fit (:func:`table`).

The CLI's messages, tables and progress, and the server's log, go through
here; CSV and JSON output is data and does not.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TextIO

__all__ = ["human_columns", "is_iri", "is_terminal", "printable", "show", "table", "terminal_width", "write_table"]

# Control characters (C0, DEL, C1: ESC and CSI start terminal escape sequences; a line break
# forges a line) and the bidirectional overrides and isolates, which reorder what is shown.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: object) -> str:
    """``text`` safe to show on a terminal: control characters written as escapes (``\\x1b``, ``\\n``).

    File names, document ids and article text end up in messages, tables
    and logs; raw, an escape sequence in one would drive the terminal
    (recolour, retitle, hide or rewrite earlier lines). Every line written
    for people goes through here; CSV and JSON output is data and keeps its
    text (JSON escapes control characters itself).
    """
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], str(text))


def is_terminal(stream: object) -> bool:
    """Whether ``stream`` is a terminal (a pipe, a file or a StringIO is not)."""
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False


def terminal_width(stream: object) -> int | None:
    """Columns to fit: ``COLUMNS`` when set (``COLUMNS=100 kg …``), else the terminal's; None (no limit) for a pipe or file."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if not is_terminal(stream):
        return None
    try:
        return os.get_terminal_size(stream.fileno()).columns  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return 80


def is_iri(value: object) -> bool:
    """An IRI or blank node as kg.store.to_python gives them (a string: ``https://…``, ``_:…``)."""
    return isinstance(value, str) and value.startswith(("http://", "https://", "urn:", "_:"))


def show(value: object) -> str:
    """One value as people read it: ``748`` not ``748.0``, a date as ``2022-01-07``, lists joined; made printable."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.3f}".rstrip("0").rstrip(".")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes") if value.time() != datetime.min.time() else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(show(v.get("label") or v.get("id") if isinstance(v, Mapping) else v) for v in value)
    return printable(" ".join(str(value).split()))


def human_columns(rows: Sequence[Mapping[str, object]], columns: Sequence[str] | None = None, ids: bool = False) -> dict[str, str]:
    """The columns to show people, as {key: heading}: without ``ids``, IRIs give way to their labels.

    A column whose values are all IRIs is left out (``speaker``, ``attribution``),
    unless nothing else would remain, and a ``<name>_label`` column is headed
    ``<name>`` (its IRI column gone). With ``ids`` every column is shown
    under its own name.
    """
    columns = list(columns or (rows[0].keys() if rows else ()))
    if ids:
        return {c: c for c in columns}
    iris = {c for c in columns if any(r.get(c) is not None for r in rows) and all(r.get(c) is None or is_iri(r.get(c)) for r in rows)}
    kept = [c for c in columns if c not in iris] or columns
    return {c: c[: -len("_label")] if c.endswith("_label") and c[: -len("_label")] not in kept else c for c in kept}


def _numeric(values: list[object]) -> bool:
    present = [v for v in values if v is not None and v != ""]
    return bool(present) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present)


_GAP = 2  # blanks between two columns


def _fit(natural: list[int], flexible: list[bool], room: int) -> list[int]:
    """Column widths within ``room`` cells.

    Fixed columns (numbers, dates) keep their width. Text columns narrower
    than a fair share of what is left keep theirs too (a polarity, a short
    name); the wider ones share the rest in proportion to the square root of
    their width, so the claim's text gets the most without starving the
    speaker's name.
    """
    left = room - sum(w for w, f in zip(natural, flexible) if not f)
    flex = sorted((i for i, f in enumerate(flexible) if f), key=lambda i: natural[i])
    widths = list(natural)
    if not flex or sum(natural[i] for i in flex) <= left:
        return widths
    while flex and natural[flex[0]] <= left / len(flex):
        left -= natural[flex.pop(0)]
    weights = {i: natural[i] ** 0.5 for i in flex}
    total = sum(weights.values())
    for i in flex:
        widths[i] = max(1, int(left * weights[i] / total))
    return widths


def table(
    rows: Sequence[Mapping[str, object]],
    columns: Sequence[str] | Mapping[str, str] | None = None,
    *,
    width: int | None = 80,
    wide: bool = False,
    ids: bool = False,
    color: bool = False,
) -> str:
    """``rows`` as a text table no line of which is wider than ``width`` terminal cells (rich; None: no limit).

    ``columns``: keys to show, or {key: heading}; by default the human
    columns (:func:`human_columns`). Each row is one line, long cells cut
    with "…"; ``wide`` shows every cell in full, wrapped within ``width``.
    Widths count terminal cells, not characters (a combining accent takes
    none, a CJK character two). Every cell and heading goes through
    :func:`printable`; ``color`` lets rich style the heading (on a terminal).
    """
    from rich import box
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if not rows:
        return "(no rows)"
    if columns is None:
        heads = human_columns(rows, ids=ids)
    elif isinstance(columns, Mapping):
        heads = dict(columns)
    else:
        heads = {c: c for c in columns}
    cells = [[show(r.get(key)) for key in heads] for r in rows]
    shrinkable = []
    for key in heads:
        values = [r.get(key) for r in rows]
        shrinkable.append(not (_numeric(values) or all(isinstance(v, date) or v is None for v in values)))
    natural = [max(cell_len(h), *(cell_len(c[i]) for c in cells)) for i, h in enumerate(map(printable, heads.values()))]
    if width is None:  # a pipe or a file: every cell in full, one line per row
        width = sum(natural) + _GAP * (len(heads) - 1)
    width = max(width, 20)
    widths = _fit(natural, shrinkable, width - _GAP * (len(heads) - 1))
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, _GAP - 1, 0, 0),
                 header_style="bold" if color else "", highlight=False)
    for (key, heading), flexible, fitted in zip(heads.items(), shrinkable, widths):
        numeric = _numeric([r.get(key) for r in rows])
        grid.add_column(printable(heading), justify="right" if numeric else "left", no_wrap=not flexible,
                        width=fitted if flexible else None, overflow="fold" if wide else "ellipsis")
    for line in cells:
        grid.add_row(*(Text(c, no_wrap=not wide, overflow="fold" if wide else "ellipsis") for c in line))
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, color_system="standard" if color else None,
                      highlight=False, markup=False, emoji=False, soft_wrap=False, legacy_windows=False)
    console.print(grid)
    return "\n".join(line.rstrip() for line in buffer.getvalue().rstrip("\n").split("\n"))


def write_table(out: TextIO, rows: Sequence[Mapping[str, object]], columns=None, *, wide: bool = False, ids: bool = False) -> None:
    """:func:`table` sized to ``out`` (COLUMNS or the terminal), styled only on a terminal."""
    out.write(table(rows, columns, width=terminal_width(out), wide=wide, ids=ids, color=is_terminal(out)) + "\n")
