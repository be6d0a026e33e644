"""The build folder OUT: one writer at a time, store generations, the atomic switch.

A build never writes into the store readers use. Holding OUT's lock, it
copies the current generation (a RocksDB checkpoint: hard links, cheap) into
a staging folder, writes the copy, and at the end points the link
``OUT/store`` at it with one atomic rename. A build killed half-way leaves
``OUT/store`` exactly as it was; its staging folder is removed by the next
build (which holds the lock, so no build is still using it).

kg deletes only what it made, and only inside OUT: a store folder it made
holds the marker file :data:`MARKER`; a store made before the marker existed
is recognised by holding nothing but RocksDB's own files. ``OUT/store`` as a
link anywhere else, or a folder of something else, is refused, untouched.

Readers open the current generation read-only (no lock of RocksDB's, nothing
written) and hold a shared OS lock on its marker while it is open; a build
removes a generation it switched away from only when no reader holds it.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from pathlib import Path

from kg.errors import KGError, StoreError
from kg.store import GraphStore

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock (builds must not overlap)
    fcntl = None  # type: ignore[assignment]

__all__ = ["STORE_DIR", "MARKER", "BuildLock", "store_path", "current_store", "begin", "commit", "discard", "open_read_only"]

STORE_DIR = "store"
"""The link to the current store generation inside a build's output folder."""

MARKER = "KG-STORE"
"""The file that marks a store folder as kg's own (RocksDB ignores files it did not name)."""

LOCK_FILE = ".kg-build.lock"
_STAGING = ".staging-"
_GENERATION = "store-"
_GENERATION_NAME = re.compile(r"^store-(legacy-)?[0-9a-f]{32}$")
_ROCKSDB_FILE = re.compile(r"^(\d+\.(sst|log|blob)|CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?|MANIFEST-\d+|OPTIONS-\d+(\.dbtmp)?)$")


def store_path(out: Path | str) -> Path:
    """``OUT/store``: a link to the current generation of the store."""
    return Path(out) / STORE_DIR


def _is_kg_store(folder: Path) -> bool:
    """A real folder (not a link) that kg made: it has the marker, or only RocksDB's files (a store from before the marker)."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    if (folder / MARKER).is_file():
        return True
    names = os.listdir(folder)
    return "CURRENT" in names and all(_ROCKSDB_FILE.match(name) for name in names)


def current_store(out: Path) -> Path | None:
    """The folder of OUT's current store, or None when there is none yet.

    Raises StoreError, before anything is changed, when ``OUT/store`` is not
    kg's own: a link anywhere but to a generation folder beside it, or a
    folder or file kg did not make.
    """
    link = store_path(out)
    advice = "kg build never writes to or deletes it: move it away or build into another folder"
    if link.is_symlink():
        target = os.readlink(link)
        if not _GENERATION_NAME.match(target):
            raise StoreError(f"{link} is a link to {target}, not to a store kg made in {out}; {advice}")
        folder = Path(out) / target
        if not folder.exists() and not folder.is_symlink():
            return None  # a generation removed by hand: nothing left to keep
        if not _is_kg_store(folder):
            raise StoreError(f"{link} points to {folder}, which is not a kg graph store; {advice}")
        return folder
    if link.exists():
        if not _is_kg_store(link):
            raise StoreError(f"{link} is not a kg graph store (no {MARKER} file, and files RocksDB does not make); {advice}")
        return link
    return None


class BuildLock:
    """OUT's writer lock: an OS lock on ``OUT/.kg-build.lock``, released by the OS when the process dies.

    A second build fails at once, naming the process that holds the lock.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = out / LOCK_FILE
        self._fd: int | None = None

    def acquire(self) -> BuildLock:
        if fcntl is None:  # pragma: no cover - Windows
            return self
        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as error:
                raise StoreError(f"cannot lock {self.out} for writing: {error.strerror or error}") from error
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
                os.close(fd)
                raise KGError(f"another build is writing {self.out} (pid {holder}); wait for it to finish") from None
            try:
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except FileNotFoundError:
                same = False
            if same:  # not a lock file its holder removed meanwhile
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self._fd = fd
        return self

    def release(self, remove: bool = False) -> None:
        """Release the lock; ``remove`` deletes the lock file too (while still holding it, so no one locks the old file)."""
        if self._fd is None:
            return
        if remove:
            self.path.unlink(missing_ok=True)
        os.close(self._fd)
        self._fd = None


