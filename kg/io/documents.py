"""Read articles from disk as :class:`~kg.types.Document` records.

Inputs
    ``.txt`` files, ``.html``/``.htm`` files (reduced to their visible text),
    JSON Lines files of articles (``.jsonl``), and folders of these (walked
    recursively in sorted order; hidden files and folders are skipped). The
    formats and the ``metadata.json`` manifest are described for users in
    ``data/README.md``. Symbolic links in a folder are followed as long as
    they stay inside the folder named as input; one that leads out of it is
    skipped with a warning (naming its target as an input reads it).

Document ids
    A file's id is its name without extension. A JSON Lines record's id is
    its ``id`` field, or ``<file name without extension>-<line number>``
    when it has none. Ids must be usable as file names (parse caches are kept
    per id), so an id is rejected when it is empty, has a path separator or
    control character, or is ``.``/``..``. The same id twice is an error for
    the second input: documents are never silently merged.

Text
    Offsets elsewhere in kg refer to the text *as returned here*: line breaks
    normalised to ``\\n`` (CRLF and CR) and Unicode in NFC (so that a
    precomposed and a decomposed ``ά`` are the same string). Nothing else is
    changed; leading and trailing blank lines are kept. A text with no letter
    at all (only whitespace, digits, punctuation, symbols or emoji) is
    rejected: there is nothing in it to parse.

Language
    Declared by a manifest, a JSON Lines record or ``<html lang>``; a
    declaration the text plainly contradicts gives way to the text, with a
    warning (:func:`kg.lang.contradicting_language`; an HTML tag, often a
    template's default, is overruled by function words too).

Failures
    Nothing here raises for a bad input: each problem becomes a
    :class:`~kg.types.Diagnostic` and the next input is read. Level
    ``error`` means an input (a document, a line, a manifest) was not used;
    ``warning`` means it was used with something dropped or guessed (a bad
    metadata field, a guessed encoding).
"""

from __future__ import annotations

import codecs
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from kg.errors import InputError
from kg.lang import contradicting_language, detect_language, normalize_language_code
from kg.types import Diagnostic, Document

__all__ = [
    "DEFAULT_MAX_CHARS",
    "FALLBACK_ENCODINGS",
    "MANIFEST_NAME",
    "SUFFIXES",
    "Metadata",
    "decode_bytes",
    "html_to_text",
    "iter_documents",
    "load_manifest",
    "normalize_text",
    "read_documents",
]

#: Documents longer than this (in characters) are rejected: a news article is
#: a few thousand characters, so anything this long is a mistake (a dump, a
#: book) that would stall the parser.
DEFAULT_MAX_CHARS = 5_000_000
MANIFEST_NAME = "metadata.json"
SUFFIXES: dict[str, str] = {".txt": "text", ".jsonl": "jsonl", ".html": "html", ".htm": "html"}
#: Tried in order when a file is not UTF-8; the most plausible decoding wins,
#: ties going to the earlier. Greek first: the corpus this was built for is
#: Greek news, and Windows-1253 and ISO-8859-7 are the legacy Greek encodings.
#: Cyrillic code pages are left out on purpose: any Greek single-byte text
#: also decodes to well-formed Cyrillic, so they cannot be told apart.
FALLBACK_ENCODINGS: tuple[str, ...] = ("cp1253", "iso-8859-7", "cp1252", "latin-1")
METADATA_FIELDS: tuple[str, ...] = ("language", "published", "publisher", "url")

