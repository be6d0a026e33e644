"""Tests of kg.io.documents: every input either becomes a Document or a Diagnostic."""

from __future__ import annotations

import codecs
import json
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.io import iter_documents, load_manifest, read_documents
from kg.io.documents import decode_bytes, html_to_text, normalize_text
from kg.types import Diagnostic, Document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "seeds"
INPUTS = Path(__file__).resolve().parent / "fixtures" / "inputs"

GREEK = "Ο πρόεδρος Τοκάγιεφ δήλωσε ότι «20.000 ληστές» επιτέθηκαν στο Αλμάτι, σύμφωνα με το BBC."
FRENCH = "Le président a déclaré à la télévision que la situation était « sous contrôle », a-t-il ajouté."


def write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.level == "error"]


# ------------------------------------------------------------------ seeds


def test_io_documents_seeds_folder_reads_two_greek_documents_with_dates() -> None:
    docs, diagnostics = read_documents([SEEDS])
    assert diagnostics == []
    assert [d.id for d in docs] == ["000_b6f70baf6ff682fd", "001_e1ede2459915ac02"]
    assert [d.lang for d in docs] == ["el", "el"]
    assert [d.published for d in docs] == [date(2022, 1, 7), date(2022, 1, 6)]
    assert all(d.publisher is None and d.url is None for d in docs)
    assert "Τοκάγιεφ" in docs[0].text
    assert "pic.twitter.com/L5KfehIrQf" in docs[0].text


def test_io_documents_seed_file_named_alone_gets_its_folder_manifest() -> None:
    docs, diagnostics = read_documents(SEEDS / "001_e1ede2459915ac02.txt")
    assert diagnostics == []
    assert docs[0].published == date(2022, 1, 6)


def test_io_documents_seed_text_is_unchanged_utf8() -> None:
    (doc,), _ = read_documents([SEEDS / "000_b6f70baf6ff682fd.txt"])
    raw = (SEEDS / "000_b6f70baf6ff682fd.txt").read_text(encoding="utf-8")
    assert doc.text == raw  # already LF and NFC: nothing to normalise


def test_io_documents_iter_documents_is_lazy(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "alpha")
    write(tmp_path, "b.txt", "beta")
    stream = iter_documents([tmp_path])
    first = next(stream)
    assert isinstance(first, Document) and first.id == "a"


# ------------------------------------------------------- unreadable inputs


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"   \n\t\r\n  ", "whitespace"),
        ("\u00a0\u2003\n".encode(), "whitespace"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG)"),
        (b"PK\x03\x04\x14\x00\x06\x00", "binary file (ZIP"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (JPEG)"),
        (b"\x00\x01\x02\x03\x10\x00\x00\x1f\x04\x00\x05\x06\x07\x08header\x00\x01\x02", "binary file (contains control bytes)"),
    ],
    ids=["empty", "whitespace", "unicode-whitespace", "pdf", "png", "zip", "jpeg", "unknown-binary"],
)
def test_io_documents_unreadable_file_is_a_diagnostic(tmp_path: Path, content: bytes, expected: str) -> None:
    path = write(tmp_path, "bad.txt", content)
    good = write(tmp_path, "good.txt", "still read")
    docs, diagnostics = read_documents([path, good])
    assert [d.id for d in docs] == ["good"]
    (diagnostic,) = diagnostics
    assert diagnostic.level == "error"
    assert diagnostic.path == str(path)
    assert expected in diagnostic.problem


@pytest.mark.parametrize(
    ("name", "expected"),
    [("missing.txt", "no such file"), ("notes.md", "unsupported file type '.md'")],
)
def test_io_documents_bad_path_is_a_diagnostic(tmp_path: Path, name: str, expected: str) -> None:
    if name.endswith(".md"):
        write(tmp_path, name, "# hello")
    docs, diagnostics = read_documents([tmp_path / name])
    assert docs == []
    assert expected in diagnostics[0].problem
    assert ".txt" in diagnostics[0].problem or expected == "no such file"


def test_io_documents_folder_without_inputs_warns(tmp_path: Path) -> None:
    write(tmp_path, "notes.md", "nothing to read")
    docs, diagnostics = read_documents([tmp_path])
    assert docs == [] and diagnostics[0].level == "warning"


