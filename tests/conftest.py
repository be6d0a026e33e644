"""Shared fixtures: the stanza models (skipped with a reason when absent) and one seed build per session."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "data" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

if "STANZA_RESOURCES_DIR" not in os.environ and (SHARED / "models" / "stanza").is_dir():
    # a developer's checkout sits beside shared/: use its models unless told otherwise
    os.environ["STANZA_RESOURCES_DIR"] = str(SHARED / "models" / "stanza")
elif "STANZA_RESOURCES_DIR" in os.environ:
    # made absolute once: the notebook test runs its kernel in notebooks/, where a relative path
    # such as the README's ../shared/models/stanza names another folder
    os.environ["STANZA_RESOURCES_DIR"] = str(Path(os.environ["STANZA_RESOURCES_DIR"]).resolve())


def _require(lang: str) -> None:
    from kg.nlp.stanza import has_models, resources_dir

    if not has_models(lang):
        pytest.skip(f"no stanza models for '{lang}' in {resources_dir()} (set STANZA_RESOURCES_DIR; `kg models download {lang}`)")


@pytest.fixture(scope="session")
def stanza_parser():
    """One StanzaParser for the session (loading a pipeline takes seconds)."""
    _require("el")
    from kg.nlp.stanza import StanzaParser

    return StanzaParser()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory, stanza_parser):
    """The seeds built once: (output folder, BuildReport)."""
    from kg.pipeline import Pipeline, build

    out = tmp_path_factory.mktemp("seeds") / "out"
    report = build([SEEDS], out, pipeline=Pipeline(parser=stanza_parser))
    return out, report


@pytest.fixture(scope="session")
def seed_records(seed_build):
    from kg.export import attribution_records
    from kg.pipeline import open_store

    with open_store(seed_build[0]) as store:
        return attribution_records(store)


@pytest.fixture(scope="session")
def scorer():
    """The shared scorer (../shared/eval/score.py), imported as a module."""
    path = SHARED / "eval" / "score.py"
    if not path.is_file():
        pytest.skip(f"the scorer is not at {path}")
    spec = importlib.util.spec_from_file_location("kg_seed_scorer", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
