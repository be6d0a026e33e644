"""Who said it: the source of a cue, from the parse.

In order: the cue's subject (a relative pronoun resolves to its antecedent);
the agent of a passive cue; for a cue whose content lies outside it
(parenthetical, quote, frame) a post-verbal object, which is the inverted
subject parsers often mislabel; a subject the parser attached to a preceding
«όπως …» frame; for gerunds (λέγοντας, saying) the governing verb's subject;
for a cue with a dropped subject, the nearest governing verb's subject that
agrees with it in number and person (a coordinated «ο Χ και ο Υ» is plural).
Otherwise the source stays unresolved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extract.cues import Frame, absolutive_subject, cue_verb
from kg.extract.mentions import mention, namey, phrase_number, phrase_person
from kg.extract.quotes import CLOSERS
from kg.extract.syntax import Tree, agrees, bare_participle, base, capitalised, could_be_subject, dateline, deponent, finite_clause, is_punct, is_verbal, lemma, trim
from kg.lexicons import Lexicon
from kg.types import Mention, Word

_NOMINAL = ("NOUN", "PROPN", "PRON", "X", "ADJ", "NUM", "DET")


def is_relative(w: Word, lex: Lexicon) -> bool:
    return w.feat("PronType") == "Rel" or (w.upos in ("PRON", "DET", "SCONJ") and lemma(w) in lex.relative_pronouns)


def antecedent(tree: Tree, pronoun: Word, verb: Word) -> Word | None:
    """What a relative pronoun stands for: the noun the relative clause hangs on, or the nearest agreeing noun before it."""
    if base(verb.deprel) == "acl":
        head = tree.head(verb)
        if head is not None and head.upos in _NOMINAL:
            return head
    for w in reversed([w for w in tree.words if w.id < pronoun.id]):
        if w.upos in ("NOUN", "PROPN", "X") and agrees(w, pronoun):
            gender = (w.feat("Gender"), pronoun.feat("Gender"))
            if None in gender or gender[0] == gender[1]:
                return w
    return None


def subjects(tree: Tree, verb: Word) -> list[Word]:
    """Nominal active subjects (a clausal subject, «έγινε γνωστό *ότι …*», is content, not a source).

    A deponent's ``nsubj:pass`` («ο Σαντόρουμ υποσχέθηκε») is its active subject. A preverbal
    subject cut off from a postposed cue belongs to the content (:func:`detached_subject`).
    """
    dep, bare = deponent(verb), bare_participle(tree, verb)
    # a finite verb with no passive mark at all (no passive auxiliary, no Voice=Pass) is active whatever the
    # parser labelled its subject ("Scott beamed and asked …" with Scott as nsubj:pass)
    unmarked = verb.feat("VerbForm") == "Fin" and verb.feat("Voice") is None and not tree.children(verb, "aux:pass")
    detached = {k.id for k in detached_subjects(tree, verb)}
    # (a misread past participle's nsubj:pass is its subject before it, «the governor added»; after it,
    # "said *Thursday* morning", it is anything but)
    return [
        k for k in tree.children(verb)
        if (k.deprel == "nsubj" or k.deprel.startswith("nsubj:") and (k.deprel != "nsubj:pass" or dep or ((bare or unmarked) and k.id < verb.id)))
        and not is_verbal(k)
        and _can_be_subject_of(tree, k, verb) and k.id not in detached and not dateline(tree, k)
    ]


_SEPARATORS = frozenset({",", "»", "”", "\"", ":", "—", "–"})


def detached_subjects(tree: Tree, verb: Word) -> list[Word]:
    """The preverbal ``nsubj`` phrases of a cue that also has a nominative subject after it and that a
    comma or a closing quote cuts off from the cue: they are subjects of the content.

    «Η νέα συμφωνία … δεν έχει σκοπό …, δήλωσε ο Πρόεδρος», «Η στρατηγική είναι η ανάπτυξη και αυτή είναι
    η φιλοσοφία μας» ανέφερε ο κ. Χ»: parsers hang the content's subjects on the postposed cue.
    """
    subs = [k for k in tree.children(verb, "nsubj") if not is_verbal(k)]
    after = [k for k in subs if k.id > verb.id and k.feat("Case") in (None, "Nom")]
    if not after:
        return []
    out = []
    for k in subs:
        if k.id > verb.id:
            continue
        core = trim(tree.subtree(k))  # a closing quote the parser hung on the subject still separates it
        end = core[-1].id if core else k.id
        if any(w.text in _SEPARATORS for w in tree.words if end < w.id < verb.id):
            out.append(k)
    return out


def detached_subject(tree: Tree, verb: Word) -> Word | None:
    """The first of :func:`detached_subjects`, the one that opens the content."""
    found = detached_subjects(tree, verb)
    return min(found, key=lambda k: k.id) if found else None


_YEAR = re.compile(r"1[0-9]{3}|20[0-9]{2}")


def _can_be_subject_of(tree: Tree, noun: Word, verb: Word) -> bool:
    """Morphology vetoes a parser's nsubj: a noun phrase is third person, and a subject is nominative.

    Statistical parses label fronted objects and time adverbials as subjects: «Η αξιολόγηση …
    πιστεύω ότι», «μερικές φορές αισθανόμαστε ότι», «Το 1991 ισχυρίστηκε πως». A first- or
    second-person verb takes only a pronoun of its person, or a phrase that contains one
    («εμείς οι βουλευτές», «όλοι μας»); an accusative, genitive or dative masculine or feminine
    form, or a bare year, is never a subject.
    """
    person = verb.feat("Person") or next((a.feat("Person") for a in tree.children(verb, "aux") if a.feat("Person")), None)
    if person in ("1", "2"):
        words = tree.subtree(noun)
        before = tree.previous(words[0]) if words else None
        speaker = [w for w in [*words, before] if w is not None and w.upos == "PRON" and w.feat("Person") in ("1", "2")]
        third = noun.upos in ("NOUN", "PROPN", "NUM") or (noun.upos in ("PRON", "DET") and noun.feat("Person") == "3")
        if third and not speaker:
            return False
    # the noun's own case; its article's only when the noun has none (foreign names): a parse may hang a
    # stray article on it («Από την άλλη, αρκετοί θεωρούν»)
    for x in [noun] if noun.feat("Case") else tree.children(noun, "det"):
        case = x.feat("Case")
        if case in ("Gen", "Dat") or (case == "Acc" and x.feat("Gender") in ("Masc", "Fem")):
            return False
    return not _YEAR.fullmatch(noun.text)


def _stray_nominative(tree: Tree, verb: Word) -> Word | None:
    """A nominative noun before a subjectless finite verb, hung by the parser as a modifier of a noun of
    the same clause («Από την πλευρά του ο Πρόεδρος … προσπάθησε»: ο Πρόεδρος as nmod of πλευρά).

    A noun modifier is genitive (or has a preposition); a nominative one with its own nominative
    article is the clause's subject. Only third-person verbs that agree with it qualify.
    """
    if not finite_clause(tree, verb) or verb.feat("Person") in ("1", "2"):
        return None
    for k in tree.children(verb):
        if k.id > verb.id or is_verbal(k):
            continue
        for w in tree.subtree(k):
            if (
                base(w.deprel) == "nmod" and w.upos in ("NOUN", "PROPN") and w.feat("Case") == "Nom" and agrees(verb, w)
                and not tree.children(w, "case") and any(d.feat("Case") == "Nom" for d in tree.children(w, "det"))
                and not any(is_verbal(a) for a in tree.ancestors(w) if a.id != verb.id and tree.dominates(k, a))
            ):
                return w
    return None


def _stranded_subject(tree: Tree, verb: Word) -> Word | None:
    """The subject right before a subjectless cue that the parser gave to the clause before it, across that
    clause's comma: "As improbable as it may seem, *Mr. Clarke* said …" (Clarke as a second subject of seem),
    "Although X lacks a record, *elected officials from both parties* say …" (as its object), "Based on …, *Sanders*
    on Tuesday said" (as a conjunct of a noun there). A name's number does not veto it (a tagger reads "Sanders"
    as a plural)."""
    if not finite_clause(tree, verb) or verb.feat("Person") in ("1", "2"):
        return None
    w = tree.previous(verb)
    while w is not None and (up := tree.head(w)) is not None and up.id < w.id and (
        base(w.deprel) in ("flat", "compound") or (base(w.deprel) == "nmod" and up.upos in ("NOUN", "PROPN") and tree.children(w, "case"))
    ):
        w = up  # "Mayor *Alvarez* said", "*officials* from both parties say": the phrase's head
    if w is None or w.upos not in ("NOUN", "PROPN") or base(w.deprel) not in ("nsubj", "obj", "conj", "appos"):
        return None
    if not (agrees(verb, w) or namey(tree, w)):
        return None
    clause = tree.head(w)
    if clause is None or clause.id > w.id or not (tree.dominates(verb, clause) or tree.dominates(clause, verb)):
        return None
    words = tree.subtree(w)
    if words[-1].id > verb.id or any(is_verbal(x) and x.feat("VerbForm") not in ("Part", "Ger") for x in words):
        return None
    first = (trim(words) or words)[0]  # (a comma the parser hung on the phrase still sets it off)
    return w if any(x.text == "," for x in tree.words if clause.id < x.id < first.id) else None


def _misread_name(tree: Tree, verb: Word, lex: Lexicon) -> Word | None:
    """A lone capitalised word between a comma and a subjectless finite cue, which the tagger took for a verb or
    modifier of it: a name ("In a statement, *Husted* said …", Husted read as a participle)."""
    if not finite_clause(tree, verb) or verb.feat("Person") in ("1", "2"):
        return None
    w = tree.previous(verb)
    before = tree.previous(w) if w is not None else None
    if w is None or before is None or before.text != "," or w.head != verb.id or not capitalised(w) or not w.text.isalpha():
        return None
    if base(w.deprel) in ("nsubj", "obj", "aux", "cop", "mark", "cc") or lex.is_time_noun(lemma(w)):
        return None
    return w if all(is_punct(k) for k in tree.children(w)) else None


def phrase_after_quote(tree: Tree, verb: Word) -> list[Word]:
    """The noun phrases between a closing quotation mark and its cue, when the parser hung them elsewhere
    («"…," Sen. Claire McCaskill (D-Mo.) said» with McCaskill as an apposition inside the quotation; «"…,"
    Rep. X (R-Ohio), an oversight panel member, said» with the cue a participle of the apposition): one noun
    phrase, or a name and its appositions set off by commas, with no preposition, before a finite cue or a
    past participle with nothing else to head it. Their heads, first the subject; none when no such phrase."""
    words: list[Word] = []
    w = tree.previous(verb)
    while w is not None and w.text not in CLOSERS:
        words.append(w)
        w = tree.previous(w)
    if w is None or not words:
        return []
    words.reverse()
    ids = {x.id for x in words}
    tops = [x for x in words if not is_punct(x) and x.head not in ids]
    if not tops or any(x.upos not in ("NOUN", "PROPN") or x.head == verb.id or tree.children(x, "case") for x in tops):
        return []
    if tops[0].feat("Case") not in (None, "Nom"):
        return []
    finite = bare_participle(tree, verb) or (finite_clause(tree, verb) and verb.feat("VerbForm") not in ("Ger", "Conv", "Part", "Inf"))
    appended = base(verb.deprel) == "acl" and verb.head in ids and verb.feat("VerbForm") == "Part" and verb.feat("Tense") == "Past"
    if not finite and not (appended and not tree.children(verb, "aux", "aux:pass", "cop", "mark")):
        return []
    # the quotation ends on its comma («,"» or «",»), and the phrases, set off by commas only, run up to the cue
    before, after = tree.previous(w), tree.next(w)
    if not ((before is not None and before.text == ",") or (after is not None and after.text == ",")):
        return []
    covered = {x.id for top in tops for x in tree.subtree(top) if x.id in ids}
    if len(tops) > 1 and any(x.id not in covered and x.text != "," for x in words):
        return []
    last = max(covered)
    return tops if all(is_punct(x) for x in words if x.id > last) else []


def subject_after_quote(tree: Tree, verb: Word) -> Word | None:
    """The subject among :func:`phrase_after_quote`'s phrases: the first."""
    tops = phrase_after_quote(tree, verb)
    return tops[0] if tops else None


