"""Run the extraction stages over a parsed document and assemble Attribution records.

Per sentence: find frames and cues; give each cue a content (raised clause,
complement clause, quote, parenthetical) and a source; add clauses marked
by an evidential adverb ("reportedly"); then let frames either wrap an
attribution found in their clause (a reporting chain: «Όπως μετέδωσε το
BBC, ο Τοκάγιεφ δήλωσε …») or make one of their own («Σύμφωνα με X, …»).
Across sentences, "the same source" and subjectless cues look back at the
attributions already found.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import replace
from functools import cached_property

from kg.errors import LexiconError
from kg.extract import about as about_mod
from kg.extract import content as content_mod
from kg.extract import quantities as quantities_mod
from kg.extract import cues as cues_mod
from kg.extract import sources as sources_mod
from kg.extract.content import Content
from kg.extract.mentions import describe, quote_mark, is_article, mention, phrase_number, phrase_person, span_agreement, span_of
from kg.extract.quotes import Quote, find_quotes
from kg.extract.syntax import Tree, bare_participle, base, could_be_subject, is_finite, is_punct, is_verbal, lemma, relative_clause
from kg.extract.time import statement_time
from kg.lang import split_paragraphs
from kg.lexicons import Lexicon, fold, load
from kg.types import Attribution, Mention, ParsedDoc, Sentence, Span, Word

_SET_OFF = frozenset({",", "--", "—", "–"})


def _nominal_start(words: list[Word]) -> bool:
    """Whether a phrase opens as a noun phrase does (an article, adjective, noun, number, possessive; "now a …")."""
    first = next((i for i, w in enumerate(words) if not (w.upos == "ADV" and i == 0)), None)
    if first is None:
        return False
    w = words[first]
    return w.upos in ("DET", "ADJ", "NOUN", "PROPN", "NUM") or (w.upos == "PRON" and w.feat("Poss") == "Yes")


# Evidence behind each rule, from most to least reliable; adjusted by how the source was found.
RULE_CONFIDENCE = {
    "clause": 0.9, "raising": 0.85, "quote": 0.85, "object": 0.6, "according": 0.8, "as": 0.8, "parenthetical": 0.7, "evidential": 0.6,
}
SOURCE_ADJUSTMENT = {
    "subject": 0.0, "pronoun": -0.1, "relative": -0.05, "agent": -0.05, "inverted": -0.05, "gerund": -0.05, "frame": 0.0,
    "document": -0.05, "reattached": -0.1, "inherited": -0.1, "same_source": -0.1, "relayed": -0.05, "quoted": -0.05, "previous": -0.2,
    "passive": -0.1, "": -0.3,
}


def confidence(rule: str, how: str, quote: str) -> float:
    value = RULE_CONFIDENCE.get(rule, 0.6) + SOURCE_ADJUSTMENT.get(how, -0.1) + (0.05 if quote == "direct" else 0.0)
    return round(min(0.99, max(0.05, value)), 2)


class _Doc:
    """Per-document state: text, paragraph quotes, attributions found so far."""

    def __init__(self, parsed: ParsedDoc) -> None:
        self.parsed = parsed
        self.text = parsed.document.text
        self.paragraphs = split_paragraphs(self.text)
        self._starts = [start for start, _ in self.paragraphs]  # in text order: found by bisection, not by a scan per sentence
        self._quotes: dict[int, list[Quote]] = {}
        self.found: list[Attribution] = []

    def paragraph(self, sent: Sentence) -> tuple[int, int]:
        i = bisect_right(self._starts, sent.start) - 1
        if i >= 0 and sent.start < self.paragraphs[i][1]:
            return self.paragraphs[i]
        return sent.start, sent.end

    def quotes(self, sent: Sentence) -> list[Quote]:
        return self._paragraph_quotes(*self.paragraph(sent))

    def _paragraph_quotes(self, start: int, end: int) -> list[Quote]:
        if start not in self._quotes:
            self._quotes[start] = find_quotes(self.text[start:end], start)
        return self._quotes[start]

    def quotes_after(self, sent: Sentence) -> list[Quote]:
        """The quotations of the next paragraph when ``sent`` ends its own: newswire goes on with a speaker's
        words in a new paragraph («"A," he said.¶"B."»)."""
        start, end = self.paragraph(sent)
        if self.text[sent.end : end].strip():
            return []
        i = bisect_left(self._starts, end)
        return self._paragraph_quotes(*self.paragraphs[i]) if i < len(self.paragraphs) else []

    def paragraph_before(self, start: int) -> int | None:
        """The start of the paragraph before the one starting at ``start``, if any."""
        i = bisect_left(self._starts, start)
        return self._starts[i - 1] if i > 0 else None

    def previous(self, sent: Sentence | None = None, before: list[Attribution] = ()) -> Attribution | None:
        """The latest attribution with a resolved source (in ``sent``'s paragraph when given), looking at ``before`` first."""
        para = self.paragraph(sent) if sent is not None else None
        for att in reversed([*self.found, *before]):
            if att.source is None:
                continue
            if para is None or para[0] <= att.cue.start < para[1]:
                return att
        return None

    def previous_source(self, sent: Sentence | None = None, before: list[Attribution] = ()) -> Mention | None:
        """The latest resolved source (in ``sent``'s paragraph when given), looking at ``before`` first."""
        att = self.previous(sent, before)
        return att.source if att is not None else None

    def quote_has_cue(self, q: Quote, lex: Lexicon) -> bool:
        """Whether a cue follows the quotation in the sentence it closes («"B," said Y»): its own
        speaker's words, not the continuation of the quotation before."""
        sent = next((s for s in self.parsed.sentences if s.start < q.end <= s.end), None)
        if sent is None:
            return False
        later = [o.start for o in self.quotes(sent) if o.start >= q.end]
        stop = min([sent.end, *later])
        return any(q.end <= w.start and w.end <= stop and cues_mod.cue_verb(w, lex) is not None for w in sent.words)

    def source_agreement(self, att: Attribution, lex: Lexicon) -> tuple[str | None, str | None]:
        """Number and person of an attribution's source, read off the words of the sentence it stands in."""
        assert att.source is not None
        span = att.source.span
        sent = next((s for s in self.parsed.sentences if s.start <= span.start < s.end), None)
        return span_agreement(Tree(sent), span, lex) if sent is not None else (None, None)


def extract(parsed: ParsedDoc, lexicons: Mapping[str, Lexicon] | None = None) -> tuple[Attribution, ...]:
    """All attributions of a parsed document, in text order. Sentences with no lexicon are skipped."""
    state = _Doc(parsed)
    outermost: set[int] = set()  # (ids of) those found in a language whose claims are only the outermost ones
    for sent in parsed.sentences:
        lex = (lexicons or {}).get(sent.lang)
        if lex is None:
            try:
                lex = load(sent.lang)
            except LexiconError:
                continue
        if sent.words:
            sentence = _Sentence(state, sent, lex)
            state.found.extend(sentence.run())
            if lex.outermost_only:
                outermost.update(id(a) for i, a in sentence.made.items() if not sentence.coordinated(i))
    kept = [a for a in state.found if not (id(a) in outermost and _nested(a, state.found))]
    return tuple(sorted(kept, key=lambda a: (a.content.start, a.cue.start)))


def _nested(att: Attribution, found: list[Attribution]) -> bool:
    """Whether a claim lies, cue and content, inside what another claim says: "Trump said he finally *believes*
    Obama was born …", "she appreciated Machado's courage through what she *calls* a war of words". Such a
    claim is part of the outer speaker's words (its source only as that speaker reports it), not one of its own."""
    size = att.content.end - att.content.start
    return any(
        o is not att and o.content.start <= att.cue.start < o.content.end
        and o.content.start <= att.content.start and att.content.end <= o.content.end and o.content.end - o.content.start > size
        for o in found
    )


def _negated(tree: Tree, verb: Word, lex: Lexicon) -> bool:
    return any(lemma(k) in lex.negations or fold(k.text) in lex.negations for k in tree.children(verb, "advmod", "neg", "aux", "det", "cc", "fixed", "part"))


def _conditional(tree: Tree, verb: Word, lex: Lexicon, quotes: list[Quote]) -> bool:
    """A cue under αν/if, or governing a preceding if-clause ("If you are not the recipient, you are notified that …");
    an if-clause inside a quotation is the quoted speaker's («"If you have … displaced," he said, "you now have …"»)."""
    chain = [verb] + [a for a in tree.ancestors(verb)[:1] if base(verb.deprel) == "conj"]
    if any(lemma(m) in lex.conditional_marks for v in chain for m in tree.children(v, "mark")):
        return True
    quoted = [q for q in quotes if not (q.start < verb.start < q.end)]
    protases = [k for k in tree.children(verb, "advcl") if k.id < verb.id and not any(q.start <= k.start < q.end for q in quoted)]
    # «Αν και …» (although) is a multiword conjunction: a mark with a fixed part is not the conditional word
    return any(
        lemma(m) in lex.conditional_marks and not tree.children(m, "fixed")
        for k in protases for m in tree.children(k, "mark")
    )


def _question(sent: Sentence, lex: Lexicon, quotes: list[Quote]) -> bool:
    """Whether the narrator asks: a sentence ending in a question mark outside every quotation (a quoted
    question, «Trump said: “Did Crooked Hillary help …?”», is the speaker's, and what was said)."""
    tail = sent.text.rstrip().rstrip("»”\"'’)")
    if not (tail.endswith("?") or (lex.language == "el" and tail.endswith((";", "\u037e")))):
        return False
    mark = sent.start + len(tail) - 1
    return not any(q.inner[0] <= mark < q.inner[1] for q in quotes)


def _passive(tree: Tree, cue: cues_mod.Cue, lex: Lexicon) -> bool:
    """A passive cue ("it was reported", «αναφέρεται»); deponents (αρνούμαι, υπόσχομαι) only look passive,
    even with GDT's ``nsubj:pass`` on their subject."""
    if fold(cue.entry.lemma).endswith("μαι") or bare_participle(tree, cue.verb):
        return False  # (a past tense the tagger read as a passive participle: «"…," the president *added*»)
    if any(k.deprel in ("nsubj:pass", "aux:pass") for k in tree.children(cue.verb)):
        return True
    if any(lemma(a) in lex.perfect_auxiliaries for a in tree.children(cue.verb, "aux")):
        return False  # "who *has* repeatedly pledged": a perfect, whatever voice the tagger gave the participle
    return cue.verb.feat("Voice") == "Pass"


class _Sentence:
    """The extraction of one sentence, sharing the tree, quotes and frames between rules."""

    def __init__(self, state: _Doc, sent: Sentence, lex: Lexicon) -> None:
        self.state, self.sent, self.lex = state, sent, lex
        self.tree = Tree(sent)
        self.text = state.text
        self.quotes = state.quotes(sent)
        self.frames = cues_mod.find_frames(self.tree, lex)
        frame_verbs = {f.verb.id for f in self.frames if f.verb is not None}
        in_frames = {w.id for f in self.frames if f.kind == "according" for w in self._region(f)}
        self.cues = cues_mod.find_cues(self.tree, lex, frame_verbs | in_frames)
        self.complements = {c.verb.id: self._complement(c) for c in self.cues}
        self.stranded: dict[int, Word] = {}
        self.taken: set[int] = set()
        for c in self.cues:
            if self.complements[c.verb.id] is not None:
                continue
            comp = content_mod.adjacent_complement(self.tree, c.verb, self.lex) or content_mod.stranded_complement(self.tree, c.verb, self.lex)
            if comp is not None:
                # the parser gave the cue's ότι-clause to a verb above it: the nearer cue takes it back
                self.stranded[c.verb.id] = comp
                self.taken |= {v for v, k in self.complements.items() if k is not None and k.id == comp.id}
                self.complements = {v: (None if v in self.taken else k) for v, k in self.complements.items()}
                self.complements[c.verb.id] = comp
        self.with_clause = {i for i, c in self.complements.items() if c is not None}
        self.reported = frozenset(x.id for c in self.complements.values() if c is not None for x in self.tree.subtree(c))
        self.made: dict[int, Attribution] = {}
        # the words of every frame («…, όπως είπε στον Εισαγγελέα, …»): said around a content, never what it is about
        self._phrases = frozenset(w.id for f in self.frames for w in self.tree.words if f.region[0] <= w.id <= f.region[1])

    def coordinated(self, key: int) -> bool:
        """Whether the attribution made under ``key`` has a cue that shares its subject with a verb it is coordinated
        with, outside any quotation ("Graham urged X … and *criticized* Y"): the narrator reports a second statement
        of the same speaker, even where the parser hung the cue inside the first one's content."""
        verb = self.tree.word(key) if key > 0 else None
        if verb is None or base(verb.deprel) != "conj" or sources_mod.subjects(self.tree, verb):
            return False
        return not any(q.start < verb.start < q.end for q in self.quotes)

    def _region(self, frame: cues_mod.Frame) -> list[Word]:
        return [w for w in self.tree.words if frame.region[0] <= w.id <= frame.region[1]]

    def _complement(self, cue: cues_mod.Cue) -> Word | None:
        for head in cue.heads:
            found = content_mod.complement(self.tree, head, self.lex)
            if found is not None:
                return found
        return None

    def _in_complement(self, q: Quote) -> bool:
        """Whether a cue outside the quotation has its complement clause over it («δήλωσε ότι «…»»)."""
        for verb_id, comp in self.complements.items():
            verb = self.tree.word(verb_id)
            if comp is None or verb is None or q.start <= verb.start < q.end:
                continue
            words = self.tree.subtree(comp)
            if words and q.inner[0] < words[-1].end and q.inner[1] > words[0].start:
                return True
        return False

    def run(self) -> list[Attribution]:
        question = _question(self.sent, self.lex, self.quotes)
        # a quotation inside some cue's complement clause belongs to that cue; a neighbouring cue cannot take it again
        used_quotes = {q.inner[0] for q in self.quotes if self._in_complement(q)}
        # and one that closed an earlier sentence belongs to what was found there («"A," he said. "B." Smith said.»)
        used_quotes |= {
            q.inner[0] for q in self.quotes
            if q.end <= self.sent.start and any(a.content.start < q.inner[1] and q.inner[0] < a.content.end for a in self.state.found)
        }
        for cue in self.cues:
            if _conditional(self.tree, cue.verb, self.lex, self.quotes):
                continue
            if fold(cue.entry.lemma) in self.lex.private_state_verbs:
                continue  # "Most experts believe …", "I know …": a private state, which this language's claims leave out
            quoted = any(q.start < cue.verb.start < q.end for q in self.quotes)
            if question and not quoted:
                continue
            if quoted and cues_mod.first_person(self.tree, cue.verb):
                continue  # «"I think it's wiser …," he said», «"We know that …"»: the quoted speaker's own words, not a report
            if self.lex.outermost_only and any(q.closed and q.start < cue.verb.start < q.end for q in self.quotes):
                continue  # «"… they said he should have been tougher," Trump told Fox»: what the quoted speaker says
            found, subject = self._content(cue, used_quotes)
            if found is None:
                continue
            if found.rule == "quote":
                used_quotes.update(q.inner[0] for q in self.quotes if found.start <= q.inner[0] < found.end)
            self.made[cue.verb.id] = self._attribution(cue, found, subject)
        self._evidentials()
        for frame in self.frames:
            self._apply_frame(frame)
        return list(self.made.values())

    # ---------------------------------------------------------------- content

    def _content(self, cue: cues_mod.Cue, used_quotes: set[int]) -> tuple[Content | None, Word | None]:
        """The cue's content and, for a parenthetical cue, the source word it brings along."""
        tree, verb = self.tree, cue.verb
        found = content_mod.raising_content(tree, verb, self.lex, self.text, self.quotes, _passive(tree, cue, self.lex))
        if found is None:
            nested = self.with_clause - {verb.id}
            for head in cue.heads:
                if head.id == verb.id and verb.id in self.taken:
                    continue  # its clause went to the nearer cue below it
                comp = self.stranded.get(verb.id) if head.id == verb.id else None
                found = content_mod.clause_content(tree, head, self.lex, self.text, self.quotes, nested, comp=comp)
                if found is not None:
                    break
        if found is not None and found.rule == "clause" and (whole := self._quoted_clause(cue, found, used_quotes)) is not None:
            found = whole
        elif found is not None and found.rule == "clause" and found.start >= verb.end and (medial := self._medial(cue)) is not None:
            found = medial  # «Even if …, Mr. Morgan said, he has …»: a cue set off inside its content reports all of it
        if found is not None and found.rule == "clause" and self.lex.whole_clauses and found.start >= verb.end and (rest := self._rest(cue, found)) is not None:
            found = rest
        if found is not None and found.quote == "direct" and found.end <= verb.start:
            # «''A,'' he said. ''B.''»: a quoted clause before its cue goes on in the next sentence's quotation
            more = content_mod.continued_quote(tree, verb, self.text, self.quotes_on, used_quotes, self.lex, self._own_cue)
            if more is not None:
                found = Content(found.start, more.inner[1], found.quote, found.words, found.rule)
        if found is None and not self._quote_near(cue, used_quotes):  # (else the quotation is what was said, below)
            if lemma(verb) in self.lex.object_cues:
                found = content_mod.object_content(tree, verb, self.lex, self.text, self.quotes)
            if found is not None and self.lex.whole_clauses and found.start >= verb.end and (rest := self._rest(cue, found)) is not None:
                found = rest  # "described Clinton as “a lifetime politician” *who “has never …”*"
            if found is None:
                found = content_mod.trailing_content(tree, verb, self.lex, self.text, self.quotes)
        if found is not None or cue.entry.needs_clause:
            return found, None
        if any(lemma(m) in ("να", "to") for k in tree.children(verb, "xcomp", "ccomp") if k.id > verb.id for m in tree.children(k, "mark", "aux")):
            return None, None  # «αρνείται να συμμετάσχει», "refused to comment": an act, not a report of the quote nearby
        found = content_mod.quote_content(tree, verb, self.text, self.quotes_on, used_quotes, self.lex, self._own_cue)
        if found is not None:
            return found, None
        # Y, ανέφερε ο Χ, Z / Y, she said, Z: a cue phrase between separators, whatever the parser hung on the cue;
        # a main-clause verb only («σημεία της Ιστορίας που …, αμφισβητούνται από πολλούς» is a relative clause)
        if any(content_mod.complementizers(tree, k, self.lex) for k in tree.children(verb)):
            return None, None
        phrase = content_mod.cue_phrase(tree, verb)
        if tree.children(verb, "mark") or any(sources_mod.is_relative(k, self.lex) for k in tree.children(verb)):
            return None, None
        if base(verb.deprel) in ("acl", "csubj", "xcomp") and not self._closing_phrase(verb, phrase):
            return None, None
        inside = {w.id for w in phrase}
        nominal = ("NOUN", "PROPN", "X", "PRON", "ADJ", "NUM", "DET")
        subjects = [k for k in sources_mod.subjects(tree, verb) if k.upos in nominal and k.id in inside]
        objects = [k for k in tree.children(verb, "obj") if k.id in inside]
        # an object is an inverted subject only after a finite active verb, and never in the accusative;
        # a real object means the verb reports something else («ανέφερε τα μέτρα, …»)
        inverted = [k for k in objects if k.upos in nominal and k.id > verb.id and sources_mod.may_invert(tree, verb) and could_be_subject(tree, k)]
        if len(inverted) < len(objects):
            return None, None
        after = sorted((k for k in subjects + inverted if k.id > verb.id), key=lambda k: k.id)
        before = [k for k in subjects if k.id < verb.id]
        subject = after[0] if after else (before[-1] if before else None)
        found = content_mod.parenthetical_content(tree, verb, phrase, self.lex, self.text, self.quotes)
        return (found, subject) if found is not None else (None, None)

    def _rest(self, cue: cues_mod.Cue, found: Content) -> Content | None:
        """The content clause after a main-clause cue run on to the sentence's end, where the parser cut it short
        ("says she hopes to be elected, *but she knows that …*", "argues that families want …*, despite …*"):
        only when what follows holds no cue of its own."""
        verb = self.tree.word(cue.verb.id)
        if verb is None or not all(self._runs_to_end(v) for v in [verb, *self.tree.ancestors(verb)]):
            return None  # a cue in a clause before its head or inside a noun phrase: the rest of the sentence is not its
        tail = [w for w in self.tree.words if w.start >= found.end]
        if not any(not is_punct(w) for w in tail) or any(self._reports(w) for w in tail):
            return None
        words = [w for w in self.tree.words if w.start >= found.start]
        return content_mod.span_content(words, found.rule, self.text, self.quotes)

    def _reports(self, w: Word) -> bool:
        """Whether a word is a cue that makes a claim of its own: not a private state ("but she *knows* that …") nor
        a cue in a relative clause ("the $18 million *he says* he raised"), which are part of what is said."""
        entry = cues_mod.cue_verb(w, self.lex)
        return entry is not None and fold(entry.lemma) not in self.lex.private_state_verbs and w.deprel != "acl:relcl"

    def _runs_to_end(self, v: Word) -> bool:
        """Whether a clause head's clause may run on to what follows it: a main or coordinated clause, or an
        adverbial or complement clause after its head ("… by *telling* them that …"); never a clause before its
        head ("*Although* it is alleged that …, it is not clear …") or one that modifies a noun ("Israel, which has
        never *said* that …, ranks …")."""
        rel = base(v.deprel)
        return rel in ("root", "conj", "parataxis") or (rel in ("advcl", "xcomp", "ccomp") and v.id > v.head)

    def _closing_phrase(self, verb: Word, phrase: list[Word]) -> bool:
        """"…, another source said.": a cue with its subject before it, set off by a comma at the sentence's end,
        ends the sentence as its cue, whatever the parser hung it on (an xcomp or acl of the last verb)."""
        tree = self.tree
        before = tree.previous(phrase[0])
        if before is None or before.text != "," or any(not is_punct(w) for w in tree.words if w.id > phrase[-1].id):
            return False
        if not (is_finite(verb) or bare_participle(tree, verb)):
            return False
        return any(k.id < verb.id and k.upos in ("NOUN", "PROPN", "PRON") for k in tree.children(verb, "nsubj", "nsubj:pass"))

    def _quoted_clause(self, cue: cues_mod.Cue, found: Content, used_quotes: set[int]) -> Content | None:
        """The whole quotation next to the cue when the clause the parser gave the cue lies inside it: what
        was quoted is what was said, however the parser cut the quoted sentence («"When you see …, the
        byproducts … are unpredictable," Mr. Obama said»); a clause that is the whole quotation is not taken
        for the start of a longer content either."""
        comp = self.complements.get(cue.verb.id)
        clause = self.tree.subtree(comp) if comp is not None else []
        # the quotations this cue's own clause overlaps were set aside for it («"If …," X said, "…"»: the if-clause hangs below)
        mine = {q.inner[0] for q in self.quotes if q.inner[0] <= found.start and found.end <= q.inner[1]} | {
            q.inner[0] for q in self.quotes if clause and q.inner[0] < clause[-1].end and q.inner[1] > clause[0].start
        }
        near = content_mod.quote_content(self.tree, cue.verb, self.text, self.quotes_on, used_quotes - mine, self.lex, self._own_cue)
        if near is None or not (near.start <= found.start and found.end <= near.end):
            return None
        if (near.start, near.end) == (found.start, found.end) and self.text[near.start:near.start + 1].islower():
            return None  # «So when …, Mr. Barrett said, "we were floored"»: a quotation in lower case goes on from the words before the cue
        return near

    def _medial(self, cue: cues_mod.Cue) -> Content | None:
        """The whole sentence, for a cue phrase set off by commas inside it whose content clause follows it, when
        the words before it hold no cue or quotation of their own (they are the start of what was said)."""
        tree, verb = self.tree, cue.verb
        phrase = content_mod.cue_phrase(tree, verb)
        left = [w for w in tree.words if w.id < phrase[0].id and not is_punct(w)]
        after = tree.next(phrase[-1])
        if not left or after is None or after.text != ",":
            return None  # (a dash after the cue sets off an aside: «ανέφερε -επικαλούμενη έγγραφα- ότι»)
        opener = tree.next(after)
        if opener is None or lemma(opener) in self.lex.complementizers:
            return None  # «Παράλληλα, ο υπουργός ανέφερε, ότι …»: the ότι-clause alone is what was said
        if all(base(w.deprel) in ("advmod", "cc", "discourse", "mark") for w in left):
            return None  # a connective («Meanwhile, X said, …») is the narrator's
        if any(cues_mod.cue_verb(w, self.lex) is not None for w in left):
            return None
        if any(q.start < left[-1].end and q.end > left[0].start for q in self.quotes):
            return None
        found = content_mod.parenthetical_content(tree, verb, phrase, self.lex, self.text, self.quotes)
        if found is None or found.start > left[0].start:
            return None
        return Content(found.start, found.end, found.quote, found.words, "clause")  # its source is the cue's subject

    @cached_property
    def quotes_on(self) -> list[Quote]:
        """The sentence's quotations with the next paragraph's, which may go on with one (only a continuation needs them)."""
        return self.quotes + self.state.quotes_after(self.sent)

    def _own_cue(self, q: Quote) -> bool:
        return self.state.quote_has_cue(q, self.lex)

    def _quote_near(self, cue: cues_mod.Cue, used_quotes: set[int]) -> bool:
        """Whether a quotation stands next to the cue («"…?" she asked»): then the quotation is what was said."""
        return content_mod.quote_content(self.tree, cue.verb, self.text, self.quotes, used_quotes, self.lex) is not None

    # ---------------------------------------------------------------- sources

    def _mention(self, word: Word, exclude: set[int]) -> tuple[Mention | None, bool]:
        """A mention for a source word; «η ίδια πηγή» takes the previous source's identity."""
        found = mention(self.tree, word, self.lex, exclude=exclude, source=True)
        if sources_mod.is_same_source(self.tree, word, self.lex):
            prev = self.state.previous_source(before=list(self.made.values()))
            if prev is not None:
                return replace(prev, span=found.span), True
            return replace(found, type="UnnamedSource"), False
        return found, False

    def _with_apposition(self, source: Mention, word: Word, verb: Word, exclude: set[int]) -> Mention:
        """Widen a subject over an apposition the parser made a second subject of the same verb.

        «Ένας από τους πρωτοστάτες, ο Ρενάτο Ρέγιες, ανέφερε», «λέει ο Γιούντορ, κάτοικος του …»:
        both phrases come out as ``nsubj``; only commas (or quote marks) separate them.
        """
        # (and the appositions of a name between a quotation and its cue, wherever the parser hung them)
        found = [*sources_mod.subjects(self.tree, verb), *sources_mod.phrase_after_quote(self.tree, verb)[1:]]
        subjects = {k.id for k in found}
        for other in sorted([*found, *self._postposed_siblings(word, verb)], key=lambda k: abs(k.id - word.id)):
            if other.id == word.id or other.id in exclude or (other.id < verb.id) != (word.id < verb.id) or sources_mod.is_relative(other, self.lex):
                continue  # (a relative pronoun is the clause's own subject, never an apposition)
            sibling = other.id not in subjects
            # (an apposition keeps its prepositional phrases: "an economist *at the Tax Foundation*")
            extra = mention(self.tree, other, self.lex, exclude=exclude, source=not sibling, relatives=True)
            lo, hi = sorted([source.span, extra.span], key=lambda sp: sp.start)
            gap = self.text[lo.end : hi.start]
            if sibling and (gap.strip() != "," or not self._closes_sentence(max(other, word, key=lambda k: k.id))):
                continue  # a sibling that is not a subject: only "said X, a professor at Y." set off to the end
            if sibling and word.id > other.id:  # the source is the apposition: it too keeps its phrases
                hi = mention(self.tree, word, self.lex, exclude=exclude, relatives=True).span
            if not gap.strip() or lo.end > hi.start:
                # "Stein spokeswoman Melezia Figueroa said": one noun phrase the parser cut in two; its head is last
                last = other if other.id > word.id else word
                words = [w for w in self.tree.words if lo.start <= w.start and w.end <= max(lo.end, hi.end)]
                label, kind, role, proper, norm = describe(self.tree, last, words, self.lex)
                end = max(lo.end, hi.end)
                source = replace(source, span=Span(lo.start, end, self.text[lo.start : end]), label=label, type=kind, role=role, proper=proper, norm=norm)
                continue
            if gap.strip(" ,«»\"“”") or "," not in gap:
                continue  # apposition is set off by a comma and nothing else
            if verb.start < hi.end and verb.start >= lo.start:
                continue  # the verb lies between them
            start, end = lo.start, hi.end
            label, kind, proper = source.label, source.type, source.proper
            if extra.proper and not source.proper and extra.type in ("Person", source.type):
                # the name in «Ένας από …, ο Ρενάτο Ρέγιες,», «ο υπουργός Υγείας της επαρχίας Χ, ο Φάιζ Κακάρ»
                label, kind, proper = extra.label, extra.type, True
            source = replace(source, span=Span(start, end, self.text[start:end]), label=label, type=kind, proper=proper)
        return source

    def _with_relative(self, source: Mention, verb: Word, exclude: set[int]) -> Mention:
        """Widen a source over the relative clause right after it that the parser hung elsewhere ("said Luis Rubio,
        *who heads the Center …*" as a ccomp or conj of the cue): a noun phrase's relative clause is part of it."""
        tree = self.tree
        inside = self._words_of(source.span)
        pronoun = tree.next(inside[-1]) if inside else None
        if pronoun is not None and pronoun.text == ",":
            pronoun = tree.next(pronoun)  # (set off or not: "a historian who attended the session")
        if pronoun is None or not sources_mod.is_relative(pronoun, self.lex) or (clause := tree.head(pronoun)) is None:
            return source
        words = [w for w in tree.subtree(clause) if w.id >= pronoun.id or not is_punct(w)]
        if words[0].id != pronoun.id or any(w.id == verb.id or w.id in exclude for w in words):
            return source
        if any(
            (w.id != clause.id and base(w.deprel) in ("ccomp", "parataxis")) or quote_mark(tree, w)
            or lemma(w) in self.lex.complementizers for w in words
        ):
            return source  # a clause that reports or quotes: not a description of the source
        words = [w for w in words if not is_punct(w)] or words
        end = words[-1].end
        return replace(source, span=Span(source.span.start, end, self.text[source.span.start : end]))

    def _words_of(self, span: Span) -> list[Word]:
        """The sentence's words inside ``span``, in order."""
        return [w for w in self.tree.words if span.start <= w.start and w.end <= span.end]

    def _before_cue(self, last: Word, verb: Word) -> list[Word]:
        """The words between ``last`` and the cue's phrase (its auxiliaries and adverbs before it: "…, has also said")."""
        end = verb
        while (p := self.tree.previous(end)) is not None and p.id > last.id and p.upos in ("AUX", "ADV", "PART"):
            end = p
        return [w for w in self.tree.words if last.id < w.id < end.id]

    def _with_set_off_apposition(self, source: Mention, verb: Word, exclude: set[int]) -> Mention:
        """Widen a source over the rest of the apposition it opens or that follows it, set off by commas, dashes or
        brackets, whatever the parser made of it: "Jane Roe, an analyst at the Cato Institute, said" (before the
        cue, up to the comma before it) and "said Jane Roe, now a consultant on energy in the private sector."
        (after it, up to the end of the sentence). The words must read as a noun phrase: they open with a noun
        phrase's word, hold no quotation, nothing of the content and no verb but a participle or one in a
        relative clause ("a physicist *who is* co-director of …")."""
        inside = self._words_of(source.span)
        if not inside:
            return source
        last = inside[-1]
        if last.id < verb.id:  # up to the cue phrase
            region = self._before_cue(last, verb)
            if not region or region[-1].text not in _SET_OFF:
                return source
            return self._apposition_span(source, inside, region[:-1], exclude)
        return self._apposition_span(source, inside, self._tail(last), exclude)

    def _tail(self, last: Word) -> list[Word]:
        """The words after ``last`` up to the end of the sentence, final punctuation left out."""
        region = [w for w in self.tree.words if w.id > last.id]
        while region and is_punct(region[-1]) and region[-1].text != ")":
            region = region[:-1]
        return region

    def _apposition_span(self, source: Mention, inside: list[Word], region: list[Word], exclude: set[int], *, frame: bool = False) -> Mention:
        """``source`` widened over ``region`` when it reads as the rest of its noun phrase (see
        :meth:`_with_set_off_apposition`); a sentence-final frame's source also takes the phrases and
        participles the mention left out ("according to a database *tracking such deaths*")."""
        tree = self.tree
        words = [w for w in region if not is_punct(w)]
        if not words or len(region) > 40 or any(
            w.id in exclude or w.text in (":", ";") or quote_mark(tree, w) or (w.upos == "SCONJ" and lemma(w) in self.lex.complementizers)
            for w in region
        ):
            return source  # (a clause that reports, "who emphasized that …", describes no one)
        opened = region[0].text in _SET_OFF or region[0].text == "("
        continued = any(w.text in _SET_OFF for w in inside[1:]) or (frame and lemma(words[0]) not in self.lex.adjunct_prepositions)
        if not opened and not continued:
            return source  # neither set off nor the rest of an apposition the source already opened
        if opened and not (_nominal_start(words) or sources_mod.is_relative(words[0], self.lex)):
            return source  # "Smith, in a statement, said", "said Smith, adding …"
        relative = any(sources_mod.is_relative(w, self.lex) for w in inside)
        for w in words:
            relative = relative or sources_mod.is_relative(w, self.lex)
            if is_verbal(w) and w.feat("VerbForm") not in ("Part", "Ger", *(("Inf",) if frame else ())) and not relative:
                return source
        if sum(w.text.count("(") for w in region) > sum(w.text.count(")") for w in region):
            return source
        stop = region[-1].end if region[-1].text == ")" else words[-1].end
        return replace(source, span=Span(source.span.start, stop, self.text[source.span.start : stop]))

    def _with_conjuncts(self, source: Mention, verb: Word, exclude: set[int]) -> Mention:
        """Widen a subject over the phrases coordinated with it up to its cue, which parsers make subjects of their
        own ("Local and federal officials said", "the union and its lawyers say", "Sens. A (D-Ore.), B (D-Ohio) and C
        all said"). Where the source is a lone modifier of the last conjunct's noun ("Local" of "Local and federal
        officials"), that noun heads the whole phrase."""
        tree = self.tree
        inside = self._words_of(source.span)
        if not inside or inside[-1].id > verb.id:
            return source
        region = self._before_cue(inside[-1], verb)
        words = [w for w in region if not is_punct(w)]
        if not words or region[-1].text in _SET_OFF or words[-1].upos not in ("NOUN", "PROPN", "PRON", "DET", "NUM"):
            return source
        joined = lemma(words[0]) in self.lex.coordinators or (
            region[0].text == "," and _nominal_start(words) and any(lemma(w) in self.lex.coordinators for w in words)
        )
        if not joined or len(region) > 40 or any(
            w.id in exclude or w.text in (":", ";") or quote_mark(tree, w)
            or (is_verbal(w) and w.feat("VerbForm") not in ("Part", "Ger")) for w in region
        ):
            return source
        stop = region[-1].end if region[-1].text == ")" else words[-1].end
        span = Span(source.span.start, stop, self.text[source.span.start : stop])
        noun = words[-1]
        if len(inside) == 1 and noun.upos == "NOUN" and all(
            w.head == noun.id and base(w.deprel) in ("amod", "compound") for w in words[1:-1]
        ):
            # "Local and federal officials": one noun phrase with two modifiers
            label, kind, role, proper, norm = describe(tree, noun, [*inside, *region], self.lex)
            return replace(source, span=span, label=label, type=kind, role=role, proper=proper, norm=norm)
        return replace(source, span=span)

    def _relative_subject(self, verb: Word, antecedent: Word) -> Word | None:
        """The relative pronoun standing for ``antecedent`` as the subject of ``verb`` or of the nearest verb above
        it that has a subject ("demonstrators, *who* have taken to the streets and called for …")."""
        tree = self.tree
        for node in [verb, *tree.ancestors(verb)]:
            if not is_verbal(node):
                continue
            found = sources_mod.subjects(tree, node)
            for s in found:
                if sources_mod.is_relative(s, self.lex) and sources_mod.antecedent(tree, s, node) is antecedent:
                    return s
            if found:
                return None
        return None

    def _postposed_siblings(self, word: Word, verb: Word) -> list[Word]:
        """Nominal dependents of a cue after it and with no preposition, besides its inverted source: where the
        parser puts the apposition of «"…," said Alan Cole, an economist at …» (a second obj, nsubj, obl or conj)."""
        if word.id < verb.id:
            return []
        return [
            k for k in self.tree.children(verb, "obj", "iobj", "obl", "nsubj", "conj")
            if k.id > verb.id and not self.tree.children(k, "case") and not k.deprel.endswith("tmod")
            # (a noun the tagger took for an adjective still has its article: "an *analyst* at …")
            and (k.upos in ("NOUN", "PROPN") or (k.upos == "ADJ" and any(is_article(d) for d in self.tree.children(k, "det"))))
        ]

    def _closes_sentence(self, head: Word) -> bool:
        """Only punctuation, or a relative clause wherever the parser hung it, follows the phrase headed by
        ``head`` in its sentence ("…, a lawyer for the Sierra Club, who has been …")."""
        last = self.tree.subtree(head)[-1]
        rest = [w for w in self.tree.words if w.id > last.id and not is_punct(w)]
        clauses = [w for w in rest if relative_clause(self.tree, w) and base(w.deprel) not in ("aux", "cop")]
        inside = {x.id for c in clauses for x in self.tree.subtree(c)}
        return all(w.id in inside for w in rest)

    def _antecedent(self, word: Word) -> Mention | None:
        """Who a third-person pronoun source stands for: the last named speaker of its paragraph, or of the
        paragraph before («Clinton spoke on Monday. "…," she said»). Only a person for he/she (a group or an
        organisation for they), and only when its number agrees; otherwise the pronoun stays as it is."""
        if word.upos != "PRON" or word.feat("PronType") not in (None, "Prs") or word.feat("Person") != "3" or word.feat("Poss") == "Yes":
            return None
        plural = word.feat("Number") == "Plur"
        wanted = ("GroupOfPeople", "Organization", "NewsMediaOrganization") if plural else ("Person",)
        start, _ = self.state.paragraph(self.sent)
        earlier = self.state.paragraph_before(start)
        for att in reversed([*self.state.found, *self.made.values()]):
            src = att.source
            if src is None or not src.proper or src.type not in wanted or src.span.start >= word.start:
                continue
            if att.cue.start >= start or (earlier is not None and att.cue.start >= earlier):
                return src
        return None

    def _fallback(self, verb: Word | None) -> Mention | None:
        """A subjectless cue takes the previous source of its paragraph, if any (never a guess beyond it).

        Only the latest source is a candidate, and only if it agrees with the cue verb: after «όπως
        ανακοίνωσε ο Σανόγκο», «ανακοίνωσαν ότι …» is said by others, who are not named, and an
        earlier source in the paragraph would be a guess.
        """
        if verb is not None and verb.feat("Person") in ("1", "2"):
            return None
        prev = self.state.previous(self.sent, before=list(self.made.values()))
        if prev is None or prev.source is None:
            return None
        if verb is not None and not sources_mod.agrees_with(self.tree, verb, *self.state.source_agreement(prev, self.lex), self.lex):
            return None
        return prev.source

    def _attribution(self, cue: cues_mod.Cue, found: Content, subject: Word | None) -> Attribution:
        tree, verb, lex = self.tree, cue.verb, self.lex
        # the content's words, but for the cue's own phrase (a quotation split by its cue spans it), and every
        # quotation that does not hold the cue: quoted words are said, they never say («"Το χαιρετίζω" ανέφερε»)
        exclude = set(found.words) - {w.id for w in content_mod.cue_phrase(tree, verb)}
        exclude |= {w.id for q in self.quotes if not q.start <= verb.start < q.end for w in tree.words if q.start <= w.start and w.end <= q.end}
        passive = _passive(tree, cue, self.lex)
        if subject is not None:
            word, how = subject, "inverted"
            exclude -= {w.id for w in tree.subtree(subject)}
        elif found.rule == "parenthetical":
            # «Y, ανέφερε, Z»: no subject in the cue phrase but one the parser hung elsewhere, or the previous source, or none
            word = sources_mod.postposed_subject(tree, verb, exclude, quoted=True)
            how = "inverted" if word is not None else ""
        else:
            word, how = sources_mod.resolve(
                tree, verb, lex, self.frames, exclude,
                inverted=found.rule in ("quote", "parenthetical"), reported=self.reported, passive=passive,
            )
        if word is not None and any(w.id == word.id for w in cue.words):
            word, how = None, "passive"  # «έγινε γνωστό» with γνωστό parsed as an object: an impersonal cue, no source
        source = None
        if word is not None:
            said = exclude  # (what the claim says, without the cue's own words)
            if verb.id in {x.id for x in tree.subtree(word)}:
                exclude = exclude | {x.id for x in tree.subtree(verb)}  # «"…," X, a member, said»: the cue hung on its own source
            source, same = self._mention(word, exclude)
            how = "same_source" if same else how
            # (a subject taken from the governing verb is widened as that verb's: "Republican nominee Donald Trump,
            # in particular, has criticized … and called for …")
            own = verb if how in ("subject", "inverted") else tree.head(word) if how in ("gerund", "inherited") else None
            if not same and own is not None and is_verbal(own):
                source = self._with_relative(self._with_apposition(source, word, own, exclude), own, exclude)
                source = self._with_conjuncts(self._with_set_off_apposition(source, own, said), own, said)
            if not same and (named := self._antecedent(word)) is not None:
                source, how = replace(named, span=source.span), "pronoun"
            gerund = verb.feat("VerbForm") in ("Ger", "Conv") or (verb.feat("VerbForm") == "Part" and verb.feat("Tense") == "Pres")
            if (how in ("relative", "inherited", "subject") or (how == "gerund" and gerund)) and (pronoun := self._relative_subject(verb, word)) is not None:
                # "an architect who said …": the relative pronoun is the cue's subject, so the mention runs to it
                between = [w for w in tree.words if source.span.end <= w.start and w.end <= pronoun.start]
                if pronoun.start >= source.span.end and all(is_punct(w) for w in between):
                    source = replace(source, span=Span(source.span.start, pronoun.end, self.text[source.span.start : pronoun.end]))
        elif how not in ("passive", "speaker"):
            source = self._fallback(verb)
            how = "previous" if source is not None else ""
        elif how == "speaker":
            how = ""  # governed by a first- or second-person verb: the speaker, left unresolved
        polarity, certainty = cue.entry.polarity, cue.entry.certainty
        if _negated(tree, verb, lex):
            polarity = "asserts" if polarity == "denies" else "denies"
            certainty = min(certainty, 0.5) if polarity == "asserts" else certainty
        hedges = [lex.hedge_words[lemma(k)] for k in tree.children(verb) if lemma(k) in lex.hedge_words]
        certainty = min([certainty, *hedges])
        skip_time = exclude | ({w.id for w in tree.subtree(word)} if word is not None else set())
        return self._record(
            cue=span_of(tree, list(cue.words)), cue_lemma=cue.entry.lemma, found=found, source=source, how=how,
            polarity=polarity, certainty=certainty,
            time=statement_time(tree, [verb], skip_time, lex, self.state.parsed.document.published),
        )

    def _record(self, *, cue: Span, cue_lemma: str, found: Content, source: Mention | None, how: str, polarity: str = "asserts", certainty: float = 1.0, time=None) -> Attribution:
        rule = found.rule
        return Attribution(
            document=self.state.parsed.document.id,
            sentence=self.sent.index,
            sentence_text=self.sent.text,
            cue=cue,
            cue_lemma=cue_lemma,
            content=Span(found.start, found.end, self.text[found.start : found.end]),
            source=source,
            quote=found.quote,
            polarity=polarity,
            certainty=certainty,
            confidence=confidence(rule, how, found.quote),
            rule=f"{rule}+{how or 'unresolved'}",
            about=about_mod.about(self.tree, found.start, found.end, self.lex, skip=source.span if source else None, skip_words=self._phrases),
            time=time,
            quantities=quantities_mod.quantities(self.tree, found.start, found.end, self.lex),
        )

    # ---------------------------------------------------------------- evidentials and frames

    def _evidentials(self) -> None:
        """"X reportedly did Y": the clause is attributed to an unnamed source."""
        for w in self.tree.words:
            weight = self.lex.evidential_adverbs.get(fold(w.text))
            head = self.tree.head(w)
            if weight is None or head is None or head.id in self.made:
                continue
            if not is_verbal(head) and not self.tree.children(head, "cop"):
                continue
            words = self.tree.subtree(head, exclude=self.with_clause - {head.id})
            span = content_mod._span(words)
            if span is None:
                continue
            found = Content(span[0], span[1], "indirect", frozenset(x.id for x in words), "evidential")
            self.made[-w.id] = self._record(
                cue=span_of(self.tree, [w]), cue_lemma=w.lemma or w.text, found=found, source=None, how="",
                certainty=weight,
                time=statement_time(self.tree, [], set(), self.lex, self.state.parsed.document.published),
            )

    def _frame_source(self, frame: cues_mod.Frame) -> tuple[Mention | None, str, list[Word]]:
        tree, lex = self.tree, self.lex
        markers = list(frame.markers)
        if frame.source is None:
            return None, "", markers
        if lemma(frame.source) in lex.unnamed_source_nouns and not sources_mod.is_same_source(tree, frame.source, lex):
            relayed = sources_mod.relayed_source(tree, frame.source, lex, set())
            if relayed is not None:
                # the cue runs to the relaying verb («Σύμφωνα με πληροφορίες που μεταδίδει»), never backwards
                rels = [k for k in tree.children(frame.source, "acl") if cues_mod.cue_verb(k, lex) and k.id > markers[0].id]
                if rels:
                    markers = [w for w in tree.words if markers[0].id <= w.id <= rels[0].id]
                return relayed, "relayed", markers
        # an according-frame's source phrase lies inside the frame, whatever the parser hung below its head
        outside = {w.id for w in tree.words if not frame.region[0] <= w.id <= frame.region[1]} if frame.kind == "according" else set()
        source, same = self._mention(frame.source, outside)
        if frame.kind == "according" and not same and (before := tree.previous(markers[0])) is not None and before.text == ",":
            # a frame that closes its sentence ("…, according to X"): its source runs to the end
            inside = self._words_of(source.span)
            if inside:
                source = self._apposition_span(source, inside, self._tail(inside[-1]), set(), frame=True)
        return source, "same_source" if same else "frame", markers

    def _framed_clause(self, frame: cues_mod.Frame, clause: Word) -> tuple[Word, bool, list[Word]]:
        """The clause an as-frame reports, whether it lies below the frame verb, and the rest of a clause the
        frame interrupts, where the parser's attachment of the frame says otherwise.

        - «…, καθώς, όπως τονίζει, αν …, μπορεί …»: a subordinator or conjunction before the marker opens
          a clause the frame stands at the head of; the parser hangs its body on the frame verb;
        - «Πρέπει να παροτρύνουμε … να επικυρώσουν τη συμφωνία, όπως είπε η Χ»: a frame after its clause
          is hung on the nearest verb; it reports the whole clause before it, up to a coordination
          (a conjunct is a clause of its own) or a cue whose content is already attributed;
        - «…, για να τους προστατέψει, όπως αναφέρει, από τις εξωτερικές επιρροές»: a phrase hung on the frame
          verb after it is the rest of the clause the frame interrupts (the content spans the frame).
        """
        tree, verb = self.tree, frame.verb
        if frame.kind != "as" or verb is None:
            return clause, False, []
        lo, hi = frame.region
        after = [w for w in tree.words if w.id > hi and not is_punct(w)]
        prev = tree.previous(frame.markers[0])
        while prev is not None and is_punct(prev):
            prev = tree.previous(prev)
        if prev is not None and base(prev.deprel) == "mark" and (host := tree.head(prev)) is not None and host.id > hi and is_verbal(host):
            # «αφού, όπως εξήγησε, δεν είχε ενημερωθεί …»: the subordinator before the frame opens the clause it
            # reports, the one right after the frame (parsers may hang the subordinator on the main verb)
            node = after[0] if after else host
            for _ in range(len(tree.words)):
                up = tree.head(node)
                if up is None or up.id == host.id or up.id <= hi:
                    break
                node = up
            return (node if is_verbal(node) else host), True, []
        if any(k.id < lo for k in tree.children(verb, "mark", "cc")):
            body = [k for k in tree.children(verb, "advcl", "conj", "ccomp", "parataxis") if k.id > hi and is_verbal(k)]
            if body and after and tree.dominates(body[0], after[0]):  # the clause starts right after the frame
                return body[0], True, []

        def before(node: Word) -> bool:
            return all(w.id < lo or is_punct(w) for w in tree.subtree(node, exclude={verb.id}))

        rest = [k for k in tree.children(verb) if k.id > hi and not is_punct(k) and not is_verbal(k)]
        if rest and clause.id < lo:
            return clause, False, [w for k in rest for w in tree.subtree(k)]
        if clause.id >= lo or not tree.dominates(clause, verb) or not before(clause):
            return clause, False, []
        for up in tree.ancestors(clause):  # cycle-safe: a malformed parse must not loop for ever
            if base(clause.deprel) == "conj" or up.id in self.made or not before(up):
                break
            clause = up
        return clause, False, []

    def _relay(self, inner: list[int], source: Mention | None, cue: Span) -> None:
        """A frame over attributions of its clause: «Όπως μετέδωσε το BBC, ο Τοκάγιεφ δήλωσε …» is Tokayev's
        claim reported by the BBC; over an attribution with no source of its own («Όπως αναφέρει ο Χ, έχει
        παρατηρηθεί ότι …») the frame names who says it."""
        if source is None:
            return
        for i in inner:
            att = self.made[i]
            if att.source is None:
                rule = att.rule.split("+")[0]
                self.made[i] = replace(att, source=source, rule=f"{rule}+frame", confidence=confidence(rule, "frame", att.quote))
            elif att.reported_by is None:
                self.made[i] = replace(att, reported_by=source, reporting_cue=cue)

    def _governing_subject(self, frame: cues_mod.Frame) -> Word | None:
        """The subject of the clause a subjectless «όπως είπε» interrupts, before the frame and agreeing with its
        verb: «Η αντιπολίτευση, όπως είπε, θα καταψηφίσει …» — the opposition said it."""
        if frame.kind != "as" or frame.verb is None or frame.clause is None:
            return None
        for s in sources_mod.subjects(self.tree, frame.clause):
            if s.id < frame.region[0] and sources_mod.agrees_with(
                self.tree, frame.verb, phrase_number(self.tree, s, self.lex), phrase_person(self.tree, s), self.lex
            ):
                return s
        return None

    def _apply_closing_frame(self, frame: cues_mod.Frame, words: list[Word]) -> None:
        """A frame that closes (or opens) its sentence: it relays the attributions made in the words it
        covers (a reporting chain), or else attributes them all."""
        source, how, markers = self._frame_source(frame)
        if not markers:
            return
        cue = span_of(self.tree, markers)
        at, lo, hi = frame.markers[0].start, words[0].start, words[-1].end
        inner = [i for i, a in self.made.items() if lo <= a.cue.start < hi and not (a.content.start <= at < a.content.end)]
        if inner:
            self._relay(inner, source, cue)
            return
        found = content_mod.span_content(words, "according", self.text, self.quotes, self.tree)
        # a clause, by its verb or, where a small tagger took the verb for a noun ("Clinton *beats* Trump …,
        # according to the poll"), by being all the sentence holds besides the frame
        lo_f, hi_f = frame.region
        rest = {w.id for w in self.tree.words if not is_punct(w) and not lo_f <= w.id <= hi_f}
        whole = len(rest) >= 4 and rest <= {w.id for w in words}
        if found is None or not (any(is_verbal(w) for w in words) or whole):
            return
        if source is None and frame.verb is not None:  # «…, όπως ανέφεραν.»: a subjectless frame verb
            source = self._fallback(frame.verb)
            how = "previous" if source is not None else ""
        self._record_frame(frame, cue, found, source, how, markers)

    def _record_frame(self, frame: cues_mod.Frame, cue: Span, found: Content, source: Mention | None, how: str, markers: list[Word]) -> None:
        """The attribution a frame makes; an unnamed source («σύμφωνα με πληροφορίες») is less certain."""
        self.made[-frame.markers[0].id - 1000] = self._record(
            cue=cue, cue_lemma=" ".join(lemma(m) for m in frame.markers), found=found, source=source, how=how,
            certainty=0.8 if source is not None and source.type == "UnnamedSource" else 1.0,
            time=statement_time(self.tree, markers, set(found.words), self.lex, self.state.parsed.document.published),
        )

    def _other_frames(self, frame: cues_mod.Frame) -> set[int]:
        """The words of every frame of the sentence but ``frame``."""
        return {w.id for f in self.frames if f is not frame for w in self._region(f)}

    def _opening(self, frame: cues_mod.Frame) -> list[Word]:
        """The words after a frame that opens its sentence and is set off by a comma (empty otherwise)."""
        lo, hi = frame.region
        while (last := self.tree.word(hi)) is not None and is_punct(last) and hi > lo:
            hi -= 1
        after = self.tree.word(hi + 1)
        if after is None or after.text not in (",", "—", "–", ":") or not cues_mod.sentence_initial(self.tree, self.tree.word(lo)):
            return []
        others = self._other_frames(frame)
        return [w for w in self.tree.words if w.id > after.id and w.id not in others]

    def _closing(self, frame: cues_mod.Frame) -> list[Word]:
        """The words a frame at the end of its sentence closes («…, σύμφωνα με την έκθεση.», «…, όπως είπε ο Χ.»):
        everything before its comma, other frames left out; empty for a frame elsewhere.

        Such a frame scopes over the whole claim it closes, not only over the conjunct or clause the
        parser hung it on («A σχετίζεται με B και μπορεί να αυξήσει C, σύμφωνα με έρευνα»).
        """
        lo, hi = cues_mod.inner_region(self.tree, frame.region)
        before = self.tree.word(lo - 1)
        if before is None or before.text not in (",", "—", "–", "-"):
            return []
        tail = [w for w in self.tree.words if w.id > hi]
        if any(not is_punct(w) for w in tail) and not (frame.kind == "according" and self._name_tail(tail)):
            return []
        others = self._other_frames(frame)
        return [w for w in self.tree.words if w.id < before.id and w.id not in others]

    def _name_tail(self, tail: list[Word]) -> bool:
        """Whether the words after an according-frame's source phrase only go on naming it ("according to the
        organizer Alliance *to Reclaim Our Schools (AROS)*", the parser's infinitive): no separator, no finite
        verb, no cue of their own."""
        return all(
            not (is_punct(w) and w.text in (",", ";", ":", "—", "–")) and not is_finite(w) and cues_mod.cue_verb(w, self.lex) is None
            for w in tail
        )

    def _apply_frame(self, frame: cues_mod.Frame) -> None:
        closing = self._closing(frame)
        if closing:
            self._apply_closing_frame(frame, closing)
            return
        if frame.clause is None:
            # «Όπως είπε πριν από μέρες, «…»»: the parser made the frame verb the root; what follows its comma is the claim
            opening = self._opening(frame)
            if opening:
                self._apply_closing_frame(frame, opening)
            return
        clause = frame.clause
        for up in self.tree.ancestors(clause):  # a frame hung on a noun of its clause: climb to the clause's head
            if is_verbal(clause) or clause.head == 0 or self.tree.children(clause, "cop"):
                break
            clause = up
        clause, opened, rest = self._framed_clause(frame, clause)
        frame = replace(frame, clause=clause)
        source, how, markers = self._frame_source(frame)
        if not markers:
            return
        cue = span_of(self.tree, markers)
        # the frame reports the attribution of its clause, and those coordinated with it («… πιστεύουν ότι …, ενώ … θεωρεί ότι …»)
        inner = [frame.clause.id] + [k.id for k in self.tree.children(frame.clause, "conj", "advcl", "parataxis")]
        # a frame inside another cue's content is part of what was said («"Σύμφωνα με τις πηγές μας, …", κατέληξε ο Χ»,
        # parsed with the quoted clause as root and the cue as its advcl): it is nested, not a reporting chain
        at = frame.markers[0].start
        around = {i for i in inner if i in self.made and self.made[i].content.start <= at < self.made[i].content.end}
        inner = [i for i in inner if i in self.made and i not in around]
        if inner:
            self._relay(inner, source, cue)
            return
        regions = [f.region for f in self.frames]
        found = content_mod.frame_content(
            self.tree, frame.clause, regions, self.text, self.quotes, self.with_clause | around, self.lex.adjunct_prepositions,
            self.lex.complementizers, rest,
        )
        if found is None:
            return
        if source is None and frame.verb is not None and (own := self._governing_subject(frame)) is not None:
            source, how = self._mention(own, set())[0], "inherited"  # «Η αντιπολίτευση, όπως είπε, θα καταψηφίσει …»
        if source is None and frame.verb is not None:  # «Όπως ανέφεραν, …»: a subjectless frame verb
            # (a frame opening a clause below it has no governing clause to inherit a subject from)
            word, how = (None, "") if opened else sources_mod.resolve(self.tree, frame.verb, self.lex, [], set(found.words), reported=self.reported)
            if word is not None:
                source, _ = self._mention(word, set(found.words))
            else:
                source = self._fallback(frame.verb)
                how = "previous" if source is not None else ""
        self._record_frame(frame, cue, found, source, how, markers)
