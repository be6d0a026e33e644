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
