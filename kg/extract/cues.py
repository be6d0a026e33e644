"""Cue finding: verbs of saying, and the frames «σύμφωνα με X», «κατά X», «όπως είπε X».

A cue verb is any verb whose lemma is in the language's lexicon; whether it
really reports speech is decided later by whether a content can be found for
it (a clause, a quote, or the text around a parenthetical cue). Frames are
prepositional or adverbial phrases that name a source for the clause they
modify.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.mentions import trailing_adjuncts
from kg.extract.syntax import Tree, base, finite_clause, is_punct, is_verbal, lemma
from kg.lexicons import CueVerb, Lexicon, fold
from kg.types import Word


@dataclass(frozen=True, slots=True)
class Frame:
    """A source frame: ``marker`` words, the source phrase head, the clause it modifies."""

    kind: str  # "according" | "as"
    markers: tuple[Word, ...]  # σύμφωνα + με, κατά, όπως + verb
    source: Word | None  # head of the source phrase
    clause: Word | None  # head of the clause the frame modifies
    verb: Word | None = None  # the verb of an as-frame (όπως *μετέδωσε*)
    region: tuple[int, int] = (0, 0)  # word ids the frame covers, inclusive


_STEMS: dict[int, tuple[Lexicon, tuple[tuple[str, CueVerb], ...]]] = {}


def _stems(lex: Lexicon) -> tuple[tuple[str, CueVerb], ...]:
    """Each cue verb's stems («δηλώνω» → δηλων, δηλω; «υπόσχομαι» → υποσχ), longest first, at least 4 letters,
    and the irregular aorist stems the lexicon lists («λέω» → ειπ, «γράφω» → γραψ), whatever their length
    (computed once per lexicon object; lexicons are immutable but not hashable)."""
    cached = _STEMS.get(id(lex))
    if cached is not None and cached[0] is lex:
        return cached[1]
    out: dict[str, CueVerb] = {}
    for key, entry in lex.cue_verbs.items():
        if " " in key:
            continue
        for ending in ("ιεμαι", "ουμαι", "αμαι", "ομαι", "ω"):
            if key.endswith(ending):
                stem = key[: -len(ending)]
                for s in (stem, stem[:-1] if stem[-1:] in ("ν", "ζ") else stem):
                    if len(s) >= 4:
                        out.setdefault(s, entry)
                break
    for key, stems in lex.aorist_stems.items():
        entry = lex.cue(key)
        if entry is not None:
            for s in stems:
                out.setdefault(s, entry)
    stems = tuple(sorted(out.items(), key=lambda kv: -len(kv[0])))
    _STEMS[id(lex)] = (lex, stems)
    return stems


def unaugmented(form: str, lex: Lexicon) -> list[str]:
    """A past form without its augment: the form itself, then «έγραψε» → γραψε (leading augment) and
    «διέψευσε» → διαψευσε, «ανήγγειλε» → αναγγειλε, «αναμετέδωσε» → αναμεταδωσε (an augment after a
    prepositional prefix, which lost its final vowel before it)."""
    out = [form]
    if not lex.augments or len(form) < 4:
        return out
    if form[0] in lex.augments:
        out.append(form[1:])
    fulls = {f for group in lex.augment_prefixes.values() for f in group}
    starts = {0} | {len(f) for f in fulls if form.startswith(f)}
    for start in sorted(starts):
        for elided, group in lex.augment_prefixes.items():
            at = start + len(elided)
            if form.startswith(elided, start) and at < len(form) - 2 and form[at] in lex.augments:
                out.extend(form[:start] + full + form[at + 1 :] for full in group)
    return out


def _by_form(w: Word, lex: Lexicon) -> CueVerb | None:
    """The cue a verb form belongs to when the lemmatizer gave it a non-word lemma
    («απείλησαν» → «απιιλώ», «υποσχέθηκαν» → «υποσχέτω», «διέψευσε» → «διαψεύω», «έγραψε» → «γράτω»):
    a cue's stem plus a known ending, on the form or the form without its augment."""
    if not lex.verb_endings or w.upos != "VERB":
        return None
    for form in unaugmented(fold(w.text), lex):
        for stem, entry in _stems(lex):
            if form.startswith(stem) and form[len(stem):] in lex.verb_endings:
                return entry
    return None


