"""The names' prefix tree is written as the plain recursive walk writes it."""

from __future__ import annotations

import random
import re

from whosestory.mentions import _NOT_IN_WORD, _pattern, _trie, prefix_tree


def _plain_trie(words: list[str], after_first: str = "") -> str:
    """The walk `_trie` replaced: one call for each node, no runs collapsed."""
    tree = prefix_tree(words)

    def walk(node: dict[str, dict], after: str = "") -> str:
        ends = "" in node
        branches = [re.escape(c) + after + walk(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return walk(tree, after_first)


def test_trie_is_the_plain_walks_pattern() -> None:
    rng = random.Random(15)
    cases = [[], [""], ["Ann"], ["Ann", "Anna", "Anne"], ["O'Hara", "Mr. Smith", "Ma", "Mary Ann"]]
    for _ in range(500):
        size = rng.randint(0, 8)
        cases.append(["".join(rng.choices("ab.c'-é ", k=rng.randint(0, 6))) for _ in range(size)])
    for words in cases:
        assert _trie(words) == _plain_trie(words)
        assert _trie(words, _NOT_IN_WORD) == _plain_trie(words, _NOT_IN_WORD)


def test_trie_pattern_finds_the_longest_name() -> None:
    pattern = _pattern({"Ann": "ANN", "Anna": "ANNA", "Anna Karenina": "ANNA K"}, pronouns=False)
    found = [m.group("name") for m in pattern.finditer("Anna Karenina met Anna and Ann.")]
    assert found == ["Anna Karenina", "Anna", "Ann"]
