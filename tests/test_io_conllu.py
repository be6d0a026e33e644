"""Tests of kg.io.conllu: CoNLL-U → typed records with document character offsets, and back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.io.conllu import parsed_from_conllu, read_conllu, write_conllu
from kg.types import Document, ParsedDoc, Sentence, Word

PARSES = Path(__file__).resolve().parent / "fixtures" / "parses"
EL_FILES = sorted((PARSES / "el").glob("*.conllu"))
EN_FILES = sorted((PARSES / "en").glob("*.conllu"))

# «Ο Τοκάγιεφ δήλωσε στο BBC ότι …»: a multiword token (στο = σ + το) and SpaceAfter=No punctuation.
GREEK = """\
# sent_id = s1
# text = Ο Τοκάγιεφ δήλωσε στο BBC ότι νίκησε.
# note = a = b
1	Ο	ο	DET	DET	Case=Nom	2	det	_	_
2	Τοκάγιεφ	Τοκάγιεφ	PROPN	PROPN	Case=Nom	3	nsubj	_	_
3	δήλωσε	δηλώνω	VERB	VERB	Mood=Ind	0	root	_	_
4-5	στο	_	_	_	_	_	_	_	_
4	σ	σε	ADP	ADP	_	6	case	_	_
5	το	ο	DET	DET	_	6	det	_	_
6	BBC	BBC	PROPN	X	_	3	obl	_	_
7	ότι	ότι	SCONJ	SCONJ	_	8	mark	_	_
8	νίκησε	νικώ	VERB	VERB	_	3	ccomp	_	SpaceAfter=No
9	.	.	PUNCT	PUNCT	_	3	punct	_	_

