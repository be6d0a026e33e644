"""Language identification, per document, paragraph and sentence: enough to pick a parser.

News copy mixes languages at paragraph level (Greek articles quote English
tweets) and inside paragraphs (a Greek report quoting an English statement),
so detection is meant to run per paragraph (:func:`split_paragraphs`), and per
sentence within one (:func:`language_runs`), as well as per document.

Two kinds of evidence, in order:

1. **Script.** Most scripts name their language outright for our purposes
   (Greek letters → ``el``, Hangul → ``ko``): that shortcut is exact and free.
2. **lingua** (``lingua-language-detector``, offline n-gram models) for the
   Latin and Cyrillic scripts, restricted to :data:`LINGUA_LANGUAGES`. It names
   an English headline or a German sentence without a single function word,
   which the function-word profiles kg used before could not (on 130 labelled
   short news texts, tests/fixtures/langid.tsv: 57.7 % right before, 97.7 %
   now; benchmarks/langid.py).

Function words (:data:`STOPWORDS`, a word shared by *k* profiles counting
``1/k`` towards each) remain the evidence a sentence needs to *leave* the
language of its context for another Latin-script one (:data:`MIN_SWITCH_SCORE`):
a false switch costs more than a missed one.

URLs, e-mail addresses, ``#hashtags``, ``@handles`` and anything with a digit
are removed before scoring: they are language-neutral (``#Kazakhstan``) or
misleading (``pic.twitter.com``).
"""

from __future__ import annotations

import re
import threading
from collections import Counter

__all__ = [
    "ISO_639_1",
    "STOPWORDS",
    "contradicting_language",
    "detect_language",
    "language_runs",
    "normalize_language_code",
    "paragraph_languages",
    "sentence_language",
    "split_paragraphs",
    "split_sentences",
]

