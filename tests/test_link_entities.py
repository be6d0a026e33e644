"""Tests of kg.link.entities: transliterated keys, and one canonical entity per referent across documents."""

from __future__ import annotations

import pytest

from kg.link.entities import FUZZY_THRESHOLD, Linker, entity_key, transliterate
from kg.types import Attribution, Entity, Mention, Span

# ------------------------------------------------------------------ helpers


def mention(label: str, type: str = "Person", role: str | None = None, at: int = 0) -> Mention:
    return Mention(span=Span(at, at + len(label), label), label=label, type=type, head=label.split()[0].lower(), role=role)


def attribution(doc: str, at: int, source: Mention | None, *, about: tuple[Mention, ...] = (), reported_by: Mention | None = None) -> Attribution:
    """An attribution whose cue sits at ``at`` (mentions are linked in cue order)."""
    return Attribution(
        document=doc,
        sentence=at // 100,
        sentence_text="…",
        cue=Span(at, at + 6, "δήλωσε"),
        cue_lemma="δηλώνω",
        content=Span(at + 10, at + 20, "περιεχόμενο"),
        source=source,
        about=about,
        reported_by=reported_by,
    )


def sources(linked: tuple[Attribution, ...]) -> list[str | None]:
    return [a.source.entity if a.source else None for a in linked]


# ------------------------------------------------------------------ transliterate, entity_key


@pytest.mark.parametrize("spelling", ["Τοκάγιεφ", "ΤΟΚΑΓΙΕΦ", "τοκαγιεφ", "τοκάγιεφ", "ΤΟΚΆΓΙΕΦ"])
def test_link_transliterate_ignores_accents_and_case(spelling: str) -> None:
    assert transliterate(spelling) == "tokagief"


@pytest.mark.parametrize(
    ("greek", "latin"),
    [
        ("Κουλούρη", "koulouri"),  # ου
        ("Μπαράκ", "barak"),  # μπ
        ("Ντόναλντ", "donald"),  # ντ
        ("Αγγλία", "anglia"),  # γγ
        ("Τσίπρας", "tsipras"),  # τσ, final ς
        ("Θεσσαλονίκη", "thessaloniki"),
        ("Ψαχνά", "psachna"),
        ("Ξάνθη", "xanthi"),
    ],
)
def test_link_transliterate_greek_to_latin(greek: str, latin: str) -> None:
    assert transliterate(greek) == latin


@pytest.mark.parametrize("text", ["BBC", "Reuters 2022", "bbc", "ΑΠΕ-ΜΠΕ"])
def test_link_transliterate_output_is_lowercase_ascii_for_greek_and_latin(text: str) -> None:
    out = transliterate(text)
    assert out == out.lower()
    assert out.isascii()


def test_link_transliterate_keeps_latin_text_folded() -> None:
    assert transliterate("Reuters") == "reuters"
    assert transliterate("Müller") == "muller"


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Κασίμ Τομάρ Τοκάγιεφ", "kasim-tomar-tokagief"),
        ("πρόεδρος του Καζακστάν", "proedros-tou-kazakstan"),
        ("Κασίμ-Τομάρ  Τοκάγιεφ!", "kasim-tomar-tokagief"),
        ("«BBC»", "bbc"),
        ("«»", "unnamed"),
        ("", "unnamed"),
    ],
)
def test_link_entity_key_is_hyphenated_transliteration(label: str, key: str) -> None:
    assert entity_key(label) == key


def test_link_entity_key_same_for_case_and_accent_variants() -> None:
    assert entity_key("Ρωσία") == entity_key("ΡΩΣΙΑ") == entity_key("ρωσια") == "rosia"


