"""Configurations: who is on stage between one entrance or exit and the next.

Drama analysis segments a play finer than its scenes by its *configurations*
(Marcus 1973, "Das Drama und seine Figurenkonstellation"; Pfister, "Das Drama",
1977, 3.6.3): the set of characters on stage, which changes whenever one enters
or leaves. Plays without scene divisions (many early modern texts) have nothing
finer. This module reads them from any Story:

- a scene opens on an empty stage;
- a character who speaks is on stage (an entrance nobody wrote down);
- a stage direction (or action line) is split into clauses; a clause with an
  entrance word (`ENTRANCE`: "Enter", "tritt auf", "entre", "входит") puts the
  characters it names on stage, one with an exit word (`EXIT`: "Exit", "ab",
  "sort", "уходит") takes them off. An exit naming nobody takes off the last
  speaker, or everyone when the word is plural ("Exeunt", "Alle ab", "sortent",
  "уходят"). "Manet X" (`STAYS`: "bleibt", "reste", "остаётся") takes off everyone
  but X;
- before anyone speaks, a heading or direction that names characters without an
  entrance or exit word lists who is on stage (the German, French and Russian
  scene opening "Sophie, Fritz, Vorige."); "Vorige", "les mêmes", "те же" bring
  back whoever was on stage when the scene before ended;
- a direction names a character by its name or an alias as a whole word (a
  leading article dropped: "Mayor" for "The Mayor"), by a capitalised
  abbreviation that begins a word of one character's names only ("Exit
  Phoen."), or through the ids of TEI
  ``<stage who="...">`` (`Element.refs`) when its words name nobody.

Each configuration is a maximal run of a scene's elements with one set of
characters on stage; runs with nobody on stage are left out. Directions are
read in English, German, French and Russian; in any other language only
speakers and ``who`` ids are read.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from functools import cache

from whosestory.kinds import ACTION, HEADING, STAGE
from whosestory.model import SPOKEN_KINDS, Character, Element, Story, record

# The patterns below are compiled when a play is first read (about 2.4 ms in all): an
# analysis of a screenplay imports this module (through the soliloquies) and never reads it.
ENTRANCE: re.Pattern[str]
EXIT: re.Pattern[str]
_SHORT_EXIT: re.Pattern[str]
STAYS: re.Pattern[str]
_PLURAL: re.Pattern[str]
_PREVIOUS: re.Pattern[str]
_ALL_BUT: re.Pattern[str]
_CLAUSE: re.Pattern[str]
_ABBREVIATION: re.Pattern[str]
_TOKEN: re.Pattern[str]
_NAME_WORD: re.Pattern[str]


@cache
def _compile() -> None:
    """Compile the module's patterns (once): every reader of them calls this first."""
    global ENTRANCE, EXIT, _SHORT_EXIT, STAYS, _PLURAL, _PREVIOUS, _ALL_BUT, _CLAUSE
    global _ABBREVIATION, _TOKEN, _NAME_WORD
    # The entrance, exit and stay words are searched for in every clause of a play's
    # directions. Each pattern opens with one class of its words' first letters in either
    # case (and the letters `re.IGNORECASE` also takes for them: "ſ" for "s", the Kelvin sign
    # for "k", "ᲀ" for "в", "ᲂ" for "о"), so that the regex engine skips ahead to where a
    # word can start; a case-blind group after it picks each word by a look-behind at that
    # letter, and `(?<![\w].)` is the word start. Each matches where the plain form
    # (`\benter...|\bexit...`, case-blind throughout) does: about half the time.
    ENTRANCE = re.compile(
        r"[RrEeCcTtKk\u212aAaPpВв\u1c80Пп](?<![\w].)(?i:"
        r"(?<=r)e-?enter(?:s|eth)?\b|(?<=e)nter(?:s|eth)?\b|(?<=c)om(?:e|es|eth|meth)\s+in\b"
        r"|(?<=t)r(?:itt|eten)\b[^.;]*?\b(?:auf|ein|herein|hinzu|vor)\b"
        r"|(?<=k)omm(?:t|en)\b[^.;]*?\bherein\b"
        r"|(?<=e)rscheint\b|(?<=e)rscheinen\b|(?<=a)uftritt\b"
        r"|(?<=e)ntr(?:e|ent)\b|(?<=p)araî?(?:t|ssent)\b|(?<=a)rrivent?\b"
        r"|(?<=в)х[оа]д(?:ит|ят)\b|(?<=в)бега(?:ет|ют)\b|(?<=п)оявля(?:ется|ются)\b)"
    )
    EXIT = re.compile(
        r"[EeGgDdAaLlSs\u017fRrTtZzFfУу](?<![\w].)(?i:"
        r"(?<=e)xit(?:s|eth)?\b|(?<=e)xeunt\b|(?<=g)o(?:e|es|eth|th)?\s+(?:out|forth)\b"
        r"|(?<=d)epart(?:s|eth)\b"
        r"|(?<=a)bgang\b"
        r"|(?:(?<=g)eh|(?<=e)il|(?<=l)auf|(?<=l)äuf|(?<=s)türz|(?<=r)enn|(?<=t)ret|(?<=t)ritt"
        r"|(?<=z)ieh|(?<=s)chleich|(?<=f)ahr|(?<=f)ähr|(?<=s)pring)\w*\b"
        r"[^.;]*?\b(?:ab|hinaus|fort|weg|davon)\b"
        r"|(?<=e)ntfern(?:t|en) sich\b"
        r"|(?<=s)ort(?:ent)?\b|(?<=s)['’]en (?:va|vont)\b|(?<=s)e retir(?:e|ent)\b"
        r"|(?<=у)(?:ход|бега)(?:ит|ят|ет|ют)\b|(?<=у)даля(?:ется|ются)\b)"
    )
    # German "Ab.", "Beide ab.", "Der Graf ab.": capitalised words, then "ab"
    _SHORT_EXIT = re.compile(r"^\W*(?:[A-ZÄÖÜ][\w'’.-]*\s+(?:und\s+)?){0,4}[Aa]b\W*$")
    STAYS = re.compile(
        r"[MmBbRrОо\u1c82](?<![\w].)(?i:(?<=m)an(?:et|ent)\b|(?<=b)leib(?:t|en)\b"
        r"|(?<=r)est(?:e|ent)\b|(?<=о)ста[её]тся\b|(?<=о)стаются\b)"
    )
    _PLURAL = re.compile(
        r"\bexeunt\b|\bomnes\b|\ball\b|\bboth\b|\balle\b|\bbeide\b|\bgehen\b|\bentfernen\b"
        r"|\bsortent\b|\btous\b|\btoutes\b|\bs['’]en vont\b|\bse retirent\b"
        r"|\bуход(?:ят)\b|\bубегают\b|\bудаляются\b|\bвсе\b",
        re.IGNORECASE,
    )
    # the characters on stage at the end of the scene before ("Vorige", "les mêmes", "те же")
    _PREVIOUS = re.compile(
        r"\bvorigen?\b|\bvoriger\b|\bles (?:mêmes|précédents)\b|\bт[еоа] же\b|\bthe same\b", re.I
    )
    _ALL_BUT = re.compile(
        r"\b(?:all|alle|tous|все)\b[^.;]*?\b(?:but|außer|ausser|sauf|кроме)\b", re.I
    )
    # a direction's clauses: split at the white space after a sentence's end and around a
    # bracket. The pattern opens with one class of the characters a split can start at, so
    # the engine skips ahead to them (`(?<=[.;!?])\s+|\s*[()\[\]]\s*` tried both branches at
    # every character): the same splits on the 68,915 distinct directions of the DraCor plays
    # and on 300,000 random texts of white space, ends and brackets, in half the time
    _CLAUSE = re.compile(r"[\s()\[\]](?:(?<=[.;!?]\s)\s*|(?<=\s)\s*[()\[\]]\s*|(?<=[()\[\]])\s*)")
    # a capitalised word of three letters or more cut short with a dot: "Phoen.", "Ferd."
    # (its word start after its first letter, so that the engine skips ahead to one)
    _ABBREVIATION = re.compile(r"([A-ZÀ-ÞА-ЯЁ](?<![\w].)[^\W\d_]{2,})\.")
    _TOKEN = re.compile(r"\w+")
    _NAME_WORD = re.compile(r"[^\W\d_]{3,}")


