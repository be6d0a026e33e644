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

from kg.extract.mentions import entity_type, is_article, name_label, namey, span_of
from kg.extract.syntax import Tree, base, is_punct, lemma
from kg.lexicons import Lexicon, fold
from kg.types import Mention, Span, Word

# relations that attach a noun phrase to a clause or to another noun: a participle or adjective in one,
# with an article of its own, is used as a noun («οι ασφαλισμένοι»)
_NOMINAL_RELS = frozenset({"nsubj", "obj", "iobj", "obl", "nmod", "conj", "appos", "root", "vocative", "dislocated"})
_MODIFIER_RELS = frozenset({"amod", "nummod", "det", "compound", "flat", "advmod"})


@dataclass(frozen=True, slots=True)
class _Item:
    head: Word
    words: tuple[Word, ...]  # the phrase, in order (articles included)
    name: tuple[Word, ...]  # the name run that labels it, if any
    kind: str  # entity type


def people_noun(key: str, lex: Lexicon, gender: str | None = None) -> bool:
    """Whether a (folded) noun lemma denotes people: a listed title, person or group noun, or an agent
    noun (masculine or feminine where the language marks gender: a neuter «λεπτό» is never an agent)."""
    if key in lex.title_nouns or key in lex.person_nouns or key in lex.group_nouns:
        return True
    if key in lex.non_person_nouns or gender == "Neut":
        return False
    return any(key.endswith(suffix) and len(key) > len(suffix) + 2 for suffix in lex.agent_suffixes)


def noun_type(tree: Tree, w: Word, lex: Lexicon) -> str | None:
    """The entity type a common noun (or a noun-like participle or adjective) gives its phrase, or None."""
    key = lemma(w)
    plural = w.feat("Number") == "Plur"
    if tree.children(w, "cop") or any(lemma(c) in lex.predicative_markers for c in tree.children(w, "case", "mark")):
        return None  # «υπήρξε σημαντικός δικαστής», «περιγράφεται ως καθεστώς»: a predicate describes, it names no one new
    if w.upos == "NOUN":
        if key in lex.media_nouns:
            return "NewsMediaOrganization"
        if key in lex.organization_nouns:
            return "Organization"
        if people_noun(key, lex, w.feat("Gender")):
            return "GroupOfPeople" if plural or key in lex.group_nouns and key.endswith("ες") else "Person"
        return None
    nounlike = w.upos == "ADJ" or (w.upos == "VERB" and w.feat("VerbForm") == "Part")
    if nounlike and base(w.deprel) in _NOMINAL_RELS and w.feat("Gender") in ("Masc", "Fem"):
        if any(is_article(d) for d in tree.children(w, "det")):
            return "GroupOfPeople" if plural else "Person"
    return None


def _excluded_name(w: Word, lex: Lexicon) -> bool:
    """Capitalised words that name no entity: months, weekdays, times, honorifics."""
    keys = {fold(w.text), lemma(w)}
    months = set(lex.months) | {f for forms in lex.months.values() for f in forms}
    return bool(keys & (months | set(lex.weekdays) | set(lex.time_words) | lex.honorifics))


def _complements(tree: Tree, head: Word, inside: set[int]) -> list[Word]:
    """A noun's genitive complements and the names set in apposition to it, with what they contain
    (relative clauses, prepositional phrases and coordinated phrases stay out)."""
    out: list[Word] = []
    for k in tree.children(head):
        if k.id < head.id or k.id not in inside or is_punct(k):
            continue
        rel = base(k.deprel)
        if rel in ("flat", "compound") or (rel in ("nmod", "appos") and not tree.children(k, "case") and k.feat("Case") in (None, "Gen")):
            if rel == "appos" and not namey(tree, k):
                continue
            out.extend(_phrase_words(tree, k, inside))
    return out


def _phrase_words(tree: Tree, head: Word, inside: set[int]) -> list[Word]:
    """The head, its adjacent modifiers before it and its complements after it, all inside the content."""
    words = [head]
    prev = tree.previous(head)
    while prev is not None and prev.id in inside and prev.head == head.id and base(prev.deprel) in _MODIFIER_RELS:
        words.append(prev)
        prev = tree.previous(prev)
    words.extend(_complements(tree, head, inside))
    ids = {w.id for w in words}
    ordered = sorted(words, key=lambda w: w.id)
    # keep the contiguous stretch around the head (a comma or a stray attachment ends the phrase)
    lo = hi = next(i for i, w in enumerate(ordered) if w.id == head.id)
    while lo > 0 and ordered[lo - 1].id == ordered[lo].id - 1:
        lo -= 1
    while hi + 1 < len(ordered) and ordered[hi + 1].id == ordered[hi].id + 1 and ordered[hi + 1].id in ids:
        hi += 1
    return ordered[lo : hi + 1]