def cue_verb(w: Word, lex: Lexicon) -> CueVerb | None:
    if not is_verbal(w) and w.upos != "ADJ":  # some participles are tagged ADJ
        return None
    entry = lex.cue(w.lemma or w.text) or _by_form(w, lex)
    if entry is None and w.upos != "VERB":
        return None
    return entry


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue verb with its lexicon entry and surface words («είχε προφασιστεί», "pointed out", «έγινε γνωστό»)."""

    verb: Word
    entry: CueVerb
    words: tuple[Word, ...]
    heads: tuple[Word, ...]  # where its content clause may hang: the verb, then a phrasal part


def _modal(tree: Tree, w: Word, lex: Lexicon) -> bool:
    """A cue under a modal ("could say", «μπορεί να πει») reports no statement that was made.

    GDT attaches the να-clause of impersonal «πρέπει να» as its ``csubj``.
    """
    if any(lemma(a) in lex.modals for a in tree.children(w, "aux")):
        return True
    head = tree.head(w)
    return head is not None and base(w.deprel) in ("xcomp", "ccomp", "csubj") and lemma(head) in lex.modals and w.id > head.id


def imperative(tree: Tree, w: Word) -> bool:
    """"Note that …", "Please tell me …": an order to the reader, not a report.

    EWT leaves Mood off some imperatives: a root infinitive with no subject or auxiliary is one.
    """
    if w.feat("Mood") == "Imp":
        return True
    if base(w.deprel) == "conj" and (head := tree.head(w)) is not None and head.feat("Mood") == "Imp":
        return True
    return w.deprel == "root" and w.feat("VerbForm") == "Inf" and not tree.children(w, "nsubj", "aux", "mark", "cop")


def _irrealis(tree: Tree, w: Word, lex: Lexicon) -> bool:
    """A cue in a να/to clause reports nothing said, unless its governor makes the saying happen.

    «δεν θα ήταν αλήθεια να υπαινιχθεί κανείς», "meant to comment", "have to claim" are not
    statements; «θέλω να τονίσω», "went on to say", "is said to have told" (a cue over a cue) are.
    """
    if not any(lemma(k) in ("να", "to") for k in tree.children(w, "mark", "aux")):
        return False
    first, seen = w, {w.id}
    while base(first.deprel) == "conj" and (up := tree.head(first)) is not None and up.id not in seen:
        seen.add(up.id)
        first = up  # «θα ήθελα να συγχαρώ … και να υπενθυμίσω ότι»: the first conjunct's governor decides
    head = tree.head(first)
    if head is None or first.deprel == "root":
        return False
    if cue_verb(head, lex) is not None or lemma(head) in lex.control_governors:
        return False
    return absolutive_subject(tree, first, lex) is None


def absolutive_subject(tree: Tree, w: Word, lex: Lexicon) -> Word | None:
    """«… με τον Χάικο Μάας *να σημειώνει* ότι …», "with the minister saying that …": a verb hung on a
    noun introduced by με/with tells what that noun does; the noun is its subject."""
    head = tree.head(w)
    if head is None or base(w.deprel) not in ("acl", "advcl", "xcomp") or head.upos not in ("NOUN", "PROPN", "PRON", "X"):
        return None
    controlled = any(lemma(k) in ("να", "to") for k in tree.children(w, "mark", "aux")) or w.feat("VerbForm") in ("Ger", "Part", "Conv")
    relative = any(k.feat("PronType") == "Rel" or lemma(k) in lex.relative_pronouns for k in tree.children(w))
    if not controlled or relative:
        return None  # a relative clause on the noun («με το τέμπλο, ο οποίος …») says nothing of it
    if any(lemma(c) in lex.absolutive_prepositions for c in tree.children(head, "case")):
        return head
    return None


def _second_person(tree: Tree, w: Word) -> bool:
    return w.feat("Person") == "2" or any(k.feat("Person") == "2" and k.upos == "PRON" for k in tree.children(w, "nsubj"))


def _idle_experiencer(tree: Tree, w: Word, lex: Lexicon) -> bool:
    """Verbs of knowing, perceiving and hoping report a belief only of an overt subject that is not the reader.

    "let me know that …", "Hope you're well", "you'd like to know that …": the addressee or
    nobody would be the source (EWT email); in a pro-drop language the verb's person suffices.
    """
    if lemma(w) not in lex.experiencer_verbs:
        return False
    if _second_person(tree, w):
        return True
    has_subject = any(not is_verbal(k) for k in tree.children(w, "nsubj"))
    if has_subject:
        return False
    if lex.pro_drop and finite_clause(tree, w) and base(w.deprel) not in ("xcomp",):
        return False
    return w.feat("VerbForm") not in ("Ger", "Conv") or base(w.deprel) in ("xcomp",)


def quoting_marker(tree: Tree, w: Word, lex: Lexicon) -> bool:
    """A first-person «παραθέτω» ("I quote") subordinate to another cue: «ο Χ ανέφερε ότι, παραθέτω: "…"»,
    «θεώρησε ότι, και εδώ παραθέτω κατά λέξη, "…"». It marks the quotation as the governing cue's own
    words; the source is the one quoted (the governing cue's), never the speaker who quotes.
    Parsers hang the ότι and the quotation on it, as if it were the cue's complement."""
    if lemma(w) not in lex.quoting_verbs or base(w.deprel) not in ("advcl", "ccomp", "parataxis", "xcomp"):
        return False
    first = w.feat("Person") == "1" or any(k.feat("Person") == "1" and k.upos == "PRON" for k in tree.children(w, "nsubj"))
    head = tree.head(w)
    return first and head is not None and cue_verb(head, lex) is not None


def _topic_reference(tree: Tree, w: Word, entry: CueVerb, lex: Lexicon) -> bool:
    """«αναφέρθηκε στις ειρηνευτικές δυνάμεις», «το άρθρο αναφέρεται στη συμφωνία»: the mediopassive of a
    topic cue with a σε-phrase says what someone spoke or wrote *about*; only with a content clause
    («αναφέρεται ότι …») does it report a statement."""
    if fold(entry.lemma) not in lex.topic_cues or not _mediopassive(w, lex):
        return False
    if any(k for k in tree.children(w, "ccomp", "advcl", "csubj", "parataxis") if any(lemma(m) in lex.complementizers for m in tree.children(k, "mark"))):
        return False
    # «αναφέρεται *στη δήλωση*»: a document is where it is said, not what it is about
    return any(
        lemma(c) == "σε" and lemma(k) not in lex.document_nouns for k in tree.children(w, "obl") for c in tree.children(k, "case")
    )


def _mediopassive(w: Word, lex: Lexicon) -> bool:
    """A mediopassive form («αναφέρθηκε», «σημειώνεται»), whatever Voice the tagger gave it."""
    form = fold(w.text)
    return w.feat("Voice") == "Pass" or any(form.endswith(e) for e in lex.mediopassive_endings)


def first_person(tree: Tree, w: Word) -> bool:
    """A cue in the first or second person ("I think", "we know", "do you believe", «πιστεύω», «νομίζετε»)."""
    marked = [w, *tree.children(w, "aux")]
    if any(x.feat("Person") in ("1", "2") for x in marked if x.feat("VerbForm") in (None, "Fin")):
        return True
    return any(k.upos == "PRON" and k.feat("Person") in ("1", "2") for k in tree.children(w, "nsubj"))


def _nobody(tree: Tree, w: Word, lex: Lexicon) -> bool:
    """A cue whose subject (or its first conjunct's) is «κανείς», "nobody": no statement was made."""
    verbs = [w] + ([h] if base(w.deprel) == "conj" and (h := tree.head(w)) is not None else [])
    marks = {"«", "»", "\"", "“", "”"}
    return any(
        lemma(k) in lex.negative_pronouns and not any(x.text in marks for x in tree.between(k, w))
        for v in verbs for k in tree.children(v, "nsubj")
    )


def _aside(tree: Tree, w: Word, entry: CueVerb, lex: Lexicon) -> bool:
    """«Υπενθυμίζεται ότι …», «Σημειώνεται ότι …» opening a sentence: the journalist reminds the reader; an
    impersonal passive of an aside verb with no agent reports no one's statement."""
    if fold(entry.lemma) not in lex.aside_cues:
        return False
    if not _mediopassive(w, lex):
        return False
    if tree.children(w, "obl:agent") or any(not is_punct(x) and base(x.deprel) not in ("cc", "advmod", "discourse") for x in tree.words if x.id < w.id):
        return False
    return True


def _surface(tree: Tree, verb: Word, extra: list[Word]) -> tuple[Word, ...]:
    """The verb with its preceding auxiliaries (not να/θα), a particle and phrasal parts."""
    words = [verb, *extra]
    words += [k for k in tree.children(verb, "aux") if k.id < verb.id and verb.id - k.id <= 2 and lemma(k) not in ("να", "θα", "to")]
    words += [k for k in tree.children(verb, "compound:prt")]
    return tuple(sorted({w.id: w for w in words}.values(), key=lambda w: w.id))


def find_cues(tree: Tree, lex: Lexicon, skip: set[int]) -> list[Cue]:
    """Verbs of saying (and light-verb phrases such as «γίνεται γνωστό») not under a modal."""
    found: list[Cue] = []
    for w in tree.words:
        if w.id in skip:
            continue
        entry = cue_verb(w, lex)
        extra: list[Word] = []
        if entry is None and is_verbal(w) and lemma(w) in lex.phrasal_cues:
            extra = [k for k in tree.children(w) if lemma(k) in lex.phrasal_cues[lemma(w)]][:1]
            if extra:
                entry = CueVerb(lemma=f"{w.lemma} {extra[0].lemma}", needs_clause=True)
        if entry is None:
            continue
        if entry.particle and not any(lemma(k) == entry.particle for k in tree.children(w, "compound")):
            continue
        if _modal(tree, w, lex) or imperative(tree, w) or _irrealis(tree, w, lex) or _idle_experiencer(tree, w, lex):
            continue
        if quoting_marker(tree, w, lex) or _topic_reference(tree, w, entry, lex) or _aside(tree, w, entry, lex):
            continue
        if _nobody(tree, w, lex):
            continue  # «κανείς δεν υποστηρίζει ότι …»: nobody said it
        found.append(Cue(w, entry, _surface(tree, w, extra), (w, *extra)))
    return found


def _name_hyphen(tree: Tree, w: Word) -> bool:
    """A hyphen inside a name («ΑΠΕ - ΜΠΕ», «Σλέσβιχ - Χόλσταϊν»), between two capitalised words: no separator."""
    before, after = tree.previous(w), tree.next(w)
    return w.text == "-" and before is not None and after is not None and before.text[:1].isupper() and after.text[:1].isupper()


def _stray_subject(tree: Tree, verb: Word, end: int) -> Word | None:
    """A nominative noun phrase after an as-frame's verb that the parser hung elsewhere in the frame
    («Όπως αναφέρει στο ΑΠΕ-ΜΠΕ *ο Δημήτρης Βασσάλος*», parsed as a modifier of ΑΠΕ-ΜΠΕ): a masculine or
    feminine nominative with its own nominative article can only be the frame verb's subject."""
    for x in tree.words:
        if not verb.id < x.id <= end or x.upos not in ("NOUN", "PROPN") or base(x.deprel) in ("nsubj", "obj"):
            continue
        arts = [d for d in tree.children(x, "det") if d.feat("Case") == "Nom" and d.feat("Gender") in ("Masc", "Fem")]
        if x.feat("Case") in (None, "Nom") and arts and not tree.children(x, "case"):
            return x
    return None


def _region_end(tree: Tree, start: Word) -> int:
    """The frame runs from its marker to the next comma or dash, and never past the frame verb's own phrase
    («- όπως είπατε - μας είναι δύσκολο …»: the clause after it is the content)."""
    end = tree.words[-1].id
    for w in tree.words:
        if w.id > start.id and is_punct(w) and w.text in (",", ":", "—", "–", "-") and not _name_hyphen(tree, w):
            end = w.id - 1
            break
    return min(end, max(w.id for w in tree.subtree(start)))


def _np_region(tree: Tree, markers: tuple[Word, ...], source: Word, lex: Lexicon) -> tuple[int, int]:
    """A according-frame covers its markers and the source phrase (with its relative clause), but not the
    trailing adverbials a parser hung on it («σύμφωνα με πηγές *στην ίδια θέση* υπήρχε …»): they are the clause's."""
    drop = trailing_adjuncts(tree, source, lex.adjunct_prepositions)
    ids = [m.id for m in markers] + [w.id for w in tree.subtree(source) if w.id not in drop]
    return min(ids), max(ids)


def find_frames(tree: Tree, lex: Lexicon) -> list[Frame]:
    frames: list[Frame] = []
    for w in tree.words:
        keys = {lemma(w), fold(w.text)}  # EWT lemmatises "According" as "accord"
        key = next((k for k in keys if k in lex.according_adverbs | lex.according_prepositions | lex.as_markers), lemma(w))
        if key in lex.according_adverbs:
            frame = _according_adverb(tree, w, lex) or _opening_according(tree, w, lex)
            if frame:
                frames.append(frame)
        elif key in lex.according_prepositions and base(w.deprel) == "case":
            frame = _according_preposition(tree, w, lex)
            if frame:
                frames.append(frame)
        elif key in lex.as_markers:
            frame = _as_frame(tree, w, lex)
            if frame:
                frames.append(frame)
    return frames


def _according_adverb(tree: Tree, w: Word, lex: Lexicon) -> Frame | None:
    """σύμφωνα [με] X (GDT: σύμφωνα advmod, X obl of σύμφωνα) / according [to] X (EWT: according case of X)."""
    # the source follows the frame word: a phrase the parser hung on σύμφωνα before it is the clause's
    source = next((k for k in tree.children(w, "obl", "nmod", "obj") if not is_punct(k) and k.id > w.id), None)
    if source is not None and source.upos not in ("NOUN", "PROPN", "PRON", "X", "NUM", "ADJ"):
        return None  # «σύμφωνα με τη... νομοθεσία»: a stray article is no source
    if source is not None and _conformity(tree, w, source, lex):
        return None
    nxt = tree.next(w)
    marked = tree.head(nxt) if nxt is not None and base(nxt.deprel) in ("case", "fixed") else None
    # (an ADJ head with an article is a nominalised adjective the tagger missed: «σύμφωνα με τους διαδηλωτές»)
    nominal = marked is not None and (marked.upos in ("NOUN", "PROPN", "PRON", "X", "NUM") or (marked.upos == "ADJ" and tree.children(marked, "det")))
    if source is None and marked is not None and marked.id > w.id and nominal:
        # σύμφωνα [με X]: the parser hung X on the clause's verb, but its case marker follows σύμφωνα
        source = marked
    if source is not None:
        clause = tree.head(w)
        if clause is not None and clause.id == source.id:
            clause = tree.head(source)
    else:
        head = tree.head(w)
        if head is None or base(w.deprel) not in ("case", "advmod", "mark") or head.upos not in ("NOUN", "PROPN", "PRON", "X", "NUM", "ADJ"):
            return None
        source, clause = head, tree.head(head)
    if _conformity(tree, w, source, lex):
        return None  # "according to schedule", «σύμφωνα με το σχέδιο»
    # the frame word itself always, and the preposition after it («με», "to")
    after = tuple(
        x for x in tree.words
        if w.id < x.id < source.id and x.id <= w.id + 2 and not is_punct(x) and base(x.deprel) in ("case", "fixed", "mark")
    )
    markers = (w, *after)
    region = _np_region(tree, markers, source, lex)
    named = _relative_antecedent(tree, source, lex)
    if named is None or not (_sourcey(tree, named, lex) or (_set_off(tree, region) and _unlisted_source(tree, named))):
        # «σύμφωνα με τους ισχύοντες κανόνες», «η μέθοδος, σύμφωνα με την οποία», «…, σύμφωνα με το
        # άρθρο 202, …»: conformity, not a source
        return None
    return Frame("according", markers, named, clause, region=region)


def _opening_according(tree: Tree, w: Word, lex: Lexicon) -> Frame | None:
    """«Σύμφωνα με X, …», "According to X, …" read off the words where the parser missed the phrase (a small
    model takes "to police" for an infinitive): the frame word and its preposition open the sentence, the
    source phrase runs to the first comma, and the clause after it is the claim. The source is the phrase's
    last noun, as in a head-final noun phrase ("conservative talk radio host Rush *Limbaugh*")."""
    nxt = tree.next(w)
    if nxt is None or nxt.upos not in ("ADP", "PART") or not sentence_initial(tree, w):
        return None
    comma = next((x for x in tree.words if x.id > nxt.id and x.text == ","), None)
    if comma is None or comma.id - nxt.id > 12 or all(is_punct(x) for x in tree.words if x.id > comma.id):
        return None
    phrase = [x for x in tree.words if nxt.id < x.id < comma.id and not is_punct(x)]
    nouns = [x for x in phrase if x.upos in ("NOUN", "PROPN", "PRON", "X")]
    if not phrase or any(cue_verb(x, lex) is not None for x in phrase):
        return None
    source = (nouns or phrase)[-1]
    if any(x.upos == "NUM" or _conformity(tree, w, x, lex) for x in phrase):
        return None  # «σύμφωνα με το άρθρο 10 του Πρωτοκόλλου του 1965», "according to the 2010 rules": a norm
    if not (_sourcey(tree, source, lex) or _unlisted_source(tree, source)):
        return None
    return Frame("according", (w, nxt), source, None, region=(w.id, comma.id - 1))


def sentence_initial(tree: Tree, w: Word) -> bool:
    """Only punctuation and connectives («Ωστόσο,», «Πάντως») before ``w``: the frame opens its sentence."""
    return all(is_punct(x) or base(x.deprel) in ("cc", "discourse") or (x.upos == "ADV" and x.head == w.head) for x in tree.words if x.id < w.id)


def _conformity(tree: Tree, w: Word, source: Word, lex: Lexicon) -> bool:
    """«σύμφωνα με τον νόμο», "according to schedule": a norm or plan the clause conforms to, not a source.

    A ruling or law that opens the sentence («Σύμφωνα με την απόφαση, …») is a source: it is cited for
    what it says; inside a clause («φορολογείται σύμφωνα με τον νόμο») it is conformity.
    """
    key = lemma(source)
    if key not in lex.non_source_nouns:
        return False
    return not (key in lex.ruling_nouns and sentence_initial(tree, w))


def _sourcey(tree: Tree, noun: Word, lex: Lexicon) -> bool:
    """A noun that can name who or what states something: a name, a person pronoun, a title, an organisation,
    a medium, a group, an unnamed source or a document («έρευνα», "study")."""
    key = lemma(noun)
    if key in lex.non_source_nouns and key not in lex.ruling_nouns:
        return False
    if noun.upos in ("PROPN", "X") or (noun.upos == "PRON" and noun.feat("PronType") in (None, "Prs")):
        return True
    return key in (
        lex.unnamed_source_nouns | lex.same_source_nouns | lex.title_nouns | lex.organization_nouns
        | lex.media_nouns | lex.group_nouns | lex.information_nouns
    )


def _unlisted_source(tree: Tree, noun: Word) -> bool:
    """A phrase outside the source classes that a frame set off by commas may still name as a source
    («Σύμφωνα με άλλους,», «…, σύμφωνα με τους πυροσβέστες», "according to the vet,"), unless it is a
    numbered text or norm («σύμφωνα με το άρθρο 202», "according to Article 5") or a relative pronoun."""
    if noun.upos == "PRON":
        return noun.feat("PronType") != "Rel"
    nxt = tree.next(noun)
    numbered = any(k.upos == "NUM" for k in tree.children(noun)) or (nxt is not None and nxt.upos == "NUM")
    return not numbered


def inner_region(tree: Tree, region: tuple[int, int]) -> tuple[int, int]:
    """A frame's region without the punctuation that opens it: a comma the parser hung inside the frame
    («…, according to the NAACP» with the comma under «according») still stands before it."""
    lo, hi = region
    while lo < hi and (first := tree.word(lo)) is not None and is_punct(first):
        lo += 1
    return lo, hi


def _set_off(tree: Tree, region: tuple[int, int]) -> bool:
    """A frame at the start of its sentence or between punctuation: «Σύμφωνα με X, …», "…, according to X"."""
    lo, hi = inner_region(tree, region)
    before, after = tree.word(lo - 1), tree.word(hi + 1)
    if before is None or (is_punct(before) and before.text in (",", "—", "–", "-", "(", ":", ";", "«", "\"")):
        return True
    return after is not None and after.text in (",", "—", "–", "-", ")")


def _relative_antecedent(tree: Tree, source: Word, lex: Lexicon) -> Word | None:
    """The source itself, or for a relative pronoun («σύμφωνα με την οποία») the noun its clause modifies
    when that noun is a source; None when a relative pronoun stands for a non-source."""
    if source.feat("PronType") != "Rel" and not (source.upos == "PRON" and lemma(source) in lex.relative_pronouns):
        return source
    for anc in tree.ancestors(source):
        if base(anc.deprel) == "acl":
            noun = tree.head(anc)
            return noun if noun is not None and _sourcey(tree, noun, lex) else None
    return None


def _according_preposition(tree: Tree, w: Word, lex: Lexicon) -> Frame | None:
    """κατά + accusative source noun ("κατά πληροφορίες", "κατά την ίδια πηγή"); κατά + genitive means "against"."""
    noun = tree.head(w)
    if noun is None or noun.upos not in ("NOUN", "PROPN", "X"):
        return None
    up = tree.head(noun)
    if up is not None and up.id == noun.id + 1 and up.upos == "NOUN" and base(noun.deprel) in ("nmod", "amod") and up.feat("Case") == noun.feat("Case"):
        noun = up  # «Κατά τους Βυζαντινούς χρόνους»: the tagger took the adjective for a name; the phrase is about time
    # the case is on the noun, or (names without Case, «κατά του Στάλιν») on its article or the next word
    nxt = tree.next(w)
    cases = [noun.feat("Case")] + [d.feat("Case") for d in tree.children(noun, "det")] + [nxt.feat("Case") if nxt else None]
    if next((c for c in cases if c), None) == "Gen":
        return None  # κατά + genitive: "against"
    key = lemma(noun)
    dets = tree.children(noun, "det")
    named = noun.upos in ("PROPN", "X") or key in lex.unnamed_source_nouns or key in lex.same_source_nouns
    # a title, organisation or medium is a definite referent: «κατά την αστυνομία», never bare («κατ' αρχήν»)
    # (a document or a view is one too: «κατά την έκθεση», «κατά την άποψη του Χ»)
    definite = bool(dets) and any(key in c for c in (lex.title_nouns, lex.organization_nouns, lex.media_nouns, lex.information_nouns))
    months = lex.month_forms
    if not (named or definite) or key in lex.non_source_nouns or key in months or fold(noun.text) in months:
        return None  # (κατά τον Ιούνιο: "in June")
    return Frame("according", (w,), noun, tree.head(noun), region=_np_region(tree, (w,), noun, lex))


def _as_frame(tree: Tree, w: Word, lex: Lexicon) -> Frame | None:
    """όπως μετέδωσε X, … / as X reported, …: a subordinate cue verb with no content of its own."""
    verb = tree.head(w)
    if verb is None or cue_verb(verb, lex) is None:
        return None
    if any(w.id < k.id < verb.id and lemma(k) in lex.as_markers for k in tree.children(verb)):
        return None  # «καθώς, όπως τονίζει, …»: the marker next to the verb makes the frame; καθώς opens its clause
    # a source frame's verb is finite and leaves a gap where its complement would be: "as promised",
    # causal «καθώς δεν το θεωρεί ισορροπημένο», "as you know" (the reader's knowledge) are not frames
    if not finite_clause(tree, verb) or verb.feat("VerbForm") in ("Part", "Ger", "Conv"):
        return None
    if lemma(verb) in lex.experiencer_verbs:
        return None
    if tree.children(verb, "ccomp", "xcomp", "csubj"):
        return None  # (an obj is allowed: parsers label the inverted subject of «όπως μετέδωσε το BBC» obj)
    if any(lemma(k) in lex.negations or fold(k.text) in lex.negations for k in tree.children(verb, "advmod", "aux", "part")):
        return None
    end = _region_end(tree, verb)
    if any(verb.id < k.id <= end and tree.children(k, "mark") for k in tree.children(verb, "advcl", "parataxis") if is_verbal(k)):
        return None  # «καθώς το μέλλον θα δείξει εάν …»: the verb governs a clause of its own, it frames nothing
    before, after = tree.previous(w), tree.word(end + 1)
    set_off = before is None or is_punct(before) or (after is not None and after.text in (",", "—", "–"))
    if not set_off:
        return None  # "arrived early as the website suggests": manner, not a source frame
    inside = [k for k in tree.children(verb, "nsubj", "obj", "obl") if w.id <= k.id <= end and k.upos != "PRON"]
    subj = [k for k in inside if base(k.deprel) == "nsubj"]
    source = (subj or [k for k in inside if base(k.deprel) == "obj"] or [None])[0]
    if source is None:
        source = _stray_subject(tree, verb, end)
    return Frame("as", (w, verb), source, tree.head(verb), verb=verb, region=(w.id, end))