#: Every ISO 639-1 code (the two-letter codes of the ISO 639 registration
#: authority, https://www.loc.gov/standards/iso639-2/php/code_list.php),
#: deprecated ones (``iw``, ``in``, ``ji``, ``sh``) excluded.
ISO_639_1: frozenset[str] = frozenset(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co
    cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd
    gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv
    ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg
    mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os
    pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss
    st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo
    wa wo xh yi yo za zh zu
    """.split()
)

#: High-frequency closed-class words per language, picked by hand from the
#: top of frequency lists for news text (cf. the Snowball stopword lists,
#: https://snowballstem.org/algorithms/). Kept short on purpose: the lists
#: only need to *separate* the languages, not to be complete.
STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": """the of and to in is that it was for on are as with his her
            they at be this have from or by not but what all were when we
            there can an which their said if will would has been who its had
            he she you them than after about into more could also these other
            like our my your do does did no so up out just""",
        "de": """der die das und ist nicht ein eine einen einem einer zu den
            dem des mit sich auf für von im es auch als an wie wir ich er sie
            dass war hat haben wird werden bei nach aus noch nur oder aber
            vor über zum zur um sind so kein keine durch wurde sein seine am
            diese dieser heute""",
        "fr": """le la les de des du un une et est que qui en dans pour pas
            au aux sur ne se ce cette il elle ils elles nous vous je avec son
            sa ses par plus mais ont été être sont leur leurs comme ou où aussi
            l d qu y a ces selon après""",
        "es": """el la los las de del y que en un una es por con para no se
            su sus al lo como más pero este esta ha han fue son está ya muy
            también entre cuando sin sobre hasta desde porque le les nos según
            hay""",
        "it": """il lo la gli le di del della dei delle che e è un una uno in
            per con non si da al alla nel nella sono ha hanno anche come ma più
            questo questa stato essere dal sul tra fra dopo loro ci ne se l
            dell all nell sull""",
        "pt": """o a os as de do da dos das e que em no na nos nas um uma para
            com não por se mais ao aos foi são é está como mas também seu sua
            pelo pela ele ela eles já entre quando muito há segundo""",
        "nl": """de het een en van in is dat op te zijn met voor niet die aan
            er ook als bij door maar om dan nog wordt werd naar uit over tot
            hij zij ze wij we ik je deze dit heeft hebben was kan geen of""",
    }.items()
}

# Accented letters and the profiled languages whose orthography uses them
# often; like function words, a letter shared by k languages counts 1/k (and
# at most once per word, so one long word does not decide).
_LATIN_HINTS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys("äöüß", ("de",)),
    "ñ": ("es",),
    **dict.fromkeys("ãõ", ("pt",)),
    **dict.fromkeys("œëïÿ", ("fr",)),
    **dict.fromkeys("ìò", ("it",)),
    "ç": ("fr", "pt"),
    "è": ("fr", "it"),
    "ù": ("fr", "it"),
    "â": ("fr", "pt"),
    "î": ("fr",),
    "û": ("fr",),
    "à": ("fr", "it", "pt"),
    "ê": ("fr", "pt"),
    "ô": ("fr", "pt"),
    **dict.fromkeys("áíóú", ("es", "pt")),
    "é": ("fr", "es", "pt", "it"),
}

# Script of a code point → language, for scripts that (for news) name one.
# Ranges from the Unicode blocks (https://www.unicode.org/charts/).
_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "Greek"),
    (0x1F00, 0x1FFF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0750, 0x077F, "Arabic"),
    (0xFB50, 0xFDFF, "Arabic"),
    (0xFE70, 0xFEFF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0980, 0x09FF, "Bengali"),
    (0x0B80, 0x0BFF, "Tamil"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x10A0, 0x10FF, "Georgian"),
    (0x1100, 0x11FF, "Hangul"),
    (0x3130, 0x318F, "Hangul"),
    (0xAC00, 0xD7AF, "Hangul"),
    (0x3040, 0x30FF, "Kana"),
    (0x3400, 0x4DBF, "Han"),
    (0x4E00, 0x9FFF, "Han"),
)
_SCRIPT_LANG: dict[str, str] = {
    "Greek": "el",
    "Cyrillic": "ru",
    "Armenian": "hy",
    "Hebrew": "he",
    "Arabic": "ar",
    "Devanagari": "hi",
    "Bengali": "bn",
    "Tamil": "ta",
    "Thai": "th",
    "Georgian": "ka",
    "Hangul": "ko",
    "Kana": "ja",
    "Han": "zh",
}
# Letters that tell languages sharing a script apart.
_CYRILLIC_HINTS: dict[str, str] = {
    **dict.fromkeys("іїєґ", "uk"),
    **dict.fromkeys("ђјљњћџ", "sr"),
    **dict.fromkeys("ѓќѕ", "mk"),
    "ў": "be",
}
_PERSIAN_HINTS = frozenset("پچژگ")

_NOISE = re.compile(
    r"""
      (?:https?://|www\.)\S+          # URLs
    | \S+@\S+\.\S+                    # e-mail addresses
    | \S*\w\.\w+/\S*                  # bare links: pic.twitter.com/L5Kf…
    | [#@]\w+                         # hashtags and handles
    """,
    re.VERBOSE,
)
_WORD = re.compile(r"[^\W\d_]+")  # runs of letters; digits split and drop out

#: Below this many letters a text is too short to say anything.
MIN_LETTERS = 8
#: Latin words all capitalised are names unless this many of them (acronyms aside) make a headline in title case.
MIN_HEADLINE_WORDS = 4
#: The function-word evidence a sentence needs to leave a Latin-script context for another Latin-script language.
MIN_SWITCH_SCORE = 3.0


def _script(ch: str) -> str:
    cp = ord(ch)
    if cp < 0x0250 or 0x1E00 <= cp <= 0x1EFF:
        return "Latin"
    for lo, hi, name in _SCRIPTS:
        if lo <= cp <= hi:
            return name
    return "Other"


def _latin_scores(words: list[str]) -> Counter[str]:
    scores: Counter[str] = Counter()
    for word in words:
        langs = [lang for lang, stop in STOPWORDS.items() if word in stop]
        for lang in langs:
            scores[lang] += 1.0 / len(langs)
        for ch in set(word):
            hinted = _LATIN_HINTS.get(ch, ())
            for lang in hinted:
                scores[lang] += 1.0 / len(hinted)
    return scores


#: The languages lingua chooses among: those kg has lexicons for (el, en), the common European ones and
#: Greece's neighbours. Fewer candidates cost less memory and time and confuse short text less; a language
#: left out is never named (benchmarks/langid.py measures accuracy, speed and memory of this choice).
LINGUA_LANGUAGES: tuple[str, ...] = (
    "el", "en", "de", "fr", "es", "it", "pt", "nl", "tr", "sq", "pl", "ro", "ru", "uk", "bg", "sr", "mk",
)
#: lingua's high-accuracy mode (n-grams of one to five letters) instead of its low-accuracy one
#: (trigrams): two errors fewer in 130 short news texts, for 9 times the memory (400 MB against 45 MB)
#: and 20 s instead of 1 s to load on a busy machine (benchmarks/langid.py). Low accuracy is plenty to
#: pick a parser.
HIGH_ACCURACY = False

_DETECTOR: list = []
_DETECTOR_LOCK = threading.Lock()


def _detector():
    """lingua's detector over :data:`LINGUA_LANGUAGES` (built once; a language's model loads on first use)."""
    with _DETECTOR_LOCK:
        if not _DETECTOR:
            from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

            langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in LINGUA_LANGUAGES]
            builder = LanguageDetectorBuilder.from_languages(*langs)
            _DETECTOR.append((builder if HIGH_ACCURACY else builder.with_low_accuracy_mode()).build())
        return _DETECTOR[0]


def _lingua_language(words: list[str]) -> str | None:
    """What lingua names the running text of ``words`` (in one script), or None."""
    found = _detector().detect_language_of(" ".join(words))
    return None if found is None else found.iso_code_639_1.name.lower()


def _script_language(script: str, letters: str) -> str | None:
    lang = _SCRIPT_LANG.get(script)
    if script == "Cyrillic":
        hints = Counter(_CYRILLIC_HINTS[ch] for ch in letters if ch in _CYRILLIC_HINTS)
        if hints:
            hinted, count = hints.most_common(1)[0]
            # "ы" and "э" are Russian (and Belarusian), never Ukrainian.
            if count >= 2 and not (hinted == "uk" and any(ch in "ыэ" for ch in letters)):
                lang = hinted
    elif script == "Arabic" and any(ch in _PERSIAN_HINTS for ch in letters):
        lang = "fa"
    return lang


def detect_language(text: str, default: str | None = None) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or ``default`` when unsure.

    Quotations aside (the frame decides, when it has letters enough), the
    script with the most letters decides: outright for the scripts that name
    one language here (Greek → ``el``), through lingua for Latin and Cyrillic,
    given only that script's words. A majority of Latin letters that carries
    no running text (names, acronyms: every word capitalised) gives way to
    another script with enough letters («Η CSTO (Collective Security Treaty
    Organisation) έστειλε …» is Greek), and alone it says nothing unless it
    has :data:`MIN_HEADLINE_WORDS` words ("Russia Today" is a name,
    "Storm Leaves Thousands Without Power" a headline).
    """
    cleaned = _NOISE.sub(" ", text)
    frame = _QUOTED.sub(" ", cleaned)
    words = _WORD.findall(frame)
    if sum(len(w) for w in words) < MIN_LETTERS:
        words = _WORD.findall(cleaned)
    by_script: dict[str, list[str]] = {}
    for word in words:
        for ch in word.casefold():
            by_script.setdefault(_script(ch), []).append(ch)
    if "Kana" in by_script and "Han" in by_script:
        # Japanese writes with kanji and kana together: one script for counting.
        by_script["Kana"] += by_script.pop("Han")
    ranked = [
        script
        for count, script in sorted(((len(chars), name) for name, chars in by_script.items() if name != "Other"), reverse=True)
        if count >= MIN_LETTERS
    ]
    for script in ranked:
        if script in ("Latin", "Cyrillic"):
            own = [w for w in words if _script(w[0]) == script]
            if script == "Latin" and all(w[0].isupper() for w in own) and (
                len(ranked) > 1 or sum(not w.isupper() for w in own) < MIN_HEADLINE_WORDS
            ):
                continue  # names: in a text of another script, or alone
            lang = _lingua_language(own) or _script_language(script, "".join(by_script[script]))
        else:
            lang = _script_language(script, "".join(by_script[script]))
        if lang is not None:
            return lang
    return default


def contradicting_language(declared: str, text: str, *, within_script: bool = False) -> str | None:
    """The language ``text`` is plainly written in when it is not ``declared``, else None.

    Metadata is wrong more often than letters are: a CMS template tags every
    page ``lang="en-US"``, a scraper copies one field for a whole site. A
    text whose letters are mostly of another script than the declared
    language's (Greek letters tagged ``en``) is not in that language. Within
    one script a declaration is kept unless ``within_script``: then a
    Latin-script language gives way to another one the function words name
    with :data:`MIN_SWITCH_SCORE` evidence (a weak tag such as an HTML page's).
    """
    found = detect_language(text)
    if found is None or found == declared:
        return None
    scripts = {_script_of(found), _script_of(declared)}
    if len(scripts) > 1 and scripts != {"Han", "Kana"}:  # Japanese writes Han too
        return found
    if not within_script or scripts != {"Latin"}:
        return None
    words = [w.casefold() for w in _WORD.findall(_NOISE.sub(" ", text))]
    return found if _latin_scores(words)[found] >= MIN_SWITCH_SCORE else None


_LINE = re.compile(r"[^\n\r\u2028\u2029]+")


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the non-blank lines of ``text``.

    In news copy a line break ends a paragraph, so each line is one; the span
    excludes surrounding whitespace, so ``text[start:end]`` is the paragraph.
    """
    spans: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def paragraph_languages(text: str, default: str | None = None) -> list[tuple[int, int, str | None]]:
    """``(start, end, lang)`` per paragraph; ``default`` where one is too short to tell."""
    return [(s, e, detect_language(text[s:e], default)) for s, e in split_paragraphs(text)]


# A sentence ends at . ! ? … or a Greek question mark (";" in Greek copy, or
# U+037E), after any closing quotes and brackets, when whitespace and then a
# capital (after any opening quotes) follow. Conservative on purpose: a missed
# boundary only keeps two sentences in one language run, a false one could give
# half a sentence to another parser (see language_runs).
_BOUNDARY = re.compile(r"[.!?…;\u037e]+[\"'»”’)\]]*(\s+)[\"'«“‘(\[]*(?=[^\W\d_])")
# Before a full stop: words that are abbreviations, not sentence ends.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr drs prof st jr sr gen col lt capt cmdr sgt rep sen gov pres rev
    inc ltd co corp bros dept univ no nos vs etc approx est fig ave blvd jan feb mar apr
    jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    κ κα κκ δρ καθ αρ σελ κλπ κτλ βλ""".split()
)


def _ends_sentence(text: str, stop: int) -> bool:
    """True when the punctuation at ``text[stop]`` closes a sentence, not an abbreviation or initial."""
    if text[stop] == ";":  # the Greek question mark as Greek copy types it; a semicolon elsewhere
        return stop > 0 and _script(text[stop - 1]) == "Greek"
    if text[stop] != ".":
        return True
    start = stop
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    token = text[start:stop].lstrip("\"'«“‘([")
    if "/" in token:  # a link (pic.twitter.com/…) ends its sentence: its dots are not abbreviations
        return True
    letters = [c for c in token if c.isalpha()]
    # initials (J. Smith, κ. Μητσοτάκης), dotted abbreviations (U.S., π.χ.), known abbreviations
    return len(letters) > 1 and "." not in token and token.casefold() not in _ABBREVIATIONS


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the sentences of a paragraph, stripped, covering all its non-space text.

    A regular expression, not a parser, so it costs next to nothing on the
    paragraphs that turn out to be in one language (nearly all of them).
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if not text[match.end()].isupper() or not _ends_sentence(text, _stop(text, match.start(), match.start(1))):
            continue
        spans.append((start, match.start(1)))
        start = match.end(1)
    spans.append((start, len(text)))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e - len(text[s:e]) + len(text[s:e].rstrip())) for s, e in spans if text[s:e].strip()]


