"""Read articles from disk as :class:`~kg.types.Document` records.

Inputs
    ``.txt`` files, ``.html``/``.htm`` files (saved pages, reduced to their article),
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
    precomposed and a decomposed ``ά`` are the same string), control
    characters (NUL, C0 but tab and line breaks, DEL, C1) read as spaces,
    which keeps offsets, with a warning that says how many and where the
    first was (vertical tab and form feed become line breaks). Nothing else
    is changed; leading and
    trailing blank lines are kept. A text with no letter at all (only
    whitespace, digits, punctuation, symbols or emoji) is rejected: there is
    nothing in it to parse. An HTML page is reduced to its article
    (:func:`html_to_text`); a page with no article (only boilerplate) is
    still a document, with no text and a note saying so.

Metadata
    Language, publication date, publisher, URL and title, from a manifest, a
    JSON Lines record (each under its usual names, :data:`FIELD_NAMES`; a
    field kg does not read is reported once a file) or the page itself.

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
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from lxml.etree import ParserError, XPath
from lxml.html import HtmlElement, document_fromstring

from kg.errors import InputError
from kg.lang import contradicting_language, detect_language, normalize_language_code
from kg.types import Diagnostic, Document

__all__ = [
    "DEFAULT_MAX_CHARS",
    "FALLBACK_ENCODINGS",
    "FIELD_NAMES",
    "MANIFEST_NAME",
    "SUFFIXES",
    "Metadata",
    "decode_bytes",
    "html_to_text",
    "iter_documents",
    "load_manifest",
    "normalize_text",
    "read_documents",
    "replace_controls",
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
METADATA_FIELDS: tuple[str, ...] = ("language", "published", "publisher", "url", "title")
#: The names a manifest entry or a JSON Lines record may give each metadata
#: field under (case does not matter): the usual ones of news datasets and
#: scrapers. When a record gives one field under two names, the first listed wins.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "language": ("language", "lang", "inLanguage"),
    "published": ("published", "date", "datePublished", "published_at", "publication_date", "pubdate"),
    "publisher": ("publisher", "source", "outlet", "site_name", "sitename"),
    "url": ("url", "link", "canonical_url"),
    "title": ("title", "headline"),
}
_FIELD_OF: dict[str, tuple[str, int]] = {
    alias.lower(): (name, rank) for name, aliases in FIELD_NAMES.items() for rank, alias in enumerate(aliases)
}

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
# C0 controls that never occur in text (tab, LF, VT, FF, CR and ESC do). NUL
# is not one of them: a text with NULs (a bad copy, a zero-padded file, a
# database dump) is read with spaces for them (replace_controls); a binary format has
# other control bytes too, or a magic number.
_CONTROL_BYTES = bytes(b for b in range(1, 32) if b not in (9, 10, 11, 12, 13, 27))


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a manifest, a JSON Lines record or an HTML head says about a document."""

    lang: str | None = None
    published: date | None = None
    publisher: str | None = None
    url: str | None = None
    title: str | None = None

    def over(self, other: Metadata) -> Metadata:
        """These values, with ``other``'s filling the gaps."""
        return Metadata(
            self.lang if self.lang is not None else other.lang,
            self.published if self.published is not None else other.published,
            self.publisher if self.publisher is not None else other.publisher,
            self.url if self.url is not None else other.url,
            self.title if self.title is not None else other.title,
        )


# ---------------------------------------------------------------- decoding

# Control characters, which no text means: C0 but tab and line breaks, DEL and C1.
# Vertical tab and form feed (page breaks) become line breaks.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BREAKS = str.maketrans("\x0b\x0c", "\n\n")


def replace_controls(text: str) -> tuple[str, list[tuple[int, str]]]:
    """``text`` with a space for each control character, and ``(offset, character)`` of each replaced.

    NUL and its kind come from bad copies, database dumps, editors and
    mis-decoded quotes (a stray U+0083 in a news corpus); they would end up
    in the graph's literals and the parser's tokens. A space of the same
    length, rather than nothing, keeps every offset that of the text as read.
    """
    text = text.translate(_BREAKS)
    replaced = [(m.start(), m.group()) for m in _CONTROLS.finditer(text)]
    return (_CONTROLS.sub(" ", text), replaced) if replaced else (text, replaced)


def _controls_note(replaced: list[tuple[int, str]]) -> str:
    kinds = sorted({f"U+{ord(ch):04X}" for _, ch in replaced})
    shown = ", ".join(kinds[:5]) + (", …" if len(kinds) > 5 else "")
    return (
        f"{len(replaced):,} control character(s) read as spaces ({shown}; the first at character "
        f"{replaced[0][0]:,}); offsets are unchanged"
    )



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
        return None  # UTF-16/32 text has control bytes by design
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

