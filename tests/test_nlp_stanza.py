"""The stanza adapter: model discovery without network, clear errors, document offsets."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest

from kg.errors import ModelError
from kg.nlp import stanza as adapter
from kg.types import Document


def test_stanza_missing_directory_names_language_folder_and_command(tmp_path, monkeypatch):
    missing = tmp_path / "nowhere"
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(missing))
    import stanza

    def no_download(*args, **kwargs):  # a download attempt would hang without network
        raise AssertionError("stanza.download must not be called")

    monkeypatch.setattr(stanza, "download", no_download)
    parser = adapter.StanzaParser()
    with pytest.raises(ModelError) as info:
        parser.parse(Document("d", "Ο υπουργός δήλωσε ότι όλα πάνε καλά.", lang="el"))
    message = str(info.value)
    assert "'el'" in message and str(missing) in message and "kg models download el" in message


def test_stanza_installed_processors_reads_resources_json(tmp_path):
    (tmp_path / "resources.json").write_text(
        json.dumps({"xx": {"default_processors": {"tokenize": "t", "pos": "p", "lemma": "l", "depparse": "d"}}}),
        encoding="utf-8",
    )
    for proc, package in (("tokenize", "t"), ("pos", "p"), ("lemma", "l")):
        (tmp_path / "xx" / proc).mkdir(parents=True)
        (tmp_path / "xx" / proc / f"{package}.pt").write_bytes(b"")
    assert adapter.installed_processors("xx", tmp_path) == ("tokenize", "pos", "lemma")
    assert not adapter.has_models("xx", tmp_path)  # depparse missing
    (tmp_path / "xx" / "depparse").mkdir()
    (tmp_path / "xx" / "depparse" / "d.pt").write_bytes(b"")
    assert adapter.has_models("xx", tmp_path)
    assert adapter.installed_processors("yy", tmp_path) == ()


def test_stanza_parse_offsets_point_into_the_document(stanza_parser):
    text = "Η κυβέρνηση δήλωσε ότι οι τιμές θα μειωθούν.\n\nΟ υπουργός είπε στο Reuters ότι «η κρίση τελείωσε»."
    parsed = stanza_parser.parse(Document("d", text, lang="el", published=date(2022, 1, 7)))
    assert len(parsed.sentences) == 2
    assert [s.paragraph for s in parsed.sentences] == [0, 1]
    for sent in parsed.sentences:
        assert text[sent.start : sent.end] == sent.text
        assert [w.id for w in sent.words] == list(range(1, len(sent.words) + 1))
        for w in sent.words:
            assert 0 <= w.start < w.end <= len(text)
    # single-word tokens carry their own text; «στο» is one token of two words: «σ» + «το» spell it and get
    # their own offsets, «σε» + «το» do not and both keep the token's
    words = [w for s in parsed.sentences for w in s.words]
    first = next(i for i, w in enumerate(words) if w.text in ("σε", "σ"))
    prep, art = words[first], words[first + 1]
    if prep.text == "σ":
        assert (text[prep.start : prep.end], text[art.start : art.end]) == ("σ", "το")
    else:
        assert text[prep.start : prep.end] == text[art.start : art.end] == "στο"
    assert all(text[w.start : w.end] == w.text for w in words if w.text not in ("σε", "το"))


@pytest.mark.parametrize(
    ("token", "words", "expected"),
    [
        ("Germany’s", ["Germany", "’s"], [(0, 7), (7, 9)]),
        ("don't", ["do", "n't"], [(0, 2), (2, 5)]),
        ("στο", ["σ", "το"], [(0, 1), (1, 3)]),
        ("στο", ["σε", "το"], None),  # the words do not spell the token: both keep its offsets
        ("Reuters", ["Reuters"], None),
    ],
)
def test_stanza_multiword_token_pieces(token, words, expected):
    assert adapter._pieces(token, words) == expected


@pytest.fixture(scope="module")
def greek_only_parser(tmp_path_factory, stanza_parser):
    """A parser whose resources folder holds the Greek models only (links to the real ones), whatever else is installed."""
    folder = tmp_path_factory.mktemp("greek-only")
    shutil.copy(stanza_parser.directory / "resources.json", folder / "resources.json")
    (folder / "el").symlink_to((stanza_parser.directory / "el").resolve(), target_is_directory=True)
    parser = adapter.StanzaParser(folder)
    assert parser.available("el") and not parser.available("en")
    return parser


def test_stanza_skips_paragraphs_without_models_with_a_warning(greek_only_parser):
    text = "Η κυβέρνηση δήλωσε ότι οι τιμές θα μειωθούν.\nThis is what it is like in #Almaty tonight #Kazakhstan"
    parsed = greek_only_parser.parse(Document("d", text, lang="el"))
    assert len(parsed.sentences) == 1 and parsed.sentences[0].lang == "el"
    assert parsed.sentences[0].text == "Η κυβέρνηση δήλωσε ότι οι τιμές θα μειωθούν."
    assert len(parsed.diagnostics) == 1
    assert parsed.diagnostics[0].level == "warning" and "'en'" in parsed.diagnostics[0].problem


def test_stanza_skips_a_sentence_without_models_inside_a_paragraph_with_a_warning(greek_only_parser):
    from kg.extract import extract

    greek_1 = "Ο εκπρόσωπος του δήμου ανακοίνωσε ότι η γέφυρα θα κλείσει για δύο εβδομάδες."
    english = "The contractor said that the repairs would take much longer than planned."
    greek_2 = "Οι κάτοικοι ζήτησαν να λειτουργήσει προσωρινή γραμμή λεωφορείων."
    text = f"{greek_1} {english} {greek_2}"
    parsed = greek_only_parser.parse(Document("d", text, lang="el"))
    assert [s.text for s in parsed.sentences] == [greek_1, greek_2]
    assert [s.lang for s in parsed.sentences] == ["el", "el"]
    assert [s.paragraph for s in parsed.sentences] == [0, 0]
    for sent in parsed.sentences:
        assert text[sent.start : sent.end] == sent.text
        assert all(text[w.start : w.end] == w.text for w in sent.words if len(w.text) > 3)
    (warning,) = parsed.diagnostics
    assert warning.level == "warning" and "'en'" in warning.problem and "not analysed" in warning.problem
    found = extract(parsed)
    assert [(a.cue.text, a.content.text) for a in found] == [("ανακοίνωσε", "η γέφυρα θα κλείσει για δύο εβδομάδες")]


def test_stanza_one_language_paragraphs_go_to_stanza_as_today(stanza_parser, monkeypatch):
    """A paragraph in one language is one stanza document (whole, as before); each language is one batch."""
    calls: list[tuple[str, list[str]]] = []
    real = stanza_parser._process

    def spy(lang, texts):
        calls.append((lang, list(texts)))
        return real(lang, texts)

    monkeypatch.setattr(stanza_parser, "_process", spy)
    para_1 = "Η κυβέρνηση δήλωσε ότι οι τιμές θα μειωθούν. Ο Tokayev είπε ότι η χώρα είναι ασφαλής."
    para_2 = "Το Reuters μετέδωσε ότι οι συνομιλίες συνεχίζονται. Η CSTO (Collective Security Treaty Organisation) έστειλε στρατό."
    para_3 = "Στα νησιά έπεσαν δυνατές βροχές. The mayor said that the roads would reopen on Friday."
    text = "\n".join((para_1, para_2, para_3))
    parsed = stanza_parser.parse(Document("d", text, lang="el"))
    if stanza_parser.available("en"):
        assert calls == [
            ("el", [para_1, para_2, "Στα νησιά έπεσαν δυνατές βροχές."]),
            ("en", ["The mayor said that the roads would reopen on Friday."]),
        ]
        assert [s.lang for s in parsed.sentences] == ["el"] * (len(parsed.sentences) - 1) + ["en"]
    assert all(text[s.start : s.end] == s.text for s in parsed.sentences)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("υπoυργός δήλωσε oτι", "υπουργός δήλωσε οτι"),  # Latin o inside Greek words
        ("που έχει αναλάβει o CSTO, ο", "που έχει αναλάβει ο CSTO, ο"),  # a lone Latin o between Greek words
        ("This is o.k. in English", "This is o.k. in English"),
        ("Ο Tokayev είπε", "Ο Tokayev είπε"),  # a Latin name stays Latin
        ("η µείωση των τιµών", "η μείωση των τιμών"),  # micro signs made Greek mu, one character for one
        ("ﬁnal", "ﬁnal"),  # a ligature would change the length: left as it is
    ],
)
def test_stanza_unmix_scripts_keeps_offsets(text, expected):
    out = adapter.unmix_scripts(text)
    assert out == expected and len(out) == len(text)


def test_stanza_latin_o_inside_greek_still_yields_the_claim(stanza_parser):
    from kg.extract import extract

    text = "Ο υπoυργός δήλωσε oτι οι τιμές θα μειωθούν."
    found = extract(stanza_parser.parse(Document("d", text, lang="el")))
    assert [(a.cue.text, a.content.text) for a in found] == [("δήλωσε", "οι τιμές θα μειωθούν")]
    assert found[0].source is not None and "υπoυργός" in found[0].source.span.text  # offsets point at the original text


# ------------------------------------------------------------------ bounded cost: long sentences, huge paragraphs

_GREEK = "ο υπουργός δήλωσε ότι η κυβέρνηση θα στηρίξει το σχέδιο για την οικονομία των πολιτών μετά τη συνάντηση".split()


def _tokenized(words: list[str]):
    """A tokenized stanza document of one sentence of ``words``; «στο» is a multiword token (σε + το)."""
    import stanza

    text = " ".join(words)
    entries, at, ident = [], 0, 1
    for w in words:
        span = {"start_char": at, "end_char": at + len(w)}
        if w == "στο":
            entries += [{"id": (ident, ident + 1), "text": w, **span}, {"id": ident, "text": "σε"}, {"id": ident + 1, "text": "το"}]
            ident += 2
        else:
            entries.append({"id": ident, "text": w, **span})
            ident += 1
        at += len(w) + 1
    return text, stanza.Document([entries], text=text)


def _check_pieces(text, before, after, limit):
    tokens = [t for s in after.sentences for t in s.tokens]
    assert [(t.text, t.start_char, t.end_char) for t in tokens] == [
        (t.text, t.start_char, t.end_char) for s in before.sentences for t in s.tokens
    ]
    assert all(text[t.start_char : t.end_char] == t.text for t in tokens)
    for sent in after.sentences:
        assert len(sent.words) <= limit
        assert [w.id for w in sent.words] == list(range(1, len(sent.words) + 1))
        assert all(len(t.words) == len(t.id) for t in sent.tokens)  # no multiword token was cut


def test_stanza_cap_sentences_cuts_a_long_sentence_into_even_pieces_offsets_kept():
    words = [_GREEK[i % len(_GREEK)] if i % 7 else "στο" for i in range(450)]
    text, doc = _tokenized(words)
    assert len(doc.sentences[0].words) > 2 * adapter.MAX_SENTENCE_WORDS
    capped = adapter.cap_sentences(doc, adapter.MAX_SENTENCE_WORDS)
    _check_pieces(text, doc, capped, adapter.MAX_SENTENCE_WORDS)
    sizes = [len(s.words) for s in capped.sentences]
    assert len(sizes) == 3 and max(sizes) - min(sizes) <= 3, sizes  # about equal, not 200 + 200 + a stub


def test_stanza_cap_sentences_prefers_to_cut_after_a_comma():
    words = [_GREEK[i % len(_GREEK)] for i in range(300)]
    words[120] = words[40] = ","  # the tokenizer makes a comma a token of its own; at 40, in the first half of the piece: not a cut
    text, doc = _tokenized(words)
    capped = adapter.cap_sentences(doc, 200)
    _check_pieces(text, doc, capped, 200)
    assert [len(s.tokens) for s in capped.sentences] == [121, 179]


def test_stanza_cap_sentences_leaves_short_sentences_alone():
    text, doc = _tokenized(_GREEK * 3)
    assert adapter.cap_sentences(doc, 200) is doc


@pytest.mark.parametrize("gap", [" ", "\n", ""])
def test_stanza_cut_passage_keeps_every_character_and_the_limit(gap):
    text = gap.join(_GREEK[i % len(_GREEK)] for i in range(3000))
    spans = adapter.cut_passage(text, 0, len(text), 1000)
    assert len(spans) > 1 and all(e - s <= 1000 for s, e in spans)
    assert all(text[s:e] == text[s:e].strip() and text[s:e] for s, e in spans)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    between = [text[e:s] for (_, e), (s, _) in zip(spans, spans[1:])]
    assert all(gap and g == gap or not gap and g == "" for g in between)  # cut at whitespace when there is some
    assert [w for s, e in spans for w in text[s:e].split()] == text.split() if gap else "".join(text[s:e] for s, e in spans) == text


def test_stanza_cut_passage_prefers_a_sentence_end():
    first = " ".join(_GREEK * 4) + ". "
    text = first + " ".join(_GREEK * 10)
    (a, b), *_ = adapter.cut_passage(text, 0, len(text), len(first) + 40)
    assert text[a:b] == first.strip()


def test_stanza_unpunctuated_greek_is_parsed_in_sentences_of_at_most_the_cap(stanza_parser):
    """A text without punctuation came out of the tokenizer as one sentence of every word (5 GB at 1,355 words)."""
    import random

    rng = random.Random(6)
    text = " ".join(rng.choice(_GREEK) for _ in range(600))
    parsed = stanza_parser.parse(Document("long", text, lang="el"))
    assert parsed.sentences and all(len(s.words) <= adapter.MAX_SENTENCE_WORDS for s in parsed.sentences)
    assert all(text[s.start : s.end] == s.text for s in parsed.sentences)
    assert " ".join(text[s.start : s.end] for s in parsed.sentences) == text  # nothing lost between pieces
    assert all(w.head <= len(s.words) for s in parsed.sentences for w in s.words)


def test_stanza_huge_paragraph_is_cut_and_parsed_in_batches_with_progress(stanza_parser, monkeypatch):
    monkeypatch.setattr(adapter, "MAX_PASSAGE_CHARS", 300)
    monkeypatch.setattr(adapter, "BATCH_CHARS", 600)
    text = " ".join(_GREEK[i % len(_GREEK)] for i in range(300)) + "\nΟ υπουργός δήλωσε ότι όλα πάνε καλά."
    seen: list[tuple[int, int]] = []
    monkeypatch.setattr(stanza_parser, "progress", lambda step: seen.append((step.done, step.total)) if step.stage == "parsing" else None)
    parsed = stanza_parser.parse(Document("huge", text, lang="el"))
    assert all(text[s.start : s.end] == s.text and s.end - s.start <= 300 for s in parsed.sentences)
    assert [w.text for s in parsed.sentences for w in s.words if w.start == w.end - len(w.text)][:5] == _GREEK[:5]
    assert parsed.sentences[-1].paragraph == 1 and parsed.sentences[-2].paragraph == 0
    assert len(seen) > 2 and seen[-1][0] == seen[-1][1] and [d for d, _ in seen] == sorted(d for d, _ in seen)
