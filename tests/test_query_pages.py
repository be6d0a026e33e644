"""Pages of an answer (``limit``/``offset``): every page is a slice of the whole answer, in its order.

The store holds the fixture documents several times over (as other articles,
published on other days), so the entity and speaker lookups have answers
long enough to page through, with ties on the date that the order must break.
"""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import date, timedelta

import pytest

from kg import queries
from kg.ask import ask
from kg.cli import run
from kg.errors import QueryError
from kg.remote import bind_values

from rdf_fixtures import all_results, fixture_store

COPIES = 5


def _copy(result, n: int):
    """The same article again under another id, published ``n // 2`` days later (two a day: dates tie)."""
    doc_id = f"{result.document.id}-copy{n}"
    published = result.document.published + timedelta(days=n // 2) if result.document.published else None
    return dataclasses.replace(
        result,
        document=dataclasses.replace(result.document, id=doc_id, published=published),
        sentences=tuple(dataclasses.replace(s, document=doc_id) for s in result.sentences)
        if result.sentences and hasattr(result.sentences[0], "document")
        else result.sentences,
        attributions=tuple(dataclasses.replace(a, document=doc_id) for a in result.attributions),
    )


@pytest.fixture(scope="module")
def store():
    results = all_results()
    with fixture_store(results + [_copy(r, n) for n in range(1, COPIES) for r in results]) as s:
        yield s


LOOKUPS = [
    ("who_said_about", {"key": "soldiers"}),
    ("who_said_about", {"key": "public-order"}),
    ("timeline", {"key": "protesters"}),
    ("said_by", {"key": "tokayev"}),
    ("claims_between", {"start": date(2022, 1, 1), "end": date(2022, 1, 31)}),
    ("claim_links", {}),  # no page marker: LIMIT and OFFSET go at the end
    ("entities", {}),
]


@pytest.mark.parametrize(("name", "params"), LOOKUPS, ids=[f"{n}-{'-'.join(map(str, p.values()))}" for n, p in LOOKUPS])
def test_pages_are_slices_of_the_whole_answer(store, name, params):
    whole = queries.run(store, name, **params)
    assert len(whole) >= 4, "the fixture must give several pages"
    for limit in (1, 2, 3):
        pages = []
        for offset in range(0, len(whole) + limit, limit):
            pages.extend(queries.run(store, name, limit=limit, offset=offset, **params))
        assert pages == whole, (name, limit)
    assert queries.run(store, name, limit=0, **params) == []
    assert queries.run(store, name, offset=len(whole), **params) == []
    assert queries.run(store, name, offset=1, **params) == whole[1:]


def test_entity_lookups_are_in_date_then_document_order(store):
    rows = queries.run(store, "who_said_about", key="soldiers")
    keys = [(r["date"], r["document"]) for r in rows]
    assert keys == sorted(keys)
    assert len({r["attribution"] for r in rows}) == len(rows), "one row per attribution"


def test_page_marker_takes_limit_and_offset_inside_the_sub_select():
    text = "SELECT ?k ?x WHERE {\n  { SELECT ?k ?x WHERE { ?x ?p ?k } ORDER BY ?x\n    # PAGE\n  }\n  ?x ?q ?y\n}\nORDER BY ?x\n"
    paged = queries.page(text, limit=5, offset=10)
    assert "ORDER BY ?x\n    LIMIT 5 OFFSET 10\n  }" in paged
    assert paged.rstrip().endswith("ORDER BY ?x")
    assert queries.page(text) == text
    assert queries.page("SELECT * WHERE { ?s ?p ?o }", limit=3).rstrip().endswith("LIMIT 3")
    assert queries.page("SELECT * WHERE { ?s ?p ?o }", offset=2).rstrip().endswith("OFFSET 2")


@pytest.mark.parametrize("bad", [-1, 1.5, "5", True, "5; DROP ALL"])
def test_page_bounds_must_be_whole_numbers(store, bad):
    with pytest.raises(QueryError, match="whole number"):
        queries.run(store, "entities", limit=bad)
    with pytest.raises(QueryError, match="whole number"):
        queries.run(store, "entities", offset=bad)


def test_every_paged_query_selects_its_page_in_a_leading_sub_select():
    marked = [name for name in queries.names() if queries._PAGE.search(queries.load(name))]
    assert {"who_said_about", "timeline", "said_by", "claims_between"} <= set(marked)
    for name in marked:
        declared = queries.info(name)
        assert not {"limit", "offset"} & set(declared.parameters), name
        bound = bind_values(queries.load(name), {p: "x" for p in declared.required})
        head, _, rest = bound.partition("# PAGE")
        # the parameters were bound inside the sub-SELECT that ends at the page marker
        assert "VALUES" in head[head.rindex("SELECT") :], name
        assert "VALUES" not in rest, name


def test_no_bundled_query_declares_a_page_bound_as_parameter():
    for name in queries.names():
        assert not {"limit", "offset"} & set(queries.info(name).parameters), name


def test_bind_values_enters_a_leading_sub_select_only_when_it_projects_the_bound_names():
    query = "SELECT ?k ?y WHERE { { SELECT ?k ?x WHERE { ?x ?p ?k } LIMIT 2 } ?x ?q ?y }"
    inside = bind_values(query, {"k": 1})
    assert inside.index("VALUES") > inside.index("SELECT ?k ?x WHERE")
    outside = bind_values(query, {"y": 1})  # the sub-SELECT does not project ?y
    assert outside.index("VALUES") < outside.index("SELECT ?k ?x WHERE")
    counted = "SELECT ?k ?n WHERE { { SELECT ?k (COUNT(?x) AS ?n) WHERE { ?x ?p ?k } GROUP BY ?k } }"
    assert bind_values(counted, {"n": 1}).index("VALUES") > counted.index("WHERE {")  # ?n is projected by AS
    hidden = "SELECT ?k WHERE { { SELECT ?k WHERE { ?x ?p ?k FILTER(?x != 1) } } ?k ?q ?x }"
    bound = bind_values(hidden, {"x": 1})  # ?x is used inside but not projected: bound outside
    assert bound.index("VALUES") < bound.index("{ SELECT ?k WHERE")


def test_a_parameter_bound_inside_the_page_selects_the_same_rows(store):
    """The page's sub-SELECT sees the parameter: rows of one entity only, not a page of every entity's."""
    first = queries.run(store, "who_said_about", key="soldiers", limit=1)
    assert [r["key"] for r in first] == ["soldiers"]
    assert first == queries.run(store, "who_said_about", key="soldiers")[:1]


def test_ask_pages_one_entity_in_the_store(store):
    whole = ask(store, "who-said", about="στρατιώτες")
    assert len(whole) == COPIES
    assert ask(store, "who-said", about="στρατιώτες", limit=2, offset=1) == whole[1:3]


def test_ask_pages_across_several_matching_entities(store, monkeypatch):
    """Two entities answer to the name: the page is cut from their answers, one after the other."""
    import kg.ask

    monkeypatch.setattr(kg.ask, "_entities", lambda index, option, name: ("soldiers", "protesters"))
    whole = ask(store, "who-said", about="either")
    assert [r["key"] for r in whole] == ["soldiers"] * COPIES + ["protesters"] * COPIES
    for limit, offset in [(2, 0), (3, COPIES - 1), (4, 2 * COPIES - 2), (1, 2 * COPIES)]:
        assert ask(store, "who-said", about="either", limit=limit, offset=offset) == whole[offset : offset + limit]
    assert ask(store, "who-said", about="either", offset=3) == whole[3:]


def test_cli_pages_and_says_how_to_read_the_next_one(seed_build, capsys):
    graph = str(seed_build[0])
    code, whole, _ = _run("ask", graph, "said-by", "--speaker", "Τοκάγιεφ", "--format", "json")
    whole = json.loads(whole)
    assert code == 0 and len(whole) >= 2
    code, page, err = _run("ask", graph, "said-by", "--speaker", "Τοκάγιεφ", "--format", "json", "--limit", "1", "--offset", "1")
    assert code == 0 and json.loads(page) == whole[1:2]
    assert "rows 2–2; more may follow: --offset 2" in err
    code, page, err = _run("query", graph, "claims_by_speaker", "--format", "json", "--offset", "1")
    assert code == 0 and "more may follow" not in err
    code, _, err = _run("ask", graph, "said-by", "--speaker", "Τοκάγιεφ", "--limit", "-1")
    assert code != 0 and "≥ 0" in err + capsys.readouterr().err  # argparse writes to sys.stderr


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        code = run(list(argv), out, err)
    except SystemExit as exit_:  # argparse refuses a bad option value
        code = exit_.code
    return code, out.getvalue(), err.getvalue()
