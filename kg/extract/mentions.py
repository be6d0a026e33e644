"""Noun phrases → :class:`Mention` records: span, readable label, type and role.

Greek has no stanza NER model, so mentions come from the parse: the phrase is
the head's subtree (minus relative clauses, case markers and anything that
belongs to the claim), its label is the proper-name run in it when there is
one ("ο πρόεδρος Τοκάγιεφ" → "Τοκάγιεφ", role "πρόεδρος") and otherwise the
phrase without its article ("το υπουργείο Εσωτερικών" → "υπουργείο Εσωτερικών").
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.extract.syntax import Tree, base, capitalised, is_punct, is_verbal, lemma, trim
from kg.lexicons import Lexicon
from kg.types import Mention, Span, Word

_DROP_RELS = frozenset({"acl", "case", "mark", "cc", "advcl", "parataxis", "ccomp"})


def trailing_adjuncts(tree: Tree, head: Word, prepositions: frozenset[str]) -> set[int]:
    """Word ids of the phrases at the end of a noun phrase that say where, when or how, not who.

    «ο Πρόεδρος Ομπάμα κατά τη διάρκεια συνέντευξης», «ο συγγραφέας Χ στο βιβλίο του», «πηγές στην
    ίδια θέση»: a parser hangs the clause's adverbials on the nearest noun. Only phrases after
    everything else in the noun phrase go (an apposition after them keeps them: «ο πρέσβης στην
    Αθήνα, Χ»); genitives, «με τίτλο …», «από …» and a phrase headed by a name stay («το παράρτημα
    του Ερυθρού Σταυρού στη Γαλλία», "al-Qaeda in the Maghreb": the place identifies the source),
    unless a comma sets it off («Σύμφωνα με έρευνες, στη Ρωσία …»).
    """
    drop: set[int] = set()
    if not prepositions:
        return drop
    for k in sorted(tree.children(head), key=lambda k: -k.id):
        if k.id < head.id:
            break
        if is_punct(k):
            continue
        rel = base(k.deprel)
        sub = tree.subtree(k)
        before = tree.previous(sub[0])
        named = (k.upos in ("PROPN", "X") or k.feat("Abbr") == "Yes") and not (before is not None and before.text == ",")
        pp = rel in ("nmod", "obl") and any(lemma(c) in prepositions for c in tree.children(k, "case")) and not named
        if pp or k.deprel.endswith(":tmod") or (rel == "advmod" and k.upos == "ADV"):
            drop.update(w.id for w in tree.subtree(k))
            continue
        break
    return drop


def phrase(tree: Tree, head: Word, exclude: Iterable[int] = (), adjuncts: frozenset[str] = frozenset()) -> list[Word]:
    """The words of the noun phrase headed by ``head`` (relative clauses and case markers left out;
    with ``adjuncts``, trailing phrases headed by those prepositions too)."""
    skip = set(exclude) | trailing_adjuncts(tree, head, adjuncts)
    skip.update(k.id for k in tree.children(head) if base(k.deprel) in _DROP_RELS)
    # a coordinated clause or verb hanging off a noun is not part of its name
    skip.update(k.id for k in tree.children(head, "conj") if k.upos in ("VERB", "AUX"))
    words = tree.subtree(head, exclude=skip - {head.id})
    # keep the contiguous stretch around the head: a parse that attaches a far
    # word to the subject must not stretch the mention over the claim
    words = _contiguous(words, head)
    # «Από την πλευρά *του* ο Πρόεδρος»: a leading genitive article on a non-genitive head belongs elsewhere
    case = head.feat("Case")
    while case and case != "Gen" and len(words) > 1 and words[0].upos == "DET" and words[0].feat("Case") == "Gen":
        words = words[1:]
    return trim(words) or [head]


def _contiguous(words: list[Word], head: Word) -> list[Word]:
    ids = [w.id for w in words]
    at = ids.index(head.id)
    lo = hi = at
    while lo > 0 and ids[lo - 1] == ids[lo] - 1:
        lo -= 1
    while hi + 1 < len(ids) and ids[hi + 1] == ids[hi] + 1:
        hi += 1
    return words[lo : hi + 1]


def is_article(w: Word) -> bool:
    """A definite or indefinite article («ο», «τον», «μια»; the, a)."""
    return w.upos == "DET" and (w.feat("PronType") == "Art" or lemma(w) in ("ο", "the", "a", "an"))


def namey(tree: Tree, w: Word) -> bool:
    """A word that can be part of a proper name: capitalised, tagged a proper noun (or a capitalised
    noun that does not open the sentence)."""
    if is_punct(w) or not capitalised(w) or not any(c.isalpha() for c in w.text):
        return False
    if w.upos in ("PROPN", "X"):
        return True
    first = tree.words[0].id if tree.words else 0
    return w.upos == "NOUN" and w.id != first


def name_run(tree: Tree, words: list[Word], anchor: Word | None = None) -> list[Word]:
    """The proper-name run of a phrase: contiguous capitalised names that are not a genitive modifier.

    A run that follows an article or preposition inside the phrase is a
    modifier ("ο πρόεδρος *του Καζακστάν*"), unless it is the phrase's head;
    when such a run is followed by two or more further names, only its first
    word is the modifier ("του Καζακστάν Κασίμ Τομάρ Τοκάγεφ").
    """
    runs: list[list[Word]] = []
    for w in words:
        if namey(tree, w):
            if runs and runs[-1][-1].id == w.id - 1:
                runs[-1].append(w)
            else:
                runs.append([w])
    first_id = words[0].id if words else 0
    for run in runs:
        prev = tree.previous(run[0])
        modifier = prev is not None and prev.id >= first_id and prev.upos in ("DET", "ADP") and prev.id != first_id
        modifier = modifier or (prev is not None and prev.upos == "ADP")
        if modifier and len(run) >= 3:
            run = run[1:]
            modifier = False
        contains_anchor = anchor is not None and any(w.id == anchor.id for w in run)
        if not modifier or contains_anchor:
            return run
    return []


def name_label(tree: Tree, words: list[Word], lex: Lexicon) -> str:
    """A name as written: proper names keep their form, never a lemmatiser's guess («Χάικο Μάας» is not
    «Χάικος Μάας»)."""
    return " ".join(w.text for w in words)


def span_of(tree: Tree, words: list[Word]) -> Span:
    start, end = words[0].start, words[-1].end
    sent = tree.sentence
    return Span(start, end, sent.text[start - sent.start : end - sent.start])


def entity_type(tree: Tree, head: Word, words: list[Word], names: list[Word], lex: Lexicon) -> str:
    """A coarse type from the head noun and the lexicon's noun classes."""
    h = lemma(head)
    lemmas = {lemma(w) for w in words}
    plural = head.feat("Number") == "Plur"
    if h in lex.media_nouns or (names and lemmas & lex.media_nouns):
        return "NewsMediaOrganization"
    if h in lex.organization_nouns:
        return "Organization"
    nouns = [w for w in words if w.upos == "NOUN"]
    if not names and (h in lex.unnamed_source_nouns or (nouns and lemma(nouns[-1]) in lex.unnamed_source_nouns)):
        return "UnnamedSource"
    if h in lex.title_nouns and not plural:
        return "Person"
    if not names and (h in lex.group_nouns or (plural and head.upos in ("NOUN", "ADJ"))):
        return "GroupOfPeople"
    if names:
        if len(names) == 1 and names[0].text.isupper() and len(names[0].text) >= 2:
            return "Organization"
        determiners = [w for w in words if w.upos == "DET" and w.id < names[0].id]
        if determiners and determiners[-1].feat("Gender") == "Neut":
            return "Organization"  # «το Reuters», «το Russia Today»: people are never neuter in Greek
        return "Person"
    return "Thing"


