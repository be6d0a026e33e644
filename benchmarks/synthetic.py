"""A synthetic, kg-shaped corpus of any size, for measuring the store and the queries.

The records are the pipeline's own (``kg.types.DocumentResult``) and the RDF
is built by ``kg.rdf.build.document_graph``, so the graph has exactly the
shape ``kg build`` writes; only the text is made up. The proportions follow
the two seed articles and the GDT extraction benchmark (about 500 triples
and 10 attributions per document):

- a pool of a few thousand entities (people, organisations, news outlets,
  groups, unnamed sources, places, things), some with aliases, roles and a
  Wikidata id; sources, topics and reporters are drawn from it with Zipf-like
  weights (rank ``r`` has weight ``1 / r**s``), so a few entities are in
  most documents and most entities are rare, as in news;
- 8 to 30 sentences per document, about half of them attributions; each
  attribution has a cue, a content span, 1 to 6 *about* mentions (a few not
  linked), a source (sometimes unresolved), a reporter for ~15 % of them
  (reporting chains), 1 or 2 figures for ~20 % (quantities with an event and
  a population, so that conflicting figures exist), and a date: the
  publication date, or for ~15 % an explicit earlier date;
- publication dates spread over one year (2022).

Every span points into the generated document text (``text[start:end]``), so
the records are valid inputs for anything downstream. The same seed always
gives the same corpus.

    python benchmarks/synthetic.py --triples 1100000 [--seed 7] [--out corpus.nq]

prints the corpus' counts and, with ``--out``, writes it as N-Quads (one
named graph per document, then the entity graph describing every entity
once, as ``kg.rdf.writer`` writes it), through the same term conversion as
``kg.store.GraphStore.replace_graph``.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from rdflib import Graph

from kg.rdf.build import described_entities, document_graph, entity_graph
from kg.types import (
    Attribution,
    Document,
    DocumentResult,
    Entity,
    Mention,
    Quantity,
    Sentence,
    Span,
    TimeRef,
)

__all__ = ["Corpus", "generate", "write_nquads"]

YEAR = 2022
# (type, share of the pool). Sources are drawn from the first five types.
_TYPES = [
    ("Person", 0.30),
    ("Organization", 0.15),
    ("NewsMediaOrganization", 0.03),
    ("GroupOfPeople", 0.15),
    ("UnnamedSource", 0.02),
    ("Place", 0.10),
    ("Thing", 0.25),
]
_SOURCE_TYPES = {"Person", "Organization", "NewsMediaOrganization", "GroupOfPeople", "UnnamedSource"}
_SYLLABLES = (
    "κα λο με νη τα ρι σο πα δη μη τρο νι κο λα ου στα θη γε ωρ γι ος ζα χα ρο φι λι "
    "ππα ντω νη ξε νο φω να σι μο ρω ψα θα ευ αγ γε λι α ρε τη βα σι λη κυ ρια κο"
).split()
_CUES = [
    ("δήλωσε", "δηλώνω"), ("είπε", "λέω"), ("τόνισε", "τονίζω"), ("υποστήριξε", "υποστηρίζω"),
    ("ανέφερε", "αναφέρω"), ("ανακοίνωσε", "ανακοινώνω"), ("επανέλαβε", "επαναλαμβάνω"),
    ("διέψευσε", "διαψεύδω"), ("αρνήθηκε", "αρνούμαι"), ("εκτιμά", "εκτιμώ"),
    ("Σύμφωνα με", "σύμφωνα με"), ("μετέδωσε", "μεταδίδω"), ("προειδοποίησε", "προειδοποιώ"),
]
_DENIALS = {"διέψευσε", "αρνήθηκε"}
_RULES = ["clause+subject", "clause+inherited", "quote+inverted", "according+frame", "clause+relative"]
_FILLER = (
    "η κατάσταση παραμένει τεταμένη στην περιοχή μετά τα χθεσινά γεγονότα και οι αρχές "
    "βρίσκονται σε επιφυλακή ενώ συνεχίζονται οι συνομιλίες για την επόμενη ημέρα"
).split()
_EVENTS = ["killed", "injured", "detained", "arrested", "evacuated", "missing"]
_NUMBERS = [3, 5, 12, 18, 26, 40, 100, 164, 748, 1000, 3000, 8000, 20000]
_BOUNDS = ["exact"] * 6 + ["about"] * 2 + ["at_least", "at_most"]


def _zipf_cumulative(n: int, s: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank**s) for rank in range(1, n + 1)))


@dataclass(frozen=True, slots=True)
class _Pool:
    entities: list[Entity]
    cumulative: list[float]

    def draw(self, rng: random.Random) -> Entity:
        x = rng.random() * self.cumulative[-1]
        return self.entities[bisect.bisect_left(self.cumulative, x)]


class Corpus:
    """A deterministic stream of synthetic DocumentResults.

    ``entities`` is the pool size; ``zipf`` the exponent of the rank weights.
    Rank 1 of each pool (``top_topic``, ``top_source``, ``top_reporter``)
    is its most frequent entity: a realistic query parameter.
    """

    def __init__(self, seed: int = 7, entities: int = 3000, zipf: float = 1.05) -> None:
        self.seed = seed
        rng = random.Random(seed)
        self._rng = rng
        pool: list[Entity] = []
        seen: set[str] = set()
        for type_name, share in _TYPES:
            for _ in range(max(3, round(entities * share))):
                label = self._name(rng, type_name)
                key = _slug(label, seen)
                aliases: tuple[str, ...] = ()
                if type_name in {"Person", "Organization", "NewsMediaOrganization", "Place"} and rng.random() < 0.3:
                    aliases = tuple(self._name(rng, type_name) for _ in range(rng.randint(1, 4)))
                roles = (rng.choice(["πρόεδρος", "υπουργός", "εκπρόσωπος", "διευθυντής"]),) if (
                    type_name == "Person" and rng.random() < 0.4) else ()
                wikidata = f"Q{rng.randint(1, 10**7)}" if type_name != "Thing" and rng.random() < 0.2 else None
                pool.append(Entity(key, label, type_name, aliases, roles, None, wikidata))
        rng.shuffle(pool)  # ranks independent of type
        sources = [e for e in pool if e.type in _SOURCE_TYPES]
        outlets = [e for e in pool if e.type == "NewsMediaOrganization"]
        self.entities = pool
        self.topics = _Pool(pool, _zipf_cumulative(len(pool), zipf))
        self.sources = _Pool(sources, _zipf_cumulative(len(sources), zipf))
        self.reporters = _Pool(outlets, _zipf_cumulative(len(outlets), zipf))
        # populations: what a figure counts ("protesters", "security_forces", a lemma)
        self.populations = ["protesters", "security_forces", "civilians", "soldiers", "police_officers",
                            "journalists", "children", "migrants", "workers", "prisoners"]
        while len(self.populations) < 200:
            self.populations.append(_slug(self._name(rng, "GroupOfPeople"), seen))
        self._population_weights = _zipf_cumulative(len(self.populations), zipf)
        self.top_topic, self.top_source, self.top_reporter = pool[0], sources[0], outlets[0]

    @staticmethod
    def _name(rng: random.Random, type_name: str) -> str:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if type_name in {"Person", "Place", "NewsMediaOrganization", "Organization"}:
            word = word.capitalize()
        if type_name == "Person" and rng.random() < 0.6:
            word = "".join(rng.choice(_SYLLABLES) for _ in range(2)).capitalize() + " " + word
        if type_name == "Organization" and rng.random() < 0.5:
            word = "υπουργείο " + word
        return word

    # ---------------------------------------------------------------- documents

    def documents(self) -> Iterator[DocumentResult]:
        """An endless stream of documents, ``syn-000000``, ``syn-000001`` …"""
        for i in itertools.count():
            yield self.document(i)

    def document(self, i: int) -> DocumentResult:
        """Document number ``i``; call in order (the stream shares one random state)."""
        rng = self._rng
        doc_id = f"syn-{i:06d}"
        published = date(YEAR, 1, 1) + timedelta(days=rng.randrange(365))
        publisher = self.reporters.draw(rng)
        text = _Text()
        sentences: list[Sentence] = []
        attributions: list[Attribution] = []
        for index in range(rng.randint(8, 30)):
            start = text.pos
            if rng.random() < 0.5:
                text.add(" ".join(rng.choice(_FILLER) for _ in range(rng.randint(8, 20))).capitalize() + ".")
            else:
                attributions.append(self._attribution(rng, doc_id, index, text, published))
            sentence_text = text.since(start)
            sentences.append(Sentence(index, start, text.pos, sentence_text, (), "el"))
            text.add("\n" if rng.random() < 0.3 else " ")
            if attributions and attributions[-1].sentence == index:
                attributions[-1] = _with_sentence_text(attributions[-1], sentence_text)
        document = Document(doc_id, text.value(), "el", published, publisher.label,
                            f"https://news.example/{doc_id}")
        entities: dict[str, Entity] = {}
        for att in attributions:
            for mention in (att.source, att.reported_by, *att.about):
                if mention is not None and mention.entity and mention.entity not in entities:
                    entities[mention.entity] = self._by_id[mention.entity]
        return DocumentResult(document, tuple(sentences), tuple(attributions),
                              tuple(sorted(entities.values(), key=lambda e: e.id)))

    @property
    def _by_id(self) -> dict[str, Entity]:
        try:
            return self.__by_id
        except AttributeError:
            self.__by_id = {e.id: e for e in self.entities}
            return self.__by_id

    def _attribution(self, rng: random.Random, doc_id: str, index: int, text: _Text, published: date) -> Attribution:
        reported_by = reporting_cue = None
        time_ref = TimeRef(published, "publication")
        if rng.random() < 0.15:  # an explicit, earlier date in the sentence
            when = published - timedelta(days=rng.randint(1, 7))
            expression = text.add(f"Στις {when.day}/{when.month}")
            text.add(", ")
            time_ref = TimeRef(when, "explicit", "day", expression)
        if rng.random() < 0.15:
            outlet = self.reporters.draw(rng)
            reporting_cue = text.add("Όπως μετέδωσε")
            text.add(" ")
            span = text.add(f"το {outlet.label}")
            reported_by = Mention(span, outlet.label, outlet.type, _fold(outlet.label), None, outlet.id)
            text.add(", ")
        speaker = self.sources.draw(rng)
        source_span = text.add(f"ο {speaker.label}")
        roll = rng.random()
        if roll < 0.90:
            source: Mention | None = Mention(source_span, speaker.label, speaker.type, _fold(speaker.label),
                                             speaker.roles[0] if speaker.roles else None, speaker.id)
        elif roll < 0.96:  # found but not linked
            source = Mention(source_span, speaker.label, speaker.type, _fold(speaker.label))
        else:  # the speaker could not be resolved
            source = None
        text.add(" ")
        cue_text, cue_lemma = rng.choice(_CUES)
        cue = text.add(cue_text)
        text.add(" ότι ")
        quote = rng.choices(["indirect", "direct", "mixed"], [5, 3, 2])[0]
        if quote == "direct":
            text.add("«")
        content_start = text.pos
        about: list[Mention] = []
        quantities: list[Quantity] = []
        wants_figure = rng.random() < 0.20
        for k in range(rng.randint(1, 6)):
            if k:
                text.add(" " + " ".join(rng.choice(_FILLER) for _ in range(rng.randint(1, 4))) + " ")
            if wants_figure and k < 2 and (k == 0 or rng.random() < 0.4):
                value = rng.choice(_NUMBERS) * rng.choice([1, 1, 1, 2, 3])
                q_span = text.add(f"{value:,}".replace(",", "."))
                population = self.populations[bisect.bisect_left(
                    self._population_weights, rng.random() * self._population_weights[-1])]
                unit = text.add(" " + population)
                quantities.append(Quantity(q_span, float(value), rng.choice(_BOUNDS),
                                           rng.choice(_EVENTS) if rng.random() < 0.7 else None,
                                           population, unit.text.strip()))
                text.add(" ")
            topic = self.topics.draw(rng)
            span = text.add(topic.label)
            linked = rng.random() < 0.93
            about.append(Mention(span, topic.label, topic.type, _fold(topic.label), None,
                                 topic.id if linked else None))
        content = Span(content_start, text.pos, text.since(content_start))
        if quote == "direct":
            text.add("»")
        text.add(".")
        return Attribution(
            document=doc_id,
            sentence=index,
            sentence_text="",  # set once the sentence is complete
            cue=cue,
            cue_lemma=cue_lemma,
            content=content,
            source=source,
            quote=quote,
            polarity="denies" if cue_text in _DENIALS else "asserts",
            certainty=0.8 if cue_lemma == "εκτιμώ" else 1.0,
            confidence=rng.choice([0.6, 0.7, 0.75, 0.8, 0.85, 0.9]),
            rule=rng.choice(_RULES),
            about=tuple(about),
            reported_by=reported_by,
            reporting_cue=reporting_cue,
            time=time_ref,
            quantities=tuple(quantities),
        )


class _Text:
    """A growing document text that hands out the Span of each piece it appends."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.pos = 0
        self._joined = ""

    def add(self, piece: str) -> Span:
        start = self.pos
        self._parts.append(piece)
        self.pos += len(piece)
        return Span(start, self.pos, piece)

    def since(self, start: int) -> str:
        return self.value()[start:]

    def value(self) -> str:
        if len(self._joined) != self.pos:
            self._joined = "".join(self._parts)
        return self._joined