def _nominative(tree: Tree, noun: Word) -> bool:
    """Unambiguously nominative: a masculine or feminine nominative (neuter nominative and accusative look alike)."""
    return any(x.feat("Case") == "Nom" and x.feat("Gender") in ("Masc", "Fem") for x in [noun, *tree.children(noun, "det")])


def may_invert(tree: Tree, verb: Word) -> bool:
    """Whether a post-verbal noun of ``verb`` can be its inverted subject («…», είπε ο Χ).

    Only a finite, active, third-person main verb inverts its subject; a gerund
    («μεταδίδοντας τραγούδια»), a passive, a first-person verb («θα σημειώσουμε
    επιτυχίες») or a subordinate verb takes objects there.
    """
    if bare_participle(tree, verb):
        return True
    if not finite_clause(tree, verb) or verb.feat("VerbForm") in ("Ger", "Conv", "Part"):
        return False
    if (verb.feat("Voice") == "Pass" and not deponent(verb)) or tree.children(verb, "aux:pass"):
        return False
    if verb.feat("Person") in ("1", "2") or any(a.feat("Person") in ("1", "2") for a in tree.children(verb, "aux")):
        return False
    if any(lemma(a) in ("να", "to") for a in tree.children(verb, "aux", "mark")):
        return False  # «ν' αναγγείλει το ευχάριστο γεγονός»: a controlled verb has its subject upstairs
    # a relative clause inverts freely («πληροφορίες που μεταδίδει το Reuters»); other subordinate clauses
    # («Όταν … θα προστεθούν νέες χώρες») are not cue phrases
    if verb.deprel == "acl:relcl":
        return True
    # (an advcl with no subordinator is how parsers attach a postposed cue: «…, τόνισε η Υπηρεσία.»)
    return not tree.children(verb, "mark") and base(verb.deprel) not in ("acl", "xcomp")


