"""Lexicon sentiment of a text in one pass over its words, in the text's language.

`Scorer(language).compound(text)` follows VADER (Hutto and Gilbert, "VADER: A
Parsimonious Rule-based Model for Sentiment Analysis of Social Media Text", ICWSM
2014) with the rules that cost one look at the three words before a lexicon word:

- each word found in the language's lexicon (`whosestory.lexicons.sentiment`) adds
  its valence;
- a degree adverb among the three words before it (and not itself a lexicon word)
  adds or takes VADER's booster step (+-0.293, times 0.95 and 0.9 two and three
  words away), in the direction of the valence;
- a negation among those three words multiplies the valence by -0.74 (in English,
  VADER's negations, each one, any word with ``n't``, and "no" one or two words
  before; in the other languages once, as "ne ... pas" is one negation;
  English "no" before a lexicon word and "kind" in "kind of" score nothing themselves);
- the contrastive conjunction ("but", "aber", "mais", "но"): valences before its first
  use count half, after it one and a half;
- "!" (up to 4) and repeated "?" push the sum away from 0 as in VADER;
- compound = sum / sqrt(sum^2 + 15), in [-1, 1].

Left out, as too costly or rare in scripts: VADER's ALL-CAPS emphasis (screenplays
write names and sound effects in capitals), emoji, idioms and "least". On English
text the compound stays close to VADER's (docs/languages.md gives the figures);
VADER itself re-lowercases the whole text at every lexicon word, which makes a long
speech quadratic.

A language without a lexicon has no `Scorer` (`scorer` returns None): its tone is
absent, never read with another language's words.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field
from itertools import compress, count

from whosestory import lexicons
from whosestory.language import tokens
from whosestory.model import record

N_SCALAR = -0.74
"""VADER's factor for a negated valence."""
ALPHA = 15.0
"""VADER's normalisation constant of the compound score."""
_DAMPING = (1.0, 0.95, 0.9)


