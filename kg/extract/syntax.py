"""Tree helpers over a UD sentence: children, subtrees, spans.

Parses from a statistical parser can be wrong in any way, including cycles
and heads out of range; every walk here is bounded and cycle-safe so that a
bad parse yields a worse answer, never a crash.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.extract.quotes import CLOSERS, PAIRS
from kg.lexicons import fold
from kg.types import Sentence, Word

NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X", "ADJ"})
PUNCT_CHARS = set(".,;:!?·;…-–—()[]«»\"“”„‘’'")


def base(deprel: str) -> str:
    """The universal part of a relation: ``acl:relcl`` → ``acl``."""
    return deprel.split(":", 1)[0]


class Tree:
    """Index over one sentence's words for dependency walks."""

    def __init__(self, sentence: Sentence) -> None:
        self.sentence = sentence
        self.words = sentence.words
        self._by_id = {w.id: w for w in sentence.words}
        self._kids: dict[int, list[Word]] = {}
        for w in sentence.words:
            if w.head != w.id:
                self._kids.setdefault(w.head, []).append(w)

    def __iter__(self):
        return iter(self.words)

    def word(self, ident: int) -> Word | None:
        return self._by_id.get(ident)

    def head(self, w: Word) -> Word | None:
        return self._by_id.get(w.head)

    def children(self, w: Word, *rels: str) -> list[Word]:
        """Dependents of ``w``; with ``rels``, only those whose relation (full or universal part) is listed."""
        kids = self._kids.get(w.id, [])
        if not rels:
            return list(kids)
        return [k for k in kids if k.deprel in rels or base(k.deprel) in rels]

    def ancestors(self, w: Word) -> list[Word]:
        """Heads of ``w`` up to the root, nearest first (cycle-safe)."""
        out: list[Word] = []
        seen = {w.id}
        cur = self.head(w)
        while cur is not None and cur.id not in seen:
            out.append(cur)
            seen.add(cur.id)
            cur = self.head(cur)
        return out

    def dominates(self, top: Word, w: Word) -> bool:
        return w.id == top.id or any(a.id == top.id for a in self.ancestors(w))

    def subtree(self, w: Word, exclude: Iterable[int] = ()) -> list[Word]:
        """``w`` and everything below it, minus excluded nodes and their subtrees, in word order."""
        skip = set(exclude)
        out: list[Word] = []
        stack = [w]
        seen: set[int] = set()
        while stack:
            cur = stack.pop()
            if cur.id in seen or cur.id in skip:
                continue
            seen.add(cur.id)
            out.append(cur)
            stack.extend(self._kids.get(cur.id, []))
        return sorted(out, key=lambda x: x.id)

    def between(self, a: Word, b: Word) -> list[Word]:
        """Words strictly between two words, in order."""
        lo, hi = sorted((a.id, b.id))
        return [w for w in self.words if lo < w.id < hi]

    def previous(self, w: Word) -> Word | None:
        return self._by_id.get(w.id - 1)

    def next(self, w: Word) -> Word | None:
        return self._by_id.get(w.id + 1)


def is_punct(w: Word) -> bool:
    return w.upos == "PUNCT" or (bool(w.text) and all(c in PUNCT_CHARS for c in w.text))


def is_verbal(w: Word) -> bool:
    return w.upos in ("VERB", "AUX")


def is_finite(w: Word) -> bool:
    form = w.feat("VerbForm")
    return is_verbal(w) and (form in (None, "Fin"))


def finite_clause(tree: "Tree", w: Word) -> bool:
    """A clause with a finite verb: the head itself, or its auxiliary or copula ("are occurring", "is an invasion")."""
    return is_finite(w) or any(is_finite(a) for a in tree.children(w, "aux", "cop"))


