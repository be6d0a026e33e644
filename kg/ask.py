"""Questions in a few keystrokes: ``kg ask OUT who-said --about Tokayev``.

Each question is a bundled SPARQL query; a name given by the user («Τοκάγιεφ»,
"Tokayev", "tokayev") is first resolved to the graph's entities — across case,
accents, inflection-free labels and Greek/Latin script — and each match is
bound as a parameter (never pasted into the query).
"""

from __future__ import annotations

from dataclasses import dataclass
from kg import queries
from kg.errors import InputError, QueryError
from kg.link.gazetteer import load_gazetteer
from kg.lexicons import fold
from kg.link.names import match_form, similarity, skeleton


@dataclass(frozen=True, slots=True)
class Question:
    name: str
    query: str
    help: str
    entity: str | None = None  # the option naming an entity ("about", "speaker"), bound as ?key
    params: tuple[str, ...] = ()  # other required parameters, as options


QUESTIONS: dict[str, Question] = {
    q.name: q
    for q in (
        Question("who-said", "who_said_about", "who said what about an entity", entity="about"),
        Question("said-by", "said_by", "everything a speaker said", entity="speaker"),
        Question("timeline", "timeline", "what was said about an entity, by date", entity="about"),
        Question("chains", "reporting_chains", "who reported whom (reporting chains)"),
        Question("sources", "sources_by_type", "sources by type, with how often they speak"),
        Question("most-cited", "most_cited", "the most cited sources"),
        Question("relays", "most_relaying", "the sources that relay others most"),
        Question("conflicts", "conflicts", "claims giving incompatible figures"),
        Question("numbers", "claims_with_numbers", "claims that give a figure"),
        Question("between", "claims_between", "claims made between two dates", params=("start", "end")),
        Question("claims", "claims_by_speaker", "what each speaker asserted, about what"),
    )
}

MATCH_THRESHOLD = 0.85
"""Similarity of name skeletons above which a name matches (kg.link.names: «Τοκάγεφ» ~ "Tokayev")."""


def _forms(label: str) -> set[str]:
    """A label and each of its words, folded, and their cross-script skeletons."""
    folded = fold(label)
    words = folded.replace("-", " ").split()
    return {folded, *words, *(match_form(skeleton(w)) for w in words if w), match_form(skeleton(folded))} - {""}


def resolve(store, name: str) -> list[str]:
    """Entity IRIs whose labels match ``name``: exactly or by a word, in any script, else nearly.

    A name the gazetteer knows in another language ("protesters" for
    «διαδηλωτές») also finds the entity the gazetteer gave that id.
    """
    wanted = _forms(name)
    target = match_form(skeleton(fold(name)))
    known = {entry.id for entry in _gazetteer_matches(name)}
    exact, near = set(), set()
    for row in queries.run(store, "entity_labels"):
        forms = _forms(str(row["label"]))
        if wanted & forms or str(row["key"]) == name or str(row["key"]) in known:
            exact.add(str(row["entity"]))
        elif target and any(similarity(target, f) >= MATCH_THRESHOLD for f in forms):
            near.add(str(row["entity"]))
    return sorted(exact or near)


def _gazetteer_matches(name: str) -> list:
    """Gazetteer entries a name matches, in any of their languages."""
    try:
        gazetteer = load_gazetteer()
    except InputError:  # no gazetteer file (an installed wheel): names still match by label
        return []
    entry = gazetteer.by_label(name) or gazetteer.by_sound(name)
    return [entry] if entry else []


def ask(
    store,
    question: str,
    *,
    about: str | None = None,
    speaker: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    **params: str,
) -> list[dict[str, object]]:
    """Answer one question; entity names are resolved, every value is bound.

    ``limit`` and ``offset`` select a page of the answer (kg.queries.page).
    """
    if question not in QUESTIONS:
        raise QueryError(f"unknown question {question!r}; valid: {', '.join(QUESTIONS)}")
    q = QUESTIONS[question]
    missing = [p for p in q.params if not params.get(p)]
    if missing:
        raise QueryError(f"question {question!r} needs --{' --'.join(missing)}")
    bound = {p: params[p] for p in q.params}
    if q.entity is None:
        return queries.run(store, q.query, limit=limit, offset=offset, **bound)
    name = {"about": about, "speaker": speaker}[q.entity]
    if not name:
        raise QueryError(f"question {question!r} needs --{q.entity} NAME")
    entities = resolve(store, name)
    if len(entities) == 1:  # the usual case: the store reads the page alone
        return queries.run(store, q.query, key=entities[0], limit=limit, offset=offset, **bound)
    # several entities answer to the name: their answers follow one another, so the page is cut
    # from the first offset + limit rows of each
    each = None if limit is None else offset + limit
    rows: list[dict[str, object]] = []
    for iri in entities:
        rows.extend(queries.run(store, q.query, key=iri, limit=each, **bound))
    return rows[offset:] if limit is None else rows[offset : offset + limit]
