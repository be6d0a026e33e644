"""Expected rows of the question library on the hand-built fixtures (tests/rdf_fixtures.py).

Every value here follows from the fixtures: the Greek document's BBC → Tokayev
chain (about soldiers), the ministry's denial dated 6 January (about
protesters), the unresolved «πληροφορίες», the direct quote, the hostile
English document, and the two documents of figures.
"""

from __future__ import annotations

from datetime import date

import pytest

from kg import queries

from rdf_fixtures import GREEK_ID, TOKAYEV, all_results, figure_results, fixture_store

TOKAYEV_LABEL = TOKAYEV.label


@pytest.fixture(scope="module")
def store():
    with fixture_store() as s:
        yield s


def _rows(store, name, columns, **params):
    return [tuple(r[c] for c in columns) for r in queries.run(store, name, **params)]


def test_queries_who_said_about(store):
    assert _rows(store, "who_said_about", ("speaker_label", "polarity", "content", "date", "document"), key="soldiers") == [
        (TOKAYEV_LABEL, "asserts", "οι στρατιώτες μπορούν να πυροβολούν χωρίς προειδοποίηση", date(2022, 1, 7), GREEK_ID)
    ]


def test_queries_timeline_keeps_denials_and_their_dates(store):
    assert _rows(store, "timeline", ("date", "time_basis", "speaker_label", "polarity", "content"), key="protesters") == [
        (date(2022, 1, 6), "explicit", "Υπουργείο Εσωτερικών", "denies", "σκοτώθηκαν διαδηλωτές")
    ]


def test_queries_sources_by_type(store):
    assert _rows(store, "sources_by_type", ("type", "source_label", "attributions", "documents")) == [
        ("Organization", "Υπουργείο Εσωτερικών", 1, 1),
        ("Person", TOKAYEV_LABEL, 3, 2),
    ]


def test_queries_most_cited_and_most_relaying(store):
    assert _rows(store, "most_cited", ("source_label", "attributions", "documents", "relayed_by")) == [
        (TOKAYEV_LABEL, 3, 2, 1),
        ("Υπουργείο Εσωτερικών", 1, 1, 0),
    ]
    assert _rows(store, "most_relaying", ("reporter_label", "relayed", "speakers")) == [("BBC", 1, 1)]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2022-01-01", "2022-01-06", ["σκοτώθηκαν διαδηλωτές"]),
        ("2022-01-08", "2022-01-31", []),  # the hostile document has no statement date
        ("2022-01-07", "2022-01-07", [
            "748 άνθρωποι τραυματίστηκαν", "Η τάξη αποκαταστάθηκε", "οι στρατιώτες μπορούν να πυροβολούν χωρίς προειδοποίηση",
        ]),
    ],
)
def test_queries_claims_between(store, start, end, expected):
    assert sorted(r[0] for r in _rows(store, "claims_between", ("content",), start=start, end=end)) == expected


def test_queries_entity_labels_list_every_label(store):
    labels = _rows(store, "entity_labels", ("key", "label"))
    assert ("tokayev", "Τοκάγιεφ") in labels and ("tokayev", TOKAYEV_LABEL) in labels
    assert len(labels) == 8


def test_queries_claims_with_numbers():
    with fixture_store([*all_results(), *figure_results()]) as s:
        rows = _rows(s, "claims_with_numbers", ("speaker_label", "value", "bound", "event", "population"))
    assert len(rows) == 14
    assert ("Υπουργείο Εσωτερικών", 748.0, "exact", "injured", "security_forces") in rows
    assert ("κυβέρνηση του Καζακστάν", 1000.0, "about", "injured", "security_forces") in rows
    assert ("Υπουργείο Εσωτερικών", 3000.0, "at_least", "detained", "protesters") in rows