# ------------------------------------------------------------------ Linker: people


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Τοκάγιεφ", "Τοκάγεφ"),
        ("Τοκάγιεφ", "Κασίμ Τομάρ Τοκάγεφ"),
        ("Κασίμ Τομάρ Τοκάγεφ", "Τοκάγιεφ"),
        ("Τοκάγιεφ", "ΤΟΚΑΓΙΕΦ"),
        ("Κασίμ-Ζομάρτ Τοκάγιεφ", "Τοκάγιεφ"),
    ],
)
def test_link_spelling_variants_of_one_surname_merge_across_documents(first: str, second: str) -> None:
    linker = Linker()
    (a,) = linker.link_document((attribution("doc1", 0, mention(first)),))
    (b,) = linker.link_document((attribution("doc2", 0, mention(second)),))
    assert a.source.entity is not None
    assert a.source.entity == b.source.entity


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Παπαδόπουλος", "Παπαδάκης"),
        ("Τοκάγιεφ", "Ναζαρμπάγιεφ"),
        ("Πούτιν", "Μπάιντεν"),
        ("Γιάννης Παπαδόπουλος", "Γιάννης Παπαδάκης"),  # same first name, different surnames
    ],
)
def test_link_different_surnames_do_not_merge(first: str, second: str) -> None:
    linker = Linker()
    (a,) = linker.link_document((attribution("doc1", 0, mention(first)),))
    (b,) = linker.link_document((attribution("doc2", 0, mention(second)),))
    assert a.source.entity != b.source.entity


def test_link_threshold_is_configurable() -> None:
    # «tokagief»/«tokagef» is 0.93 similar: a stricter linker keeps them apart
    strict = Linker(threshold=0.99)
    (a,) = strict.link_document((attribution("doc1", 0, mention("Τοκάγιεφ")),))
    (b,) = strict.link_document((attribution("doc2", 0, mention("Τοκάγεφ")),))
    assert a.source.entity != b.source.entity
    assert 0.67 < FUZZY_THRESHOLD < 0.93


@pytest.mark.parametrize(
    ("labels", "key"),
    [
        (("Κασίμ Τομάρ Τοκάγιεφ", "Τοκάγεφ"), "kasim-tomar-tokagief"),
        (("Τοκάγεφ", "Κασίμ Τομάρ Τοκάγιεφ"), "tokagef"),
        (("Τοκάγιεφ", "ΤΟΚΑΓΙΕΦ", "Τοκάγεφ"), "tokagief"),
    ],
)
def test_link_person_key_is_the_first_spelling_seen(labels: tuple[str, ...], key: str) -> None:
    linker = Linker()
    linked = linker.link_document(tuple(attribution("doc1", 100 * i, mention(label, at=100 * i)) for i, label in enumerate(labels)))
    assert sources(linked) == [key] * len(labels)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Γιάννης Παπαδόπουλος", "Νίκος Παπαδόπουλος"),
        ("Νίκος Παπαδόπουλος", "Γιάννης Παπαδόπουλος"),
        ("Κώστας Παπαδόπουλος", "Ν. Παπαδόπουλος"),
    ],
)
def test_link_same_surname_with_different_given_names_does_not_merge(first: str, second: str) -> None:
    linker = Linker()
    (a,) = linker.link_document((attribution("doc1", 0, mention(first)),))
    (b,) = linker.link_document((attribution("doc2", 0, mention(second)),))
    assert a.source.entity != b.source.entity


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Παπαδόπουλος", "Νίκος Παπαδόπουλος"),
        ("Νίκος Παπαδόπουλος", "Παπαδόπουλος"),
        ("Κώστας Παπαδόπουλος", "Κ. Παπαδόπουλος"),
        ("Κασίμ-Ζομάρτ Τοκάγιεφ", "Κασίμ Τοκάγιεφ"),
    ],
)
def test_link_same_surname_with_compatible_given_names_merges(first: str, second: str) -> None:
    linker = Linker()
    (a,) = linker.link_document((attribution("doc1", 0, mention(first)),))
    (b,) = linker.link_document((attribution("doc2", 0, mention(second)),))
    assert a.source.entity == b.source.entity == entity_key(first)


