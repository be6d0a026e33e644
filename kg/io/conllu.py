"""CoNLL-U in and out: hand-checked fixtures for the extractors, and a parse cache.

Character offsets are not part of CoNLL-U. ``write_conllu`` records them in
comments (``# start_char``) and in MISC (``start_char=…|end_char=…``, the keys
stanza's own CoNLL-U writer uses), so that writing and reading back is an exact
round trip and an unchanged document is never parsed twice. Hand-written
CoNLL-U has no offsets: reading then aligns each token's form with the
sentence's ``# text`` line (tokens appear in order; spaces between them are
skipped). Multiword-token lines (``1-2``) give their span to every word they
contain, as the stanza adapter does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.errors import InputError
from kg.types import Document, ParsedDoc, Sentence, Word


# every character str.splitlines() breaks a line at: none may stay in a one-line "# text" comment
_ONE_LINE = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class ConlluSentence:
    """A sentence block: its comments (``key = value`` pairs, in order) and the parse."""

    comments: tuple[tuple[str, str], ...]
    sentence: Sentence

    def comment(self, key: str) -> str | None:
        return next((v for k, v in self.comments if k == key), None)

    def all(self, key: str) -> list[str]:
        return [v for k, v in self.comments if k == key]


def _blocks(text: str) -> Iterator[list[str]]:
    block: list[str] = []
    for line in text.splitlines():
        if line.strip():
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def read_conllu(text: str, *, lang: str = "el", source: str = "<conllu>", base: int = 0) -> list[ConlluSentence]:
    """Parse CoNLL-U text into sentences with document character offsets.

    What ``write_conllu`` stores comes back exactly: a sentence's ``# start_char``,
    ``# paragraph`` and ``# lang`` comments, and each word's ``start_char``/``end_char``
    in MISC. Without them, sentence offsets start at ``base`` and run on with one
    newline between sentences, every sentence is its own paragraph in ``lang``, and
    words are aligned with the ``# text`` line.
    """
    out: list[ConlluSentence] = []
    offset = base
    for number, block in enumerate(_blocks(text)):
        comments: list[tuple[str, str]] = []
        rows: list[list[str]] = []
        for line in block:
            if line.startswith("#"):
                key, _, value = line[1:].partition("=")
                comments.append((key.strip(), value.strip()))
            else:
                cols = line.split("\t")
                if len(cols) != 10:
                    raise InputError(source, f"sentence {number + 1}: expected 10 tab-separated columns, got {len(cols)}: {line!r}")
                rows.append(cols)
        found = dict(reversed(comments))  # the first value of each key
        sent_text = found.get("text")
        if "raw_text" in found:
            sent_text = _json_comment(found["raw_text"], "raw_text", source, number)
        elif sent_text is None:
            sent_text = " ".join(c[1] for c in rows if "." not in c[0] and "-" not in c[0])
        if "start_char" in found:
            offset = _int_comment(found["start_char"], "start_char", source, number)
        paragraph = _int_comment(found["paragraph"], "paragraph", source, number) if "paragraph" in found else len(out)
        words = _align(rows, sent_text, offset, source, number)
        out.append(
            ConlluSentence(
                tuple(comments),
                Sentence(len(out), offset, offset + len(sent_text), sent_text, tuple(words), found.get("lang") or lang, paragraph),
            )
        )
        offset += len(sent_text) + 1
    return out


def _int_comment(value: str, key: str, source: str, number: int) -> int:
    try:
        return int(value)
    except ValueError:
        raise InputError(source, f"sentence {number + 1}: '# {key}' must be an integer, got {value!r}") from None


def _json_comment(value: str, key: str, source: str, number: int) -> str:
    try:
        decoded = json.loads(value)
    except ValueError:
        decoded = None
    if not isinstance(decoded, str):
        raise InputError(source, f"sentence {number + 1}: '# {key}' must be a JSON string, got {value!r}")
    return decoded


def _misc_span(misc: str, source: str, number: int) -> tuple[int, int] | None:
    """``start_char``/``end_char`` from a MISC column (document offsets), when both are there."""
    if misc == "_":
        return None
    pairs = dict(item.partition("=")[::2] for item in misc.split("|"))
    if "start_char" not in pairs or "end_char" not in pairs:
        return None
    try:
        return int(pairs["start_char"]), int(pairs["end_char"])
    except ValueError:
        raise InputError(source, f"sentence {number + 1}: bad start_char/end_char in MISC {misc!r}") from None


def _align(rows: list[list[str]], text: str, base: int, source: str, number: int) -> list[Word]:
    """Words with document offsets: from MISC when recorded there, else found in ``text`` in order."""
    words: list[Word] = []
    cursor = 0
    mwt_end = 0
    mwt_span = (0, 0)  # document offsets of the current multiword token
    for cols in rows:
        ident = cols[0]
        if "." in ident:  # empty nodes of enhanced dependencies: not part of the basic tree
            continue
        recorded = _misc_span(cols[9], source, number)
        if "-" in ident:
            first, last = (int(x) for x in ident.split("-"))
            if recorded is None:
                at, end = _find(text, cols[1], cursor, source, number)
                recorded = (base + at, base + end)
            mwt_span = recorded
            cursor = max(cursor, mwt_span[1] - base)
            mwt_end = last
            continue
        wid = int(ident)
        if recorded is not None:
            start, end = recorded
        elif wid <= mwt_end:
            start, end = mwt_span
        else:
            at, stop = _find(text, cols[1], cursor, source, number)
            start, end = base + at, base + stop
        if wid > mwt_end:
            cursor = max(cursor, end - base)
        words.append(
            Word(
                id=wid,
                text=cols[1],
                lemma=cols[2] if cols[2] != "_" or cols[1] == "_" else cols[1],
                upos=cols[3],
                head=int(cols[6]) if cols[6].isdigit() else 0,
                deprel=cols[7],
                start=start,
                end=end,
                feats="" if cols[5] == "_" else cols[5],
                xpos="" if cols[4] == "_" else cols[4],
            )
        )
    return words


def _find(text: str, form: str, cursor: int, source: str, number: int) -> tuple[int, int]:
    at = text.find(form, cursor)
    if at < 0 or text[cursor:at].strip():
        raise InputError(source, f"sentence {number + 1}: token {form!r} not found in '# text' after offset {cursor}")
    return at, at + len(form)


def parsed_from_conllu(text: str, *, doc_id: str = "fixture", lang: str = "el", **meta) -> tuple[ParsedDoc, list[ConlluSentence]]:
    """A ParsedDoc whose text is the sentences' ``# text`` lines joined by newlines."""
    blocks = read_conllu(text, lang=lang, source=doc_id)
    doc_text = "\n".join(b.sentence.text for b in blocks)
    document = Document(id=doc_id, text=doc_text, lang=lang, **meta)
    return ParsedDoc(document, tuple(b.sentence for b in blocks)), blocks


