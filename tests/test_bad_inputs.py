"""Bad input through the real ``kg build``: every bad document is named, the rest is built.

One folder holds the inputs a newsroom dump really contains: empty and blank
files, a PDF and a PNG saved as text, legacy Greek code pages, a latin-1
French article, a BOM, CRLF line ends, HTML with scripts, a text with no word
in it, Latin letters inside Greek words, tweets with emoji, a broken
``metadata.json``, the same id twice, a JSON Lines file with bad lines and a
~19 MB file. The fixtures are written by code into ``tmp_path`` (nothing
binary or big lives in the repository). The build runs in-process through
``kg.cli.run`` with the real Greek stanza models.
"""

from __future__ import annotations

import io
import json
import re
import tracemalloc
from pathlib import Path

import pytest

from kg.cli import run
from kg.io.documents import read_documents

GREEK = (
    "Ο υπουργός δήλωσε ότι η κυβέρνηση θα καταθέσει νέο νομοσχέδιο. "
    "Άλλοι βουλευτές είπαν ότι το σχέδιο είναι ελλιπές."
)
FRENCH = "Le président a déclaré que les élections auront lieu en été, selon le ministère."
SWAHILI = "Rais alisema kwamba serikali itawasilisha muswada mpya bungeni wiki ijayo."
HUGE_BYTES = 19_000_000  # under 4 × max_chars, so the streaming reader (not the size check) must stop it

# name → a regular expression its diagnostic must match. Every one is an error.
BAD: dict[str, str] = {
    "empty": r"error: \S*empty\.txt \[empty\]: empty file",
    "blank": r"error: \S*blank\.txt \[blank\]: empty document \(only whitespace\)",
    "scan": r"error: \S*scan\.txt \[scan\]: binary file \(PDF\)",
    "photo": r"error: \S*photo\.html \[photo\]: binary file \(PNG\)",
    "punct": r"error: \S*punct\.txt \[punct\]: no words to analyse",
    "huge": r"error: \S*huge\.txt \[huge\]: longer than max_chars",
    "dup-record": r"error: \S*records\.jsonl:1 \[dup\]: duplicate document id 'dup', first read from \S*dup\.txt",
    "bad-json": r"error: \S*records\.jsonl:2: invalid JSON \(Unterminated string",
    "not-object": r"error: \S*records\.jsonl:3: expected a JSON object, got list",
    "no-text": r"error: \S*records\.jsonl:4 \[notext\]: field 'text' must be a string, is missing",
}
# Used, with something dropped or guessed: a warning each, and the document is built.
WARNINGS: dict[str, str] = {
    "cp1253": r"warning: \S*greek-cp1253\.txt \[greek-cp1253\]: not UTF-8; decoded as cp1253",
    "iso-8859-7": r"warning: \S*greek-iso\.txt \[greek-iso\]: not UTF-8; decoded as iso-8859-7",
    "bad-language": r"warning: \S*metadata\.json \[meta-bad\]: field 'language': 'klingon' is not an ISO 639-1",
    "bad-date": r"warning: \S*metadata\.json \[meta-bad\]: field 'published': 'yesterday' is not a date",
    "wrong-type": r"warning: \S*metadata\.json \[meta-bad\]: field 'publisher': expected a string or null, got int",
    "bad-url": r"warning: \S*metadata\.json \[meta-bad\]: field 'url': 'not a url' is not an absolute http\(s\) URL",
    "unknown-field": r"warning: \S*metadata\.json \[meta-bad\]: unknown field 'colour' ignored",
    "entry-not-object": r"warning: \S*metadata\.json \[crlf\]: entry ignored: expected an object, got str",
    "path-as-id": r"warning: \S*metadata\.json \[\.\./escape\]: entry ignored: .*not a file name",
    "record-int-date": r"warning: \S*records\.jsonl:5 \[wrongtypes\]: field 'published': expected a string or null, got int",
    "record-js-url": r"warning: \S*records\.jsonl:5 \[wrongtypes\]: field 'url': 'javascript:alert\(1\)' is not an absolute",
    "tweet-bad-date": r"warning: \S*tweets\.jsonl:2 \[tweet-2\]: field 'published': '2022-13-45' is not a date",
    # a language without models: in the graph, unanalysed, with a ca:diagnostic saying so
    "french": r"warning: \S*french\.txt \[french\]: not analysed: no stanza models for language 'fr'",
    "swahili": r"warning: \S*swahili\.txt \[swahili\]: not analysed: no stanza models for language 'sw'",
    "wrong-html-lang": r"warning: \S*greek-tagged-en\.html \[greek-tagged-en\]: <html lang> says 'en', but the text is written in 'el'",
}
GOOD = {
    "bom", "crlf", "dup", "greek-cp1253", "greek-iso", "meta-bad", "mixed", "page",
    "tweet-1", "tweet-2", "wrongtypes", "good-record", "greek-tagged-en",
}
UNANALYSED = {"french", "swahili"}  # in the graph, with no claims