_CHUNK = 1 << 20
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"%PDF-", 0, "PDF"),
    (b"\x89PNG\r\n\x1a\n", 0, "PNG"),
    (b"\xff\xd8\xff", 0, "JPEG"),
    (b"GIF87a", 0, "GIF"),
    (b"GIF89a", 0, "GIF"),
    (b"RIFF", 0, "RIFF: WebP, WAV or AVI"),
    (b"II*\x00", 0, "TIFF"),
    (b"MM\x00*", 0, "TIFF"),
    (b"PK\x03\x04", 0, "ZIP; .docx, .xlsx, .odt and .epub are ZIP too"),
    (b"PK\x05\x06", 0, "ZIP"),
    (b"\x1f\x8b", 0, "gzip"),
    (b"BZh", 0, "bzip2"),
    (b"\xfd7zXZ\x00", 0, "xz"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip"),
    (b"Rar!\x1a\x07", 0, "RAR"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "OLE2: .doc, .xls or .ppt"),
    (b"\x7fELF", 0, "ELF executable"),
    (b"SQLite format 3\x00", 0, "SQLite"),
    (b"ID3", 0, "MP3"),
    (b"ftyp", 4, "MP4/QuickTime"),
)
# BOMs of the encodings we accept without guessing; UTF-32 before UTF-16,
# whose little-endian BOM is a prefix of UTF-32's.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls that never occur in text (tab, LF, VT, FF, CR and ESC do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a manifest, a JSON Lines record or an HTML head says about a document."""

    lang: str | None = None
    published: date | None = None
    publisher: str | None = None
    url: str | None = None

    def over(self, other: Metadata) -> Metadata:
        """These values, with ``other``'s filling the gaps."""
        return Metadata(
            self.lang if self.lang is not None else other.lang,
            self.published if self.published is not None else other.published,
            self.publisher if self.publisher is not None else other.publisher,
            self.url if self.url is not None else other.url,
        )


# ---------------------------------------------------------------- decoding