def _with_sentence_text(att: Attribution, sentence_text: str) -> Attribution:
    from dataclasses import replace

    return replace(att, sentence_text=sentence_text)


_FOLD = str.maketrans("άέήίόύώϊϋΐΰ", "αεηιουωιυιυ")


def _fold(label: str) -> str:
    return label.split()[-1].lower().translate(_FOLD)


_LATIN = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i", "κ": "k",
    "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t",
    "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
}


def _slug(label: str, seen: set[str]) -> str:
    base = "".join(_LATIN.get(c, c if c.isascii() and c.isalnum() else "-") for c in label.lower().translate(_FOLD))
    base = "-".join(filter(None, base.split("-"))) or "e"
    key, n = base, 1
    while key in seen:
        n += 1
        key = f"{base}-{n}"
    seen.add(key)
    return key


def generate(
    target_triples: int, seed: int = 7, entities: int = 3000, claims: int | None = None
) -> Iterator[tuple[DocumentResult, Graph]]:
    """Documents and their named graphs until the graphs hold ``target_triples`` triples in all
    (or, with ``claims``, as soon as the documents hold that many attributions)."""
    corpus = Corpus(seed, entities)
    total = attributions = 0
    for result in corpus.documents():
        if total >= target_triples or (claims is not None and attributions >= claims):
            return
        graph = document_graph(result)
        total += len(graph)
        attributions += len(result.attributions)
        yield result, graph


