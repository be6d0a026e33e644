"""kg.extract.quantities on hand-made parses and real UD sentences (GDT, EWT), and the seeds' conflict end to end."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pytest

from kg.extract.quantities import parse_number, quantities
from kg.extract.syntax import Tree
from kg.io.conllu import read_conllu
from kg.lexicons import load
from kg.types import Sentence

UD = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ud"
TREEBANKS = {"el": UD / "UD_Greek-GDT", "en": UD / "UD_English-EWT"}


def _pad(rows: str) -> str:
    """Eight CoNLL-U columns per word line (ID … DEPREL) are enough here: add empty DEPS and MISC."""
    return "\n".join(line + "\t_\t_" if line and not line.startswith("#") else line for line in rows.strip().splitlines()) + "\n\n"


# parses by stanza's Greek GDT model (kg.nlp.stanza), trimmed to eight columns
HAND = {
    "official": """
# text = Σύμφωνα με τα επίσημα στοιχεία, 18 αστυνομικοί σκοτώθηκαν και σχεδόν χίλιοι τραυματίστηκαν.
1	Σύμφωνα	σύμφωνα	ADV	ADV	_	9	advmod
2	με	με	ADP	ADP	_	4	case
3	τα	ο	DET	DET	Case=Acc|Definite=Def|Gender=Neut|Number=Plur|PronType=Art	4	det
4	επίσημα	επίσημα	NOUN	NOUN	Case=Acc|Gender=Neut|Number=Plur	1	obl
5	στοιχεία	στοιχείο	NOUN	NOUN	Case=Acc|Gender=Neut|Number=Plur	4	nmod
6	,	,	PUNCT	PUNCT	_	1	punct
7	18	18	NUM	NUM	NumType=Card	8	nummod
8	αστυνομικοί	αστυνομικός	NOUN	NOUN	Case=Nom|Gender=Masc|Number=Plur	9	nsubj
9	σκοτώθηκαν	σκοτώνω	VERB	VERB	Aspect=Perf|Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin|Voice=Act	0	root
10	και	και	CCONJ	CCONJ	_	13	cc
11	σχεδόν	σχεδόν	ADV	ADV	_	12	advmod
12	χίλιοι	χίλιος	NOUN	NOUN	Case=Nom|Gender=Masc|Number=Plur	13	obj
13	τραυματίστηκαν	τραυματίζω	VERB	VERB	Aspect=Perf|Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin|Voice=Act	9	conj
14	.	.	PUNCT	PUNCT	_	9	punct
""",
    "ministry": """
# text = Περίπου 18 μέλη των σωμάτων ασφαλείας πέθαναν σε συγκρούσεις, ενώ τραυματίστηκαν 748.
1	Περίπου	περίπου	ADV	ADV	_	7	advmod
2	18	18	NUM	NUM	NumType=Card	3	nummod
3	μέλη	μέλος	NOUN	NOUN	Case=Acc|Gender=Neut|Number=Plur	7	nsubj
4	των	ο	DET	DET	Case=Gen|Definite=Def|Gender=Fem|Number=Plur|PronType=Art	6	det
5	σωμάτων	σωμήτος	ADJ	ADJ	Case=Gen|Gender=Fem|Number=Plur	6	amod
6	ασφαλείας	ασφάλεια	NOUN	NOUN	Case=Gen|Gender=Fem|Number=Sing	3	nmod
7	πέθαναν	πεθαίνω	VERB	VERB	Aspect=Perf|Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin|Voice=Act	0	root
8	σε	σε	ADP	ADP	_	9	case
9	συγκρούσεις	σύγκρουση	NOUN	NOUN	Case=Acc|Gender=Fem|Number=Plur	7	obl
10	,	,	PUNCT	PUNCT	_	12	punct
11	ενώ	ενώ	SCONJ	SCONJ	_	12	mark
12	τραυματίστηκαν	τραυματίζω	VERB	VERB	Aspect=Perf|Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin|Voice=Act	7	advcl
13	748	748	NUM	NUM	NumType=Card	12	obj
14	.	.	PUNCT	PUNCT	_	7	punct
""",
    "partitive": """