def verb_agreement(tree: Tree, verb: Word, lex: Lexicon | None = None) -> tuple[str | None, str | None]:
    """Number and person a cue verb marks, on itself or its auxiliary («έχουν δηλώσει»); None where unmarked.

    Where verbs do not mark their subject (``lex.pro_drop`` off: English), a past-tense lexical verb marks no
    number ("said"): a number the tagger gives it is a guess, and only an auxiliary's ("were") counts."""
    marked = [verb, *tree.children(verb, "aux", "cop")]
    if lex is not None and not lex.pro_drop:
        marked = [w for w in marked if not (w.upos == "VERB" and w.feat("Tense") == "Past")]
    number = next((w.feat("Number") for w in marked if w.feat("Number")), None)
    person = next((w.feat("Person") for w in marked if w.feat("Person")), None)
    return number, person


def agrees_with(tree: Tree, verb: Word, number: str | None, person: str | None, lex: Lexicon | None = None) -> bool:
    """Whether a source of this number and person can be the dropped subject of ``verb``.

    An inherited source is only a candidate, and morphology is the evidence against it: «ανακοίνωσαν»
    never has «ο Σανόγκο» as its subject, «δήλωσε» never «οι πραξικοπηματίες», and a first- or
    second-person verb is said by the speaker, never by a third person. Where either side does not
    mark a feature (an English past tense, a foreign name), the feature does not veto.
    """
    v_number, v_person = verb_agreement(tree, verb, lex)
    if v_number is not None and number is not None and v_number != number:
        return False
    if v_person is not None and person is not None and (v_person in ("1", "2") or person in ("1", "2")):
        return v_person == person
    return True


