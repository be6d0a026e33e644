"""One exception hierarchy, so callers can catch kg's failures as a family.

Messages name the bad value and, where there are any, the valid options
(as spaCy's ``errors.py`` and networkx's exceptions do).
"""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KGError):
    """A document, manifest or metadata file cannot be read as given."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class ModelError(KGError):
    """A stanza model is missing or cannot be loaded."""


class LanguageWithoutModels(ModelError):
    """A document in a language no installed model reads, while others are installed: the document is
    kept in the graph, unanalysed (a build whose models are all missing fails instead)."""


class LexiconError(KGError):
    """A cue lexicon is missing or malformed."""


class StoreError(KGError):
    """The graph store cannot be opened, read or written."""


class QueryError(KGError):
    """A SPARQL query is malformed or its parameters do not fit."""


class NameNotFound(QueryError):
    """A name given by the user names no entity of the graph (kg.link.resolve); ``suggestions`` are the closest names."""

    def __init__(self, option: str, name: str, suggestions: tuple[str, ...] = ()) -> None:
        self.option = option
        self.name = name
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else "; no name in the graph is close to it"
        super().__init__(f"--{option} {name!r} names no entity in the graph{hint}")