def _jsonl(records: list[object]) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


def make_bad_folder(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes | str] = {
        "empty.txt": b"",
        "blank.txt": b"  \n\t \r\n   \n",
        "scan.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        "photo.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
        "greek-cp1253.txt": GREEK.encode("cp1253"),
        "greek-iso.txt": GREEK.encode("iso-8859-7"),  # Ά is 0xB6 here, ¶ in cp1253
        "french.txt": FRENCH.encode("latin-1"),
        "bom.txt": b"\xef\xbb\xbf" + GREEK.encode(),
        "crlf.txt": GREEK.replace(". ", ".\r\n").encode(),
        "page.html": (
            "<html lang='el'><head><title>t</title><script>document.title='pwned';"
            "var s = 'ο Τοκάγιεφ δήλωσε ότι pwned';</script></head><body>"
            f"<p onclick=\"alert('pwned')\">{GREEK}</p>"
            "<script>alert('ο Τοκάγιεφ δήλωσε ότι pwned')</script><style>p{color:red}</style></body></html>"
        ),
        "punct.txt": "!!! ... ??? 😀😀🎉 — … «» 🙂 2022\n",
        "mixed.txt": GREEK.replace("ότι", "oτι").replace("υπουργός", "υπoυργός"),  # Latin o
        "tweets.jsonl": _jsonl([
            {"id": "tweet-1", "language": "el",
             "text": "Ο πρωθυπουργός δήλωσε ότι όλα πάνε καλά 😀🔥 #Καζακστάν @bbcgreek https://t.co/abc"},
            {"id": "tweet-2", "published": "2022-13-45",
             "text": "🇬🇷🇬🇷 Η αστυνομία ανακοίνωσε ότι συνελήφθησαν 12 άτομα 👮‍♂️👮‍♀️ #breaking"},
        ]),
        "dup.txt": GREEK,
        "records.jsonl": _jsonl([
            {"id": "dup", "text": GREEK},
            '{"id": "broken", "text": "unterminated',
            "[1, 2, 3]",
            {"id": "notext"},
            {"id": "wrongtypes", "text": GREEK, "published": 20220107, "url": "javascript:alert(1)"},
            {"id": "good-record", "text": GREEK, "language": "el", "published": "2022-01-07"},
        ]),
        # the manifest says Swahili, for which there are no models (and the text does not say otherwise)
        "swahili.txt": SWAHILI,
        # a CMS template's tag on a Greek page: the Greek letters win, with a warning
        "greek-tagged-en.html": f"<html lang='en-US'><body><p>{GREEK}</p></body></html>",
        "meta-bad.txt": GREEK,
        "metadata.json": json.dumps({"documents": {
            "meta-bad": {"language": "klingon", "published": "yesterday", "publisher": 42,
                         "url": "not a url", "colour": "red"},
            "swahili": {"language": "sw"},
            "bom": {},
            "crlf": "not an object",
            "../escape": {"language": "el"},
        }}),
    }
    for name, content in files.items():
        path = root / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    line = ("Ο υπουργός δήλωσε ότι όλα καλά. " * 500 + "\n").encode()
    with (root / "huge.txt").open("wb") as stream:
        for _ in range(HUGE_BYTES // len(line)):
            stream.write(line)
    return root


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def _require_greek() -> None:
    from kg.nlp.stanza import has_models, resources_dir

    if not has_models("el"):
        pytest.skip(f"the bad-input build needs the Greek stanza models, not found in {resources_dir()} "
                    "(set STANZA_RESOURCES_DIR; `kg models download el`)")


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    """The bad folder built once: (exit code, stdout, stderr, output folder)."""
    _require_greek()
    base = tmp_path_factory.mktemp("bad")
    folder = make_bad_folder(base / "in")
    code, out, err = _cli("build", str(folder), "-o", str(base / "out"))
    return code, out, err, base / "out"


def _records(out: Path) -> list[dict]:
    code, text, err = _cli("export", str(out), "--format", "jsonl")
    assert code == 0, err
    return [json.loads(line) for line in text.splitlines()]


def test_bad_inputs_build_fails_cleanly(bad_build) -> None:
    code, out, err, _ = bad_build
    assert "Traceback" not in err and "Traceback" not in out
    assert code == 1  # documents failed
    assert f"; {len(BAD)} failed" in out


@pytest.mark.parametrize("pattern", list(BAD.values()), ids=list(BAD))
def test_bad_inputs_each_bad_document_is_named_with_its_problem(bad_build, pattern: str) -> None:
    err = bad_build[2]
    assert re.search(pattern, err), f"no line matching {pattern!r} in stderr:\n{err}"


@pytest.mark.parametrize("pattern", list(WARNINGS.values()), ids=list(WARNINGS))
def test_bad_inputs_guesses_and_dropped_metadata_are_warnings(bad_build, pattern: str) -> None:
    err = bad_build[2]
    assert re.search(pattern, err), f"no line matching {pattern!r} in stderr:\n{err}"


def test_bad_inputs_every_stderr_line_is_a_diagnostic(bad_build) -> None:
    lines = bad_build[2].splitlines()
    assert lines and all(re.match(r"(error|warning): \S", line) for line in lines), lines
    assert sum(line.startswith("error:") for line in lines) == len(BAD)


def test_bad_inputs_good_documents_are_all_built(bad_build) -> None:
    code, out, err, folder = bad_build
    assert re.search(rf"built \S+: {len(GOOD | UNANALYSED)} documents, ", out), out
    from kg import queries
    from kg.pipeline import open_store

    with open_store(folder) as store:
        rows = queries.run(store, "documents")
    assert {str(r["document"]) for r in rows} == GOOD | UNANALYSED
    # every good document with a clean Greek claim gave it, whatever its encoding or line ends
    with_claims = {r["document"] for r in _records(folder)}
    assert with_claims >= GOOD - {"mixed"}, sorted(GOOD - with_claims)


def test_bad_inputs_legacy_encodings_decode_to_greek(bad_build) -> None:
    records = _records(bad_build[3])
    for doc in ("greek-cp1253", "greek-iso", "bom", "crlf"):
        sentences = {r["sentence"] for r in records if r["document"] == doc}
        assert "Άλλοι βουλευτές είπαν ότι το σχέδιο είναι ελλιπές." in sentences, (doc, sentences)
        assert not any("\ufeff" in s or "\r" in s for s in sentences)


def test_bad_inputs_html_scripts_never_reach_the_graph(bad_build) -> None:
    code, text, err = _cli("export", str(bad_build[3]), "--format", "nquads")
    assert code == 0, err
    assert "pwned" not in text and "alert" not in text and "color:red" not in text
    assert any(r["document"] == "page" for r in _records(bad_build[3]))


def test_bad_inputs_graph_validates(bad_build) -> None:
    code, out, err = _cli("validate", str(bad_build[3]))
    assert code == 0, out + err
    assert "conforms" in out


def test_bad_inputs_rebuild_is_idempotent(bad_build) -> None:
    """Building the same bad folder again gives the same report and the same graph size."""
    from kg.pipeline import open_store

    _, first_out, first_err, folder = bad_build
    with open_store(folder) as store:
        before = len(store)
    code, out, err = _cli("build", str(folder.parent / "in"), "-o", str(folder))
    assert code == 1 and "Traceback" not in err
    assert out == first_out and err == first_err
    with open_store(folder) as store:
        assert len(store) == before


def test_bad_inputs_warnings_alone_exit_0(tmp_path: Path) -> None:
    """Guessed encodings and dropped metadata are warnings: the build succeeds."""
    _require_greek()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "legacy.txt").write_bytes(GREEK.encode("cp1253"))
    (folder / "metadata.json").write_text(
        json.dumps({"documents": {"legacy": {"published": "07/01/2022", "language": "greek"}}}), encoding="utf-8"
    )
    code, out, err = _cli("build", str(folder), "-o", str(tmp_path / "out"))
    assert code == 0, out + err
    assert "Traceback" not in err and "failed" not in out
    assert "built" in out and " 1 documents" in out
    assert err and all(line.startswith("warning: ") for line in err.splitlines()), err
    assert "legacy" in err and "cp1253" in err and "'07/01/2022' is not a date" in err