def _agrees(tree: Tree, verb: Word, noun: Word, lex: Lexicon) -> bool:
    """:func:`agrees_with` for a noun phrase of the same sentence (coordinated «ο Χ και ο Υ» is plural)."""
    return agrees_with(tree, verb, phrase_number(tree, noun, lex), phrase_person(tree, noun), lex)


def _first_person(w: Word) -> bool:
    return w.upos == "PRON" and w.feat("Person") in ("1", "2")


def _speaker_verb(tree: Tree, verb: Word) -> bool:
    """A first- or second-person verb (on itself or its auxiliary)."""
    return verb.feat("Person") in ("1", "2") or any(a.feat("Person") in ("1", "2") for a in tree.children(verb, "aux", "cop"))


def direct_source(
    tree: Tree, verb: Word, lex: Lexicon, *, inverted: bool, passive: bool = False, exclude: frozenset[int] | set[int] = frozenset()
) -> tuple[Word | None, str]:
    """The source word attached to the verb itself, and how it was found.

    The subject of a passive cue is what is said or whom it is said about («ο οποίος πιθανολογείται
    ότι χτίστηκε», «άλλων που κατηγορήθηκαν ότι …»), never the speaker: only an agent is. A bare «που»
    gives way to an unambiguously nominative subject of the same verb («τώρα που η Επιτροπή υπέβαλε»:
    «που» is a conjunction there); «ο οποίος» does not.
    """
    if not passive and (quoted := _quoted(tree, verb, lex)) is not None:
        return quoted, "quoted"
    # a subject inside the content is what was said about («Κάπου …» of a quotation hung on its cue)
    # a bare time noun the parser took for the subject ("tweets early *Friday* saying", "*Several weeks* …
    # stated") is when, never who
    # (but a month name opening the sentence right before its cue is a surname: "May said")
    found = [] if passive else [
        k for k in subjects(tree, verb) if k.id not in exclude and not (
            lex.is_time_noun(lemma(k)) and not tree.children(k, "case", "flat", "appos")
            and not (k.upos == "PROPN" and tree.previous(k) is None and k.id + 1 == verb.id)
        )
    ]
    if not lex.pro_drop and (verb.feat("VerbForm") == "Ger" or (verb.feat("VerbForm") == "Part" and verb.feat("Tense") == "Pres")):
        found = [k for k in found if k.id < verb.id]  # "…, saying *it* shows …": a gerund has no subject after it
    found = _nearest_subject_first(tree, verb, found, lex)
    bare = [s for s in found if is_relative(s, lex) and not tree.children(s, "det")]
    lexical = [s for s in found if not is_relative(s, lex) and _nominative(tree, s)]
    for s in (lexical[:1] if bare and lexical else found):
        if is_relative(s, lex):
            ante = antecedent(tree, s, verb)
            if ante is not None:
                return ante, "relative"
            continue
        return s, "subject"
    if not found and not passive and (
        stray := _stray_nominative(tree, verb) or _stranded_subject(tree, verb) or subject_after_quote(tree, verb) or _misread_name(tree, verb, lex)
    ) is not None:
        return stray, "subject"
    for k in tree.children(verb, "obl"):
        if k.deprel == "obl:agent" or (verb.feat("Voice") == "Pass" and any(lemma(c) in ("από", "by") for c in tree.children(k, "case"))):
            return k, "agent"
    if (inverted or verb.upos == "VERB") and may_invert(tree, verb) and lemma(verb) not in lex.addressee_verbs:
        # «"…," reported Reuters» with the cue read as a modifier of the name after it: that name
        head = tree.head(verb)
        if base(verb.deprel) == "amod" and head is not None and head.id > verb.id and head.upos in ("NOUN", "PROPN") and all(
            base(w.deprel) in ("flat", "compound") and w.head == head.id for w in tree.words if verb.id < w.id < head.id
        ):
            return head, "inverted"
        # a parser may label the inverted subject of «…», είπε ο Χ as obj (never accusative); in a language that
        # marks no case, only next to a quotation or as a parenthetical («"…," said Richard Revesz»)
        for k in tree.children(verb, "obj", "iobj"):
            if k.id < verb.id or is_relative(k, lex) or k.upos not in _NOMINAL:
                continue
            caseless = not any(x.feat("Case") for x in [k, *tree.children(k, "det")])
            if could_be_subject(tree, k) or (inverted and caseless and k.upos in ("PROPN", "NOUN") and not tree.children(verb, "nsubj")):
                return k, "inverted"
    return None, ""