# ---------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    ("encoding", "text", "expected_encoding"),
    [
        ("cp1253", GREEK + " Άλλοι λένε “όχι”.", "cp1253"),
        ("iso-8859-7", GREEK + " Άλλοι λένε «όχι».", "iso-8859-7"),
        ("latin-1", FRENCH, "cp1252"),
        ("cp1252", "Die Größe der Proteste überraschte die Regierung – sagte er.", "cp1252"),
    ],
    ids=["cp1253-greek", "iso-8859-7-greek", "latin-1-french", "cp1252-german"],
)
def test_io_documents_legacy_encodings_decode_to_the_right_script(
    tmp_path: Path, encoding: str, text: str, expected_encoding: str
) -> None:
    path = write(tmp_path, "legacy.txt", text.encode(encoding))
    docs, diagnostics = read_documents([path])
    assert docs[0].text == text
    (warning,) = diagnostics
    assert warning.level == "warning" and expected_encoding in warning.problem


def test_io_documents_cp1253_greek_is_not_read_as_latin() -> None:
    text, encoding = decode_bytes(GREEK.encode("cp1253"))
    assert encoding == "cp1253" and text == GREEK


def test_io_documents_undecodable_bytes_are_a_diagnostic(tmp_path: Path) -> None:
    # Bytes that every fallback decodes, but to gibberish: no plausible decoding.
    junk = bytes(range(0xC0, 0xD0)) * 3 + b" " + bytes([0xE9, 0x41, 0xF4, 0x42, 0xE1]) * 5
    with pytest.raises(InputError, match="UTF-8"):
        decode_bytes(junk + b" \x8d\x9f\x81")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (codecs.BOM_UTF8 + GREEK.encode(), GREEK),
        (codecs.BOM_UTF16_LE + GREEK.encode("utf-16-le"), GREEK),
        (codecs.BOM_UTF16_BE + GREEK.encode("utf-16-be"), GREEK),
        (b"line one\r\nline two\rline three\n", "line one\nline two\nline three\n"),
        ("α\u0301γιος".encode(), "άγιος"),  # decomposed accent → NFC
        ("Ελληνικά with a Latin o: Kοζάνη".encode(), "Ελληνικά with a Latin o: Kοζάνη"),
    ],
    ids=["utf8-bom", "utf16-le-bom", "utf16-be-bom", "crlf-cr", "nfc", "mixed-script-untouched"],
)
def test_io_documents_text_normalisation(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = write(tmp_path, "doc.txt", raw)
    docs, diagnostics = read_documents([path])
    assert errors(diagnostics) == []
    assert docs[0].text == expected
    assert "\ufeff" not in docs[0].text


def test_io_documents_latin_o_inside_greek_word_is_kept() -> None:
    mixed = "Kοζάνη και Ko\u03b6"  # Latin K and o inside Greek words
    assert normalize_text(mixed) == mixed


# ------------------------------------------------------------------- HTML


def test_io_documents_html_visible_text_and_head_metadata() -> None:
    (doc,), diagnostics = read_documents([INPUTS / "article.html"])
    assert diagnostics == []
    assert doc.id == "article"
    assert "tracking" not in doc.text and "nor me" not in doc.text and "color" not in doc.text
    assert "Αρχική" not in doc.text  # the navigation
    assert doc.title == "Καζακστάν: νέες διαδηλώσεις" and doc.title not in doc.text  # metadata, not text
    assert "Ο πρόεδρος Τοκάγιεφ δήλωσε ότι η κατάσταση είναι υπό έλεγχο." in doc.text
    assert "«οι διαδηλώσεις συνεχίζονται».\nΔεύτερη γραμμή." in doc.text  # entity decoded, <br> a line
    assert "\n\nThis is what it is like in #Almaty tonight" in doc.text
    assert (doc.lang, doc.published, doc.publisher, doc.url) == (
        "el",
        date(2022, 1, 7),
        "Example News",
        "https://news.example/kazakhstan",
    )


def test_io_documents_html_lang_contradicted_by_the_text(tmp_path: Path) -> None:
    # a CMS template's lang="en-US" on a Greek page: read as Greek (no English models needed), with a warning
    write(tmp_path, "greek.html", f'<html lang="en-US"><body><p>{GREEK}</p></body></html>')
    write(tmp_path, "french.html", f'<html lang="en"><body><p>{FRENCH}</p></body></html>')
    write(tmp_path, "english.html", '<html lang="en"><body><p>The BBC said that Tokayev was in Almaty.</p></body></html>')
    docs, diagnostics = read_documents([tmp_path])
    assert {d.id: d.lang for d in docs} == {"greek": "el", "french": "fr", "english": "en"}
    assert [(d.document, d.level) for d in diagnostics] == [("french", "warning"), ("greek", "warning")]
    assert "<html lang> says 'en', but the text is written in 'el'" in diagnostics[1].problem
    assert diagnostics[1].path == str(tmp_path / "greek.html")


def test_io_documents_declared_language_gives_way_to_the_script_only(tmp_path: Path) -> None:
    write(tmp_path, "gr.jsonl", json.dumps({"id": "gr", "text": GREEK, "language": "en"}) + "\n")
    write(tmp_path, "fr.txt", FRENCH)
    write(tmp_path, "metadata.json", '{"documents": {"fr": {"language": "it"}}}')
    write(tmp_path, "page.html", f'<html lang="en"><body><p>{FRENCH}</p></body></html>')
    write(tmp_path, "other/metadata.json", '{"documents": {"page2": {"language": "it"}}}')
    write(tmp_path, "other/page2.html", f'<html lang="en"><body><p>{FRENCH}</p></body></html>')
    docs, diagnostics = read_documents([tmp_path])
    # a manifest or record is overruled by the script, not by function words; it also wins over <html lang>
    assert {d.id: d.lang for d in docs} == {"fr": "it", "gr": "el", "page2": "it", "page": "fr"}
    assert {d.document: d.problem.split(" says")[0] for d in diagnostics} == {"gr": "field 'language'", "page": "<html lang>"}


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>one</p><p>two</p>", "one\n\ntwo"),
        ("<div>a<script>x()</script>b</div>", "ab"),
        ("<style>p{}</style><p>only</p>", "only"),
        ("<head><title>T</title><body><p>no closing head</p>", "no closing head"),
        ("<p>x &amp; y&nbsp;z</p>", "x & y z"),
        ("<html><body><div>Ο υπουργός δήλωσε.<br>Και άλλα.</div><div>Δεύτερο.</div></body></html>",
         "Ο υπουργός δήλωσε.\nΚαι άλλα.\n\nΔεύτερο."),
    ],
)
def test_io_documents_html_to_text(html: str, expected: str) -> None:
    assert html_to_text(html)[0] == expected