def write_conllu(parsed: ParsedDoc) -> str:
    """Serialise a parse so that ``read_conllu`` gives it back exactly (the parse cache).

    Sentence offsets, paragraph and language go into comments, word offsets into
    MISC (``start_char=…|end_char=…``, as stanza writes them). Consecutive words
    that share one span are the words of a multiword token (``στο`` = σ + το, as
    the stanza adapter gives them the token's offsets) and get a ``4-5`` token line
    with the token's text. A sentence text that ``# text`` cannot hold on one line
    is kept exactly in ``# raw_text`` as a JSON string.
    """
    lines: list[str] = []
    for sent in parsed.sentences:
        one_line = _ONE_LINE.sub(" ", sent.text)
        lines.append(f"# sent_id = {parsed.document.id}-{sent.index}")
        lines.append(f"# text = {one_line}")
        if one_line != sent.text or one_line != one_line.strip():
            lines.append(f"# raw_text = {json.dumps(sent.text, ensure_ascii=True)}")
        lines.append(f"# start_char = {sent.start}")
        lines.append(f"# paragraph = {sent.paragraph}")
        lines.append(f"# lang = {sent.lang}")
        words = sent.words
        i = 0
        while i < len(words):
            w = words[i]
            j = i + 1
            while j < len(words) and (words[j].start, words[j].end) == (w.start, w.end):
                j += 1
            if j - i > 1:
                token = sent.text[w.start - sent.start : w.end - sent.start]
                lines.append("\t".join([f"{w.id}-{words[j - 1].id}", token or "_", "_", "_", "_", "_", "_", "_", "_",
                                        f"start_char={w.start}|end_char={w.end}"]))
            for v in words[i:j]:
                lines.append(
                    "\t".join(
                        [str(v.id), v.text, v.lemma, v.upos, v.xpos or "_", v.feats or "_", str(v.head), v.deprel, "_",
                         f"start_char={v.start}|end_char={v.end}"]
                    )
                )
            i = j
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")