# What a saved news page holds besides its article, removed before trafilatura
# sees the page: its own pruning misses consent dialogs on some templates, and
# when a page has no article at all its fallbacks take whatever text is left
# (a cookie banner's "the company says that it respects your privacy", the
# menu). Site-wide headers and footers only: an article's own <header> holds
# its headline and lead.
_BOILERPLATE_CLASS = " or ".join(
    f"contains(translate(concat(' ', @id, ' ', @class), 'ABCDEGIKNOPRST', 'abcdegiknoprst'), '{word}')"
    for word in ("cookie", "consent", "gdpr")
)
_PRUNE = XPath(
    "//nav | //aside | //footer | //dialog"
    " | //header[not(ancestor::article or ancestor::main)]"
    " | //*[@role='dialog' or @role='alertdialog' or @role='navigation' or @aria-modal='true']"
    f" | //*[{_BOILERPLATE_CLASS}]"
)
# trafilatura's output: containers of blocks, and the cells of a table row
_CONTAINERS = frozenset({"body", "div", "list", "table"})
_SPACE = re.compile(r"[ \t\r\f\v]+")


def _inline(element: HtmlElement) -> str:
    """The text of one extracted block; ``<lb/>`` and line breaks trafilatura kept end lines."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _inline(child))
        parts.append(child.tail or "")
    return "\n".join(_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))


def _blocks(element: HtmlElement) -> Iterator[str]:
    """Each paragraph (``<p>``, heading, quotation, list item, table row) of trafilatura's output."""
    if element.tag == "row":
        yield "\t".join(_inline(cell).replace("\n", " ") for cell in element)
    elif element.tag in _CONTAINERS or any(child.tag in _CONTAINERS for child in element):
        loose = [element.text or ""]  # text between blocks, as a paragraph of its own
        for child in element:
            if child.tag in _CONTAINERS or child.tag in ("p", "head", "quote", "code", "item", "row"):
                yield "".join(loose)
                yield from _blocks(child)
                loose = []
            else:
                loose.append(_inline(child))
            loose.append(child.tail or "")
        yield "".join(loose)
    else:
        yield _inline(element)


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """``(article text, metadata)`` of a saved news page.

    The article is what trafilatura (the field's usual extractor) finds once
    consent banners, navigation, sidebars ("see also", most read) and site
    footers are removed; comments are left out. Its paragraphs are blocks
    separated by a blank line, a ``<br>`` a line break inside one. The text
    is empty when the page holds no article (only boilerplate).

    The metadata maps ``language`` (``<html lang>``), ``title`` (JSON-LD
    ``headline``, OpenGraph, ``<title>``), ``published`` (JSON-LD
    ``datePublished``, ``article:published_time`` and the like, ``<time>``),
    ``url`` (canonical, ``og:url``) and ``publisher`` (JSON-LD publisher,
    ``og:site_name``) to the raw strings found; they are checked like
    manifest values.
    """
    # a quarter of a second to import: only when a page is read
    from trafilatura import bare_extraction
    from trafilatura.metadata import extract_metadata
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:  # a fragment ("<p>…</p>" alone), which trafilatura does not take for a page
        try:
            tree = document_fromstring(f"<html><body>{html}</body></html>")
        except (ValueError, ParserError):
            return "", {}
    tree = tree.getroottree().getroot()
    fields: dict[str, str] = {}
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    # the date as published, never guessed from the text (htmldate's extensive search)
    found = extract_metadata(tree, date_config={"original_date": True, "extensive_search": False})
    for name, value in (
        ("language", lang), ("title", found.title), ("published", found.date), ("url", found.url), ("publisher", found.sitename),
    ):
        if isinstance(value, str) and value.strip():
            fields[name] = value.strip()
    for element in _PRUNE(tree):
        if element.getparent() is not None:
            element.drop_tree()
    article = bare_extraction(tree, include_comments=False, with_metadata=False)
    if article is None or article.body is None:
        return "", fields
    text = "\n\n".join(block for block in (b.strip() for b in _blocks(article.body)) if block)
    return text, fields


# ---------------------------------------------------------------- metadata


def _parse_date(value: str) -> date:
    if not re.match(r"\d{4}-\d{2}-\d{2}(?:$|[T ])", value):
        raise ValueError
    if len(value) == 10:
        return date.fromisoformat(value)
    # A timestamp's date as written (its own time zone), not converted to UTC.
    return datetime.fromisoformat(value).date()


