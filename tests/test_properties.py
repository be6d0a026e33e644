"""Property tests: extraction, quote pairing and language detection never crash on any input.

A statistical parser can return any tree (cycles, heads out of range, words
missing), and news text can hold any character. Whatever comes in, extraction
must return attributions whose offsets point into the document, with
``text[start:end]`` equal to the span's text (the traceability contract of
ARCHITECTURE.md §4). No stanza here: trees are made up or perturbed by hand.
"""

from __future__ import annotations

import dataclasses
import re
import signal
from datetime import date
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import extract
from kg.extract.quotes import find_quotes
from kg.io.conllu import parsed_from_conllu
from kg.lang import ISO_639_1, detect_language, paragraph_languages, split_paragraphs
from kg.lexicons import load
from kg.types import Attribution, Document, ParsedDoc, Sentence, Span, Word

PARSES = Path(__file__).resolve().parent / "fixtures" / "parses"
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

UPOS = ("NOUN", "PROPN", "PRON", "VERB", "AUX", "ADJ", "ADV", "ADP", "DET", "SCONJ", "CCONJ",
        "PART", "NUM", "PUNCT", "SYM", "INTJ", "X")
DEPRELS = ("root", "nsubj", "nsubj:pass", "csubj", "obj", "iobj", "obl", "obl:agent", "ccomp", "xcomp",
           "advcl", "advmod", "mark", "case", "det", "nmod", "nmod:poss", "amod", "appos", "acl",
           "acl:relcl", "conj", "cc", "parataxis", "punct", "fixed", "flat", "flat:name", "aux",
           "aux:pass", "cop", "compound", "nummod", "dep", "discourse", "vocative", "orphan", "expl")
FEATS = ("", "Person=3|VerbForm=Fin|Mood=Ind", "Voice=Pass", "Person=1|Number=Sing",
         "Case=Nom|Number=Plur", "VerbForm=Part", "Polarity=Neg", "Mood=Imp", "Case=Gen", "Foo=Bar|=|==|",
         "Person=2|Mood=Ind|VerbForm=Fin", "Tense=Past|Aspect=Perf")


@lru_cache(maxsize=None)
def _vocabulary(lang: str) -> tuple[str, ...]:
    """Words that make the extraction rules fire: cues, markers, numbers, dates, negations."""
    lex = load(lang)
    words: list[str] = []
    for name in ("cue_verbs", "complementizers", "according_prepositions", "according_adverbs", "as_markers",
                 "negations", "evidential_adverbs", "months", "weekdays", "number_words", "time_words",
                 "same_source_nouns", "unnamed_source_nouns", "media_nouns", "relative_pronouns"):
        words.extend(sorted(getattr(lex, name, ()))[:8])
    return tuple(w for w in words if w and not any(c.isspace() for c in w))


EXTRA = ("«", "»", "“", "”", '"', "‘", "’", "''", "``", ",", ".", ":", ";", "?", "—", "(", ")", "748",
         "1.000", "20.000", "σχεδόν", "τουλάχιστον", "BBC", "Τοκάγιεφ", "Reuters", "σύμφωνα", "με", "ότι",
         "δήλωσε", "είπε", "said", "that", "according", "to", "Tokayev", "🙂", "\u200b", "e\u0301")
SPACES = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", " \u2028 "])


@st.composite
def token_texts(draw, lang: str) -> list[str]:
    vocab = _vocabulary(lang) + EXTRA
    token = st.one_of(
        st.sampled_from(vocab),
        st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=6),
    )
    return draw(st.lists(token, min_size=1, max_size=24))


@st.composite
def fake_parses(draw) -> ParsedDoc:
    """A document parsed by a 'parser' that splits on whitespace and invents a tree.

    One sentence holding every whitespace token; heads may point anywhere
    (self, a cycle, beyond the sentence, negative), words may be missing.
    Lemmas are drawn from the lexicon so the cue rules fire.
    """
    lang = draw(st.sampled_from(("el", "en")))
    pieces = draw(token_texts(lang))
    parts: list[str] = [draw(st.sampled_from(["", "", " ", "\n"]))]
    for piece in pieces:
        parts.append(piece)
        parts.append(draw(SPACES))
    text = "".join(parts)
    tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]
    vocab = _vocabulary(lang) + EXTRA
    n = len(tokens)
    words = []
    for i, (start, end, form) in enumerate(tokens, start=1):
        words.append(Word(
            id=i,
            text=form,
            lemma=draw(st.one_of(st.just(form.lower()), st.sampled_from(vocab), st.just(""))),
            upos=draw(st.sampled_from(UPOS)),
            head=draw(st.one_of(st.integers(0, n), st.integers(-3, n + 5))),
            deprel=draw(st.sampled_from(DEPRELS)),
            start=start,
            end=end,
            feats=draw(st.sampled_from(FEATS)),
        ))
    if words and draw(st.booleans()):  # words missing from the middle: ids with gaps
        drop = draw(st.sets(st.integers(0, len(words) - 1), max_size=max(1, len(words) // 3)))
        words = [w for i, w in enumerate(words) if i not in drop] or words[:1]
    published = draw(st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31))))
    document = Document("prop", text, lang, published)
    sentences: tuple[Sentence, ...] = ()
    if words:
        start, end = min(w.start for w in words), max(w.end for w in words)
        sentences = (Sentence(0, start, end, text[start:end], tuple(words), lang),)
    return ParsedDoc(document, sentences)


