"""Saved news pages through the real ``kg build``: only the article's claims, with where they came from.

tests/fixtures/articles holds pages as a browser saves them: a Greek and an
English article with a cookie banner whose text says "X says that …", site
navigation, a breaking-news ticker, "see also" / "most read" headlines with
reporting verbs, reader comments, a footer with a disclaimer, JSON-LD
NewsArticle metadata, OpenGraph, a canonical link and ``<time>``; and a 404
page that is only boilerplate. Every one of those boilerplate sentences would
give an attribution if it reached the parser. The same folder also gets a
text in a language without models and a text with NUL and other control
characters, written here: each is a document of the graph, never a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from kg.cli import run
from kg.io.documents import html_to_text, read_documents

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"
LEROS_URL = "https://www.imerisia-enimerosi.example/ellada/leros-leipsydria-ektakti-anagki"
STRIKE_URL = "https://coastalherald.example/news/2024/mar/05/harbour-strike-second-week"
# words of the boilerplate of each page: none may reach a document's text or the graph
BOILERPLATE = (
    "ιδιωτικότητά", "cookies", "Έκτακτο", "Διαβάστε", "Κάλυμνος", "αφαλατώσεις", "παππούς", "Ντροπή",
    "δεν φέρει ευθύνη", "Ετικέτες", "Αρχική", "Facebook",
    "partners", "privacy", "Subscribe", "Most read", "bypass", "Rovers", "neighbour", "not its own", "Sign in",
)
SWAHILI = "Rais alisema kwamba serikali itawasilisha muswada mpya bungeni wiki ijayo."
CONTROLS = "Ο υπουργός\x00 δήλωσε ότι η κυβέρνηση\x07 θα καταθέσει\x1b νέο νομοσχέδιο.\x0cΆλλοι βουλευτές είπαν ότι το σχέδιο είναι ελλιπές.\n"


# --------------------------------------------------------------- the reader


@pytest.mark.parametrize("name", ["el-leros-water.html", "en-harbour-strike.html"])
def test_articles_html_page_is_reduced_to_its_article(name: str) -> None:
    text, _ = html_to_text((ARTICLES / name).read_text(encoding="utf-8"))
    assert not [word for word in BOILERPLATE if word in text]
    paragraphs = text.split("\n\n")
    assert len(paragraphs) in (4, 5) and all(p.strip() == p and "\n" not in p for p in paragraphs)


def test_articles_html_metadata_from_json_ld_opengraph_and_time() -> None:
    (greek, english, empty), diagnostics = read_documents(
        [ARTICLES / "el-leros-water.html", ARTICLES / "en-harbour-strike.html", ARTICLES / "el-boilerplate-only.html"]
    )
    assert (greek.title, str(greek.published), greek.url, greek.publisher, greek.lang) == (
        "Λειψυδρία: Σε κατάσταση έκτακτης ανάγκης η Λέρος", "2023-08-14", LEROS_URL, "Η Ημερησία Ενημέρωση", "el",
    )
    # the <title>'s " - The Coastal Herald" is not part of the headline; the JSON-LD is a list with a breadcrumb first
    assert (english.title, str(english.published), english.url, english.publisher, english.lang) == (
        "Harbour strike enters second week as talks stall", "2024-03-05", STRIKE_URL, "The Coastal Herald", "en",
    )
    assert (empty.text, empty.url, empty.publisher) == ("", "https://www.imerisia-enimerosi.example/404", "Η Ημερησία Ενημέρωση")
    assert len(empty.notes) == 1 and "no article text" in empty.notes[0]
    assert [(d.document, d.level) for d in diagnostics] == [("el-boilerplate-only", "warning")]
    assert diagnostics[0].problem == empty.notes[0]


def test_articles_html_date_is_the_publication_not_the_modification(tmp_path: Path) -> None:
    page = (
        '<html lang="en"><head><meta property="article:modified_time" content="2024-05-02T10:00:00Z">'
        '<meta property="article:published_time" content="2024-04-30T08:00:00Z"></head><body><article>'
        + "<p>The mayor said that the bridge would reopen next month after the repairs.</p>" * 3
        + "</article></body></html>"
    )
    (tmp_path / "bridge.html").write_text(page, encoding="utf-8")
    (doc,), _ = read_documents([tmp_path / "bridge.html"])
    assert str(doc.published) == "2024-04-30"


def test_articles_html_page_with_nothing_but_tags_is_still_a_document(tmp_path: Path) -> None:
    (tmp_path / "blank.html").write_text("<html><head></head><body><nav><a href='/'>Home</a></nav></body></html>")
    (doc,), (diagnostic,) = read_documents([tmp_path / "blank.html"])
    assert doc.text == "" and diagnostic.level == "warning"


def test_articles_control_characters_are_removed_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "nul.txt").write_bytes(CONTROLS.encode())
    (tmp_path / "padded.txt").write_bytes("The minister said that talks would resume.\n".encode() + b"\x00" * 5000)
    (tmp_path / "records.jsonl").write_text(json.dumps({"id": "rec", "text": "Ο υπουργός\u0000 είπε ότι θα έρθει."}) + "\n")
    docs, diagnostics = read_documents([tmp_path])
    by_id = {d.id: d for d in docs}
    # a space for each, so every offset is that of the text as written
    assert by_id["nul"].text == (
        "Ο υπουργός  δήλωσε ότι η κυβέρνηση  θα καταθέσει  νέο νομοσχέδιο.\nΆλλοι βουλευτές είπαν ότι το σχέδιο είναι ελλιπές.\n"
    )
    assert len(by_id["nul"].text) == len(CONTROLS)
    assert by_id["padded"].text == "The minister said that talks would resume.\n" + " " * 5000
    assert by_id["rec"].text == "Ο υπουργός  είπε ότι θα έρθει."
    assert {d.document: d.level for d in diagnostics} == {"nul": "warning", "padded": "warning", "rec": "warning"}
    nul = next(d for d in diagnostics if d.document == "nul")
    assert "3 control character(s) read as spaces (U+0000, U+0007, U+001B; the first at character 10); offsets are unchanged" in nul.problem
    assert by_id["nul"].notes == (nul.problem,)
    assert "5,000 control character(s)" in next(d.problem for d in diagnostics if d.document == "padded")


def test_articles_metadata_under_usual_names_and_ignored_fields_named(tmp_path: Path) -> None:
    records = [
        {"id": "a", "text": "Ο υπουργός είπε ότι θα έρθει.", "date": "2023-08-14", "outlet": "Ημερησία",
         "link": "https://x.example/a", "headline": "Έρχεται", "author": "Μ. Κ.", "lang": "el"},
        {"id": "b", "text": "The minister said that he would come.", "published": "2023-08-15", "date": "2023-08-01",
         "source": "Herald", "author": "T. A.", "tags": ["x"]},
    ]
    (tmp_path / "news.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    (tmp_path / "t.txt").write_text("Ο υπουργός είπε ότι θα έρθει.")
    (tmp_path / "metadata.json").write_text(json.dumps({"documents": {"t": {"datePublished": "2023-01-02", "headline": "Τίτλος", "colour": "red"}}}))
    docs, diagnostics = read_documents([tmp_path])
    a, b, t = sorted(docs, key=lambda d: d.id)
    assert (str(a.published), a.publisher, a.url, a.title, a.lang) == ("2023-08-14", "Ημερησία", "https://x.example/a", "Έρχεται", "el")
    assert (str(b.published), b.publisher) == ("2023-08-15", "Herald")  # 'published' wins over 'date'
    assert (str(t.published), t.title) == ("2023-01-02", "Τίτλος")
    problems = sorted((d.path.rsplit("/", 1)[-1], d.problem.split(" ignored")[0]) for d in diagnostics)
    # each ignored field once a file, at the first line that has it
    assert problems == [
        ("metadata.json", "unknown field 'colour'"),
        ("news.jsonl:1", "unknown field 'author'"),
        ("news.jsonl:2", "field 'date'"),
        ("news.jsonl:2", "unknown field 'tags'"),
    ], problems
    assert all(d.level == "warning" for d in diagnostics)
    assert "published is given by field 'published'" in next(d.problem for d in diagnostics if "'date'" in d.problem)


# ------------------------------------------------------------ the real build


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def article_build(tmp_path_factory):
    """The saved pages, a Swahili text and a text with control characters, built once with the real models."""
    from kg.nlp.stanza import has_models, resources_dir

    if not (has_models("el") and has_models("en")):
        pytest.skip(f"needs the Greek and English stanza models, not found in {resources_dir()} (set STANZA_RESOURCES_DIR)")
    base = tmp_path_factory.mktemp("articles")
    folder = base / "in"
    shutil.copytree(ARTICLES, folder)
    (folder / "swahili.txt").write_text(SWAHILI, encoding="utf-8")
    (folder / "controls.txt").write_bytes(CONTROLS.encode())
    (folder / "metadata.json").write_text(json.dumps({"documents": {"swahili": {"language": "sw", "source": "Taifa"}}}))
    code, out, err = _cli("build", str(folder), "-o", str(base / "out"))
    return code, out, err, base / "out"


def _export(out: Path, fmt: str) -> str:
    code, text, err = _cli("export", str(out), "--format", fmt)
    assert code == 0, err
    return text


def test_articles_build_keeps_every_document_without_a_traceback(article_build) -> None:
    code, out, err, folder = article_build
    assert code == 0 and "Traceback" not in out + err, out + err
    assert "built" in out and " 5 documents" in out and "failed" not in out
    lines = err.splitlines()
    assert len(lines) == 3 and all(line.startswith("warning: ") for line in lines), err
    assert any("[swahili]: not analysed: no stanza models for language 'sw'" in line for line in lines)
    assert any("[el-boilerplate-only]: no article text" in line for line in lines)
    assert any("[controls]: 3 control character(s) read as spaces" in line for line in lines)


def test_articles_only_the_articles_attributions(article_build) -> None:
    records = [json.loads(line) for line in _export(article_build[3], "jsonl").splitlines()]
    by_doc: dict[str, list[dict]] = {}
    for r in records:
        by_doc.setdefault(r["document"], []).append(r)
    assert set(by_doc) == {"el-leros-water", "en-harbour-strike", "controls"}
    for r in records:
        assert not [w for w in BOILERPLATE if w in r["sentence"] or w in r["content"]], r
    greek = {r["speaker_mention"] for r in by_doc["el-leros-water"]}
    assert {"Ο δήμαρχος Λέρου Μιχάλης Κόλιας", "Ο περιφερειάρχης Νοτίου Αιγαίου Γιώργος Χατζημάρκος"} <= greek
    english = {r["speaker_mention"] for r in by_doc["en-harbour-strike"]}
    assert {"Union organiser Sarah Doyle", "The port authority's chief executive, Martin Hale"} <= english
    # offsets are those of the text as written, control characters and all
    assert by_doc["controls"]
    for r in by_doc["controls"]:
        assert CONTROLS[r["start"]:r["end"]].replace("\x00", " ").replace("\x07", " ").replace("\x1b", " ") == r["content"]


def test_articles_export_names_the_article(article_build) -> None:
    records = [json.loads(line) for line in _export(article_build[3], "jsonl").splitlines()]
    seen = {(r["document"], r["document_url"], r["document_title"], r["publisher"], r["published"]) for r in records}
    assert seen == {
        ("el-leros-water", LEROS_URL, "Λειψυδρία: Σε κατάσταση έκτακτης ανάγκης η Λέρος", "Η Ημερησία Ενημέρωση", "2023-08-14"),
        ("en-harbour-strike", STRIKE_URL, "Harbour strike enters second week as talks stall", "The Coastal Herald", "2024-03-05"),
        ("controls", None, None, None, None),
    }
    # the claims of the published Greek article are dated by it when the text gives no date
    assert {r["date"] for r in records if r["document"] == "el-leros-water"} == {"2023-08-14"}
    rows = list(csv.DictReader(io.StringIO(_export(article_build[3], "csv"))))
    assert {(row["document"], row["document_url"], row["published"]) for row in rows if row["document"] != "controls"} == {
        ("el-leros-water", LEROS_URL, "2023-08-14"), ("en-harbour-strike", STRIKE_URL, "2024-03-05"),
    }


def test_articles_unanalysed_documents_are_nodes_with_a_diagnostic(article_build) -> None:
    from kg import queries
    from kg.ns import CA, SCHEMA
    from kg.pipeline import open_store
    from kg.rdf import mint

    with open_store(article_build[3]) as store:
        rows = {str(r["document"]): r for r in queries.run(store, "documents")}
        assert set(rows) == {"el-leros-water", "en-harbour-strike", "el-boilerplate-only", "swahili", "controls"}
        assert rows["swahili"]["attributions"] == 0 and rows["swahili"]["publisher"] == "Taifa"

        def values(doc: str, prop) -> list:
            query = f"SELECT ?v WHERE {{ GRAPH ?g {{ <{mint.document_iri(doc)}> <{prop}> ?v }} }}"
            return [row["v"] for row in store.query(query)]

        notes = {doc: values(doc, CA.diagnostic) for doc in ("swahili", "el-boilerplate-only", "controls", "el-leros-water")}
        headlines = values("el-boilerplate-only", SCHEMA.headline)
    assert len(notes["swahili"]) == 1 and notes["swahili"][0].startswith("not analysed: no stanza models for language 'sw'")
    assert len(notes["el-boilerplate-only"]) == 1 and "no article text" in notes["el-boilerplate-only"][0]
    assert len(notes["controls"]) == 1 and "offsets are unchanged" in notes["controls"][0]
    assert notes["el-leros-water"] == []
    assert [str(h) for h in headlines] == ["Σφάλμα 404 — Η σελίδα δεν βρέθηκε"]


def test_articles_graph_validates(article_build) -> None:
    code, out, err = _cli("validate", str(article_build[3]))
    assert code == 0 and "conforms" in out, out + err
