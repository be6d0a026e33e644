"""``kg serve``: the built graph as a SPARQL 1.1 endpoint, queried over HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import time
import urllib.parse
import urllib.request

import pytest

from kg.errors import KGError
from kg.pipeline import open_store
from kg.rdf.build import document_graph
from kg.serve import command, server_binary, start

from rdf_fixtures import all_results


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _query(port: int, sparql: str) -> dict:
    url = f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": sparql})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def test_serve_answers_sparql_over_http(tmp_path):
    try:
        server_binary()
    except KGError as exc:
        pytest.skip(str(exc))
    with open_store(tmp_path, create=True) as store:
        for result in all_results():
            store.replace_graph(document_graph(result))
    port = _free_port()
    server = start(tmp_path, port=port)
    try:
        deadline = time.monotonic() + 20
        while True:  # bounded wait for the server to listen
            try:
                data = _query(port, "PREFIX ca: <https://w3id.org/kg/ontology#> SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ca:Attribution }")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        assert data["results"]["bindings"][0]["n"]["value"] == "5"
        with pytest.raises(urllib.error.HTTPError):  # read-only: updates are refused
            urllib.request.urlopen(
                urllib.request.Request(f"http://127.0.0.1:{port}/update", data=b"update=DROP ALL", method="POST"), timeout=5
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_refuses_a_folder_without_a_graph(tmp_path):
    with pytest.raises(KGError, match="no kg graph"):
        command(tmp_path / "nothing")