# sent_id = s2
# text = Η κυβέρνηση το αρνήθηκε.
1	Η	ο	DET	DET	_	2	det	_	_
2	κυβέρνηση	κυβέρνηση	NOUN	NOUN	_	4	nsubj	_	_
3	το	εγώ	PRON	PRON	_	4	obj	_	_
4	αρνήθηκε	αρνιέμαι	VERB	VERB	_	0	root	_	SpaceAfter=No
5	.	.	PUNCT	PUNCT	_	4	punct	_	_
"""

GREEK_MWT_WORDS = {(0, 4), (0, 5)}  # (sentence index, word id) of σ + το

ENGLISH = """\
# text = "Fine," he said.
1	"	"	PUNCT	``	_	2	punct	_	SpaceAfter=No
2	Fine	fine	ADJ	JJ	Degree=Pos	5	ccomp	_	SpaceAfter=No
3	,	,	PUNCT	,	_	2	punct	_	SpaceAfter=No
4	"	"	PUNCT	''	_	2	punct	_	_
5	he	he	PRON	PRP	Case=Nom	6	nsubj	_	_
5.1	said	say	VERB	VBD	_	_	_	0:root	_
6	said	say	VERB	VBD	Tense=Past	0	root	_	SpaceAfter=No
7	.	.	PUNCT	.	_	6	punct	_	_
"""


def multiword_ids(block_text: str) -> set[int]:
    """Ids of the words inside multiword tokens (``4-5`` lines) of one sentence block."""
    ids: set[int] = set()
    for line in block_text.splitlines():
        first = line.split("\t", 1)[0]
        if "-" in first and not line.startswith("#"):
            lo, hi = (int(x) for x in first.split("-"))
            ids.update(range(lo, hi + 1))
    return ids


def check_word_offsets(text: str, blocks) -> None:
    """Plain words cover exactly their form; the words of a multiword token all cover the token."""
    raw_blocks = [b for b in text.split("\n\n") if b.strip()]
    assert len(raw_blocks) == len(blocks)
    for raw, block in zip(raw_blocks, blocks):
        sent = block.sentence
        in_mwt = multiword_ids(raw)
        for w in sent.words:
            covered = sent.text[w.start - sent.start : w.end - sent.start]
            if w.id in in_mwt:
                sharing = [v.id for v in sent.words if (v.start, v.end) == (w.start, w.end)]
                assert len(sharing) >= 2 and set(sharing) <= in_mwt, (sent.text, w)
                assert " " not in covered and len(covered) >= 1
            else:
                assert covered == w.text, (sent.text, w)


# ------------------------------------------------------------------ offsets


@pytest.mark.parametrize("path", EL_FILES + EN_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_io_conllu_fixture_words_cover_their_forms(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    blocks = read_conllu(text, source=str(path))
    assert blocks
    check_word_offsets(text, blocks)
    for block in blocks:
        sent = block.sentence
        assert sent.text == block.comment("text")
        assert [w.id for w in sent.words] == list(range(1, len(sent.words) + 1))
        assert all(sent.start <= w.start <= w.end <= sent.end for w in sent.words)


@pytest.mark.parametrize(
    ("word_id", "text", "start", "end"),
    [
        (1, "Ο", 0, 1),
        (2, "Τοκάγιεφ", 2, 10),
        (3, "δήλωσε", 11, 17),
        (6, "BBC", 22, 25),
        (8, "νίκησε", 30, 36),
        (9, ".", 36, 37),
    ],
)
def test_io_conllu_read_offsets_of_plain_words(word_id: int, text: str, start: int, end: int) -> None:
    sent = read_conllu(GREEK)[0].sentence
    w = sent.words[word_id - 1]
    assert (w.id, w.text, w.start, w.end) == (word_id, text, start, end)
    assert sent.text[w.start : w.end] == text


def test_io_conllu_multiword_token_words_share_the_token_span() -> None:
    sent = read_conllu(GREEK)[0].sentence
    s, to = sent.words[3], sent.words[4]
    assert (s.text, s.lemma, to.text, to.lemma) == ("σ", "σε", "το", "ο")
    assert (s.start, s.end) == (to.start, to.end) == (18, 21)
    assert sent.text[s.start : s.end] == "στο"


def test_io_conllu_multiword_token_is_not_a_word() -> None:
    sent = read_conllu(GREEK)[0].sentence
    assert [w.text for w in sent.words] == ["Ο", "Τοκάγιεφ", "δήλωσε", "σ", "το", "BBC", "ότι", "νίκησε", "."]


def test_io_conllu_empty_nodes_are_skipped() -> None:
    sent = read_conllu(ENGLISH, lang="en")[0].sentence
    assert [w.id for w in sent.words] == [1, 2, 3, 4, 5, 6, 7]
    said = sent.words[5]
    assert (said.text, said.lemma, said.head, said.deprel) == ("said", "say", 0, "root")
    assert sent.text[said.start : said.end] == "said"
    assert (sent.words[0].start, sent.words[3].start) == (0, 6)


@pytest.mark.parametrize("base", [0, 7, 1000])
def test_io_conllu_sentence_offsets_run_on_with_one_newline(base: int) -> None:
    s1, s2 = (b.sentence for b in read_conllu(GREEK, base=base))
    assert (s1.index, s2.index) == (0, 1)
    assert s1.start == base
    assert s1.end == base + len(s1.text)
    assert s2.start == s1.end + 1
    assert s2.end == s2.start + len(s2.text)
    joined = "\n".join((s1.text, s2.text))
    for sent in (s1, s2):
        for w in sent.words:
            assert joined[w.start - base : w.end - base] in (w.text, "στο")


@pytest.mark.parametrize("lang", ["el", "en"])
def test_io_conllu_sentence_language_is_the_argument(lang: str) -> None:
    assert {b.sentence.lang for b in read_conllu(GREEK, lang=lang)} == {lang}


def test_io_conllu_word_columns_are_read() -> None:
    sent = read_conllu(GREEK)[0].sentence
    w = sent.words[1]
    assert (w.lemma, w.upos, w.xpos, w.feats, w.head, w.deprel) == ("Τοκάγιεφ", "PROPN", "PROPN", "Case=Nom", 3, "nsubj")
    assert w.feat("Case") == "Nom"
    punct = sent.words[8]
    assert (punct.feats, punct.feat("Case")) == ("", None)


def test_io_conllu_underscore_lemma_falls_back_to_the_form() -> None:
    text = "# text = Ναι.\n1\tΝαι\t_\tINTJ\t_\t_\t0\troot\t_\tSpaceAfter=No\n2\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n"
    sent = read_conllu(text)[0].sentence
    assert [w.lemma for w in sent.words] == ["Ναι", "."]


def test_io_conllu_missing_text_comment_joins_the_forms() -> None:
    text = "1\tΝαι\tναι\tINTJ\t_\t_\t0\troot\t_\t_\n2\tβέβαια\tβέβαια\tADV\t_\t_\t1\tadvmod\t_\t_\n"
    sent = read_conllu(text)[0].sentence
    assert sent.text == "Ναι βέβαια"
    assert [(w.start, w.end) for w in sent.words] == [(0, 3), (4, 10)]


# ------------------------------------------------------------------ comments


def test_io_conllu_comments_are_key_value_pairs_in_order() -> None:
    first = read_conllu(GREEK)[0]
    assert [k for k, _ in first.comments] == ["sent_id", "text", "note"]
    assert first.comment("sent_id") == "s1"
    assert first.comment("note") == "a = b"  # only the first '=' separates key and value
    assert first.comment("absent") is None


def test_io_conllu_repeated_comment_keys_are_all_kept() -> None:
    text = "# expect = one\n# text = Ναι\n# expect = two\n1\tΝαι\tναι\tINTJ\t_\t_\t0\troot\t_\t_\n"
    block = read_conllu(text)[0]
    assert block.all("expect") == ["one", "two"]
    assert block.comment("expect") == "one"
    assert block.all("absent") == []


def test_io_conllu_fixture_file_comments_are_readable() -> None:
    path = PARSES / "el" / "reporting_verb.conllu"
    blocks = read_conllu(path.read_text(encoding="utf-8"), source=str(path))
    first = blocks[0]
    assert first.comment("sent_id") == "gdt-20120322-elwikinews-5263-7"
    assert first.comment("expect").startswith("cue=δήλωσε | ")
    assert first.comment("source") == "UD_Greek-GDT train"
    cue = next(w for w in first.sentence.words if w.text == "δήλωσε")
    assert (cue.lemma, cue.deprel, cue.head) == ("δηλώνω", "root", 0)


# ------------------------------------------------------------------ parsed_from_conllu


def test_io_conllu_parsed_document_text_joins_sentences_with_newlines() -> None:
    parsed, blocks = parsed_from_conllu(GREEK, doc_id="d1", published=date(2022, 1, 7))
    assert isinstance(parsed, ParsedDoc)
    doc = parsed.document
    assert doc.text == "Ο Τοκάγιεφ δήλωσε στο BBC ότι νίκησε.\nΗ κυβέρνηση το αρνήθηκε."
    assert (doc.id, doc.lang, doc.published) == ("d1", "el", date(2022, 1, 7))
    assert [s.text for s in parsed.sentences] == [b.sentence.text for b in blocks]
    for sent in parsed.sentences:
        assert doc.text[sent.start : sent.end] == sent.text
        for w in sent.words:
            if (sent.index, w.id) not in GREEK_MWT_WORDS:
                assert doc.text[w.start : w.end] == w.text


@pytest.mark.parametrize("path", EL_FILES[:3], ids=lambda p: p.name)
def test_io_conllu_parsed_fixture_offsets_point_into_the_document(path: Path) -> None:
    conllu = path.read_text(encoding="utf-8")
    parsed, blocks = parsed_from_conllu(conllu, doc_id=path.stem)
    text = parsed.document.text
    check_word_offsets(conllu, blocks)
    for sent in parsed.sentences:
        assert text[sent.start : sent.end] == sent.text
    assert parsed.sentences[-1].end == len(text)


# ------------------------------------------------------------------ malformed input


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("# text = Ναι\n1\tΝαι\tναι\tINTJ\t_\t_\t0\troot\t_\n", "expected 10 tab-separated columns, got 9"),
        ("# text = Ναι\n1\tΝαι\tναι\tINTJ\t_\t_\t0\troot\t_\t_\t_\n", "expected 10 tab-separated columns, got 11"),
        ("# text = Ναι\n1 Ναι ναι INTJ _ _ 0 root _ _\n", "expected 10 tab-separated columns, got 1"),
        ("# text = Ναι\n1\tΌχι\tόχι\tINTJ\t_\t_\t0\troot\t_\t_\n", "token 'Όχι' not found in '# text'"),
        # a token found only after skipping other text is not aligned either
        ("# text = Ναι και όχι\n1\tΝαι\tναι\tINTJ\t_\t_\t0\troot\t_\t_\n2\tόχι\tόχι\tINTJ\t_\t_\t1\tconj\t_\t_\n",
         "token 'όχι' not found in '# text' after offset 3"),
    ],
    ids=["9-columns", "11-columns", "spaces", "absent-token", "skipped-text"],
)
def test_io_conllu_malformed_input_raises_input_error_naming_the_source(text: str, problem: str) -> None:
    with pytest.raises(InputError) as info:
        read_conllu(text, source="bad.conllu")
    assert info.value.path == "bad.conllu"
    assert problem in info.value.problem
    assert str(info.value).startswith("bad.conllu: sentence 1: ")


def test_io_conllu_error_names_the_sentence_number() -> None:
    bad = GREEK + "\n# text = Ναι\n1\tΌχι\tόχι\tINTJ\t_\t_\t0\troot\t_\t_\n"
    with pytest.raises(InputError, match=r"^x\.conllu: sentence 3: token 'Όχι'"):
        read_conllu(bad, source="x.conllu")


def test_io_conllu_parsed_from_conllu_error_names_the_document() -> None:
    with pytest.raises(InputError) as info:
        parsed_from_conllu("# text = Ναι\n1\tΝαι\n", doc_id="doc-7")
    assert info.value.path == "doc-7"


# ------------------------------------------------------------------ write_conllu


def columns(parsed: ParsedDoc) -> list[list[tuple[str, str, str, str, int, str]]]:
    return [[(w.text, w.lemma, w.upos, w.feats, w.head, w.deprel) for w in s.words] for s in parsed.sentences]


@pytest.mark.parametrize("path", EL_FILES, ids=lambda p: p.name)
def test_io_conllu_write_read_round_trip_keeps_the_annotation(path: Path) -> None:
    parsed, _ = parsed_from_conllu(path.read_text(encoding="utf-8"), doc_id=path.stem)
    again = read_conllu(write_conllu(parsed), source="round-trip")
    assert [b.sentence.text for b in again] == [s.text for s in parsed.sentences]
    assert [[(w.text, w.lemma, w.upos, w.feats, w.head, w.deprel) for w in b.sentence.words] for b in again] == columns(parsed)


def test_io_conllu_write_keeps_offsets_and_ids_in_comments() -> None:
    parsed, _ = parsed_from_conllu(GREEK, doc_id="d1")
    blocks = read_conllu(write_conllu(parsed))
    assert [b.comment("sent_id") for b in blocks] == ["d1-0", "d1-1"]
    assert [int(b.comment("start_char")) for b in blocks] == [s.start for s in parsed.sentences]
    assert [b.comment("lang") for b in blocks] == ["el", "el"]
    # plain words come back with the same offsets (the document text is the same join)
    for original, back in zip(parsed.sentences, (b.sentence for b in blocks)):
        assert (back.start, back.end) == (original.start, original.end)
        for w, v in zip(original.words, back.words):
            if (original.index, w.id) not in GREEK_MWT_WORDS:
                assert (v.start, v.end) == (w.start, w.end)


def test_io_conllu_write_records_character_offsets_in_misc() -> None:
    parsed, _ = parsed_from_conllu(GREEK)
    rows = [line.split("\t") for line in write_conllu(parsed).splitlines() if line and not line.startswith("#")]
    assert all(len(r) == 10 for r in rows)
    misc = {r[1]: r[9] for r in rows}
    assert misc["δήλωσε"] == "start_char=11|end_char=17"
    assert misc["αρνήθηκε"] == f"start_char={38 + 15}|end_char={38 + 23}"


def test_io_conllu_write_of_no_sentences_is_empty() -> None:
    parsed, _ = parsed_from_conllu(GREEK)
    assert write_conllu(ParsedDoc(parsed.document, ())) == ""


# ------------------------------------------------------------------ exact round trip (the parse cache)


def test_io_conllu_write_read_round_trip_keeps_multiword_tokens() -> None:
    """«du» = de + le: the token line is written, so the words align again."""
    doc = Document("d", "Le prix du pain.", "fr")
    words = (
        Word(1, "Le", "le", "DET", 2, "det", 0, 2),
        Word(2, "prix", "prix", "NOUN", 0, "root", 3, 7),
        Word(3, "de", "de", "ADP", 5, "case", 8, 10),
        Word(4, "le", "le", "DET", 5, "det", 8, 10),
        Word(5, "pain", "pain", "NOUN", 2, "nmod", 11, 15),
        Word(6, ".", ".", "PUNCT", 2, "punct", 15, 16),
    )
    parsed = ParsedDoc(doc, (Sentence(0, 0, 16, doc.text, words, "fr"),))
    written = write_conllu(parsed)
    assert "3-4\tdu\t" in written
    back = read_conllu(written, lang="fr")[0].sentence
    assert back.words == words


def test_io_conllu_write_read_round_trip_keeps_the_shared_token_span() -> None:
    """Greek «στο» = σ + το: both words keep the token's span 0-3."""
    doc = Document("d", "στο σπίτι", "el")
    words = (
        Word(1, "σ", "σε", "ADP", 3, "case", 0, 3),
        Word(2, "το", "ο", "DET", 3, "det", 0, 3),
        Word(3, "σπίτι", "σπίτι", "NOUN", 0, "root", 4, 9),
    )
    parsed = ParsedDoc(doc, (Sentence(0, 0, 9, doc.text, words, "el"),))
    back = read_conllu(write_conllu(parsed))[0].sentence
    assert [(w.start, w.end) for w in back.words] == [(0, 3), (0, 3), (4, 9)]


