"""Many documents parsed together (kg.nlp.stanza.StanzaParser.parse_many), on the real models.

Batching must change nothing but speed: the same sentences, words, offsets and
languages as one document at a time; a document that fails costs only itself;
the parse cache, progress reports and sentence capping work as before.
benchmarks/batching.py measures the speed.
"""

from __future__ import annotations

import pytest

import kg.nlp.stanza as adapter
from kg.cache import CachedParser, ParseCache
from kg.errors import ModelError
from kg.parallel import chunks, run_here
from kg.pipeline import Pipeline, build
from kg.types import Diagnostic, Document, ParsedDoc

TEXTS = [
    "Ο υπουργός Οικονομικών δήλωσε ότι ο προϋπολογισμός θα κατατεθεί την επόμενη εβδομάδα.",
    "Σύμφωνα με την ΕΛΣΤΑΤ, η ανεργία υποχώρησε στο 9,8% τον Οκτώβριο.",
    "Ο Johnson είπε ότι οι εκλογές θα γίνουν τον Μάιο.\n"
    "The hospital director said that the new doctors would arrive in March.",
    "Η εκπρόσωπος δήλωσε: «Θα συνεχίσουμε». The union leader told reporters that the strike was over. "
    "Η Αθήνα δεν σχολίασε.",
    "Η CSTO έστειλε στρατιώτες στο Almaty, μετέδωσε το Reuters.",
]


@pytest.fixture(scope="module")
def parser(stanza_parser):
    if not stanza_parser.available("en"):
        pytest.skip(f"no stanza models for 'en' in {stanza_parser.directory}: English parts cannot be parsed")
    return stanza_parser


def _documents(texts=TEXTS) -> list[Document]:
    return [Document(f"doc{i}", text, lang="el", path=f"feed/doc{i}.txt") for i, text in enumerate(texts)]


def _check_offsets(parsed: ParsedDoc) -> None:
    text = parsed.document.text
    for sent in parsed.sentences:
        assert text[sent.start : sent.end] == sent.text
        assert all(0 <= w.start < w.end <= len(text) for w in sent.words)


def test_batching_gives_the_same_parses(parser):
    documents = _documents()
    alone = [parser.parse(d) for d in documents]
    together = parser.parse_many(documents)
    assert together == alone  # every sentence, word, tag, head, offset and language
    for parsed in together:
        _check_offsets(parsed)
    # the mixed documents were cut into runs of both languages
    assert {s.lang for s in together[2].sentences} == {"el", "en"}
    assert [s.lang for s in together[3].sentences] == ["el", "en", "el"]


def test_batching_caps_sentences_as_alone(parser, monkeypatch):
    monkeypatch.setattr(adapter, "MAX_SENTENCE_WORDS", 6)
    documents = _documents(TEXTS[:2])
    together = parser.parse_many(documents)
    assert together == [parser.parse(d) for d in documents]
    assert all(len(s.words) <= 6 for parsed in together for s in parsed.sentences)
    assert len(together[0].sentences) > 1  # the first text has 13 words


class _Poisoned(adapter.StanzaParser):
    """The real parser, except that a stanza call fails whenever it holds a text with POISON."""

    calls = 0

    def _process(self, lang, texts):
        type(self).calls += 1
        if any("POISON" in t for t in texts):
            raise RuntimeError("stanza choked")
        return super()._process(lang, texts)


def test_batching_isolates_a_failing_document(parser):
    poisoned = _Poisoned(parser.directory)
    poisoned._pipelines = parser._pipelines  # share the loaded models
    texts = TEXTS[:2] + ["Ο υπουργός είπε POISON ότι θα φύγει."] + TEXTS[2:3]
    documents = _documents(texts)
    results = poisoned.parse_many(documents)
    assert isinstance(results[2], RuntimeError) and "stanza choked" in str(results[2])
    good = [0, 1, 3]
    assert [results[i] for i in good] == [parser.parse(documents[i]) for i in good]


def test_batching_isolates_a_language_without_models(parser):
    documents = _documents(TEXTS[:2]) + [Document("de", "Der Kanzler kündigte weitere Hilfen an.", lang="de")]
    if parser.available("de"):
        pytest.skip("German models are installed here")
    results = parser.parse_many(documents)
    assert isinstance(results[2], ModelError) and "'de'" in str(results[2])
    assert results[:2] == [parser.parse(d) for d in documents[:2]]


def test_batching_failure_is_reported_by_name_and_the_rest_is_built(parser, tmp_path):
    feed = tmp_path / "feed"
    feed.mkdir()
    for i, text in enumerate(TEXTS[:2] + ["Ο υπουργός είπε POISON ότι θα φύγει."]):
        (feed / f"item{i}.txt").write_text(text, encoding="utf-8")
    poisoned = _Poisoned(parser.directory)
    poisoned._pipelines = parser._pipelines
    report = build([feed], tmp_path / "out", pipeline=Pipeline(parser=poisoned))
    assert report.documents == 2 and report.failed == 1
    errors = [d for d in report.diagnostics if d.level == "error"]
    assert len(errors) == 1 and errors[0].path.endswith("item2.txt") and "stanza choked" in errors[0].problem


def test_batching_one_stanza_call_per_language_for_short_documents(parser):
    poisoned = _Poisoned(parser.directory)
    poisoned._pipelines = parser._pipelines
    before = _Poisoned.calls
    results = poisoned.parse_many(_documents(TEXTS[:2] * 5))
    assert all(isinstance(r, ParsedDoc) for r in results)
    assert _Poisoned.calls - before == 1  # ten one-sentence Greek documents, one stanza call


def test_batching_reports_progress_per_document(parser):
    heard: dict[str, tuple[int, int]] = {}
    reporting = adapter.StanzaParser(
        parser.directory, progress=lambda step: heard.__setitem__(step.what, (step.done, step.total)) if step.stage == "parsing" else None
    )
    reporting._pipelines = parser._pipelines
    documents = _documents(TEXTS[:3])
    reporting.parse_many(documents)
    assert set(heard) == {d.id for d in documents}
    assert all(done == total > 0 for done, total in heard.values())


def test_batching_through_the_cache(parser, tmp_path):
    cached = CachedParser(parser, ParseCache(tmp_path, parser.signature))
    documents = _documents(TEXTS[:3])
    first = cached.parse(documents[0])  # one cached before
    results = cached.parse_many(documents)
    assert cached.hits == 1 and results[0] == first
    again = cached.parse_many(documents)
    assert cached.hits == 4 and again == results


def test_batching_chunks_keep_order_and_diagnostics():
    items = [Document("a", "x" * 10), Diagnostic("bad.txt", "unreadable"), Document("b", "y" * 15), Document("c", "z" * 30)]
    found = list(chunks(items, limit=25))
    assert found == [items[:3], items[3:]]  # a chunk closes before it would pass the limit; a long document alone
    assert [item for chunk in found for item in chunk] == items


def test_batching_run_here_in_order(parser):
    items = [Diagnostic("bad.txt", "unreadable")] + _documents(TEXTS[:2])
    out = list(run_here(items, parser))
    assert out[0] == items[0]
    assert [a.document.id for a in out[1:]] == ["doc0", "doc1"] and all(a.error is None for a in out[1:])
