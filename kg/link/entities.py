"""Canonical entities across documents and scripts.

How a mention finds its entity, in order:

1. **Gazetteer** (:mod:`kg.link.gazetteer`): a mention whose label, alias or
   sound is a known entry gets the entry's id, type, labels and Wikidata id,
   whatever type the parser guessed («Καζακστάν» is a Place, «Reuters» a news
   outlet).
2. **Role descriptions** (a label that is not a name, with a role noun): within
   a document, «ο πρόεδρος του Καζακστάν» refers back to the last named holder
   of that role («ο πρόεδρος Τοκάγιεφ»); failing that, to a gazetteer entry
   that lists the description among its ``roles``.
3. **People** (Person mentions whose label is a name) match by surname: the
   surnames' phonetic skeletons (:mod:`kg.link.names`, Greek and Latin alike)
   must be equal or at least :data:`FUZZY_THRESHOLD` similar, and the first
   given names, when both sides have one, must agree (equal, similar, or one
   the initial of the other). The test is symmetric, so the same mentions give
   the same clusters in any order.
4. **Other names** (capitalised labels) merge when their skeletons are equal
   and their types compatible (never a Place with a GroupOfPeople: Ρωσία is not
   Ρώσοι); they are not fuzzy-matched, since one letter often separates two
   places or organisations.
5. **Everything else** (lowercase descriptions, «κυβέρνηση») is keyed by its
   transliterated label.

**Ids** (used in IRIs, so they must not change between builds):

- a gazetteer entry's ``id``;
- a person: the skeleton of the surname («Τοκάγιεφ», «Τοκάγεφ» and "Tokayev"
  are all ``tokayef``), so that spelling variants give the same id whichever
  is read first. When that id is taken by another person (a different given
  name) or another kind of entity, the whole name's skeleton
  (``nikos-papadopulos``), then a counter, are used; only this case depends on
  the order in which documents are read;
- anything else: :func:`entity_key` of the label as first read (ELOT-style
  transliteration: ``kyvernisi``, ``proedros-tou-kazakstan``).

Ids are handed out as documents stream through (a document's graph is written
before the next is read), so an id is never revised; put an entity in the
gazetteer to pin its id.

**Labels and languages.** A label is tagged with the language of the sentence
it was read in (``link_document(…, languages)``), a gazetteer label with its
language key. An entity is described once per language
(:meth:`Linker.descriptions`, one :class:`~kg.types.Entity` each, whose
``lang`` is that language): its preferred label there and the other names read
or listed in it, so the graph can give one ``skos:prefLabel`` per language
(SKOS S14). The first description is the *primary* one, whose label is the
entity's name: the most frequent name, the fullest among equals, in the
language it was read in (a gazetteer entry: its first English label).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.lexicons import fold
from kg.link.gazetteer import DEFAULT_PATH, Gazetteer, GazetteerEntry, load_gazetteer
from kg.link.names import FUZZY_THRESHOLD, PersonName, given_compatible, match_form, person_name, skeleton, skeleton_word, surname_similarity
from kg.types import Attribution, Entity, Mention

__all__ = ["FUZZY_THRESHOLD", "Linker", "entity_key", "transliterate"]

_GREEK_DIGRAPHS = {"ου": "ou", "αι": "ai", "ει": "ei", "οι": "oi", "μπ": "b", "ντ": "d", "γκ": "g", "γγ": "ng", "τσ": "ts", "τζ": "tz"}
_GREEK = dict(zip("αβγδεζηθικλμνξοπρσςτυφχψω", ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r", "s", "s", "t", "y", "f", "ch", "ps", "o"]))


def transliterate(text: str) -> str:
    """Folded Greek → Latin (ELOT 743-like, simplified); other characters pass through."""
    text = fold(text)
    out: list[str] = []
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair in _GREEK_DIGRAPHS:
            out.append(_GREEK_DIGRAPHS[pair])
            i += 2
            continue
        out.append(_GREEK.get(text[i], text[i]))
        i += 1
    return "".join(out)


def entity_key(label: str) -> str:
    """A stable, readable key: transliterated, lowercase, hyphen-separated."""
    key = re.sub(r"[^\w]+", "-", transliterate(label)).strip("-")
    return key or "unnamed"


def _is_name(m: Mention) -> bool:
    """A proper name rather than a description: as the extractor says, else by its capital letter."""
    if m.proper is not None:
        return m.proper
    return bool(m.label[:1]) and m.label[:1].isupper()


# How specific a type is: a cluster takes its most specific type (ties: the most frequent, then by name).
# A NamedThing (a law, treaty, product, named event) is a name as sure as a place's; only Thing, the
# parser's no-guess, gives way to it (_compatible).
_SPECIFIC = {
    "Thing": 0, "GroupOfPeople": 1, "UnnamedSource": 1,
    "Place": 2, "Organization": 2, "Person": 2, "NamedThing": 2, "NewsMediaOrganization": 3,
}
_ORGANISATIONS = {"Organization", "NewsMediaOrganization"}
_AFFILIATING = {"Person", "GroupOfPeople"}
# "ανταποκριτής του BBC", "correspondent of the BBC": the genitive after a head noun
_GENITIVE = re.compile(r"\s(?:του|της|των|of the|of)\s+", re.IGNORECASE)


def _compatible(a: str, b: str) -> bool:
    """Whether mentions of types a and b may be one entity (Thing is a guess that fits anything)."""
    return a == b or "Thing" in (a, b) or {a, b} <= _ORGANISATIONS


Label = tuple[str | None, str]
"""(language or None, text): a label and the language it was read or listed in."""


def _language(code: str | None) -> str | None:
    """A language tag for labels: None when unknown ("und" is stanza's and the parse cache's unknown)."""
    return code if code and code != "und" else None


def _ranked(labels: Mapping[Label, int]) -> list[Label]:
    """Labels best first: names (capitalised) before descriptions, then the most frequent; the fullest
    name among equals («Ελένη Ζεγκίνη» over «Ζεγκίνη»); then by text and language.

    A description («πρόεδρος του Καζακστάν») names an entity only when it has no name.
    """

    def rank(lt: Label) -> tuple[bool, int, int, str, str]:
        named = lt[1][:1].isupper()
        return (not named, -labels[lt], -len(lt[1].split()) if named else 0, lt[1], lt[0] or "~")

    return sorted(labels, key=rank)


@dataclass
class _Cluster:
    key: str
    labels: Counter = field(default_factory=Counter)  # Label → how often it was read
    types: Counter = field(default_factory=Counter)
    roles: set = field(default_factory=set)  # (language or None, role lemma)
    names: list = field(default_factory=list)  # PersonName of each distinct personal name seen
    entry: GazetteerEntry | None = None

    @property
    def type(self) -> str:
        if self.entry is not None:
            return self.entry.type
        if not self.types:
            return "Thing"
        return max(self.types, key=lambda t: (_SPECIFIC.get(t, 0), self.types[t], t))


class Linker:
    """Assigns entity ids to mentions; keeps clusters across every document it sees.

    ``gazetteer``: a :class:`~kg.link.gazetteer.Gazetteer`, a path to one, or
    None for none. The default is the bundled ``data/gazetteer.json``
    (:mod:`kg.bundled`), in a source checkout and an installed wheel alike.
    """

    def __init__(self, threshold: float = FUZZY_THRESHOLD, gazetteer: Gazetteer | Path | str | None = DEFAULT_PATH) -> None:
        self.threshold = threshold
        if isinstance(gazetteer, (str, Path)):
            gazetteer = load_gazetteer(gazetteer)
        self.gazetteer: Gazetteer | None = gazetteer
        self._clusters: dict[str, _Cluster] = {}
        self._people: list[str] = []  # keys of clusters of named people, in creation order
        self._named: dict[str, list[str]] = {}  # skeleton match form → keys of named non-person clusters
        self._known: dict[str, tuple[Label, ...]] = {}  # entity id → the preferred labels a graph gives it, its name first

    def remember(self, labels: Mapping[str, Sequence[Label]]) -> None:
        """Preferred labels that a graph being extended already uses, per entity id, its name first.

        An entity keeps its name, and its preferred label in each language, as
        documents are added: without this, adding one document to a graph
        could describe an entity already in it under another preferred label
        («Κασίμ Τομάρ Τοκάγεφ» beside «Τοκάγιεφ»). A label without a language
        (a graph built before labels had one) keeps the name only where the
        same text is read again.
        """
        self._known.update((key, tuple(pairs)) for key, pairs in labels.items())

    # ------------------------------------------------------------------ keys

    def _free(self, key: str) -> bool:
        return key not in self._clusters

    def _person_key(self, m: Mention) -> str:
        """A known person this name fits best, else a new person's id (see the module docstring)."""
        name = person_name(m.label)
        if name is None:
            return entity_key(m.label)
        best: tuple[float, int, str] | None = None
        for key in self._people:
            names: list[PersonName] = self._clusters[key].names
            score = max(surname_similarity(n.surname, name.surname) for n in names)
            if score < self.threshold or not all(given_compatible(n, name, self.threshold) for n in names):
                continue
            # the most similar surname; then a cluster that confirms the given name; then the smallest id
            confirms = 0 if name.given and any(n.given for n in names) else 1
            rank = (-score, confirms, key)
            best = rank if best is None or rank < best else best
        if best is not None:
            return best[2]
        words = [w for w in (skeleton_word(t) for t in re.split(r"[^\w]+", m.label)) if w]
        for key in (words[-1], "-".join(words)):
            if self._free(key):
                return key
        n = 2
        while not self._free(f"{'-'.join(words)}-{n}"):
            n += 1
        return f"{'-'.join(words)}-{n}"

    def _name_key(self, m: Mention) -> str:
        """A named non-person: a cluster with the same skeleton and a compatible type, else its own key."""
        form = match_form(skeleton(m.label))
        for key in self._named.get(form, ()):
            if _compatible(self._clusters[key].type, m.type):
                return key
        key = entity_key(m.label)
        if key in self._clusters and not _compatible(self._clusters[key].type, m.type):
            key = f"{key}-{m.type.lower()}"
        return key

    def key(self, m: Mention) -> str:
        """The id a mention links to, ignoring the document's role holders."""
        entry = self.gazetteer.lookup(m, self.threshold) if self.gazetteer else None
        if entry is not None:
            return entry.id
        if not _is_name(m):
            if self.gazetteer and m.norm and (entry := self.gazetteer.by_label(m.norm)):
                return entry.id  # «διαδηλωτών», «οι διαδηλωτές» → the protesters
            if self.gazetteer and m.role and (entry := self.gazetteer.by_role(m.label) or self.gazetteer.by_role(m.norm or m.label)):
                return entry.id
            return entity_key(m.norm or m.label)
        if m.type == "Person":
            return self._person_key(m)
        return self._name_key(m)

    # ------------------------------------------------------------------ clusters

    def _cluster(self, key: str) -> _Cluster:
        cluster = self._clusters.get(key)
        if cluster is None:
            entry = self.gazetteer.entries.get(key) if self.gazetteer else None
            cluster = self._clusters[key] = _Cluster(key, entry=entry)
        return cluster

    def _register(self, key: str, m: Mention, lang: str | None = None) -> None:
        cluster = self._cluster(key)
        cluster.labels[(lang, m.label)] += 1
        cluster.types[m.type] += 1
        if m.role and _is_name(m):
            cluster.roles.add((lang, m.role))
        if cluster.entry is not None or not _is_name(m):
            return
        if m.type == "Person":
            name = person_name(m.label)
            if name is not None and name not in cluster.names:
                cluster.names.append(name)
            if cluster.names and key not in self._people:
                self._people.append(key)
        else:
            keys = self._named.setdefault(match_form(skeleton(m.label)), [])
            if key not in keys:
                keys.append(key)

    # ------------------------------------------------------------------ affiliations

    def affiliation(self, m: Mention) -> str | None:
        """The id of the known organisation a person or group is described by, or None.

        «ανταποκριτής του BBC» is a BBC correspondent (a Person, not the BBC):
        when the genitive after the head noun is a gazetteer organisation or
        outlet, its id is returned ("correspondent of the BBC", and the English
        prefix form "BBC correspondent", too). Needs a gazetteer.
        """
        if self.gazetteer is None or m.type not in _AFFILIATING:
            return None
        label = m.label.strip()
        tails = [label[g.end() :] for g in _GENITIVE.finditer(label)]
        words = label.split()
        heads = [" ".join(words[:n]) for n in range(len(words) - 1, 0, -1)] if _is_name(m) and not tails else []
        for candidate in tails + heads:
            entry = self.gazetteer.by_label(candidate) or self.gazetteer.by_sound(candidate)
            if entry is not None and entry.type in _ORGANISATIONS:
                self._cluster(entry.id)
                return entry.id
        return None

    def affiliations_of(self, attributions: tuple[Attribution, ...]) -> tuple[tuple[str, str], ...]:
        """(entity id, organisation id) for every linked mention described by a known organisation, sorted."""
        pairs = {
            (m.entity, org)
            for a in attributions
            for m in (a.source, a.reported_by, *a.about)
            if m is not None and m.entity and (org := self.affiliation(m)) and org != m.entity
        }
        return tuple(sorted(pairs))

    # ------------------------------------------------------------------ public

    def link_document(
        self, attributions: tuple[Attribution, ...], languages: Mapping[int, str] | None = None
    ) -> tuple[Attribution, ...]:
        """Set ``entity`` on every mention of one document's attributions (in text order).

        ``languages`` maps a sentence index to the language it was parsed in
        (``Sentence.lang``); a mention's label takes the language of its
        attribution's sentence. Without it, labels have no language.
        """
        roles: dict[str, str] = {}  # role lemma → key of its last named holder in this document
        languages = languages or {}

        def link(m: Mention | None, lang: str | None) -> Mention | None:
            if m is None:
                return None
            if not _is_name(m) and m.role and m.role in roles:
                key = roles[m.role]
            else:
                key = self.key(m)
                if m.role and _is_name(m):
                    roles[m.role] = key
            self._register(key, m, lang)
            self.affiliation(m)
            return replace(m, entity=key)

        out = []
        for att in sorted(attributions, key=lambda a: a.cue.start):
            lang = _language(languages.get(att.sentence))
            reported_by = link(att.reported_by, lang)
            source = link(att.source, lang)
            about = tuple(link(m, lang) for m in att.about)
            out.append(replace(att, source=source, reported_by=reported_by, about=about))
        return tuple(sorted(out, key=lambda a: (a.content.start, a.cue.start)))

    def _labels(self, cluster: _Cluster) -> tuple[Label, dict[str | None, list[str]], set[Label]]:
        """The entity's name; per language its labels, best first; and the labels that may be preferred.

        A gazetteer entry's labels come first in their language (its first
        label there is the preferred one); then the labels a graph already
        prefers (:meth:`remember`); then the labels read, best first
        (:func:`_ranked`); aliases last, and never preferred.
        """
        entry = cluster.entry
        known = () if entry is not None else self._known.get(cluster.key, ())
        tagged = [(lang, text) for lang, text in known if lang is not None]
        listed = list(entry.labels) if entry is not None else []
        # a label read (or listed) in no known language is the entity's label of that text in a known one
        languages: dict[str, str] = {}
        read = sorted((lt for lt in cluster.labels if lt[0] is not None), key=lambda lt: (-cluster.labels[lt], lt))
        for lang, text in (*listed, *tagged, *read):
            languages.setdefault(text, lang)
        counts: Counter = Counter()
        for (lang, text), n in cluster.labels.items():
            counts[(lang or languages.get(text), text)] += n
        seen = _ranked(counts)
        aliases = [(lang, text) for lang, text in (entry.aliases if entry is not None else ()) if lang or text not in languages]
        by_lang: dict[str | None, list[str]] = {}
        for lang, text in (*listed, *tagged, *seen, *aliases):
            names = by_lang.setdefault(lang, [])
            if text not in names:
                names.append(text)
        if entry is not None:
            name = entry.name
        elif known and known[0][0] is not None:
            name = known[0]
        else:  # the best label read; a name remembered without a language, where it is read again
            name = next((lt for lt in seen if known and lt[1] == known[0][1]), seen[0])
        return name, by_lang, {*listed, *tagged, *counts, name}

    def descriptions(self, key: str) -> tuple[Entity, ...]:
        """The entity with this id, as known so far: one description per language, the primary one first.

        Each description has the language's preferred label as ``label``
        (the primary one: the entity's name), its other names as ``aliases``
        and the roles read or listed in that language. A language with
        aliases only (gazetteer aliases, also those of no stated language)
        has no preferred label: its ``label`` is empty.
        """
        cluster = self._clusters[key]
        entry = cluster.entry
        name, by_lang, preferable = self._labels(cluster)
        roles: dict[str | None, set[str]] = {}
        for lang, text in (*(entry.roles if entry is not None else ()), *cluster.roles):
            roles.setdefault(lang, set()).add(text)
        out = []
        for lang in sorted(by_lang.keys() | roles.keys(), key=lambda lang: (lang != name[0], lang is None, lang or "")):
            names = by_lang.get(lang, [])
            label = name[1] if lang == name[0] else next((t for t in names if (lang, t) in preferable), "")
            out.append(
                Entity(
                    id=key,
                    label=label,
                    type=cluster.type,
                    aliases=tuple(sorted(set(names) - {label})),
                    roles=tuple(sorted(roles.get(lang, ()))),
                    lang=lang,
                    wikidata=entry.wikidata if entry is not None else None,
                )
            )
        return tuple(out)

    def entity(self, key: str) -> Entity:
        """The primary description of the entity with this id (its name, in the language it was read in)."""
        return self.descriptions(key)[0]

    def entities_of(self, attributions: tuple[Attribution, ...]) -> tuple[Entity, ...]:
        """Every description (:meth:`descriptions`) of every entity the attributions' mentions point to,
        and of the organisations they are affiliated with: by id, each entity's primary description first."""
        keys = {m.entity for a in attributions for m in (a.source, a.reported_by, *a.about) if m is not None and m.entity}
        keys.update(org for _, org in self.affiliations_of(attributions))
        return tuple(d for k in sorted(keys) if k in self._clusters for d in self.descriptions(k))
