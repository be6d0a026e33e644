"""Every code block of README.md runs: the documentation cannot drift from what kg does.

* ``python`` blocks run in a folder holding ``data/`` and a copy of the demo
  graph ``out`` (with its parse cache);
* ``console`` blocks: each ``$`` command runs in that folder, through the
  shell, with this environment's ``kg`` first on PATH; the table rows shown
  under it must be rows of its output, in the same order (columns the
  README leaves out, and rows after a ``…`` line, are not compared);
* ``bash`` blocks are the install and test commands: each command of them
  is one that ``.ci/run`` runs (CI runs them from a fresh clone);
* ``text`` blocks are diagrams. A block of any other kind fails the test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

README = ROOT / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
KINDS = ("python", "console", "bash", "text")


def blocks(kind: str) -> list[str]:
    return [body for info, body in FENCE.findall(README.read_text(encoding="utf-8")) if info == kind]


def test_every_block_says_what_it_is() -> None:
    infos = [info for info, _ in FENCE.findall(README.read_text(encoding="utf-8"))]
    assert infos and all(info in KINDS for info in infos), infos
    assert blocks("python") and blocks("console") and blocks("bash")


@pytest.fixture(scope="module")
def folder(seed_build, tmp_path_factory) -> Path:
    """Where the examples run: data/ and the demo's out/ (a copy: examples may build into it)."""
    where = tmp_path_factory.mktemp("readme")
    (where / "data").symlink_to(ROOT / "data", target_is_directory=True)
    shutil.copytree(seed_build[0], where / "out", symlinks=True, ignore=shutil.ignore_patterns(".kg-build.lock"))
    return where


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


@pytest.mark.parametrize("index", range(len(blocks("python"))))
def test_python_blocks_run(folder: Path, index: int) -> None:
    code = blocks("python")[index]
    done = subprocess.run([sys.executable, "-c", code], cwd=folder, env=_env(), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"README python block {index}:\n{code}\n{done.stderr}"
    assert done.stdout.strip()


def _examples() -> list[tuple[str, list[str]]]:
    """(command, expected output lines) of every ``$`` line of the console blocks."""
    found: list[tuple[str, list[str]]] = []
    for body in blocks("console"):
        for line in body.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            elif found:
                found[-1][1].append(line)
    return found


def _table(lines: list[str]) -> tuple[list[str], list[dict[str, str]], bool]:
    """(columns, rows, cut) of a table printed by kg (kg.terminal.table): under the header a rule of "─";
    each column runs from where its heading starts to where the next one starts (cells are padded to the
    column, numbers right-aligned within it)."""
    lines = [line for line in lines if line.strip()]
    dashes = next(i for i, line in enumerate(lines) if line.strip() and set(line.strip()) <= {"─"})
    starts = [m.start() for m in re.finditer(r"\S+(?: \S+)*", lines[dashes - 1])]
    spans = list(zip(starts, [*starts[1:], 10**6]))

    def cells(line: str) -> list[str]:
        return [line[a:b].strip() for a, b in spans]

    columns = cells(lines[dashes - 1])
    rows, cut = [], False
    for line in lines[dashes + 1 :]:
        if line.strip() == "…":
            cut = True
            break
        rows.append(dict(zip(columns, cells(line))))
    return columns, rows, cut


@pytest.mark.parametrize("command, expected", _examples(), ids=[c for c, _ in _examples()])
def test_console_examples_print_what_the_readme_shows(folder: Path, command: str, expected: list[str]) -> None:
    done = subprocess.run(["bash", "-c", command], cwd=folder, env=_env(), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    columns, rows, _ = _table(expected)
    actual_columns, actual, _ = _table(done.stdout.splitlines())
    assert set(columns) <= set(actual_columns), (columns, actual_columns)
    assert rows
    shown = [{c: r[c] for c in columns} for r in actual]
    position = 0
    for row in rows:  # each row shown, in the order shown
        assert row in shown[position:], f"{command}: the README's row {row} is not in the output:\n{done.stdout}"
        position = shown.index(row, position) + 1


def test_bash_blocks_are_what_ci_runs() -> None:
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    for body in blocks("bash"):
        for line in body.splitlines():
            for command in filter(None, (part.strip() for part in line.split("&&"))):
                assert any(run.startswith(command) for run in ci), f"README runs `{command}`; .ci/run does not"
