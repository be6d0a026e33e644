"""Large inputs: a long document shows how far its parse is, and one beyond the supported size is refused by name."""

from __future__ import annotations

import io
import re

from kg.cli import run
from kg.io.documents import DEFAULT_MAX_CHARS
from kg.nlp import stanza as adapter


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


WORDS = "ο υπουργός δήλωσε ότι η κυβέρνηση θα στηρίξει το σχέδιο για την οικονομία των πολιτών".split()


def test_large_inputs_build_shows_the_parse_moving_and_refuses_a_document_beyond_the_limit(tmp_path, monkeypatch, stanza_parser):
    """A 5 MB article showed nothing for 66 minutes; one over the limit must cost only itself."""
    monkeypatch.setattr(adapter, "BATCH_CHARS", 400)  # a long document, in miniature: several batches
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.txt").write_text("\n".join(" ".join(WORDS[i:] + WORDS[:i]) for i in range(12)), encoding="utf-8")
    (folder / "huge.txt").write_text("α " * (DEFAULT_MAX_CHARS // 2 + 1), encoding="utf-8")
    out, err = io.StringIO(), _Terminal()
    code = run(["build", str(folder), "-o", str(tmp_path / "out"), "--no-cache"], out, err)
    shown = err.getvalue()
    assert code == 1 and "1 documents" in out.getvalue() and "1 failed" in out.getvalue()
    # the parsing bar, as drawn batch after batch (kg.cli._Progress: rich)
    steps = [int(m) for m in re.findall(r"parsing\s[^%\n]*?(\d+)%", shown)]
    assert len(set(steps)) >= 3 and steps == sorted(steps) and steps[-1] == 100, shown
    (refusal,) = [line for line in shown.replace("\r", "\n").splitlines() if "huge.txt" in line and "max_chars" in line]
    assert f"max_chars={DEFAULT_MAX_CHARS:,}" in refusal