def bare_participle(tree: "Tree", w: Word) -> bool:
    """An active past participle heading a main clause with no auxiliary ("…," *said* Kenneth Baer): a
    small tagger's mistake for the past tense it is, since no main clause stands on a participle alone."""
    if not (is_verbal(w) and w.feat("VerbForm") == "Part" and w.feat("Tense") == "Past"):
        return False
    if tree.children(w, "aux", "cop", "aux:pass", "mark"):
        return False
    if any(k.id < w.id for k in tree.children(w, "nsubj", "nsubj:pass")):
        return True  # «"…," the president added» with added a passive participle: a participle with a subject heads a clause
    before, after = tree.previous(w), tree.next(w)
    # «"…," said X» parsed with said as a participle modifying the quotation's last noun or the name after it, or
    # as a complement of the quotation's verb: it follows a closing quote (whatever voice the tagger guessed)
    quoted = before is not None and before.text in CLOSERS
    # "the mother of three replied, "…"": a participle hung on the noun before it that opens a quotation
    opens = after is not None and after.text == "," and (nxt := tree.next(after)) is not None and any(nxt.text.startswith(p[0]) for p in PAIRS)
    if base(w.deprel) in ("acl", "amod", "ccomp", "advcl") and quoted:
        return True
    if base(w.deprel) == "acl" and opens and before is not None and before.upos in ("NOUN", "PROPN", "NUM") and before.id < w.id:
        return True
    if w.feat("Voice") == "Pass":
        return False
    return base(w.deprel) in ("root", "conj", "parataxis")


_DASHES = frozenset({"—", "--", "-", "―", "–"})


def dateline(tree: "Tree", w: Word) -> bool:
    """Whether ``w`` is part of a dateline opening its sentence ("WASHINGTON (AP) — …", "ΑΘΗΝΑ —"): a place
    in capitals, maybe an agency in brackets, then a dash. It is the article's metadata, never a source."""
    head = tree.words[: 8]
    dash = next((i for i, x in enumerate(head) if x.text in _DASHES), None)
    if dash is None or dash == 0 or head[dash].start == head[dash - 1].end or not any(x.id == w.id for x in head[:dash]):
        return False  # (a dash with no space before it joins a name: «ΣΥΡΙΖΑ-ΠΣ»)
    letters = [x for x in head[:dash] if any(c.isalpha() for c in x.text)]
    return bool(letters) and letters[0].text.isupper() and len(letters[0].text) > 1 and all(
        x.text.isupper() or x.text[:1].isupper() for x in letters
    )


def relative_clause(tree: "Tree", w: Word) -> bool:
    """Whether ``w`` (or, for an auxiliary, the verb it serves) heads a clause with a relative pronoun of
    its own ("…, *who has been challenging* …"), wherever the parser attached it."""
    head = tree.head(w) if base(w.deprel) in ("aux", "cop") else w
    return head is not None and any(k.feat("PronType") == "Rel" for k in tree.children(head))


def lemma(w: Word) -> str:
    return fold(w.lemma or w.text)


def deponent(w: Word) -> bool:
    """A Greek deponent (υπόσχομαι, αρνούμαι, αποφαίνομαι): passive in form, active in meaning.

    GDT gives their subjects ``nsubj:pass``; they are the speaker all the same.
    """
    return lemma(w).endswith("μαι")


def could_be_subject(tree: "Tree", w: Word) -> bool:
    """Whether a noun phrase the parser labelled obj may be an inverted subject («…», είπε ο Χ).

    It needs a case mark on itself or its article (languages without case on
    nouns, such as English, never invert a subject into the object slot), and
    no accusative on a masculine or feminine form: neuter nominative and
    accusative look alike, and a statistical tagger guesses case from position.
    """
    marked = [x for x in [w, *tree.children(w, "det")] if x.feat("Case")]
    if not marked:
        return False
    for x in marked:
        if x.feat("Case") == "Dat" or (x.feat("Case") == "Acc" and x.feat("Gender") != "Neut" and w.upos != "PROPN"):
            return False
    return True


def capitalised(w: Word) -> bool:
    return bool(w.text[:1]) and w.text[:1].isupper()


def trim(words: list[Word]) -> list[Word]:
    """Drop punctuation at both ends of a word run."""
    lo, hi = 0, len(words)
    while lo < hi and is_punct(words[lo]):
        lo += 1
    while hi > lo and is_punct(words[hi - 1]):
        hi -= 1
    return words[lo:hi]


def agrees(a: Word, b: Word) -> bool:
    """Number agreement where both words mark it (a verb and its candidate subject)."""
    na, nb = a.feat("Number"), b.feat("Number")
    return na is None or nb is None or na == nb