def __getattr__(name: str) -> re.Pattern[str]:
    """`ENTRANCE`, `EXIT`, `STAYS` and the others, compiled when first asked for."""
    if name in _PATTERNS:
        _compile()
        return globals()[name]  # type: ignore[no-any-return]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_PATTERNS = frozenset(
    {"ENTRANCE", "EXIT", "_SHORT_EXIT", "STAYS", "_PLURAL", "_PREVIOUS", "_ALL_BUT", "_CLAUSE"}
    | {"_ABBREVIATION", "_TOKEN", "_NAME_WORD"}
)


def has_entrance(text: str) -> bool:
    """Whether `text` holds an entrance word (`ENTRANCE`)."""
    _compile()
    return ENTRANCE.search(text) is not None


_ARTICLES = frozenset({"the", "a", "der", "die", "das", "le", "la", "les", "l'"})
_DIRECTION_KINDS = frozenset({STAGE, ACTION})
_OPENING_KINDS = _DIRECTION_KINDS | {HEADING}


@record
class Configuration:
    """Who is on stage from `first_line` to `last_line` of scene `scene` (its index)."""

    index: int
    scene: int
    first_line: int
    last_line: int
    characters: frozenset[str]


def configurations(
    story: Story, names: list[tuple[re.Pattern[str], str]] | None = None
) -> tuple[Configuration, ...]:
    """The story's configurations, in order (see the module docstring).

    `names` are ``name_patterns(story.cast)`` when the caller has them."""
    _compile()
    names = name_patterns(story.cast) if names is None else names
    index = NameIndex(names)
    words = _name_words(story.cast)
    ids = _ids(story.cast)
    result: list[Configuration] = []
    before: frozenset[str] = frozenset()
    # a play repeats its directions and clauses ("Ab.", "Verwandlung."): each is read once
    read: tuple[dict[str, list[_Clause]], dict[str, _Clause]] = ({}, {})
    for scene in story.scenes:
        after = _Stage(names, words, ids, before, index, read).after
        runs: list[tuple[frozenset[str], int, int]] = []
        on_stage: frozenset[str] | None = None
        first = last = None
        for element in scene.elements:
            now = after(element)
            # `after` hands back the same set while nobody moves (most elements): a run's
            # span is read when it ends
            if now is not on_stage and now != on_stage:
                if on_stage is not None:
                    runs.append((on_stage, first.span.start, last.span.end))
                on_stage, first = now, element
            last = element
        if on_stage is not None:
            runs.append((on_stage, first.span.start, last.span.end))
        for characters, start, end in runs:
            if characters:
                result.append(Configuration(len(result), scene.index, start, end, characters))
        before = on_stage if on_stage is not None else frozenset()
    return tuple(result)