# text = Η αστυνομία ανέφερε ότι δύο από τους νεκρούς αστυνομικούς βρέθηκαν αποκεφαλισμένοι.
1	Η	ο	DET	DET	Case=Nom|Definite=Def|Gender=Fem|Number=Sing|PronType=Art	2	det
2	αστυνομία	αστυνομία	NOUN	NOUN	Case=Nom|Gender=Fem|Number=Sing	3	nsubj
3	ανέφερε	αναφέρω	VERB	VERB	Aspect=Perf|Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin|Voice=Act	0	root
4	ότι	ότι	SCONJ	SCONJ	_	10	mark
5	δύο	δύο	NUM	NUM	Case=Nom|Gender=Masc|NumType=Card|Number=Plur	9	nummod
6	από	από	ADP	ADP	_	9	case
7	τους	ο	DET	DET	Case=Acc|Definite=Def|Gender=Masc|Number=Plur|PronType=Art	9	det
8	νεκρούς	νεκρός	ADJ	ADJ	Case=Acc|Gender=Masc|Number=Plur	9	amod
9	αστυνομικούς	αστυνομικός	NOUN	NOUN	Case=Acc|Gender=Masc|Number=Plur	10	obl
10	βρέθηκαν	βρίσκω	VERB	VERB	Aspect=Perf|Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin|Voice=Act	3	ccomp
11	αποκεφαλισμένοι	αποκεφαλίζω	VERB	VERB	Aspect=Perf|Case=Nom|Gender=Masc|Number=Plur|VerbForm=Part|Voice=Pass	10	xcomp
12	.	.	PUNCT	PUNCT	_	3	punct
""",
    # «χιλιάδες» tagged ADJ: a multiplier all the same; «2022» is a year, not a count
    "year": """
# text = Το 2022 σκοτώθηκαν δύο χιλιάδες άνθρωποι.
1	Το	ο	DET	DET	Case=Acc|Definite=Def|Gender=Neut|Number=Sing|PronType=Art	2	det
2	2022	2022	NOUN	NOUN	_	3	nsubj
3	σκοτώθηκαν	σκοτώνω	VERB	VERB	Aspect=Perf|Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin|Voice=Act	0	root
4	δύο	δύο	NUM	NUM	Case=Acc|Gender=Fem|NumType=Card|Number=Plur	6	nummod
5	χιλιάδες	χιλιάδα	ADJ	ADJ	Case=Nom|Gender=Fem|Number=Plur	6	amod
6	άνθρωποι	άνθρωπος	NOUN	NOUN	Case=Nom|Gender=Masc|Number=Plur	3	obj
7	.	.	PUNCT	PUNCT	_	3	punct
""",
    # hand-written: "one" is no count; "three million" is
    "million": """
# text = One official said three million people fled.
1	One	one	NUM	CD	NumType=Card	2	nummod
2	official	official	NOUN	NN	Number=Sing	3	nsubj
3	said	say	VERB	VBD	VerbForm=Fin	0	root
4	three	three	NUM	CD	NumType=Card	5	compound
5	million	million	NUM	CD	NumType=Card	6	nummod
6	people	people	NOUN	NNS	Number=Plur	7	nsubj
7	fled	flee	VERB	VBD	VerbForm=Fin	3	ccomp
8	.	.	PUNCT	.	_	3	punct
""",
    # hand-written: «ένα» is an article, «μία» a count of one is not worth a figure
    "ena": """
