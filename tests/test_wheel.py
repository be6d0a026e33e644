"""The package stands alone: a wheel installed into a fresh environment works from outside the source tree.

The wheel is built from a copy of only what pyproject.toml packages, and
installed without its dependencies into a new venv; the dependencies are
the ones this test runs with (a .pth file points at them), so the test needs
no network. The new venv's own site-packages comes first, so ``kg`` is the
wheel's, and nothing of the source tree is on the path: PYTHONPATH is
cleared and the commands run in an empty folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGED = ("pyproject.toml", "README.md", "LICENSE", "kg", "ontology", "data")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in PACKAGED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    dist = tmp_path_factory.mktemp("dist")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-w", str(dist)],
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stdout + built.stderr
    (path,) = dist.glob("kg-*.whl")
    return path


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory) -> Path:
    """A new venv holding the wheel; its dependencies are this environment's packages."""
    env = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    python = env / "bin" / "python"
    installed = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)],
                               capture_output=True, text=True, env=_clean_env())
    assert installed.returncode == 0, installed.stdout + installed.stderr
    # then the dependencies (after the install: pip would take the editable kg among them for this wheel)
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    assert (Path(site) / "kg" / "__init__.py").is_file(), installed.stdout
    here = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    (Path(site) / "kg_test_dependencies.pth").write_text("\n".join(here) + "\n", encoding="utf-8")
    return env


def _clean_env() -> dict[str, str]:
    """This environment without what would put the checkout's kg on the path."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}


def _run(venv: Path, cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, env=_clean_env(), capture_output=True, text=True, timeout=900)


def test_wheel_holds_the_bundled_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("kg/_bundled/ontology/claims.ttl", "kg/_bundled/ontology/shapes.ttl", "kg/_bundled/ontology/context.jsonld",
                 "kg/_bundled/data/gazetteer.json", "kg/_bundled/data/seeds/metadata.json", "kg/py.typed",
                 "kg/queries/who_said_about.rq", "kg/lexicons/el.json"):
        assert name in names, f"{name} is not in {wheel.name}"
    bundled = zipfile.ZipFile(wheel).read("kg/_bundled/ontology/shapes.ttl")
    assert bundled == (ROOT / "ontology" / "shapes.ttl").read_bytes()  # the files, not the links


def test_installed_wheel_demo_validate_ask(venv: Path, seed_build, tmp_path: Path) -> None:
    kg = str(venv / "bin" / "kg")
    where = _run(venv, tmp_path, str(venv / "bin" / "python"), "-c", "import kg; print(kg.__file__)")
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout  # the wheel's kg, not the checkout's

    demo = _run(venv, tmp_path, kg, "demo")
    assert demo.returncode == 0, demo.stderr
    assert "wrote out/claims.jsonl" in demo.stdout and (tmp_path / "out" / "graph.html").is_file()

    validate = _run(venv, tmp_path, kg, "validate", "out")
    assert validate.returncode == 0 and "conforms" in validate.stdout, validate.stdout + validate.stderr

    ask = _run(venv, tmp_path, str(venv / "bin" / "python"), "-m", "kg", "ask", "out", "who-said", "--about", "Tokayev", "--format", "json")
    assert ask.returncode == 0, ask.stderr
    assert json.loads(ask.stdout)

    # the same graph as a build from the checkout: the gazetteer and every lexicon came along
    from kg.export import render
    from kg.pipeline import open_store

    with open_store(seed_build[0]) as store:
        expected = render(store, "jsonl")
    assert (tmp_path / "out" / "claims.jsonl").read_text(encoding="utf-8") == expected