class NameIndex:
    """The name patterns by the first word of their name: a text can only hold a name
    whose first word is one of its words, so only those patterns are tried (in their
    order, longest first), and of those only the ones whose other words (those `checked`
    lets through) are words of the text too. A play of 865 characters has thousands of
    patterns."""

    def __init__(self, names: list[tuple[re.Pattern[str], str]]) -> None:
        _compile()
        self.by_word: dict[str, list[int]] = {}
        self.always: list[int] = []
        self._sorted: list[str] | None = None
        self._words: Mapping[str, set[str]] | None = None
        self._hits: dict[str, tuple[int, ...]] = {}
        self.others: dict[int, tuple[str, ...]] = {}
        """Each pattern's other words that `checked` lets through, as a text's words fold
        to them (`folded`)."""
        self._folds: dict[str, str] = {}
        for i, (pattern, _) in enumerate(names):
            form = _unescaped(pattern)
            first = _TOKEN.match(form)
            if first is None:  # no first word to look for: always tried
                self.always.append(i)
            else:
                for key in {first.group().lower(), first.group().casefold()}:
                    self.by_word.setdefault(key, []).append(i)
                # a case-folded form (as `name_patterns` writes it) parts its words by
                # characters that match no word character, as the text's are then parted
                if form == form.casefold():
                    others = tuple(w for w in _TOKEN.findall(form, first.end()) if checked(w))
                    if others:
                        self.others[i] = others

    def beginning(self, short: str, words: Mapping[str, set[str]]) -> set[str]:
        """The characters with a name word that `short` begins and is not ("Phoen")."""
        if self._sorted is None or self._words is not words:
            self._sorted, self._words = sorted(words), words
        found: set[str] = set()
        for i in range(bisect.bisect_left(self._sorted, short), len(self._sorted)):
            word = self._sorted[i]
            if not word.startswith(short):
                break
            if word != short:
                found.update(words[word])
        return found

    def candidates(self, text: str) -> list[int]:
        """Indices of the patterns that may match `text`, in order."""
        found = set(self.always)
        hits, of = self._hits, self._token_hits
        tokens = _TOKEN.findall(text)
        for token in tokens:
            here = hits.get(token)
            if here is None:
                here = hits[token] = of(token)
            if here:
                found.update(here)
        ordered = sorted(found)
        others = self.others
        if not any(i in others for i in ordered):
            return ordered
        # a name's other words must be words of the text too: "der" opens 15 of Kraus's
        # names and most of its directions, which hold none of those names
        known = self._folds
        words = {known.get(t) or known.setdefault(t, folded(t)) for t in tokens}
        return [i for i in ordered if i not in others or words.issuperset(others[i])]

    def _token_hits(self, token: str) -> tuple[int, ...]:
        """The patterns whose first word `token` is, in lower case or case-folded (kept in
        `_hits`: a play's directions repeat their words)."""
        lower, folded = token.lower(), token.casefold()
        found = self.by_word.get(lower, [])
        if folded != lower:
            found = found + self.by_word.get(folded, [])
        return tuple(found)


