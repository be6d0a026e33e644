"""The CLI through ``kg.cli.run`` (no subprocess): exit codes and outputs."""

from __future__ import annotations

import io
import json

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