def write_nquads(
    path: Path | str, target_triples: int, seed: int = 7, entities: int = 3000, claims: int | None = None
) -> dict[str, int]:
    """Write the corpus as N-Quads (see :func:`generate` for ``claims``); returns its counts."""
    import pyoxigraph as ox

    from kg.store import to_oxigraph

    counts = {"documents": 0, "attributions": 0, "quads": 0, "quantities": 0, "chains": 0}
    described: dict[str, Entity] = {}

    def write(out, graph: Graph) -> None:
        name = ox.NamedNode(str(graph.identifier))
        quads = (ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name) for s, p, o in graph)
        out.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
        counts["quads"] += len(graph)

    with open(path, "wb") as out:
        for result, graph in generate(target_triples, seed, entities, claims):
            write(out, graph)
            counts["documents"] += 1
            counts["attributions"] += len(result.attributions)
            counts["quantities"] += sum(len(a.quantities) for a in result.attributions)
            counts["chains"] += sum(a.reported_by is not None for a in result.attributions)
            described.update((e.id, e) for e in described_entities(result))
        write(out, entity_graph(described.values()))  # what kg.rdf.writer.GraphWriter.finish writes
    counts["entities"] = len(described)
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--triples", type=int, default=1_100_000, help="target triple count (default 1,100,000)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--entities", type=int, default=3000, help="size of the entity pool")
    ap.add_argument("--out", type=Path, help="write the corpus here as N-Quads")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    if args.out:
        counts = write_nquads(args.out, args.triples, args.seed, args.entities)
    else:
        counts = {"documents": 0, "attributions": 0, "quads": 0}
        for result, graph in generate(args.triples, args.seed, args.entities):
            counts["documents"] += 1
            counts["attributions"] += len(result.attributions)
            counts["quads"] += len(graph)
    seconds = time.perf_counter() - t0
    print(", ".join(f"{k} {v:,}" for k, v in counts.items()) + f"; {seconds:.1f} s"
          + (f"; written to {args.out}" if args.out else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
