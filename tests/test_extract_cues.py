"""Cue lookup by form when the lemmatizer errs: augmented and irregular past forms of Greek cue verbs.

The non-word lemmas are those our stanza model gives (probed on aorist forms of every cue verb);
the negatives are augmented verbs of other meanings that share a cue's letters after the augment.
"""

from __future__ import annotations

import pytest

from kg.extract.cues import cue_verb, unaugmented
from kg.lexicons import load
from kg.types import Word

EL = load("el")


def _verb(form: str, lemma: str) -> Word:
    return Word(1, form, lemma, "VERB", 0, "root", 0, len(form), "Mood=Ind|Person=3|Tense=Past|VerbForm=Fin")


@pytest.mark.parametrize(
    ("form", "bad_lemma", "cue"),
    [
        ("διέψευσε", "διαψεύω", "διαψεύδω"),  # internal augment after δια-
        ("διέψευσαν", "διαψεύω", "διαψεύδω"),
        ("ανήγγειλε", "αναγγέπλω", "αναγγέλλω"),  # η-augment after ανα-
        ("προανήγγειλε", "προανήγγειλα", "προαναγγέλλω"),  # augment after the second of two prefixes
        ("έγραψε", "γράτω", "γράφω"),  # leading augment, sigmatic aorist stem
        ("είπα", "έπαμαι", "λέω"),  # suppletive aorist
        ("διεμήνυσε", "διεμάνω", "διαμηνύω"),
        ("ενέμεινε", "εναμένω", "εμμένω"),  # εν- before the augment, εμ- before μ
        ("αναμετέδωσε", "αναμέτω", "αναμεταδίδω"),
        ("επικαλέστηκε", "επικάλλω", "επικαλούμαι"),
    ],
)
def test_cue_found_through_augment(form: str, bad_lemma: str, cue: str) -> None:
    entry = cue_verb(_verb(form, bad_lemma), EL)
    assert entry is not None and EL.cue(cue) == entry


@pytest.mark.parametrize(
    ("form", "bad_lemma"),
    [
        ("υπέγραψε", "υπογράτω"),  # signed: υπο-γραψ-, not γράφω
        ("περιέγραψε", "περιγράτω"),  # described
        ("κατέγραψε", "καταγράτω"),  # recorded
        ("επέστρεψε", "επιστρέπω"),  # returned
        ("διέθεσε", "διαθέτω"),  # made available
        ("είχε", "έχομαι"),
    ],
)
def test_no_cue_from_other_augmented_verbs(form: str, bad_lemma: str) -> None:
    assert cue_verb(_verb(form, bad_lemma), EL) is None


def test_unaugmented_keeps_the_form_first() -> None:
    assert unaugmented("διεψευσε", EL)[0] == "διεψευσε"
    assert "διαψευσε" in unaugmented("διεψευσε", EL)
    assert "γραψε" in unaugmented("εγραψε", EL)
