"""Quotation spans, found on the characters rather than the parse.

Quote marks are tokens the parser often attaches anywhere, and a quote may run
over several sentences, so quotes are paired on the paragraph text:
«…» (with nesting), “…”, „…“, "…" and ‘…’. An opening mark with no closing
mark before the paragraph ends (newswire often drops one) runs to the end of
the paragraph and is flagged ``closed=False``.
"""

from __future__ import annotations

from dataclasses import dataclass

# opening mark → closing marks
PAIRS: dict[str, tuple[str, ...]] = {"«": ("»",), "“": ("”", "“"), "„": ("“", "”"), "‘": ("’",), '"': ('"',)}


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark (or the paragraph end)
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1 if self.closed else self.end


def _is_apostrophe(text: str, i: int) -> bool:
    """’ between letters (γι’ αυτό, don’t) is an apostrophe, not a closing quote."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalpha() and (after.isalpha() or after == " ") and text[i] == "’"


def find_quotes(text: str, offset: int = 0) -> list[Quote]:
    """Top-level quotes in ``text`` (one paragraph), with document offsets (``offset`` added)."""
    quotes: list[Quote] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in PAIRS and not (ch == "‘" and i > 0 and text[i - 1].isalpha()):
            if ch == '"' and i + 1 < n and text[i + 1].isspace() and i > 0 and not text[i - 1].isspace():
                i += 1  # a straight quote followed by a space closes something we never opened
                continue
            close = _closing(text, i)
            if close is None:
                quotes.append(Quote(offset + i, offset + n, closed=False))
                break
            quotes.append(Quote(offset + i, offset + close + 1))
            i = close + 1
            continue
        i += 1
    return quotes


def _closing(text: str, i: int) -> int | None:
    opener = text[i]
    closers = PAIRS[opener]
    depth = 0
    for j in range(i + 1, len(text)):
        c = text[j]
        if c == opener and opener not in closers:
            depth += 1
        elif c in closers:
            if c == "’" and _is_apostrophe(text, j):
                continue
            if depth == 0:
                return j
            depth -= 1
    return None