def _stop(text: str, start: int, end: int) -> int:
    """The position of the last sentence-final mark in ``text[start:end]``."""
    return max(i for i in range(start, end) if text[i] in ".!?…;\u037e")


def _script_of(lang: str) -> str:
    """The script a language is written in, as far as kg tells scripts apart."""
    for script, code in _SCRIPT_LANG.items():
        if code == lang:
            return script
    return {"uk": "Cyrillic", "sr": "Cyrillic", "mk": "Cyrillic", "be": "Cyrillic", "fa": "Arabic"}.get(lang, "Latin")


def _carries(words: list[str], lang: str) -> bool:
    """True when ``words`` hold running text of ``lang``, not just names written in its script.

    Names are capitalised, running text is not: one lower-case word in the
    script of a non-Latin language counts (a Greek sentence quoting English
    still has its Greek verb). A Latin-script language needs one of its
    function words (or two it shares), even when another profile scores
    higher: a short English sentence can look Portuguese ("as", "a") by the
    scores alone.
    """
    script = _script_of(lang)
    if script != "Latin":
        return any(_script(w[0]) == script and not w[0].isupper() for w in words)
    if lang in STOPWORDS:
        return _latin_scores([w.casefold() for w in words])[lang] >= 1.0
    return sum(1 for w in words if _script(w[0]) == "Latin" and not w[0].isupper()) >= 2


