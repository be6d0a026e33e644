"""A gazetteer of known entities (outlets, agencies, organisations, countries, capitals …) as data.

The file (default: the bundled ``data/gazetteer.json``, see ``data/README.md``) is a
JSON list of entries::

    {"id": "bbc", "type": "NewsMediaOrganization",
     "labels": {"en": ["BBC", "British Broadcasting Corporation"], "el": ["BBC"]},
     "aliases": {"en": ["BBC News"]}, "roles": [], "wikidata": "Q9531"}

Only ``id``, ``type`` and ``labels`` are required. ``aliases`` are other names
and forms, per language like ``labels`` or a plain list (names of no stated
language: the graph writes them without a language tag). ``roles`` are
descriptions that name the entity ("president of Kazakhstan", or per language
``{"en": [...], "el": [...]}``): a mention that *is* such a description links to
the entry. Users extend the file without code; a malformed entry is an
:class:`~kg.errors.InputError` naming the file and the entry.

A mention is looked up by its normalised label (case, accents and punctuation
ignored), then by the phonetic skeleton of :mod:`kg.link.names` (so «Ρόιτερς»
finds "Reuters" when the file lists either spelling's sound), then, for people,
by the surname and given-name rules the linker uses for people.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kg.bundled import bundled
from kg.errors import InputError
from kg.lexicons import fold
from kg.link.names import FUZZY_THRESHOLD, PersonName, given_compatible, person_name, skeleton, surname_similarity
from kg.types import ENTITY_TYPES, Mention

__all__ = ["DEFAULT_PATH", "GazetteerEntry", "Gazetteer", "load_gazetteer", "normalise"]

DEFAULT_PATH = bundled("data", "gazetteer.json")

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
ACRONYM = 5
"""All-capital names up to this many letters are acronyms, matched case-sensitively (see :func:`normalise`)."""
MIN_SOUND = 4
"""Shorter skeletons (acronyms: "AP", «ΕΕ») match by label only: two letters of sound say too little."""
_LANG = re.compile(r"^[a-z]{2,3}$")
_FIELDS = {"id", "type", "labels", "aliases", "roles", "wikidata", "note"}
_REQUIRED = ("id", "type", "labels")
# mention types that are never a gazetteer name by sound alone: «Ρώσοι» (the people) is not Russia
_NO_SOUND_MATCH = {"GroupOfPeople", "UnnamedSource"}


def normalise(text: str) -> str:
    """Case, accents and punctuation folded, words separated by one space: «Ρώιτερς» → ``ρωιτερς``."""
    return " ".join(re.split(r"[^\w]+", fold(text))).strip()


def _acronym(text: str) -> str | None:
    """The key of a short all-capital name ("US", "WHO", «ΠΟΥ», «Η.Π.Α.» → ``=ΗΠΑ``), else None.

    Gazetteer acronyms match only capitals: "us", "who" and «πού» are words.
    """
    letters = "".join(ch for ch in text if ch.isalnum())
    if letters.isupper() and len(letters) <= ACRONYM:
        return "=" + fold(letters).upper()
    return None


def _keys(text: str) -> list[str]:
    """Lookup keys of a label: its acronym key when it is all capitals, then its folded form."""
    return [k for k in (_acronym(text), normalise(text)) if k]


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One known entity."""

    id: str
    type: str
    labels: tuple[tuple[str, str], ...]  # (language, label), in file order
    aliases: tuple[tuple[str | None, str], ...] = ()  # (language or None, name)
    roles: tuple[tuple[str | None, str], ...] = ()  # (language or None, description)
    wikidata: str | None = None

    @property
    def name(self) -> tuple[str, str]:
        """(language, label) of the entity's name: its first English label, else its first label."""
        return next(((lang, text) for lang, text in self.labels if lang == "en"), self.labels[0])

    @property
    def label(self) -> str:
        """The preferred label: the first English one, else the first of any language."""
        return self.name[1]

    @property
    def names(self) -> tuple[str, ...]:
        """Every label and alias, preferred label first, without repeats."""
        seen: dict[str, None] = {self.label: None}
        for _, text in self.labels:
            seen.setdefault(text, None)
        for _, text in self.aliases:
            seen.setdefault(text, None)
        return tuple(seen)


def _fail(path: object, where: str, problem: str) -> InputError:
    return InputError(path, f"{where}: {problem}")


def _strings(value: object, path: object, where: str, field: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, where, f"{field!r} must be a list of non-empty strings, got {value!r}")
    return [v.strip() for v in value]


def _by_language(value: object, path: object, where: str, field: str) -> list[tuple[str, str]]:
    if not isinstance(value, Mapping) or not value:
        raise _fail(path, where, f"{field!r} must be an object of language code → list of strings, got {value!r}")
    out = []
    for lang, texts in value.items():
        if not isinstance(lang, str) or not _LANG.match(lang):
            raise _fail(path, where, f"{field!r} has a bad language code {lang!r} (ISO 639-1, e.g. \"en\", \"el\")")
        out.extend((lang, text) for text in _strings(texts, path, where, f"{field}.{lang}"))
    return out


def _maybe_by_language(value: object, path: object, where: str, field: str) -> list[tuple[str | None, str]]:
    """A field given per language (an object) or as a list of strings in no stated language."""
    if isinstance(value, Mapping):
        return list(_by_language(value, path, where, field))
    return [(None, text) for text in _strings(value, path, where, field)]