def test_io_documents_html_declared_charset(tmp_path: Path) -> None:
    html = '<html><head><meta charset="windows-1253"></head><body><p>' + GREEK + "</p></body></html>"
    path = write(tmp_path, "page.htm", html.encode("cp1253"))
    (doc,), diagnostics = read_documents([path])
    assert doc.text == GREEK and doc.id == "page"
    assert diagnostics == []  # declared, not guessed: nothing to warn about


# ------------------------------------------------------------ JSON Lines


def test_io_documents_jsonl_good_and_bad_lines() -> None:
    docs, diagnostics = read_documents([INPUTS / "articles.jsonl"])
    by_id = {d.id: d for d in docs}
    assert list(by_id) == ["bbc-1", "articles-5", "bad-meta", "crlf"]
    bbc = by_id["bbc-1"]
    assert (bbc.lang, bbc.published, bbc.publisher, bbc.url) == (
        "en",
        date(2022, 1, 7),
        "BBC",
        "https://www.bbc.com/news/1",
    )
    assert by_id["crlf"].text == "first line\nsecond line\nthird line"
    bad = by_id["bad-meta"]
    assert (bad.lang, bad.published, bad.publisher, bad.url) == (None, None, None, None)
    assert bad.path is not None and bad.path.endswith("articles.jsonl:6")

    failed = {d.path.rsplit(":", 1)[1]: d.problem for d in errors(diagnostics)}
    assert set(failed) == {"2", "3", "7"}
    assert "invalid JSON" in failed["2"]
    assert "object" in failed["3"]
    assert "'text'" in failed["7"]
    warned = {d.problem.split(":")[0] for d in diagnostics if d.level == "warning"}
    assert warned == {"field 'language'", "field 'published'", "field 'publisher'", "field 'url'"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('{"id": "a/b", "text": "x"}', "not a file name"),
        ('{"id": "..", "text": "x"}', "not a file name"),
        ('{"id": "", "text": "x"}', "empty document id"),
        ('{"id": true, "text": "x"}', "field 'id'"),
        ('{"id": "t", "text": 3}', "field 'text'"),
        ('{"id": "w", "text": "  \\n "}', "whitespace"),
    ],
)
def test_io_documents_jsonl_bad_record(tmp_path: Path, line: str, expected: str) -> None:
    path = write(tmp_path, "in.jsonl", line + '\n{"id": "ok", "text": "fine"}\n')
    docs, diagnostics = read_documents([path])
    assert [d.id for d in docs] == ["ok"]
    assert expected in diagnostics[0].problem and diagnostics[0].path == f"{path}:1"


