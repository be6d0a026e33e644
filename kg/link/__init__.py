"""Entity linking: mentions → canonical, cross-document, cross-script entities."""

from kg.link.entities import FUZZY_THRESHOLD, Linker, entity_key, transliterate
from kg.link.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from kg.link.names import skeleton

__all__ = ["FUZZY_THRESHOLD", "Gazetteer", "GazetteerEntry", "Linker", "entity_key", "load_gazetteer", "skeleton", "transliterate"]
