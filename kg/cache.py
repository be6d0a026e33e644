"""The parse cache: an unchanged document is never parsed twice.

Parsing is nearly all of a build's time, so each parse is kept as CoNLL-U
(with character offsets, an exact round trip through :mod:`kg.io.conllu`) in
``OUT/cache``, keyed by the document's checksum and the parser's signature
(models and stanza version): a changed text or model is parsed again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

from kg.errors import InputError
from kg.io.conllu import read_conllu, write_conllu
from kg.types import Diagnostic, Document, ParsedDoc

CACHE_DIR = "cache"


class ParseCache:
    """A folder of parses; reads and writes never raise for a bad entry (it is parsed again)."""

    def __init__(self, folder: Path | str, signature: str) -> None:
        self.folder = Path(folder)
        self.signature = signature

    def _path(self, document: Document) -> Path:
        key = hashlib.sha1(f"{document.checksum}|{self.signature}".encode()).hexdigest()[:24]
        return self.folder / f"{document.id}.{key}.json"

    def get(self, document: Document) -> ParsedDoc | None:
        path = self._path(document)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            sentences = tuple(b.sentence for b in read_conllu(data["conllu"], lang=document.lang or "und", source=str(path)))
            diagnostics = tuple(Diagnostic(**d) for d in data.get("diagnostics", []))
        except (OSError, ValueError, KeyError, TypeError, InputError):
            return None
        if any(document.text[s.start : s.end] != s.text for s in sentences):
            return None  # not this document's parse after all
        return ParsedDoc(document, sentences, diagnostics)

    def put(self, parsed: ParsedDoc) -> None:
        path = self._path(parsed.document)
        data = {
            "document": parsed.document.id,
            "signature": self.signature,
            "diagnostics": [{"path": d.path, "problem": d.problem, "document": d.document, "level": d.level} for d in parsed.diagnostics],
            "conllu": write_conllu(parsed),
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)  # never a half-written entry
        except OSError:
            pass  # a cache that cannot be written only costs time


class CachedParser:
    """A parser that looks in a :class:`ParseCache` first."""

    def __init__(self, parser, cache: ParseCache) -> None:
        self.parser = parser
        self.cache = cache
        self.hits = 0

    def parse(self, document: Document) -> ParsedDoc:
        found = self.cache.get(document)
        if found is not None:
            self.hits += 1
            return found
        parsed = self.parser.parse(document)
        self.cache.put(parsed)
        return parsed

    def parse_many(self, documents: Sequence[Document]) -> list[ParsedDoc | Exception]:
        """Cached parses where there are, the others parsed together (see :func:`kg.parallel.parse_many`)."""
        from kg.parallel import parse_many

        results: list[ParsedDoc | Exception | None] = [self.cache.get(d) for d in documents]
        self.hits += sum(r is not None for r in results)
        missing = [i for i, r in enumerate(results) if r is None]
        for i, parsed in zip(missing, parse_many(self.parser, [documents[i] for i in missing])):
            if isinstance(parsed, ParsedDoc):
                self.cache.put(parsed)
            results[i] = parsed
        return results  # type: ignore[return-value]
