"""Word resources per language: sentiment lexicons, stop words and closed-class lists.

Nothing is downloaded at run time. English sentiment is VADER's lexicon as the
``vaderSentiment`` package ships it; German, French and Russian lexicons are files of
this package, built by ``tools/build_lexicons.py`` from the packages that publish them;
stop words come from the ``stop-words`` package (English drift keeps the project's own
list, `closed.STOP_WORDS_EN`). docs/languages.md names every source, licence and size.

Each loader reads its file once per process (`functools.cache`), and answers None for
a language it has no resource for.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from importlib import resources

from whosestory.lexicons import closed

SENTIMENT_LANGUAGES = ("en", "de", "fr", "ru")
"""Languages with a sentiment lexicon."""


def normal(word: str, language: str | None) -> str:
    """A word as the lexicons spell it: lower case, Russian ё as е."""
    word = word.lower()
    return word.replace("ё", "е") if language == "ru" else word


@cache
def sentiment(language: str) -> Mapping[str, float] | None:
    """Word -> valence (VADER's scale, about -4..4) for `language`, or None without one."""
    if language == "en":
        return _vader_lexicon()
    if language not in SENTIMENT_LANGUAGES:
        return None
    text = resources.files(__name__).joinpath(f"sentiment-{language}.tsv").read_text("utf-8")
    lexicon: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, _, value = line.partition("\t")
            lexicon[word] = float(value)
    return lexicon


def _vader_lexicon() -> Mapping[str, float]:
    """``SentimentIntensityAnalyzer().lexicon``: its file, read as the analyser reads it
    (``make_lex_dict``), without the analyser's emoji lexicon, which nothing here reads
    (half the time: 5 of 9 ms, a few percent of an English ``analyze``)."""
    from vaderSentiment import vaderSentiment as vader

    path = os.path.join(os.path.dirname(os.path.abspath(vader.__file__)), "vader_lexicon.txt")
    with open(path, "rb") as stream:  # as `codecs.open`: no newline translation
        text = stream.read().decode("utf-8")
    lexicon: dict[str, float] = {}
    for line in text.rstrip("\n").split("\n"):
        if line:
            word, measure = line.strip().split("\t", 2)[:2]
            lexicon[word] = float(measure)
    return lexicon


@cache
def sentiment_rules(language: str) -> tuple[frozenset[str], Mapping[str, float], str] | None:
    """Negations, boosters (word -> step) and the contrastive conjunction of `language`."""
    if language == "en":
        from vaderSentiment import vaderSentiment as vader

        return frozenset(vader.NEGATE), dict(vader.BOOSTER_DICT), closed.CONTRAST["en"]
    if language not in closed.NEGATIONS:
        return None
    return closed.NEGATIONS[language], closed.BOOSTERS[language], closed.CONTRAST[language]


@cache
def stop_words(language: str) -> frozenset[str] | None:
    """Stop words of `language` (lower case), or None when no list is known."""
    if language == "en":
        return closed.STOP_WORDS_EN
    from stop_words import LANGUAGE_MAPPING

    if language not in LANGUAGE_MAPPING:
        return None
    return _lines(normal(_stop_word_file(language), language))


@cache
def detection_lists() -> Mapping[str, frozenset[str]]:
    """Every stop-word list of the ``stop-words`` package, by ISO 639-1 code."""
    from stop_words import LANGUAGE_MAPPING

    return {code: _lines(_stop_word_file(code).lower()) for code in LANGUAGE_MAPPING}


def _stop_word_file(code: str) -> str:
    """The ``stop-words`` package's file for language `code`, whole.

    Read here in one piece, not by ``get_stop_words``, which reads it line by line in
    Python: its 33 lists took 8 ms of a Fountain story's ``analyze`` (language detection
    reads them all). The package's registered filters, which nothing here adds, are not
    applied.
    """
    from stop_words import LANGUAGE_MAPPING, STOP_WORDS_DIR

    # text mode, as the package opens it: "\r\n" and "\r" end a line as "\n" does
    path = os.path.join(STOP_WORDS_DIR, f"{LANGUAGE_MAPPING[code]}.txt")
    with open(path, encoding="utf-8") as stream:
        return stream.read()


def _lines(text: str) -> frozenset[str]:
    """The stripped, non-empty lines of `text`, as ``get_stop_words`` keeps them.

    Lines end at "\n" only (a file's lines, not ``str.splitlines``'s), and a line
    keeps the spaces inside it (Vietnamese and Korean stop words have several words).
    """
    return frozenset(filter(None, map(str.strip, text.split("\n"))))