def test_link_fuzzy_match_needs_the_same_first_letter() -> None:
    # «kokagief» is as close to «tokagief» as «tokagef» is, but starts differently
    linker = Linker()
    (a,) = linker.link_document((attribution("doc1", 0, mention("Τοκάγιεφ")),))
    (b,) = linker.link_document((attribution("doc2", 0, mention("Κοκάγιεφ")),))
    assert (a.source.entity, b.source.entity) == ("tokagief", "kokagief")


# ------------------------------------------------------------------ Linker: places, groups, things


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (mention("Ρωσία", "Place"), mention("Ρώσοι", "GroupOfPeople")),
        (mention("Ρωσία", "Thing"), mention("Ρώσοι", "GroupOfPeople")),
        (mention("Καζακστάν", "Place"), mention("Καζάκοι", "GroupOfPeople")),
    ],
)
def test_link_country_and_its_people_do_not_merge(first: Mention, second: Mention) -> None:
    linker = Linker()
    linked = linker.link_document((attribution("doc1", 0, first), attribution("doc1", 100, second)))
    a, b = sources(linked)
    assert a != b
    assert {linker.entity(a).type, linker.entity(b).type} == {first.type, second.type}


def test_link_non_person_names_are_not_fuzzy_matched() -> None:
    linker = Linker()
    linked = linker.link_document(
        (attribution("doc1", 0, mention("Ρωσία", "Place")), attribution("doc1", 100, mention("Ρωσσία", "Place")))
    )
    assert sources(linked) == ["rosia", "rossia"]


def test_link_same_place_merges_across_documents_with_the_most_specific_type() -> None:
    linker = Linker()
    (a,) = linker.link_document((attribution("doc1", 0, mention("Ρωσία", "Thing")),))
    (b,) = linker.link_document((attribution("doc2", 0, mention("ΡΩΣΙΑ", "Place")),))
    assert a.source.entity == b.source.entity == "rosia"
    assert linker.entity("rosia").type == "Place"


# ------------------------------------------------------------------ Linker: role descriptions


def named_president(at: int = 0) -> Mention:
    return mention("Τοκάγιεφ", role="προεδρος", at=at)


def president_description(at: int = 200) -> Mention:
    return mention("πρόεδρος του Καζακστάν", role="προεδρος", at=at)


def test_link_role_description_links_to_last_named_holder_in_the_document() -> None:
    linker = Linker()
    linked = linker.link_document(
        (attribution("doc1", 0, named_president()), attribution("doc1", 200, president_description()))
    )
    assert sources(linked) == ["tokagief", "tokagief"]


def test_link_role_description_takes_the_latest_holder() -> None:
    linker = Linker()
    linked = linker.link_document(
        (
            attribution("doc1", 0, named_president()),
            attribution("doc1", 100, mention("Πούτιν", role="προεδρος", at=100)),
            attribution("doc1", 200, president_description()),
        )
    )
    assert sources(linked) == ["tokagief", "poutin", "poutin"]


def test_link_role_description_before_any_holder_keeps_its_own_key() -> None:
    linker = Linker()
    linked = linker.link_document(
        (attribution("doc1", 200, named_president(at=200)), attribution("doc1", 0, president_description(at=0)))
    )
    # linked in cue order: the description comes first, when no president has been named yet
    assert sources(linked) == ["proedros-tou-kazakstan", "tokagief"]


def test_link_role_description_does_not_link_across_documents() -> None:
    linker = Linker()
    linker.link_document((attribution("doc1", 0, named_president()),))
    (b,) = linker.link_document((attribution("doc2", 0, president_description(at=0)),))
    assert b.source.entity == "proedros-tou-kazakstan"


