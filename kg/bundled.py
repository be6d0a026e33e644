"""The files kg ships with: the ontology and SHACL shapes, the gazetteer, the demo articles.

The repository's top-level ``ontology/`` and ``data/`` folders are their one
source of truth. ``kg/_bundled/ontology`` and ``kg/_bundled/data`` are links
to them, so a source checkout, an editable install and a wheel (where
setuptools copies the files the links reach, see ``package-data`` in
pyproject.toml) all find them in the same place, through
:mod:`importlib.resources`. This is the one place that knows where they are.
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from importlib.resources import as_file, files
from pathlib import Path

from kg.errors import KGError

__all__ = ["bundled"]

_extracted = ExitStack()  # files copied out of a zipped install, removed at exit
atexit.register(_extracted.close)


def bundled(*parts: str) -> Path:
    """The path of a bundled file or folder: ``bundled("ontology", "shapes.ttl")``, ``bundled("data", "seeds")``.

    Raises KGError when the installation lacks it (a broken build of kg),
    instead of letting a caller carry on without, say, the gazetteer.
    """
    resource = files("kg").joinpath("_bundled", *parts)
    if not resource.is_file() and not resource.is_dir():
        raise KGError(f"kg is installed without its bundled file {'/'.join(parts)} (looked in {resource})")
    if isinstance(resource, Path):
        return resource.resolve()  # the file itself: a build records where it read a document from
    return _extracted.enter_context(as_file(resource))  # a zip import: a real file for rdflib and open()
