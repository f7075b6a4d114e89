"""Where characters are named or referred to outside their own speech.

Names are matched in action lines and stage directions in the forms a script
writes them: the cue in capitals (``EDWARD BLOOM``), in title case (``Edward
Bloom``), and by a first name or surname that only one character has. Lower-case
words never match, so a character called ``WILL`` is not found in "it will rain".
``he``/``she`` (and their other forms) are resolved to the most recent character
of that gender named or speaking in the same scene; a character's gender is
inferred from the pronouns that follow its name (a vote, kept only when clear).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from whosestory._lazy import LazyPattern
from whosestory.cast import TITLE_GENDER, key_of
from whosestory.language import gendered_pronouns
from whosestory.model import SPOKEN_KINDS, Character, Element, Kind, Mention, Scene

_PRONOUNS = gendered_pronouns("en")
_PRONOUN_PATTERN = (
    r"(?P<pro>[HhSs](?<![\w].)(?:(?<=[Hh])(?:[Ee](?:[Rr](?:[Ss](?:[Ee][Ll][Ff])?)?)?|"
    r"[Ii](?:[Mm](?:[Ss][Ee][Ll][Ff])?|[Ss]))|(?<=[Ss])[Hh][Ee]))(?![\w])"
)
_PRONOUN_RE = re.compile(_PRONOUN_PATTERN)
"""he, him, his, himself, she, her, hers, herself in any case, as words, spelt out letter
by letter. The pattern opens with one class of the four first letters, so the regex engine
skips ahead to where one can start (it does so only for a class, a letter, or a choice of
single letters; two branches that open with ``[Hh]`` and ``[Ss]`` made it try every
position: 1.8 times as long on the films' action lines); the look-behind after the first
letter keeps it to word starts, and ``(?<=[Hh])`` picks the branch."""


def _pronouns(language: str | None) -> tuple[Mapping[str, str], re.Pattern[str] | None]:
    """A language's gendered pronouns (`whosestory.language.gendered_pronouns`) and their
    pattern; English keeps the fast pattern above. No pattern for a language without."""
    if language in (None, "en"):
        return _PRONOUNS, _PRONOUN_RE
    pronouns = gendered_pronouns(language)
    if not pronouns:
        return pronouns, None
    words = "|".join(sorted(map(re.escape, pronouns), key=len, reverse=True))
    return pronouns, re.compile(rf"(?<![\w])(?P<pro>(?i:{words}))(?![\w])")


_NAME_GENDER_WORDS = {
    "m": {"MAN", "BOY", "FATHER", "DAD", "BROTHER", "HUSBAND", "SON", "UNCLE", "KING", "GUY"},
    "f": {"WOMAN", "GIRL", "MOTHER", "MOM", "MUM", "SISTER", "WIFE", "DAUGHTER", "AUNT", "LADY"},
}
_FUNCTION_WORDS = frozenset(
    """THE A AN OF AND OR TO IN ON AT BY FOR WITH FROM YOUNG OLD MAN WOMAN BOY GIRL
    VOICE ALL BOTH TWO THREE FIRST SECOND THIRD FOURTH
    LE LA LES L' UN UNE DE DU DES D' AU AUX ET TOUS TOUTES DEUX TROIS
    PREMIER PREMIÈRE SECOND SECONDE
    DER DIE DAS DEN DEM DES EIN EINE EINEN EINEM EINER EINES VON VOM ZU ZUM ZUR UND
    ER SIE ES ALLE BEIDE ZWEI DREI ERSTER ERSTE ZWEITER ZWEITE DRITTER DRITTE
    ВСЕ ОБА ДВА ТРИ ПЕРВЫЙ ПЕРВАЯ ВТОРОЙ ВТОРАЯ ТРЕТИЙ ТРЕТЬЯ
    HOMME FEMME GARÇON FILLE VOIX JEUNE VIEUX VIEIL VIEILLE
    MANN WEIB KNABE MÄDCHEN STIMME JUNG JUNGE ALT ALTE ALTER
    МУЖЧИНА ЖЕНЩИНА МАЛЬЧИК ДЕВОЧКА ГОЛОС СТАРЫЙ СТАРАЯ МОЛОДОЙ МОЛОДАЯ""".split()
)
"""Words that name nobody on their own, in the languages of the plays read (articles,
prepositions, pronouns, numbers, and the words for a man, a woman, a child, a voice, young
and old): never a short form of a longer name. *Le Vieil Horace* is not every sentence that
opens with *Le*, nor *Der Mann* every man the others speak of."""
_POSSESSIVE_RE = re.compile(r"['’]S$")
"""A possessive word: WILL'S DATE is found as itself, never as "Will's" (Will's own) or
"Date"."""
_RANKS = frozenset({"KING", "QUEEN", "PRINCE", "PRINCESS"})
"""Titles a story uses alone for the one character who holds them ("the King" for King
Claudius), when no other name has them and no one is called by the title alone; other
titles (Mr, Sir, Lady, Doctor) are also words of address for anyone."""
_SCANNED_KINDS = frozenset({Kind.ACTION, Kind.STAGE})
MAX_NAME_CHARS = 60
"""Longest name looked for in the text: a cue longer than this is not a name anyone
writes in an action line, and the name pattern nests one group per character."""
_MIN_VOTES_SHARE = 0.7


def _title_case(word: str) -> str:
    if word[:2].upper() == "MC" and len(word) > 2:
        return "Mc" + word[2:].capitalize()
    return "-".join(part.capitalize() for part in word.split("-"))


def _words(name: str) -> list[str]:
    """A name's words without the commas and colons between them (``GEORGE, DUKE``)."""
    return [w for w in (part.strip(",;:") for part in name.split()) if w]


_ONE_LETTER_WORDS = frozenset("AIO")
"""Letters that are words of their own ("A", "I", "O"): never a name. Any other capital
letter alone can be one: Z in *Antz*, M in the Bond films."""


def _first(parts: Sequence[str]) -> str:
    """A name's first word past its articles and the like (`_FUNCTION_WORDS`): HIERLINGER of
    DER HIERLINGER FERDINAND, as an Austrian play names a man surname first."""
    return next((p for p in parts if p.rstrip(".") not in _FUNCTION_WORDS), parts[0])


def surface_forms(names: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Surface form -> id, for each id's names in capitals and title case.

    A first or last word of a multi-word name is added only when no other id
    uses that word and the name holds no possessive (``WILL'S DATE``); title words
    (``MR.``, ``DR.``), articles and generic nouns (``THE``, ``MAN``) alone never are,
    save a royal rank (`_RANKS`: ``KING`` of ``KING CLAUDIUS``) that no one else holds, nor
    are names longer than `MAX_NAME_CHARS`. A name that is a title alone (a play's ``King``)
    is found by it.
    """
    words: dict[str, set[str]] = defaultdict(set)
    for ident, forms in names.items():
        for form in forms:
            parts = _words(key_of(form))
            if len(parts) > 1:
                words[_first(parts)].add(ident)
                words[parts[-1]].add(ident)
    whole_of: dict[str, set[str]] = defaultdict(set)
    for ident, forms in names.items():
        for form in forms:
            whole_of[key_of(form)].add(ident)
    surfaces: dict[str, str] = {}
    for ident, forms in names.items():
        for form in forms:
            key = key_of(form)
            if not 1 <= len(key) <= MAX_NAME_CHARS or "_" in key or not re.search(r"[^\W\d_]", key):
                continue
            if len(key) == 1 and key in _ONE_LETTER_WORDS:
                continue
            candidates = [key]
            parts = _words(key)
            if len(parts) > 1 and not any(_POSSESSIVE_RE.search(p) for p in parts):
                candidates += [p for p in (_first(parts), parts[-1]) if len(words[p]) == 1]
            for candidate in candidates:
                bare = candidate.rstrip(".")
                if bare in _FUNCTION_WORDS or (
                    bare in TITLE_GENDER
                    and candidate != key
                    and (bare not in _RANKS or bare in whole_of)
                ):
                    continue
                if len(bare) < 2 < len(key):
                    continue
                if candidate != key and whole_of.get(candidate, {ident}) != {ident}:
                    continue  # another's whole name (MACBETH is not LADY MACBETH's)
                titled = " ".join(_title_case(w) for w in candidate.split())
                for surface in (candidate, titled):
                    surfaces.setdefault(surface, ident)
    return surfaces


_last_cast: tuple[tuple[Character, ...], dict[str, str]] = ((), {})
"""The characters `cast_surface_forms` was last asked about, and their surface forms."""


def cast_surface_forms(characters: Iterable[Character]) -> Mapping[str, str]:
    """`surface_forms` of the characters' names (each with all its names), kept for the
    last characters asked about: the builder's mentions and the quotes' `Namer` read the
    same cast's people, the same objects (so comparing them is comparing pointers).
    Read-only: the mapping is shared."""
    global _last_cast
    people = tuple(characters)
    if people != _last_cast[0]:
        _last_cast = (people, surface_forms({c.name: c.names() for c in people}))
    return _last_cast[1]


def prefix_tree(words: Iterable[str]) -> dict[str, dict]:
    """The words as nested dicts, a character a level; ``""`` marks a word's end."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return tree


def _trie(words: Iterable[str], after_first: str = "") -> str:
    """A regex matching any of the words, as a prefix tree: Python's re tries an
    alternation's branches one by one, so a trie is many times faster on a cast.

    `after_first` goes right after each word's first character (`_pattern` puts a
    look-behind there, so the pattern still opens with letters the engine can skip
    ahead to)."""
    tree = prefix_tree(words)
    escaped: dict[str, str] = {}

    def walk(node: dict[str, dict], after: str = "") -> str:
        # a run of nodes with one child and no end is one string, written in one pass
        # (most of a cast's trie: names share their first letters, rarely more)
        run: list[str] = []
        while len(node) == 1 and "" not in node:
            ((c, node),) = node.items()
            run.append((escaped.get(c) or escaped.setdefault(c, re.escape(c))) + after)
            after = ""
        ends = "" in node
        branches = [
            (escaped.get(c) or escaped.setdefault(c, re.escape(c))) + after + walk(child)
            for c, child in sorted(node.items())
            if c
        ]
        if not branches:
            return "".join(run)
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "".join(run) + f"(?:{body})?"
        return "".join(run) + body

    return walk(tree, after_first)


_NOT_IN_WORD = r"(?<![\w'].)"
"""After a name's first character: the character before it is no letter, digit, ``_``
or apostrophe (``O'Hara`` holds no ``HARA``)."""


def _pattern(surfaces: Mapping[str, str], pronouns: bool = True) -> re.Pattern[str]:
    """Names (as a prefix tree) and, unless `pronouns` is off, he/she and their forms,
    each starting a word."""
    alternation = _trie(surfaces, _NOT_IN_WORD)
    name = rf"(?P<name>{alternation})(?![\w])" if alternation else r"(?P<name>(?!x)x)"
    return re.compile(f"{name}|{_PRONOUN_PATTERN}" if pronouns else name)


def infer_genders(
    names: Iterable[str], texts: Iterable[str], language: str | None = None
) -> dict[str, str | None]:
    """Guess each name's gender from the first pronoun after it in the same paragraph.

    Also counts gendered words in the name itself (``MRS.``, ``MOTHER``). Returns
    ``"m"``, ``"f"`` or None (no clear majority) for every name. Pronouns are those
    of `language` (None: English); a language without a list gives no pronoun votes.
    """
    pronouns, pronoun_re = _pronouns(language)
    keys = sorted({key_of(n) for n in names if n})
    surfaces = surface_forms({k: [k] for k in keys})
    votes: dict[str, Counter[str]] = {k: Counter() for k in keys}
    for key in keys:
        for word in key.replace(".", "").split():
            gender = TITLE_GENDER.get(word) or next(
                (g for g, ws in _NAME_GENDER_WORDS.items() if word in ws), None
            )
            if gender:
                votes[key][gender] += 3
    if surfaces and pronoun_re is not None:
        # names alone are found fast; a pronoun is looked for only between a name and the next
        names_only = _pattern(surfaces, pronouns=False)
        for text in texts:
            found = list(names_only.finditer(text))
            for i, match in enumerate(found):
                end = found[i + 1].start() if i + 1 < len(found) else len(text)
                pronoun = pronoun_re.search(text, match.end(), end)
                if pronoun is not None:
                    who = surfaces[match.group("name")]
                    votes[who][pronouns[pronoun.group("pro").lower()]] += 1
    genders: dict[str, str | None] = {}
    for key, counter in votes.items():
        total = sum(counter.values())
        top, n = counter.most_common(1)[0] if counter else (None, 0)
        genders[key] = top if total and n / total >= _MIN_VOTES_SHARE else None
    return genders


def _talked_about(
    element: Element,
    scene: int,
    surfaces: Mapping[str, str],
    pattern: re.Pattern[str],
    out: list[Mention],
) -> None:
    """Names of other characters in a speech: being talked about (via ``"speech"``)."""
    for match in pattern.finditer(element.text):
        surface = match.group("name")
        if surface and surfaces[surface] != element.speaker:
            out.append(
                Mention(surfaces[surface], scene, element.line, surface, "speech", match.start())
            )


def find_mentions(
    scenes: Sequence[Scene],
    cast: Sequence[Character],
    ids: Mapping[str, str] | None = None,
    language: str | None = None,
) -> tuple[Mention, ...]:
    """Every name, pronoun and stage reference to a character outside its own speech.

    Action and stage lines give ``name``, ``pronoun`` and ``stage`` mentions (the
    character is there); other characters' speeches give ``speech`` mentions
    (the character is talked about, present or not).

    `ids` maps source ids (TEI xml:ids in `Element.refs`) to character names.
    Group characters are not searched for by name. Pronouns are those of `language`
    (None: English); a language without a list gives no pronoun mentions.
    """
    pronouns, pronoun_re = _pronouns(language)
    surfaces = cast_surface_forms(c for c in cast if not c.group)
    gender = {c.name: c.gender for c in cast if not c.group}
    names_only = _pattern(surfaces, pronouns=False)  # names, then pronouns between them:
    ids = ids or {}  # two fast scans rather than one slow one
    mentions: list[Mention] = []
    for scene in scenes:
        recent: dict[str, str] = {}
        for element in scene.elements:
            if element.speaker and element.kind in SPOKEN_KINDS:
                _talked_about(element, scene.index, surfaces, names_only, mentions)
                if element.refs:  # TEI's who: screenplays have none
                    mentions.extend(
                        Mention(ids[ref], scene.index, element.line, ref, "stage")
                        for ref in element.refs
                        if ref in ids
                    )
            if element.speaker and element.speaker in gender:
                if gender[element.speaker]:
                    recent[gender[element.speaker]] = element.speaker  # type: ignore[index]
                continue
            if element.kind not in _SCANNED_KINDS:
                continue
            for ref in element.refs:
                if ref in ids:
                    mentions.append(Mention(ids[ref], scene.index, element.line, ref, "stage"))
            text, start = element.text, 0
            for match in (*names_only.finditer(text), None):
                end = match.start() if match is not None else len(text)
                # a pronoun before anyone of its gender is named refers to no one
                if recent and pronoun_re is not None:
                    # searched match by match, as finditer would (a pronoun is never empty):
                    # most stretches hold none, and a search costs less than an iterator
                    pronoun = pronoun_re.search(text, start, end)
                    while pronoun is not None:
                        word = pronoun.group("pro")
                        who = recent.get(pronouns[word.lower()])
                        if who:
                            mentions.append(
                                Mention(
                                    who, scene.index, element.line, word, "pronoun", pronoun.start()
                                )
                            )
                        pronoun = pronoun_re.search(text, pronoun.end(), end)
                if match is None:
                    break
                surface = match.group("name")
                who = surfaces[surface]
                mentions.append(
                    Mention(who, scene.index, element.line, surface, "name", match.start())
                )
                if gender.get(who):
                    recent[gender[who]] = who  # type: ignore[index]
                start = match.end()
    return tuple(mentions)


_OLD_SPELLING_RE = LazyPattern(r"\b[A-Z][a-z]{3,}\b")
_LOWER_WORD_RE = LazyPattern(r"\b[a-z]{4,}\b")
_CAPITALISED_RE = LazyPattern(r"\b[^\W\d_a-zà-ÿ][^\W\d_A-ZÀ-Þ]{3,}\b")
_LOWER_RE = LazyPattern(r"\b[^\W\d_A-ZÀ-Þ]{4,}\b")


def _spelling_key(word: str) -> str:
    """A name's word with early modern English spelling folded away: i and j, u and v, y
    and i, tch and ch, ck and k are one letter (*Franck*, *Pembrocke*); doubled letters
    one; a final e of a longer word none, once doubled letters are one (*Iulio* and
    *Julio*, *Euadne* and *Evadne*, *Dutchess* and *Duchess*, *Besse* and *Bess*); and
    past its first two letters, in a word of five letters or more, e and i are one
    (*Grissill* and *Grissel*, *Iphigina* and *Iphigena*)."""
    key = word.casefold().replace("j", "i").replace("v", "u").replace("y", "i")
    key = re.sub(r"(.)\1+", r"\1", key.replace("tch", "ch").replace("ck", "k"))
    key = key[:-1] if len(key) > 3 and key.endswith("e") else key
    return key[:2] + key[2:].replace("e", "i") if len(key) > 4 else key


def _unaccented_key(word: str) -> str:
    """A name's word without its accents: a French list of persons, like much French print,
    may leave the capitals bare (*Eraste* for *Éraste*, *Don Cesar* for *César*)."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_SPELLINGS: Mapping[str, tuple[Callable[[str], str], LazyPattern, LazyPattern]] = {
    "en": (_spelling_key, _OLD_SPELLING_RE, _LOWER_WORD_RE),
    "fr": (_unaccented_key, _CAPITALISED_RE, _LOWER_RE),
}
"""For each language whose plays spell names otherwise than their list of persons: the
key a spelling folds to, the pattern of a capitalised word, and of a word in lower case."""

SPELLING_LANGUAGES = frozenset(_SPELLINGS)


def old_spellings(
    texts: Iterable[str], speeches: Iterable[str], cast: Sequence[Character], language: str
) -> dict[str, tuple[str, ...]]:
    """The spellings a play's text gives a character's name words where its list of persons
    spells them otherwise (`_SPELLINGS`): an English print's old spelling against the list's
    modern one, a French list's bare capitals against the text's accents. Character ->
    spellings; nothing for a language without such a key.

    A capitalised word of four letters or more in `texts` is one of a character's names
    when its folded spelling is that of a word of exactly one character's name, it is no
    character's name itself, and the `speeches` never write it in lower case (a name never
    is: *Marry* the oath folds as *Mary* does, and *marry* is in every play). An old print's
    stage directions are no such evidence: they write names in lower case as often as not
    (*Enter sir William scarborrow*). A word that folds to a word of several people's names
    is the one's whose whole name it is, as in `surface_forms` (*Franckford* is Frankford's,
    not Anne Frankford's), and otherwise no one's.
    """
    if language not in _SPELLINGS:
        return {}
    fold, capitalised_re, lower_re = _SPELLINGS[language]
    owners: dict[str, set[str]] = defaultdict(set)
    whole: dict[str, set[str]] = defaultdict(set)
    own_words: set[str] = set()
    for character in cast:
        if character.group:
            continue
        for name in character.names():
            words = name.split()
            for word in words:
                if len(word) >= 4 and word[:1].isupper():
                    owners[fold(word)].add(character.name)
                    own_words.add(word.casefold())
            if len(words) == 1:
                whole[fold(name)].add(character.name)
    capitalised: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        capitalised.update(capitalised_re.findall(text))
    for text in speeches:
        lower.update(lower_re.findall(text))
    found: dict[str, list[str]] = defaultdict(list)
    for word in sorted(capitalised):
        folded = word.casefold()
        if folded in own_words or folded in lower:
            continue
        key = fold(word)
        who = owners.get(key, set())
        if len(who) > 1:  # another's whole name is no short form (`surface_forms`)
            who = whole.get(key, set())
        if len(who) == 1:
            found[next(iter(who))].append(word)
    return {name: tuple(words) for name, words in found.items()}
