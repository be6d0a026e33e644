"""Canonical entities across documents.

A mention's key is its label folded (no case, no accents) and transliterated
to Latin, so «Τοκάγιεφ», «ΤΟΚΑΓΙΕΦ» and «του Τοκάγιεφ» (labels are lemma-based)
meet. People match by surname: surnames that differ by a letter or two
(«Τοκάγιεφ» / «Τοκάγεφ») merge when their similarity passes
:data:`FUZZY_THRESHOLD`, unless both mentions give first names that differ. Within a document, a bare role description («ο
πρόεδρος του Καζακστάν») refers back to the last named holder of that role
(«ο πρόεδρος Τοκάγιεφ»).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from kg.lexicons import fold
from kg.types import Attribution, Entity, Mention

FUZZY_THRESHOLD = 0.85
"""Similarity (difflib ratio on transliterated surnames) above which two people are one.
At 0.85 «tokagief»/«tokagef» (0.93) merge and «papadopoulos»/«papadakis» (0.67) do not."""

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
    return bool(m.label[:1]) and m.label[:1].isupper()


@dataclass
class _Cluster:
    key: str
    type: str
    labels: Counter = field(default_factory=Counter)
    roles: set = field(default_factory=set)


_SPECIFIC = {"Thing": 0, "GroupOfPeople": 1, "UnnamedSource": 1, "Place": 2, "Organization": 2, "Person": 2, "NewsMediaOrganization": 3}


class Linker:
    """Assigns entity ids to mentions; keeps clusters across every document it sees."""

    def __init__(self, threshold: float = FUZZY_THRESHOLD) -> None:
        self.threshold = threshold
        self._clusters: dict[str, _Cluster] = {}
        self._people: list[str] = []  # keys of Person clusters (full names), for fuzzy matching

    def _similar(self, a: str, b: str) -> bool:
        return a == b or (a[:1] == b[:1] and SequenceMatcher(None, a, b).ratio() >= self.threshold)

    def _person_key(self, m: Mention) -> str:
        """A person's key: a known person whose surname matches (and given names, when both have them), else a new one."""
        tokens = [entity_key(t) for t in m.label.split()]
        for known in self._people:
            other = known.split("-")
            if not self._similar(other[-1], tokens[-1]):
                continue
            given, known_given = tokens[:-1], other[:-1]
            if given and known_given and not any(self._similar(x, y) or x[:1] == y[:1] == x for x in given for y in known_given):
                continue
            return known
        key = "-".join(tokens)
        self._people.append(key)
        return key

    def key(self, m: Mention) -> str:
        if m.type == "Person" and _is_name(m):
            return self._person_key(m)
        return entity_key(m.label)

    def _register(self, key: str, m: Mention) -> None:
        cluster = self._clusters.setdefault(key, _Cluster(key, m.type))
        cluster.labels[m.label] += 1
        if _SPECIFIC.get(m.type, 0) > _SPECIFIC.get(cluster.type, 0):
            cluster.type = m.type
        if m.role and _is_name(m):
            cluster.roles.add(m.role)

    def link_document(self, attributions: tuple[Attribution, ...]) -> tuple[Attribution, ...]:
        """Set ``entity`` on every mention of one document's attributions (in text order)."""
        roles: dict[str, str] = {}  # role lemma → key of its last named holder in this document

        def link(m: Mention | None) -> Mention | None:
            if m is None:
                return None
            if not _is_name(m) and m.role and m.role in roles:
                key = roles[m.role]
            else:
                key = self.key(m)
                if m.role and _is_name(m):
                    roles[m.role] = key
            self._register(key, m)
            return replace(m, entity=key)

        out = []
        for att in sorted(attributions, key=lambda a: a.cue.start):
            reported_by = link(att.reported_by)
            source = link(att.source)
            about = tuple(link(m) for m in att.about)
            out.append(replace(att, source=source, reported_by=reported_by, about=about))
        return tuple(sorted(out, key=lambda a: (a.content.start, a.cue.start)))

    def entity(self, key: str) -> Entity:
        cluster = self._clusters[key]
        names = [label for label, _ in cluster.labels.most_common()]
        named = [n for n in names if n[:1].isupper()] or names
        label = named[0]
        return Entity(
            id=key,
            label=label,
            type=cluster.type,
            aliases=tuple(sorted(set(names) - {label})),
            roles=tuple(sorted(cluster.roles)),
        )

    def entities_of(self, attributions: tuple[Attribution, ...]) -> tuple[Entity, ...]:
        keys = {m.entity for a in attributions for m in (a.source, a.reported_by, *a.about) if m is not None and m.entity}
        return tuple(self.entity(k) for k in sorted(keys))
