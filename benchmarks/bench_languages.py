"""Lexicon measures on the DraCor plays of each language: do they read real words?

    python benchmarks/bench_languages.py [--root DIR] [--per-corpus N] [--seed S]

For each corpus folder under ``../shared/data/plays`` (gerdracor, fredracor,
rusdracor, engdracor), reads N plays drawn with a fixed seed and prints: how
often the language detected from the text alone equals the one the play declares
(``xml:lang``), the measures unavailable, the most frequent tone words (lexicon
words in the speeches) and perception verbs found with a character as subject,
subject and object counts, and the CPU time of the lexicon measures per play.
Exits 0 with a message when the data folder is absent.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from pathlib import Path

import whosestory
from whosestory import language
from whosestory.lexicons import closed
from whosestory.measures import agency, arc, interiority

REPO = Path(__file__).resolve().parent.parent
DEFAULT_ROOT = REPO.parent / "shared" / "data" / "plays"
CORPORA = ("gerdracor", "fredracor", "rusdracor", "engdracor")


def _corpus(files: list[Path]) -> list[str]:
    detected = declared = 0
    unavailable: Counter[str] = Counter()
    tones: Counter[str] = Counter()
    verbs: Counter[str] = Counter()
    subject = objects = 0
    cpu = 0.0
    for path in files:
        story = whosestory.load(path)
        lang = language.story_language(story)
        declared += 1
        detected += language.detect(language.story_texts(story)) == lang
        unavailable.update(language.unavailable(lang))
        start = time.process_time()
        found = arc.units(story, lang)
        arc.arc_change(story, text_units=found)
        arc.vocabulary_drift(story, text_units=found)
        for name in found:
            for words in arc.tone_words(story, name, limit=50, text_units=found).values():
                tones.update(dict(words))
        hits = interiority.perception_hits(story, lang)
        counts = agency.subject_counts(story)
        cpu += time.process_time() - start
        perception = closed.PERCEPTION_VERBS.get(lang or "", frozenset())
        for hit in hits:
            words = (w.strip(".,;:!?()") for w in hit.quote.lower().split())
            verbs.update(w for w in words if w in perception)
        subject += sum(s for s, _ in counts.values())
        objects += sum(o for _, o in counts.values())
    return [
        f"  detected = declared: {detected}/{declared}",
        f"  unavailable: {dict(unavailable) or 'none'}",
        f"  tone words: {', '.join(f'{w} {n}' for w, n in tones.most_common(15))}",
        f"  perception verbs: {', '.join(f'{w} {n}' for w, n in verbs.most_common(10))}",
        f"  subject {subject}, object {objects}; lexicon measures {cpu / len(files):.3f} s a play",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--per-corpus", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(f"no plays under {args.root}; nothing to measure")
        return 0
    for corpus in CORPORA:
        files = sorted((args.root / corpus).glob("*.xml"))
        if not files:
            continue
        chosen = random.Random(args.seed).sample(files, min(args.per_corpus, len(files)))
        print(f"{corpus}: {len(chosen)} of {len(files)} plays")
        print("\n".join(_corpus(chosen)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
