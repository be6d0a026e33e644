"""Parallel and distributed parsing, and the parse cache: every way of running gives the same graph."""

from __future__ import annotations

import pytest

from kg.cache import CachedParser, ParseCache
from kg.pipeline import build, open_store
from kg.types import Document

from conftest import SEEDS


def _quads(out) -> set[str]:
    with open_store(out) as store:
        return set(store.serialize("nquads").splitlines())


def test_parallel_workers_give_the_same_graph(seed_build, tmp_path):
    report = build([SEEDS], tmp_path / "w2", workers=2, cache=False)
    assert report.documents == 2 and report.attributions == seed_build[1].attributions
    assert _quads(tmp_path / "w2") == _quads(seed_build[0])


def test_parallel_dask_local_cluster_gives_the_same_graph(seed_build, tmp_path):
    distributed = pytest.importorskip("dask.distributed", reason="Dask is not installed (pip install 'dask[distributed]')")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        report = build([SEEDS], tmp_path / "dask", dask=cluster.scheduler_address, cache=False)
    assert report.documents == 2 and report.failed == 0
    assert _quads(tmp_path / "dask") == _quads(seed_build[0])


def test_parallel_unreachable_dask_scheduler_is_a_clear_error(tmp_path):
    pytest.importorskip("dask.distributed", reason="Dask is not installed")
    from kg.errors import KGError

    with pytest.raises(KGError, match="Dask scheduler"):
        build([SEEDS], tmp_path / "x", dask="tcp://127.0.0.1:1", cache=False)


def test_cache_round_trip_is_exact(stanza_parser, tmp_path):
    text = (SEEDS / "000_b6f70baf6ff682fd.txt").read_text(encoding="utf-8")
    document = Document("000_b6f70baf6ff682fd", text, lang="el")
    cache = ParseCache(tmp_path, stanza_parser.signature)
    cached = CachedParser(stanza_parser, cache)
    first = cached.parse(document)
    again = cached.parse(document)
    assert cached.hits == 1
    assert again == first  # every word, offset and diagnostic comes back as it was
    changed = Document(document.id, text.replace("Τοκάγιεφ", "Τοκάεφ", 1), lang="el")
    assert cache.get(changed) is None  # a changed text is parsed again
    assert ParseCache(tmp_path, "other-models").get(document) is None  # so is a changed model


def test_cache_makes_a_rebuild_parse_nothing(tmp_path, stanza_parser):
    out = tmp_path / "out"
    build([SEEDS], out)
    before = _quads(out)
    import kg.nlp.stanza as adapter

    calls = []
    original = adapter.StanzaParser._process  # every stanza call, batched or not, goes through it
    try:
        adapter.StanzaParser._process = lambda self, lang, texts: calls.append(texts) or original(self, lang, texts)
        build([SEEDS], out)
    finally:
        adapter.StanzaParser._process = original
    assert calls == [] and _quads(out) == before
