"""Quotation spans, found on the characters rather than the parse.

Quote marks are tokens the parser often attaches anywhere, and a quote may run
over several sentences, so quotes are paired on the paragraph text:
«…» (with nesting), “…”, „…“, "…" and ‘…’. An opening mark with no closing
mark before the paragraph ends (newswire often drops one) runs to the end of
the paragraph and is flagged ``closed=False``; a closing mark with no opening
one (a quotation carried over from the previous paragraph) starts at the
paragraph and is flagged ``opened=False``.
"""

from __future__ import annotations

from dataclasses import dataclass

# opening mark → its closing marks; two-character marks first (‘’…’’ and ``…'' stand for double quotes)
PAIRS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("‘’", ("’’",)), ("‘‘", ("’’",)), ("``", ("''",)), ("''", ("''",)),
    ("«", ("»",)), ("“", ("”", "“")), ("„", ("“", "”")), ("‘", ("’",)), ('"', ('"',)),
)
CLOSERS = ("’’", "''", "»", "”", '"')
"""The marks that close a quotation, two-character ones first."""


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # offset of the opening mark (or the paragraph start)
    end: int  # offset just after the closing mark (or the paragraph end)
    closed: bool = True
    opened: bool = True  # False: the quote began in an earlier paragraph ("…», είπε ο Χ.")
    mark_width: int = 1  # ‘’, ’’, `` and '' are two characters wide

    @property
    def inner(self) -> tuple[int, int]:
        # both marks of a pair have the same width (‘’…’’, ``…''), so one width serves either end
        start = self.start + (self.mark_width if self.opened else 0)
        end = self.end - (self.mark_width if self.closed else 0)
        return start, end


def _straight_role(text: str, i: int, width: int = 1) -> str:
    """A straight " (or '') opens before a word and closes after one."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if (before.isspace() or before in "([{—–-/") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}…—–-·"):
        return "close"
    return "open"


def _mark_at(text: str, i: int) -> tuple[str, tuple[str, ...]] | None:
    for opener, closers in PAIRS:
        if text.startswith(opener, i):
            if opener == "‘" and i > 0 and text[i - 1].isalpha():
                return None  # an apostrophe-like ‘ inside a word
            if opener in ('"', "''") and _straight_role(text, i, len(opener)) == "close":
                return None  # (newspapers that set quotations in ''…'' use the same two marks to open and close)
            return opener, closers
    return None


def _closer_at(text: str, i: int) -> str | None:
    for closer in CLOSERS:
        if text.startswith(closer, i) and (closer not in ('"', "''") or _straight_role(text, i, len(closer)) == "close"):
            return closer
    return None


def find_quotes(text: str, offset: int = 0) -> list[Quote]:
    """Top-level quotes in ``text`` (one paragraph), with document offsets (``offset`` added)."""
    quotes: list[Quote] = []
    i, n = 0, len(text)
    while i < n:
        mark = _mark_at(text, i)
        if mark is None:
            closer = _closer_at(text, i)
            if closer and not quotes:
                # a closing mark before any opening one: the quotation began in an earlier paragraph
                lead = len(text) - len(text.lstrip())
                quotes.append(Quote(offset + lead, offset + i + len(closer), closed=True, opened=False, mark_width=len(closer)))
                i += len(closer)
                continue
            i += 1
            continue
        opener, closers = mark
        close = _closing(text, i + len(opener), opener, closers)
        if close is None:
            quotes.append(Quote(offset + i, offset + n, closed=False, mark_width=len(opener)))
            break
        close_at, close_len = close
        quotes.append(Quote(offset + i, offset + close_at + close_len, mark_width=len(opener)))
        i = close_at + close_len
    return quotes


def _closing(text: str, j: int, opener: str, closers: tuple[str, ...]) -> tuple[int, int] | None:
    depth = 0
    while j < len(text):
        if opener not in closers and text.startswith(opener, j) and opener != '"':
            depth += 1
            j += len(opener)
            continue
        for c in closers:
            if text.startswith(c, j):
                if c == "’" and _is_apostrophe(text, j):
                    break
                if c in ('"', "''") and _straight_role(text, j, len(c)) != "close":
                    break
                if depth == 0:
                    return j, len(c)
                depth -= 1
                j += len(c) - 1
                break
        j += 1
    return None


def _is_apostrophe(text: str, i: int) -> bool:
    """Whether the ’ at ``i`` is an apostrophe rather than the closing mark of a ‘…’ quote.

    A closing quote mark ends a word, so ’ before a letter or digit is always an
    apostrophe (don’t, We’re, ’ρθει, ’90s). ’ after a word and before a space and
    another word is ambiguous: an elision or a plural possessive (γι’ αυτό,
    σ’ αγαπώ, the students’ union) or the end of a quote that the sentence runs
    on from (‘fine’ today). It closes the quote only when no other ’ could close
    it before the next ‘ opens one; ’ before punctuation, a line end or the end of
    the text always closes.
    """
    after = text[i + 1] if i + 1 < len(text) else ""
    if after.isalnum():
        return True
    before = text[i - 1] if i > 0 else ""
    if before.isalpha() and after.isspace() and text[i + 1 :].lstrip(" \t")[:1].isalpha():
        return _later_closer(text, i + 1)
    return False


def _later_closer(text: str, j: int) -> bool:
    """Whether a ’ that is not before a letter or digit follows ``j`` before the next opening ‘."""
    while j < len(text):
        c = text[j]
        if c == "‘" or c == "\n":
            return False
        if c == "’" and not text[j + 1 : j + 2].isalnum():
            return True
        j += 1
    return False
