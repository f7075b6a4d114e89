"""Read a claim as people write it: who it says holds which role, and whom it denies.

    "Will's story, not Edward's"        -> main character: WILL, denied EDWARD
    "the story belongs to will"         -> main character: WILL
    "Edward is the hero" / "the protagonist is Edward, not Will" -> protagonist
    "Sandra, not Will, is the lead"     -> protagonist: SANDRA, denied WILL
    "it's Will's film" / "Ophelia's play" -> main character

Names are matched in any case, by a character's name, any alias, or one word of
either (a first name, a surname); the longest match wins, and of two characters
sharing a word, the one more present in the story. A name right after "not"
(or "rather than", "instead of") is the one denied, as is the subject of "X is
not the hero". When a claim names characters in the possessive ("Ophelia's
story"), a bare name beside them is the title, not a claim ("Hamlet is
Ophelia's story"). The role comes from the words left once the names are taken
out (`roles.Role.claim_words`), the main character when none names one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from whosestory.errors import WhosestoryError
from whosestory.model import Character, record
from whosestory.roles import MAIN_CHARACTER, REGISTRY

EXAMPLES = (
    '"this is ANNA\'s story, not BEN\'s", "Anna is the protagonist" or "the main character is Anna"'
)
_CLAIM_ORDER = sorted(REGISTRY, key=lambda r: r.claim_rank)
_TOKEN_RE = re.compile(
    r"[^\W_][\w\-]*(?:'(?!s\b)[^\W_][\w\-]*)*(?P<possessive>'s\b|'(?=\W|$))?", re.IGNORECASE
)
_FUNCTION_WORDS = frozenset(
    """a an the is was are be been it its it's this that these those he she they we you i
    who whose what which there here not no nor but and or of to for in on by with as at
    belongs belong belonged really actually truly real true main rather than instead
    story tale film movie play script picture book drama tragedy comedy isn't wasn't
    everyone everybody nobody someone somebody one all his her their my our your""".split()
)
_ROLE_WORDS = frozenset(
    "protagonist hero heroine lead character spotlight impact influence owner".split()
)
_ARTICLES = frozenset("the a an real true main".split())
_DENYING = (("not",), ("nor",), ("rather", "than"), ("instead", "of"), ("but", "not"))
_NEGATED_VERB = (("is", "not"), ("was", "not"), ("isn't",), ("wasn't",))


class UnknownCharacterError(WhosestoryError):
    """A claim names someone who is not in the story, or no one at all."""


@record
class Claim:
    """What a claim asserts: who holds a role, and whom it denies."""

    role: str
    claimed: str | None
    denied: str | None
    text: str


@record
class _Token:
    word: str
    surface: str
    start: int
    end: int
    possessive: bool
    capitalised: bool


@record
class _Named:
    character: str
    first: int
    last: int
    possessive: bool
    negated: bool


def _tokens(text: str) -> list[_Token]:
    found = []
    for match in _TOKEN_RE.finditer(text):
        word = match.group(0)
        if match.group("possessive"):
            word = word[: -len(match.group("possessive"))]
        possessive = bool(match.group("possessive"))
        found.append(
            _Token(word.lower(), word, match.start(), match.end(), possessive, word[:1].isupper())
        )
    return found


def _key(token: _Token) -> str:
    """A name's word as an index keeps it: a possessive inside a name stays one
    ("the Moor's son" is not "the Moor" and "son")."""
    return token.word + "'s" if token.possessive else token.word


def _name_keys(name: str) -> tuple[str, ...]:
    return tuple(_key(t) for t in _tokens(name.replace("_", " ").replace("’", "'")))


def _inner_runs(keys: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The runs of two or more words of a name that hold one of its possessives inside,
    longest first ("Queen Isabel, Richard's wife" -> "isabel richard's wife",
    "richard's wife"): a claim may name such a character by its description alone."""
    runs = [
        keys[start:end]
        for start in range(len(keys))
        for end in range(start + 2, len(keys) + 1)
        if any(k.endswith("'s") for k in keys[start : end - 1])
    ]
    return sorted(runs, key=len, reverse=True)


