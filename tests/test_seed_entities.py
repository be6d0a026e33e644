"""The seeds' entities and their types (issue: "about" means entities, entity types right).

Built with the real Greek models: every entity the two seed articles yield is
listed with the type it must have. An abstract noun, a date or an object among
them (δρόμος, στιγμή, ζωή, αυτοκίνητο, ψήφος were all entities once) fails the
test, and so does a group typed as an object or an object typed as a group.
"""

from __future__ import annotations

import pytest

from kg import queries

pytestmark = pytest.mark.models

# key → type, as kg builds the seeds (keys are the entities' stable ids)
SEED_ENTITIES = {
    "adapokritis-bbc": "Person",  # «ανταποκριτής του BBC», affiliated with the BBC
    "adipoliteyomenos": "GroupOfPeople",
    "almaty": "Place",
    "astynomia": "Organization",
    "astynomia-kazakstan": "Organization",
    "bbc": "NewsMediaOrganization",
    "csto": "Organization",
    "episima-stoicheia": "UnnamedSource",  # «τα επίσημα στοιχεία»
    "kazakhstan": "Place",
    "kratos": "Organization",  # «το κράτος»
    "kyvernisi": "Organization",
    "listis": "GroupOfPeople",  # «20.000 ληστές»
    "melos-somaton-asfaleias": "GroupOfPeople",  # «18 μέλη (των) σωμάτων ασφαλείας», counts left out
    "nekros-astynomikos": "GroupOfPeople",
    "pliroforia": "UnnamedSource",  # «κατά πληροφορίες»
    "police-officers": "GroupOfPeople",  # «αστυνομικοί», through the gazetteer
    "protesters": "GroupOfPeople",
    "protos-komma": "Organization",
    "putin": "Person",
    "reuters": "NewsMediaOrganization",
    "rosoi-alexiptotistes": "GroupOfPeople",
    "rt": "NewsMediaOrganization",
    "russia": "Place",
    "soldiers": "GroupOfPeople",
    "sputnik": "NewsMediaOrganization",
    "symmoria-organomenou-eglimatos": "GroupOfPeople",
    "tokayef": "Person",
    "tromokratis": "GroupOfPeople",
    "witnesses": "GroupOfPeople",
    "ypourgeio-esoterikon-kazakstan": "Organization",
}

# nouns that named entities once and must never again (abstract nouns, objects, times)
NOT_ENTITIES = {"δρόμος", "στιγμή", "ζωή", "δικός", "χίλιος", "αυτοκίνητο", "ψήφος", "διαπραγμάτευση", "ασφάλεια", "χώρα"}


@pytest.fixture(scope="module")
def seed_entities(seed_build) -> dict[str, tuple[str, str]]:
    from kg.pipeline import open_store

    with open_store(seed_build[0]) as store:
        rows = queries.run(store, "entities")
    return {str(r["key"]): (str(r["label"]), str(r["types"])) for r in rows}


def test_seed_entities_are_the_listed_ones_with_their_types(seed_entities) -> None:
    got = {key: types for key, (_, types) in seed_entities.items()}
    assert got == SEED_ENTITIES, (
        f"missing {sorted(set(SEED_ENTITIES) - set(got))}, unexpected {sorted(set(got) - set(SEED_ENTITIES))}, "
        f"retyped {sorted(k for k in set(got) & set(SEED_ENTITIES) if got[k] != SEED_ENTITIES[k])}"
    )


def test_seed_entities_name_no_abstract_noun_or_object(seed_entities) -> None:
    from kg.lexicons import fold

    labels = {fold(label) for label, _ in seed_entities.values()}
    assert not labels & {fold(n) for n in NOT_ENTITIES}
    assert all(types != "Thing" for _, types in seed_entities.values())
