"""Consecutive items grouped by size: one helper for the parser's stanza batches and the build's chunks of
documents (both measured in characters; see kg.nlp.stanza.BATCH_CHARS and kg.parallel.CHUNK_CHARS)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def by_size(items: Iterable[T], size: Callable[[T], int], limit: int) -> Iterator[list[T]]:
    """Consecutive items, in order, about ``limit`` (by ``size``) a group; an item larger than ``limit`` goes alone."""
    group: list[T] = []
    total = 0
    for item in items:
        length = size(item)
        if total and total + length > limit:
            yield group
            group, total = [], 0
        group.append(item)
        total += length
    if group:
        yield group
