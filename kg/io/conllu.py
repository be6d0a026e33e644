"""CoNLL-U in and out: hand-checked fixtures for the extractors, and a parse cache.

Character offsets are not part of CoNLL-U, so reading aligns each token's form
with the sentence's ``# text`` line (tokens appear in order; spaces between
them are skipped). Multiword-token lines (``1-2``) give their span to every
word they contain, as the stanza adapter does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from kg.errors import InputError
from kg.types import Document, ParsedDoc, Sentence, Word


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
    """Parse CoNLL-U text; sentence offsets start at ``base`` and run on with one newline between sentences."""
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
        sent_text = next((v for k, v in comments if k == "text"), None)
        if sent_text is None:
            sent_text = " ".join(c[1] for c in rows if "." not in c[0] and "-" not in c[0])
        words = _align(rows, sent_text, offset, source, number)
        out.append(
            ConlluSentence(
                tuple(comments),
                Sentence(len(out), offset, offset + len(sent_text), sent_text, tuple(words), lang, len(out)),
            )
        )
        offset += len(sent_text) + 1
    return out


def _align(rows: list[list[str]], text: str, base: int, source: str, number: int) -> list[Word]:
    words: list[Word] = []
    cursor = 0
    mwt_end = 0
    mwt_span = (0, 0)
    for cols in rows:
        ident = cols[0]
        if "." in ident:  # empty nodes of enhanced dependencies: not part of the basic tree
            continue
        if "-" in ident:
            first, last = (int(x) for x in ident.split("-"))
            mwt_span = _find(text, cols[1], cursor, source, number)
            cursor = mwt_span[1]
            mwt_end = last
            continue
        wid = int(ident)
        if wid <= mwt_end:
            start, end = mwt_span
        else:
            start, end = _find(text, cols[1], cursor, source, number)
            cursor = end
        words.append(
            Word(
                id=wid,
                text=cols[1],
                lemma=cols[2] if cols[2] != "_" or cols[1] == "_" else cols[1],
                upos=cols[3],
                head=int(cols[6]) if cols[6].isdigit() else 0,
                deprel=cols[7],
                start=base + start,
                end=base + end,
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
    """Serialise a parse, keeping offsets in ``# start_char`` comments (for the parse cache)."""
    lines: list[str] = []
    for sent in parsed.sentences:
        lines.append(f"# sent_id = {parsed.document.id}-{sent.index}")
        lines.append(f"# text = {sent.text.replace(chr(10), ' ')}")
        lines.append(f"# start_char = {sent.start}")
        lines.append(f"# paragraph = {sent.paragraph}")
        lines.append(f"# lang = {sent.lang}")
        for w in sent.words:
            lines.append(
                "\t".join(
                    [str(w.id), w.text, w.lemma, w.upos, w.xpos or "_", w.feats or "_", str(w.head), w.deprel, "_",
                     f"start_char={w.start}|end_char={w.end}"]
                )
            )
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")