def folded(word: str) -> str:
    """`word` case-folded, the dotted and the dotless i as "i": a text's word that an
    `re.IGNORECASE` pattern's word matches folds to it, when `checked` lets that through."""
    found = word.casefold()
    if "ı" in found or "\u0307" in found:  # "İ" folds to "i" and a combining dot
        found = found.replace("i\u0307", "i").replace("ı", "i")
    return found


def checked(word: str) -> bool:
    """Whether every character of `word` is a letter of Latin, Greek or Cyrillic that is
    its own case folding, but the dotless i: every character that `re.IGNORECASE` lets
    match such a letter folds to it (`folded`), as a test checks for each of them
    against every code point. A text then holds a pattern's checked word only as a word
    of its own that folds to it."""
    return (
        word.isalpha()
        and word.casefold() == word
        and "ı" not in word
        and all(
            "a" <= c <= "z" or "\u00df" <= c <= "\u024f" or "\u0370" <= c <= "\u052f" for c in word
        )
    )


_BEFORE, _AFTER = r"(?<!\w)", r"(?!\w)"
"""The whole-word guards of `name_patterns`' patterns."""


def _unescaped(pattern: re.Pattern[str]) -> str:
    """The name a `name_patterns` pattern matches (its escaped text between the guards), or
    "" for a pattern written some other way (`NameIndex` then always tries it)."""
    text = pattern.pattern
    if not (text.startswith(_BEFORE) and text.endswith(_AFTER)):
        return ""
    return re.sub(r"\\(.)", r"\1", text[len(_BEFORE) : -len(_AFTER)])


