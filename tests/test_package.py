"""The package: bundled files found in one place, the public API, ``python -m kg``, what a wheel carries."""

from __future__ import annotations

import fnmatch
import os
import subprocess
import sys

import pytest

import kg
from conftest import ROOT
from kg.bundled import bundled
from kg.errors import KGError


def test_bundled_files_are_the_repositorys() -> None:
    """In a checkout, kg/_bundled leads to the top-level folders, the one source of truth."""
    assert bundled("ontology", "shapes.ttl") == (ROOT / "ontology" / "shapes.ttl").resolve()
    assert bundled("data", "gazetteer.json") == (ROOT / "data" / "gazetteer.json").resolve()
    assert bundled("data", "seeds").is_dir()
    from kg.link.gazetteer import DEFAULT_PATH
    from kg.rdf import ONTOLOGY_PATH, SHAPES_PATH

    assert {DEFAULT_PATH, ONTOLOGY_PATH, SHAPES_PATH} == {
        bundled("data", "gazetteer.json"), bundled("ontology", "claims.ttl"), bundled("ontology", "shapes.ttl")}


def test_a_missing_bundled_file_is_an_error_naming_it() -> None:
    with pytest.raises(KGError, match="ontology/nothing.ttl"):
        bundled("ontology", "nothing.ttl")


def test_linking_always_has_the_gazetteer() -> None:
    from kg.link import Linker
    from kg.link.resolve import bundled_gazetteer

    assert Linker().gazetteer is not None and len(bundled_gazetteer().entries) > 10


def test_package_data_covers_every_bundled_file() -> None:
    """Each file under ontology/ and data/ is matched by a package-data pattern, so the wheel carries it."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["kg"]
    for folder in ("ontology", "data"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file():
                name = f"_bundled/{path.relative_to(ROOT).as_posix()}"
                assert any(fnmatch.fnmatch(name, p) for p in patterns), f"{name} is in no package-data pattern"


def test_license_matches_pyproject() -> None:
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert project["urls"]


def test_public_api_is_the_libraries_functions() -> None:
    from kg.ask import ask
    from kg.export import attribution_records
    from kg.pipeline import BuildReport, build, open_store
    from kg.queries import run

    assert (kg.build, kg.open_graph, kg.answer, kg.query, kg.records, kg.BuildReport) == (
        build, open_store, ask, run, attribution_records, BuildReport)
    assert {"build", "open_graph", "answer", "query", "records"} <= set(dir(kg)) and set(kg.__all__) <= set(dir(kg))
    with pytest.raises(AttributeError):
        kg.nothing  # noqa: B018
    assert (ROOT / "kg" / "py.typed").is_file()


def _python(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *argv], capture_output=True, text=True, env=dict(os.environ), timeout=300)


def test_import_kg_is_light() -> None:
    """``import kg`` (and so ``kg --help``) loads no RDF or NLP library until the API is used."""
    done = _python("-c", "import sys, kg; print(sorted(m for m in ('rdflib', 'stanza', 'torch', 'pyoxigraph') if m in sys.modules))")
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stdout + done.stderr


def test_python_m_kg_is_the_command() -> None:
    done = _python("-m", "kg", "--version")
    assert done.returncode == 0 and done.stdout.strip() == f"kg {kg.__version__}"
    done = _python("-m", "kg", "validate", str(ROOT / "nowhere"))
    assert done.returncode == 2 and "nowhere" in done.stderr
