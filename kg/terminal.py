"""Text made safe to show on a terminal (the CLI's messages and tables, the server's log)."""

from __future__ import annotations

import re

__all__ = ["printable"]

# Control characters (C0, DEL, C1: ESC and CSI start terminal escape sequences; a line break
# forges a line) and the bidirectional overrides and isolates, which reorder what is shown.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: object) -> str:
    """``text`` safe to show on a terminal: control characters written as escapes (``\\x1b``, ``\\n``).

    File names, document ids and article text end up in messages, tables
    and logs; raw, an escape sequence in one would drive the terminal
    (recolour, retitle, hide or rewrite earlier lines). Every line written
    for people goes through here; CSV and JSON output is data and keeps its
    text (JSON escapes control characters itself).
    """
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], str(text))