def _entry(raw: object, index: int, path: object) -> GazetteerEntry:
    where = f"entry {index}"
    if not isinstance(raw, Mapping):
        raise _fail(path, where, f"an entry must be an object, got {raw!r}")
    if isinstance(raw.get("id"), str):
        where = f"entry {index} ({raw['id']!r})"
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        raise _fail(path, where, f"unknown field(s) {', '.join(map(repr, unknown))}; valid fields: {', '.join(sorted(_FIELDS))}")
    missing = [f for f in _REQUIRED if f not in raw]
    if missing:
        raise _fail(path, where, f"missing field(s) {', '.join(map(repr, missing))}")
    if not isinstance(raw["id"], str) or not _ID.match(raw["id"]):
        raise _fail(path, where, f"'id' must be lowercase letters, digits and hyphens (it is used in IRIs), got {raw['id']!r}")
    if raw["type"] not in ENTITY_TYPES:
        raise _fail(path, where, f"unknown type {raw['type']!r}; valid types: {', '.join(ENTITY_TYPES)}")
    labels = _by_language(raw["labels"], path, where, "labels")
    aliases = _maybe_by_language(raw.get("aliases", []), path, where, "aliases")
    roles = _maybe_by_language(raw.get("roles", []), path, where, "roles")
    wikidata = raw.get("wikidata")
    if wikidata is not None and (not isinstance(wikidata, str) or not _WIKIDATA.match(wikidata)):
        raise _fail(path, where, f"'wikidata' must be an item id like \"Q9531\", got {wikidata!r}")
    return GazetteerEntry(raw["id"], raw["type"], tuple(labels), tuple(aliases), tuple(roles), wikidata)


class Gazetteer:
    """Known entities, indexed for lookup by label, sound and role."""

    def __init__(self, entries: Iterable[GazetteerEntry], path: object = "<gazetteer>") -> None:
        self.path = str(path)
        self.entries: dict[str, GazetteerEntry] = {}
        self._labels: dict[str, str] = {}  # normalised label or alias → id
        self._sounds: dict[str, set[str]] = {}  # match form of the skeleton → ids
        self._roles: dict[str, str] = {}  # normalised role description → id
        self._people: list[tuple[PersonName, str]] = []
        for entry in entries:
            if entry.id in self.entries:
                raise InputError(path, f"entry {entry.id!r}: the id is used twice")
            self.entries[entry.id] = entry
            for name in entry.names:
                key = _acronym(name) or normalise(name)
                other = self._labels.setdefault(key, entry.id)
                if other != entry.id:
                    raise InputError(path, f"entry {entry.id!r}: the label {name!r} already names entry {other!r}")
                if not key.startswith("="):  # acronyms have no sound to match
                    self._sounds.setdefault(skeleton(name), set()).add(entry.id)
                if entry.type == "Person" and (parsed := person_name(name)):
                    self._people.append((parsed, entry.id))
            for _, role in entry.roles:
                key = normalise(role)
                other = self._roles.setdefault(key, entry.id)
                if other != entry.id:
                    raise InputError(path, f"entry {entry.id!r}: the role {role!r} already belongs to entry {other!r}")

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self.entries

    def __getitem__(self, entry_id: str) -> GazetteerEntry:
        return self.entries[entry_id]

    def by_label(self, label: str) -> GazetteerEntry | None:
        """The entry a label or alias names, ignoring case, accents and punctuation."""
        for key in _keys(label):
            if found := self._labels.get(key):
                return self.entries[found]
        return None

    def by_sound(self, label: str) -> GazetteerEntry | None:
        """The one entry whose name has the same skeleton (None when none, or when several do).

        The whole skeleton, final *s* included: a sound match overrules the
        parser's type, so it must be close («Ρώιτερς» is Reuters, «Ρόιτερ» may
        be a person); list other forms (genitives) as labels or aliases.
        """
        form = skeleton(label)
        ids = self._sounds.get(form, set()) if len(form) >= MIN_SOUND else set()
        return self.entries[next(iter(ids))] if len(ids) == 1 else None

    def by_role(self, description: str) -> GazetteerEntry | None:
        """The entry a role description names ("president of Kazakhstan", «πρόεδρος του Καζακστάν»)."""
        found = self._roles.get(normalise(description))
        return self.entries[found] if found else None

    def person(self, label: str, threshold: float) -> GazetteerEntry | None:
        """The best person entry a personal name fits (surname alike, given names compatible)."""
        name = person_name(label)
        if name is None:
            return None
        scored = []
        for known, entry_id in self._people:
            score = surname_similarity(known.surname, name.surname)
            if score >= threshold and given_compatible(known, name, threshold):
                scored.append((-score, entry_id))
        return self.entries[min(scored)[1]] if scored else None

    def lookup(self, mention: Mention, threshold: float = FUZZY_THRESHOLD) -> GazetteerEntry | None:
        """The entry a mention names, or None.

        By label for any mention; by sound only for names (capitalised labels)
        of types that can be named (not a group or an unnamed source); by the
        person rules only for mentions typed Person.
        """
        label = mention.label.strip()
        if not label:
            return None
        entry = self.by_label(label)
        if entry or not label[:1].isupper() or mention.type in _NO_SOUND_MATCH:
            return entry
        entry = self.by_sound(label)
        if entry is None and mention.type == "Person":
            entry = self.person(label, threshold)
        return entry


def load_gazetteer(path: Path | str | None = None) -> Gazetteer:
    """Read and validate a gazetteer file (default: the bundled ``data/gazetteer.json``).

    The file is a list of entries, or an object with an ``entries`` list (and
    any other fields, e.g. ``about``, ignored).
    """
    path = Path(path) if path is not None else DEFAULT_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, "no gazetteer file here") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read the gazetteer: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    if isinstance(data, Mapping) and "entries" in data:
        data = data["entries"]
    if not isinstance(data, list):
        raise InputError(path, f"a gazetteer must be a list of entries (or {{\"entries\": [...]}}), got {type(data).__name__}")
    return Gazetteer((_entry(raw, i, path) for i, raw in enumerate(data)), path)
