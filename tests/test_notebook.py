"""notebooks/explore.ipynb runs headless, top to bottom, without errors (ARCHITECTURE.md §2: notebooks are executed by the tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"
TIMEOUT = 600  # seconds per cell: the build cell parses both seed articles with stanza


def _outputs_text(nb) -> str:
    """Every text and HTML output of every cell, as one string."""
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if "text" in output:
                parts.append(output["text"])
            for mime, data in output.get("data", {}).items():
                if mime.startswith("text/"):
                    parts.append(data if isinstance(data, str) else "".join(data))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    from kg.nlp.stanza import has_models, resources_dir

    if not has_models("el"):
        pytest.skip(f"no stanza models for 'el' in {resources_dir()} (set STANZA_RESOURCES_DIR; `kg models download el`)")
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel", reason="the notebook needs a python3 kernel (pip install ipykernel)")

    nb = nbformat.read(NOTEBOOK, as_version=4)
    cwd = tmp_path_factory.mktemp("notebook")  # not the repo: the notebook must find the seeds itself
    client = nbclient.NotebookClient(
        nb,
        timeout=TIMEOUT,
        kernel_name="python3",  # ipykernel's native spec: this interpreter, i.e. the venv
        resources={"metadata": {"path": str(cwd)}},
        allow_errors=True,  # collect every error, then fail with them below
    )
    client.execute()
    return nb


@pytest.mark.models
def test_notebook_runs_without_errors(executed) -> None:
    errors = [
        f"cell {i}: {out.get('ename')}: {out.get('evalue')}"
        for i, cell in enumerate(executed.cells)
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]
    assert not errors, "\n".join(errors)
    assert all(c.get("execution_count") for c in executed.cells if c.cell_type == "code")


@pytest.mark.models
def test_notebook_shows_the_story(executed) -> None:
    text = _outputs_text(executed)
    assert "Τοκάγιεφ" in text
    assert "attributions" in text and "Most central speakers" in text
    assert "<iframe srcdoc=" in text  # the interactive graph is embedded


def test_notebook_is_stored_clean() -> None:
    """Committed without outputs, so diffs stay readable and no stale results ship."""
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