def test_io_documents_jsonl_integer_id_and_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "in.jsonl", codecs.BOM_UTF8 + b'{"id": 7, "text": "seven"}\r\n')
    (doc,), diagnostics = read_documents([path])
    assert doc.id == "7" and diagnostics == []


# --------------------------------------------------------------- metadata


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        ("{not json", "not valid JSON"),
        ('["documents"]', '"documents" object'),
        ('{"documents": []}', '"documents" object'),
    ],
    ids=["bad-json", "not-an-object", "documents-not-an-object"],
)
def test_io_documents_unreadable_manifest_keeps_documents(tmp_path: Path, manifest: str, expected: str) -> None:
    write(tmp_path, "metadata.json", manifest)
    write(tmp_path, "doc.txt", GREEK)
    docs, diagnostics = read_documents([tmp_path])
    assert [d.id for d in docs] == ["doc"] and docs[0].published is None
    (diagnostic,) = diagnostics
    assert diagnostic.path == str(tmp_path / "metadata.json") and expected in diagnostic.problem


@pytest.mark.parametrize(
    ("entry", "field", "kept"),
    [
        ({"published": "2022-02-30", "language": "el"}, "published", {"lang": "el"}),
        ({"published": 20220107, "language": "el"}, "published", {"lang": "el"}),
        ({"language": "xx", "published": "2022-01-07"}, "language", {"published": date(2022, 1, 7)}),
        ({"language": ["el"]}, "language", {}),
        ({"publisher": {"name": "BBC"}, "language": "el"}, "publisher", {"lang": "el"}),
        ({"url": "ftp:/nowhere", "publisher": "BBC"}, "url", {"publisher": "BBC"}),
        ({"langauge": "el"}, "langauge", {}),
    ],
    ids=["impossible-date", "date-not-string", "unknown-language", "language-list", "publisher-object", "bad-url", "typo"],
)
def test_io_documents_malformed_metadata_field(tmp_path: Path, entry: dict, field: str, kept: dict) -> None:
    write(tmp_path, "metadata.json", json.dumps({"documents": {"doc": entry}}))
    write(tmp_path, "doc.txt", GREEK)
    (doc,), diagnostics = read_documents([tmp_path])
    (diagnostic,) = diagnostics
    assert diagnostic.level == "warning" and diagnostic.document == "doc"
    assert diagnostic.path == str(tmp_path / "metadata.json") and repr(field) in diagnostic.problem
    values = {"lang": doc.lang, "published": doc.published, "publisher": doc.publisher, "url": doc.url}
    assert {k: v for k, v in values.items() if v is not None} == kept


def test_io_documents_language_tag_and_timestamp_are_normalised(tmp_path: Path) -> None:
    write(tmp_path, "metadata.json", '{"documents": {"d": {"language": "EL-gr", "published": "2022-01-07T23:10:00Z"}}}')
    write(tmp_path, "d.txt", GREEK)
    (doc,), diagnostics = read_documents([tmp_path])
    assert diagnostics == [] and doc.lang == "el" and doc.published == date(2022, 1, 7)


