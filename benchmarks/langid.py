"""Language identification: accuracy, speed and memory of kg.lang against its old rules and lingua alone.

The labelled set is tests/fixtures/langid.tsv: short news texts (headlines, one
sentence, and "mixed" ones: names or a quotation in another language or script)
in Greek, English and 14 other languages, written for the purpose. Each way of
detecting runs in a fresh process, so its memory is its own:

- ``rules@REV``: kg/lang.py as it was at git revision ``--baseline`` (script,
  then function words for Latin script), loaded from git;
- ``kg``: :func:`kg.lang.detect_language` now (script shortcuts, lingua in
  low-accuracy mode for Latin and Cyrillic over ``LINGUA_LANGUAGES``);
- ``kg, high accuracy``: the same with ``kg.lang.HIGH_ACCURACY``;
- ``lingua …``: lingua alone on the whole text, over kg's languages or all 75
  it knows, in either mode.

Load is the first call (lingua loads a language's models when it first needs
them); per text is the mean over a second pass; memory is the process's peak
RSS above what it was before the first call. "Long" texts are each language's
lines of the set joined into one text.

    python benchmarks/langid.py [--baseline da977cf] [--skip-all]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from scaling import heading  # noqa: E402

VARIANTS = ("rules", "kg", "kg-high", "lingua-low", "lingua-high", "lingua-all-low", "lingua-all-high")
LABELS = {
    "rules": "kg's rules before (script + function words)",
    "kg": "**kg now** (script shortcuts + lingua, low accuracy, kg's languages)",
    "kg-high": "kg now with HIGH_ACCURACY",
    "lingua-low": "lingua alone, kg's languages, low accuracy",
    "lingua-high": "lingua alone, kg's languages, high accuracy",
    "lingua-all-low": "lingua alone, all 75 languages, low accuracy",
    "lingua-all-high": "lingua alone, all 75 languages, high accuracy",
}


def labelled() -> list[tuple[str, str, str]]:
    """``(language, kind, text)`` per line of the labelled set, read as its tests read it."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_langid import labelled_set

    return labelled_set()


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def detector(variant: str, baseline: str):
    """The function ``text → code or None`` of a variant."""
    if variant == "rules":
        source = subprocess.run(["git", "show", f"{baseline}:kg/lang.py"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        module = types.ModuleType("kg_lang_before")
        exec(compile(source, f"{baseline}:kg/lang.py", "exec"), module.__dict__)
        return module.detect_language
    import kg.lang

    if variant.startswith("kg"):
        kg.lang.HIGH_ACCURACY = variant == "kg-high"
        return kg.lang.detect_language
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    if "-all-" in variant:
        builder = LanguageDetectorBuilder.from_all_languages()
    else:
        langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in kg.lang.LINGUA_LANGUAGES]
        builder = LanguageDetectorBuilder.from_languages(*langs)
    found = (builder.with_low_accuracy_mode() if variant.endswith("low") else builder).build()

    def detect(text: str) -> str | None:
        lang = found.detect_language_of(text)
        return None if lang is None else lang.iso_code_639_1.name.lower()

    return detect


def run_variant(variant: str, baseline: str) -> dict:
    rows = labelled()
    rss0 = _rss_mb()
    detect = detector(variant, baseline)
    t0 = time.perf_counter()
    detect("The minister said the talks would go on next week.")
    detect("Министр заявил, что переговоры продолжатся.")
    load = time.perf_counter() - t0
    got = [detect(text) for _, _, text in rows]  # loads whatever else the set needs
    t0 = time.perf_counter()
    got = [detect(text) for _, _, text in rows]
    per_text = (time.perf_counter() - t0) / len(rows)
    kinds: dict[str, list[int]] = {}
    for (lang, kind, _), found in zip(rows, got):
        for key in (kind, "all"):
            kinds.setdefault(key, [0, 0])
            kinds[key][0] += found == lang
            kinds[key][1] += 1
    long: dict[str, list[str]] = {}
    for lang, _, text in rows:
        long.setdefault(lang, []).append(text)
    t0 = time.perf_counter()
    long_right = sum(detect(" ".join(texts)) == lang for lang, texts in long.items())
    long_time = (time.perf_counter() - t0) / len(long)
    return {
        "kinds": kinds, "load": load, "per_text_ms": 1000 * per_text, "rss_mb": _rss_mb() - rss0,
        "long": [long_right, len(long)], "long_chars": sum(len(" ".join(t)) for t in long.values()) / len(long),
        "long_ms": 1000 * long_time,
        "wrong": [(lang, found, text) for (lang, _, text), found in zip(rows, got) if found != lang],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline", default="da977cf", help="git revision of kg/lang.py's rules before lingua")
    ap.add_argument("--skip-all", action="store_true", help="leave out lingua with all 75 languages (slow to load)")
    ap.add_argument("--variant", choices=VARIANTS, help=argparse.SUPPRESS)  # one variant, in this process
    args = ap.parse_args(argv)
    if args.variant:
        print(json.dumps(run_variant(args.variant, args.baseline)))
        return 0
    results = {}
    for variant in VARIANTS:
        if args.skip_all and "-all-" in variant:
            continue
        done = subprocess.run([sys.executable, __file__, "--variant", variant, "--baseline", args.baseline],
                              capture_output=True, text=True, env=os.environ)
        if done.returncode:
            print(done.stderr, file=sys.stderr)
            return 1
        results[variant] = json.loads(done.stdout)
        print(f"  {variant}: {results[variant]['kinds']['all']}", file=sys.stderr, flush=True)

    rows = labelled()
    print(f"{heading('langid.py', argv)} · load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print(f"{len(rows)} labelled texts ({', '.join(f'{k}: {v}' for k, v in sorted(_counts(rows).items()))}); "
          f"long: {_langs(rows)} texts of {results['kg']['long_chars']:,.0f} characters on average.\n")
    print("| way | right | headline | sentence | mixed | long | load (first call) | per short text | per long text | memory |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for variant, r in results.items():
        k = r["kinds"]
        cells = [f"{k[x][0]}/{k[x][1]}" for x in ("headline", "sentence", "mixed")]
        label = LABELS[variant].replace("before", f"before ({args.baseline})")
        print(f"| {label} | **{100 * k['all'][0] / k['all'][1]:.1f} %** | " + " | ".join(cells)
              + f" | {r['long'][0]}/{r['long'][1]} | {r['load']:.2f} s | {r['per_text_ms']:.2f} ms | {r['long_ms']:.2f} ms | {r['rss_mb']:,.0f} MB |")
    print()
    for variant in ("kg", "rules"):
        if variant in results:
            wrong = results[variant]["wrong"]
            print(f"{LABELS[variant]}: {len(wrong)} wrong" + (": " + "; ".join(f"{t!r} ({lang} → {found})" for lang, found, t in wrong[:12]) if wrong else "")
                  + (" …" if len(wrong) > 12 else ""))
    return 0


def _counts(rows) -> dict[str, int]:
    out: dict[str, int] = {}
    for _, kind, _ in rows:
        out[kind] = out.get(kind, 0) + 1
    return out


def _langs(rows) -> int:
    return len({lang for lang, _, _ in rows})


if __name__ == "__main__":
    raise SystemExit(main())
