"""A build killed half-way (SIGKILL) leaves the previous graph intact and usable."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.pipeline import open_store

from conftest import SEEDS


def _quads(out: Path) -> set[str]:
    with open_store(out) as store:
        return set(store.serialize("nquads").splitlines())


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_build_killed_midway_keeps_previous_graph(seed_build, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seed_build[0], out, symlinks=True)
    before = _quads(out)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        for src in SEEDS.glob("*.txt"):
            shutil.copy(src, corpus / f"{src.stem}-copy{i}.txt")
    kg = Path(sys.executable).parent / "kg"
    proc = subprocess.Popen([str(kg), "build", str(corpus), "-o", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
    try:
        deadline = time.monotonic() + 60
        while not any(out.glob(".staging-*")) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        assert proc.poll() is None, "the build ended before it could be killed"
        time.sleep(4)  # let it write some documents into the staging copy
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert _quads(out) == before  # nothing of the killed build is visible
    # the next build clears the debris and works
    from kg.pipeline import Pipeline, build

    report = build([SEEDS / "001_e1ede2459915ac02.txt"], out, pipeline=Pipeline(parser=_parser()))
    assert report.documents == 1 and not list(out.glob(".staging-*"))
    assert len(_quads(out)) > 0.9 * len(before)


def _parser():
    from kg.nlp.stanza import StanzaParser

    return StanzaParser()


# ------------------------------------------------------------ only kg's own store is ever replaced

TINY = "Ο υπουργός δήλωσε ότι οι τιμές θα μειωθούν."


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "notes.txt").write_text("precious", encoding="utf-8")
    return victim


def _link_outside(out: Path, victim: Path) -> None:
    (out / "store").symlink_to(os.path.relpath(victim, out))


def _link_absolute(out: Path, victim: Path) -> None:
    (out / "store").symlink_to(victim)


def _link_to_a_generation_that_links_outside(out: Path, victim: Path) -> None:
    (out / ("store-" + "0" * 32)).symlink_to(victim)
    (out / "store").symlink_to("store-" + "0" * 32)


def _a_folder_of_something_else(out: Path, victim: Path) -> None:
    shutil.copytree(victim, out / "store")


def _a_generation_of_something_else(out: Path, victim: Path) -> None:
    shutil.copytree(victim, out / ("store-" + "1" * 32))
    (out / "store").symlink_to("store-" + "1" * 32)


@pytest.mark.parametrize(
    "make", [_link_outside, _link_absolute, _link_to_a_generation_that_links_outside, _a_folder_of_something_else, _a_generation_of_something_else]
)
def test_build_refuses_a_store_that_is_not_its_own(stanza_parser, tmp_path, make):
    from kg.errors import StoreError
    from kg.pipeline import Pipeline, build

    victim = _victim(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    make(out, victim)
    before = sorted(p.name for p in out.iterdir())
    doc = tmp_path / "a.txt"
    doc.write_text(TINY, encoding="utf-8")
    with pytest.raises(StoreError, match="not"):
        build([doc], out, pipeline=Pipeline(parser=stanza_parser))
    assert (victim / "notes.txt").read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in out.iterdir() if p.name != ".kg-build.lock") == before
    kept = out / "store"
    assert kept.is_symlink() or (kept / "notes.txt").is_file()


def test_cli_build_refuses_a_store_link_outside_out(tmp_path):
    import io

    from kg.cli import run

    victim = _victim(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    _link_outside(out, victim)
    err = io.StringIO()
    code = run(["build", str(SEEDS), "-o", str(out)], io.StringIO(), err)
    assert code == 2 and "is a link to ../victim, not to a store kg made" in err.getvalue()
    assert (victim / "notes.txt").is_file()


def test_build_takes_over_stores_of_earlier_versions(stanza_parser, tmp_path):
    """A store without the marker is still kg's when it holds nothing but RocksDB's files:
    a plain folder OUT/store (before generations) or an unmarked generation."""
    from kg.outfolder import MARKER
    from kg.pipeline import Pipeline, build
    from kg.rdf.mint import document_iri

    out = tmp_path / "out"
    out.mkdir()
    # the layout before generations, left by a writer that never flushed (its last write is in RocksDB's log only)
    doc = document_iri("old")
    insert = f'INSERT DATA {{ GRAPH <{doc}> {{ <{doc}> a <https://schema.org/NewsArticle> ; <https://schema.org/identifier> "old" }} }}'
    script = "import os, sys, pyoxigraph as ox; ox.Store(sys.argv[1]).update(sys.argv[2]); os._exit(0)"
    subprocess.run([sys.executable, "-c", script, str(out / "store"), insert], check=True)
    doc = tmp_path / "in" / "a.txt"
    doc.parent.mkdir()
    doc.write_text(TINY, encoding="utf-8")
    build([doc], out, pipeline=Pipeline(parser=stanza_parser))
    assert (out / "store").is_symlink()
    first = (out / "store").resolve()
    with open_store(out) as store:
        documents = {r["document"] for r in store.query("SELECT ?document WHERE { ?d schema:identifier ?document ; a schema:NewsArticle }")}
    assert documents == {"old", "a"}
    # a generation of the previous version has no marker; debris of killed builds lies beside it
    (first / MARKER).unlink()
    shutil.copytree(first, out / ("store-" + "2" * 32))  # a generation no link points to
    (out / ".staging-deadbeef").mkdir()
    (out / "store-notes").mkdir()  # not a name kg gives: left alone
    build([doc], out, pipeline=Pipeline(parser=stanza_parser))
    assert (out / "store").resolve() != first and not first.exists()
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(("store", ".staging"))) == sorted(
        ["store", (out / "store").resolve().name, "store-notes"]
    )
    assert (out / "store" / MARKER).is_file()


# ------------------------------------------------------------ a failed build changes nothing


def test_failed_build_leaves_no_new_folder_and_the_old_graph(seed_build, stanza_parser, tmp_path):
    from kg.pipeline import Pipeline, build

    fresh = tmp_path / "fresh"
    report = build([tmp_path / "missing.txt"], fresh, pipeline=Pipeline(parser=stanza_parser))
    assert report.failed == 1 and not fresh.exists()
    out = tmp_path / "out"
    shutil.copytree(seed_build[0], out, symlinks=True)
    before, link = _quads(out), os.readlink(out / "store")
    report = build([tmp_path / "missing.txt"], out, pipeline=Pipeline(parser=stanza_parser))
    assert report.failed == 1 and os.readlink(out / "store") == link and _quads(out) == before


# ------------------------------------------------------------ while a build writes


def _start_build(seed_build, tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    """A real `kg build` of 80 documents into a copy of the seed build, once it has begun writing."""
    out = tmp_path / "out"
    shutil.copytree(seed_build[0], out, symlinks=True)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        for src in SEEDS.glob("*.txt"):
            shutil.copy(src, corpus / f"{src.stem}-copy{i}.txt")
    proc = subprocess.Popen([str(KG), "build", str(corpus), "-o", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ.copy(), text=True)
    deadline = time.monotonic() + 60
    while not any(out.glob(".staging-*")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    assert proc.poll() is None, "the build ended before the test could watch it"
    return proc, out


KG = Path(sys.executable).parent / "kg"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks and signals")
def test_one_writer_many_readers_while_a_build_writes(seed_build, stanza_parser, tmp_path):
    from kg.errors import KGError
    from kg.pipeline import Pipeline, build

    before = _quads(seed_build[0])
    proc, out = _start_build(seed_build, tmp_path)
    try:
        staging = set(out.glob(".staging-*"))
        with pytest.raises(KGError, match=rf"another build is writing .*out \(pid {proc.pid}\)"):
            build([SEEDS], out, pipeline=Pipeline(parser=stanza_parser))
        assert set(out.glob(".staging-*")) == staging  # the running build's copy is untouched
        # readers take no lock: side by side, and beside the build
        with open_store(out) as a, open_store(out) as b:
            assert set(a.serialize("nquads").splitlines()) == set(b.serialize("nquads").splitlines()) == before
        readers = [
            subprocess.Popen([str(KG), "query", str(out), "documents", "--format", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(4)
        ]
        answers = [reader.communicate(timeout=120) for reader in readers]
        assert [reader.returncode for reader in readers] == [0] * 4, [err for _, err in answers]
        assert len({out_ for out_, _ in answers}) == 1 and "000_b6f70baf6ff682fd" in answers[0][0]
        assert proc.poll() is None, "the build ended before the readers did: make the corpus larger"
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert _quads(out) == before


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is POSIX")
def test_ctrl_c_during_a_build_is_one_line_and_keeps_the_graph(seed_build, tmp_path):
    before = _quads(seed_build[0])
    proc, out = _start_build(seed_build, tmp_path)
    try:
        deadline = time.monotonic() + 120
        while not any((out / "cache").glob("*.json")) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)  # until it parses and writes documents (models loaded: an interrupt then is the user's)
        assert proc.poll() is None, "the build ended before the test could interrupt it"
        time.sleep(1)
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert stderr.strip().splitlines() == [f"kg build: interrupted"], stderr
    assert _quads(out) == before and not list(out.glob(".staging-*"))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_read_commands_work_on_a_read_only_folder(seed_build, tmp_path):
    """Readers write nothing: a graph on a read-only disk (or another user's) can be read.
    Root ignores permissions, so as root the commands run without the capabilities that let it."""
    import stat

    root = tmp_path / "ro"
    out = root / "out"
    shutil.copytree(seed_build[0], out, symlinks=True)
    user = {"preexec_fn": _obey_permissions} if os.geteuid() == 0 else {}
    try:
        for path in [root, *root.rglob("*")]:
            if not path.is_symlink():
                path.chmod(path.stat().st_mode & ~0o222 | stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH | (0o555 if path.is_dir() else 0))
        env = {**os.environ, "HOME": str(root)}
        for argv in (["export", str(out), "--format", "jsonl"], ["query", str(out), "documents"], ["ask", str(out), "most-cited"]):
            done = subprocess.run([str(KG), *argv], capture_output=True, text=True, env=env, cwd=root, timeout=120, **user)
            assert done.returncode == 0, (argv, done.stderr)
            assert done.stdout.strip() and "Traceback" not in done.stderr
    finally:
        for path in [root, *root.rglob("*")]:
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | stat.S_IWUSR)


def _obey_permissions() -> None:
    """Drop CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and CAP_FOWNER from the bounding set: root then obeys file modes after exec."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def test_a_build_leaves_the_generation_a_reader_has_open(stanza_parser, tmp_path):
    """A reader keeps its graph while a build switches to a new one; the generation goes once no one reads it."""
    from kg.pipeline import Pipeline, build

    doc = tmp_path / "in" / "a.txt"
    doc.parent.mkdir()
    doc.write_text(TINY, encoding="utf-8")
    out = tmp_path / "out"
    build([doc], out, pipeline=Pipeline(parser=stanza_parser))
    first = (out / "store").resolve()
    with open_store(out) as reader:
        before = set(reader.serialize("nquads").splitlines())
        other = tmp_path / "in" / "b.txt"
        other.write_text("Η κυβέρνηση ανακοίνωσε ότι οι μισθοί θα αυξηθούν.", encoding="utf-8")
        build([other], out, pipeline=Pipeline(parser=stanza_parser))
        assert (out / "store").resolve() != first and first.is_dir()  # switched, the read one kept
        assert set(reader.serialize("nquads").splitlines()) == before
    build([other], out, pipeline=Pipeline(parser=stanza_parser))
    assert not first.exists()  # no one reads it any more: the next build removed it
