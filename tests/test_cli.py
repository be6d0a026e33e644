"""The CLI through ``kg.cli.run`` (no subprocess, but where only a process shows it: a closed pipe): exit codes and outputs."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import run


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "trig", "nquads", "jsonld"])
def test_cli_export_formats(seed_build, tmp_path, fmt):
    target = tmp_path / f"export.{fmt}"
    code, _, err = _run("export", str(seed_build[0]), "--format", fmt, "-o", str(target))
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert "Τοκάγιεφ" in text or "\\u03a4" in text
    if fmt == "jsonl":
        records = [json.loads(line) for line in text.splitlines()]
        assert len(records) == seed_build[1].attributions
        assert {"document", "speaker", "speaker_id", "content", "start", "end", "about", "reported_by", "date"} <= set(records[0])


def test_cli_query_bundled_and_file(seed_build, tmp_path):
    code, out, _ = _run("query", str(seed_build[0]), "claims_by_speaker", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and any(r["speaker"] == "Τοκάγιεφ" for r in rows)
    rq = tmp_path / "count.rq"
    rq.write_text("PREFIX ca: <https://w3id.org/kg/ontology#>\nSELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ca:Attribution }\n", encoding="utf-8")
    code, out, _ = _run("query", str(seed_build[0]), str(rq), "--format", "csv")
    assert code == 0 and out.splitlines()[1] == str(seed_build[1].attributions)


def test_cli_query_binds_parameters(seed_build):
    code, out, err = _run("query", str(seed_build[0]), "said_by", "--param", 'key=x" } ; DROP ALL ; #', "--format", "json")
    assert code == 1 and out == "" and "names no entity" in err  # an entity parameter is a name, resolved first
    code, out, _ = _run("query", str(seed_build[0]), "said_by", "--param", "key=tokayef", "--format", "json")
    assert code == 0 and len(json.loads(out)) >= 5  # the store was not touched by the attempt


def test_cli_csv_cells_are_never_formulas(seed_build, tmp_path):
    rq = tmp_path / "cells.rq"
    rq.write_text('SELECT ?formula ?dash ?plain ?n WHERE { BIND("=1+1" AS ?formula) BIND("- Όχι" AS ?dash) BIND("a-b" AS ?plain) BIND(-2 AS ?n) }\n', encoding="utf-8")
    code, out, err = _run("query", str(seed_build[0]), str(rq), "--format", "csv")
    assert code == 0, err
    assert out.splitlines() == ["formula,dash,plain,n", "'=1+1,'- Όχι,a-b,-2"]  # text neutralised, numbers kept
    code, out, _ = _run("query", str(seed_build[0]), str(rq), "--format", "json")
    assert json.loads(out) == [{"formula": "=1+1", "dash": "- Όχι", "plain": "a-b", "n": -2}]


ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e"  # retitle, clear the screen, C1 CSI, right-to-left override


def _shown(text: str) -> bool:
    """True when ``text`` has no control character but the line breaks that end its lines."""
    return not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)


def test_cli_file_names_are_printed_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"a{ESCAPES}.txt").write_text("", encoding="utf-8")
    (folder / "b\nerror: forged.txt").write_text("x", encoding="utf-8")  # a line break forges a diagnostic
    code, out, err = _run("build", str(folder), "-o", str(tmp_path / "out"))
    assert code == 1 and _shown(err) and _shown(out)
    assert len(err.splitlines()) == 2 and not any(line.startswith("error: forged") for line in err.splitlines())
    assert "a\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202e" in err and "b\\nerror: forged" in err
    code, _, err = _run("validate", str(tmp_path / f"no{ESCAPES}graph"))
    assert code == 2 and _shown(err) and "no\\x1b]0;pwned" in err


def test_cli_tables_and_argument_errors_are_printed_escaped(seed_build, tmp_path, capsys):
    rq = tmp_path / "cells.rq"
    rq.write_text('SELECT ?text WHERE { BIND("title\\u001B]0;pwned\\u0007 and\\u009B2J more" AS ?text) }\n', encoding="utf-8")
    code, out, err = _run("query", str(seed_build[0]), str(rq))
    assert code == 0, err
    assert _shown(out) and "title\\x1b]0;pwned\\x07 and\\x9b2J more" in out
    code, out, _ = _run("query", str(seed_build[0]), str(rq), "--format", "json")
    assert json.loads(out) == [{"text": "title\x1b]0;pwned\x07 and\x9b2J more"}]  # data keeps its text
    with pytest.raises(SystemExit):
        run(["ask", str(seed_build[0]), f"who{ESCAPES}"])
    assert _shown(capsys.readouterr().err)


@pytest.mark.parametrize("argv", [("query", "claims_by_speaker"), ("ask", "claims"), ("export", "--format", "trig")])
def test_cli_output_to_a_closed_pipe_ends_quietly(seed_build, argv):
    # `kg ask … | head`: the reader is gone before the rows are written (as when head has read enough)
    command, *rest = argv
    kg = Path(sys.executable).parent / "kg"
    process = subprocess.Popen([str(kg), command, str(seed_build[0]), *rest], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ.copy())
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=300) == 0 and err == ""


def test_cli_validate_exit_codes(seed_build, tmp_path):
    assert _run("validate", str(seed_build[0]))[0] == 0
    code, _, err = _run("validate", str(tmp_path / "no-graph-here"))
    assert code == 2 and "no kg graph" in err


def test_cli_viz_writes_one_offline_file(seed_build, tmp_path):
    target = tmp_path / "g.html"
    code, _, _ = _run("viz", str(seed_build[0]), "-o", str(target), "--speaker", "Τοκάγιεφ")
    html = target.read_text(encoding="utf-8")
    assert code == 0 and "Τοκάγιεφ" in html or "\\u03a4" in html
    assert list(tmp_path.iterdir()) == [target]


def test_cli_build_missing_models_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "no-models"))
    doc = tmp_path / "a.txt"
    doc.write_text("Ο υπουργός δήλωσε ότι όλα πάνε καλά.", encoding="utf-8")
    code, _, err = _run("build", str(doc), "-o", str(tmp_path / "out"))
    assert code == 2
    assert "kg models download" in err and "no-models" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()  # a failed build leaves no empty new folder


def test_cli_build_reports_bad_inputs_and_goes_on(stanza_parser, tmp_path):
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text("Η κυβέρνηση δήλωσε ότι οι τιμές θα μειωθούν.", encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "in" / "binary.txt").write_bytes(b"%PDF-1.4\x00\x01\x02")
    code, out, err = _run("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "1 documents" in out and "2 failed" in out
    assert "empty.txt" in err and "binary.txt" in err


def test_cli_demo_writes_the_three_files(stanza_parser, tmp_path):
    code, out, err = _run("demo", "-o", str(tmp_path / "demo"))
    assert code == 0, err
    for name in ("claims.jsonl", "graph.trig", "graph.html"):
        assert (tmp_path / "demo" / name).stat().st_size > 0
    assert "Τοκάγιεφ" in out and "BBC" in out
    assert "\x1b" not in out + err and "parsing" not in err  # stderr is not a terminal: no progress bars


def test_cli_ctrl_c_before_the_command_is_one_line(monkeypatch, capsys):
    """Ctrl-C while a command's modules are still being imported (in the argument parser): exit 130, no traceback."""
    import kg.cli

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.cli, "parser", interrupted)
    monkeypatch.setattr("sys.argv", ["kg", "build", "x", "-o", "y"])
    try:
        kg.cli.main()
    except SystemExit as exit:
        code = exit.code
    except KeyboardInterrupt:
        pytest.fail("Ctrl-C escaped kg's main: Python prints a traceback")
    assert code == 130 and capsys.readouterr().err == "kg: interrupted\n"
