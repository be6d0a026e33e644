"""kg.export: records read back from the store reproduce the pipeline's attributions."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from datetime import date
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from kg import ns
from kg.errors import KGError
from kg.export import FORMATS, RECORD_FIELDS, attribution_records, export, render, spreadsheet_safe
from kg.rdf import mint
from kg.rdf.build import build_dataset, document_graph
from kg.store import GraphStore
from kg.types import Attribution, Document, DocumentResult, Mention, Sentence
from rdf_fixtures import GREEK_ID, HOSTILE, HOSTILE_ID, TOKAYEV, all_results, assert_isomorphic, greek_result, fixture_store, span

SCORER = Path("/work/shared/eval/score.py")


@pytest.fixture
def store() -> GraphStore:
    with fixture_store() as s:
        yield s


def test_export_records_round_trip_fields(store: GraphStore) -> None:
    records = {r["id"]: r for r in attribution_records(store)}
    results = all_results()
    entities = {e.id: e for r in results for e in r.entities}
    assert len(records) == sum(len(r.attributions) for r in results)
    for result in results:
        text = result.document.text
        for att in result.attributions:
            rec = records[att.id]
            assert list(rec) == list(RECORD_FIELDS)
            assert rec["document"] == result.document.id
            assert (rec["start"], rec["end"]) == (att.content.start, att.content.end)
            assert rec["content"] == text[rec["start"] : rec["end"]] == att.content.text
            assert rec["cue"] == att.cue.text
            assert rec["quote"] == att.quote and rec["polarity"] == att.polarity
            assert rec["confidence"] == att.confidence and rec["certainty"] == att.certainty
            assert rec["sentence"] == att.sentence_text and rec["sentence_index"] == att.sentence
            assert rec["rule"] == att.rule
            assert rec["date"] == (att.time.value.isoformat() if att.time else None)
            assert rec["time_basis"] == (att.time.basis if att.time else None)
            assert rec["speaker_mention"] == (att.source.span.text if att.source else None)
            if att.source and att.source.entity:
                speaker = entities[att.source.entity]
                assert rec["speaker"] == speaker.label
                assert rec["speaker_id"] == str(mint.entity_iri(speaker.id))
                assert rec["speaker_type"] == speaker.type
            else:
                assert rec["speaker"] is rec["speaker_id"] is rec["speaker_type"] is None
            assert [a["id"] for a in rec["about"]] == [
                str(mint.entity_iri(m.entity)) if m.entity else None for m in att.about
            ]


def test_export_chain_and_denial(store: GraphStore) -> None:
    records = attribution_records(store)
    chain = next(r for r in records if r["cue"] == "δήλωσε")
    assert chain["reported_by"] == "BBC"
    assert chain["reported_by_id"] == str(mint.entity_iri("bbc"))
    assert chain["about"] == [{"label": "στρατιώτες", "id": str(mint.entity_iri("soldiers"))}]
    denial = next(r for r in records if r["cue"] == "αρνήθηκε")
    assert denial["polarity"] == "denies" and denial["date"] == "2022-01-06"
    unresolved = next(r for r in records if r["cue"] == "Σύμφωνα με")
    assert unresolved["speaker"] is None and unresolved["about"] == [{"label": "άνθρωπος", "id": None}]


def test_export_records_are_ordered(store: GraphStore) -> None:
    keys = [(r["document"], r["start"]) for r in attribution_records(store)]
    assert keys == sorted(keys)


def test_export_records_of_one_document(store: GraphStore) -> None:
    assert {r["document"] for r in attribution_records(store, GREEK_ID)} == {GREEK_ID}
    everything = attribution_records(store)
    assert attribution_records(store, HOSTILE_ID) == [r for r in everything if r["document"] == HOSTILE_ID]


def test_export_about_items_and_label_variants(store: GraphStore) -> None:
    """About items come in label order (unlabelled first); an entity counts once whatever its names
    (its first name), an unlinked item once per label; a speaker with two names gives its first.
    Labels are entities' names (schema:name), not their preferred labels in other languages."""
    chain = greek_result().attributions[0]
    entities = store.graph(mint.ENTITY_GRAPH)
    entities.add((mint.entity_iri("soldiers"), ns.SCHEMA.name, Literal("αα", lang="el")))
    entities.add((mint.entity_iri("soldiers"), ns.SKOS.prefLabel, Literal("a soldier", lang="en")))
    entities.add((mint.entity_iri("tokayev"), ns.SCHEMA.name, Literal("Α Τοκάγιεφ", lang="el")))
    entities.add((mint.entity_iri("tokayev"), ns.SKOS.prefLabel, Literal("A Tokayev", lang="en")))
    store.replace_graph(entities)
    doc = store.graph(mint.document_iri(GREEK_ID))
    claim = mint.claim_iri(chain.id)
    doc.add((claim, ns.SCHEMA.about, mint.entity_iri("undescribed")))
    doc.add((claim, ns.CA.aboutMention, Literal("ζ", lang="el")))
    doc.add((claim, ns.CA.aboutMention, Literal("ζ", lang="en")))
    store.replace_graph(doc)
    record = next(r for r in attribution_records(store) if r["id"] == chain.id)
    assert record["speaker"] == "Α Τοκάγιεφ"
    assert record["about"] == [
        {"label": None, "id": str(mint.entity_iri("undescribed"))},
        {"label": "αα", "id": str(mint.entity_iri("soldiers"))},
        {"label": "ζ", "id": None},
    ]


