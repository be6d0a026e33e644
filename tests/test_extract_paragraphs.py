"""Cross-sentence rules on gold parses: a subjectless cue takes the agreeing previous source of its paragraph.

``parsed_from_conllu`` puts every sentence on its own line, and a line is a
paragraph (``kg.lang.split_paragraphs``), so these tests build the document
themselves: the sentences of one paragraph are joined by a space, as the
stanza adapter sees news copy. The sentences are fixture sentences (their
sentence-level expectations are in ``fixtures/parses/el/reporting_verb.conllu``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from kg.extract import extract
from kg.extract.mentions import phrase_number, span_agreement
from kg.extract.sources import agrees_with
from kg.extract.syntax import Tree
from kg.io.conllu import read_conllu
from kg.lexicons import load
from kg.types import Document, ParsedDoc

PARSES = Path(__file__).resolve().parent / "fixtures" / "parses"


def _block(lang: str, sent_id: str) -> str:
    for path in sorted((PARSES / lang).glob("*.conllu")):
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            if f"# sent_id = {sent_id}\n" in block + "\n":
                return block
    raise LookupError(sent_id)


def _document(lang: str, paragraphs: list[list[str]]) -> ParsedDoc:
    """A ParsedDoc whose paragraphs (lines) hold the given fixture sentences, joined by spaces."""
    sentences, lines, offset = [], [], 0
    for p_index, ids in enumerate(paragraphs):
        parts = []
        for sent_id in ids:
            parsed = read_conllu(_block(lang, sent_id), lang=lang, base=offset)[0].sentence
            sentences.append(replace(parsed, index=len(sentences), paragraph=p_index))
            parts.append(parsed.text)
            offset += len(parsed.text) + 1  # a space inside the paragraph, a newline after it
        lines.append(" ".join(parts))
    text = "\n".join(lines)
    for s in sentences:  # offsets point at the sentence text in the joined document
        assert text[s.start : s.end] == s.text
    return ParsedDoc(Document(id="paragraphs", text=text, lang=lang), tuple(sentences))


def _by_cue(found, cue: str):
    return next(a for a in found if a.cue.text.endswith(cue))


def test_extract_paragraph_previous_source_fills_a_subjectless_cue():
    parsed = _document("el", [["gdt-20130406-elwikinews-1-7", "gdt-20130406-elwikinews-1-8"]])
    added = _by_cue(extract(parsed), "Πρόσθεσε")
    assert added.source is not None and "πρόεδρος" in added.source.span.text
    assert added.rule == "clause+previous"


def test_extract_paragraph_previous_source_stops_at_the_paragraph_end():
    parsed = _document("el", [["gdt-20130406-elwikinews-1-7"], ["gdt-20130406-elwikinews-1-8"]])
    assert _by_cue(extract(parsed), "Πρόσθεσε").source is None


@pytest.mark.parametrize("paragraphs", [[["gdt-20120303-elwikinews-5001-3", "gdt-20120303-elwikinews-5001-4"]]])
def test_extract_paragraph_first_person_cue_never_takes_the_previous_source(paragraphs):
    found = extract(_document("el", paragraphs))
    assert _by_cue(found, "δήλωσε").source is not None
    assert _by_cue(found, "Υπενθυμίζουμε").source is None


def test_extract_paragraph_plural_cue_never_takes_a_singular_previous_source():
    """«… όπως ανακοίνωσε ο … Σανόγκο. Μέσω της κρατικής τηλεόρασης ανακοίνωσαν ότι …»: the plural cue's
    subject is the coup leaders, who are not a source; the singular previous source is no candidate."""
    found = extract(_document("el", [["gdt-20120322-elwikinews-5258-7", "gdt-20120322-elwikinews-5258-8"]]))
    assert "Σανόγκο" in _by_cue(found, "ανακοίνωσε").source.span.text
    announced = _by_cue(found, "ανακοίνωσαν")
    assert announced.source is None and announced.rule == "clause+unresolved"


def test_extract_paragraph_plural_cue_takes_a_plural_previous_source():
    """«Αξιωματούχοι της Υεμένης και γιατροί ανέφεραν ότι «…». Όπως ανέφεραν, «…»»: number agrees, so it is inherited."""
    found = extract(_document("el", [["gdt-20120305-elwikinews-5016-3", "gdt-20120305-elwikinews-5016-4"]]))
    framed = _by_cue(found, "Όπως ανέφεραν")
    assert framed.source is not None and "Αξιωματούχοι" in framed.source.span.text
    assert framed.rule == "according+previous"


def test_extract_paragraph_coordinated_source_is_plural():
    """«Ο Λευκός Οίκος και ηγετικά στελέχη …»: a singular head coordinated by και is a plural source, which a
    plural subjectless cue may inherit and a singular one («Πρόσθεσε») may not. (GDT has no coordinated
    source followed by a subjectless cue whose latest source it stays, so the parts are checked directly.)"""
    source_doc = _document("el", [["gdt-20130101-elwikinews-1-2"]])
    said = _by_cue(extract(source_doc), "δηλώνουν")
    tree = Tree(source_doc.sentences[0])
    head = next(w for w in tree.words if w.text == "Οίκος")
    assert head.feat("Number") == "Sing" and phrase_number(tree, head, load("el")) == "Plur"
    number, person = span_agreement(tree, said.source.span, load("el"))
    assert (number, person) == ("Plur", "3")
    added = Tree(_document("el", [["gdt-20130406-elwikinews-1-8"]]).sentences[0])
    plural = Tree(_document("el", [["gdt-20120322-elwikinews-5258-8"]]).sentences[0])
    assert not agrees_with(added, next(w for w in added.words if w.text == "Πρόσθεσε"), number, person)
    assert agrees_with(plural, next(w for w in plural.words if w.text == "ανακοίνωσαν"), number, person)


def test_extract_paragraph_quotation_goes_on_in_the_next_sentence():
    """«"A," said X. "B."»: a quotation with no cue of its own that opens the next sentence is X's words too."""
    found = extract(_document("en", [["written-en-quote-goes-on-a-model", "written-en-quote-goes-on-b-model"]]))
    (said,) = found
    assert said.content.text.startswith("Nobody warned us") and said.content.text.endswith("took everything.")
    assert said.source is not None and said.source.label == "Ruth Meyer"


