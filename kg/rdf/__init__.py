"""The RDF layer: stable IRIs (mint), graphs per document (build), SHACL (validate).

The ontology files are found relative to the package, not the working
directory, so that ``kg validate`` works from anywhere in a source checkout.
"""

from __future__ import annotations

from pathlib import Path

import kg

ONTOLOGY_DIR: Path = Path(kg.__file__).resolve().parent.parent / "ontology"
ONTOLOGY_PATH: Path = ONTOLOGY_DIR / "claims.ttl"
SHAPES_PATH: Path = ONTOLOGY_DIR / "shapes.ttl"

__all__ = ["ONTOLOGY_DIR", "ONTOLOGY_PATH", "SHAPES_PATH"]