_JOINERS = frozenset({"&", "-", "–"})


def _cases_differ(a: Word, b: Word) -> bool:
    return bool(a.feat("Case") and b.feat("Case") and a.feat("Case") != b.feat("Case"))


def _name_runs(tree: Tree, words: list[Word], lex: Lexicon) -> list[list[Word]]:
    """Runs of name words: «Ευρωπαϊκή Ένωση» (a capitalised adjective before a name is part of it),
    «Βυζαντινό & Χριστιανικό Μουσείο», «Note 7» (a number hung on the name); a change of case ends a
    run («ο νομάρχης *Αχαΐας* *Γιάννης Κ.*»: a genitive complement, then the name)."""
    inside = {w.id for w in words}

    def part(w: Word) -> bool:
        if w.id not in inside or _excluded_name(w, lex):
            return False
        if namey(tree, w):
            return True
        nxt = tree.next(w)
        return w.upos == "ADJ" and w.text[:1].isupper() and nxt is not None and (namey(tree, nxt) or part(nxt)) and not _cases_differ(w, nxt)

    runs: list[list[Word]] = []
    for w in words:
        if part(w):
            prev = tree.previous(w)
            if runs and runs[-1][-1].id == w.id - 1 and not _cases_differ(runs[-1][-1], w):
                runs[-1].append(w)
                continue
            if runs and prev is not None and prev.text in _JOINERS and runs[-1][-1].id == prev.id - 1:
                runs[-1].extend([prev, w])
                continue
            runs.append([w])
        elif w.upos == "NUM" and runs and runs[-1][-1].id == w.id - 1 and any(w.head == x.id for x in runs[-1]):
            runs[-1].append(w)
    return runs


def _compound_genitive(tree: Tree, run: list[Word], head: Word) -> bool:
    """An article-less genitive name right after a common noun forms one term with it («λίρες Αγγλίας»,
    «ώρα Ελλάδος», «υπουργός Εσωτερικών»): it is no entity of its own."""
    governor, before = tree.head(head), tree.previous(run[0])
    return (
        governor is not None and before is not None and governor.id == before.id and governor.upos == "NOUN"
        and not namey(tree, governor) and head.feat("Case") == "Gen" and not tree.children(head, "case")
    )


def _run_head(tree: Tree, run: list[Word]) -> Word:
    ids = {w.id for w in run}
    outside = [w for w in run if w.head not in ids]
    return outside[0] if outside else run[-1]


def _items(tree: Tree, words: list[Word], lex: Lexicon) -> list[_Item]:
    inside = {w.id for w in words}
    items: list[_Item] = []
    for run in _name_runs(tree, words, lex):
        head = _run_head(tree, run)
        if _compound_genitive(tree, run, head):
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
        phrase = _phrase_words(tree, w, inside)
        runs = [r for r in _name_runs(tree, phrase, lex) if r[0].id > w.id]
        # «ο πρόεδρος Ντόναλντ Τραμπ»: a name right after a role (an apposition or flat name) labels it;
        # a genitive after it is its complement («ο υπουργός Εξωτερικών», «ο νομάρχης Αχαΐας Γιάννης Κ.»)
        name: tuple[Word, ...] = ()
        runs = [r for r in runs if not (_cases_differ(r[0], w) and r[0].feat("Case") == "Gen")]
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


def about(tree: Tree, start: int, end: int, lex: Lexicon, limit: int = 12, skip: Span | None = None) -> tuple[Mention, ...]:
    """Mentions of entities inside ``start:end`` (document offsets), leaving out ``skip`` (the source inside a parenthetical)."""
    words = [w for w in tree.words if start <= w.start and w.end <= end]
    if skip is not None:
        words = [w for w in words if not (skip.start <= w.start and w.end <= skip.end)]
    out: list[Mention] = []
    seen: set[str] = set()
    for it in sorted(_merged(tree, _items(tree, words, lex)), key=lambda it: it.words[0].id):
        if it.name:
            label = name_label(tree, list(it.name), lex)
            span_words = sorted({w.id: w for w in [*it.words, *it.name]}.values(), key=lambda w: w.id)
        else:
            body = list(it.words)
            while len(body) > 1 and (is_article(body[0]) or is_punct(body[0])):
                body = body[1:]
            label = span_of(tree, body).text
            span_words = list(it.words)
        key = fold(label)
        if key in seen or not label.strip():
            continue
        seen.add(key)
        role = lemma(it.head) if it.head.upos != "PROPN" and not namey(tree, it.head) else None
        out.append(Mention(span=span_of(tree, span_words), label=label, type=it.kind, head=lemma(it.head), role=role))
        if len(out) >= limit:
            break
    return tuple(out)
