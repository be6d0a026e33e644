"""Well-formedness of the hand-checked CoNLL-U fixtures in tests/fixtures/parses/.

Loader-independent: parses the files with a few lines of plain Python, so it
checks the fixtures themselves, not the project's CoNLL-U reader.  See
tests/fixtures/parses/README.md for the expectation syntax.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

PARSES = Path(__file__).parent / "fixtures" / "parses"
FILES = sorted(PARSES.glob("*/*.conllu"))
FIELDS = ("cue", "source", "source_head", "content", "quote", "polarity")
OPTIONAL = ("label", "about")  # the source mention's label; the set of about labels ("a; b", empty for none)
ABOUT_SEP = "; "
QUOTES = {"direct", "indirect", "mixed"}
POLARITIES = {"asserts", "denies"}
GAP = " … "  # joins the parts of a discontinuous content


def read_blocks(path: Path) -> list[tuple[int, list[str], list[list[str]]]]:
    """Return (first line number, comment lines, token rows) per sentence."""
    blocks, comments, rows, start = [], [], [], None
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            if comments or rows:
                blocks.append((start, comments, rows))
            comments, rows, start = [], [], None
            continue
        if start is None:
            start = lineno
        if line.startswith("#"):
            assert not rows, f"{path.name}:{lineno}: comment after token lines"
            comments.append(line)
        else:
            rows.append(line.split("\t"))
    if comments or rows:
        blocks.append((start, comments, rows))
    return blocks


def meta(comments: list[str], key: str) -> list[str]:
    prefix = f"# {key} = "
    return [c[len(prefix):] for c in comments if c.startswith(prefix)]


def parse_expect(value: str) -> dict[str, str]:
    parts = [p.strip() for p in value.split(" | ")]
    out = {}
    for p in parts:
        assert "=" in p, f"expect field without '=': {p!r}"
        k, v = p.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def check_label_and_about(where: str, e: dict[str, str], text: str) -> None:
    """``label=``: a non-empty part of the source (labels keep the written form); ``about=``: distinct
    non-empty labels, each inside one part of the content."""
    if "label" in e:
        assert e["label"], f"{where}: empty label"
        assert e["source"] != "NONE", f"{where}: label given for an unresolved source"
        assert e["label"] in e["source"], f"{where}: label {e['label']!r} is not part of the source {e['source']!r}"
    if "about" in e:
        value = e["about"]
        labels = [part.strip() for part in value.split(ABOUT_SEP.strip())] if value else []
        assert all(labels), f"{where}: empty label in about={value!r}"
        assert value == ABOUT_SEP.join(labels), f"{where}: about labels are separated by {ABOUT_SEP!r}: {value!r}"
        assert len(set(labels)) == len(labels), f"{where}: duplicate about label in {value!r}"
        parts = e["content"].split(GAP)
        for label in labels:
            assert label in text and any(label in part for part in parts), f"{where}: about label {label!r} not in the content"


def check_tokens(where: str, rows: list[list[str]], text: str) -> list[str]:
    """Check the token table; return the word forms (integer ids)."""
    words, ranges = [], []
    for row in rows:
        assert len(row) == 10, f"{where}: {len(row)} columns in {row!r}"
        tid = row[0]
        if re.fullmatch(r"\d+-\d+", tid):
            a, b = map(int, tid.split("-"))
            assert a < b, f"{where}: bad range {tid}"
            assert a == len(words) + 1, f"{where}: range {tid} not just before token {a}"
            ranges.append((a, b, row[1], row[9]))
        elif re.fullmatch(r"\d+\.\d+", tid):
            assert int(tid.split(".")[0]) == len(words), f"{where}: empty node {tid} misplaced"
        else:
            assert re.fullmatch(r"[1-9]\d*", tid), f"{where}: bad id {tid!r}"
            assert int(tid) == len(words) + 1, f"{where}: ids not consecutive at {tid}"
            words.append(row)
    n = len(words)
    assert n > 0, f"{where}: no tokens"
    roots = [w for w in words if w[6] == "0"]
    assert len(roots) == 1, f"{where}: {len(roots)} roots"
    assert roots[0][7] == "root", f"{where}: head 0 with deprel {roots[0][7]}"
    for w in words:
        assert re.fullmatch(r"\d+", w[6]), f"{where}: head {w[6]!r} of token {w[0]}"
        assert 0 <= int(w[6]) <= n, f"{where}: head {w[6]} out of range"
        assert w[6] != w[0], f"{where}: token {w[0]} is its own head"
        assert (w[7] == "root") == (w[6] == "0"), f"{where}: root deprel on token {w[0]}"
    last = 0
    for a, b, _, _ in ranges:
        assert a > last and b <= n, f"{where}: overlapping or out-of-range MWT {a}-{b}"
        last = b
    # acyclic: every token reaches the root
    heads = {int(w[0]): int(w[6]) for w in words}
    for i in heads:
        seen, j = set(), i
        while j != 0:
            assert j not in seen, f"{where}: cycle through token {i}"
            seen.add(j)
            j = heads[j]
    # the surface text rebuilt from the tokens (MWT surface forms, SpaceAfter=No) equals # text
    covered = {i for a, b, _, _ in ranges for i in range(a, b + 1)}
    starts = {a: (b, form, misc) for a, b, form, misc in ranges}
    out, i = [], 1
    while i <= n:
        if i in starts:
            b, form, misc = starts[i]
            i = b + 1
        else:
            form, misc = words[i - 1][1], words[i - 1][9]
            assert i not in covered
            i += 1
        out.append(form)
        if "SpaceAfter=No" not in misc.split("|"):
            out.append(" ")
    assert "".join(out).strip() == text.strip(), f"{where}: tokens do not rebuild # text"
    return [w[1] for w in words]


def test_fixture_files_exist():
    assert {p.parent.name for p in FILES} == {"el", "en"}
    assert len(FILES) >= 20


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_file(path: Path):
    blocks = read_blocks(path)
    assert blocks, f"{path} is empty"
    seen_ids = set()
    for start, comments, rows in blocks:
        where = f"{path.parent.name}/{path.name}:{start}"
        sent_ids, texts = meta(comments, "sent_id"), meta(comments, "text")
        assert len(sent_ids) == 1 and len(texts) == 1, f"{where}: need one sent_id and one text"
        assert sent_ids[0] not in seen_ids, f"{where}: duplicate sent_id {sent_ids[0]}"
        seen_ids.add(sent_ids[0])
        text = texts[0]
        forms = check_tokens(where, rows, text)
        # expectations come right after # text
        names = [c.split(" = ", 1)[0][2:] for c in comments]
        ti = names.index("text")
        assert names[ti + 1] == "expect", f"{where}: # expect must follow # text"
        expects = meta(comments, "expect")
        assert expects, f"{where}: no # expect line"
        if "none" in expects:
            assert expects == ["none"], f"{where}: 'none' mixed with attributions"
            continue
        for value in expects:
            e = parse_expect(value)
            assert set(FIELDS) <= set(e) <= set(FIELDS) | set(OPTIONAL), f"{where}: fields {sorted(e)}"
            check_label_and_about(where, e, text)
            assert e["quote"] in QUOTES, f"{where}: quote={e['quote']}"
            assert e["polarity"] in POLARITIES, f"{where}: polarity={e['polarity']}"
            assert e["content"], f"{where}: empty content"
            pos = 0
            for part in e["content"].split(GAP):
                assert part and part in text, f"{where}: content part not in text: {part!r}"
                found = text.find(part, pos)
                assert found >= 0, f"{where}: content parts out of order: {part!r}"
                pos = found + len(part)
            for cue_word in e["cue"].split():
                assert cue_word in forms, f"{where}: cue word {cue_word!r} is not a token"
            if e["source"] == "NONE":
                assert e["source_head"] == "NONE", f"{where}: source NONE needs source_head=NONE"
            else:
                assert e["source"] in text, f"{where}: source not in text: {e['source']!r}"
                assert e["source_head"] in forms, f"{where}: source_head {e['source_head']!r} not a token"
                assert e["source_head"] in e["source"], f"{where}: source_head not inside source"
