"""Terminal output (kg.terminal, the CLI's tables and progress): it fits, it is for people, and it stays out of pipes."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from kg.cli import run
from kg.terminal import human_columns, show, table

TOKAYEF = "https://w3id.org/kg/id/entity/tokayef"


def cells(line: str) -> int:
    """Terminal cells a line takes, counted independently of rich: combining marks none, wide characters two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


# ------------------------------------------------------------------ kg.terminal

GREEK_NFD = unicodedata.normalize("NFD", "Ο Τοκάγιεφ δήλωσε ότι οι διαδηλωτές θα αντιμετωπιστούν με αποφασιστικότητα " * 3)
ROWS = [
    {"speaker": TOKAYEF, "speaker_label": "Τοκάγιεφ", "content": GREEK_NFD, "value": 748.0, "date": date(2022, 1, 7)},
    {"speaker": "https://w3id.org/kg/id/entity/cnn", "speaker_label": "记者 CNN", "content": "短" * 80, "value": 2.5, "date": None},
]


@pytest.mark.parametrize("width", [40, 60, 100, 200])
def test_table_fits_the_width_in_terminal_cells(width):
    """Decomposed Greek accents take no cell and CJK characters two: a count of characters would be wrong both ways."""
    text = table(ROWS, width=width)
    assert max(cells(line) for line in text.splitlines()) <= width
    assert max(cells(line) for line in text.splitlines()) >= width - 10  # it uses the room it has
    assert len(text.splitlines()) == 2 + len(ROWS)  # one line a row: long cells are cut
    assert "…" in text


def test_table_is_for_people_by_default():
    text = table(ROWS, width=200)
    head = text.splitlines()[0].split()
    assert head == ["speaker", "content", "value", "date"]  # the label column is headed with the IRI column's name
    assert "https://" not in text and "Τοκάγιεφ" in text
    assert " 748 " in text and "748.0" not in text and "2.5" in text and "2022-01-07" in text
    ids = table(ROWS, width=400, ids=True)
    assert TOKAYEF in ids and ids.splitlines()[0].split()[:2] == ["speaker", "speaker_label"]


def test_table_wide_shows_every_cell_in_full_within_the_width():
    text = table(ROWS, width=60, wide=True)
    assert max(cells(line) for line in text.splitlines()) <= 60
    shown = "".join(text.split())
    # every word of the long cell is there, wrapped over lines of the column
    assert all(word in shown for word in GREEK_NFD.split()[:12])
    assert shown.count("短") == 80


def test_table_cells_and_headings_are_printable():
    text = table([{"evil\x1b[2J": "a\x1b]0;pwned\x07b\u202ec\nd"}], width=80)
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    assert "\\x1b]0;pwned\\x07b\\u202ec" in text and "evil\\x1b[2J" in text


def test_show_formats_values_for_people():
    assert [show(v) for v in (3.0, 3, 0.8534, -2.0, True, None, date(2022, 1, 6))] == ["3", "3", "0.853", "-2", "yes", "", "2022-01-06"]
    assert show([{"label": "Τοκάγιεφ", "id": TOKAYEF}, {"label": None, "id": "x"}]) == "Τοκάγιεφ, x"


def test_human_columns_keep_an_iri_column_when_nothing_else_is_left():
    assert human_columns([{"s": TOKAYEF}]) == {"s": "s"}
    assert human_columns([{"s": TOKAYEF, "n": 1}]) == {"n": "n"}
    assert human_columns([{"who_label": "x", "n": 1}]) == {"who_label": "who", "n": "n"}


# ------------------------------------------------------------------ the CLI


@pytest.mark.parametrize("columns", [60, 100, 200])
def test_cli_ask_fits_columns(seed_build, monkeypatch, columns):
    """Issue 17: with COLUMNS=N no line of `kg ask out who-said --about protesters` is wider than N."""
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, err = _run("ask", str(seed_build[0]), "who-said", "--about", "protesters")
    assert code == 0, err
    lines = out.splitlines()
    assert max(cells(line) for line in lines) <= columns
    assert len(lines) >= 3 and "Τοκάγιεφ" in out and "https://" not in out
    code, wide, _ = _run("ask", str(seed_build[0]), "who-said", "--about", "protesters", "--wide")
    assert max(cells(line) for line in wide.splitlines()) <= columns