def normalize_text(text: str) -> str:
    """CRLF and CR → LF, then Unicode NFC: the text that offsets refer to."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _sniff_binary(head: bytes) -> str | None:
    """A name for the binary format ``head`` starts with, or None for text."""
    for magic, offset, name in _MAGIC:
        if head[offset : offset + len(magic)] == magic:
            if name.startswith("RIFF") or head[:4] != b"RIFF":
                return name
    if any(head.startswith(bom) for bom, enc in _BOMS if enc != "utf-8-sig"):
        return None  # UTF-16/32 text has NUL bytes by design
    if b"\x00" in head:
        return "contains NUL bytes"
    sample = head[:8192]
    if sample and sum(sample.count(bytes([b])) for b in _CONTROL_BYTES) > len(sample) // 100:
        return "contains control bytes"
    return None


_LETTERS = re.compile(r"[^\W\d_]+")
# Non-ASCII symbols a wrong code page produces next to letters ("¶λλα",
# "Ê×"); typographic quotes, dashes and the Greek tonos marks are normal there.
_GLUED = re.compile(
    r"(?<=[^\W\d_])[^\w\s\x00-\x7f«»“”‘’„‚‹›…·–—΄΅]"
    r"|[^\w\s\x00-\x7f«»“”‘’„‚‹›…·–—΄΅](?=[^\W\d_])"
)


def _letter_script(ch: str) -> str:
    cp = ord(ch)
    if cp < 0x0250:
        return "Latin"
    if 0x0370 <= cp <= 0x03FF or 0x1F00 <= cp <= 0x1FFF:
        return "Greek"
    return "Other"


def _implausibility(text: str) -> float:
    """Share of words that a wrong single-byte decoding typically produces.

    A wrong guess betrays itself by words that mix scripts ("cafι" is latin-1
    "café" read as Greek), Latin words made mostly of accented letters
    ("Êáæáêóôáí" is Greek read as latin-1: no Western language spells so),
    C1 control characters (Windows smart quotes read as ISO-8859-7) and odd
    symbols glued to letters.
    """
    words = bad = 0
    for word in _LETTERS.findall(text):
        words += 1
        scripts = {_letter_script(ch) for ch in word}
        if len(scripts) > 1:
            bad += 1
        elif scripts == {"Latin"} and len(word) >= 3:
            if 2 * sum(ord(ch) > 127 for ch in word) > len(word):
                bad += 1
    bad += sum(1 for ch in text if "\x80" <= ch <= "\x9f")
    bad += len(_GLUED.findall(text))
    return bad / max(words, 1)


#: Above this share of implausible words no single-byte guess is trusted.
MAX_IMPLAUSIBILITY = 0.2


def _guess_single_byte(data: bytes, path: object) -> tuple[str, str]:
    best: tuple[float, int, str, str] | None = None
    for rank, encoding in enumerate(FALLBACK_ENCODINGS):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _implausibility(text)
        if best is None or (score, rank) < best[:2]:
            best = (score, rank, encoding, text)
    if best is None or best[0] > MAX_IMPLAUSIBILITY:
        raise InputError(
            path,
            "not valid UTF-8, and no fallback encoding ("
            + ", ".join(FALLBACK_ENCODINGS)
            + ") gives plausible text; save the file as UTF-8",
        )
    return best[3], best[2]


def decode_bytes(data: bytes, path: object = "<bytes>", declared: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` for the bytes of a text file, before normalisation.

    A BOM decides; else a ``declared`` encoding (an HTML ``charset``) when
    the bytes fit it; else UTF-8; else the most plausible of
    :data:`FALLBACK_ENCODINGS`. Raises :class:`~kg.errors.InputError` for
    binary data or when no decoding is plausible.
    """
    kind = _sniff_binary(data[:8192])
    if kind is not None:
        raise InputError(path, f"binary file ({kind}), not text")
    if b"\x00" in data and not any(data.startswith(bom) for bom, enc in _BOMS if enc != "utf-8-sig"):
        raise InputError(path, "binary file (contains NUL bytes), not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(path, f"starts with a {encoding} BOM but is not {encoding}: {exc.reason}") from exc
    candidates = ["utf-8"]
    if declared:
        candidates.insert(0, declared)
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    return _guess_single_byte(data, path)


def _read_text_file(path: Path, max_chars: int, html: bool) -> tuple[str, str | None]:
    """``(text, note)`` of a file, reading no more of a too-long file than needed.

    ``note`` says which encoding was guessed, when one had to be.

    UTF-8 is decoded incrementally and reading stops once ``max_chars`` is
    passed; the single-byte fallbacks have one byte a character, so the file
    size alone rejects them. Memory stays near the size of an acceptable
    document whatever the size of the file.
    """
    too_long = f"longer than max_chars={max_chars:,} characters; not read"
    try:
        size = path.stat().st_size
        if size == 0:
            raise InputError(path, "empty file")
        if size > 4 * max_chars:  # no encoding we accept takes more than 4 bytes a character
            raise InputError(path, f"{size:,} bytes, {too_long}")
        with path.open("rb") as stream:
            head = stream.read(_CHUNK)
            kind = _sniff_binary(head)
            if kind is not None:
                raise InputError(path, f"binary file ({kind}), not text")
            declared = _declared_charset(head) if html else None
            multibyte_bom = any(head.startswith(bom) for bom, enc in _BOMS if enc != "utf-8-sig")
            if not multibyte_bom and declared in (None, "utf-8"):
                text = _stream_utf8(stream, head, max_chars, path)
                if text is not None:
                    return text, None
                declared = None
                if size > max_chars:
                    raise InputError(path, f"not UTF-8 and {size:,} bytes, {too_long}")
            stream.seek(0)
            data = stream.read()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from exc
    text, encoding = decode_bytes(data, path, declared)
    if len(text) > max_chars:
        raise InputError(path, too_long)
    if encoding in FALLBACK_ENCODINGS and encoding != declared:
        return text, f"not UTF-8; decoded as {encoding}, the most plausible of {', '.join(FALLBACK_ENCODINGS)}"
    return text, None


def _stream_utf8(stream: BinaryIO, head: bytes, max_chars: int, path: Path) -> str | None:
    """The file as UTF-8 (BOM dropped), or None when it is not UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    parts: list[str] = []
    count = 0
    chunk = head
    try:
        while True:
            final = len(chunk) < _CHUNK
            if b"\x00" in chunk:
                raise InputError(path, "binary file (contains NUL bytes), not text")
            part = decoder.decode(chunk, final=final)
            parts.append(part)
            count += len(part)
            if count > max_chars:
                raise InputError(path, f"longer than max_chars={max_chars:,} characters; not read")
            if final:
                return "".join(parts)
            chunk = stream.read(_CHUNK)
    except UnicodeDecodeError:
        return None


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _declared_charset(head: bytes) -> str | None:
    """The ``<meta charset>`` of an HTML file, when it names a known codec."""
    match = _CHARSET.search(head[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


# -------------------------------------------------------------------- HTML

_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe", "object"})
_BLOCK = frozenset(
    """address article aside blockquote body caption dd details div dl dt figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section
    summary table td th tr ul""".split()
)
_DATE_META = frozenset(
    {"article:published_time", "date", "pubdate", "publishdate", "dc.date", "dc.date.issued", "datepublished"}
)


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page, one block element per paragraph.

    Whitespace inside a block collapses as a browser renders it; ``<br>``
    ends a line; ``<head>``, scripts and styles are dropped. Head metadata
    that names the article's language, date, address or outlet is kept.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.pre = 0
        self.head = False
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.fields.setdefault("language", a["lang"])
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            content = a.get("content", "").strip()
            if content:
                if key in _DATE_META:
                    self.fields.setdefault("published", content)
                elif key == "og:url":
                    self.fields.setdefault("url", content)
                elif key == "og:site_name":
                    self.fields.setdefault("publisher", content)
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.fields["url"] = a["href"].strip()
        if tag == "head":
            self.head = True
        elif tag == "body":
            self.head = False  # a missing </head> is implied, as browsers do
        if tag in _SKIP:
            self.skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n\n")
            self.pre += tag == "pre"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIP:
            self.skip -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.head = False
        elif tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if not self.skip and not self.head:
            self.parts.append(data if self.pre else re.sub(r"[ \t\n\r\f\v]+", " ", data))

    def text(self) -> str:
        text = re.sub(r"[ \t]*\n[ \t]*", "\n", "".join(self.parts))
        return re.sub(r"\n{3,}", "\n\n", text).strip("\n ")


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """``(visible text, head metadata)`` of an HTML page.

    The metadata maps ``language``/``published``/``url``/``publisher`` to
    the raw strings found in ``<html lang>``, ``<meta>`` and
    ``<link rel=canonical>``; they are checked like manifest values.
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return parser.text(), parser.fields


# ---------------------------------------------------------------- metadata


def _parse_date(value: str) -> date:
    if not re.match(r"\d{4}-\d{2}-\d{2}(?:$|[T ])", value):
        raise ValueError
    if len(value) == 10:
        return date.fromisoformat(value)
    # A timestamp's date as written (its own time zone), not converted to UTC.
    return datetime.fromisoformat(value).date()


def _check_metadata(raw: dict[str, object], where: str, doc: str | None) -> tuple[Metadata, list[Diagnostic]]:
    """Validate the metadata fields of ``raw``; a bad field is dropped with a warning."""
    diagnostics: list[Diagnostic] = []
    values: dict[str, object] = {}

    def bad(name: str, problem: str) -> None:
        diagnostics.append(Diagnostic(where, f"field '{name}': {problem}; left unset", doc, "warning"))

    for name in METADATA_FIELDS:
        value = raw.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            bad(name, f"expected a string or null, got {type(value).__name__} {json.dumps(value)[:40]}")
            continue
        if name == "language":
            code = normalize_language_code(value)
            if code is None:
                bad(name, f"{value!r} is not an ISO 639-1 language code (such as 'el', 'en')")
            else:
                values["lang"] = code
        elif name == "published":
            try:
                values["published"] = _parse_date(value.strip())
            except ValueError:
                bad(name, f"{value!r} is not a date (expected YYYY-MM-DD or an ISO 8601 timestamp)")
        elif name == "url":
            parts = urlsplit(value.strip())
            if parts.scheme not in ("http", "https") or not parts.netloc:
                bad(name, f"{value!r} is not an absolute http(s) URL")
            else:
                values["url"] = value.strip()
        elif value.strip():
            values["publisher"] = value.strip()
    return Metadata(**values), diagnostics  # type: ignore[arg-type]


def _document_id(raw: str) -> str:
    """A document id as the graph uses it (kg.rdf.mint mints IRIs from NFC): ids that differ
    only in Unicode normalisation (a Greek file name in NFD from macOS) are one id, so a
    duplicate is found, never silently merged."""
    return unicodedata.normalize("NFC", raw)


def _id_problem(doc_id: str) -> str | None:
    """Why ``doc_id`` cannot be a document id, or None when it can."""
    if not doc_id.strip():
        return "empty document id"
    if doc_id != doc_id.strip():
        return f"document id {doc_id!r} has surrounding whitespace"
    if doc_id in (".", "..") or any(sep in doc_id for sep in "/\\"):
        return f"document id {doc_id!r} is not a file name (it has a path separator or is . or ..)"
    if any(unicodedata.category(ch) == "Cc" for ch in doc_id):
        return f"document id {doc_id!r} has control characters"
    return None


def load_manifest(path: str | Path) -> tuple[dict[str, Metadata], list[Diagnostic]]:
    """The entries of a ``metadata.json`` manifest, and what was wrong with it.

    Format: ``{"documents": {"<id>": {"language": "el", "published":
    "2022-01-07", "publisher": null, "url": null}}}``; other top-level keys
    (``"about"``) are ignored. Keys are document ids, never paths, so an
    entry cannot reach a file outside the manifest's folder; a key that
    looks like a path is reported and ignored. A bad field is reported and
    left unset; an unreadable manifest gives an error and no entries.
    """
    where = str(path)
    try:
        raw = json.loads(Path(path).read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        return {}, [Diagnostic(where, f"cannot read manifest: {exc.strerror or exc}")]
    except UnicodeDecodeError as exc:
        return {}, [Diagnostic(where, f"manifest is not UTF-8 ({exc.reason} at byte {exc.start})")]
    except json.JSONDecodeError as exc:
        return {}, [Diagnostic(where, f"manifest is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")]
    documents = raw.get("documents") if isinstance(raw, dict) else None
    if not isinstance(documents, dict):
        return {}, [Diagnostic(where, 'manifest must be an object with a "documents" object mapping ids to metadata')]
    entries: dict[str, Metadata] = {}
    diagnostics: list[Diagnostic] = []
    for doc_id, entry in documents.items():
        doc_id = _document_id(doc_id)
        problem = _id_problem(doc_id)
        if problem is not None:
            diagnostics.append(Diagnostic(where, f"entry ignored: {problem}", doc_id, "warning"))
            continue
        if not isinstance(entry, dict):
            diagnostics.append(
                Diagnostic(where, f"entry ignored: expected an object, got {type(entry).__name__}", doc_id, "warning")
            )
            continue
        for key in entry.keys() - set(METADATA_FIELDS):
            diagnostics.append(
                Diagnostic(
                    where,
                    f"unknown field {key!r} ignored (fields: {', '.join(METADATA_FIELDS)})",
                    doc_id,
                    "warning",
                )
            )
        entries[doc_id], problems = _check_metadata(entry, where, doc_id)
        diagnostics.extend(problems)
    return entries, diagnostics


# ----------------------------------------------------------------- reading


class _Reader:
    """The state of one :func:`iter_documents` run: ids seen, manifests loaded."""

    def __init__(self, metadata: str | Path | None, max_chars: int, detect: bool) -> None:
        self.max_chars = max_chars
        self.detect = detect
        self.explicit = Path(metadata) if metadata is not None else None
        self.manifests: dict[Path, dict[str, Metadata]] = {}
        self.ids: dict[str, str] = {}
        self.files: set[Path] = set()
        self.dirs: set[Path] = set()

    def run(self, paths: Iterable[str | Path]) -> Iterator[Document | Diagnostic]:
        if self.explicit is not None:
            yield from self._manifest(self.explicit)
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                yield from self._folder(path, Path(os.path.realpath(path)))
            elif path.is_file():
                yield from self._file(path, named=True)
            elif path.exists():
                yield Diagnostic(str(path), "not a regular file or folder")
            else:
                yield Diagnostic(str(path), "no such file or folder")

    def _manifest(self, path: Path) -> Iterator[Diagnostic]:
        """Load a manifest once, yielding its diagnostics the first time."""
        key = path.resolve()
        if key not in self.manifests:
            self.manifests[key], diagnostics = load_manifest(path)
            yield from diagnostics

    def _metadata_for(self, doc_id: str, folder: Path) -> Metadata:
        """Explicit manifest over the folder's manifest (only for files of that very folder)."""
        manifest = (folder / MANIFEST_NAME).resolve()
        found = self.manifests.get(manifest, {}).get(doc_id, Metadata())
        if self.explicit is not None:
            found = self.manifests.get(self.explicit.resolve(), {}).get(doc_id, Metadata()).over(found)
        return found

    def _folder(self, folder: Path, root: Path) -> Iterator[Document | Diagnostic]:
        """The files of ``folder``, under the input folder ``root`` (resolved)."""
        resolved = folder.resolve()
        if resolved in self.dirs:
            return  # a symlink loop, or a folder named twice
        self.dirs.add(resolved)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield Diagnostic(str(folder), f"cannot list folder: {exc.strerror or exc}")
            return
        found = False
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if entry.is_symlink() and (entry.is_dir() or (entry.is_file() and path.suffix.lower() in SUFFIXES)):
                target = Path(os.path.realpath(path))
                if not target.is_relative_to(root):
                    # a link can reach anything (another corpus, a home folder): only what was named is read
                    yield Diagnostic(str(path), f"symbolic link to {target}, outside the input folder {root}; skipped (name it as an input to read it)", level="warning")
                    continue
            if entry.is_dir():
                yield from self._folder(path, root)
                found = True
            elif entry.is_file() and path.suffix.lower() in SUFFIXES:
                yield from self._file(path, named=False)
                found = True
        if not found:
            yield Diagnostic(str(folder), f"no {', '.join(SUFFIXES)} files in folder", level="warning")

    def _file(self, path: Path, named: bool) -> Iterator[Document | Diagnostic]:
        kind = SUFFIXES.get(path.suffix.lower())
        if kind is None:
            yield Diagnostic(
                str(path),
                f"unsupported file type {path.suffix or '(no extension)'!r} (expected {', '.join(SUFFIXES)})",
            )
            return
        resolved = path.resolve()
        if resolved in self.files:
            yield Diagnostic(str(path), "file given more than once; read once", level="warning")
            return
        self.files.add(resolved)
        manifest = path.parent / MANIFEST_NAME
        if manifest.is_file():
            yield from self._manifest(manifest)
        if kind == "jsonl":
            yield from self._jsonl(path)
            return
        doc_id = _document_id(path.name[: -len(path.suffix)])
        problem = _id_problem(doc_id) or self._duplicate(doc_id)
        if problem is not None:
            yield Diagnostic(str(path), problem, doc_id)
            return
        try:
            text, note = _read_text_file(path, self.max_chars, html=kind == "html")
        except InputError as exc:
            yield Diagnostic(exc.path, exc.problem, doc_id)
            return
        if note is not None:
            yield Diagnostic(str(path), note, doc_id, "warning")
        found, tag = Metadata(), None
        if kind == "html":
            text, fields = html_to_text(text)
            found, problems = _check_metadata(dict(fields), str(path), doc_id)
            yield from problems
            # <html lang> is a template's default as often as the article's language: a hint only
            tag, found = found.lang, replace(found, lang=None)
        yield from self._emit(doc_id, text, str(path), self._metadata_for(doc_id, path.parent).over(found), tag)

    def _duplicate(self, doc_id: str) -> str | None:
        first = self.ids.get(doc_id)
        return None if first is None else f"duplicate document id {doc_id!r}, first read from {first}; skipped"

    def _emit(
        self, doc_id: str, text: str, where: str, meta: Metadata, tag: str | None = None
    ) -> Iterator[Document | Diagnostic]:
        """Normalise, check and yield one document (``tag``: an HTML page's ``lang``, used when no metadata says)."""
        text = normalize_text(text)
        if not text.strip():
            yield Diagnostic(where, "empty document (only whitespace)" if text else "empty document", doc_id)
            return
        if not _LETTERS.search(text):
            # Nothing a parser could read; passing it on would only earn a
            # misleading "no models for <fallback language>" from the parser.
            yield Diagnostic(where, "no words to analyse (no letters: only digits, punctuation, symbols or emoji)", doc_id)
            return
        if len(text) > self.max_chars:
            yield Diagnostic(where, f"longer than max_chars={self.max_chars:,} characters", doc_id)
            return
        problem = self._duplicate(doc_id)
        if problem is not None:
            yield Diagnostic(where, problem, doc_id)
            return
        self.ids[doc_id] = where
        lang = meta.lang if meta.lang is not None else tag
        if lang is not None:
            found = contradicting_language(lang, text, within_script=meta.lang is None)
            if found is not None:
                source = "field 'language'" if meta.lang is not None else "<html lang>"
                yield Diagnostic(where, f"{source} says {lang!r}, but the text is written in {found!r}; read as {found!r}", doc_id, "warning")
                lang = found
        if lang is None and self.detect:
            lang = detect_language(text)
        yield Document(doc_id, text, lang, meta.published, meta.publisher, meta.url, where)

    def _jsonl(self, path: Path) -> Iterator[Document | Diagnostic]:
        """One document per line; a bad line is reported and the rest go on."""
        stem = _document_id(path.name[: -len(path.suffix)])
        # JSON escapes cost up to 6 bytes a character ("\u03b1"), plus the other fields.
        limit = 6 * self.max_chars + 65536
        try:
            stream = path.open("rb")
        except OSError as exc:
            yield Diagnostic(str(path), f"cannot read: {exc.strerror or exc}")
            return
        with stream:
            head = stream.read(8192)
            kind = _sniff_binary(head)
            if kind is not None:
                yield Diagnostic(str(path), f"binary file ({kind}), not JSON Lines")
                return
            stream.seek(0)
            seen_any = False
            for lineno, line in _lines(stream, limit):
                where = f"{path}:{lineno}"
                if line is None:
                    yield Diagnostic(where, f"line longer than max_chars={self.max_chars:,} allows; skipped")
                    continue
                if lineno == 1:
                    line = line.removeprefix(codecs.BOM_UTF8)
                if not line.strip():
                    continue
                seen_any = True
                yield from self._record(line, where, f"{stem}-{lineno}", path.parent)
            if not seen_any:
                yield Diagnostic(str(path), "empty file (no JSON Lines records)")

    def _record(self, line: bytes, where: str, fallback_id: str, folder: Path) -> Iterator[Document | Diagnostic]:
        try:
            # without its line break, so an unterminated string is reported as one
            record = json.loads(line.rstrip(b"\r\n").decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield Diagnostic(where, f"not UTF-8 ({exc.reason} at byte {exc.start}); JSON Lines must be UTF-8")
            return
        except json.JSONDecodeError as exc:
            yield Diagnostic(where, f"invalid JSON ({exc.msg}, column {exc.colno})")
            return
        if not isinstance(record, dict):
            yield Diagnostic(where, f"expected a JSON object, got {type(record).__name__}")
            return
        raw_id = record.get("id")
        if raw_id is None:
            doc_id = fallback_id
        elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
            doc_id = str(raw_id)
        elif isinstance(raw_id, str):
            doc_id = _document_id(raw_id)
        else:
            yield Diagnostic(where, f"field 'id': expected a string or integer, got {type(raw_id).__name__}")
            return
        problem = _id_problem(doc_id)
        if problem is not None:
            yield Diagnostic(where, problem)
            return
        text = record.get("text")
        if not isinstance(text, str):
            got = "missing" if text is None else f"a {type(text).__name__}"
            yield Diagnostic(where, f"field 'text' must be a string, is {got}", doc_id)
            return
        found, problems = _check_metadata(record, where, doc_id)
        yield from problems
        yield from self._emit(doc_id, text, where, self._metadata_for(doc_id, folder).over(found))


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, line)``; None for a line over ``limit`` bytes (which is skipped, not kept)."""
    lineno = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(_CHUNK)
            yield lineno, None
            continue
        yield lineno, line


def iter_documents(
    paths: Iterable[str | Path] | str | Path,
    *,
    metadata: str | Path | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    detect: bool = False,
) -> Iterator[Document | Diagnostic]:
    """Stream the documents of files and folders, with a diagnostic for each problem.

    One document is held at a time, so a corpus of any size can be read.
    Metadata comes, field by field, from (first wins) the ``metadata``
    manifest, the ``metadata.json`` of the file's own folder, then the
    JSON Lines record or HTML head. With ``detect``, a document whose
    language no metadata gives gets :func:`kg.lang.detect_language`'s guess
    (else ``lang`` stays None: "detect later").
    """
    if isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1:
        raise ValueError(f"max_chars must be a positive integer, got {max_chars!r}")
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return _Reader(metadata, max_chars, detect).run(paths)


def read_documents(
    paths: Iterable[str | Path] | str | Path,
    *,
    metadata: str | Path | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    detect: bool = False,
) -> tuple[list[Document], list[Diagnostic]]:
    """All documents and all diagnostics of :func:`iter_documents`, for small inputs."""
    documents: list[Document] = []
    diagnostics: list[Diagnostic] = []
    for item in iter_documents(paths, metadata=metadata, max_chars=max_chars, detect=detect):
        (documents if isinstance(item, Document) else diagnostics).append(item)
    return documents, diagnostics
