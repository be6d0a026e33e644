"""Rule families on hand-checked CoNLL-U parses (tests/fixtures/parses/<lang>/<family>.conllu).

Every sentence carries its expectations (see the fixtures' README): either
``# expect = none`` or one line per attribution with cue, source head,
content, quote type and polarity, and optionally the source mention's label
(``label=``) and the exact set of about labels (``about=a; b``, ``about=``
for none). These run without stanza.

Cases listed in ``KNOWN_GAPS`` are expected to fail (strict xfail): each is a
fixture whose expectation is right by the conventions and the extractor does
not meet yet. When one starts passing, pytest reports XPASS as a failure:
remove it from the set.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from kg.extract import extract
from kg.io.conllu import parsed_from_conllu, read_conllu

PARSES = Path(__file__).resolve().parent / "fixtures" / "parses"
ABOUT_SEP = "; "  # separates the labels of an about= field

# Fixture ids (``<lang>/<family>/<sent_id>``) the extractor does not meet yet, with the reason; each runs
# as a strict xfail, so the suite is green, the gap stays visible, and a fix makes it XPASS (remove it here).
KNOWN_GAPS: dict[str, str] = {
    "el/according_to/gdt-20140429-voa-5-3":
        "about label of a role whose genitive complement is an abbreviated name («τον Υπουργό Άμυνας της Ν. Κορέας», Ν. without Case) loses the complement: «Υπουργό Άμυνας»",
    "el/according_to/gdt-20020227-ep-sessions_042-30":
        "«κατά την άποψη της Επιτροπής Νομικών Θεμάτων»: a named owner tagged NOUN is not taken as the view's label; the content runs on into the closing apposition (about «Σώμα»)",
    "el/parenthetical_cue/gdt-20020116-ep-sessions_128-17":
        "causal «εφόσον» (since) is read as a conditional, so «η Επιτροπή θεωρεί ότι …» yields no attribution",
    "el/passive_cue/gdt-20140211-voa-1-9":
        "postposed «…, αναφέρεται στην έκθεση των \"Χ\"»: content is only the quoted words, not the clause before the comma, and the report is not labelled by its named owner",
}


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", _norm(text))


def _overlap(gold: str, pred: str) -> tuple[float, float]:
    g, p = _words(gold), _words(pred)
    common = sum(min(g.count(w), p.count(w)) for w in set(g))
    return common / max(1, len(g)), common / max(1, len(p))


def _expectations(block) -> list[dict[str, str]] | None:
    out = []
    for line in block.all("expect"):
        if line.strip() == "none":
            return None
        fields = dict(part.strip().split("=", 1) for part in line.split(" | "))
        out.append({k.strip(): v.strip() for k, v in fields.items()})
    return out


def about_labels(value: str) -> set[str]:
    """The labels of an ``about=`` field: ``a; b`` → {a, b}; an empty field is the empty set."""
    return {part.strip() for part in value.split(ABOUT_SEP.strip()) if part.strip()}


def _check_label_and_about(exp: dict[str, str], source, att) -> None:
    """The optional ``label=`` (the source mention's label) and ``about=`` (the exact set of about labels)."""
    if "label" in exp:
        assert source is not None, f"label {exp['label']!r} expected, but the source is unresolved"
        assert source.label == exp["label"], f"source label {source.label!r} is not {exp['label']!r}"
    if "about" in exp:
        got = {m.label for m in att.about}
        want = about_labels(exp["about"])
        assert got == want, f"about {sorted(got)} is not {sorted(want)} (missing {sorted(want - got)}, extra {sorted(got - want)})"


def _cases():
    for path in sorted(PARSES.glob("*/*.conllu")):
        lang = path.parent.name
        text = path.read_text(encoding="utf-8")
        for block_text in [b for b in re.split(r"\n\s*\n", text) if "\t" in b]:
            block = read_conllu(block_text, lang=lang)[0]
            ident = block.comment("sent_id") or str(hash(block_text))
            ident = f"{lang}/{path.stem}/{ident}"
            marks = [pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[ident])] if ident in KNOWN_GAPS else []
            yield pytest.param(lang, block_text, id=ident, marks=marks)


CASES = list(_cases())