def test_io_documents_manifest_keys_are_ids_not_paths(tmp_path: Path) -> None:
    entries, diagnostics = load_manifest(
        write(tmp_path, "m.json", '{"documents": {"../secret": {"language": "el"}, "ok": {"language": "en"}}}')
    )
    assert list(entries) == ["ok"]
    assert diagnostics[0].document == "../secret" and "not a file name" in diagnostics[0].problem


def test_io_documents_folder_manifest_applies_to_its_own_folder_only(tmp_path: Path) -> None:
    write(tmp_path, "metadata.json", '{"documents": {"inner": {"language": "de"}, "outer": {"language": "fr"}}}')
    write(tmp_path, "outer.txt", "x")
    write(tmp_path, "sub/inner.txt", "y")
    docs, _ = read_documents([tmp_path])
    assert {d.id: d.lang for d in docs} == {"outer": "fr", "inner": None}


def test_io_documents_explicit_manifest_wins_over_folder_and_record(tmp_path: Path) -> None:
    write(tmp_path, "corpus/metadata.json", '{"documents": {"a": {"language": "de", "publisher": "Folder"}}}')
    write(tmp_path, "corpus/a.txt", "text")
    write(tmp_path, "corpus/b.jsonl", '{"id": "b", "text": "t", "language": "es", "publisher": "Record"}\n')
    explicit = write(tmp_path, "meta.json", '{"documents": {"a": {"language": "el"}, "b": {"language": "it"}}}')
    docs, diagnostics = read_documents([tmp_path / "corpus"], metadata=explicit)
    assert diagnostics == []
    assert {d.id: (d.lang, d.publisher) for d in docs} == {"a": ("el", "Folder"), "b": ("it", "Record")}


def test_io_documents_missing_explicit_manifest_is_a_diagnostic(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "text")
    docs, diagnostics = read_documents([tmp_path], metadata=tmp_path / "nope.json")
    assert len(docs) == 1 and "cannot read manifest" in diagnostics[0].problem


# ---------------------------------------------------------- ids, ordering


def test_io_documents_duplicate_id_is_a_diagnostic(tmp_path: Path) -> None:
    first = write(tmp_path, "a/doc.txt", "first")
    write(tmp_path, "b/doc.html", "<p>second</p>")
    write(tmp_path, "c/more.jsonl", '{"id": "doc", "text": "third"}\n')
    docs, diagnostics = read_documents([tmp_path])
    assert [d.text for d in docs] == ["first"]
    assert len(diagnostics) == 2
    assert all("duplicate document id 'doc'" in d.problem and str(first) in d.problem for d in diagnostics)


def test_io_documents_same_file_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "once")
    docs, diagnostics = read_documents([tmp_path, path])
    assert len(docs) == 1 and diagnostics[0].level == "warning"


def test_io_documents_symlinks_out_of_the_input_folder_are_skipped(tmp_path: Path) -> None:
    secret = write(tmp_path, "outside/secret.txt", "a private note")
    write(tmp_path, "outside/deep/other.txt", "another private note")
    write(tmp_path, "in/a.txt", "kept")
    write(tmp_path, "in/real/b.txt", "kept too")
    (tmp_path / "in" / "leak.txt").symlink_to(secret)
    (tmp_path / "in" / "leakdir").symlink_to(tmp_path / "outside" / "deep")
    (tmp_path / "in" / "notes.md").symlink_to(secret)  # not an article: nothing to warn about
    (tmp_path / "in" / "alias").symlink_to(tmp_path / "in" / "real")  # inside: followed (and read once)
    (tmp_path / "in" / "c.txt").symlink_to(tmp_path / "in" / "real" / "b.txt")
    docs, diagnostics = read_documents([tmp_path / "in"])
    assert sorted(d.text for d in docs) == ["kept", "kept too"]
    skipped = {Path(d.path).name: d for d in diagnostics if "outside the input folder" in d.problem}
    assert set(skipped) == {"leak.txt", "leakdir"} and all(d.level == "warning" for d in skipped.values())
    assert str(secret) in skipped["leak.txt"].problem
    docs, diagnostics = read_documents([tmp_path / "in" / "leak.txt"])  # named, it is read
    assert [d.text for d in docs] == ["a private note"] and diagnostics == []