def _nearest_subject_first(tree: Tree, verb: Word, found: list[Word], lex: Lexicon) -> list[Word]:
    """Two subjects before the cue that are no name and apposition: the one next to the cue first. A parser
    makes an opening phrase a second subject ("Following initial reports of the explosion, but before …, *X*
    said", "Frustration with police: *activists* say"); more than commas between them says they are two
    phrases, and the later one is the cue's."""
    before = [s for s in found if s.id < verb.id and not is_relative(s, lex)]
    if len(before) < 2:
        return found
    first, last = before[-2], before[-1]
    a, b = trim(tree.subtree(first)), trim(tree.subtree(last))
    if not a or not b or a[-1].id >= b[0].id:
        return found
    between = [w for w in tree.words if a[-1].id < w.id < b[0].id]
    if not any(w.text in _SEPARATORS or w.text == ";" for w in between) or not any(w.text in (":", ";") or not is_punct(w) for w in between):
        return found  # nothing sets them apart ("Wells Fargo just *this month* announced"), or "X, a Y, said": an apposition
    if any(lemma(w) in lex.coordinators for w in [*between, *tree.children(last, "cc")]):
        return found  # "X and its allies say", "X, Y's ally and its lifeline, said": one coordinated subject
    return [last, *[s for s in found if s.id != last.id]]