@pytest.mark.parametrize(("lang", "block_text"), CASES)
def test_extract_fixture_sentence(lang: str, block_text: str) -> None:
    parsed, blocks = parsed_from_conllu(block_text, lang=lang)
    expected = _expectations(blocks[0])
    found = extract(parsed)
    text = parsed.document.text
    for att in found:  # offsets are exact whatever the rule
        assert text[att.content.start : att.content.end] == att.content.text
        assert text[att.cue.start : att.cue.end] == att.cue.text
    if expected is None:
        assert found == (), f"expected no attribution, got {[(a.cue.text, a.content.text) for a in found]}"
        return
    for absent in blocks[0].all("expect_absent"):  # a cue that must make no attribution of its own
        cue = _norm(absent.strip())
        extra = [(a.cue.text, a.content.text) for a in found if cue in _norm(a.cue.text) or _norm(a.cue.text) in cue]
        assert not extra, f"no attribution expected with cue {absent.strip()!r}, got {extra}"
    for exp in expected:
        cue = _norm(exp["cue"])
        candidates = [a for a in found if cue in _norm(a.cue.text) or _norm(a.cue.text) in cue]
        chained = [a for a in found if a.reporting_cue is not None and (cue in _norm(a.reporting_cue.text) or _norm(a.reporting_cue.text) in cue)]
        if not candidates and chained:
            # a frame over another attribution becomes its reporting chain («Σύμφωνα με X, ο Y δήλωσε …»)
            head = exp.get("source_head", "NONE")
            assert head == "NONE" or any(_norm(head) in _norm(a.reported_by.span.text) for a in chained if a.reported_by)
            if "label" in exp or "about" in exp:  # the frame's source is the chain's reporter; its content the chained claim's
                outer = [a for a in chained if a.reported_by and (head == "NONE" or _norm(head) in _norm(a.reported_by.span.text))]
                _check_label_and_about(exp, outer[0].reported_by if outer else None, (outer or chained)[0])
            continue
        assert candidates, f"no attribution with cue {exp['cue']!r}; got {[(a.cue.text, a.content.text) for a in found]}"
        best = max(candidates, key=lambda a: sum(_overlap(exp["content"], a.content.text)))
        predicted = best.content.text
        if " … " in exp["content"] and best.source is not None:
            # a discontinuous gold content (a cue inside a split quote) against our single span:
            # the cue and source between the parts are not counted against us
            predicted = predicted.replace(best.source.span.text, " ").replace(best.cue.text, " ")
        recall, precision = _overlap(exp["content"], predicted)
        assert recall >= 0.8 and precision >= 0.6, f"content {best.content.text!r} vs {exp['content']!r}"
        head = exp.get("source_head", "NONE")
        if head == "NONE":
            assert best.source is None, f"source should stay unresolved, got {best.source.span.text!r}"
        else:
            assert best.source is not None, f"source {exp.get('source')!r} not found"
            assert _norm(head) in _norm(best.source.span.text), f"source {best.source.span.text!r} lacks head {head!r}"
            exact = blocks[0].comment("expect_source_span")
            if exact and len(expected) == 1:  # the span itself: no trailing adverbial, no lost apposition
                assert best.source.span.text == exact, f"source {best.source.span.text!r} is not {exact!r}"
        _check_label_and_about(exp, best.source, best)
        assert best.polarity == exp.get("polarity", "asserts")
        quote = exp.get("quote", "indirect")
        # «…» around a whole complement is "direct" to some annotators, "mixed" to others: both accepted
        assert best.quote != "direct" if quote == "indirect" else best.quote in ("direct", "mixed"), best.quote


def test_extract_fixtures_present() -> None:
    """Both languages have fixtures for every rule family (a missing file would silently test nothing)."""
    families = {p.stem for p in PARSES.glob("el/*.conllu")}
    assert families and families == {p.stem for p in PARSES.glob("en/*.conllu")}
    assert len(CASES) >= 50


def test_known_gaps_are_fixtures() -> None:
    """Every KNOWN_GAPS entry names a fixture that exists, with a reason (a stale id would hide nothing and say nothing)."""
    ids = {p.id for p in CASES}
    assert not set(KNOWN_GAPS) - ids, f"unknown ids in KNOWN_GAPS: {sorted(set(KNOWN_GAPS) - ids)}"
    assert all(reason.strip() for reason in KNOWN_GAPS.values())
