"""Cross-sentence rules on gold parses: a subjectless cue takes the previous source of its paragraph.

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
from kg.io.conllu import read_conllu
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
