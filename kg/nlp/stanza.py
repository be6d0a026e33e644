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
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ModelError
from kg.lang import detect_language, language_runs, split_paragraphs
from kg.types import Diagnostic, Document, ParsedDoc, Sentence, Word

PROCESSORS: tuple[str, ...] = ("tokenize", "mwt", "pos", "lemma", "depparse")
"""What the extractors need: UD words, lemmas, features and dependencies."""

PARSE_REVISION = 6
"""Bumped whenever what we feed stanza, or how we read its output, changes, so cached parses are redone.

2: Latin look-alikes made Greek; 3: languages decided per sentence in mixed paragraphs; 5: cue verbs
retagged before parsing; 6: the words of a multiword token that spell it get their own offsets.
"""

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


class StanzaParser:
    """Parses documents into :class:`kg.types.ParsedDoc` with stanza, one pipeline per language.

    Pipelines load lazily on first use and are cached; loading one takes about
    a second and a half, parsing is the expensive part.
    """

    def __init__(self, directory: Path | str | None = None, device: str | None = None, threads: int | None = None) -> None:
        self.directory = Path(directory) if directory else resources_dir()
        self.device = None if device in (None, "auto") else device
        self.threads = threads  # torch threads per process: 1 when several worker processes share the cores
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
            return nlp

    def parse(self, document: Document) -> ParsedDoc:
        """Parse one document; passages in a language without models are skipped with a warning.

        Each language's passages (whole paragraphs, or runs of sentences where
        a paragraph mixes languages) go to its pipeline in one batch.
        """
        main_lang = document.lang or detect_language(document.text) or self._fallback_language()
        by_lang: dict[str, list[_Paragraph]] = {}
        for index, (start, end) in enumerate(split_paragraphs(document.text)):
            text = document.text[start:end]
            for r_start, r_end, lang in language_runs(text, default=main_lang):
                by_lang.setdefault(lang or main_lang, []).append(_Paragraph(start + r_start, text[r_start:r_end], index))
        if not self.available(main_lang):
            self.pipeline(main_lang)  # raises the clear ModelError
        sentences: list[tuple[int, int, Sentence]] = []
        diagnostics: list[Diagnostic] = []
        for lang, paragraphs in by_lang.items():
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
                continue
            for paragraph, doc in zip(paragraphs, self._process(lang, [p.text for p in paragraphs])):
                for sent in doc.sentences:
                    sentences.append((paragraph.index, paragraph.start, _sentence(sent, paragraph, lang)))
        sentences.sort(key=lambda item: item[2].start)
        numbered = tuple(
            Sentence(i, s.start, s.end, document.text[s.start : s.end], s.words, s.lang, s.paragraph)
            for i, (_, _, s) in enumerate(sentences)
        )
        return ParsedDoc(document, numbered, tuple(diagnostics))

    def _fallback_language(self) -> str:
        """For a text too short to tell: the only installed language, else English."""
        installed = [lang for lang in _installed_languages(self.directory) if self.available(lang)]
        return installed[0] if len(installed) == 1 else "en"

    def _process(self, lang: str, texts: Sequence[str]) -> Iterable:
        import stanza

        nlp = self.pipeline(lang)
        docs = [stanza.Document([], text=unmix_scripts(t)) for t in texts]
        forms = _verb_forms(lang)
        if not forms or "depparse" not in nlp.processors:
            return nlp.bulk_process(docs)
        # tag, correct the tags of cue verbs the tagger took for nouns, then parse on the corrected tags
        docs = nlp.bulk_process(docs, processors=[p for p in nlp.processors if p != "depparse"])
        for doc in docs:
            retag(doc, forms)
        return nlp.bulk_process(docs, processors="depparse")


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
                Word(
                    id=int(word.id),
                    text=word.text,
                    lemma=word.lemma or word.text,
                    upos=word.upos or "X",
                    head=int(word.head or 0),
                    deprel=word.deprel or "dep",
                    start=w_start,
                    end=w_end,
                    feats=word.feats or "",
                    xpos=word.xpos or "",
                )
            )
    start, end = words[0].start, words[-1].end
    return Sentence(0, start, end, paragraph.text[start - base : end - base], tuple(words), lang, paragraph.index)