# Quotations: a sentence's language is its frame's (the words around them).
# Single quotes are left out: they double as apostrophes (don't, γι’ αυτό).
_QUOTED = re.compile(r"«[^«»]*»|“[^“”]*”|\"[^\"]*\"")


def sentence_language(text: str, context: str | None = None) -> str | None:
    """The language of one sentence of a text in ``context``; None when the sentence shows no evidence.

    The frame decides, not the quotation: «Ο πρωθυπουργός έγραψε: "We will …"»
    is Greek and 'He said «δεν θα …» and left' is English; the quotation
    decides only when the frame says nothing (a sentence that is all quote).
    A sentence leaves ``context`` only when it names another language
    (:func:`detect_language`) and carries no running text of the context's, so
    a Latin-script name does not move a Greek sentence («Ο Tokayev είπε ότι …»,
    «Το Reuters μετέδωσε ότι …»), nor does an English quote whose cue is Greek.
    """
    frame = _QUOTED.sub(" ", text)
    part = frame
    found = detect_language(frame)
    if found is None and frame != text:
        part, found = text, detect_language(text)
    if found is None or context is None or found == context:
        return found
    words = _WORD.findall(_NOISE.sub(" ", part))
    if _script_of(found) == _script_of(context) == "Latin":
        # one Latin-script language for another takes more: a false switch drops an
        # English sentence when the other language has no models, a missed one only
        # parses a French sentence with the English pipeline, as a paragraph-level guess did
        if _latin_scores([w.casefold() for w in words])[found] < MIN_SWITCH_SCORE:
            return context
    return context if _carries(words, context) else found


