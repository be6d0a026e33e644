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