def _two_paragraphs() -> ParsedDoc:
    """Offsets that a one-newline join could not rebuild: a title, a blank line, a sentence broken over two lines."""
    text = "Τίτλος\n\n  Ο Χ δήλωσε\nότι νίκησε.  "
    doc = Document("d9", text, "el")
    s1 = Sentence(0, 0, 6, "Τίτλος", (Word(1, "Τίτλος", "τίτλος", "NOUN", 0, "root", 0, 6, "Case=Nom", "NOUN"),), "el", 0)
    t2 = text[10:32]
    words = (
        Word(1, "Ο", "ο", "DET", 2, "det", 10, 11, "Case=Nom|Gender=Masc", "DET"),
        Word(2, "Χ", "Χ", "PROPN", 3, "nsubj", 12, 13),
        Word(3, "δήλωσε", "δηλώνω", "VERB", 0, "root", 14, 20, "Mood=Ind|Tense=Past", "VERB"),
        Word(4, "ότι", "ότι", "SCONJ", 5, "mark", 21, 24),
        Word(5, "νίκησε", "νικώ", "VERB", 3, "ccomp", 25, 31),
        Word(6, ".", ".", "PUNCT", 3, "punct", 31, 32),
    )
    assert all(text[w.start : w.end] == w.text for w in words)
    return ParsedDoc(doc, (s1, Sentence(1, 10, 32, t2, words, "el", 1)))