def language_runs(text: str, default: str | None = None) -> list[tuple[int, int, str | None]]:
    """``(start, end, lang)`` runs of consecutive sentences of a paragraph in one language.

    ``default`` is the document's language, the context each sentence is
    judged in (:func:`sentence_language`). A sentence with no evidence (a link,
    hashtags, a figure) joins the run before it (or after it, when it comes
    first), so it never starts a run of its own. A paragraph in one language
    is one run spanning all of it; when none of its sentences shows evidence
    alone, the paragraph as a whole decides (:func:`detect_language`).
    """
    spans = split_sentences(text)
    if not spans:
        return []
    context = default if default is not None else detect_language(text)
    langs = [sentence_language(text[s:e], context) for s, e in spans]
    known = [lang for lang in langs if lang is not None]
    if len(set(known)) <= 1:
        return [(spans[0][0], spans[-1][1], known[0] if known else detect_language(text, default))]
    runs: list[list] = []
    for (start, end), lang in zip(spans, langs):
        if lang is None or (runs and runs[-1][2] == lang):
            if runs:
                runs[-1][1] = end
            continue
        runs.append([spans[0][0] if not runs else start, end, lang])  # the first run takes in leading sentences with no evidence
    return [(s, e, lang) for s, e, lang in runs]


def normalize_language_code(code: str) -> str | None:
    """``code`` as a lower-case ISO 639-1 code, or None when it is not one.

    BCP 47 tags are reduced to their primary subtag (``el-GR`` → ``el``),
    since parsers are chosen per language, not per region.
    """
    primary = re.split(r"[-_]", code.strip(), maxsplit=1)[0].lower()
    return primary if primary in ISO_639_1 else None
