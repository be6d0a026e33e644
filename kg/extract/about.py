"""Whom a claim is about: the named things and noun heads inside its content.

Proper-name runs become one mention each; other nouns become mentions labelled
by their lemma (inflected forms meet: «τους διαδηλωτές» → «διαδηλωτής»).
Canonical entities are assigned later by :mod:`kg.link`.
"""

from __future__ import annotations

from kg.extract.mentions import _namey, entity_type, span_of, _name_label
from kg.extract.syntax import Tree, lemma
from kg.lexicons import Lexicon, fold
from kg.types import Mention, Span


def about(tree: Tree, start: int, end: int, lex: Lexicon, limit: int = 8, skip: Span | None = None) -> tuple[Mention, ...]:
    """Mentions inside ``start:end`` (document offsets), leaving out ``skip`` (the source inside a parenthetical)."""
    words = [w for w in tree.words if start <= w.start and w.end <= end]
    if skip is not None:
        words = [w for w in words if not (skip.start <= w.start and w.end <= skip.end)]
    out: list[Mention] = []
    seen: set[str] = set()
    i = 0
    while i < len(words) and len(out) < limit:
        w = words[i]
        if _namey(tree, w):
            run = [w]
            while i + 1 < len(words) and words[i + 1].id == run[-1].id + 1 and _namey(tree, words[i + 1]):
                i += 1
                run.append(words[i])
            label = _name_label(run)
            kind = entity_type(tree, run[-1], run, run, lex)
        elif w.upos == "NOUN" and len(w.text) > 2 and lemma(w) not in lex.time_words and lemma(w) not in lex.weekdays:
            run, label = [w], w.lemma or w.text
            kind = entity_type(tree, w, run, [], lex)
            if kind == "Thing" and lemma(w) in lex.group_nouns:
                kind = "GroupOfPeople"
        else:
            i += 1
            continue
        i += 1
        key = fold(label)
        if key in seen:
            continue
        seen.add(key)
        out.append(Mention(span=span_of(tree, run), label=label, type=kind, head=lemma(run[-1])))
    return tuple(out)
