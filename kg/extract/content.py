"""What was said: the content span of a cue.

Three ways a cue governs content, tried in this order (after Pareti's PARC
scheme and the SFU Gender Gap Tracker's quote rules):

1. a complement clause introduced by a complementizer (ότι/πως, that) — the
   clause's subtree, without the complementizer;
2. a quotation next to the cue («…», είπε ο Χ / X said: "…") — the text inside
   the marks, which may run over several sentences;
3. a parenthetical cue (Y, ανέφερε ο Χ, Z / Y, X said.) — the sentence around
   the cue.

Content spans are single stretches of the document text, so a parenthetical
cue inside its content stays inside the span (it cannot be cut out of one).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.extract.cues import cue_verb, quoting_marker
from kg.extract.mentions import trailing_adjuncts
from kg.extract.quotes import Quote
from kg.extract.sources import detached_subject, phrase_after_quote, subject_after_quote
from kg.extract.syntax import Tree, base, finite_clause, is_finite, is_punct, is_verbal, lemma, relative_clause, trim
from kg.lexicons import Lexicon, fold
from kg.types import Word

_CLOSERS = "»”“’\""
_OPENERS = "«“„‘\""


@dataclass(frozen=True, slots=True)
class Content:
    start: int
    end: int
    quote: str  # direct | indirect | mixed
    words: frozenset[int]  # word ids of the cue's sentence inside the content
    rule: str


def _verb_words_inside(tree: Tree, start: int, end: int) -> bool:
    return any(is_verbal(w) and start <= w.start and w.end <= end for w in tree.words)


def claim_like(tree: Tree, text: str, q: Quote) -> bool:
    """Titles and scare quotes («τρομοκράτες») are not claims: a claim has a verb or several words."""
    s, e = q.inner
    if q.end > tree.sentence.end or q.start < tree.sentence.start:
        return True  # spans sentences: a real quotation
    return _verb_words_inside(tree, s, e) and len(re.findall(r"\w+", text[s:e])) >= 3


def _quote_type(text: str, start: int, end: int, quotes: list[Quote]) -> tuple[int, int, str]:
    """Classify and, for a quote that runs past the clause, extend the span to its closing mark."""
    for q in quotes:
        qs, qe = q.inner
        if q.start <= start <= qs + 1 and qe >= end - 1 and (q.opened or qe <= end + 1):
            return qs, qe, "direct"  # the whole content is quoted (possibly beyond this sentence)
    if any(q.start < end and q.end > start for q in quotes):
        return start, end, "mixed"
    return start, end, "indirect"


def _with_marks(text: str, start: int, end: int, quotes: list[Quote]) -> tuple[int, int]:
    """Put back quote marks (and a quoted "!" or "?") that trimming removed from the ends of a content."""
    for q in quotes:
        if q.opened and q.inner[0] == start and q.end <= end + q.mark_width:
            start = q.start
        tail = end
        while tail < len(text) and text[tail] in "!?…":
            tail += 1
        if q.closed and q.inner[1] == tail and q.start >= start:
            end = q.end
    return start, end


def _span(words: list[Word]) -> tuple[int, int] | None:
    words = trim(words)
    if not words:
        return None
    return words[0].start, words[-1].end


def _interrogative(tree: Tree, clause: Word, verb: Word, lex: Lexicon) -> bool:
    """A wh- or if/whether clause: its first word after the cue is an interrogative (or relative) pronoun or adverb.

    A relative pronoun before the cue is the extraction site of a relative clause
    ("the bags which officials admitted were not screened"), not a question.
    """
    words = [w for w in tree.subtree(clause) if not is_punct(w) and (w.id > verb.id or clause.id < verb.id)]
    if not words:
        return False
    first = words[0]
    if first.feat("PronType") in ("Int", "Rel", "Int,Rel"):
        return True
    return lemma(first) in lex.interrogatives or fold(first.text) in lex.interrogatives


def _closed_brackets(text: str, start: int, end: int) -> int:
    """Extend a span over the closing bracket of a parenthesis it opens: trimming drops a ")" the parser
    hung on a word outside the span («… το πρωί της Πέμπτης (22 Μαρτίου) όπως ανακοίνωσε …»)."""
    inner = text[start:end]
    if inner.count("(") > inner.count(")") and text[end : end + 1] == ")":
        return end + 1
    return end


def _content(words: list[Word], rule: str, text: str, quotes: list[Quote]) -> Content | None:
    """The span of ``words`` (punctuation trimmed, quote marks put back) classified as direct, mixed or indirect."""
    span = _span(words)
    if span is None:
        return None
    span = (span[0], _closed_brackets(text, *span))
    start, end = _with_marks(text, *span, quotes)
    start, end, kind = _quote_type(text, start, end, quotes)
    return Content(start, end, kind, frozenset(w.id for w in words), rule)


def span_content(words: list[Word], rule: str, text: str, quotes: list[Quote], tree: Tree | None = None) -> Content | None:
    """A run of words as a content (punctuation trimmed, quote marks put back): what a closing frame closes."""
    return _content(without_gloss(tree, words) if tree is not None else words, rule, text, quotes)


def without_gloss(tree: Tree, words: list[Word]) -> list[Word]:
    """The words without a closing apposition that glosses a name: «… που έχει αναλάβει ο CSTO, *ο
    συνασπισμός συλλογικής ασφαλείας (…) που αποτελείται από έξι πρώην σοβιετικά κράτη …*». The
    journalist's explanation of who someone is is narration, not part of the claim.

    Only a description (a common noun with its own article, in the name's case) that runs from its
    comma to the end of the content is cut; parsers attach it as an apposition or a second subject.
    """
    if len(words) < 4:
        return words
    ids = [w.id for w in words]
    for i in range(1, len(words) - 2):
        comma, art, prev = words[i], words[i + 1], words[i - 1]
        if comma.text != "," or not (art.upos == "DET" and art.feat("PronType") == "Art") or ids[i + 1] != ids[i] + 1:
            continue
        noun = tree.head(art)
        if noun is None or noun.upos != "NOUN" or prev.upos not in ("PROPN", "X"):
            continue
        if prev.feat("Case") and art.feat("Case") and prev.feat("Case") != art.feat("Case"):
            continue
        glossing = base(noun.deprel) == "appos" and noun.head == prev.id or (noun.head == prev.head and base(noun.deprel) == base(prev.deprel))
        rest = {w.id for w in tree.subtree(noun)}
        if glossing and all(w.id in rest or is_punct(w) for w in words[i + 1 :]):
            return words[:i]
    return words


def complementizers(tree: Tree, clause: Word, lex: Lexicon) -> list[Word]:
    """The ότι/πως/that opening a clause: a ``mark`` of its head, or the clause's first word when the
    parser hung that mark on a word inside the clause («ότι την Ελλάδα … επισκέφτηκαν …, έχοντας …»:
    ότι attached to the gerund)."""
    marks = [m for m in tree.children(clause, "mark") if m.id < clause.id and lemma(m) in lex.complementizers]
    if marks:
        return marks
    words = [w for w in tree.subtree(clause) if not is_punct(w)]
    first = words[0] if words else None
    if first is not None and first.id < clause.id and base(first.deprel) == "mark" and lemma(first) in lex.complementizers:
        return [first]
    return []


def _opening_mark(tree: Tree, w: Word) -> bool:
    """An opening quote mark; a straight " opens only after a space or at the start (else it closes a quote)."""
    if w.text[:1] not in _OPENERS:
        return False
    if w.text[:1] != '"':
        return True
    at = w.start - tree.sentence.start
    return at == 0 or tree.sentence.text[at - 1 : at].isspace()


def complement(tree: Tree, verb: Word, lex: Lexicon) -> Word | None:
    """The content clause of a cue verb: a ccomp (or mislabelled advcl) introduced by a complementizer;
    failing one, a quotation or bare finite clause (never a cue before it with a subject of its own: «"…"
    τόνισε ο Χ, λέγοντας ότι …» is parsed with τόνισε under λέγοντας, but it is a cue, not what λέγοντας
    says)."""
    children = [k for k in tree.children(verb) if not quoting_marker(tree, k, lex)]

    def opened(child: Word) -> bool:
        # a clause after the cue is opened after it: a «that» before the cue is some other clause's
        marks = complementizers(tree, child, lex)
        return bool(marks) and (child.id < verb.id or all(m.id > verb.id for m in marks))

    for child in children:
        if base(child.deprel) in ("ccomp", "advcl", "parataxis", "obj", "xcomp", "conj", "csubj") and (child.id > verb.id or base(child.deprel) == "ccomp"):
            if opened(child):
                return child
    for child in children:
        if child.id < verb.id and cue_verb(child, lex) is not None and any(not is_verbal(k) for k in tree.children(child, "nsubj")):
            continue
        rel = base(child.deprel)
        if rel not in ("ccomp", "advcl", "parataxis", "obj", "xcomp", "conj", "csubj"):
            continue
        if child.id < verb.id and rel != "ccomp":
            continue
        if quoting_marker(tree, child, lex):
            continue  # «ανέφερε ότι, παραθέτω: "…"»: the quotation next to the cue is its content
        marks = [m for m in tree.children(child, "mark") if m.id < child.id]
        if opened(child):
            return child
        if rel == "xcomp" and _small_clause(tree, verb, child):
            return child
        if any(lemma(a) in ("να", "to") for a in tree.children(child, "aux", "mark")):
            if not _finite_aux(tree, child):
                continue  # a subjunctive / infinitival complement: an order or a wish, not a claim
            marks = [m for m in marks if lemma(m) != "to"]
            if rel in ("advcl", "xcomp") and child.id > verb.id and tree.children(child, "nsubj") and not marks:
                rel = "ccomp"  # "said farmers and the ministry *are to blame*", "acknowledged *it was unlikely to work*"
        if rel != "ccomp" or marks:
            continue
        if child.feat("VerbForm") in ("Conv", "Ger"):
            continue  # «τόνισε, σημειώνοντας ότι …»: a gerund is a cue or an adjunct of its own, never the content
        first = tree.subtree(child)[0]
        prev = tree.previous(first)
        if _opening_mark(tree, first) or (prev is not None and prev.text in (":",) or first.text == ":"):
            return child  # X δήλωσε: «…»
        if _interrogative(tree, child, verb, lex):
            continue  # "let me know what you think", «ρώτησε τι …»: an indirect question asserts nothing
        subject_first = any(k.id < child.id for k in tree.children(verb, "nsubj") if not is_verbal(k))
        if lex.bare_complements and child.id > verb.id and _past_after_object(tree, verb, child, lex):
            return child
        if finite_clause(tree, child) and (lex.language != "el" or (child.id < verb.id and not subject_first)):
            # a bare finite complement: "said the plan failed"; or content before its cue: "Y, X said" (never a
            # clause between the cue's own subject and the cue: «Ο υπουργός, αφού …, αρνήθηκε»)
            return child
    return None


def _past_after_object(tree: Tree, verb: Word, clause: Word, lex: Lexicon) -> bool:
    """"said *the county planned* to hire …" with planned tagged a past participle and the county the cue's
    object: a bare participle with no auxiliary right after an object of the cue is the past tense of a
    complement clause whose subject the parser took for the object."""
    return (
        clause.feat("VerbForm") == "Part" and clause.feat("Tense") == "Past"
        and not tree.children(clause, "aux", "aux:pass", "cop", "nsubj", "nsubj:pass")
        and _stolen_clause_subject(tree, verb, clause, lex) is not None
    )


def _finite_aux(tree: Tree, clause: Word) -> bool:
    """An infinitive under a finite auxiliary is a finite clause ("the media *are to blame*")."""
    return any(lemma(a) != "να" and is_finite(a) for a in tree.children(clause, "aux", "cop"))


def _small_clause(tree: Tree, verb: Word, child: Word) -> bool:
    """"said *the campaign planned* to …": a past participle with no auxiliary after the cue's object is a
    past tense the tagger misread, and the object is its subject; the pair is the bare complement."""
    return (
        child.id > verb.id and child.feat("VerbForm") == "Part" and child.feat("Tense") == "Past"
        and not tree.children(child, "aux", "aux:pass", "cop", "mark", "nsubj")
        and any(verb.id < k.id < child.id and k.upos in ("NOUN", "PROPN", "PRON") for k in tree.children(verb, "obj"))
    )


def adjacent_complement(tree: Tree, verb: Word, lex: Lexicon) -> Word | None:
    """The clause whose complementizer comes right after the cue's own phrase, wherever the parser hung it:
    «σημειώνει ο Αλέξης Τσίπρας που *προσθέτει πως* η συνθήκη … είναι "ξέπνοη"» (the πως-clause parsed
    under an earlier verb). A ότι/πως right after a cue is that cue's."""
    phrase = cue_phrase(tree, verb)
    nxt = tree.next(phrase[-1])
    while nxt is not None and is_punct(nxt) and not _opening_mark(tree, nxt):
        nxt = tree.next(nxt)
    if nxt is None or lemma(nxt) not in lex.complementizers or base(nxt.deprel) != "mark":
        return None
    clause = tree.head(nxt)
    if clause is None or clause.id == verb.id or clause.id < nxt.id or tree.dominates(clause, verb):
        return None
    return clause


def stranded_complement(tree: Tree, verb: Word, lex: Lexicon) -> Word | None:
    """A complement clause the parser hung on a governor of the cue instead of the cue itself.

    Statistical parses often attach the ότι-clause of a cue inside a να-clause or a relative
    clause to the verb above it: «θα ήθελα να πω στον κ. Χ ότι …» (ότι-clause on ήθελα),
    «τις φήμες που αναφέρουν ότι …» (on the main verb). The clause is the cue's when it
    follows the cue and only the cue's own dependents and punctuation lie between them.
    """
    own = {w.id for w in tree.subtree(verb)}
    for anc in tree.ancestors(verb)[:3]:
        for child in tree.children(anc):
            if child.id in own or child.id <= verb.id:
                continue
            if base(child.deprel) not in ("ccomp", "advcl", "parataxis", "obj", "xcomp", "conj", "csubj", "acl"):
                continue
            marks = complementizers(tree, child, lex)
            if not marks or marks[0].id < verb.id or tree.dominates(child, verb):
                continue
            gap = [w for w in tree.words if verb.id < w.id < marks[0].id]
            if all(w.id in own or is_punct(w) for w in gap):
                return child
        if is_verbal(anc):
            break
    return None


def person(tree: Tree, w: Word) -> tuple[str | None, str | None]:
    """Person and number of a clause head, from itself or its auxiliary or copula."""
    for x in [w, *tree.children(w, "aux", "cop")]:
        if x.feat("Person"):
            return x.feat("Person"), x.feat("Number")
    return None, None


def _speaker_conjunct(tree: Tree, verb: Word, conj: Word) -> bool:
    """A first- or second-person conjunct of the cue's own person inside a third-person content is the
    speaker's next act, not part of what was said: «Πιστεύω ότι … είναι λανθασμένο και καλώ …»."""
    mine = person(tree, verb)
    return mine[0] in ("1", "2") and person(tree, conj) == mine


def _tense(tree: Tree, w: Word) -> str | None:
    """The tense of a clause: its verb's, or its auxiliary's or copula's."""
    return w.feat("Tense") or next((a.feat("Tense") for a in tree.children(w, "aux", "cop") if a.feat("Tense")), None)


def _verb_form(tree: Tree, w: Word) -> tuple[str | None, frozenset[str]]:
    """A verb's tense and auxiliaries, the marks by which a conjunct shows which verb it goes with."""
    return _tense(tree, w), frozenset(lemma(a) for a in tree.children(w, "aux"))


def _content_conjunct(tree: Tree, verb: Word, conj: Word, comp: Word, lex: Lexicon) -> bool:
    """A clause the parser coordinated with the cue, after its content, that goes on with the content:
    - one that is no cue: "said it was too early to tell …, and there was no evidence …", «δήλωσε ότι … και
      θα αποκαταστήσει …» (measured on the Greek and English development sets: news rarely coordinates the
      speaker's next act with a report, parsers often hang the content's second clause on the cue);
    - in the third person after a first- or second-person cue, a cue or not: «θεωρούμε πως … και θα …»;
    - a cue with no subject of its own in the content's tense and auxiliaries where these are not the cue's:
      "says it would depress revenue …, but *would* eventually *add* …" (never "said …, and added …")."""
    if any(lemma(m) in ("να", "to") for m in tree.children(conj, "mark", "aux")) or not (is_verbal(conj) or finite_clause(tree, conj)):
        return False
    if cue_verb(conj, lex) is None and not any(cue_verb(w, lex) is not None and tree.children(w, "nsubj") for w in tree.subtree(conj)):
        return True  # (one whose words are given a source of their own is not: «και περιμένει …, όπως επεσήμανε ο Χ»)
    mine, theirs = person(tree, verb), person(tree, conj)
    if mine[0] in ("1", "2") and theirs[0] == "3":
        return True
    if tree.children(conj, "nsubj", "expl") or not is_verbal(comp):
        return False
    form = _verb_form(tree, conj)
    return form == _verb_form(tree, comp) and form != _verb_form(tree, verb) and form != (None, frozenset())


def _continuation(tree: Tree, verb: Word, comp: Word, lex: Lexicon, ids: set[int]) -> list[Word]:
    """Dependents of the cue that continue its content clause, in order.

    - «ανακοίνωσε ότι βοήθησε στην επιχείρηση έπειτα από αίτημα …»: an adverbial right after the clause,
      with no comma between, belongs to it whatever the parser hung it on;
    - «ότι A, ότι B και ότι C»: further complement clauses parsed as siblings of the first;
    - a clause coordinated with the cue that goes on with the content (:func:`_content_conjunct`);
    - «ότι «παρά το γεγονός ότι …, η ανακοίνωση αποτελεί πρόοδο»»: the cue's dependents that lie
      between the complementizer and the clause it opens.
    Each is taken only when nothing but punctuation and conjunctions separates it from the content.
    """
    out: list[Word] = []
    marks = complementizers(tree, comp, lex)
    if marks and marks[0].id > verb.id:
        lo = marks[0].id
        for k in tree.children(verb):
            sub = tree.subtree(k)
            if k.id not in ids and lo < sub[0].id and sub[-1].id < min(ids):
                out.extend(sub)
    elif not marks:
        # "said when she is looking to fill a position, she ensures …": a subordinate clause that opens a bare
        # complement is the complement's, whatever the parser hung it on
        for k in tree.children(verb, "advcl"):
            sub = tree.subtree(k)
            if k.id not in ids and verb.id < sub[0].id and sub[-1].id < min(ids) and tree.children(k, "mark"):
                out.extend(sub)
    end = max(ids)
    for k in sorted(tree.children(verb), key=lambda k: k.id):
        if k.id <= end or k.id in ids or base(k.deprel) not in ("ccomp", "conj", "parataxis", "obl", "advmod", "advcl", "xcomp"):
            continue
        adjunct = base(k.deprel) != "conj" and cue_verb(k, lex) is None and _continues(tree, k, lex, comp)
        # "said he plans to use the $18 million *he says he raised*": a second bare clause right after the first,
        # with nothing between, is a relative clause without its pronoun inside it, cue or not
        contact = base(k.deprel) == "ccomp" and tree.subtree(k)[0].id == end + 1 and not is_punct(tree.subtree(k)[0]) and bool(tree.children(k, "nsubj"))
        if not complementizers(tree, k, lex) and not (base(k.deprel) == "conj" and _content_conjunct(tree, verb, k, comp, lex)) and not adjunct and not contact:
            break
        sub = tree.subtree(k)
        if sub[0].id <= end:
            break
        gap = [w for w in tree.words if end < w.id < sub[0].id]
        if base(k.deprel) == "ccomp" and any(not (is_punct(w) or base(w.deprel) == "cc") for w in gap):
            sub = _interleaved_complements(tree, verb, k, end, lex) or sub
            gap = [w for w in tree.words if end < w.id < sub[0].id]
        if any(not (is_punct(w) or base(w.deprel) == "cc") for w in gap):
            break
        out.extend(sub)
        end = sub[-1].id
    return out


def _interleaved_complements(tree: Tree, verb: Word, k: Word, end: int, lex: Lexicon) -> list[Word]:
    """One clause the parser broke into several complements of the cue whose words interleave ("said that
    Clinton's *experience* … *was her* “criminal” *attempt* to …", each noun a ccomp of its own): the
    later bare complement clauses of the cue together, when they fill the words after the content without
    a gap."""
    parts = [c for c in tree.children(verb, "ccomp") if c.id >= k.id and not complementizers(tree, c, lex) and cue_verb(c, lex) is None]
    words = sorted({w.id: w for c in parts for w in tree.subtree(c)}.values(), key=lambda w: w.id)
    if len(parts) < 2 or not words:
        return []
    lead = [w for w in tree.words if end < w.id < words[0].id]
    if any(not is_punct(w) for w in lead) or [w.id for w in words] != list(range(words[0].id, words[-1].id + 1)):
        return []
    return words


def _continues(tree: Tree, k: Word, lex: Lexicon, comp: Word) -> bool:
    """Whether a dependent of the cue after its content clause goes on with the claim: with no comma
    before it, or after a comma as a relative clause or a prepositional phrase ("…, which could have
    allowed him to …", «…, με στόχο …»); a new clause after a comma is the writer's."""
    sub = tree.subtree(k)
    if not is_punct(sub[0]) or sub[0].text in _OPENERS:
        return True  # an opening quotation mark separates nothing ("says it means Trump “may not have paid …”")
    core = trim(sub)
    lead = core[0] if core else k
    if base(k.deprel) == "ccomp" and lead.upos == "CCONJ" and _tense(tree, k) == _tense(tree, comp) is not None:
        # "said that it was too early …, *and there was no evidence* …": a second complement clause in the first's
        # tense (not «ότι οι τιμές θα αποκατασταθούν …, όμως η ανακοίνωση δεν έπεισε …», the writer's)
        return True
    return lead.feat("PronType") == "Rel" or lemma(lead) in lex.relative_pronouns or lead.upos == "ADP"


def _quote_end(tree: Tree, start: int, end: int, quotes: list[Quote]) -> int:
    """A quotation opened inside the content and closed later in the sentence is all content."""
    for q in quotes:
        if start < q.start < end < q.end <= tree.sentence.end + 1 and q.closed:
            return q.end
    return end


def _quote_after(tree: Tree, word: Word, quotes: list[Quote], *, to_end: bool) -> Quote | None:
    """The quotation that goes on with a content ending at ``word``, wherever the parser hung it: the object
    of a preposition left without one ("to blame for relying on “a plan nobody has read”"; the preposition is
    ``word`` or right after it), closed in the sentence; or, with ``to_end``, a quotation right after it that
    runs to the end of the sentence ("noted that the campaign faced a crossroads in May “when …”")."""
    nxt = tree.next(word)
    preposition = word.upos == "ADP"
    while nxt is not None and nxt.upos == "ADP":
        preposition = True
        nxt = tree.next(nxt)
    if nxt is None or not (preposition or to_end):
        return None
    for q in quotes:
        if q.start != nxt.start:
            continue
        if preposition and q.end <= tree.sentence.end + 1:
            return q
        if to_end and q.closed and all(is_punct(w) for w in tree.words if w.start >= q.end):
            return q
    return None


def _stolen_clause_subject(tree: Tree, verb: Word, comp: Word, lex: Lexicon) -> Word | None:
    """"Clinton says *Trump's flurry of tweets* was unhinged": with no complementizer, a parser may take the
    bare complement's subject for the cue's object. A complement with no subject of its own gets back the
    object that stands between the cue and it (never the addressee of tell/ενημερώνω)."""
    if complementizers(tree, comp, lex) or lemma(verb) in lex.addressee_verbs:
        return None
    # "said Democrats *and the media* are to blame": a subject that opens with a conjunction is the rest of it
    if tree.children(comp, "expl") or (tree.children(comp, "nsubj") and tree.subtree(comp)[0].upos != "CCONJ"):
        return None
    first = tree.subtree(comp)[0]
    for k in tree.children(verb, "obj"):
        sub = tree.subtree(k)
        if verb.id < k.id and sub[-1].id < first.id and all(is_punct(w) or w.id in {x.id for x in sub} for w in tree.words if verb.id < w.id < first.id):
            return k
    return None


def clause_content(tree: Tree, verb: Word, lex: Lexicon, text: str, quotes: list[Quote], nested: set[int], comp: Word | None = None) -> Content | None:
    comp = comp or complement(tree, verb, lex)
    if comp is None:
        return None
    skip = {m.id for m in complementizers(tree, comp, lex)}
    # a cue in a relative clause inside the content is part of what is said ("plans to use the $18 million
    # *he says he raised*"); any other cue the parser hung inside it reports a content of its own
    skip |= {n for n in nested if n != comp.id and base(tree.word(n).deprel) != "acl"}
    if comp.id < verb.id and (subject := subject_after_quote(tree, verb)) is not None:
        skip.add(subject.id)  # «"…," Rep. X (D-Calif.) said» with X hung inside the quoted clause: the source, not content
    skip |= {k.id for k in tree.children(comp, "conj") if _speaker_conjunct(tree, verb, k) and person(tree, comp)[0] != person(tree, verb)[0]}
    words = tree.subtree(comp, exclude=skip)
    words = [w for w in words if w.id > verb.id or comp.id < verb.id]
    if not words:
        return None
    ids = {w.id for w in words}
    if comp.id > verb.id:
        words = sorted(words + [w for w in _continuation(tree, verb, comp, lex, ids) if w.id not in skip], key=lambda w: w.id)
        if (subj := _stolen_clause_subject(tree, verb, comp, lex)) is not None:
            words = sorted(words + tree.subtree(subj), key=lambda w: w.id)
    elif (subj := detached_subject(tree, verb)) is not None:
        # «Η συμφωνία … δεν έχει σκοπό …, δήλωσε ο Πρόεδρος»: the content's subject, hung on the cue
        sub = tree.subtree(subj)
        if sub[-1].id < words[0].id and all(is_punct(w) for w in tree.words if sub[-1].id < w.id < words[0].id):
            words = sub + words
    # a cue inside a quotation says only what is inside it («"Τελικά, πιστεύω, ότι … " καταλήγει ο Χ»)
    around = [q for q in quotes if q.start < verb.start < q.end]
    if around:
        words = [w for w in words if w.start >= around[-1].start and w.end <= around[-1].end]
    while words and (is_punct(words[0]) or (base(words[0].deprel) == "mark" and lemma(words[0]) in lex.complementizers)):
        words = words[1:]
    found = _content(words, "clause", text, quotes)
    if found is not None and (q := _quote_after(tree, words[-1], quotes, to_end=comp.id > verb.id)) is not None:
        found = Content(found.start, q.end, "mixed", found.words, found.rule)
    if found is not None and found.quote == "mixed" and (end := _quote_end(tree, found.start, found.end, quotes)) != found.end:
        found = Content(found.start, end, "mixed", found.words, found.rule)
    return found


def _adjacent(tree: Tree, verb: Word, q: Quote, owned: set[int]) -> bool:
    """Only the cue's own phrase (its subject, an adverb) and punctuation lie between the quote and the cue."""
    if q.end <= verb.start:
        gap = [w for w in tree.words if q.end <= w.start and w.end <= verb.start]
    elif q.start >= verb.end:
        gap = [w for w in tree.words if verb.end <= w.start and w.end <= q.start]
    else:
        return False
    return all(is_punct(w) or w.id in owned for w in gap) and len([w for w in gap if not is_punct(w)]) <= 12


def quote_content(
    tree: Tree, verb: Word, text: str, quotes: list[Quote], used: set[int], lex: Lexicon,
    own_cue: Callable[[Quote], bool] = lambda q: False,
) -> Content | None:
    """A quotation immediately before or after the cue; a quote split by the cue («A», είπε ο Χ, «B») is one content.

    Between them may stand only the cue's own phrase, a complementizer and a quoting marker («θεώρησε
    ότι, και εδώ παραθέτω κατά λέξη, "…"»): a clause of its own between them is content, not cue.
    """
    if not quotes:
        return None  # (most sentences: nothing to look for)
    sent = tree.sentence
    owned = {w.id for w in cue_phrase(tree, verb)}
    for phrase in phrase_after_quote(tree, verb):
        owned.update(w.id for w in tree.subtree(phrase))  # «"…," Sen. X (D-Mo.) said», X hung inside the quotation
    for k in tree.children(verb):
        if quoting_marker(tree, k, lex) or _narrating_participle(tree, verb, k, lex):
            owned.update(w.id for w in tree.subtree(k))
        owned.update(m.id for m in complementizers(tree, k, lex))
    # «He said:¶"We have a situation …"»: a sentence that ends on a colon announces the quotation opening the next one
    announced = tree.words[-1].text == ":"
    # «"…?" ¶ Clinton said.»: a sentence that is only the cue's phrase takes the quotation closing the sentence
    # before it (a tokenizer ends a sentence at "?”", and at ",”" too when the cue after it is short)
    said = set() if lemma(verb) in lex.addressee_verbs else {x.id for k in tree.children(verb, "obj") for x in tree.subtree(k)}
    bare = all(is_punct(w) or (w.id in owned and w.id not in said) or w.id == verb.id for w in tree.words)
    near = [
        q for q in quotes
        if q.inner[0] not in used and (q.end > sent.start or (bare and not text[q.end : sent.start].strip()))
        and claim_like(tree, text, q) and _adjacent(tree, verb, q, owned)
        and (q.start <= sent.end or (announced and q.opened and not text[sent.end : q.start].strip()))
    ]
    if not near:
        return None
    before = [q for q in near if q.end <= verb.start]
    after = [q for q in near if q.start >= verb.end]
    if after and any(lemma(w) in lex.complementizers for w in tree.words if verb.end <= w.start and w.end <= after[0].start):
        before = []  # «τονίζοντας πως «…»»: a complementizer points at the quotation after the cue
    first = before[-1] if before else after[0]
    last = after[0] if before and after else first
    if before and not after and (more := continued_quote(tree, verb, text, quotes, used, lex, own_cue)) is not None:
        last = more  # «"A," she said. "B."»: the quotation goes on in the next sentence
    s, e = first.inner[0], last.inner[1]
    # the quoted words only: the cue and its source between two parts of a quotation are not what was said
    quoted = [q for q in quotes if s <= q.inner[0] and q.inner[1] <= e]
    words = frozenset(w.id for w in tree.words if any(q.start <= w.start and w.end <= q.end for q in quoted))
    if first is last and (lead := _fragment_lead(tree, verb, first, text, lex)):
        return Content(lead[0].start, last.end, "mixed", words | {w.id for w in lead}, "quote")
    return Content(s, e, "direct", words, "quote")


def _fragment_lead(tree: Tree, verb: Word, q: Quote, text: str, lex: Lexicon) -> list[Word]:
    """The writer's words that a quotation opening with a verb in lower case completes: "said *the tax breaks
    used by Trump* “do nothing to boost the economy”", "*Not paying taxes* ''makes me smart,'' Trump said". The
    stretch between the cue's own phrase (its subject, addressee, adverbials) and the quotation, or from the
    sentence's start to a quotation before the cue; none when the quotation opens a sentence of its own."""
    opening = next((w for w in tree.words if q.inner[0] <= w.start and not is_punct(w)), None)
    if opening is None or not opening.text[:1].islower() or opening.upos not in ("VERB", "AUX"):
        return []  # the quotation opens with its own subject: a clause of its own
    if q.start >= verb.end:
        own = {
            x.id for k in tree.children(verb)
            if base(k.deprel) in ("nsubj", "obl", "advmod", "iobj", "expl") or (base(k.deprel) == "obj" and lemma(verb) in lex.addressee_verbs)
            for x in tree.subtree(k)
        }
        gap = [w for w in tree.words if verb.end <= w.start and w.end <= q.start]
        while gap and (is_punct(gap[0]) or gap[0].id in own or lemma(gap[0]) in lex.complementizers):
            gap = gap[1:]
    else:
        gap = [w for w in tree.words if w.end <= q.start]
        while gap and is_punct(gap[0]):
            gap = gap[1:]
    if any(w.text in _SEPARATORS for w in gap[-1:]):
        return []  # "…, “…”": a quotation set off by a separator stands on its own
    return gap


def _narrating_participle(tree: Tree, verb: Word, k: Word, lex: Lexicon) -> bool:
    """A participle after the cue that narrates, not reports («"A," Tester said, *referring to the excuse*,
    "B"»): it stands inside the cue's phrase. A reporting one («adding "B"») is a cue of its own."""
    return (
        k.id > verb.id and k.feat("VerbForm") in ("Ger", "Conv", "Part") and cue_verb(k, lex) is None
        and base(k.deprel) in ("advcl", "xcomp", "conj", "parataxis") and not tree.children(k, "nsubj")
    )


def continued_quote(
    tree: Tree, verb: Word, text: str, quotes: list[Quote], used: set[int], lex: Lexicon,
    own_cue: Callable[[Quote], bool] = lambda q: False,
) -> Quote | None:
    """The quotation that opens the next sentence, right after a cue that closes its own («"A," X said.
    "B …"», «"A," she said, clapping. "B"»): the speaker's words go on (newswire splits one quotation
    around its cue). After the cue may stand its subject and phrases, never a clause or a cue of its own;
    a quotation with a cue of its own (``own_cue``: «"B," said Y») is another speaker's."""
    owned = {w.id for w in cue_phrase(tree, verb)}
    sent = tree.sentence
    trailing = [w for w in tree.words if w.start >= verb.end and w.id not in owned and not is_punct(w)]
    # a relative clause after the cue describes its source or a phrase of it, with all it holds ("said X, *who
    # helmed the DNC … and has backed …*", "said of the election, *in which she was sure Trump would win*")
    relatives = [w for w in tree.words if w.id > verb.id and (base(w.deprel) == "acl" or relative_clause(tree, w))]
    described = {x.id for w in relatives if w.id in {t.id for t in trailing} for x in tree.subtree(w)}
    # "said X, an economist who served as … *and is now president of* …": a subjectless conjunct right after a
    # relative clause goes on with it, wherever the parser hung it
    if relatives:
        after = max(x.id for w in relatives for x in tree.subtree(w)) + 1
        for k in tree.children(verb, "conj"):
            if tree.subtree(k)[0].id == after and not tree.children(k, "nsubj"):
                described |= {x.id for x in tree.subtree(k)}
    if any(w.id not in described and (cue_verb(w, lex) is not None or is_finite(w)) for w in trailing):
        return None  # a clause or a cue of its own after the cue («…, she said, adding that …»)
    for q in quotes:
        if q.start >= sent.end and not text[sent.end : q.start].strip() and q.opened and q.inner[0] not in used:
            return None if own_cue(q) else q
    return None


def trailing_content(tree: Tree, verb: Word, lex: Lexicon, text: str, quotes: list[Quote]) -> Content | None:
    """"A spokeswoman says *neither the nominee nor her campaign helped …*": the rest of the sentence after a
    cue with its subject before it, where the parser found no complement clause in it (a small model breaks
    such clauses into obliques and conjuncts), in a language whose content clauses may go without a
    complementizer (the lexicon's ``bare_complements``). Only the cue's own phrase and a complementizer may stand
    between; the rest must be a stretch of words with no cue of its own, up to the sentence's end."""
    if not lex.bare_complements or lemma(verb) in lex.object_cues or lemma(verb) in lex.addressee_verbs or not is_finite(verb):
        return None
    if base(verb.deprel) not in ("root", "parataxis", "conj") or tree.children(verb, "mark", "aux:pass", "nsubj:pass"):
        return None
    if not any(k.id < verb.id and base(k.deprel) == "nsubj" for k in tree.children(verb)):
        return None
    owned = {w.id for w in cue_phrase(tree, verb) if w.id < verb.id or base(w.deprel) in ("advmod", "obl") or w.id == verb.id}
    rest = [w for w in tree.words if w.id > verb.id]
    while rest and (rest[0].id in owned or lemma(rest[0]) in lex.complementizers or (is_punct(rest[0]) and rest[0].text not in _SEPARATORS)):
        rest = rest[1:]
    while rest and is_punct(rest[-1]) and not any(q.end == rest[-1].end for q in quotes):
        rest = rest[:-1]
    if not rest or is_punct(rest[0]) or len([w for w in rest if not is_punct(w)]) < 4:
        return None  # "…, she says: …", "says, …": a separator after the cue sets off what follows
    objects = [k for k in tree.children(verb, "obj", "iobj") if rest[0].id in {x.id for x in tree.subtree(k)}]
    if objects:
        # an object first: a broken clause only with a predicate after it ("says *Trump's flurry of tweets* was
        # unhinged"), not "declared *its first emergency* and braced …" or "writes *his book on chess*"
        owned_by_object = {x.id for k in objects for x in tree.subtree(k)}
        predicates = [
            w for w in rest if w.id not in owned_by_object and (is_verbal(w) or tree.children(w, "cop"))
            and not (w.head == verb.id and base(w.deprel) == "conj") and base(w.deprel) != "acl" and not relative_clause(tree, w)
        ]
        if not predicates and not _verb_after_subject(tree, [w for w in rest if w.id in owned_by_object]):
            return None
    if any(cue_verb(w, lex) is not None for w in rest):
        return None
    return _content(rest, "clause", text, quotes)


def _verb_after_subject(tree: Tree, words: list[Word]) -> bool:
    """"says *the two raised $350 million* through …": a small tagger's object that holds a past or finite verb
    right after a noun phrase's head is a clause (its subject, then its verb), not a noun phrase."""
    for before, w in zip(words, words[1:]):
        past = w.feat("VerbForm") == "Part" and w.feat("Tense") == "Past"
        if w.upos == "VERB" and (past or w.feat("VerbForm") == "Fin") and before.upos in ("NOUN", "PROPN", "NUM", "PRON") and not tree.children(w, "aux", "aux:pass", "cop"):
            return True
    return False


_OBJECT_RELS = frozenset({"obj", "iobj", "xcomp", "ccomp", "obl", "advcl"})


def object_content(tree: Tree, verb: Word, lex: Lexicon, text: str, quotes: list[Quote]) -> Content | None:
    """What a characterising cue says of its object: "called *the charges unsubstantiated*", "called *for
    steep new tariffs*", "called *on Trump to stop attacking Machado*", "asked *whether …*". The verb's
    complements after it, as one stretch up to a comma."""
    if lemma(verb) not in lex.object_cues or verb.feat("Voice") == "Pass" or tree.children(verb, "aux:pass", "nsubj:pass"):
        return None  # "was accused of …", "are called failing": what others said of the subject, not what it said
    # its complements after it; an adverbial clause only as an infinitive ("called on Trump *to stop* …") or as a
    # gerund after a preposition, the charge or the grounds ("blasted him *for not paying* income tax")
    parts = [
        k for k in tree.children(verb)
        if k.id > verb.id and base(k.deprel) in _OBJECT_RELS and not k.deprel.endswith("tmod")
        and (base(k.deprel) != "advcl" or any(lemma(m) == "to" for m in tree.children(k, "mark")) or _charge(tree, k))
    ]
    if not parts or not any(base(k.deprel) in ("obj", "xcomp", "ccomp") or tree.children(k, "case") for k in parts):
        return None
    words: list[Word] = []
    taken: list[Word] = []
    for k in sorted(parts, key=lambda k: k.id):
        sub = tree.subtree(k)
        if words and any(w.text in _SEPARATORS for w in tree.words if words[-1].id < w.id < sub[0].id):
            break
        words.extend(sub)
        taken.append(k)
    if len(taken) == 1 and base(taken[0].deprel) == "obj" and _bare_target(words, taken[0], quotes):
        return None  # "blasted *the American media*", "accused *Rafael Cruz*": whom it is about, with nothing said of it
    while words and words[0].upos == "ADP" and base(words[0].deprel) == "case":
        words = words[1:]  # "called *for* …", "called *on* …": the preposition belongs to the verb
    return _content(words, "object", text, quotes)


def _charge(tree: Tree, clause: Word) -> bool:
    """A gerund clause opened by a preposition ("for not paying …", "of stoking …"): what a characterising cue
    blames or praises its object for."""
    first = tree.subtree(clause)[0]
    gerund = clause.feat("VerbForm") == "Ger" or clause.xpos == "VBG"
    return gerund and first.upos in ("ADP", "SCONJ") and base(first.deprel) in ("mark", "case")


def _bare_target(words: list[Word], head: Word, quotes: list[Quote]) -> bool:
    """A short object that only names someone or something: a name or pronoun, or a noun phrase that opens with
    its determiner and ends with its head ("the American media"); never "their demands reasonable", where a small
    model folds the predicate of a small clause into the object."""
    words = [w for w in words if not is_punct(w)]
    if not words or len(words) > 3 or any(q.start < w.start < q.end for q in quotes for w in words):
        return False
    if all(w.upos in ("PROPN", "PRON") for w in words):
        return True
    return base(words[0].deprel) == "det" and words[-1].id == head.id and head.upos == "NOUN"


def raising_content(tree: Tree, verb: Word, lex: Lexicon, text: str, quotes: list[Quote], passive: bool) -> Content | None:
    """X is said (by Y) to Z / ο Χ φέρεται να Z: the raised subject plus the infinitival clause.

    Only for a passive cue: an active one with να/to is a wish or an act
    («αρνήθηκε να προσφέρει», refused to offer), not a report.
    """
    xcomp = [k for k in tree.children(verb, "xcomp") if any(lemma(m) in ("to", "να") for m in tree.children(k, "mark", "aux"))]
    if not xcomp:
        return None
    subj = [k for k in tree.children(verb) if base(k.deprel) == "nsubj"]
    if not passive or (not subj and lex.language != "el"):
        return None
    words = sorted(tree.subtree(xcomp[0]) + [w for s in subj for w in tree.subtree(s)], key=lambda w: w.id)
    return _content(words, "raising", text, quotes)


_SEPARATORS = frozenset({",", "—", "–", "-", ":", ";", "(", ")"})
_PHRASE_RELS = frozenset({"nsubj", "obj", "iobj", "obl", "advmod", "aux", "expl", "discourse", "compound"})


def cue_phrase(tree: Tree, verb: Word) -> list[Word]:
    """The cue's own phrase: the verb with the non-clausal dependents that no separator cuts off from it
    (its subject on either side, an addressee, adverbs: «…, ανέφεραν *στο Reuters πηγές με γνώση του
    θέματος*», "…, *the minister said on Monday*, …"), whatever else the parser hung on it.

    Parsers often make a parenthetical cue the root of the sentence and its content its dependents; the
    content lies beyond a comma, so it is never part of the phrase.
    """
    ids = {verb.id}
    for k in tree.children(verb):
        if base(k.deprel) not in _PHRASE_RELS or is_verbal(k) or tree.children(k, "cop"):
            continue
        sub = trim(tree.subtree(k))
        if not sub:
            continue
        lo, hi = (sub[-1].id, verb.id) if sub[-1].id < verb.id else (verb.id, sub[0].id)
        if sub[0].id < verb.id < sub[-1].id:
            continue  # wraps around the verb: not a phrase of its own
        if any(w.text in _SEPARATORS or w.text in _OPENERS or w.text in _CLOSERS for w in tree.words if lo < w.id < hi):
            continue  # a comma or quote mark between the verb and the dependent: it belongs to the content
        ids.update(w.id for w in sub)
    ordered = sorted(ids)
    lo = hi = ordered.index(verb.id)
    while lo > 0 and ordered[lo - 1] == ordered[lo] - 1:
        lo -= 1
    while hi + 1 < len(ordered) and ordered[hi + 1] == ordered[hi] + 1:
        hi += 1
    return [w for w in tree.words if ordered[lo] <= w.id <= ordered[hi]]


def parenthetical_content(tree: Tree, verb: Word, phrase: list[Word], lex: Lexicon, text: str, quotes: list[Quote]) -> Content | None:
    """Y, ανέφερε ο Χ, Z / Y, X said. — the cue phrase sits between separators inside or after its content.

    A medial cue is inside its content: the content is the whole sentence (it must be one stretch of
    text); a final cue («…, δήλωσε ο Χ.») closes it. The rest of the sentence must hold a finite verb.
    """
    lo, hi = phrase[0], phrase[-1]
    before, after = tree.previous(lo), tree.next(hi)
    if before is None or before.text not in (",", "—", "–", "-"):
        return None
    final = all(is_punct(w) for w in tree.words if w.id > hi.id)
    if not final and (after is None or after.text not in (",", "—", "–", "-", ":")):
        return None
    inside = {w.id for w in phrase}
    left = [w for w in tree.words if w.id < before.id]
    outside = [w for w in tree.words if w.id not in inside]
    if not left or not any(is_finite(w) and w.upos == "VERB" or w.upos == "AUX" for w in outside):
        return None
    if final:
        words = left
    else:
        words = [w for w in tree.words if not (w.id > hi.id and is_punct(w) and tree.next(w) is None)]
    return _content(words, "parenthetical", text, quotes)


def frame_content(
    tree: Tree, clause: Word, regions: list[tuple[int, int]], text: str, quotes: list[Quote], nested: set[int],
    adjuncts: frozenset[str] = frozenset(), complementizers: frozenset[str] = frozenset(), rest: list[Word] | None = None,
) -> Content | None:
    """The clause a frame modifies, without the frames on it (a verbless headline clause counts); ``rest`` is
    the part of the clause after a frame that interrupts it (the span then runs over the frame)."""
    inside = {w.id for lo, hi in regions for w in tree.words if lo <= w.id <= hi} - {clause.id}
    words = tree.subtree(clause, exclude=inside | nested - {clause.id})
    # an adverbial the parser hung on a source noun but left outside its frame is the clause's
    # («σύμφωνα με πηγές | στην ίδια θέση υπήρχε …»); what hangs on an as-frame's verb is the frame's
    kept = {w.id for w in words}
    for w in tree.subtree(clause, exclude=nested - {clause.id}):
        up = tree.head(w)
        if w.id not in inside and w.id not in kept and up is not None and up.id in inside and w.id in trailing_adjuncts(tree, up, adjuncts):
            extra = [x for x in tree.subtree(w, exclude=nested) if x.id not in inside]
            if extra and any(k > extra[-1].id for k in kept):  # only when the clause goes on after it
                words += extra
    words = sorted({w.id: w for w in [*words, *(rest or [])]}.values(), key=lambda w: w.id)
    # «Μάλιστα, σύμφωνα με έρευνες, το …», «…, ενώ σύμφωνα με πηγές …»: connectives and subordinators
    # before a frame at the clause's edge stay out of the content
    first_region = min((lo for lo, hi in regions if lo > 0), default=0)
    lead = [w for w in words if w.id < first_region]
    if lead and len(lead) < len(words) and all(base(w.deprel) in ("advmod", "cc", "punct", "discourse", "mark") or is_punct(w) for w in lead):
        words = [w for w in words if w.id > first_region]
    # «…, και περιμένει …, όπως επεσήμανε ο Χ»: the conjunction opening a conjunct clause joins it to the previous one
    # (and «ότι» opening a complement clause the frame reports, «ελπίζοντας ότι …, όπως είχε πει ο Χ»)
    while len(words) > 1 and (
        is_punct(words[0]) or (words[0].head == clause.id and (base(words[0].deprel) == "cc" or lemma(words[0]) in complementizers))
    ):
        words = words[1:]
    # «… που στεγάζει σύμφωνα με εκτιμήσεις …»: a relative pronoun opening the content points outside it
    while words and (words[0].feat("PronType") == "Rel" or is_punct(words[0])) and len(words) > 1:
        words = words[1:]
    if not any(is_verbal(w) for w in words) and not (clause.head == 0 and len(words) >= 3):
        return None
    return _content(without_gloss(tree, words), "according", text, quotes)