# text = Ένα όχημα χτύπησε δύο διαδηλωτές.
1	Ένα	ένας	DET	DET	Case=Nom|Definite=Ind|Gender=Neut|Number=Sing|PronType=Art	2	det
2	όχημα	όχημα	NOUN	NOUN	Case=Nom|Gender=Neut|Number=Sing	3	nsubj
3	χτύπησε	χτυπώ	VERB	VERB	VerbForm=Fin	0	root
4	δύο	δύο	NUM	NUM	NumType=Card	5	nummod
5	διαδηλωτές	διαδηλωτής	NOUN	NOUN	Case=Acc|Gender=Masc|Number=Plur	3	obj
6	.	.	PUNCT	PUNCT	_	3	punct
""",
}


def _sentence(block: str, lang: str) -> Sentence:
    return read_conllu(block, lang=lang)[0].sentence


@cache
def _treebank(lang: str) -> tuple[str, ...]:
    folder = TREEBANKS[lang]
    if not folder.is_dir():
        return ()
    blocks: list[str] = []
    for path in sorted(folder.glob("*.conllu")):
        blocks.extend(b for b in path.read_text(encoding="utf-8").split("\n\n") if "# text = " in b)
    return tuple(blocks)


def _ud(lang: str, fragment: str) -> Sentence:
    """The first treebank sentence whose text holds ``fragment`` (skips when the treebank is absent)."""
    blocks = _treebank(lang)
    if not blocks:
        pytest.skip(f"no UD treebank at {TREEBANKS[lang]}")
    for block in blocks:
        text = block.split("# text = ", 1)[1].split("\n", 1)[0]
        if fragment in text:
            return _sentence(block + "\n\n", lang)
    raise AssertionError(f"no {lang} treebank sentence holds {fragment!r}")


def _figures(sentence: Sentence) -> list[tuple[str, float, str, str | None, str | None]]:
    found = quantities(Tree(sentence), sentence.start, sentence.end, load(sentence.lang))
    for q in found:
        assert q.span.text == sentence.text[q.span.start - sentence.start : q.span.end - sentence.start]
    return [(q.span.text, q.value, q.bound, q.category, q.population) for q in found]


# ------------------------------------------------------------------ parse_number


@pytest.mark.parametrize(
    ("text", "decimal", "value"),
    [
        ("3.000", ",", 3000.0),
        ("300.000", ",", 300000.0),
        ("1.234.567", ",", 1234567.0),
        ("2,5", ",", 2.5),
        ("7,5", ",", 7.5),
        ("748", ",", 748.0),
        ("3,000", ",", 3.0),  # a Greek decimal comma, whatever English habit says
        ("3\u00a0000", ",", 3000.0),
        ("3,000", ".", 3000.0),
        ("1,234,567", ".", 1234567.0),
        ("2.5", ".", 2.5),
        ("1100", ".", 1100.0),
        ("3 000", ".", 3000.0),
    ],
)
def test_extract_quantities_parse_number(text: str, decimal: str, value: float) -> None:
    assert parse_number(text, decimal) == value


@pytest.mark.parametrize(
    ("text", "decimal"),
    [("", ","), ("abc", ","), ("3.00", ","), ("3.000,5.1", ","), ("2,5,5", "."), ("12a", "."), ("-5", "."), ("3.000.5", "."), (".5", ".")],
)
def test_extract_quantities_parse_number_rejects(text: str, decimal: str) -> None:
    assert parse_number(text, decimal) is None


# ------------------------------------------------------------------ hand-made parses


@pytest.mark.parametrize(
    ("name", "lang", "expected"),
    [
        # the seeds' official figures: «σχεδόν χίλιοι» with its noun elided
        ("official", "el", [("18", 18.0, "exact", "killed", "security_forces"), ("χίλιοι", 1000.0, "about", "injured", "security_forces")]),
        # the ministry's: a hedge on the first figure only, the second one's noun elided
        ("ministry", "el", [("18", 18.0, "about", "killed", "security_forces"), ("748", 748.0, "exact", "injured", "security_forces")]),
        # a part of the dead, found: the dead are not counted again
        ("partitive", "el", [("δύο", 2.0, "exact", None, "security_forces")]),
        ("year", "el", [("δύο χιλιάδες", 2000.0, "exact", "killed", "people")]),
        ("million", "en", [("three million", 3000000.0, "exact", None, "people")]),
        ("ena", "el", [("δύο", 2.0, "exact", None, "protesters")]),
    ],
)
def test_extract_quantities_hand_parses(name: str, lang: str, expected: list[tuple]) -> None:
    assert _figures(_sentence(_pad(HAND[name]), lang)) == expected


def test_extract_quantities_only_inside_the_span() -> None:
    sentence = _sentence(_pad(HAND["official"]), "el")
    start = sentence.text.index("σχεδόν")
    found = quantities(Tree(sentence), sentence.start + start, sentence.end, load("el"))
    # the previous figure is outside the content: nothing to borrow the elided noun from
    assert [(q.span.text, q.category, q.population, q.unit) for q in found] == [("χίλιοι", "injured", None, None)]


def test_extract_quantities_unit_is_the_counted_noun() -> None:
    found = quantities(Tree(s := _sentence(_pad(HAND["ministry"]), "el")), s.start, s.end, load("el"))
    assert [q.unit for q in found] == ["μέλη", "μέλη"]


# ------------------------------------------------------------------ real treebank sentences


@pytest.mark.parametrize(
    ("lang", "fragment", "expected"),
    [
        # separators, hedges, vague plurals, number words in Greek (GDT)
        ("el", "αναφέρθηκε ότι πάνω από 300.000 άτομα", [("300.000", 300000.0, "at_least", None, "people"), ("12.000", 12000.0, "exact", None, "κατοικια")]),
        ("el", "Περισσότερα από 50 άτομα τραυματίσθηκαν", [("50", 50.0, "at_least", "injured", "people")]),
        ("el", "Η Ρωσική Αστυνομία συνέλαβε δεκάδες", [("δεκάδες", 20.0, "at_least", "detained", "protesters")]),
        ("el", "σκοτώθηκαν εκατοντάδες άνθρωποι", [("εκατοντάδες", 200.0, "at_least", "killed", "people")]),
        ("el", "Δεκάδες χιλιάδες πολίτες", [("Δεκάδες χιλιάδες", 20000.0, "at_least", None, "civilians")]),
        ("el", "στέλνει άλλους δύο χιλιάδες στρατιώτες", [("δύο χιλιάδες", 2000.0, "exact", "deployed", "troops")]),
        ("el", "περίπου 7,5 εκατομμύρια Κινέζοι", [("7,5 εκατομμύρια", 7500000.0, "about", None, "κινεζος"), ("6 εκατομμύρια", 6000000.0, "exact", None, "θιβετιανος")]),
        ("el", "τραυματιστούν τρεις αστυνομικοί", [("τρεις", 3.0, "exact", "injured", "security_forces")]),
        # a copular figure counts its subject
        ("el", "οι τραυματίες είναι περίπου 1.500", [("40", 40.0, "exact", "killed", "νεκρος"), ("1.500", 1500.0, "about", "injured", "τραυματιας")]),
        # elided nouns: the previous figure in the same role
        ("el", "28 άνθρωποι έχασαν τη ζωή τους", [("28", 28.0, "exact", "killed", "people"), ("21", 21.0, "exact", "killed", "people"), ("140", 140.0, "exact", "injured", "people")]),
        ("el", "το θάνατο 15 ατόμων και τον τραυματισμό περίπου 60", [("δύο", 2.0, "exact", None, "τρενο"), ("15", 15.0, "exact", "killed", "people"), ("60", 60.0, "about", "injured", "people")]),
        # a coordination of counted nouns: each number keeps its own noun
        (
            "el",
            "οι δύο οδηγοί, 22 παιδιά και τέσσερις συνοδοί",
            [("δύο", 2.0, "exact", "killed", "οδηγος"), ("22", 22.0, "exact", "killed", "παιδι"), ("τέσσερις", 4.0, "exact", "killed", "συνοδος"), ("24", 24.0, "exact", "injured", "people")],
        ),
        # what happens to the tornadoes is not what happened to the people
        ("el", "μονάχα την Παρασκευή σκοτώθηκαν 31 άτομα", [("31", 31.0, "exact", "killed", "people"), ("80", 80.0, "exact", None, "ανεμοστροβιλος")]),
        # years are not counts
        ("el", "Το 1380 η πόλη κατελήφθη", []),
        ("el", "μέχρι το 2010·", []),
        ("el", "Ο αλ Σενούσι έχει καταδικαστεί", [("170", 170.0, "exact", "killed", "people")]),
        # English (EWT): separators, hedges, vague plurals, "of" phrases, elided nouns
        ("en", "About 1,200 Indian soldiers were killed", [("1,200", 1200.0, "about", "killed", "troops")]),
        ("en", "Over 300 Iraqis are reported dead", [("300", 300.0, "at_least", "killed", "iraqi"), ("500", 500.0, "exact", "injured", "iraqi")]),
        ("en", "In Fallujah, hundreds of demonstrators", [("hundreds", 200.0, "at_least", None, "protesters")]),
        ("en", "some eleven Iraqis were killed", [("eleven", 11.0, "about", "killed", "iraqi"), ("two", 2.0, "exact", None, "security_forces")]),
        ("en", "around 1,100 cartoons were submitted", [("1,100", 1100.0, "about", None, "cartoon"), ("60", 60.0, "at_least", None, "country"), ("200", 200.0, "at_least", None, "cartoon")]),
        ("en", "thousands of guns meant for Iraq", [("thousands", 2000.0, "at_least", None, "gun")]),
        ("en", "represented dozens of power generators", [("six", 6.0, "exact", "deployed", None), ("two", 2.0, "exact", None, "hour"), ("dozens", 24.0, "at_least", None, "generator")]),
        ("en", "Musharraf held elections in October of 2002", [("20", 20.0, "about", None, "percent")]),
        ("en", "since his retirement in 1971", [("80", 80.0, "at_least", None, "contact")]),
    ],
)
def test_extract_quantities_treebank(lang: str, fragment: str, expected: list[tuple]) -> None:
    assert _figures(_ud(lang, fragment)) == expected


# ------------------------------------------------------------------ the seeds, end to end


@pytest.mark.models
def test_extract_quantities_seed_conflict_end_to_end(seed_build) -> None:
    from kg import queries
    from kg.cli import run
    from kg.conflicts import find_conflicts
    from kg.pipeline import open_store

    out, report = seed_build
    assert report.conflicts == 1
    with open_store(out) as store:
        rows = find_conflicts(store)
        assert rows == queries.run(store, "conflicts")
    (row,) = rows
    sides = {(row["value_a"], row["bound_a"]), (row["value_b"], row["bound_b"])}
    assert (row["event"], row["population"], sides) == ("injured", "security_forces", {(748.0, "exact"), (1000.0, "about")})
    assert row["document_a"] != row["document_b"]
    assert any("Εσωτερικών" in str(row[k]) for k in ("source_a", "source_b"))

    stdout, stderr = io.StringIO(), io.StringIO()
    assert run(["conflicts", str(out)], stdout, stderr) == 0
    lines = [line for line in stdout.getvalue().splitlines() if line.strip()]
    assert len(lines) == 3  # header, rule, the one conflict
    assert "injured" in lines[2] and "security_forces" in lines[2] and "748" in lines[2] and "1000" in lines[2]