def test_export_reingest_gives_the_same_records(store: GraphStore) -> None:
    before = attribution_records(store)
    store.replace_graph(document_graph(greek_result()))
    assert attribution_records(store) == before


def test_export_jsonl_is_utf8_one_per_line(store: GraphStore, tmp_path: Path) -> None:
    path = export(store, "jsonl", tmp_path / "out.jsonl")
    raw = path.read_text(encoding="utf-8")
    assert "Τοκάγιεφ" in raw  # ensure_ascii=False
    lines = raw.splitlines()
    assert len(lines) == 5
    records = [json.loads(line) for line in lines]
    assert records == json.loads(json.dumps(attribution_records(store), default=str))
    hostile = next(r for r in records if r["document"] == HOSTILE_ID)
    assert hostile["content"] == HOSTILE + "\n<b>" and hostile["rule"] == HOSTILE


def test_export_csv_joins_about(store: GraphStore, tmp_path: Path) -> None:
    path = export(store, "csv", tmp_path / "out.csv")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    assert len(rows) == 5
    chain = next(r for r in rows if r["cue"] == "δήλωσε")
    assert chain["about"] == "στρατιώτες" and chain["start"] == "44"
    hostile = next(r for r in rows if r["document"] == HOSTILE_ID)
    assert hostile["content"] == HOSTILE + "\n<b>"


DIALOGUE_ID = "dialogue"
# Greek dialogue opens with a dash; a hostile article can open a quotation with a formula
DIALOGUE_TEXT = '- Δεν θα υποχωρήσουμε, είπε ο @ypourgos. Ο Τοκάγιεφ είπε: «=HYPERLINK("http://evil.example/","x")».'


def _dialogue_result() -> DocumentResult:
    t = DIALOGUE_TEXT
    sentences = (Sentence(0, 0, len(t), t, (), "el"),)
    said = [
        Attribution(
            document=DIALOGUE_ID, sentence=0, sentence_text=t, cue=span(t, cue), cue_lemma="λέω",
            content=span(t, content), source=Mention(span(t, speaker), speaker, "Person", entity=entity),
            quote="direct", confidence=0.75, rule=rule,
        )
        for cue, content, speaker, entity, rule in [
            ("είπε", "- Δεν θα υποχωρήσουμε", "@ypourgos", None, "+dialogue"),
            ("είπε:", '=HYPERLINK("http://evil.example/","x")', "Τοκάγιεφ", "tokayev", "\tformula"),
        ]
    ]
    doc = Document(id=DIALOGUE_ID, text=t, lang="el", published=date(2022, 1, 9))
    return DocumentResult(document=doc, sentences=sentences, attributions=tuple(said), entities=(TOKAYEV,))