def _quoted(tree: Tree, verb: Word, lex: Lexicon) -> Word | None:
    """The one quoted by a quoting verb, named as its object or as the genitive of it: «το πρακτορείο
    παρέθεσε τον Λαβρόφ: "…"», «παραθέτοντας δηλώσεις του υπουργού». The words are the quoted person's;
    the subject only relays them."""
    if lemma(verb) not in lex.quoting_verbs:
        return None
    for obj in tree.children(verb, "obj"):
        if obj.upos in ("PROPN", "X") or lemma(obj) in lex.title_nouns:
            return obj
        for gen in tree.children(obj, "nmod"):
            if gen.feat("Case") in (None, "Gen") and not tree.children(gen, "case") and (gen.upos in ("PROPN", "X") or lemma(gen) in lex.title_nouns):
                return gen
    return None


def document_source(tree: Tree, verb: Word, lex: Lexicon) -> Word | None:
    """Who states an agentless passive cue, when the sentence names it by place or side:
    «στην έκθεση αναφέρεται ότι …» (the report), «από την πλευρά του υπουργείου διευκρινίζεται ότι …»
    (the ministry). Anything else leaves the passive unattributed."""
    for k in tree.children(verb, "obl"):
        cases = {lemma(c) for c in tree.children(k, "case")}
        if cases & lex.locative_prepositions and lemma(k) in lex.document_nouns:
            return k
        if lemma(k) in lex.side_nouns:
            owner = [g for g in tree.children(k, "nmod") if not tree.children(g, "case") and g.upos in _NOMINAL and g.upos != "PRON"]
            if owner:
                return owner[0]
    return None


