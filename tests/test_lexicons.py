"""Tests of kg.lexicons: the cue lexicons are data files, loaded into immutable sets and validated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import KGError, LexiconError
from kg.io.conllu import read_conllu
from kg.lexicons import HERE, CueVerb, Lexicon, available, fold, load

LEXICON_FILES = sorted(HERE.glob("*.json"))
PARSES = Path(__file__).resolve().parent / "fixtures" / "parses"

MINIMAL = {"language": "xx", "cue_verbs": {"λέω": {}, "αρνούμαι": {"polarity": "denies"}, "εκτιμώ": {"certainty": 0.7}}}


def write_lexicon(tmp_path: Path, data: object, name: str = "xx.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# ------------------------------------------------------------------ the shipped files


def test_lexicons_available_lists_every_json_file() -> None:
    assert available() == tuple(sorted(p.stem for p in LEXICON_FILES))
    assert {"el", "en"} <= set(available())


@pytest.mark.parametrize("path", LEXICON_FILES, ids=lambda p: p.name)
def test_lexicons_every_file_loads(path: Path) -> None:
    lex = load(path.stem)
    assert isinstance(lex, Lexicon)
    assert lex.language == path.stem
    assert len(lex.cue_verbs) >= 20
    assert lex.complementizers and lex.negations and lex.time_words and len(lex.weekdays) == 7
    assert sorted(lex.weekdays.values()) == list(range(7))


@pytest.mark.parametrize("path", LEXICON_FILES, ids=lambda p: p.name)
def test_lexicons_every_file_is_valid_json_with_cue_verbs(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data["cue_verbs"], dict)
    assert data.get("provenance"), f"{path.name} has no provenance note"


@pytest.mark.parametrize("path", LEXICON_FILES, ids=lambda p: p.name)
def test_lexicons_keys_are_folded(path: Path) -> None:
    lex = load(path.stem)
    for key in (*lex.cue_verbs, *lex.complementizers, *lex.time_words, *lex.weekdays, *lex.title_nouns):
        assert key == fold(key)


@pytest.mark.parametrize("language", ["el", "en"])
def test_lexicons_are_immutable(language: str) -> None:
    lex = load(language)
    with pytest.raises(TypeError):
        lex.cue_verbs["new"] = CueVerb("new")  # type: ignore[index]
    with pytest.raises(TypeError):
        lex.time_words["new"] = 0  # type: ignore[index]
    with pytest.raises(AttributeError):
        lex.complementizers.add("new")  # type: ignore[attr-defined]


def test_lexicons_readme_exists_and_names_every_lexicon() -> None:
    readme = HERE / "README.md"
    assert readme.is_file(), f"{readme} is missing: the lexicons' provenance belongs there"
    text = readme.read_text(encoding="utf-8")
    for path in LEXICON_FILES:
        assert path.name in text


def test_lexicons_readme_documents_every_field() -> None:
    """A list the README does not describe has no provenance: every field of the loader is in its table."""
    from kg.lexicons import _FIELDS

    text = (HERE / "README.md").read_text(encoding="utf-8")
    missing = sorted(f for f in _FIELDS - {"language", "provenance"} if f"`{f}`" not in text)
    assert not missing, f"fields without a line in kg/lexicons/README.md: {missing}"


# ------------------------------------------------------------------ fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Δήλωσε", "δηλωσε"),
        ("ΔΉΛΩΣΕ", "δηλωσε"),
        ("δηλωσε", "δηλωσε"),
        ("Προϋπολογισμός", "προυπολογισμος"),  # dialytika and tonos
        ("Said", "said"),
        ("naïve café", "naive cafe"),
        ("µείωση", "μειωση"),  # a micro sign for mu, as real Greek copy has it (NFKC)
        ("ﬁnal", "final"),  # a compatibility ligature
        ("", ""),
    ],
)
def test_lexicons_fold_drops_case_and_accents(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_lexicons_fold_is_idempotent() -> None:
    for text in ("Τοκάγιεφ", "ΑΡΝΉΘΗΚΕ", "Μαΐου"):
        assert fold(fold(text)) == fold(text)


# ------------------------------------------------------------------ Lexicon.cue


@pytest.mark.parametrize(
    ("lemma", "entry"),
    [
        ("δηλώνω", "δηλώνω"),
        ("ΔΗΛΩΝΩ", "δηλώνω"),
        ("δηλωνω", "δηλώνω"),
        ("δηλώνομαι", "δηλώνω"),  # mediopassive citation form → the active entry
        ("προφασίζω", "προφασίζομαι"),  # active citation form → the mediopassive entry
        ("προφασίζομαι", "προφασίζομαι"),
        ("αρνούμαι", "αρνούμαι"),
        ("αρνιέμαι", "αρνιέμαι"),  # GDT's lemma of αρνήθηκε
        ("αρνώ", "αρνούμαι"),
        ("εκτιμάμαι", "εκτιμώ"),
    ],
)
def test_lexicons_cue_finds_greek_verbs_across_voice_endings(lemma: str, entry: str) -> None:
    found = load("el").cue(lemma)
    assert found is not None
    assert found.lemma == entry


@pytest.mark.parametrize("lemma", ["αρνήθηκε", "τρώω", "σπίτι", "say", "λέγεται", ""])
def test_lexicons_cue_is_none_for_non_cues_and_inflected_forms(lemma: str) -> None:
    assert load("el").cue(lemma) is None


@pytest.mark.parametrize(
    ("lemma", "entry"),
    [("say", "say"), ("Say", "say"), ("deny", "deny"), ("believe", "believe"), ("point", "point")],
)
def test_lexicons_cue_finds_english_lemmas(lemma: str, entry: str) -> None:
    found = load("en").cue(lemma)
    assert found is not None and found.lemma == entry


@pytest.mark.parametrize("lemma", ["said", "says", "denies", "δηλώνω", "sayomai"])
def test_lexicons_cue_english_has_no_voice_fallback(lemma: str) -> None:
    assert load("en").cue(lemma) is None


def test_lexicons_cue_of_a_fixture_lemma_of_arnithike_denies() -> None:
    text = (PARSES / "el" / "denial.conllu").read_text(encoding="utf-8")
    words = [w for b in read_conllu(text) for w in b.sentence.words if w.text == "αρνήθηκε"]
    assert words
    lex = load("el")
    for w in words:
        entry = lex.cue(w.lemma)
        assert entry is not None and entry.polarity == "denies"


# ------------------------------------------------------------------ polarity and certainty


@pytest.mark.parametrize(
    ("language", "lemma", "polarity"),
    [
        ("el", "αρνούμαι", "denies"),
        ("el", "αρνιέμαι", "denies"),
        ("el", "διαψεύδω", "denies"),
        ("el", "δηλώνω", "asserts"),
        ("el", "εκτιμώ", "asserts"),
        ("en", "deny", "denies"),
        ("en", "say", "asserts"),
    ],
)
def test_lexicons_cue_polarity(language: str, lemma: str, polarity: str) -> None:
    assert load(language).cue(lemma).polarity == polarity


@pytest.mark.parametrize(
    ("language", "lemma"),
    [("el", "εκτιμώ"), ("el", "πιστεύω"), ("el", "θεωρώ"), ("en", "believe"), ("en", "estimate")],
)
def test_lexicons_hedged_cues_have_certainty_below_one(language: str, lemma: str) -> None:
    assert 0 < load(language).cue(lemma).certainty < 1


@pytest.mark.parametrize(("language", "lemma"), [("el", "δηλώνω"), ("el", "αρνούμαι"), ("en", "say"), ("en", "deny")])
def test_lexicons_plain_cues_are_certain(language: str, lemma: str) -> None:
    assert load(language).cue(lemma).certainty == 1.0


@pytest.mark.parametrize("language", ["el", "en"])
def test_lexicons_every_cue_has_a_valid_polarity_and_certainty(language: str) -> None:
    for entry in load(language).cue_verbs.values():
        assert entry.polarity in ("asserts", "denies")
        assert 0 < entry.certainty <= 1


def test_lexicons_greek_time_words_and_weekdays() -> None:
    lex = load("el")
    assert (lex.time_words["σημερα"], lex.time_words["χθες"], lex.time_words["προχθες"]) == (0, -1, -2)
    assert (lex.weekdays["δευτερα"], lex.weekdays["κυριακη"]) == (0, 6)


# ------------------------------------------------------------------ loading from a path, errors


def test_lexicons_load_from_a_path(tmp_path: Path) -> None:
    lex = load("xx", write_lexicon(tmp_path, MINIMAL))
    assert lex.language == "xx"
    assert lex.cue("λέω").polarity == "asserts"
    assert lex.cue("αρνουμαι").polarity == "denies"
    assert lex.cue("εκτιμώ").certainty == 0.7
    assert lex.complementizers == frozenset() and dict(lex.time_words) == {}


def test_lexicons_language_defaults_to_the_argument(tmp_path: Path) -> None:
    lex = load("zz", write_lexicon(tmp_path, {"cue_verbs": {"say": {}}}))
    assert lex.language == "zz"
    assert lex.cue("say") is not None
    assert lex.cue("λέγομαι") is None  # the voice fallback is for Greek only


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        {"language": "xx"},  # no cue_verbs
        {"cue_verbs": ["λέω"]},
        {"cue_verbs": {"λέω": "asserts"}},
        {"cue_verbs": {"λέω": {"certainty": "high"}}},
        {"cue_verbs": {"λέω": {"certainty": None}}},
        {"cue_verbs": {"λέω": {}}, "complementizers": 5},
        {"cue_verbs": {"λέω": {}}, "time_words": ["σήμερα"]},
        {"cue_verbs": {"λέω": {}}, "phrasal_cues": ["γίνομαι"]},
    ],
    ids=["bad-json", "list", "no-cue-verbs", "verbs-list", "verb-str", "certainty-word", "certainty-null",
         "set-number", "map-list", "phrasal-list"],
)
def test_lexicons_malformed_file_raises_lexicon_error_naming_the_file(tmp_path: Path, content: object) -> None:
    path = write_lexicon(tmp_path, content)
    with pytest.raises(LexiconError, match="malformed lexicon") as info:
        load("xx", path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    "props",
    [{"polarity": "maybe"}, {"certainty": 0}, {"certainty": 1.5}, {"certainty": -0.2}, {"certainty": "nan"}],
)
def test_lexicons_bad_polarity_or_certainty_raises_naming_file_and_verb(tmp_path: Path, props: dict) -> None:
    path = write_lexicon(tmp_path, {"cue_verbs": {"λέω": {}, "φωνάζω": props}})
    with pytest.raises(LexiconError) as info:
        load("xx", path)
    message = str(info.value)
    assert str(path) in message and "φωνάζω" in message and "λέω" not in message


def test_lexicons_undecodable_file_raises_lexicon_error(tmp_path: Path) -> None:
    path = tmp_path / "xx.json"
    path.write_bytes(b"\xff\xfe{}")
    with pytest.raises(LexiconError, match="xx.json"):
        load("xx", path)


def test_lexicons_missing_language_lists_the_available_ones() -> None:
    with pytest.raises(LexiconError) as info:
        load("zz")
    message = str(info.value)
    assert "'zz'" in message
    assert "available: " + ", ".join(available()) in message


def test_lexicons_missing_path_raises_lexicon_error(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="no cue lexicon for language 'xx'"):
        load("xx", tmp_path / "absent.json")


def test_lexicons_errors_are_kg_errors(tmp_path: Path) -> None:
    with pytest.raises(KGError):
        load("xx", write_lexicon(tmp_path, "{"))


# ------------------------------------------------------------------ field types and ranges


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"cue_verbs": {"λέω": {}}, "complementizers": "ότι"}, "complementizers"),
        ({"cue_verbs": {"λέω": {}}, "complementizers": ["ότι", 3]}, "complementizers"),
        ({"cue_verbs": {"λέω": {}}, "phrasal_cues": {"γίνομαι": "γνωστό"}}, "phrasal_cues.γίνομαι"),
        ({"cue_verbs": {"λέω": {}}, "time_words": {"σήμερα": "0"}}, "time_words.σήμερα"),
        ({"cue_verbs": {"λέω": {}}, "time_words": {"σήμερα": 0.5}}, "time_words.σήμερα"),
        ({"cue_verbs": {"λέω": {}}, "time_words": {"σήμερα": True}}, "time_words.σήμερα"),
        ({"cue_verbs": {"λέω": {}}, "weekdays": {"κυριακή": 9}}, "weekdays.κυριακή"),
        ({"cue_verbs": {"λέω": {}}, "weekdays": {"κυριακή": -1}}, "weekdays.κυριακή"),
        ({"cue_verbs": {"λέω": {}}, "hedge_words": {"ίσως": 2}}, "hedge_words.ίσως"),
        ({"cue_verbs": {"λέω": {}}, "number_multipliers": {"χιλιάδες": 0}}, "number_multipliers.χιλιάδες"),
        ({"cue_verbs": {"λέω": {}}, "approximators": {"σχεδόν": "roughly"}}, "approximators.σχεδόν"),
        ({"cue_verbs": {"λέω": {}}, "decimal_separator": ";"}, "decimal_separator"),
        ({"cue_verbs": {"λέω": {}}, "pro_drop": "yes"}, "pro_drop"),
        ({"cue_verbs": {"λέω": {}}, "bare_complements": 1}, "bare_complements"),
        ({"cue_verbs": {"λέω": {}}, "outermost_only": "yes"}, "outermost_only"),
        ({"cue_verbs": {"λέω": {}}, "whole_clauses": 0}, "whole_clauses"),
        ({"cue_verbs": {"λέω": {}}, "months": {"ιανουάριος": ["ιανουαρίου"]}}, "months"),
        ({"cue_verbs": {"λέω": {"needs_clause": "no"}}}, "cue_verbs.λέω.needs_clause"),
        ({"cue_verbs": {"λέω": {"particle": 1}}}, "cue_verbs.λέω.particle"),
        ({"cue_verbs": {"λέω": {"polarty": "denies"}}}, "cue_verbs.λέω"),
        ({"cue_verbs": {"λέω": {}}, "complementisers": ["ότι"]}, "complementisers"),
        ({"cue_verbs": {"λέω": {}}, "language": 7}, "language"),
    ],
    ids=["set-as-string", "set-with-number", "phrasal-as-string", "day-offset-string", "day-offset-float", "day-offset-bool",
         "weekday-out-of-range", "weekday-negative", "hedge-above-one", "multiplier-zero", "bound-unknown",
         "decimal-separator", "pro-drop-string", "bare-complements-number", "outermost-only-string", "whole-clauses-number", "months-not-twelve", "needs-clause-string", "particle-number",
         "misspelt-cue-property", "misspelt-field", "language-number"],
)
def test_lexicons_wrongly_typed_field_raises_lexicon_error(tmp_path: Path, data: dict, field: str) -> None:
    path = write_lexicon(tmp_path, data)
    with pytest.raises(LexiconError, match="xx.json") as info:
        load("xx", path)
    assert f"field '{field}'" in str(info.value)


def test_lexicons_unknown_field_error_lists_the_valid_ones(tmp_path: Path) -> None:
    with pytest.raises(LexiconError) as info:
        load("xx", write_lexicon(tmp_path, {"cue_verbs": {"λέω": {}}, "weekday": {"κυριακή": 6}}))
    assert "'weekday'" in str(info.value) and "weekdays" in str(info.value)


@pytest.mark.parametrize("language", ["el", "en"])
def test_lexicons_time_lists_load(language: str) -> None:
    lex = load(language)
    assert len(lex.months) == 12
    assert lex.times_of_day and lex.time_fillers and lex.last_words and lex.week_words


def test_lexicons_greek_month_forms_include_the_genitive() -> None:
    months = load("el").months
    assert "ιανουαριου" in months["ιανουαριος"] and "σεπτεμβριο" in months["σεπτεμβριος"]


def test_lexicons_other_modules_word_lists_are_fields() -> None:
    lex = load("el")
    assert lex.pro_drop is True and load("en").pro_drop is False
    assert lex.bare_complements is False and load("en").bare_complements is True
    assert lex.outermost_only is False and load("en").outermost_only is True
    assert lex.whole_clauses is False and load("en").whole_clauses is True
    assert lex.private_state_verbs == frozenset() and {"believe", "know", "hope"} <= load("en").private_state_verbs
    assert isinstance(lex.interrogatives, frozenset) and isinstance(lex.control_governors, frozenset)