def _check_span(text: str, span: Span | None, what: str) -> None:
    if span is None:
        return
    assert 0 <= span.start <= span.end <= len(text), f"{what} {span} outside a text of {len(text)} characters"
    assert text[span.start:span.end] == span.text, f"{what}: text[{span.start}:{span.end}] != {span.text!r}"


def _check_attribution(text: str, att: Attribution) -> None:
    _check_span(text, att.content, "content")
    _check_span(text, att.cue, "cue")
    assert att.content.text.strip() or att.content.start == att.content.end
    assert 0.0 <= att.confidence <= 1.0 and 0.0 <= att.certainty <= 1.0
    assert att.quote in ("direct", "indirect", "mixed") and att.polarity in ("asserts", "denies")


class _Hang(Exception):
    pass


def _alarm(signum, frame):  # noqa: ARG001
    raise _Hang()


def _has_cycle(sentence: Sentence) -> bool:
    """Whether following heads from some word comes back to a word (a self-loop counts)."""
    heads = {w.id: w.head for w in sentence.words}
    for start in heads:
        seen, cur = set(), start
        while cur in heads and cur not in seen:
            seen.add(cur)
            cur = heads[cur]
        if cur in seen:
            return True
    return False


# Head cycles once made extraction loop for ever (frame clause climbing,
# number multipliers, conj chains) and empty frame markers crashed it; all are
# fixed, so any example that does not finish in TREE_BUDGET seconds, or
# raises, fails.
TREE_BUDGET = 10.0


def _extract_guarded(parsed: ParsedDoc) -> tuple[Attribution, ...]:
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, TREE_BUDGET)
    try:
        return extract(parsed)
    except _Hang:
        raise AssertionError(f"extract did not finish in {TREE_BUDGET} s") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _check_all(parsed: ParsedDoc) -> tuple[Attribution, ...]:
    found = _extract_guarded(parsed)
    for att in found:
        _check_attribution(parsed.document.text, att)
    return found


# --------------------------------------------------------- (a) invented trees


@SETTINGS
@given(fake_parses())
def test_properties_extract_survives_any_tree(parsed: ParsedDoc) -> None:
    _check_all(parsed)


def test_properties_extract_survives_handpicked_broken_trees() -> None:
    """The worst shapes, always run: all words their own head, a 2-cycle, heads beyond the sentence."""
    text = "Ο Τοκάγιεφ δήλωσε ότι «οι στρατιώτες μπορούν να πυροβολούν»."
    spans = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]
    lemmas = ["ο", "Τοκάγιεφ", "δηλώνω", "ότι", "«οι", "στρατιώτης", "μπορώ", "να", "πυροβολώ»."]
    for heads in ([i for i in range(1, 10)], [2, 1, 4, 3, 6, 5, 8, 7, 9], [99] * 9, [0] * 9, [-1] * 9):
        words = tuple(
            Word(i, form, lemma, "VERB" if lemma.endswith(("ώ", "ω")) else "NOUN", head,
                 "ccomp" if i % 2 else "nsubj", s, e, "Person=3|VerbForm=Fin|Mood=Ind")
            for i, ((s, e, form), lemma, head) in enumerate(zip(spans, lemmas, heads), start=1)
        )
        parsed = ParsedDoc(Document("x", text, "el"), (Sentence(0, 0, len(text), text, words, "el"),))
        _check_all(parsed)


def test_properties_as_frame_above_a_head_cycle_finishes() -> None:
    """«…, όπως είπε ο Χ» hung on a clause whose heads form a cycle: climbing to the framed clause must stop."""
    text = "Οι τιμές θα μειωθούν, όπως είπε ο υπουργός."
    rows = [  # form, lemma, upos, head, deprel; τιμές and μειωθούν are each other's head
        ("Οι", "ο", "DET", 2, "det"), ("τιμές", "τιμή", "NOUN", 4, "nsubj"), ("θα", "θα", "AUX", 4, "aux"),
        ("μειωθούν", "μειώνω", "VERB", 2, "advcl"), (",", ",", "PUNCT", 7, "punct"), ("όπως", "όπως", "SCONJ", 7, "mark"),
        ("είπε", "λέω", "VERB", 4, "advcl"), ("ο", "ο", "DET", 9, "det"), ("υπουργός", "υπουργός", "NOUN", 7, "nsubj"),
        (".", ".", "PUNCT", 4, "punct"),
    ]
    words, at = [], 0
    for i, (form, lemma, upos, head, deprel) in enumerate(rows, start=1):
        start = text.index(form, at)
        at = start + len(form)
        feats = "Number=Sing|Person=3|VerbForm=Fin|Mood=Ind" if upos == "VERB" else "Case=Nom"
        words.append(Word(i, form, lemma, upos, head, deprel, start, at, feats))
    _check_all(ParsedDoc(Document("cycle", text, "el"), (Sentence(0, 0, len(text), text, tuple(words), "el"),)))