@record
class Scorer:
    """Compound sentiment in one language (`language` names the lexicon it reads)."""

    language: str
    lexicon: Mapping[str, float]
    negations: frozenset[str]
    boosters: Mapping[str, float]
    contrast: str
    _turning: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)
    """The boosters and negations: the words before a lexicon word that change it."""
    _ruled: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)
    """Every word a rule reads (`_turning`, the contrast word and, in English, "no",
    "kind", "so", "this"): a text with none of them (and, in English, no ``n't``) scores
    the plain sum of its lexicon words' valences, as `valences` would find them."""

    def __post_init__(self) -> None:
        turning = frozenset(self.boosters) | self.negations
        english = {"no", "kind", *_SO_THIS} if self.language == "en" else set()
        object.__setattr__(self, "_turning", turning)
        object.__setattr__(self, "_ruled", turning | {self.contrast} | english)

    def valences(self, words: list[str]) -> list[float]:
        """Valence of each lexicon word of `words` (in order), after boosters and negation."""
        lexicon, boosters, negations = self.lexicon, self.boosters, self.negations
        english = self.language == "en"
        found: list[float] = []
        at: list[int] = []  # the position of each valence found
        turning = self._turning
        # only lexicon words score: find them in one pass (in C), then look around each
        for i in compress(count(), map(lexicon.__contains__, words)):
            word = words[i]
            valence = lexicon[word]
            if word in boosters:
                continue
            if english and i + 1 < len(words):
                after = words[i + 1]
                if (word == "no" and after in lexicon) or (word == "kind" and after == "of"):
                    continue
            if english and ((i and words[i - 1] == "no") or (i > 1 and words[i - 2] == "no")):
                valence *= N_SCALAR  # "no" one or two words before, read without a slice
            negated = False
            # the emphasis is 1 unless "so" or "this" is one or two words before: not
            # asked at all then (times 1.0 leaves a valence as it is, to the bit)
            emphatic = english and i > 1 and (words[i - 1] in _SO_THIS or words[i - 2] in _SO_THIS)
            if not emphatic:
                # most lexicon words have neither a booster nor a negation among the three
                # words before: then the words before leave the valence as it is
                window = words[i - 3 : i] if i > 2 else words[:i]
                if turning.isdisjoint(window) and not (english and "n't" in " ".join(window)):
                    found.append(valence)
                    at.append(i)
                    continue
            for back in range(min(3, i)):
                before = words[i - back - 1]
                if before in lexicon:
                    continue
                # a step of 0 and a factor of 1 leave the valence as it is, to the bit:
                # most words before a lexicon word are neither boosters nor emphasis
                if before in boosters:
                    step = boosters[before] * _DAMPING[back]
                    valence += step if valence > 0 else -step
                if emphatic and back:  # "so", "this", "never": only one or two words back
                    valence *= _english_emphasis(words, i, back)
                # VADER negates once per negation; elsewhere a negation is often two
                # words ("ne ... pas", "nicht ... kein") and negates once
                if (
                    (english or not negated)
                    and (before in negations or (english and "n't" in before))
                    and self._negated(words, i, back)
                ):
                    valence *= N_SCALAR
                    negated = True
            found.append(valence)
            at.append(i)
        if found and self.contrast in words:
            # valences before the first contrast word count half, from it on one and a half
            first = bisect_left(at, words.index(self.contrast))
            found = [v * 0.5 for v in found[:first]] + [v * 1.5 for v in found[first:]]
        return found

    def _negated(self, words: list[str], i: int, back: int) -> bool:
        """Whether the word `back` + 1 before word `i` negates it (VADER's checks)."""
        word = words[i - back - 1]
        if self.language != "en":
            return word in self.negations
        if back and _english_emphasis(words, i, back) != 1.0:
            return False
        if back and words[i - back - 1] == "without" and "doubt" in words[i - back : i]:
            return False
        return word in self.negations or "n't" in word

    def compound(self, text: str, words: list[str] | None = None) -> float:
        """The compound score of `text`, in [-1, 1] (0 when no lexicon word is in it).

        `words` are ``tokens(text, language)`` when the caller already has them.
        """
        total = sum(self.valences(tokens(text, self.language) if words is None else words))
        return _compound(text, total) if total else 0.0

    def compounds(self, texts: Sequence[str], words: Iterable[list[str]]) -> list[float]:
        """`compound` of each of `texts`, whose tokens are `words` (one list a text, in order).

        One loop for a story's texts: a text without lexicon words (about half of a
        script's) scores 0 after one pass of its words in C, and one whose words no rule
        reads (`_ruled`) sums its lexicon words' valences without `valences`: the same
        valences in the same order, so the same sum to the bit.
        """
        lexicon = self.lexicon
        found, valence, ruled = lexicon.__contains__, lexicon.__getitem__, self._ruled
        english = self.language == "en"
        result: list[float] = []
        for text, tokens_of in zip(texts, words, strict=True):
            hits = list(filter(found, tokens_of))
            if not hits:
                result.append(0.0)
                continue
            if ruled.isdisjoint(tokens_of) and not (english and "n't" in " ".join(tokens_of)):
                total = sum(map(valence, hits))
            else:
                total = sum(self.valences(tokens_of))
            result.append(_compound(text, total) if total else 0.0)
        return result

    def words(self, text: str) -> list[str]:
        """The lexicon words of `text`, lower case, in order."""
        return [w for w in tokens(text, self.language) if w in self.lexicon]


def _compound(text: str, total: float) -> float:
    """The compound score of a text whose valences sum to `total` (not 0): VADER's
    emphasis of "!" and "?" added, normalised into [-1, 1]."""
    emphasis = min(text.count("!"), 4) * 0.292
    questions = text.count("?")
    if questions > 1:
        emphasis += questions * 0.18 if questions <= 3 else 0.96
    total += emphasis if total > 0 else -emphasis
    return round(max(-1.0, min(1.0, total / math.sqrt(total * total + ALPHA))), 4)


_SO_THIS = frozenset({"so", "this"})


def _english_emphasis(words: list[str], i: int, back: int) -> float:
    """VADER's x1.25 for "never so/this" before a word, and (three words on) for "so"/"this"
    right before it: VADER's own precedence, kept so English scores stay VADER's."""
    if back == 1 and words[i - 2] == "never" and words[i - 1] in ("so", "this"):
        return 1.25
    if back == 2 and (
        (words[i - 3] == "never" and words[i - 2] in ("so", "this"))
        or words[i - 1] in ("so", "this")
    ):
        return 1.25
    return 1.0


def scorer(language: str | None) -> Scorer | None:
    """The scorer of `language`, or None when it has no sentiment lexicon."""
    if language is None:
        return None
    lexicon = lexicons.sentiment(language)
    rules = lexicons.sentiment_rules(language)
    if lexicon is None or rules is None:
        return None
    negations, boosters, contrast = rules
    return Scorer(language, lexicon, negations, boosters, contrast)
