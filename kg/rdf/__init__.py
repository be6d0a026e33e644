"""The RDF layer: stable IRIs (mint), graphs per document (build), SHACL (validate).

The ontology files are found with the package (:mod:`kg.bundled`), not in
the working directory, so ``kg validate`` works from anywhere, installed or not.
"""

from __future__ import annotations

from pathlib import Path

from kg.bundled import bundled

ONTOLOGY_DIR: Path = bundled("ontology")
ONTOLOGY_PATH: Path = ONTOLOGY_DIR / "claims.ttl"
SHAPES_PATH: Path = ONTOLOGY_DIR / "shapes.ttl"

__all__ = ["ONTOLOGY_DIR", "ONTOLOGY_PATH", "SHAPES_PATH"]