def test_io_conllu_write_read_is_an_exact_round_trip() -> None:
    parsed = _two_paragraphs()
    back = tuple(b.sentence for b in read_conllu(write_conllu(parsed), lang="en"))
    assert back == parsed.sentences


def test_io_conllu_text_comment_stays_on_one_line_and_raw_text_keeps_the_newline() -> None:
    written = write_conllu(_two_paragraphs())
    assert "# text = Ο Χ δήλωσε ότι νίκησε." in written
    assert '# raw_text = "' in written
    assert read_conllu(written)[1].sentence.text == "Ο Χ δήλωσε\nότι νίκησε."


def test_io_conllu_plain_sentence_has_no_raw_text() -> None:
    parsed, _ = parsed_from_conllu(GREEK)
    assert "raw_text" not in write_conllu(parsed)


def test_io_conllu_misc_offsets_win_over_alignment() -> None:
    # stanza writes start_char/end_char in MISC; they are document offsets, taken as they are
    text = "# text = Ο Χ\n1\tΟ\tο\tDET\t_\t_\t2\tdet\t_\tstart_char=100|end_char=101\n2\tΧ\tΧ\tPROPN\t_\t_\t0\troot\t_\tSpaceAfter=No|start_char=102|end_char=103\n"
    sent = read_conllu(text)[0].sentence
    assert [(w.start, w.end) for w in sent.words] == [(100, 101), (102, 103)]