def test_link_role_description_of_another_role_is_not_linked() -> None:
    linker = Linker()
    linked = linker.link_document(
        (
            attribution("doc1", 0, named_president()),
            attribution("doc1", 200, mention("υπουργός Εξωτερικών", role="υπουργος", at=200)),
        )
    )
    assert sources(linked) == ["tokagief", "ypourgos-exoterikon"]


def test_link_role_holder_in_about_and_reported_by_counts() -> None:
    linker = Linker()
    first = attribution("doc1", 0, mention("BBC", "NewsMediaOrganization"), about=(named_president(at=30),))
    second = attribution("doc1", 200, None, reported_by=president_description())
    a, b = linker.link_document((second, first))
    assert (a.about[0].entity, b.reported_by.entity) == ("tokagief", "tokagief")
    assert b.source is None


# ------------------------------------------------------------------ link_document output


def test_link_document_sets_entity_and_keeps_everything_else() -> None:
    linker = Linker()
    att = attribution("doc1", 0, named_president(), about=(mention("Ρωσία", "Place", at=40),))
    (out,) = linker.link_document((att,))
    assert out.source.entity == "tokagief"
    assert out.about[0].entity == "rosia"
    assert out.source.label == att.source.label and out.source.span == att.source.span
    assert (out.cue, out.content, out.id) == (att.cue, att.content, att.id)


def test_link_document_returns_attributions_in_content_order() -> None:
    linker = Linker()
    late = attribution("doc1", 300, mention("Πούτιν"))
    early = attribution("doc1", 0, mention("Τοκάγιεφ"))
    out = linker.link_document((late, early))
    assert [a.content.start for a in out] == [10, 310]


def test_link_document_of_nothing_is_empty() -> None:
    assert Linker().link_document(()) == ()


# ------------------------------------------------------------------ entities_of


def test_link_entities_of_gives_one_entity_per_id() -> None:
    linker = Linker()
    linked = linker.link_document(
        (
            attribution("doc1", 0, named_president(), about=(mention("Ρωσία", "Place", at=40),)),
            attribution("doc1", 100, mention("Τοκάγιεφ", at=100)),
            attribution("doc1", 200, president_description()),
            attribution("doc1", 300, None),
        )
    )
    entities = linker.entities_of(linked)
    assert [e.id for e in entities] == ["rosia", "tokagief"]
    assert all(isinstance(e, Entity) for e in entities)


def test_link_entities_of_label_is_the_most_frequent_named_label() -> None:
    linker = Linker()
    first = linker.link_document(
        (
            attribution("doc1", 0, mention("Κασίμ Τομάρ Τοκάγιεφ", role="προεδρος")),
            attribution("doc1", 100, mention("Τοκάγιεφ", at=100)),
            attribution("doc1", 200, president_description()),
            attribution("doc1", 300, president_description(at=300)),
            attribution("doc1", 400, president_description(at=400)),
        )
    )
    second = linker.link_document((attribution("doc2", 0, mention("Τοκάγιεφ")),))
    (entity,) = linker.entities_of(first)
    # the description is the most frequent label, but it is not a name
    assert entity.label == "Τοκάγιεφ"
    assert entity.aliases == ("Κασίμ Τομάρ Τοκάγιεφ", "πρόεδρος του Καζακστάν")
    assert entity.roles == ("προεδρος",)
    assert entity.type == "Person"
    assert linker.entities_of(second) == (entity,)


def test_link_entities_of_unnamed_cluster_uses_its_lowercase_label() -> None:
    linker = Linker()
    linked = linker.link_document((attribution("doc1", 0, mention("κυβέρνηση", "Organization")),))
    (entity,) = linker.entities_of(linked)
    assert (entity.id, entity.label, entity.aliases, entity.roles) == ("kyvernisi", "κυβέρνηση", (), ())


def test_link_entities_of_unlinked_attributions_is_empty() -> None:
    assert Linker().entities_of((attribution("doc1", 0, mention("Τοκάγιεφ")),)) == ()
