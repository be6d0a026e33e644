"""Entity linking: mentions → canonical, cross-document entities."""

from kg.link.entities import Linker, entity_key, transliterate

__all__ = ["Linker", "entity_key", "transliterate"]
