"""The stanza adapter: the only module in kg that imports stanza.

It loads pipelines from ``STANZA_RESOURCES_DIR`` (stanza's own variable) and
never touches the network when the models are there: pipelines are built with
``download_method=None``. Missing models raise :class:`kg.errors.ModelError`
naming the language, the directory searched and the command that fetches them.

Documents are parsed paragraph by paragraph (a newline ends a paragraph in news
copy) and each paragraph in its own language, because Greek articles quote
English tweets; a paragraph that mixes languages sentence by sentence (a Greek
report quoting an English statement) is cut into runs of sentences in one
language (:func:`kg.lang.language_runs`), each parsed by its own language's
pipeline. Offsets in the returned records are document offsets.

Cost is bounded whatever the input. The parser's memory grows with the square
of a sentence's length, and text without punctuation comes out of the
tokenizer as one "sentence" of thousands of words: so the tokenizer runs
first, every sentence longer than :data:`MAX_SENTENCE_WORDS` words is cut into
pieces (:func:`cap_sentences`), and only then are the pieces tagged and
parsed. A paragraph longer than :data:`MAX_PASSAGE_CHARS` is cut at whitespace
before it is tokenized (:func:`cut_passage`), and passages go to stanza a
batch of :data:`BATCH_CHARS` at a time, so that only one batch's stanza
objects are alive at once.

Many short documents (news feeds: thousands of one-sentence items) are
parsed together (:meth:`StanzaParser.parse_many`): their passages share
batches, since on a one-sentence item stanza's cost per call outweighs the
parse itself; a batch that fails is parsed again one document at a time.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kg.batches import by_size
from kg.errors import LanguageWithoutModels, ModelError
from kg.lang import detect_language, language_runs, split_paragraphs
from kg.types import Diagnostic, Document, ParsedDoc, Sentence, Step, Word

PROCESSORS: tuple[str, ...] = ("tokenize", "mwt", "pos", "lemma", "depparse")
"""What the extractors need: UD words, lemmas, features and dependencies."""

PARSE_REVISION = 7
"""Bumped whenever what we feed stanza, or how we read its output, changes, so cached parses are redone.

2: Latin look-alikes made Greek; 3: languages decided per sentence in mixed paragraphs; 5: cue verbs
retagged before parsing; 6: the words of a multiword token that spell it get their own offsets;
7: sentences capped at MAX_SENTENCE_WORDS words, huge paragraphs cut before tokenizing.
"""

MAX_SENTENCE_WORDS = 200
"""No sentence longer than this (in words) reaches the tagger and parser: longer ones are cut into pieces.

