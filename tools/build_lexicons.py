"""Build whosestory/lexicons/sentiment-{de,fr,ru}.tsv from the packages that publish them.

Run once by hand when a source changes, never at run time::

    pip download --no-deps -d /tmp/lex textblob-de==0.4.3 textblob-fr==0.2.0 asent==0.8.3
    python tools/build_lexicons.py /tmp/lex

Sources (docs/languages.md gives licences and sizes):

- de: German Polarity Lexicon (Clematide and Klenner 2010), as textblob-de ships it
  (``textblob_de/data/de-sentiment.xml``), polarity -1..1;
- fr: the French adjective lexicon of Pattern (De Smedt and Daelemans), as textblob-fr
  ships it (``textblob_fr/fr-sentiment.xml``), polarity -1..1;
- ru: Chen and Skiena (2014), "Building Sentiment Lexicons for All Major Languages",
  as asent ships it (``asent/lexicons/ru_lexicon_chen_skiena_2014_v1.txt``), -1 or +1.

Each word's value is the mean polarity of its entries (an XML lexicon lists a word once
per part of speech), lower-cased (Russian ё read as е). Words that are stop words of
the language (the ``stop-words`` package) are left out: the automatically built
Russian list scores "как" and "так" +1, and no function word carries a tone of its own.
`TONE_STOP_WORDS` are kept all the same: stop-word lists hold a few words with a tone of
their own ("bon", "хорошо"). Entries of the Russian list in another script (it holds
English words) are left out. Values are then scaled so that the lexicon's mean absolute
value equals VADER's (`VADER_MEAN_ABS`, measured on vaderSentiment 3.3.2's lexicon),
and clipped to VADER's range, +-4, so that a compound score means about as much in
each language.
"""

from __future__ import annotations

import sys
import zipfile
from collections import defaultdict
from pathlib import Path
from xml.etree import ElementTree

from stop_words import get_stop_words

VADER_MEAN_ABS = 1.5432
"""Mean absolute valence of vaderSentiment 3.3.2's lexicon (7,506 entries)."""

TONE_STOP_WORDS = {
    "de": set(),
    "fr": {"bon", "juste", "touchant"},
    "ru": {"хорошо", "лучше", "прекрасно", "важный"},
}
"""Stop words of the `stop-words` lists that carry a tone: kept (chosen by hand)."""
CYRILLIC = set("абвгдежзийклмнопрстуфхцчшщъыьэюя-")

OUT = Path(__file__).resolve().parent.parent / "whosestory" / "lexicons"

SOURCES = {
    "de": ("textblob_de-0.4.3-py2.py3-none-any.whl", "textblob_de/data/de-sentiment.xml"),
    "fr": ("textblob_fr-0.2.0-py2.py3-none-any.whl", "textblob_fr/fr-sentiment.xml"),
    "ru": ("asent-0.8.3-py2.py3-none-any.whl", "asent/lexicons/ru_lexicon_chen_skiena_2014_v1.txt"),
}
CREDITS = {
    "de": "German Polarity Lexicon 1.1 (Clematide and Klenner 2010), Apache-2.0, "
    "from textblob-de 0.4.3 (MIT)",
    "fr": "Pattern French adjective lexicon 1.1 (De Smedt and Daelemans), PDDL, "
    "from textblob-fr 0.2.0 (MIT)",
    "ru": "Chen and Skiena 2014 Russian lexicon, from asent 0.8.3 (MIT)",
}


def normal(word: str, language: str) -> str:
    word = word.strip().lower()
    return word.replace("ё", "е") if language == "ru" else word


def read(language: str, data: bytes) -> dict[str, float]:
    values: dict[str, list[float]] = defaultdict(list)
    if data.lstrip().startswith(b"<"):
        for node in ElementTree.fromstring(data).iter("word"):
            values[normal(node.get("form", ""), language)].append(float(node.get("polarity", 0)))
    else:
        for line in data.decode("utf-8").splitlines():
            word, _, value = line.partition("\t")
            if value.strip():
                values[normal(word, language)].append(float(value))
    return {w: sum(v) / len(v) for w, v in values.items() if w and " " not in w}


def main(folder: str) -> None:
    for language, (wheel, member) in SOURCES.items():
        with zipfile.ZipFile(Path(folder) / wheel) as archive:
            lexicon = read(language, archive.read(member))
        stop = {normal(w, language) for w in get_stop_words(language)}
        stop -= TONE_STOP_WORDS[language]
        kept = {w: v for w, v in lexicon.items() if w not in stop and v != 0}
        if language == "ru":
            kept = {w: v for w, v in kept.items() if set(w) <= CYRILLIC}
        scale = VADER_MEAN_ABS / (sum(abs(v) for v in kept.values()) / len(kept))
        lines = [
            f"# {CREDITS[language]}",
            f"# {len(kept)} words; source polarity x {scale:.4f} "
            "(VADER's mean absolute valence), within +-4",
        ]
        lines += [f"{w}\t{max(-4.0, min(4.0, v * scale)):.4f}" for w, v in sorted(kept.items())]
        (OUT / f"sentiment-{language}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(language, len(lexicon), "entries,", len(kept), "kept, scale", round(scale, 4))


if __name__ == "__main__":
    main(sys.argv[1])