def test_io_conllu_misc_offsets_of_a_multiword_token_line_go_to_its_words() -> None:
    text = "# text = στο σπίτι\n1-2\tστο\t_\t_\t_\t_\t_\t_\t_\tstart_char=50|end_char=53\n1\tσ\tσε\tADP\t_\t_\t3\tcase\t_\t_\n2\tτο\tο\tDET\t_\t_\t3\tdet\t_\t_\n3\tσπίτι\tσπίτι\tNOUN\t_\t_\t0\troot\t_\t_\n"
    sent = read_conllu(text, base=50)[0].sentence
    assert [(w.start, w.end) for w in sent.words] == [(50, 53), (50, 53), (54, 59)]


@pytest.mark.parametrize(
    ("comment", "problem"),
    [("# start_char = x", "start_char"), ("# paragraph = one", "paragraph"), ("# raw_text = [1]", "raw_text")],
)
def test_io_conllu_bad_cache_comment_raises_input_error(comment: str, problem: str) -> None:
    text = f"# text = Ο\n{comment}\n1\tΟ\tο\tDET\t_\t_\t0\troot\t_\t_\n"
    with pytest.raises(InputError, match=problem):
        read_conllu(text, source="cache.conllu")


def test_io_conllu_bad_misc_offsets_raise_input_error() -> None:
    text = "# text = Ο\n1\tΟ\tο\tDET\t_\t_\t0\troot\t_\tstart_char=a|end_char=1\n"
    with pytest.raises(InputError, match="MISC"):
        read_conllu(text, source="cache.conllu")


@pytest.mark.parametrize("path", EL_FILES + EN_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_io_conllu_fixture_round_trip_is_exact(path: Path) -> None:
    parsed, _ = parsed_from_conllu(path.read_text(encoding="utf-8"), doc_id=path.stem, lang=path.parent.name)
    back = tuple(b.sentence for b in read_conllu(write_conllu(parsed)))
    assert back == parsed.sentences