def test_extract_paragraph_quotation_with_its_own_cue_is_another_speaker():
    """«"A," said X, a hydrologist. "B," said Y, the mayor.»: the second quotation has its own cue, so it is not
    the continuation of the first; each speaker keeps their own words."""
    found = extract(_document("en", [["written-en-said-quote-a-model", "written-en-said-quote-b-model"]]))
    assert [a.content.text for a in found] == ["The levee will not hold,", "We are ready to rebuild,"]
    assert [a.source.label for a in found] == ["Ruth Meyer", "Tom Alvarez"]


def test_extract_paragraph_relative_clause_after_the_source_does_not_stop_the_quotation():
    """«"A," said X, a fisherman, who has worked … . "B."»: a relative clause about the speaker is no clause of
    the cue's own, so the next sentence's quotation goes on with X's words."""
    found = extract(_document("en", [["written-en-quote-relative-a-model", "written-en-quote-relative-b-model"]]))
    (said,) = found
    assert said.content.text.startswith("These are hard times") and said.content.text.endswith("the catch this low.")
    assert said.source.label == "Paul Reyes"


def test_extract_paragraph_relative_clause_with_a_conjunct_does_not_stop_the_quotation():
    """«"A," said X, who has fished here … and sells … . "B."»: every clause of the relative clause is about the
    speaker, a finite conjunct in it too."""
    found = extract(_document("en", [["written-en-quote-relative-conj-model", "written-en-quote-relative-b-model"]]))
    (said,) = found
    assert said.content.text.startswith("The nets come back empty") and said.content.text.endswith("the catch this low.")
    assert said.source.label == "Ana Cruz"


def test_extract_paragraph_quotation_goes_on_in_the_next_paragraph():
    """«"A," said X.¶"B."»: newswire often gives a speaker's next words a paragraph of their own, with no cue."""
    found = extract(_document("en", [["written-en-quote-goes-on-a-model"], ["written-en-quote-goes-on-b-model"]]))
    (said,) = found
    assert said.content.text.startswith("Nobody warned us") and said.content.text.endswith("took everything.")
    assert said.source is not None and said.source.label == "Ruth Meyer"



def test_extract_first_person_cue_inside_a_quotation_is_the_quoted_speakers_words():
    """«"We know that …," the engineer said»: one attribution, the engineer's; "We know" is no report of its own."""
    found = extract(_document("en", [["written-en-first-person-in-quote-model"]]))
    assert [(a.cue.text, a.source.label) for a in found] == [("said", "engineer")]


def test_extract_paragraph_colon_announces_the_next_paragraphs_quotation():
    """«X said:¶"B."»: a sentence that ends on its cue and a colon announces the quotation that opens the next
    paragraph (the sentence alone yields nothing: its fixture expects none)."""
    found = extract(_document("en", [["written-en-colon-announces-model"], ["written-en-quote-goes-on-b-model"]]))
    (said,) = found
    assert said.content.text == "The water came at night and took everything."
    assert said.source is not None and said.source.label == "mayor"


def test_extract_paragraph_conjunct_of_a_relative_clause_does_not_stop_the_quotation():
    """«''A,'' said X, who worked as … and is now head of … . ''B.''»: the parser hung the relative
    clause's second conjunct on the cue, but a subjectless conjunct right after a relative clause goes on with it."""
    found = extract(_document("en", [["written-en-quote-relative-and-a-model", "written-en-quote-relative-and-b-model"]]))
    (said,) = found
    assert said.content.text.startswith("This is not a plan") and said.content.text.endswith("more than it saves.")
    assert said.source is not None and said.source.label == "Maria Lopez"


def test_extract_paragraph_bare_cue_sentence_takes_the_quotation_before_it():
    """«"A?" ¶ X said. ¶ "B."»: a tokenizer ends a sentence at a question mark inside a quotation, leaving the
    cue and its subject a sentence of their own; that cue takes the quotation closing the sentence before it,
    and the quotation after it goes on."""
    found = extract(_document("en", [["written-en-bare-cue-question-model", "written-en-bare-cue-model", "written-en-bare-cue-goes-on-model"]]))
    (said,) = found
    assert said.content.text.startswith("How long must") and said.content.text.endswith("another winter.")
    assert said.source is not None and said.source.label == "Ortega"


def test_extract_paragraph_bare_cue_sentence_never_takes_a_quotation_already_attributed():
    """«"A," said X. "B." ¶ Y said.»: a quotation that went to the cue before it is not the bare cue's."""
    found = extract(_document("en", [["written-en-quote-goes-on-a-model", "written-en-quote-goes-on-b-model", "written-en-bare-cue-model"]]))
    assert [a.source.label for a in found] == ["Ruth Meyer"]
