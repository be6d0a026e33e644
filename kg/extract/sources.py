"""Who said it: the source of a cue, from the parse.

In order: the cue's subject (a relative pronoun resolves to its antecedent);
the agent of a passive cue; for a cue whose content lies outside it
(parenthetical, quote, frame) a post-verbal object, which is the inverted
subject parsers often mislabel; a subject the parser attached to a preceding
«όπως …» frame; for gerunds (λέγοντας, saying) the governing verb's subject;
for a cue with a dropped subject, the nearest governing verb's subject that
agrees with it in number. Otherwise the source stays unresolved.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.extract.cues import Frame, cue_verb
from kg.extract.mentions import mention
from kg.extract.syntax import Tree, agrees, base, is_punct, is_verbal, lemma
from kg.lexicons import Lexicon
from kg.types import Mention, Word

_NOMINAL = ("NOUN", "PROPN", "PRON", "X", "ADJ", "NUM", "DET")


def _is_relative(w: Word, lex: Lexicon) -> bool:
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
    """Nominal active subjects (a clausal subject, «έγινε γνωστό *ότι …*», is content, not a source)."""
    return [
        k for k in tree.children(verb)
        if (k.deprel == "nsubj" or k.deprel.startswith("nsubj:") and k.deprel != "nsubj:pass") and not is_verbal(k)
    ]


def _first_person(w: Word) -> bool:
    return w.upos == "PRON" and w.feat("Person") in ("1", "2")


def direct_source(tree: Tree, verb: Word, lex: Lexicon, *, inverted: bool) -> tuple[Word | None, str]:
    """The source word attached to the verb itself, and how it was found."""
    for s in subjects(tree, verb):
        if _is_relative(s, lex):
            ante = antecedent(tree, s, verb)
            if ante is not None:
                return ante, "relative"
            continue
        return s, "subject"
    for k in tree.children(verb, "obl"):
        if k.deprel == "obl:agent" or (verb.feat("Voice") == "Pass" and any(lemma(c) in ("από", "by") for c in tree.children(k, "case"))):
            return k, "agent"
    if inverted or verb.upos == "VERB":
        for k in tree.children(verb, "obj", "iobj"):
            if k.id < verb.id or _is_relative(k, lex) or k.upos not in _NOMINAL:
                continue
            if k.feat("Case") in ("Acc", "Gen", "Dat") and not inverted:
                continue
            if k.feat("Case") == "Acc" and k.upos != "PROPN" and k.feat("Gender") != "Neut":
                continue  # neuter nominative and accusative look alike: the tag is no evidence there
            return k, "inverted"
    return None, ""


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
    word, how = direct_source(tree, verb, lex, inverted=inverted)
    if word is None and passive:
        return None, "passive"  # «αναφέρεται ότι», "it was reported that": the source is unexpressed, never guessed
    if word is None and (stolen := stolen_subject(tree, verb, frames)) is not None:
        word, how = stolen, "reattached"
    if word is None and verb.feat("VerbForm") in ("Conv", "Ger", "Part", "Inf"):
        for anc in tree.ancestors(verb):
            if is_verbal(anc):
                word, how = direct_source(tree, anc, lex, inverted=False)
                if word is None:
                    word = stolen_subject(tree, anc, frames)
                how = "gerund" if word is not None else ""
                break
    if word is None and verb.feat("Person") not in ("1", "2"):
        for anc in tree.ancestors(verb):
            if not is_verbal(anc) or anc.id in reported:
                continue  # the subject of a reported clause is a participant, not the speaker
            for s in subjects(tree, anc):
                if _is_relative(s, lex):
                    s = antecedent(tree, s, anc) or s
                if agrees(verb, s) and not _first_person(s) and s.id not in exclude:
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
            return mention(tree, word, lex, exclude=exclude)
    for nm in tree.children(noun, "nmod", "obl"):
        if any(lemma(c) in ("από", "by", "of") for c in tree.children(nm, "case")) and nm.upos in ("PROPN", "NOUN", "X"):
            return mention(tree, nm, lex, exclude=exclude)
    return None


def is_same_source(tree: Tree, noun: Word, lex: Lexicon) -> bool:
    """«η ίδια πηγή», "the same source": an anaphor for the previous source."""
    return lemma(noun) in lex.same_source_nouns and any(
        lemma(m) in lex.same_source_modifiers for m in tree.children(noun, "amod", "det", "nmod")
    )