def test_bad_inputs_lone_document_without_models_is_kept(tmp_path: Path) -> None:
    """A build of one text in a language no installed model reads keeps it, unanalysed, with a warning: the
    models of other languages are there, so nothing is missing from the install (a build with no models at
    all fails instead, keeping the previous graph)."""
    _require_greek()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "swahili.txt").write_text(SWAHILI, encoding="utf-8")
    (folder / "metadata.json").write_text(json.dumps({"documents": {"swahili": {"language": "sw"}}}), encoding="utf-8")
    code, out, err = _cli("build", str(folder), "-o", str(tmp_path / "out"))
    assert code == 0, out + err
    assert "Traceback" not in err and " 1 documents" in out, out + err
    assert "not analysed: no stanza models for language 'sw'" in err
    code, text, err = _cli("query", str(tmp_path / "out"), "documents", "--format", "json")
    assert code == 0, err
    (row,) = json.loads(text)
    assert (row["document"], row["language"], row["sentences"]) == ("swahili", "sw", 0)


def test_bad_inputs_huge_file_is_rejected_with_bounded_memory(tmp_path: Path) -> None:
    """The reader stops at max_chars: a ~19 MB file costs a few MB, not its size."""
    big = tmp_path / "huge.txt"
    line = ("Ο υπουργός δήλωσε ότι όλα καλά. " * 500 + "\n").encode()
    with big.open("wb") as stream:
        for _ in range(HUGE_BYTES // len(line)):
            stream.write(line)
    tracemalloc.start()
    try:
        docs, diagnostics = read_documents([big], max_chars=1_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert docs == []
    assert [d.level for d in diagnostics] == ["error"]
    assert "longer than max_chars=1,000,000" in diagnostics[0].problem
    assert peak < 16 * 2**20, f"peak {peak / 2**20:.1f} MiB while rejecting a {big.stat().st_size / 2**20:.0f} MiB file"


# ------------------------------------------------------- hostile question values

INJECTIONS = [
    'x" } ; DROP ALL ; #',
    "x' } UNION { ?s ?p ?o } #",
    '"> } ; DELETE WHERE { ?s ?p ?o } ; INSERT DATA { <urn:x> <urn:y> "z" } #',
    "<urn:kg:entity> } #",
    # unicode tricks: full-width quote and semicolon, right-to-left override, zero-width and NUL characters
    "\uff02 } \uff1b DROP ALL \uff1b #",
    "\u202e\" } ; DROP ALL ; #\u202c",
    "x\u200b\"\u200d}\u2028;\u0000DROP ALL",
]


@pytest.fixture(scope="module")
def fixture_store():
    from rdf_fixtures import fixture_store as load

    with load() as store:
        yield store


@pytest.mark.parametrize("value", INJECTIONS, ids=[f"injection-{i}" for i in range(len(INJECTIONS))])
def test_bad_inputs_ask_binds_hostile_names(fixture_store, value: str) -> None:
    from kg.ask import ask
    from kg.errors import NameNotFound

    size, graphs = len(fixture_store), sorted(fixture_store.graphs())
    with pytest.raises(NameNotFound):  # a name of nothing: said so, never an empty or partial answer
        ask(fixture_store, "who-said", about=value)
    with pytest.raises(NameNotFound):
        ask(fixture_store, "said-by", speaker=value)
    assert len(fixture_store) == size and sorted(fixture_store.graphs()) == graphs
    assert ask(fixture_store, "who-said", about="Τοκάγιεφ") or ask(fixture_store, "said-by", speaker="Τοκάγιεφ")