def test_cli_ask_through_a_pipe_with_columns(seed_build):
    """The console script, its output a pipe, COLUMNS=100 in its environment."""
    kg = Path(sys.executable).parent / "kg"
    env = os.environ | {"COLUMNS": "100"}
    done = subprocess.run([str(kg), "ask", str(seed_build[0]), "who-said", "--about", "protesters"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert max(cells(line) for line in done.stdout.splitlines()) <= 100
    assert "\x1b" not in done.stdout + done.stderr  # no styling in a pipe


def test_cli_ids_and_wide(seed_build, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    graph = str(seed_build[0])
    _, default, _ = _run("ask", graph, "who-said", "--about", "protesters")
    assert "https://" not in default and "speaker" in default.splitlines()[0]
    monkeypatch.setenv("COLUMNS", "400")
    _, ids, _ = _run("ask", graph, "who-said", "--about", "protesters", "--ids")
    assert TOKAYEF in ids and "https://w3id.org/kg/id/attr/" in ids
    # --wide: the longest claim's every word, where the default cuts it
    _, data, _ = _run("ask", graph, "who-said", "--about", "protesters", "--format", "json")
    longest = max((r["content"] for r in json.loads(data)), key=len)
    monkeypatch.setenv("COLUMNS", "100")
    _, wide, _ = _run("ask", graph, "who-said", "--about", "protesters", "--wide")
    words = longest.split()
    assert not all(w in default for w in words) and all(w in wide for w in words)


def test_cli_integers_are_shown_as_integers(seed_build, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = _run("conflicts", str(seed_build[0]))
    assert code == 0 and "748" in out and "1000" in out and ".0" not in out
    code, out, _ = _run("ask", str(seed_build[0]), "numbers")
    assert code == 0 and re.search(r"\s3000\s", out) and re.search(r"\s748\s", out) and not re.search(r"\d\.0\b", out)
    code, out, _ = _run("conflicts", str(seed_build[0]), "--format", "json")
    assert {json.loads(out)[0]["value_a"], json.loads(out)[0]["value_b"]} == {748.0, 1000.0}  # data as it is


def test_cli_table_into_a_pipe_without_columns_is_whole(seed_build, monkeypatch):
    """Not a terminal and no COLUMNS: every cell in full, one line a row (grep finds the whole claim)."""
    monkeypatch.delenv("COLUMNS", raising=False)
    _, data, _ = _run("ask", str(seed_build[0]), "who-said", "--about", "protesters", "--format", "json")
    _, out, _ = _run("ask", str(seed_build[0]), "who-said", "--about", "protesters")
    rows = json.loads(data)
    assert len(out.splitlines()) == 2 + len(rows) and all(r["content"] in out for r in rows)


# ------------------------------------------------------------------ progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_build_reports_progress_through_a_callback(stanza_parser, tmp_path):
    from kg.pipeline import Pipeline, build
    from kg.types import Step

    folder = tmp_path / "in"
    folder.mkdir()
    texts = ["Ο υπουργός δήλωσε ότι όλα πάνε καλά.", "Η κυβέρνηση ανακοίνωσε ότι οι τιμές θα μειωθούν."]
    for i, text in enumerate(texts):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text(" \n", encoding="utf-8")  # fails before it is a document
    steps: list[Step] = []
    build([folder], tmp_path / "out", pipeline=Pipeline(parser=stanza_parser), progress=steps.append)
    last = {s.stage: s for s in steps}
    assert set(last) == {"parsing", "linking", "writing", "finishing"}
    assert (last["parsing"].done, last["parsing"].total) == (sum(map(len, texts)),) * 2
    assert (last["linking"].done, last["linking"].total) == (2, 2) == (last["writing"].done, last["writing"].total)
    assert [s.done for s in steps if s.stage == "writing"] == [1, 2]
    assert steps[-1] == Step("finishing", 1, 1, "steps", "entities, conflicts, index")


def test_stanza_parser_reports_loading_and_parsing(tmp_path):
    from kg.nlp.stanza import StanzaParser, has_models
    from kg.types import Document, Step

    if not has_models("el"):
        pytest.skip("no stanza models for 'el'")
    steps: list[Step] = []
    text = "Ο υπουργός δήλωσε ότι όλα πάνε καλά."
    StanzaParser(progress=steps.append).parse(Document("d", text, lang="el"))
    assert steps[:2] == [Step("loading", 0, 1, "models", "stanza el"), Step("loading", 1, 1, "models", "stanza el")]
    assert steps[-1].stage == "parsing" and steps[-1].done == steps[-1].total == len(text) and steps[-1].what == "d"


@pytest.mark.models
def test_cli_progress_only_on_a_terminal_and_not_quiet(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Ο υπουργός δήλωσε ότι όλα πάνε καλά.", encoding="utf-8")
    from kg.nlp.stanza import has_models

    if not has_models("el"):
        pytest.skip("no stanza models for 'el'")
    pipe = io.StringIO()
    assert run(["build", str(doc), "-o", str(tmp_path / "a"), "--no-cache"], io.StringIO(), pipe) == 0
    assert pipe.getvalue() == ""  # stderr not a terminal: nothing at all
    quiet = _Terminal()
    assert run(["build", str(doc), "-o", str(tmp_path / "b"), "--no-cache", "-q"], io.StringIO(), quiet) == 0
    assert quiet.getvalue() == ""
    terminal = _Terminal()
    assert run(["build", str(doc), "-o", str(tmp_path / "c"), "--no-cache"], io.StringIO(), terminal) == 0
    drawn = terminal.getvalue()
    for label in ("loading models (stanza el)", "parsing", "linking", "writing", "chars", "1/1 docs"):
        assert label in drawn, label