The parser's memory and time grow with the square of a sentence's length (benchmarks/long_text.py
measures it); news sentences stay well under 100 words, so the cap only ever cuts text without
punctuation (lists, dumps, transcripts), where a sentence boundary is a guess anyway.
"""

MAX_PASSAGE_CHARS = 20_000
"""A paragraph longer than this (in characters) is cut at whitespace before it is tokenized."""

BATCH_CHARS = 50_000
"""How many characters of passages go to stanza in one call: bounds the stanza objects alive at once."""

Progress = Callable[[Step], None]
"""Told when a language's models load (stage ``loading``) and, as a document's batches are
parsed, how many of its characters are (stage ``parsing``, ``what``: the document's id)."""

_REQUIRED = frozenset({"tokenize", "pos", "lemma", "depparse"})  # mwt is optional per language


def resources_dir() -> Path:
    """Where stanza looks for models: ``$STANZA_RESOURCES_DIR`` or stanza's default."""
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env:
        return Path(env).expanduser()
    from stanza.resources.common import DEFAULT_MODEL_DIR

    return Path(DEFAULT_MODEL_DIR)


def _download_hint(lang: str) -> str:
    return f"run `kg models download {lang}` on a machine with internet, or set STANZA_RESOURCES_DIR to a folder holding them"


def installed_processors(lang: str, directory: Path | None = None) -> tuple[str, ...]:
    """The processors of :data:`PROCESSORS` whose model files exist for ``lang``.

    Reads stanza's ``resources.json`` and checks the files, so nothing is
    fetched and a half-copied folder is caught before stanza trips on it.
    """
    directory = directory or resources_dir()
    try:
        resources = json.loads((directory / "resources.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    entry = resources.get(lang)
    if not isinstance(entry, dict):
        return ()
    if "alias" in entry:  # stanza maps e.g. "nb" to "no"
        return installed_processors(entry["alias"], directory)
    defaults = entry.get("default_processors") or {}
    found = []
    for proc in PROCESSORS:
        package = defaults.get(proc)
        if isinstance(package, dict):  # some languages give {"package": …}
            package = package.get("package")
        if package and (directory / lang / proc / f"{package}.pt").is_file():
            found.append(proc)
    return tuple(found)


def has_models(lang: str, directory: Path | None = None) -> bool:
    """True when every processor kg needs is installed for ``lang``."""
    return _REQUIRED <= set(installed_processors(lang, directory))


def download_models(lang: str, directory: Path | None = None) -> Path:
    """Fetch stanza's official models for ``lang`` (needs a network); returns the folder."""
    import stanza

    directory = directory or resources_dir()
    try:
        stanza.download(lang, model_dir=str(directory), processors=",".join(PROCESSORS), logging_level="WARN")
    except Exception as exc:  # stanza raises many kinds; say what failed and where
        raise ModelError(f"could not download stanza models for '{lang}' into {directory}: {exc}") from exc
    return directory


@dataclass(frozen=True, slots=True)
class _Paragraph:
    """What one stanza document is made of: a paragraph, or a run of its sentences in one language."""

    start: int  # document offset of text[0]
    text: str
    index: int  # the paragraph it belongs to


@dataclass(frozen=True, slots=True)
class _Plan:
    """A document ready for stanza: its passages by language, and what was left out and why."""

    document: Document
    by_lang: dict[str, list[_Paragraph]]
    diagnostics: tuple[Diagnostic, ...]


class StanzaParser:
    """Parses documents into :class:`kg.types.ParsedDoc` with stanza, one pipeline per language.

    Pipelines load lazily on first use and are cached; loading one takes about
    a second and a half, parsing is the expensive part.
    """

    def __init__(
        self, directory: Path | str | None = None, device: str | None = None, threads: int | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.directory = Path(directory) if directory else resources_dir()
        self.device = None if device in (None, "auto") else device
        self.threads = threads  # torch threads per process: 1 when several worker processes share the cores
        self.progress = progress  # called after each batch of a document, so a long document shows it moves
        self._pipelines: dict[str, object] = {}
        self._lock = threading.Lock()

    @property
    def signature(self) -> str:
        """What a cached parse depends on: stanza's version and the models' checksums."""
        import stanza

        try:
            resources = (self.directory / "resources.json").read_text(encoding="utf-8")
        except OSError:
            resources = ""
        digest = hashlib.sha1(resources.encode("utf-8")).hexdigest()[:16]
        return f"stanza-{stanza.__version__}-{digest}-r{PARSE_REVISION}"

    def available(self, lang: str) -> bool:
        return has_models(lang, self.directory)

    @cached_property
    def _some_models(self) -> bool:
        """Whether models of any language are installed (looked up once: a feed of unsupported items asks often)."""
        return any(self.available(lang) for lang in _installed_languages(self.directory))

    def pipeline(self, lang: str):
        """The stanza pipeline for ``lang``; raises ModelError when its models are missing."""
        with self._lock:
            if lang in self._pipelines:
                return self._pipelines[lang]
            procs = installed_processors(lang, self.directory)
            missing = sorted(_REQUIRED - set(procs))
            if missing:
                where = self.directory if self.directory.exists() else f"{self.directory} (does not exist)"
                raise ModelError(
                    f"no stanza models for language '{lang}' ({', '.join(missing)} missing) in {where}: "
                    + _download_hint(lang)
                )
            import stanza

            if self.threads:
                import torch

                torch.set_num_threads(self.threads)
            if self.progress is not None:
                self.progress(Step("loading", 0, 1, "models", f"stanza {lang}"))
            try:
                nlp = stanza.Pipeline(
                    lang,
                    dir=str(self.directory),
                    processors=",".join(procs),
                    download_method=None,
                    logging_level="ERROR",
                    device=self.device,
                )
            except Exception as exc:
                raise ModelError(f"cannot load stanza models for '{lang}' from {self.directory}: {exc}") from exc
            self._pipelines[lang] = nlp
            if self.progress is not None:
                self.progress(Step("loading", 1, 1, "models", f"stanza {lang}"))
            return nlp

    def parse(self, document: Document) -> ParsedDoc:
        """Parse one document; passages in a language without models are skipped with a warning.

        Each language's passages (whole paragraphs, or runs of sentences where
        a paragraph mixes languages) go to its pipeline in one batch.
        """
        return self._parse_together([self._plan(document)])[0]

    def parse_many(self, documents: Sequence[Document]) -> list[ParsedDoc | Exception]:
        """Parse documents together, each result (or the error it raised) in its document's place.

        On one-sentence news items stanza's cost per call outweighs the parse,
        so the passages of all the documents go to each language's pipeline
        :data:`BATCH_CHARS` at a time. A batch that fails is not the end of its
        documents: each of them is parsed again alone, so a document that
        cannot be parsed costs only itself (the build reports its error
        against its file, kg.pipeline).
        """
        results: list[ParsedDoc | Exception | None] = [None] * len(documents)
        plans: list[tuple[int, _Plan]] = []
        for i, document in enumerate(documents):
            try:
                plans.append((i, self._plan(document)))
            except Exception as exc:  # a language without models, a bug: this document only
                results[i] = exc
        retry = plans
        if len(plans) > 1:
            parsed, failed = self._parse_together([plan for _, plan in plans], isolate=True)
            for (i, _), result in zip(plans, parsed):
                results[i] = result
            retry = [plans[k] for k in failed]
        for i, plan in retry:  # alone: an error now is this document's own
            try:
                results[i] = self._parse_together([plan])[0]
            except Exception as exc:
                results[i] = exc
        return results  # type: ignore[return-value]

    def _plan(self, document: Document) -> _Plan:
        """A document's passages by language, and warnings for those no installed model reads."""
        main_lang = document.lang or detect_language(document.text) or self._fallback_language()
        by_lang: dict[str, list[_Paragraph]] = {}
        for index, (start, end) in enumerate(split_paragraphs(document.text)):
            text = document.text[start:end]
            for r_start, r_end, lang in language_runs(text, default=main_lang):
                for c_start, c_end in cut_passage(text, r_start, r_end, MAX_PASSAGE_CHARS):
                    by_lang.setdefault(lang or main_lang, []).append(_Paragraph(start + c_start, text[c_start:c_end], index))
        if not self.available(main_lang):
            try:
                self.pipeline(main_lang)  # raises the clear ModelError
            except ModelError as exc:
                if self._some_models:
                    raise LanguageWithoutModels(str(exc)) from None  # other languages are installed: only this one is missing
                raise
        diagnostics: list[Diagnostic] = []
        for lang, paragraphs in list(by_lang.items()):
            if lang != main_lang and not self.available(lang):
                where = ", ".join(str(p.index + 1) for p in paragraphs)
                diagnostics.append(
                    Diagnostic(
                        path=document.path or document.id,
                        document=document.id,
                        level="warning",
                        problem=f"{len(paragraphs)} passage(s) in '{lang}' not analysed (paragraph {where}): "
                        f"no stanza models for '{lang}' in {self.directory}",
                    )
                )
                del by_lang[lang]
        return _Plan(document, by_lang, tuple(diagnostics))

    def _parse_together(self, plans: Sequence[_Plan], isolate: bool = False):
        """Parse planned documents in shared batches, one language at a time.

        Without ``isolate`` an error propagates; with it, the documents of a
        batch that failed are left out (None in the results) and their
        positions returned, to be parsed again alone.
        """
        sentences: list[list[Sentence]] = [[] for _ in plans]
        totals = [sum(len(p.text) for ps in plan.by_lang.values() for p in ps) for plan in plans]
        done = [0] * len(plans)
        failed: set[int] = set()
        langs = list(dict.fromkeys(lang for plan in plans for lang in plan.by_lang))
        for lang in langs:
            passages = [(k, p) for k, plan in enumerate(plans) for p in plan.by_lang.get(lang, ())]
            for batch in _batches(passages, BATCH_CHARS):
                owners = [k for k, _ in batch]
                if isolate and failed.issuperset(owners):
                    continue
                try:
                    docs = self._process(lang, [p.text for _, p in batch])
                    parsed = [(k, _sentence(sent, p, lang)) for (k, p), doc in zip(batch, docs) for sent in doc.sentences]
                except Exception:
                    if not isolate:
                        raise
                    failed.update(owners)
                    continue
                for k, sentence in parsed:
                    sentences[k].append(sentence)
                for k, p in batch:
                    done[k] += len(p.text)
                if self.progress is not None:
                    for k in dict.fromkeys(owners):
                        if k not in failed:
                            self.progress(Step("parsing", done[k], totals[k], "characters", plans[k].document.id))
        results: list[ParsedDoc | None] = []
        for k, plan in enumerate(plans):
            if k in failed:
                results.append(None)
                continue
            found = sorted(sentences[k], key=lambda s: s.start)
            text = plan.document.text
            numbered = tuple(
                Sentence(i, s.start, s.end, text[s.start : s.end], s.words, s.lang, s.paragraph) for i, s in enumerate(found)
            )
            results.append(ParsedDoc(plan.document, numbered, plan.diagnostics))
        return (results, sorted(failed)) if isolate else results

    def _fallback_language(self) -> str:
        """For a text too short to tell: the only installed language, else English."""
        installed = [lang for lang in _installed_languages(self.directory) if self.available(lang)]
        return installed[0] if len(installed) == 1 else "en"

    def _process(self, lang: str, texts: Sequence[str]) -> Iterable:
        import stanza

        nlp = self.pipeline(lang)
        docs = [stanza.Document([], text=unmix_scripts(t)) for t in texts]
        # tokenize first, cap the sentences' length, then tag and parse the pieces
        docs = nlp.bulk_process(docs, processors=[p for p in ("tokenize", "mwt") if p in nlp.processors])
        docs = [cap_sentences(doc, MAX_SENTENCE_WORDS) for doc in docs]
        forms = _verb_forms(lang)
        taggers = [p for p in nlp.processors if p not in ("tokenize", "mwt", "depparse")]
        if not forms or "depparse" not in nlp.processors:
            return nlp.bulk_process(docs, processors=taggers + [p for p in ("depparse",) if p in nlp.processors])
        # tag, correct the tags of cue verbs the tagger took for nouns, then parse on the corrected tags
        docs = nlp.bulk_process(docs, processors=taggers)
        for doc in docs:
            retag(doc, forms)
        return nlp.bulk_process(docs, processors="depparse")


def _batches(passages: Sequence[tuple[int, _Paragraph]], limit: int) -> Iterator[list[tuple[int, _Paragraph]]]:
    """Consecutive ``(document, passage)`` pairs, ``limit`` characters a batch (a longer passage alone): one stanza call each."""
    return by_size(passages, lambda item: len(item[1].text), limit)


_SPACE = re.compile(r"\s")
_SENTENCE_END = re.compile(r"[.!?;\u037e…»)\]\"'’”]\s")


def cut_passage(text: str, start: int, end: int, limit: int = MAX_PASSAGE_CHARS) -> list[tuple[int, int]]:
    """``text[start:end]`` as spans of at most ``limit`` characters, for the tokenizer.

    A span ends after the last sentence-ending mark followed by whitespace in
    its second half, else at its last whitespace, else (a run with no space
    at all) at ``limit`` itself; spans are trimmed of whitespace, so every
    ``text[s:e]`` is a passage of the original text and offsets hold.
    """
    spans: list[tuple[int, int]] = []
    while end - start > limit:
        window = text[start : start + limit + 1]
        cut = max((m.start() + 1 for m in _SENTENCE_END.finditer(window, limit // 2)), default=0)
        if not cut:
            cut = max((m.start() for m in _SPACE.finditer(window)), default=0)
        if cut <= 0:
            cut = limit
            while cut > 1 and unicodedata.combining(text[start + cut]):  # never part a letter from its accent
                cut -= 1
        spans.append((start, start + cut))
        start += cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        spans.append((start, end))
    return [(s, e - len(text[s:e]) + len(text[s:e].rstrip())) for s, e in spans if text[s:e].strip()]


# marks a long sentence is preferably cut after, when one lies in the second half of a piece
_CUT_AFTER = frozenset(",;:·\u037e—–-…")


def cap_sentences(doc, limit: int):
    """The tokenized stanza ``doc`` with every sentence of more than ``limit`` words cut into pieces.

    A sentence of n words becomes ⌈n / limit⌉ pieces of about equal length; a
    piece ends after the last comma-like mark in its second half, if any; a multiword token («στο» →
    «σε» + «το») is never cut. Tokens keep their character offsets, so the
    pieces' offsets are those of the text; the doc is returned as it is when
    no sentence is too long.
    """
    import stanza

    if all(len(sent.words) <= limit for sent in doc.sentences):
        return doc
    sentences = []
    for sent in doc.sentences:
        if len(sent.words) <= limit:
            sentences.append(sent.to_dict())
            continue
        tokens, left = sent.tokens, len(sent.words)
        i = 0
        while i < len(tokens):
            target = -(-left // -(-left // limit))  # what is left, in pieces of about equal length
            words, j, cut = 0, i, None
            while j < len(tokens) and (words + len(tokens[j].words) <= target or j == i):
                words += len(tokens[j].words)
                j += 1
                if tokens[j - 1].text in _CUT_AFTER and words > target // 2:
                    cut, cut_words = j, words
            if j < len(tokens) and cut is not None:
                j, words = cut, cut_words
            sentences.append(_renumbered(tokens[i:j]))
            i, left = j, left - words
    return stanza.Document(sentences, text=doc.text)


def _renumbered(tokens) -> list[dict]:
    """The CoNLL-U dicts of a run of tokens as a sentence of its own: word ids from 1 again."""
    shift = tokens[0].id[0] - 1
    entries = []
    for token in tokens:
        for entry in token.to_dict():
            entry = dict(entry)
            ident = entry["id"]
            entry["id"] = tuple(k - shift for k in ident) if isinstance(ident, tuple) else ident - shift
            entries.append(entry)
    return entries


def _verb_forms(lang: str) -> Mapping[str, tuple[str, str, str]]:
    from kg.errors import LexiconError
    from kg.lexicons import load

    try:
        return load(lang).verb_forms
    except LexiconError:
        return {}


def retag(doc, forms: Mapping[str, tuple[str, str, str]]) -> int:
    """Give the lexicon's tag to a cue verb's form the tagger took for a noun or a name, before parsing.

    Small taggers mistake frequent verb forms for nouns («says»/NNS in "Clinton says the plan …"), and
    the parser then builds the sentence around a noun. Only forms that are never nouns are listed
    (kg/lexicons, ``verb_forms``); a word tagged as a verb, adjective or anything else is left alone.
    Returns how many words were retagged.
    """
    changed = 0
    for sent in doc.sentences:
        for word in sent.words:
            found = forms.get((word.text or "").lower())
            if found is None or word.upos not in ("NOUN", "PROPN", "X"):
                continue
            word.lemma, word.xpos, word.feats = found
            word.upos = "VERB"
            word.feats = word.feats or None
            changed += 1
    return changed


def _installed_languages(directory: Path) -> list[str]:
    try:
        resources = json.loads((directory / "resources.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return sorted(k for k, v in resources.items() if isinstance(v, dict) and "alias" not in v and len(k) <= 3)


# Latin letters that look like Greek ones. Greek news copy often carries them
# inside Greek words («υπoυργός» with a Latin o, typed on the wrong keyboard);
# the tagger and lemmatizer then see an unknown word. They are swapped one for
# one, so every offset into the original text stays right.
_HOMOGLYPHS = str.maketrans(
    "ABEHIKMNOPTXYZaeiokptxyvu",
    "ΑΒΕΗΙΚΜΝΟΡΤΧΥΖαειοκρτχυνυ",
)


def _greek(ch: str) -> bool:
    return "\u0370" <= ch <= "\u03ff" or "\u1f00" <= ch <= "\u1fff"


def _compatible(ch: str) -> str:
    """A character's compatibility form when it is one character («µ» micro sign → «μ», full-width letters),
    so that offsets stay those of the original text; otherwise the character itself."""
    if ch.isascii():
        return ch
    norm = unicodedata.normalize("NFKC", ch)
    return norm if len(norm) == 1 else ch


def unmix_scripts(text: str) -> str:
    """Text for the parser: compatibility forms made plain («µ» → «μ»), and Latin look-alikes inside Greek
    words (and a lone Latin «o» between Greek words) made Greek. Character for character: offsets hold."""
    text = "".join(_compatible(c) for c in text)
    words = list(re.finditer(r"\w+", text))
    out = list(text)
    for i, m in enumerate(words):
        word = m.group()
        greek = any(_greek(c) for c in word)
        latin = any("a" <= c.lower() <= "z" for c in word)
        if not latin:
            continue
        lone_article = (
            word in ("o", "O")
            and 0 < i < len(words) - 1
            and any(_greek(c) for c in words[i - 1].group())
            and any(_greek(c) for c in words[i + 1].group() + (words[i + 2].group() if i + 2 < len(words) else ""))
        )
        if greek or lone_article:
            out[m.start() : m.end()] = word.translate(_HOMOGLYPHS)
    return "".join(out)


def _pieces(token: str, words: list[str]) -> list[tuple[int, int]] | None:
    """Where each word of a multiword token lies in it, when the words spell the token ("Germany’s" →
    "Germany" + "’s", "don't" → "do" + "n't"), so that a name's offsets leave its clitic out; None when
    they do not («στο» → «σε» + «το»), and every word keeps the whole token's offsets."""
    if len(words) < 2 or "".join(words) != token:
        return None
    out, at = [], 0
    for w in words:
        out.append((at, at + len(w)))
        at += len(w)
    return out


def _sentence(sent, paragraph: _Paragraph, lang: str) -> Sentence:
    """Convert a stanza sentence; offsets shift from paragraph (or run) to document."""
    base = paragraph.start
    words: list[Word] = []
    for token in sent.tokens:
        t_start, t_end = token.start_char + base, token.end_char + base
        pieces = _pieces(token.text, [w.text for w in token.words])
        for k, word in enumerate(token.words):
            if pieces is not None:
                w_start, w_end = t_start + pieces[k][0], t_start + pieces[k][1]
            elif len(token.words) == 1 and word.start_char is not None and word.end_char is not None:
                w_start, w_end = word.start_char + base, word.end_char + base
            else:
                w_start, w_end = t_start, t_end
            words.append(
                Word(  # the strings interned: a long document repeats a few thousand of them a million times
                    id=int(word.id),
                    text=sys.intern(word.text),
                    lemma=sys.intern(word.lemma or word.text),
                    upos=sys.intern(word.upos or "X"),
                    head=int(word.head or 0),
                    deprel=sys.intern(word.deprel or "dep"),
                    start=w_start,
                    end=w_end,
                    feats=sys.intern(word.feats or ""),
                    xpos=sys.intern(word.xpos or ""),
                )
            )
    start, end = words[0].start, words[-1].end
    return Sentence(0, start, end, paragraph.text[start - base : end - base], tuple(words), lang, paragraph.index)