def test_io_documents_folder_order_is_sorted_and_recursive(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.txt", "c.htm", "a/y.jsonl", ".hidden.txt", ".git/x.txt", "notes.md"]:
        write(tmp_path, name, '{"id": "y", "text": "j"}' if name.endswith("jsonl") else "<p>t</p>")
    docs, diagnostics = read_documents([tmp_path])
    assert [d.id for d in docs] == ["y", "z", "b", "c"] and diagnostics == []


def test_io_documents_detect_fills_language_only_when_unknown(tmp_path: Path) -> None:
    write(tmp_path, "gr.txt", GREEK)
    write(tmp_path, "fr.txt", FRENCH)
    write(tmp_path, "metadata.json", '{"documents": {"fr": {"language": "it"}}}')
    docs, _ = read_documents([tmp_path], detect=True)
    assert {d.id: d.lang for d in docs} == {"gr": "el", "fr": "it"}


# ---------------------------------------------------------------- size


@pytest.mark.parametrize("encoding", ["utf-8", "cp1253"])
def test_io_documents_max_chars(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, "long.txt", (GREEK + "\n").encode(encoding) * 20)
    docs, diagnostics = read_documents([path], max_chars=1000)
    assert docs == [] and "max_chars=1,000" in diagnostics[0].problem
    docs, _ = read_documents([path], max_chars=len(GREEK + "\n") * 20)
    assert len(docs) == 1


def test_io_documents_max_chars_jsonl(tmp_path: Path) -> None:
    path = write(tmp_path, "in.jsonl", json.dumps({"id": "big", "text": "x" * 500}) + "\n" + '{"id": "s", "text": "s"}\n')
    docs, diagnostics = read_documents([path], max_chars=100)
    assert [d.id for d in docs] == ["s"] and "max_chars" in diagnostics[0].problem


def test_io_documents_max_chars_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_chars"):
        iter_documents([], max_chars=0)


@pytest.mark.parametrize(
    ("megabytes", "max_chars"),
    [(20, 5_000_000), (6, 2_000_000)],
    ids=["rejected-by-size", "rejected-while-streaming"],
)
def test_io_documents_large_file_memory_stays_bounded(tmp_path: Path, megabytes: int, max_chars: int) -> None:
    path = tmp_path / "huge.txt"
    chunk = (b"word\n" * (1 << 18))[: 1 << 20]
    with path.open("wb") as stream:
        for _ in range(megabytes):
            stream.write(chunk)
    tracemalloc.start()
    try:
        docs, diagnostics = read_documents([path], max_chars=max_chars)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert docs == [] and "max_chars" in diagnostics[0].problem
    assert peak < 3 * max_chars  # never the whole file, never a copy of it


@pytest.mark.parametrize("kind", ["txt", "jsonl"])
def test_io_documents_ids_differing_only_in_normalisation_are_one_id(tmp_path: Path, kind: str) -> None:
    """NFC and NFD spellings of one Greek id name one graph (IRIs are minted from NFC): a duplicate, never a silent merge."""
    import unicodedata

    name = "Αθήνα-δήλωση"
    nfc, nfd = unicodedata.normalize("NFC", name), unicodedata.normalize("NFD", name)
    assert nfc != nfd
    if kind == "txt":
        write(tmp_path, f"a/{nfc}.txt", "first")
        write(tmp_path, f"b/{nfd}.txt", "second")
    else:
        write(tmp_path, "docs.jsonl", json.dumps({"id": nfc, "text": "first"}) + "\n" + json.dumps({"id": nfd, "text": "second"}) + "\n")
    docs, diagnostics = read_documents([tmp_path])
    assert [(d.id, d.text) for d in docs] == [(nfc, "first")]
    assert len(diagnostics) == 1 and "duplicate document id" in diagnostics[0].problem


def test_io_documents_manifest_entry_matches_an_id_in_other_normalisation(tmp_path: Path) -> None:
    import unicodedata

    name = "Αθήνα"
    write(tmp_path, f"{unicodedata.normalize('NFD', name)}.txt", "κείμενο")
    write(tmp_path, "metadata.json", json.dumps({"documents": {unicodedata.normalize("NFC", name): {"language": "el"}}}))
    docs, _ = read_documents([tmp_path])
    assert [(d.id, d.lang) for d in docs] == [(unicodedata.normalize("NFC", name), "el")]
