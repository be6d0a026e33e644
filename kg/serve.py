"""A SPARQL 1.1 endpoint over a built graph, for the analyst's usual SPARQL clients.

The ``oxigraph`` package from PyPI ships Oxigraph's server (with a query page
for the browser); this module only finds it and starts it read-only on the
built store, bound to the loopback interface by default.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from kg.errors import KGError
from kg.pipeline import store_path


def server_binary() -> str:
    """The ``oxigraph`` executable: beside this Python first (a virtual environment), else on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    if here.is_file():
        return str(here)
    found = shutil.which("oxigraph")
    if found is None:
        raise KGError("the Oxigraph server is not installed: `pip install oxigraph` (it ships the `oxigraph` command)")
    return found


def command(out: Path | str, host: str = "127.0.0.1", port: int = 7878) -> list[str]:
    """The server command line for the graph in ``out``: read-only, union of the document graphs as default graph."""
    location = store_path(out)
    if not location.is_dir():
        raise KGError(f"{out}: no kg graph here (expected {location}); build one with `kg build INPUT -o {out}`")
    return [server_binary(), "serve-read-only", "--location", str(location), "--bind", f"{host}:{port}", "--union-default-graph"]


def start(out: Path | str, host: str = "127.0.0.1", port: int = 7878) -> subprocess.Popen:
    """Start the endpoint in the background; the caller stops it (``terminate()``)."""
    return subprocess.Popen(command(out, host, port), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