_STOPS = frozenset({",", ":", ";", "«", "»", "\"", "“", "”", "—", "–", "(", ")"})


def postposed_subject(tree: Tree, verb: Word, exclude: set[int] | frozenset[int] = frozenset(), *, quoted: bool = False) -> Word | None:
    """The subject after a cue that the parser hung elsewhere: «…, ανέφεραν στο Reuters *πηγές* με γνώση
    του θέματος», «είπε από την πλευρά του *ο 15χρονος Π. Κ.* διευκρινίζοντας …».

    Only a finite, active, third-person main verb inverts its subject (:func:`may_invert`). The words
    after the verb are read up to a separator or another verb; the first noun there that has no
    preposition, agrees with the verb in number and can be nominative is the subject: a nominative, or
    a feminine or neuter plural, whose nominative and accusative look alike («πηγές», «μέλη»), with no
    accusative article; where nothing marks case (English), a noun or name next to a quotation.
    """
    if not may_invert(tree, verb):
        return None
    number = verb_agreement(tree, verb)[0]
    for w in tree.words:
        if w.id <= verb.id:
            continue
        if w.text in _STOPS or (is_verbal(w) and w.id != verb.id) or w.id in exclude:
            break
        if w.upos not in ("NOUN", "PROPN", "X") or tree.children(w, "case") or (number and w.feat("Number") and w.feat("Number") != number):
            continue
        arts = [d.feat("Case") for d in tree.children(w, "det") if d.feat("Case")]
        case = w.feat("Case")
        syncretic = case == "Acc" and w.feat("Number") == "Plur" and w.feat("Gender") in ("Fem", "Neut")
        if "Acc" in arts or "Gen" in arts or not (case in (None, "Nom") or syncretic):
            continue
        if case is None and not arts and not (quoted and w.upos in ("PROPN", "NOUN")):
            continue  # a foreign word with no article can be anything (next to a quotation: «"…," said Caddell»)
        while base(w.deprel) in ("compound", "flat") and (up := tree.head(w)) is not None and up.id > verb.id and up.upos in ("NOUN", "PROPN"):
            w = up  # "said *Tom* Alvarez, the mayor": the name's head, which carries its apposition
        return w
    return None


def stolen_subject(tree: Tree, verb: Word, frames: Iterable[Frame]) -> Word | None:
    """A subject the parser gave to a preceding «όπως μετέδωσε X,» frame although it lies after the frame's comma."""
    for f in frames:
        if f.kind != "as" or f.verb is None or f.clause is None or f.clause.id != verb.id:
            continue
        for s in tree.children(f.verb, "nsubj", "obj"):
            if f.region[1] < s.id < verb.id:
                return s
    return None


