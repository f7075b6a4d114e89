"""Classes of ranges stand in for Unicode categories only where they match the same
characters: the tokens and word counts of a text are those the category patterns give."""

from __future__ import annotations

import random
import re

import pytest

from whosestory import charclass, language, model

CATEGORIES = (r"[^\W\d_]", r"[\w’']")
TEXTS = [
    "Über die Straße – „Grüß Gott!“ sagt er.",
    "l’homme qu’il voit, peut-être ; œuvre",
    "Ещё раз — ёлка, «Да!»",
    "Ἀθῆναι, αὐτός",
    "x² + ½ café_au-lait 3rd",
    "don’t won't rock-’n’-roll",
    "ẞ İstanbul ﬁne 中文 Ǆemal",  # beyond the blocks: the category patterns
]


@pytest.mark.parametrize("category", CATEGORIES)
def test_ranges_match_the_category_at_every_code_point_of_the_blocks(category: str) -> None:
    ranged = re.compile(f"[{charclass.ranges(category)}]")
    plain = re.compile(category)
    for first, last in charclass.BLOCKS:
        for point in range(first, last + 1):
            char = chr(point)
            assert (ranged.match(char) is None) == (plain.match(char) is None), hex(point)


def test_within_is_every_character_in_the_blocks() -> None:
    assert charclass.within("Grüß – «Да» l’homme")
    assert not charclass.within("Grüß 中")
    assert not charclass.within("€")  # U+20AC, past the general punctuation
    assert charclass.within("")


def test_ranged_says_no_until_the_process_has_asked_about_enough_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(charclass, "_asked", 0)
    monkeypatch.setattr(charclass, "PAYS_AFTER", 10)
    assert not charclass.ranged("Grüß Gott")  # 9 characters asked about
    assert not charclass.ranged("Grüß")  # 13
    assert charclass.ranged("Grüß")
    assert not charclass.ranged("中文")


def _random_texts(count: int) -> list[str]:
    rng = random.Random(15)
    alphabet = [chr(p) for first, last in charclass.BLOCKS for p in range(first, last + 1)]
    alphabet += list("’'-_ aeö") * 40
    return ["".join(rng.choices(alphabet, k=rng.randint(1, 40))) for _ in range(count)]


@pytest.mark.parametrize("ranged", [False, True])
def test_tokens_and_word_counts_are_the_category_patterns(
    ranged: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(charclass, "PAYS_AFTER", 0 if ranged else 10**12)
    monkeypatch.setattr(charclass, "_asked", 0)
    for text in TEXTS + _random_texts(3000):
        lowered = text.lower()
        for code in ("en", "fr", "de", "ru", None):
            plain = language._TOKEN_RE.get(code or "", language._DEFAULT_TOKEN_RE)
            expected = plain.findall(lowered)
            if code == "ru":
                expected = [t.replace("ё", "е") for t in expected]
            elif "’" in text and code in ("en", "fr"):
                expected = [t.replace("’", "'") for t in expected]
            assert language.tokens(text, code) == expected, (text, code)
        assert model.count_words(text) == len(model.WORD_RE.findall(text)), text
        assert model.word_list(text) == model.WORD_RE.findall(text), text


def test_latin1_texts_give_the_pattern_tokens_and_word_counts() -> None:
    """A text all in Latin-1 is read in bytes (`model.latin1`): the same tokens, word counts
    and words as the patterns, joiners (hyphens, apostrophes), digits, ² and ½ included."""
    rng = random.Random(11)
    alphabet = [chr(p) for p in range(256)] + list("aeiouäöüßÉé -'_.,") * 20 + list("-'") * 40
    texts = ["Grüß Gott, Frau Müller!", "peut-être l'été", "x² ½ Straße", "-a--b- 'c'"]
    texts += ["Ä-b-c--d- -e 'f'g'' h-'i", "Wiener-Zeitung–Ab"]
    texts += ["".join(rng.choices(alphabet, k=rng.randint(1, 40))) for _ in range(5000)]
    for text in texts:
        assert model.latin1(text) is not None
        lowered = text.lower()
        for code in ("en", "fr", "de", "ru", None):
            plain = language._TOKEN_RE.get(code or "", language._DEFAULT_TOKEN_RE)
            if lowered.isascii():
                plain = language._ASCII_TOKEN_RE.get(code or "", language._ASCII_DEFAULT_TOKEN_RE)
            assert language.tokens(text, code) == plain.findall(lowered), (text, code)
        assert model.count_words(text) == len(model.WORD_RE.findall(text)), text
        assert model.word_list(text) == model.WORD_RE.findall(text), text
    assert model.latin1("Straße č") is None


def test_lines_with_dashes_and_curly_quotes_give_the_pattern_tokens_and_word_counts() -> None:
    """A Latin-1 text but for `model.PUNCTUATION` and curly apostrophes is read in bytes
    too: the same tokens, counts and words as the patterns, in every language."""
    letter, word = re.compile(language._LETTER), re.compile(r"[\w’'-]")
    assert not any(letter.match(c) or word.match(c) for c in model.PUNCTUATION)
    rng = random.Random(12)
    alphabet = [chr(p) for p in range(256)] + list("aäß -'_’") * 10 + list(model.PUNCTUATION) * 5
    texts = ["Gott – „Grüß“ dich…", "l’homme — “peut-être”", "don’t ‹stop›"]
    texts += ["".join(rng.choices(alphabet, k=rng.randint(1, 40))) for _ in range(5000)]
    for text in texts:
        lowered = text.lower()
        for code in ("en", "fr", "de", "ru", None):
            plain = language._TOKEN_RE.get(code or "", language._DEFAULT_TOKEN_RE)
            if lowered.isascii():
                plain = language._ASCII_TOKEN_RE.get(code or "", language._ASCII_DEFAULT_TOKEN_RE)
            expected = plain.findall(lowered)
            if "’" in text and code in ("en", "fr"):
                expected = [t.replace("’", "'") for t in expected]
            assert language.tokens(text, code) == expected, (text, code)
        assert model.count_words(text) == len(model.WORD_RE.findall(text)), text
        assert model.word_list(text) == model.WORD_RE.findall(text), text
