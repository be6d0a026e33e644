"""Stable IRIs minted from ids: rebuilding or re-ingesting gives the same IRIs.

Scheme (see ``ontology/README.md``)::

    https://w3id.org/kg/id/doc/{Document.id}
    https://w3id.org/kg/id/attr/{Attribution.id}
    https://w3id.org/kg/id/claim/{Attribution.id}
    https://w3id.org/kg/id/entity/{Entity.id}
    https://w3id.org/kg/id/index/{about|said}/{Entity.id}/{n}   (page n of the claim index, kg.rdf.index)

Ids may hold any Unicode (Greek file names, spaces, ``/``, quotes). They are
NFC-normalised (so a macOS NFD file name and its NFC twin name the same
document) and then percent-encoded as UTF-8, keeping only RFC 3986
*unreserved* characters, which gives ASCII IRIs that every RDF tool accepts
and that can be decoded back with :func:`local_id`. A segment made only of
dots is encoded too, because ``.`` and ``..`` are dot-segments that IRI
normalisation would remove (RFC 3986 §5.2.4).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal
from urllib.parse import quote, unquote

from rdflib import URIRef

from kg.errors import KGError
from kg.ns import KGR, WD

Kind = Literal["doc", "attr", "claim", "entity", "quantity", "graph"]
KINDS: tuple[str, ...] = ("doc", "attr", "claim", "entity", "quantity", "graph")

_QID = re.compile(r"^Q[1-9][0-9]*$")


def encode(key: str) -> str:
    """Percent-encode one id as a single IRI path segment."""
    if not isinstance(key, str) or key == "":
        raise KGError(f"cannot mint an IRI from an empty or non-string id: {key!r}")
    segment = quote(unicodedata.normalize("NFC", key), safe="")
    if segment.strip(".") == "":
        segment = segment.replace(".", "%2E")
    return segment


def iri(kind: Kind, key: str) -> URIRef:
    """The data IRI of one thing of a kind (``doc``, ``attr``, ``claim``, ``entity``)."""
    if kind not in KINDS:
        raise KGError(f"unknown IRI kind {kind!r}; valid kinds: {', '.join(KINDS)}")
    return URIRef(f"{KGR}{kind}/{encode(key)}")


def document_iri(doc_id: str) -> URIRef:
    """The IRI of a document, also the name of its named graph."""
    return iri("doc", doc_id)


def attribution_iri(attribution_id: str) -> URIRef:
    """The IRI of an attribution node (``Attribution.id``)."""
    return iri("attr", attribution_id)


def claim_iri(attribution_id: str) -> URIRef:
    """The IRI of the claim an attribution reports; one claim per attribution."""
    return iri("claim", attribution_id)


def quantity_iri(attribution_id: str, start: int) -> URIRef:
    """The IRI of a quantity: its claim and where the number stands."""
    return iri("quantity", f"{attribution_id}-{start}")


DERIVED_GRAPH = iri("graph", "derived")
"""The named graph of facts derived across documents (conflicts), rebuilt after every build."""

ENTITY_GRAPH = iri("graph", "entities")
"""The named graph describing every entity once (class, identifier, labels), shared by all documents."""


INDEX_GRAPH = iri("graph", "index")
"""The named graph of the claim index (kg.rdf.index): each entity's claims in answer order, in pages."""


def index_page_iri(entity_id: str, number: int, ranking: str = "about") -> URIRef:
    """The IRI of page ``number`` (from 0) of an entity's claims in the claim index.

    ``ranking`` is ``about`` (the claims about the entity) or ``said`` (the
    claims it made).
    """
    if ranking not in ("about", "said"):
        raise KGError(f"unknown ranking {ranking!r} of the claim index; valid: about, said")
    return URIRef(f"{KGR}index/{ranking}/{encode(entity_id)}/{int(number)}")


def entity_iri(entity_id: str) -> URIRef:
    """The IRI of a canonical entity (``Entity.id``), shared across documents."""
    return iri("entity", entity_id)


def wikidata_iri(value: str) -> URIRef:
    """A Wikidata item IRI from a QID (``Q123``) or an IRI/URL already naming one."""
    value = value.strip()
    if _QID.match(value):
        return WD[value]
    match = re.match(r"^https?://(?:www\.)?wikidata\.org/(?:entity|wiki)/(Q[1-9][0-9]*)$", value)
    if match:
        return WD[match.group(1)]
    raise KGError(f"not a Wikidata item: {value!r}; expected a QID such as 'Q42' or its entity IRI")


def local_id(value: str, kind: Kind | None = None) -> str:
    """Decode the id back out of a data IRI minted here (inverse of :func:`iri`)."""
    text = str(value)
    if not text.startswith(str(KGR)):
        raise KGError(f"not a kg data IRI: {text!r}; expected one under {KGR}")
    found, _, segment = text[len(KGR):].partition("/")
    if found not in KINDS or not segment or (kind is not None and found != kind):
        want = kind or "|".join(KINDS)
        raise KGError(f"not a kg {want} IRI: {text!r}")
    return unquote(segment)
