"""A story's language, Unicode word tokens, and which lexicon measures a language supports.

The language is the one the source declares (`Story.language`, from TEI ``xml:lang``),
read as an ISO 639-1 code (``ger``, ``deu`` and ``de-AT`` are all ``de``), or when none
is declared, the one `detect` finds in the text: the language whose stop-word list
(the ``stop-words`` package, 33 languages) covers most of the text's first
`DETECT_TOKENS` words. Stop words are the most frequent words of every language, so
their rates tell languages apart on a few hundred words, offline and in one pass.

A measure that reads a language's words (sentiment, perception verbs, agency verbs,
pronouns, stop words) uses that language's resource (`whosestory.lexicons`) or is
absent for the story: it never reads one language with another's lexicon.
`lexicon_support` says which measures a language has, `unavailable` why the others
are missing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from itertools import accumulate

from whosestory import charclass, lexicons
from whosestory._lazy import LazyPattern
from whosestory.lexicons import closed
from whosestory.model import Story, latin1

SUPPORTED = ("en", "de", "fr", "ru")
"""Languages with a resource for every lexicon measure."""

MEASURES: Mapping[str, str] = {
    "sentiment": "sentiment lexicon (arc of change, tone words)",
    "vocabulary_drift": "stop-word list",
    "interiority": "list of perception, cognition and emotion verbs",
    "agency": "verb endings and pronouns for subject and object",
    "pronouns": "list of third-person pronouns with their gender",
}
"""Lexicon measure -> the resource it needs."""

DETECT_TOKENS = 5000
"""Words of a text that `detect` reads (the first ones)."""
MIN_DETECT_HITS = 3
"""Stop words a text needs before `detect` names its language."""
MIN_MARGIN = 1.2
"""How many times the runner-up's stop-word hits the winner's must be."""

_ISO_639_2 = {
    "eng": "en",
    "ger": "de",
    "deu": "de",
    "gmh": "de",
    "fre": "fr",
    "fra": "fr",
    "frm": "fr",
    "rus": "ru",
    "ita": "it",
    "spa": "es",
    "por": "pt",
    "swe": "sv",
    "ukr": "uk",
    "pol": "pl",
    "dut": "nl",
    "nld": "nl",
    "cze": "cs",
    "ces": "cs",
    "gre": "el",
    "ell": "el",
}
_TOKEN_FORMS = {
    # English keeps contractions and hyphenated words whole, as VADER's lexicon spells
    # them ("don't", "non-threatening")
    "en": r"L++(?:['’-]L++)*+",
    # French splits an elision off ("l'", "n'") and keeps hyphenated words ("peut-être")
    "fr": r"L++(?:-L++)*+['’]?",
    "": r"L++(?:-L++)*+",
}
"""The token patterns, L standing for a letter (`_LETTER`)."""
_LETTER = r"[^\W\d_]"
# compiled when first used: the lines of a text all in ASCII or Latin-1 never need them
_TOKEN_RE = {k: LazyPattern(form.replace("L", _LETTER)) for k, form in _TOKEN_FORMS.items() if k}
_DEFAULT_TOKEN_RE = LazyPattern(_TOKEN_FORMS[""].replace("L", _LETTER))
"""The patterns are possessive: what follows a run of letters may match nothing, so giving
letters back never finds another token, and the regex engine keeps no points to return to
(a tenth less time on the German plays' lines)."""
_ASCII_TOKEN_RE = {
    "en": re.compile(r"[a-z]+(?:['-][a-z]+)*"),
    "fr": LazyPattern(r"[a-z]+(?:-[a-z]+)*'?"),
}
_ASCII_DEFAULT_TOKEN_RE = re.compile(r"[a-z]+(?:-[a-z]+)*")
"""The patterns above for a lower-case text all in ASCII, where a letter is ``[a-z]``:
the same words, found in two thirds of the time (a range is tested faster than Unicode
categories are). Most speeches of English scripts are ASCII, and many of other plays."""


@cache
def _latin1_letters() -> bytes:
    """Each byte of a text in Latin-1 to its lower case when that is a letter (`_LETTER`) or
    one of the token patterns' joiners (a hyphen, an apostrophe), else to a space. Without
    a joiner in it, a text's tokens are then its runs of letters (`str.split`), as every
    pattern finds them in the lowered text: a German play's lines in two thirds of the
    time, lowering included. Made on first use (an English script never needs it)."""
    letter = re.compile(_LETTER).fullmatch
    lowered = (chr(i).lower() for i in range(256))  # each one character of Latin-1
    kept = (ord(c) if c in "-'" or letter(c) else 32 for c in lowered)
    return bytes.maketrans(bytes(range(256)), bytes(kept))


_CURLY = frozenset({"en", "fr"})
"""The languages whose token patterns join on the curly apostrophe."""
_LONE_HYPHEN = LazyPattern(rb"-(?:(?<![^ -]-)|(?![^ -]))")
_LONE_JOINER = LazyPattern(rb"['-](?:(?<![^ '-]['-])|(?![^ '-]))")
"""In a text of letters, spaces and joiners, a hyphen (or, in English, an apostrophe) that
has no letter on one side of it: it joins nothing, and parts tokens as a space does."""


def _split_letters(letters: bytes, language: str | None) -> list[str] | None:
    """The tokens of a Latin-1 text made letters, joiners and spaces (`_latin1_letters`):
    its runs of letters, a joiner between two letters kept inside a token, as the token
    patterns have it; None for a French text with an apostrophe (which may end a token)."""
    if language == "en":
        if b"-" in letters or b"'" in letters:
            letters = _LONE_JOINER.sub(b" ", letters)
    else:
        if b"'" in letters:
            if language == "fr":
                return None
            letters = letters.replace(b"'", b" ")
        if b"-" in letters:
            letters = _LONE_HYPHEN.sub(b" ", letters)
    return letters.decode("latin-1").split()


@cache
def _ranged_token_re(language: str) -> re.Pattern[str]:
    """The token pattern of `language` ("" for the default) with a letter spelled as the
    ranges of `charclass.BLOCKS` it takes: for a text `charclass.ranged` lets through,
    the same words in two thirds of the time."""
    letter = f"[{charclass.ranges(_LETTER)}]"
    return re.compile(_TOKEN_FORMS[language].replace("L", letter))


def code(language: str | None) -> str | None:
    """ISO 639-1 code of a declared language (``ger`` -> ``de``, ``en-GB`` -> ``en``)."""
    if not language or not language.strip():
        return None
    main = re.split(r"[-_]", language.strip().lower(), maxsplit=1)[0]
    return _ISO_639_2.get(main, main)


def tokens(text: str, language: str | None = None) -> list[str]:
    """Lower-case word tokens of `text`, Unicode letters (``Glück``, ``ça``, ``ёлка``).

    Russian ё is read as е, the way the lexicons spell it.
    """
    # outside English and French, the curly apostrophe parts tokens as a space does
    encoded = None if text.isascii() else latin1(text, None if language in _CURLY else " ")
    if encoded is not None:
        # no ё in it, nor a joining ’: without a joiner, the tokens are the runs of
        # letters, lowered by the same table
        found = _split_letters(encoded.translate(_latin1_letters()), language)
        if found is not None:
            return found
    lowered = text.lower()
    if lowered.isascii():
        # neither ё nor ’ in it
        return _ASCII_TOKEN_RE.get(language or "", _ASCII_DEFAULT_TOKEN_RE).findall(lowered)
    key = language or ""
    if charclass.ranged(lowered):
        found = _ranged_token_re(key if key in _TOKEN_RE else "").findall(lowered)
    else:
        found = _TOKEN_RE.get(key, _DEFAULT_TOKEN_RE).findall(lowered)
    if language == "ru":
        return [t.replace("ё", "е") for t in found]
    if "’" in text and language in ("en", "fr"):
        return [t.replace("’", "'") for t in found]
    return found


def detect(texts: str | Iterable[str]) -> str | None:
    """The language whose stop words cover most of the text, or None when unclear.

    Reads the first `DETECT_TOKENS` words. None when the best language has fewer than
    `MIN_DETECT_HITS` stop-word hits or fewer than `MIN_MARGIN` times the runner-up's.
    """
    words: list[str] = []
    for text in [texts] if isinstance(texts, str) else texts:
        lowered = text.lower()
        if lowered.isascii():
            pattern = _ASCII_DEFAULT_TOKEN_RE
        elif charclass.ranged(lowered):
            pattern = _ranged_token_re("")
        else:
            pattern = _DEFAULT_TOKEN_RE
        words.extend(pattern.findall(lowered))
        if len(words) >= DETECT_TOKENS:
            break
    counts = Counter(words[:DETECT_TOKENS])
    found = set(counts)  # a set: each intersection walks the smaller side, often the list
    hits = {
        language: sum(counts[word] for word in stop.intersection(found))
        for language, stop in lexicons.detection_lists().items()
    }
    ranked = sorted(hits.items(), key=lambda item: -item[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < MIN_DETECT_HITS or top < MIN_MARGIN * second:
        return None
    return best


def story_texts(story: Story) -> Iterable[str]:
    """The story's words in order: speeches, action and stage lines."""
    for scene in story.scenes:
        for element in scene.elements:
            if element.text:
                yield element.text


def story_language(story: Story) -> str | None:
    """The story's language: declared (`Story.language`), else detected from its text."""
    declared = code(story.language)
    return declared if declared else detect(story_texts(story))


def lexicon_support(language: str | None) -> dict[str, bool]:
    """Measure -> whether `language` has the resource it needs (`MEASURES`)."""
    return {
        "sentiment": language is not None and lexicons.sentiment(language) is not None,
        "vocabulary_drift": language is not None and lexicons.stop_words(language) is not None,
        "interiority": language in closed.PERCEPTION_VERBS,
        "agency": language in closed.AGENCY_VERB_ENDINGS,
        "pronouns": language in closed.GENDERED_PRONOUNS,
    }


def unavailable(language: str | None) -> dict[str, str]:
    """Measure -> why it is absent for a story in `language` (empty when all are there)."""
    where = f"in language '{language}'" if language else "for a story whose language is unknown"
    return {
        measure: f"no {MEASURES[measure]} {where}"
        for measure, supported in lexicon_support(language).items()
        if not supported
    }


def gendered_pronouns(language: str | None) -> Mapping[str, str]:
    """Third-person pronoun -> ``"m"``/``"f"`` of `language` (empty when none)."""
    return closed.GENDERED_PRONOUNS.get(language or "", {})


_FOLDED_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
"""The only characters ``re.IGNORECASE`` matches to an ASCII letter besides its two cases
(İ and ı to i, ſ to s, the Kelvin sign to k); İ is also the only one whose lower case is
two characters long."""


def holding_any(texts: Sequence[str], words: Iterable[str], lower: bool = True) -> list[int]:
    """Indices of the texts whose lower case holds any of `words` (lower-case ASCII, no
    newline), in order: ``any(w in text.lower() for w in words)``, for every text at once
    (with `lower` off: ``any(w in text for w in words)``, any words without a newline).

    The texts are lowered and searched joined, in C, a text at a time only where a word
    is found. A case-insensitive pattern made of the same ASCII words matches a text only
    if it holds one of them this way, unless it holds one of `_FOLDED_TO_ASCII`: when any
    text does, every text is returned, so a caller that runs such a pattern on the texts
    returned finds every match it would have found on them all.
    """
    joined = "\n".join(texts)
    if not lower:
        lowered = joined
    elif any(c in joined for c in _FOLDED_TO_ASCII):
        return list(range(len(texts)))
    else:
        lowered = joined.lower()
    # where each text's successor starts in the joined text
    after = list(accumulate(len(t) + 1 for t in texts))
    found: set[int] = set()
    for word in words:
        at = lowered.find(word)
        while at != -1:
            index = bisect_right(after, at)
            found.add(index)
            at = lowered.find(word, after[index])  # on from the next text
    return sorted(found)
