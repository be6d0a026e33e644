"""Noun phrases → :class:`Mention` records: span, readable label, type and role.

Greek has no stanza NER model, so mentions come from the parse: the phrase is
the head's subtree (minus relative clauses, case markers and anything that
belongs to the claim), its label is the proper-name run in it when there is
one ("ο πρόεδρος Τοκάγιεφ" → "Τοκάγιεφ", role "πρόεδρος") and otherwise the
phrase without its article ("το υπουργείο Εσωτερικών" → "υπουργείο Εσωτερικών").
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.extract.syntax import Tree, base, capitalised, is_punct, is_verbal, lemma, relative_clause, trim
from kg.lexicons import Lexicon, fold
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


# relations that attach a noun phrase to a clause or to another noun: a participle or adjective in one,
# with an article of its own, is used as a noun («οι ασφαλισμένοι»)
_NOMINAL_RELS = frozenset({"nsubj", "obj", "iobj", "obl", "nmod", "conj", "appos", "root", "vocative", "dislocated"})
_MODIFIER_RELS = frozenset({"amod", "nummod", "det", "compound", "flat", "advmod"})


def people_noun(key: str, lex: Lexicon, gender: str | None = None) -> bool:
    """Whether a (folded) noun lemma denotes people: a listed title, person or group noun, or an agent
    noun (masculine or feminine where the language marks gender: a neuter «λεπτό» is never an agent)."""
    if key in lex.people_nouns:
        return True
    if key in lex.non_person_nouns or gender == "Neut":
        return False
    return any(key.endswith(suffix) and len(key) > len(suffix) + 2 for suffix in lex.agent_suffixes)


def _people_word(w: Word, lex: Lexicon) -> bool:
    """:func:`people_noun` on the lemma, or, where the lemmatizer erred («χρηστών» → «χρηστός»), on the
    lemma the inflected form implies (-τών → -της)."""
    key, gender = lemma(w), w.feat("Gender")
    # a masculine citation form on a feminine word is the lemmatizer's guess («αυτοκριτική» → «αυτοκριτής»)
    guessed = gender == "Fem" and key.endswith("ς") and key not in lex.people_nouns
    if not guessed and people_noun(key, lex, gender):
        return True
    if gender == "Neut":
        return False
    if people_noun(fold(w.text), lex, gender):
        return True  # the form is the citation form («εισηγήτρια» with a masculine lemma guessed for it)
    form = w.text.lower()  # accents matter: «γονείς» (γονέας) but «βάσεις», «χρηστών» (χρήστης) but «συνδέσεων»
    for suffix, endings in lex.agent_inflections.items():
        for ending in endings:
            if form.endswith(ending) and people_noun(fold(form[: -len(ending)]) + suffix, lex):
                return True
    return False


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
        if _people_word(w, lex):
            return "GroupOfPeople" if plural or key in lex.group_nouns and key.endswith("ες") else "Person"
        return None
    # a participle used as a noun names people («οι ασφαλισμένοι», «των εγκλωβισμένων»); other adjectives only
    # when the lexicon lists them as people («οι αντιπολιτευόμενοι»): «οι πρώτες», «ο αγαπημένος σας» are not
    participle = w.feat("VerbForm") == "Part" or any(key.endswith(e) for e in lex.participle_endings)
    listed = key in lex.people_nouns or (w.upos == "ADJ" and _people_word(w, lex))
    if (participle or listed) and w.upos in ("ADJ", "VERB") and _nominalised(tree, w):
        if w.feat("Gender") in ("Masc", "Fem") or (w.feat("Case") == "Gen" and plural):
            return "GroupOfPeople" if plural else "Person"
    return None


def _nominalised(tree: Tree, w: Word) -> bool:
    """An adjective or participle used as a noun: it has its own article (on it, or right before it, which
    parsers also hang on a noun nearby) and no noun after it that it could modify («των ασφαλισμένων»)."""
    before, after = tree.previous(w), tree.next(w)
    while after is not None and after.upos in ("PRON", "ADV", "DET") and after.feat("PronType") != "Art":
        after = tree.next(after)  # «ο αγαπημένος σας Πρόεδρος»
    article = any(is_article(d) for d in tree.children(w, "det")) or (before is not None and is_article(before))
    modifies = after is not None and after.upos in ("NOUN", "PROPN", "ADJ") and not cases_differ(w, after)
    return article and not modifies and (base(w.deprel) in _NOMINAL_RELS or base(w.deprel) == "amod")


def excluded_name(w: Word, lex: Lexicon, tree: Tree | None = None) -> bool:
    """Capitalised words that name no entity: months, weekdays (any case: «Σαββάτου»), times, honorifics,
    «Κανείς»."""
    keys = {fold(w.text), lemma(w)}
    if any(k in lex.month_forms for k in keys):
        nxt = tree.next(w) if tree is not None else None
        return not (nxt is not None and nxt.text[:1].isupper())  # "Jan Smutney-Jones" is a name, "Jan 5" a date
    if any(k in lex.weekdays or k in lex.time_words or k in lex.honorifics or k in lex.negative_pronouns for k in keys):
        return True
    return any(len(day) >= 5 and fold(w.text).startswith(day[:-1]) and len(w.text) <= len(day) + 2 for day in lex.weekdays)


def complements(tree: Tree, head: Word, inside: set[int]) -> list[Word]:
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
            out.extend(description_words(tree, k, inside))
    return out


def description_words(tree: Tree, head: Word, inside: set[int]) -> list[Word]:
    """The head, its adjacent modifiers before it and its complements after it, all inside the content."""
    words = [head]
    prev = tree.previous(head)
    while prev is not None and prev.id in inside and prev.head == head.id and base(prev.deprel) in _MODIFIER_RELS:
        words.append(prev)
        prev = tree.previous(prev)
    words.extend(complements(tree, head, inside))
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


def cases_differ(a: Word, b: Word) -> bool:
    return bool(a.feat("Case") and b.feat("Case") and a.feat("Case") != b.feat("Case"))


def _complement_then_name(a: Word, b: Word) -> bool:
    """A genitive followed by a non-genitive: «νομάρχης *Αχαΐας Γιάννης*» is a complement, then a name (a
    tagger's odd case inside one name, «Νίκος Βούτσης», does not split it)."""
    return a.feat("Case") == "Gen" and b.feat("Case") in ("Nom", "Acc", "Voc")


def name_runs(tree: Tree, words: list[Word], lex: Lexicon) -> list[list[Word]]:
    """Runs of name words: «Ευρωπαϊκή Ένωση» (a capitalised adjective before a name is part of it),
    «Βυζαντινό & Χριστιανικό Μουσείο», «Note 7» (a number hung on the name); a change of case ends a
    run («ο νομάρχης *Αχαΐας* *Γιάννης Κ.*»: a genitive complement, then the name)."""
    inside = {w.id for w in words}

    def part(w: Word) -> bool:
        if w.id not in inside or excluded_name(w, lex, tree):
            return False
        if namey(tree, w):
            return True
        nxt = tree.next(w)
        return w.upos == "ADJ" and w.text[:1].isupper() and nxt is not None and (namey(tree, nxt) or part(nxt)) and not cases_differ(w, nxt)

    runs: list[list[Word]] = []
    for w in words:
        if part(w):
            prev = tree.previous(w)
            # «Τόρε ντελ Λάγκο», "Ludwig van Beethoven": a lowercase particle between two names
            if runs and prev is not None and fold(prev.text) in lex.name_particles and runs[-1][-1].id == prev.id - 1:
                runs[-1].extend([prev, w])
                continue
            if runs and runs[-1][-1].id == w.id - 1 and not _complement_then_name(runs[-1][-1], w):
                runs[-1].append(w)
                continue
            if runs and prev is not None and prev.text in _JOINERS and runs[-1][-1].id == prev.id - 1:
                runs[-1].extend([prev, w])
                continue
            runs.append([w])
        elif w.upos == "NUM" and runs and runs[-1][-1].id == w.id - 1 and any(w.head == x.id for x in runs[-1]):
            runs[-1].append(w)
    return runs


def compound_genitive(tree: Tree, run: list[Word], head: Word) -> bool:
    """An article-less genitive name right after a common noun forms one term with it («λίρες Αγγλίας»,
    «ώρα Ελλάδος», «υπουργός Εσωτερικών»): it is no entity of its own."""
    governor, before = tree.head(head), tree.previous(run[0])
    return (
        governor is not None and before is not None and governor.id == before.id and governor.upos == "NOUN"
        and not namey(tree, governor) and head.feat("Case") == "Gen" and not tree.children(head, "case")
    )


def run_head(tree: Tree, run: list[Word]) -> Word:
    ids = {w.id for w in run}
    outside = [w for w in run if w.head not in ids]
    return outside[0] if outside else run[-1]


def name_label(tree: Tree, words: list[Word], lex: Lexicon) -> str:
    """A name as written, spacing included: proper names keep their form, never a lemmatiser's guess
    («Χάικο Μάας» is not «Χάικος Μάας»; "Smutney-Jones" keeps its hyphen)."""
    return span_of(tree, words).text if words else ""


def span_of(tree: Tree, words: list[Word]) -> Span:
    start, end = words[0].start, words[-1].end
    sent = tree.sentence
    return Span(start, end, sent.text[start - sent.start : end - sent.start])


def _named_thing(tree: Tree, names: list[Word], lex: Lexicon) -> bool:
    """A name of a law, treaty, event, programme or product: headed by a thing noun («Συμφωνία των Πρεσπών»,
    «Παγκόσμιο Κύπελλο»), set beside one («το σύστημα Android», «τα μοντέλα Galaxy S7»), or a model name
    with a number in it («Note 7», «F-35», «WPA2»)."""
    if any(lemma(w) in lex.thing_nouns for w in names if w.upos in ("NOUN", "PROPN")):
        return True
    head = run_head(tree, names)
    governor = tree.head(head)
    if governor is not None and governor.id < names[0].id and lemma(governor) in lex.thing_nouns and not tree.children(head, "case"):
        return True
    letters = "".join(w.text for w in names)
    return any(c.isdigit() for c in letters) and any(c.isalpha() for c in letters)


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
        if _named_thing(tree, names, lex):
            return "NamedThing"
        if len(names) == 1 and names[0].text.isupper() and len(names[0].text) >= 2:
            return "Organization"
        determiners = [w for w in words if w.upos == "DET" and w.id < names[0].id]
        if determiners and determiners[-1].feat("Gender") == "Neut":
            return "Organization"  # «το Reuters», «το Russia Today»: people are never neuter in Greek
        return "Person"
    return "Thing"


def mention(
    tree: Tree, head: Word, lex: Lexicon, exclude: Iterable[int] = (), *, source: bool = False, relatives: bool | None = None,
) -> Mention:
    """A mention for the phrase headed by ``head``; a ``source`` mention leaves trailing adverbial phrases out
    and its span (never its label) takes in a relative clause that follows (``relatives``, on by default for
    a source): "Kenneth Baer, a former official *who runs Crosscut Strategies*" is who said it."""
    words = phrase(tree, head, exclude, adjuncts=lex.adjunct_prepositions if source else frozenset())
    if namey(tree, head):  # a bare name: widen to the full name run around it
        lo = hi = head
        while (p := tree.previous(lo)) is not None and namey(tree, p) and p.id not in set(exclude):
            lo = p
        while (n := tree.next(hi)) is not None and n.id not in set(exclude):
            if namey(tree, n):
                hi = n
            elif n.text in _JOINERS and n.start == hi.end and (m := tree.next(n)) is not None and m.start == n.end and namey(tree, m):
                hi = m  # "Holtz-Eakin" split at its hyphen
            else:
                break
        run = [w for w in tree.words if lo.id <= w.id <= hi.id]
        before = tree.previous(run[0])
        if len(run) >= 3 and run[0].id != head.id and before is not None and before.upos in ("DET", "ADP"):
            run = run[1:]  # «του Καζακστάν Κασίμ Τομάρ Τοκάγεφ»: a genitive modifier, then the name
        if len(run) > len(words) or not any(w.id == head.id for w in words):
            merged = {w.id: w for w in words + run}
            words = sorted(merged.values(), key=lambda w: w.id)
            words = _contiguous(words, head)
    # a bracket the phrase opens is closed inside it ("Sen. David Perdue (R-Ga.)": trimming dropped the ")")
    if sum(w.text.count("(") for w in words) > sum(w.text.count(")") for w in words):
        ahead = [w for w in tree.words if words[-1].id < w.id <= words[-1].id + 6]
        close = next((i for i, w in enumerate(ahead) if ")" in w.text), None)
        if close is not None:
            words = [*words, *ahead[: close + 1]]
        else:  # no closing bracket near: the phrase ends before its opening one
            cut = next(i for i, w in enumerate(words) if "(" in w.text)
            words = trim(words[:cut]) or words
    label, kind, role, proper, norm = describe(tree, head, words, lex)
    span_words = words + _relative_clause(tree, head, words, lex, exclude) if (source if relatives is None else relatives) else words
    return Mention(span=span_of(tree, span_words), label=label, type=kind, head=lemma(head), role=role, proper=proper, norm=norm)


def _relative_clause(tree: Tree, head: Word, words: list[Word], lex: Lexicon, exclude: Iterable[int]) -> list[Word]:
    """The relative clause right after a phrase («, who runs …», «που …»): only punctuation between, and
    nothing in it that reports (a complement clause or a quotation) or was excluded."""
    skip = set(exclude)
    for k in tree.children(head, "acl"):
        if k.id < words[-1].id or not (k.deprel == "acl:relcl" or relative_clause(tree, k)):
            continue
        sub = tree.subtree(k)
        if any(w.id in skip for w in sub) or not all(is_punct(w) for w in tree.words if words[-1].id < w.id < sub[0].id):
            continue
        if any(base(w.deprel) in ("ccomp", "parataxis") or quote_mark(tree, w) or lemma(w) in lex.complementizers for w in sub):
            continue
        return trim(sub)
    return []


_QUOTE_MARKS = frozenset("«»“”\"'‘’")


def quote_mark(tree: Tree, w: Word) -> bool:
    """A quotation mark, not the apostrophe of a plural possessive ("the veterans' families": stuck to a word
    in -s and followed by the noun it determines)."""
    if w.text not in _QUOTE_MARKS:
        return False
    before, after = tree.previous(w), tree.next(w)
    possessive = (
        w.text in "'’" and before is not None and before.end == w.start and before.text[-1:] in "sS"
        and after is not None and after.start > w.end and after.upos in ("NOUN", "PROPN", "ADJ", "NUM")
    )
    return not possessive


def _in_prepositional(tree: Tree, run: list[Word], head: Word) -> bool:
    """Whether a name run hangs on ``head`` through a preposition («ο πρόεδρος *από το Οβάλ Γραφείο*»)."""
    node: Word | None = run_head(tree, run)
    seen: set[int] = set()
    while node is not None and node.id != head.id and node.id not in seen:
        seen.add(node.id)
        if tree.children(node, "case"):
            return True
        node = tree.head(node)
    return False


def _apposed_name(tree: Tree, head: Word, words: list[Word], lex: Lexicon) -> list[Word] | None:
    """The name a role or honorific is set beside: «ο υπουργός Υγείας, Θ. Παπαδόπουλος», «ο κ. Νικολάου»,
    «ο νομάρχης Αχαΐας Γιάννης Κ.». A genitive after the role is its complement, never its name («ο υπουργός
    Εξωτερικών», «η δήμαρχος Πάτρας»), and neither is a name in a prepositional phrase."""
    for run in name_runs(tree, words, lex):
        run = [w for w in run if w.id > head.id]  # «ο Πρόεδρος Ντόναλντ Τραμπ»: the capitalised role is not the name
        while run and run[0].feat("Case") == "Gen" and not proper_name(run[:1], lex) and cases_differ(run[0], head):
            run = run[1:]  # «ο Υπουργός Βιομηχανίας και Εμπορίου Denis Manturov»: the portfolio, then the name
        if not run or not proper_name(run, lex) or _in_prepositional(tree, run, head):
            continue
        before = tree.previous(run[0])
        article = before.feat("Case") if before is not None and is_article(before) else None
        set_off = before is not None and (prev := tree.previous(before)) is not None and prev.text == ","
        # a genitive word after a role is its complement («ο υπουργός Εξωτερικών», «η δήμαρχος Πάτρας»); a
        # full name is not, whatever case the tagger gave it («η εισηγήτρια Αναστασία Λαζαρίδου»: women's
        # surnames in -ου look genitive)
        single = len([w for w in run if not is_punct(w)]) == 1
        if (single and run[0].feat("Case") == "Gen" and cases_differ(run[0], head)) or (article == "Gen" and not set_off):
            continue  # the role's complement («ο πρόεδρος του Καζακστάν», «ο ανταποκριτής του BBC»)
        if single and compound_genitive(tree, run, run_head(tree, run)) and lemma(head) not in lex.honorifics:
            continue  # «λίρες Αγγλίας»; never «η κ. Ηλιοπούλου» (a woman's surname in -ου)
        return run
    return None


def _owner(tree: Tree, head: Word, words: list[Word], lex: Lexicon) -> Word | None:
    """Whose document, information or view it is: «δημοσίευμα *του Bloomberg*», «κατά την άποψη *του
    επικεφαλής οικονομολόγου …, Τάσου Αναστασάτου*» — a genitive with no preposition."""
    inside = {w.id for w in words}
    for k in tree.children(head, "nmod"):
        if k.id > head.id and k.id in inside and not tree.children(k, "case") and k.feat("Case") in (None, "Gen"):
            return k
    return None


def _titled(run: list[Word], lex: Lexicon) -> tuple[str | None, list[Word]]:
    """A title or honorific the name run starts with ("President Kassym-Jomart Tokayev", "Sen. David
    Perdue"): the role, and the name without it."""
    title = None
    while len(run) > 1 and (fold(run[0].text) in lex.title_nouns or fold(run[0].text) in lex.honorifics or lemma(run[0]) in lex.title_nouns):
        title = title or (None if fold(run[0].text) in lex.honorifics else lemma(run[0]))
        run = run[1:]
    return title, run


def proper_name(run: list[Word], lex: Lexicon) -> bool:
    """A run that holds a proper noun, a foreign word or an acronym, or a capitalised noun of none of the
    lexicon's common-noun classes (a name the tagger called a noun: «Παπαχριστόπουλος»); capitalised
    titles, organisation and document nouns only describe («Πρόεδρος», «Πανεπιστημίου»)."""
    return any(
        w.upos in ("PROPN", "X") or (w.feat("Abbr") == "Yes" and w.text.isupper())
        or (w.upos == "NOUN" and w.text[:1].isupper() and lemma(w) not in lex.common_nouns and not people_noun(lemma(w), lex, w.feat("Gender")))
        for w in run
    )


def describe(tree: Tree, head: Word, words: list[Word], lex: Lexicon) -> tuple[str, str, str | None, bool, str | None]:
    """Label, entity type, role, whether the label is a proper name, and a description's lemma form, for the
    noun phrase ``words`` headed by ``head``.

    - a name labels itself, as written («Ντόναλντ Τραμπ», «Ευρωπαϊκή Αστυνομική Υπηρεσία»);
    - a role, title or honorific takes the name set beside it, and keeps its noun as the role;
    - a document, piece of information or view takes its named owner («πληροφορίες του ΑΠΕ-ΜΠΕ» →
      ΑΠΕ-ΜΠΕ, «η άποψη του οικονομολόγου Χ» → Χ);
    - anything else is described by its own words without the article, complement included («ο
      υπουργός Πολιτικής Αεροπορίας», «ο Ρεπουμπλικανός πρόεδρος»; a prepositional phrase stays out).
    """
    key = lemma(head)
    runs = name_runs(tree, words, lex)
    own = next((r for r in runs if any(w.id == head.id for w in r) and proper_name(r, lex)), None) if proper_name([head], lex) else None
    if own is not None:
        title, own = _titled(own, lex)
        return name_label(tree, own, lex), "Person" if title else entity_type(tree, head, words, own, lex), title, True, None
    honorific = key in lex.honorifics or fold(head.text) in lex.honorifics
    kind = "Person" if honorific or key in lex.title_nouns else noun_type(tree, head, lex)
    if kind in ("Person", "Organization", "NewsMediaOrganization") and (name := _apposed_name(tree, head, words, lex)) is not None:
        return name_label(tree, name, lex), kind, None if honorific else key, True, None
    if head.upos != "NOUN" and kind is None and (name := _apposed_name(tree, head, words, lex)) is not None:
        # «ο 15χρονος Πορντσάι Καμλουάν»: a modifier the tagger took for the head; the name is the mention
        return name_label(tree, name, lex), entity_type(tree, name[-1], name, name, lex), None, True, None
    if (key in lex.information_nouns or key in lex.unnamed_source_nouns) and (owner := _owner(tree, head, words, lex)) is not None:
        label, kind, _, proper, _ = describe(tree, owner, [w for w in words if tree.dominates(owner, w)], lex)
        if proper and kind not in ("Thing", "UnnamedSource"):
            return label, kind, None, True, None
    clauses = {x.id for w in words if w.id != head.id and base(w.deprel) == "acl" for x in tree.subtree(w)}
    body = description_body(tree, head, [w for w in words if not _in_prepositional(tree, [w], head) and w.id not in clauses], lex)
    kind = entity_type(tree, head, words, [], lex)
    role = key if head.upos in ("NOUN", "ADJ") else None
    return span_of(tree, body).text, kind, role, False, description_norm(tree, body, head)


def description_body(tree: Tree, head: Word, words: list[Word], lex: Lexicon) -> list[Word]:
    """The words that describe: no leading article, punctuation or count («τα 12 μέλη», «δεκάδες
    διαδηλωτές»: how many is a figure of the claim, not who they are)."""
    def count(w: Word) -> bool:
        key = lemma(w)
        return (
            w.upos == "NUM" or key in lex.number_words or key in lex.vague_numbers or fold(w.text) in lex.number_words
            or fold(w.text) in lex.approximators or key in lex.approximators
        )

    body = list(words)
    while len(body) > 1 and body[0].id != head.id and (is_article(body[0]) or is_punct(body[0]) or count(body[0])):
        body = body[1:]
    return trim(body) or [head]


def description_norm(tree: Tree, words: list[Word], head: Word) -> str:
    """A description with its head and the adjectives agreeing with it as lemmas, the rest as written
    («υπουργού Εξωτερικών» → «υπουργός Εξωτερικών», «ιδιώτες πιστωτές» → «ιδιώτης πιστωτής»)."""
    out = []
    for w in words:
        if is_article(w) or is_punct(w):
            continue  # «μέλη των σωμάτων ασφαλείας» and «μέλη σωμάτων ασφαλείας» are one description
        agreeing = w.id == head.id or (w.upos == "ADJ" and w.head == head.id and not cases_differ(w, head))
        out.append(w.lemma if agreeing and w.lemma else w.text)
    return " ".join(out)


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