def test_export_csv_cells_are_never_formulas() -> None:
    with fixture_store([_dialogue_result()]) as store:
        rows = list(csv.DictReader(io.StringIO(render(store, "csv"), newline="")))
        records = attribution_records(store)
        jsonl = [json.loads(line) for line in render(store, "jsonl").splitlines()]
    cells = [cell for row in rows for cell in row.values()]
    assert not [cell for cell in cells if cell and cell[0] in "=+-@\t\r"]
    by_rule = {r["rule"]: r for r in rows}
    assert by_rule["'+dialogue"]["content"] == "'- Δεν θα υποχωρήσουμε"
    assert by_rule["'+dialogue"]["speaker_mention"] == "'@ypourgos"
    assert by_rule["'\tformula"]["content"] == """'=HYPERLINK("http://evil.example/","x")"""
    assert by_rule["'\tformula"]["start"] == str(DIALOGUE_TEXT.index("=HYPERLINK"))  # numbers as they were
    # the JSON Lines export keeps the exact text
    assert jsonl == json.loads(json.dumps(records, default=str))
    assert {r["content"] for r in jsonl} == {"- Δεν θα υποχωρήσουμε", '=HYPERLINK("http://evil.example/","x")'}


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+2", "'=1+2"), ("+30 210", "'+30 210"), ("-Όχι", "'-Όχι"), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "'\rx"),
     ("", ""), (None, ""), ("a=b", "a=b"), ("'=x", "'=x"), (-3, -3), (2.5, 2.5)],
)
def test_export_spreadsheet_safe(value: object, expected: object) -> None:
    assert spreadsheet_safe(value) == expected


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_export_rdf_formats_reparse(store: GraphStore, tmp_path: Path, fmt: str) -> None:
    path = export(store, fmt, tmp_path / f"out.{fmt}")
    back = Dataset().parse(path, format={"jsonld": "json-ld"}.get(fmt, fmt))
    built = build_dataset(all_results())
    for result in all_results():
        iri = mint.document_iri(result.document.id)
        assert_isomorphic(built.graph(iri), back.graph(URIRef(iri)))


def test_export_unknown_format(store: GraphStore) -> None:
    with pytest.raises(KGError, match="valid formats: " + ", ".join(FORMATS)):
        render(store, "xlsx")


@pytest.mark.skipif(not SCORER.is_file(), reason="the shared scorer is not available")
def test_export_is_read_by_the_scorer(store: GraphStore) -> None:
    spec = importlib.util.spec_from_file_location("score", SCORER)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)  # type: ignore[union-attr]
    gold = {
        "entities": {"tokayev": ["τοκαγιεφ"], "bbc": ["bbc"], "soldiers": ["στρατιωτ"], "ministry": ["υπουργειο"]},
        "claims": [
            {"id": "c1", "doc": GREEK_ID, "speaker": "tokayev", "reported_by": "bbc", "about": ["soldiers"],
             "content": "οι στρατιώτες μπορούν να πυροβολούν χωρίς προειδοποίηση", "date": "2022-01-07"},
            {"id": "c2", "doc": GREEK_ID, "speaker": "ministry", "polarity": "denies",
             "content": "σκοτώθηκαν διαδηλωτές", "date": "2022-01-06"},
        ],
    }
    preds = [json.loads(line) for line in render(store, "jsonl").splitlines()]
    report = score.score(gold, preds)
    assert report["matched"] == 2 and report["wrong_speaker"] == []
    assert report["reported_by_accuracy"] == "1/1" and report["date_accuracy"] == "2/2"
    assert report["about_recall"] == 1.0
    assert report["polarity_accuracy"].startswith("2/2")