def resolve(
    tree: Tree,
    verb: Word,
    lex: Lexicon,
    frames: list[Frame],
    exclude: set[int],
    *,
    inverted: bool = False,
    reported: frozenset[int] = frozenset(),
    passive: bool = False,
) -> tuple[Word | None, str]:
    """The source word of a cue verb (head of its phrase) and the rule that found it ("" when unresolved).

    ``reported`` holds the words inside other cues' content clauses: a
    dropped subject is never inherited from them. An agentless passive cue
    keeps no source.
    """
    if (absolute := absolutive_subject(tree, verb, lex)) is not None:
        return absolute, "subject"  # «με τον Χ να σημειώνει ότι»: a controlled verb, whatever the parser gave it as subject
    word, how = direct_source(tree, verb, lex, inverted=inverted, passive=passive, exclude=exclude)
    if word is None and passive:
        found = document_source(tree, verb, lex)
        return (found, "document") if found is not None else (None, "passive")  # «αναφέρεται ότι», "it was reported that": the source is unexpressed, never guessed
    if word is None and (stolen := stolen_subject(tree, verb, frames)) is not None:
        word, how = stolen, "reattached"
    if word is None and (late := postposed_subject(tree, verb, exclude, quoted=inverted)) is not None:
        word, how = late, "inverted"
    nonfinite = verb.feat("VerbForm") in ("Conv", "Ger", "Part", "Inf")
    set_off = (before := tree.previous(verb)) is not None and before.text == ","
    if word is None and nonfinite and base(verb.deprel) == "acl" and not set_off and (noun := tree.head(verb)) is not None:
        # (after a comma a participle is the clause's, whatever noun the parser hung it on: "X attacked Y for
        # her record on taxes, saying …")
        issuer = tree.head(noun) if base(noun.deprel) == "obj" and lemma(noun) in lex.information_nouns else None
        if issuer is not None and is_verbal(issuer) and (found := [k for k in subjects(tree, issuer) if not is_relative(k, lex)]):
            return found[0], "gerund"  # "the Council issued a statement calling …": who issued it says it
        if noun.upos in ("NOUN", "PROPN", "PRON", "X") and not is_relative(noun, lex):
            # "an unnamed official saying that …": the noun the participle modifies, if a participle's number allows
            return (noun, "gerund") if _agrees(tree, verb, noun, lex) else (None, "")
    if word is None and nonfinite:
        for anc in tree.ancestors(verb):
            if is_verbal(anc):
                if _speaker_verb(tree, anc):
                    return None, "speaker"  # «απευθύνουμε έκκληση … επισημαίνοντας»: we, the speakers
                word, how = direct_source(tree, anc, lex, inverted=False, exclude=exclude)
                if word is None:
                    word = stolen_subject(tree, anc, frames)
                if word is not None and not _agrees(tree, verb, word, lex):
                    word = None  # a participle that marks number and disagrees: the next rule may find its subject
                how = "gerund" if word is not None else ""
                break
    if word is None and verb.feat("Person") not in ("1", "2"):
        for anc in tree.ancestors(verb):
            if is_verbal(anc) and _speaker_verb(tree, anc):
                break  # a first- or second-person clause: its subject is the speaker or the hearer, never further up
            if (not is_verbal(anc) and not tree.children(anc, "cop")) or anc.id in reported:
                continue  # the subject of a reported clause is a participant, not the speaker
            for s in subjects(tree, anc):
                if is_relative(s, lex):
                    s = antecedent(tree, s, anc) or s
                if _agrees(tree, verb, s, lex) and not _first_person(s) and s.id not in exclude:
                    word, how = s, "inherited"
                    break
            if word is not None:
                break
    return (word, how) if word is not None else (None, "")


def relayed_source(tree: Tree, noun: Word, lex: Lexicon, exclude: set[int]) -> Mention | None:
    """«πληροφορίες που μεταδίδει το Reuters» / "reports by Reuters": the outlet behind an information noun."""
    for rel in tree.children(noun, "acl"):
        if cue_verb(rel, lex) is None:
            continue
        word, _ = direct_source(tree, rel, lex, inverted=True)
        if word is not None and word.id != noun.id:
            return mention(tree, word, lex, exclude=exclude, source=True)
    for nm in tree.children(noun, "nmod", "obl"):
        if any(lemma(c) in ("από", "by", "of") for c in tree.children(nm, "case")) and nm.upos in ("PROPN", "NOUN", "X"):
            return mention(tree, nm, lex, exclude=exclude, source=True)
    return None


def is_same_source(tree: Tree, noun: Word, lex: Lexicon) -> bool:
    """«η ίδια πηγή», "the same source": an anaphor for the previous source."""
    return lemma(noun) in lex.same_source_nouns and any(
        lemma(m) in lex.same_source_modifiers for m in tree.children(noun, "amod", "det", "nmod")
    )
