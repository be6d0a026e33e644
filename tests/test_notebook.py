"""notebooks/explore.ipynb runs headless, top to bottom, without errors (ARCHITECTURE.md §2: notebooks are executed by the tests)."""

from __future__ import annotations

import json
from collections import Counter
from html.parser import HTMLParser
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


def _tagged(nb, tag: str):
    (cell,) = [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]
    return cell


FIGURES = ("claims-over-time", "sources-by-type", "who-speaks-most", "relay-network")


@pytest.mark.models
@pytest.mark.parametrize("tag", FIGURES)
def test_notebook_draws_its_figures(executed, tag) -> None:
    """Each picture of the story is a PNG the cell produced (matplotlib, inline)."""
    images = [o for o in _tagged(executed, tag).get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) == 1 and len(images[0]["data"]["image/png"]) > 1000


class _Cells(HTMLParser):
    """The rows of the HTML tables in an output, as lists of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_data(self, data) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None


def _table_rows(cell) -> list[dict[str, str]]:
    parser = _Cells()
    for output in cell.get("outputs", []):
        html = output.get("data", {}).get("text/html")
        if html:
            parser.feed(html if isinstance(html, str) else "".join(html))
    head, *body = parser.rows
    return [dict(zip(head, row)) for row in body]


CLAIMS_PER_SPEAKER = """PREFIX ca: <https://w3id.org/kg/ontology#>
SELECT ?speaker (COUNT(DISTINCT ?claim) AS ?claims)
WHERE { GRAPH ?doc { ?attribution ca:source ?speaker ; ca:claim ?claim } }
GROUP BY ?speaker"""


@pytest.mark.models
def test_notebook_who_speaks_most_counts_claims(executed, seed_build) -> None:
    """The notebook's counts are what they say: claims per speaker, as SPARQL counts them in the same seeds' graph."""
    from kg import queries
    from kg.pipeline import open_store

    with open_store(seed_build[0]) as store:
        labels = {str(r["entity"]): str(r["label"]) for r in queries.run(store, "entities")}
        expected = Counter()
        for row in store.query(CLAIMS_PER_SPEAKER):
            expected[labels[str(row["speaker"])]] += int(row["claims"])
    shown = Counter()
    for row in _table_rows(_tagged(executed, "who-speaks-most")):
        shown[row["speaker"]] += int(row["claims"])
    assert shown == expected and max(expected.values()) > 1
    rows = _table_rows(_tagged(executed, "who-speaks-most"))
    assert [int(r["claims"]) for r in rows] == sorted((int(r["claims"]) for r in rows), reverse=True)


@pytest.mark.models
def test_notebook_shows_the_conflicting_figures(executed, seed_build) -> None:
    from kg.conflicts import find_conflicts
    from kg.pipeline import open_store

    with open_store(seed_build[0]) as store:
        conflicts = find_conflicts(store)
    rows = _table_rows(_tagged(executed, "conflicts"))
    assert len(rows) == len(conflicts) >= 1
    assert {(r["figure"], r["other figure"]) for r in rows} == {(f"{c['value_a']:g}", f"{c['value_b']:g}") for c in conflicts}


def test_notebook_is_stored_clean() -> None:
    """Committed without outputs, so diffs stay readable and no stale results ship."""
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