class _Index:
    """Every way a claim can name a character of the cast, most present first."""

    def __init__(self, cast: Sequence[Character]) -> None:
        self.full: dict[tuple[str, ...], str] = {}
        self.word: dict[str, str] = {}
        self.first_word: dict[str, str] = {}
        runs: dict[tuple[str, ...], str] = {}
        for character in cast:
            for name in character.names():
                keys = _name_keys(name)
                if not keys:
                    continue
                self.full.setdefault(keys, character.name)
                for run in _inner_runs(keys):
                    runs.setdefault(run, character.name)
                words = [k.removesuffix("'s") for k in keys]
                self.first_word.setdefault(words[0], character.name)
                for word in words:
                    self.word.setdefault(word, character.name)
        for run, character in runs.items():
            self.full.setdefault(run, character)
        self.longest = max((len(k) for k in self.full), default=1)

    def match(self, tokens: list[_Token], i: int) -> tuple[str, int] | None:
        """The character named from token i on, and the index of its last token (whose
        possessive is the claim's: "Guise's son's story")."""
        for size in range(min(self.longest, len(tokens) - i), 0, -1):
            span = tokens[i : i + size]
            keys = (*(_key(t) for t in span[:-1]), span[-1].word)
            if keys in self.full and not self._role_word(tokens, i, size):
                return self.full[keys], i + size - 1
        token = tokens[i]
        if token.word in _FUNCTION_WORDS or token.word in _ROLE_WORDS or len(token.word) < 2:
            return None
        found = self.first_word.get(token.word) or self.word.get(token.word)
        return (found, i) if found else None

    @staticmethod
    def _role_word(tokens: list[_Token], i: int, size: int) -> bool:
        """A one-word name that is also a claim's word ("the hero"): the word, not the name."""
        if size > 1:
            return False
        word = tokens[i].word
        after_article = i > 0 and tokens[i - 1].word in _ARTICLES
        return word in _FUNCTION_WORDS or (word in _ROLE_WORDS and after_article)


def _follows(tokens: list[_Token], i: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Whether the words right before token i are one of `phrases`."""
    before = [t.word for t in tokens[:i]]
    return any(tuple(before[-len(p) :]) == p for p in phrases if len(before) >= len(p))


def _precedes(tokens: list[_Token], i: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Whether the words right after token i are one of `phrases`."""
    after = [t.word for t in tokens[i + 1 :]]
    return any(tuple(after[: len(p)]) == p for p in phrases)


def _named(tokens: list[_Token], index: _Index) -> tuple[list[_Named], list[_Token]]:
    """The characters a claim names, in order, and the words that look like unknown names."""
    named: list[_Named] = []
    unknown: list[_Token] = []
    i = 0
    while i < len(tokens):
        found = index.match(tokens, i)
        if found is None:
            token = tokens[i]
            plain = token.word not in _FUNCTION_WORDS and token.word not in _ROLE_WORDS
            if plain and (token.possessive or (token.capitalised and i > 0)):
                unknown.append(token)
            i += 1
            continue
        character, last = found
        negated = _follows(tokens, i, _DENYING) or (
            not tokens[last].possessive and _precedes(tokens, last, _NEGATED_VERB)
        )
        named.append(_Named(character, i, last, tokens[last].possessive, negated))
        i = last + 1
    return named, unknown


def _role_of(text: str, tokens: list[_Token], named: list[_Named]) -> str:
    """The role a claim names, read with the names blanked out ("Hero's story")."""
    blanked = list(text)
    for found in named:
        for position in range(tokens[found.first].start, tokens[found.last].end):
            blanked[position] = " "
    rest = "".join(blanked)
    for role in _CLAIM_ORDER:
        if role.claim_words.search(rest):
            return role.name
    return MAIN_CHARACTER


def _shorten(name: str, limit: int = 40) -> str:
    """A name cut to `limit` characters for a message (a garbled cue can be any length)."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _closest(cast: Sequence[Character], written: str) -> list[str]:
    names = [c.name for c in cast]
    lowered = {n.lower(): n for n in names}
    found = difflib.get_close_matches(written.lower(), list(lowered), n=3, cutoff=0.4)
    return [lowered[f] for f in found] or names[:3]


def parse_claim(cast: Sequence[Character], title: str, text: str) -> Claim:
    """The role, the claimed character and the denied one in a claim about a story.

    `cast`: the story's individual characters, most present first. Raises
    `UnknownCharacterError` (one sentence, with examples) when the claim names
    someone not in the cast, or no one.
    """
    plain = text.replace("’", "'").replace("‘", "'")
    tokens = _tokens(plain)
    named, unknown = _named(tokens, _Index(cast))
    if any(n.possessive for n in named):
        named = [n for n in named if n.possessive or n.negated]
    claimed = next((n.character for n in named if not n.negated), None)
    denied = next((n.character for n in named if n.negated and n.character != claimed), None)
    possessive_unknown = [t for t in unknown if t.possessive]
    if claimed is None and (possessive_unknown or denied is None):
        if unknown:
            written = (possessive_unknown or unknown)[0].surface
            closest = ", ".join(_shorten(n) for n in _closest(cast, written))
            hint = f"the closest are {closest}" if closest else "it has no named characters"
            raise UnknownCharacterError(
                f"no character called {_shorten(written)!r} in {title}; {hint}."
            )
        raise UnknownCharacterError(
            f"the claim names no character of {title}; write it like {EXAMPLES}."
        )
    return Claim(_role_of(plain, tokens, named), claimed, denied, text)
