"""Questions in a few keystrokes: ``kg ask OUT who-said --about Tokayev``.

Each question is a bundled SPARQL query; a name given by the user («Τοκάγιεφ»,
"Tokayev", "tokayev", «Токаев») is first resolved to the graph's entities by
the one name resolver, :mod:`kg.link.resolve` (whole names, then every content
word; never a shared article or a partial overlap), and each match is bound
as a parameter (never pasted into the query). A name that matches nothing is
a :class:`~kg.errors.NameNotFound` carrying the closest names, never an empty
or partial answer.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from kg import queries
from kg.errors import NameNotFound, QueryError
from kg.link.resolve import NameIndex, Named, bundled_gazetteer


@dataclass(frozen=True, slots=True)
class Question:
    name: str
    query: str
    help: str
    entity: str | None = None  # the option naming an entity ("about", "speaker"), bound as ?key
    params: tuple[str, ...] = ()  # other required parameters, as options
    speaker_filter: bool = False  # also takes --speaker, keeping the rows whose ?speaker it names

    @property
    def options(self) -> tuple[str, ...]:
        """Every option the question honours."""
        return (*((self.entity,) if self.entity else ()), *(("speaker",) if self.speaker_filter else ()), *self.params)


QUESTIONS: dict[str, Question] = {
    q.name: q
    for q in (
        Question("who-said", "who_said_about", "who said what about an entity (--speaker: only theirs)", entity="about", speaker_filter=True),
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

FILTERS = ("about", "speaker", "start", "end")
"""Every option a question may take; a question given one it does not honour is refused."""


def _type(types: str) -> str | None:
    """One class of the space-separated ``types`` column: Person when it is one (the resolver's person rule)."""
    names = types.split()
    return "Person" if "Person" in names else (names[0] if names else None)


def name_index(store, extra: Iterable[Named] = ()) -> NameIndex:
    """Every name (preferred and alternative labels, and the gazetteer's for its entities) of the graph's entities.

    ``extra`` adds names from elsewhere (``kg viz``: the unresolved speakers of its records).
    """
    types = {str(r["entity"]): _type(str(r["types"] or "")) for r in queries.run(store, "entities")}
    names = (
        Named(str(r["entity"]), str(r["label"]), str(r["key"]), types.get(str(r["entity"])))
        for r in queries.run(store, "entity_labels")
    )
    return NameIndex(itertools.chain(names, extra), bundled_gazetteer())


def resolve(store, name: str) -> list[str]:
    """Entity IRIs ``name`` names in the graph (the rule: :mod:`kg.link.resolve`); [] when none."""
    return list(name_index(store).resolve(name).entities)


def bind_names(store, query: str, params: dict[str, object]) -> dict[str, object]:
    """Parameters of a query (``kg query --param``) with each entity parameter given as a name resolved.

    A value that is an entity's id or IRI is kept; a name (any spelling or
    script) is replaced by the IRI of the one entity it names. A name of
    several entities is refused with their labels, a name of none raises
    :class:`NameNotFound`: the query never silently runs for the wrong entity
    or for nothing.
    """
    entity_params = {name for name, kind in queries.info(query).types if kind == "entity"}
    wanted = {k: v for k, v in params.items() if k in entity_params and isinstance(v, str) and v}
    if not wanted:
        return params
    index = name_index(store)
    bound = dict(params)
    for key, value in wanted.items():
        if index.knows(value):
            continue
        entities = _entities(index, f"param {key}", value)
        if len(entities) > 1:
            labels = "; ".join(f"{index.label(e)} ({e})" for e in entities)
            raise QueryError(f"--param {key}={value!r} names {len(entities)} entities: {labels}; give one's id or IRI")
        bound[key] = entities[0]
    return bound


def _entities(index: NameIndex, option: str, name: str) -> tuple[str, ...]:
    found = index.resolve(name)
    if not found:
        raise NameNotFound(option, name, found.suggestions)
    return found.entities


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

    A question honours every option it takes (``Question.options``) and
    refuses any other: who-said with ``speaker`` keeps only that speaker's
    claims. A name that names no entity raises :class:`NameNotFound`.
    ``limit`` and ``offset`` select a page of the answer (kg.queries.page).
    """
    if question not in QUESTIONS:
        raise QueryError(f"unknown question {question!r}; valid: {', '.join(QUESTIONS)}")
    q = QUESTIONS[question]
    given = {"about": about, "speaker": speaker, **params}
    unknown = sorted(set(params) - set(FILTERS))
    if unknown:
        raise QueryError(f"unknown option(s) {', '.join(unknown)}; valid: {', '.join(FILTERS)}")
    refused = [o for o in FILTERS if given.get(o) and o not in q.options]
    if refused:
        takes = f"it takes --{' --'.join(q.options)}" if q.options else "it takes no options"
        hint = "; claims by a speaker about an entity: who-said --about X --speaker Y" if {"about", "speaker"} & set(refused) else ""
        raise QueryError(f"question {question!r} does not filter by --{' --'.join(refused)} ({takes}){hint}")
    missing = [p for p in q.params if not params.get(p)]
    if missing:
        raise QueryError(f"question {question!r} needs --{' --'.join(missing)}")
    bound = {p: params[p] for p in q.params}
    if q.entity is None:
        return queries.run(store, q.query, limit=limit, offset=offset, **bound)
    name = given[q.entity]
    if not name:
        raise QueryError(f"question {question!r} needs --{q.entity} NAME")
    index = name_index(store)
    entities = _entities(index, q.entity, name)
    speakers = set(_entities(index, "speaker", speaker)) if q.speaker_filter and speaker else None
    if len(entities) == 1 and speakers is None:  # the usual case: the store reads the page alone
        return queries.run(store, q.query, key=entities[0], limit=limit, offset=offset, **bound)
    # several entities answer to the name, or rows are filtered by speaker: the page is cut here,
    # from the first offset + limit rows of each entity (all its rows when they are filtered)
    each = None if limit is None or speakers is not None else offset + limit
    rows: list[dict[str, object]] = []
    for iri in entities:
        rows.extend(queries.run(store, q.query, key=iri, limit=each, **bound))
    if speakers is not None:
        rows = [r for r in rows if r.get("speaker") is not None and str(r["speaker"]) in speakers]
    return rows[offset:] if limit is None else rows[offset : offset + limit]