def _metadata_fields(raw: dict[str, object], skip: Iterable[str] = ()) -> tuple[dict[str, str], list[str]]:
    """``({field: the key of raw that gives it}, [keys ignored])``, by :data:`FIELD_NAMES`.

    A key no field has, and a second name of a field already given, are ignored.
    """
    chosen: dict[str, tuple[int, str]] = {}
    ignored: list[str] = []
    for key in raw:
        if key in skip:
            continue
        name, rank = _FIELD_OF.get(key.lower(), (None, 0))
        if name is None:
            ignored.append(key)
        elif name in chosen and chosen[name][0] <= rank:
            ignored.append(key)
        else:
            if name in chosen:
                ignored.append(chosen[name][1])
            chosen[name] = (rank, key)
    return {name: key for name, (_, key) in chosen.items()}, ignored


def _ignored_problem(key: str, raw: dict[str, object], fields: Iterable[str] = METADATA_FIELDS) -> str:
    """Why field ``key`` of ``raw`` (a record or manifest entry with ``fields``) is ignored."""
    name, _ = _FIELD_OF.get(key.lower(), (None, 0))
    if name is not None:
        return f"field {key!r} ignored: {name} is given by field {_metadata_fields(raw)[0][name]!r}"
    return f"unknown field {key!r} ignored (fields: {', '.join(fields)}, or their other names in data/README.md)"


def _check_metadata(raw: dict[str, object], where: str, doc: str | None) -> tuple[Metadata, list[Diagnostic]]:
    """Validate the metadata fields of ``raw`` (under any of their names); a bad field is dropped with a warning."""
    diagnostics: list[Diagnostic] = []
    values: dict[str, object] = {}
    keys, _ = _metadata_fields(raw)

    def bad(name: str, problem: str) -> None:
        diagnostics.append(Diagnostic(where, f"field '{keys[name]}': {problem}; left unset", doc, "warning"))

    for name in METADATA_FIELDS:
        value = raw.get(keys[name]) if name in keys else None
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
            values[name] = " ".join(value.split())  # a publisher or a title is one line
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
        for key in _metadata_fields(entry)[1]:
            diagnostics.append(Diagnostic(where, _ignored_problem(key, entry), doc_id, "warning"))
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
        yield from self._emit(doc_id, text, str(path), self._metadata_for(doc_id, path.parent).over(found), tag, kind == "html")

    def _duplicate(self, doc_id: str) -> str | None:
        first = self.ids.get(doc_id)
        return None if first is None else f"duplicate document id {doc_id!r}, first read from {first}; skipped"

    def _emit(
        self, doc_id: str, text: str, where: str, meta: Metadata, tag: str | None = None, page: bool = False
    ) -> Iterator[Document | Diagnostic]:
        """Normalise, check and yield one document (``tag``: an HTML page's ``lang``, used when no metadata says).

        A ``page`` (HTML) with no article text is still a document: the graph
        records it, with its title and address, and why nothing was analysed.
        """
        text = normalize_text(text)
        notes: list[str] = []
        text, replaced = replace_controls(text)
        if replaced:
            note = _controls_note(replaced)
            notes.append(note)
            yield Diagnostic(where, note, doc_id, "warning")
        if page and not text.strip():
            problem = self._duplicate(doc_id)
            if problem is not None:
                yield Diagnostic(where, problem, doc_id)
                return
            self.ids[doc_id] = where
            note = "no article text: the page holds only navigation, banners, links or other boilerplate; not analysed"
            yield Diagnostic(where, note, doc_id, "warning")
            yield Document(doc_id, "", meta.lang or tag, meta.published, meta.publisher, meta.url, where, meta.title, (*notes, note))
            return
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
        yield Document(doc_id, text, lang, meta.published, meta.publisher, meta.url, where, meta.title, tuple(notes))

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
            ignored: set[str] = set()  # fields already reported as ignored in this file
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
                yield from self._record(line, where, f"{stem}-{lineno}", path.parent, ignored)
            if not seen_any:
                yield Diagnostic(str(path), "empty file (no JSON Lines records)")

    def _record(
        self, line: bytes, where: str, fallback_id: str, folder: Path, ignored: set[str]
    ) -> Iterator[Document | Diagnostic]:
        """One JSON Lines record; a field it ignores is reported once a file (``ignored``), at its first line."""
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
        for key in _metadata_fields(record, skip=("id", "text"))[1]:
            if key not in ignored:
                ignored.add(key)
                problem = _ignored_problem(key, record, ("id", "text", *METADATA_FIELDS))
                yield Diagnostic(where, f"{problem}; not repeated for later lines", doc_id, "warning")
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
