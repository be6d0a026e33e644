"""``kg build --store URL``: the graph goes to a SPARQL 1.1 server and reads back the same."""

from __future__ import annotations

import io

from kg.cli import run
from kg.pipeline import open_store

from conftest import SEEDS
from test_remote import server  # noqa: F401  (the Oxigraph server fixture, one per module)


def test_remote_build_matches_the_embedded_store(server, seed_build, tmp_path):  # noqa: F811
    out, err = io.StringIO(), io.StringIO()
    code = run(["build", str(SEEDS), "-o", str(tmp_path / "cache-only"), "--store", server], out, err)
    assert code == 0, err.getvalue()
    assert not (tmp_path / "cache-only" / "store").exists()  # the graph went to the server
    with open_store(server) as remote, open_store(seed_build[0]) as local:
        assert set(remote.serialize("nquads").splitlines()) == set(local.serialize("nquads").splitlines())
    code, text = run(["conflicts", server, "--format", "csv"], out := io.StringIO(), err), out.getvalue()
    assert code == 0 and "748" in text