class _Stage:
    """Who is on stage, updated element by element."""

    def __init__(
        self,
        names: list[tuple[re.Pattern[str], str]],
        words: Mapping[str, set[str]],
        ids: Mapping[str, str],
        before: frozenset[str],
        index: NameIndex | None = None,
        read: tuple[dict[str, list[_Clause]], dict[str, _Clause]] | None = None,
    ) -> None:
        _compile()
        self.names = names
        self.index = index or NameIndex(names)
        self.read, self.read_clauses = ({}, {}) if read is None else read
        """Each direction's text -> its clauses, and each clause's text -> the clause, as
        `clauses` reads them (shared by a play's scenes: what a clause names and whether it
        moves anyone depend on its text only)."""
        self.words = words
        self.ids = ids
        self.before = before
        self.on: set[str] = set()
        self.speaker: str | None = None
        self.last: frozenset[str] | None = None
        """`on` as `after` last returned it; None once `on` may have changed."""

    def after(self, element: Element) -> frozenset[str]:
        kind = element.kind
        if kind in SPOKEN_KINDS and (speaker := element.speaker):
            if speaker not in self.on:
                self.on.add(speaker)
                self.last = None
            self.speaker = speaker
        elif kind in _OPENING_KINDS:
            self.last = None
            clauses = self.clauses(element.text)
            if kind is HEADING:
                clauses = clauses[
                    1:
                ]  # "SCÈNE III." lists nobody; a title as head ("The Phoenix") neither
            # the ``who`` ids name whom a clause that names nobody means, when it is the
            # direction's one clause that moves anyone (most directions have no ids)
            given: list[str] = []
            if element.refs and sum(said.moves for _, said in clauses) == 1:
                given = [self.ids[r] for r in element.refs if r in self.ids]
            for clause, said in clauses:
                if self.speaker is None and not said.moves:
                    self.opening(clause, self.named_in(clause, said) or given)
                elif kind is not HEADING:
                    self.direct(clause, said, given)
        if self.last is None:  # most elements change nobody: the same set again
            self.last = frozenset(self.on)
        return self.last

    def clauses(self, text: str) -> list[_Clause]:
        """The clauses of a direction, each with its movement words, read once per text."""
        found = self.read.get(text)
        if found is None:
            found = [self.clause(c) for c in _CLAUSE.split(text) if c.strip()]
            self.read[text] = found
        return found

    def clause(self, text: str) -> _Clause:
        found = self.read_clauses.get(text)
        if found is None:
            found = self.read_clauses[text] = (text, _Words(text))
        return found

    def named_in(self, clause: str, said: _Words) -> list[str]:
        """The characters `clause` names (`named`), read when first asked for: most of a
        play's clauses neither move anyone nor open a scene, and what they name is never
        asked (Kraus: 678 of 2,290)."""
        if said.named is None:
            said.named = self.named(clause)
        return said.named

    def opening(self, clause: str, named: list[str]) -> None:
        """Before anyone speaks, a heading or direction that names characters lists who
        is on stage ("Sophie, Fritz, Vorige.", "SCÈNE II. Hernani, doña Sol")."""
        self.on.update(named)
        if _PREVIOUS.search(clause):
            self.on.update(self.before)

    def named(self, text: str) -> list[str]:
        found: list[str] = []
        taken: list[tuple[int, int]] = []
        for i in self.index.candidates(text):
            pattern, character = self.names[i]
            for match in pattern.finditer(text):
                span = match.span()
                if any(s < span[1] and span[0] < e for s, e in taken):
                    continue  # "Second Witch" is not also "Witch"
                taken.append(span)
                if character not in found:
                    found.append(character)
        for match in _ABBREVIATION.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            meant = self.index.beginning(match.group(1).casefold(), self.words)
            if len(meant) == 1 and (character := meant.pop()) not in found:
                found.append(character)  # "Exit Phoen.": the one name "Phoen" begins
        return found

    def direct(self, clause: str, said: _Words, refs: list[str]) -> None:
        """Apply one clause of a stage direction (`said`: its entrance and exit words;
        `refs`: whom its direction's ``who`` ids name, when the clause names nobody and is
        the direction's one clause that moves anyone)."""
        stays = STAYS.search(clause) is not None
        if not (stays or said.moves):
            return  # what the clause names changes nobody
        named = self.named_in(clause, said) or refs
        if stays and named:
            self.on = set(named)
        elif said.exits:
            if _ALL_BUT.search(clause) and named:
                self.on = set(named)
            elif named:
                self.on.difference_update(named)
            elif _PLURAL.search(clause):
                self.on.clear()
            elif self.speaker:
                self.on.discard(self.speaker)
        elif said.enters:
            self.on.update(named)


class _Words:
    """Whether a clause has an entrance word and an exit word, each read once, and the
    characters it names (`_Stage.named_in`: None until asked; never changed once read)."""

    __slots__ = ("enters", "exits", "moves", "named")

    def __init__(self, clause: str) -> None:
        self.enters = ENTRANCE.search(clause) is not None
        self.exits = EXIT.search(clause) is not None or _SHORT_EXIT.match(clause) is not None
        self.moves = self.enters or self.exits
        self.named: list[str] | None = None


_Clause = tuple[str, _Words]
"""A clause of a direction and its words."""


def _ids(cast: Iterable[Character]) -> dict[str, str]:
    """Each name and alias of the cast (TEI ids among them) -> its character."""
    return {name: c.name for c in cast for name in c.names()}


def _name_words(cast: Iterable[Character]) -> dict[str, set[str]]:
    """Each word of a name a character goes by -> the characters whose names hold it."""
    _compile()
    words: dict[str, set[str]] = {}
    find = _NAME_WORD.findall
    for character in cast:
        own = character.name
        for name in character.names():
            for word in find(name.casefold()):
                found = words.get(word)  # no set made for a word seen before
                if found is None:
                    words[word] = {own}
                else:
                    found.add(own)
    return words


def name_patterns(cast: Iterable[Character]) -> list[tuple[re.Pattern[str], str]]:
    """Whole-word patterns for every name a character goes by, longest first."""
    forms: dict[str, str] = {}
    for character in cast:
        for name in character.names():
            words = name.split()
            for form in (name, " ".join(words[1:]) if words[0].lower() in _ARTICLES else ""):
                if len(form) > 1 and "_" not in form and not any(map(str.isdigit, form)):
                    forms.setdefault(form.casefold(), character.name)
    ordered = sorted(forms, key=len, reverse=True)
    return [(re.compile(_BEFORE + re.escape(f) + _AFTER, re.IGNORECASE), forms[f]) for f in ordered]