def mention(tree: Tree, head: Word, lex: Lexicon, exclude: Iterable[int] = (), *, source: bool = False) -> Mention:
    """A mention for the phrase headed by ``head``; a ``source`` mention leaves trailing adverbial phrases out."""
    words = phrase(tree, head, exclude, adjuncts=lex.adjunct_prepositions if source else frozenset())
    if namey(tree, head):  # a bare name: widen to the full name run around it
        lo = hi = head
        while (p := tree.previous(lo)) is not None and namey(tree, p) and p.id not in set(exclude):
            lo = p
        while (n := tree.next(hi)) is not None and namey(tree, n) and n.id not in set(exclude):
            hi = n
        run = [w for w in tree.words if lo.id <= w.id <= hi.id]
        before = tree.previous(run[0])
        if len(run) >= 3 and run[0].id != head.id and before is not None and before.upos in ("DET", "ADP"):
            run = run[1:]  # «του Καζακστάν Κασίμ Τομάρ Τοκάγεφ»: a genitive modifier, then the name
        if len(run) > len(words) or not any(w.id == head.id for w in words):
            merged = {w.id: w for w in words + run}
            words = sorted(merged.values(), key=lambda w: w.id)
            words = _contiguous(words, head)
    names = name_run(tree, words, anchor=head if namey(tree, head) else None)
    kind = entity_type(tree, head, words, names, lex)
    role = lemma(head) if head.upos in ("NOUN", "ADJ") and not namey(tree, head) else None
    # a name labels the mention, unless it only modifies an organisation noun («υπουργείο Εσωτερικών»)
    if names and (kind != "Organization" or head in names):
        label = name_label(tree, names, lex)
    else:
        body = list(words)
        while len(body) > 1 and body[0].upos == "DET":
            body = body[1:]
        label = span_of(tree, body).text
    return Mention(span=span_of(tree, words), label=label, type=kind, head=lemma(head), role=role)


def phrase_number(tree: Tree, head: Word, lex: Lexicon) -> str | None:
    """The number a verb takes with the phrase headed by ``head``: «ο Χ και ο Υ» is plural although its head
    is singular. None when the head does not mark number (foreign names, abbreviations)."""
    coordinated = [k for k in tree.children(head, "conj") if not is_verbal(k)]
    if any(lemma(c) in lex.coordinators for k in coordinated for c in tree.children(k, "cc")):
        return "Plur"
    return head.feat("Number")


def phrase_person(tree: Tree, head: Word) -> str:
    """The person of a noun phrase: a first- or second-person pronoun («εμείς», «όλοι μας») or else the third."""
    words = [head, *tree.children(head)]  # not the whole subtree: «ο Χ, που μας είπε» is third person
    return next((w.feat("Person") for w in words if w.upos == "PRON" and w.feat("Person") in ("1", "2")), "3")


def span_agreement(tree: Tree, span: Span, lex: Lexicon) -> tuple[str | None, str | None]:
    """Number and person of the mention at ``span`` in ``tree``'s sentence, from the words it covers.

    Its heads are the words whose head lies outside it (two for an apposition the span was widened over);
    they must agree, or the number is unknown. Neither is known when no word lies in the span.
    """
    words = [w for w in tree.words if span.start <= w.start and w.end <= span.end]
    ids = {w.id for w in words}
    heads = [w for w in words if w.head not in ids and not is_punct(w)]
    if not heads:
        return None, None
    numbers = {phrase_number(tree, h, lex) for h in heads}
    persons = {phrase_person(tree, h) for h in heads}
    return (numbers.pop() if len(numbers) == 1 else None), (persons.pop() if len(persons) == 1 else None)