def _remove(path: Path) -> None:
    """Remove a folder of OUT kg made, or unlink a link (never following it)."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


# A reader holds a shared OS lock on its generation's marker while the store is open; a build removes
# a generation only when it gets the exclusive lock, else a later build does (an unlinked generation).


def _pin(folder: Path) -> int | None:
    """A shared lock on a generation's marker, or None (no marker: a store from before the marker)."""
    if fcntl is None:  # pragma: no cover - Windows
        return None
    try:
        fd = os.open(folder / MARKER, os.O_RDONLY)
    except OSError:
        return None
    fcntl.flock(fd, fcntl.LOCK_SH)
    return fd


def _remove_unless_read(generation: Path) -> None:
    """Remove a generation no reader has open (holding the exclusive lock meanwhile); leave it otherwise."""
    fd = None
    if fcntl is not None:
        try:
            fd = os.open(generation / MARKER, os.O_RDONLY)
        except OSError:
            fd = None
    try:
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return  # being read: the next build removes it
        _remove(generation)
    finally:
        if fd is not None:
            os.close(fd)


class _ReadStore(GraphStore):
    """A generation open read-only, pinned (:func:`_pin`) until closed."""

    def __init__(self, folder: Path, pin: int | None) -> None:
        super().__init__(folder, read_only=True)
        self._pin = pin

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self._pin is not None:
                os.close(self._pin)
                self._pin = None


def begin(out: Path) -> Path:
    """A staging copy of OUT's current store to write into (the caller holds OUT's lock).

    Clears what killed builds left (staging folders, generations no link
    points to): under the lock no other build can be using them.
    """
    current = current_store(out)
    for stale in out.glob(_STAGING + "*"):
        _remove(stale)
    for generation in out.glob(_GENERATION + "*"):
        if generation != current and _GENERATION_NAME.match(generation.name) and _is_kg_store(generation):
            _remove_unless_read(generation)
    staging = out / f"{_STAGING}{uuid.uuid4().hex}"
    if current is not None:
        # A generation was flushed whole before the switch: read-only, the copy leaves the files readers
        # have open as they are. A store from before generations may hold writes only its log has,
        # which only a writer's open (flushed before the copy) brings in.
        with GraphStore(current, read_only=current != store_path(out)) as store:
            store.backup(staging)
    else:
        staging.mkdir()
    (staging / MARKER).write_text("a kg graph store (kg build made it and may replace it)\n", encoding="utf-8")
    return staging


def commit(out: Path, staging: Path) -> None:
    """Make ``staging`` OUT's current store with one atomic rename, then remove the previous generation."""
    previous = current_store(out)  # checked again: nothing is deleted that is not kg's own
    current = store_path(out)
    generation = out / f"{_GENERATION}{uuid.uuid4().hex}"
    os.rename(staging, generation)
    if previous == current:  # a store from before generations: move it aside once
        previous = out / f"{_GENERATION}legacy-{uuid.uuid4().hex}"
        os.rename(current, previous)
    link = out / f"{_STAGING}link-{uuid.uuid4().hex}"
    os.symlink(generation.name, link)
    os.replace(link, current)  # the atomic switch
    if previous is not None and previous.parent == out and previous != generation:
        _remove_unless_read(previous)  # new readers follow the link


def discard(staging: Path | None) -> None:
    """Remove an unfinished build's staging copy."""
    if staging is not None:
        _remove(staging)


def open_read_only(out: Path | str) -> GraphStore:
    """OUT's current store, read-only: no writer's lock, nothing written, so readers run side by side and during a build.

    The generation the link names is pinned while open, so a build that
    switches meanwhile leaves it in place until the reader closes it.
    """
    link = store_path(out)
    for _ in range(5):
        if not link.is_dir():
            break
        folder = link.resolve()
        pin = _pin(folder)
        try:
            if link.resolve() == folder:  # not switched (and maybe removed) before the pin
                return _ReadStore(folder, pin)
        except StoreError:
            if link.resolve() == folder:
                if pin is not None:
                    os.close(pin)
                raise
        except BaseException:
            if pin is not None:
                os.close(pin)
            raise
        if pin is not None:
            os.close(pin)
    raise KGError(f"{out}: no kg graph here (expected {link}); build one with `kg build INPUT -o {out}`")