# ------------------------------------------------------ (b) perturbed real parses


@lru_cache(maxsize=None)
def _fixture_parses() -> tuple[ParsedDoc, ...]:
    out = []
    for path in sorted(PARSES.glob("*/*.conllu")):
        parsed, _ = parsed_from_conllu(path.read_text(encoding="utf-8"), doc_id=path.stem, lang=path.parent.name,
                                       published=date(2022, 1, 7))
        out.append(parsed)
    return tuple(out)


def test_properties_fixture_parses_are_loaded() -> None:
    parses = _fixture_parses()
    assert len(parses) >= 20 and sum(len(p.sentences) for p in parses) > 100
    for parsed in parses:  # the unperturbed parses meet the invariants too
        _check_all(parsed)


@st.composite
def perturbed_parses(draw) -> ParsedDoc:
    parses = _fixture_parses()
    parsed = parses[draw(st.integers(0, len(parses) - 1))]
    sentences = list(parsed.sentences)
    # a window of up to three sentences keeps each example cheap and lets cross-sentence rules run
    first = draw(st.integers(0, len(sentences) - 1))
    window = sentences[first:first + draw(st.integers(1, 3))]
    vocab = _vocabulary(parsed.document.lang or "el") + EXTRA
    changed = []
    for sent in window:
        words = list(sent.words)
        n = len(words)
        for _ in range(draw(st.integers(0, 6))):
            i = draw(st.integers(0, n - 1))
            what = draw(st.sampled_from(("head", "deprel", "upos", "lemma", "feats", "swap")))
            w = words[i]
            if what == "head":
                words[i] = dataclasses.replace(w, head=draw(st.integers(-2, n + 3)))
            elif what == "deprel":
                words[i] = dataclasses.replace(w, deprel=draw(st.sampled_from(DEPRELS)))
            elif what == "upos":
                words[i] = dataclasses.replace(w, upos=draw(st.sampled_from(UPOS)))
            elif what == "lemma":
                words[i] = dataclasses.replace(w, lemma=draw(st.one_of(st.sampled_from(vocab), st.just(""),
                                                                       st.text(max_size=4))))
            elif what == "feats":
                words[i] = dataclasses.replace(w, feats=draw(st.sampled_from(FEATS)))
            else:  # two words trade heads: cycles and crossing arcs
                j = draw(st.integers(0, n - 1))
                words[i], words[j] = (dataclasses.replace(w, head=words[j].head),
                                      dataclasses.replace(words[j], head=w.head))
        if n > 1 and draw(st.integers(0, 4)) == 0:  # a word goes missing
            del words[draw(st.integers(0, n - 1))]
        changed.append(dataclasses.replace(sent, words=tuple(words)))
    return dataclasses.replace(parsed, sentences=tuple(changed))


@SETTINGS
@given(perturbed_parses())
def test_properties_extract_survives_perturbed_real_parses(parsed: ParsedDoc) -> None:
    _check_all(parsed)


# ------------------------------------------------------------- (c) plain text

QUOTEY = st.lists(
    st.one_of(
        st.sampled_from(list("«»“”„‘’\"'`") + ["``", "''", "‘’", "’’", " ", "\n", "a", "λ", ".", ",", "—", "(", "1"]),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=60,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(QUOTEY, st.integers(0, 10_000))
def test_properties_find_quotes_spans_stay_in_range(text: str, offset: int) -> None:
    previous_end = offset
    for q in find_quotes(text, offset):
        assert offset <= q.start <= q.end <= offset + len(text), (q, len(text))
        start, end = q.inner
        assert q.start <= start <= end <= q.end, q
        assert q.start >= previous_end, "quotes overlap or go backwards"
        previous_end = q.end


ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)
MIXED_TEXT = st.lists(
    st.one_of(st.sampled_from(["Ο Τοκάγιεφ δήλωσε", "the minister said", "le ministre a dit", "#Καζακστάν",
                               "https://t.co/x", "pic.twitter.com/L5", "\r\n", "\n", "\u2028", "\u2029",
                               "Москва", "東京", "ひらがな", "안녕", "іїєґ", " ", "  "]), ANY_TEXT),
    max_size=12,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.one_of(ANY_TEXT, MIXED_TEXT))
def test_properties_language_detection_and_paragraphs_never_crash(text: str) -> None:
    lang = detect_language(text)
    assert lang is None or lang in ISO_639_1
    assert detect_language(text, default="xx") == (lang or "xx")
    previous_end = 0
    for start, end in split_paragraphs(text):
        assert previous_end <= start < end <= len(text)
        paragraph = text[start:end]
        assert paragraph == paragraph.strip() and paragraph
        assert not any(c in paragraph for c in "\n\r\u2028\u2029")
        previous_end = end
    for start, end, plang in paragraph_languages(text, default="el"):
        assert plang in ISO_639_1
