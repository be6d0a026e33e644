"""Whom a claim is about: the people, organisations, places, groups and named things in its content.

An about item is a noun phrase of the content headed by

- a **name**: a run of capitalised proper nouns («Ντόναλντ Τραμπ», «Pokemon Go», «ΣΥΡΙΖΑ»), never a
  month, a weekday or an honorific;
- a **noun that denotes people or an organisation**: the lexicon's title, person, group,
  organisation and media nouns, and nouns with an agent suffix (-τής, -έας; -er, -ist) that the
  lexicon does not list as things («επενδυτές», «διασώστες»);
- a **participle or adjective used as a noun** with an article of its own, masculine or feminine
  («οι ασφαλισμένοι», «των νέων»): people.

Abstract nouns, times, amounts and objects are never about items: a claim about «ανάπτυξη» or
«προθεσμίες» is about no one. A role keeps its complement and its name («ο υπουργός Εξωτερικών»,
«του Αμερικανού προέδρου Ντόναλντ Τραμπ» are one item each), and an entity named in a genitive
with its own article inside another item is an item too («το υπουργείο Εσωτερικών *του
Σλέσβιχ-Χόλσταϊν*», «τα μέλη *της ποδοσφαιρικής ομάδας*»). Canonical entities are assigned later
by :mod:`kg.link`.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.mentions import (
    cases_differ, compound_genitive, description_body, description_norm, description_words, entity_type, is_article, name_label, name_runs,
    namey, noun_type, run_head, span_of,
)
from kg.extract.syntax import Tree, is_punct, lemma
from kg.lexicons import Lexicon, fold
from kg.types import Mention, Span, Word


@dataclass(frozen=True, slots=True)
class _Item:
    head: Word
    words: tuple[Word, ...]  # the phrase, in order (articles included)
    name: tuple[Word, ...]  # the name run that labels it, if any
    kind: str  # entity type


def _items(tree: Tree, words: list[Word], lex: Lexicon) -> list[_Item]:
    inside = {w.id for w in words}
    items: list[_Item] = []
    for run in name_runs(tree, words, lex):
        head = run_head(tree, run)
        if compound_genitive(tree, run, head):
            continue
        kind = entity_type(tree, head, run, run, lex)
        items.append(_Item(head, tuple(run), tuple(run), kind))
    named = {w.id for it in items for w in it.name}
    for w in words:
        if w.id in named:
            continue
        kind = noun_type(tree, w, lex)
        if kind is None:
            continue
        phrase = description_words(tree, w, inside)
        runs = [r for r in name_runs(tree, phrase, lex) if r[0].id > w.id]
        # «ο πρόεδρος Ντόναλντ Τραμπ»: a name right after a role (an apposition or flat name) labels it;
        # a genitive after it is its complement («ο υπουργός Εξωτερικών», «ο νομάρχης Αχαΐας Γιάννης Κ.»)
        name: tuple[Word, ...] = ()
        runs = [r for r in runs if not (cases_differ(r[0], w) and r[0].feat("Case") == "Gen")]
        if runs and kind == "Person" and all(is_punct(x) or is_article(x) or x.feat("Case") == "Gen" for x in tree.between(w, runs[0][0])):
            name = tuple(runs[0])
        items.append(_Item(w, tuple(phrase), name, kind))
    return items


def _merged(tree: Tree, items: list[_Item]) -> list[_Item]:
    """One item per entity: a name that labels a role is the role's item; a name or noun inside another
    item's phrase is an item of its own only when it has its own article («του Σλέσβιχ-Χόλσταϊν»)."""
    labelled = {w.id for it in items for w in it.name if it.head.id not in {x.id for x in it.name}}
    out: list[_Item] = []
    for it in items:
        if it.name and it.head.id in {w.id for w in it.name} and it.head.id in labelled:
            continue  # the role's item carries this name
        inner = any(
            other is not it and it.head.id in {w.id for w in other.words} and other.head.id != it.head.id
            for other in items
        )
        if inner and not _own_article(tree, it):
            continue
        out.append(it)
    return out


def _own_article(tree: Tree, it: _Item) -> bool:
    first = it.words[0] if it.words else it.head
    before = tree.previous(first)
    return is_article(first) or (before is not None and is_article(before))


def about(
    tree: Tree, start: int, end: int, lex: Lexicon, limit: int = 12, skip: Span | None = None, skip_words: frozenset[int] = frozenset(),
) -> tuple[Mention, ...]:
    """Mentions of entities inside ``start:end`` (document offsets), leaving out ``skip`` (the source inside a
    parenthetical) and ``skip_words`` (cue and frame phrases inside the content: «…, όπως είπε στον
    Εισαγγελέα, …» names whom it was said to, not what it is about)."""
    words = [w for w in tree.words if start <= w.start and w.end <= end and w.id not in skip_words]
    if skip is not None:
        words = [w for w in words if not (skip.start <= w.start and w.end <= skip.end)]
    out: list[Mention] = []
    seen: set[str] = set()
    for it in sorted(_merged(tree, _items(tree, words, lex)), key=lambda it: it.words[0].id):
        if it.name:
            label = name_label(tree, list(it.name), lex)
            span_words = sorted({w.id: w for w in [*it.words, *it.name]}.values(), key=lambda w: w.id)
        else:
            body = description_body(tree, it.head, list(it.words), lex)
            label = span_of(tree, body).text
            span_words = list(it.words)
        key = fold(label)
        if key in seen or not label.strip():
            continue
        seen.add(key)
        role = lemma(it.head) if it.head.upos != "PROPN" and not namey(tree, it.head) else None
        norm = None if it.name else description_norm(tree, body, it.head)
        out.append(Mention(span=span_of(tree, span_words), label=label, type=it.kind, head=lemma(it.head), role=role, proper=bool(it.name) or None, norm=norm))
        if len(out) >= limit:
            break
    return tuple(out)
