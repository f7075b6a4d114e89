"""Who is who: merging cue names into characters, each merge with its reason.

A script cues one person many ways (``ANNA``, ``ANNA KARLSSON``, ``OLD ANNA``,
``ANNA'S VOICE``, ``NARRATOR`` when the script says who narrates). The rules
here merge those names, and refuse merges that would join two real people:

- two names that both speak in one scene (outside voice-over) are two people;
- a name introduced as a relative of another (``MRS. KARLSSON, Anna's mother``)
  is never merged into it;
- ambiguous short forms (a first name shared by two full names) are left alone;
- a generic noun (``WOMAN``, ``GIRL``) is never a short form or a younger self of a
  longer name (``WOMAN IN CROWD``, ``LITTLE GIRL``);
- a titled name (``CAPTAIN SMITH``, ``FIRST OFFICER MURDOCH``) joins the one character
  with that surname, also where the script switches names within a scene, never where
  the two answer each other;
- a user alias file can force or forbid any merge (`load_alias_file`); a name in it
  that matches no cue is an error.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from itertools import pairwise

from whosestory._lazy import LazyPattern
from whosestory.aliases import AliasRules
from whosestory.language import holding_any
from whosestory.model import Alias, CastEntry, Character, record
from whosestory.screenplay import POSSESSIVE, RANKS, is_group_name
from whosestory.titles import ARTICLES, FAMILY_TITLES

_POSSESSIVE_VOICE_RE = re.compile(
    r"^(?P<base>.+?)" + POSSESSIVE + r"(?:\s+(?:(?:RECORDED|INNER|OLDER|YOUNGER|TAPED|FILTERED|"
    r"INTERCOM|RADIO|PHONE|TELEPHONE)\s+)?(?:VOICE|THOUGHTS|ANSWERING MACHINE|NARRATION))?$"
)
_VOICE_OF_RE = re.compile(r"^(?:THE\s+)?VOICE OF\s+(?P<base>.+)$")
_AGE_PREFIX_RE = re.compile(
    r"^(?:OLD|OLDER|YOUNG|YOUNGER|LITTLE|ADULT|TEEN|TEENAGE|TEENAGED|BABY|KID|ELDERLY|AGED|"
    r"GROWN|GROWN-UP|CHILD|YOUTHFUL|MIDDLE-AGED|PRESENT|PRESENT-DAY|FUTURE|YOUNGEST)\s+(?P<base>.+)$"
)
_NUMBER = (
    r"(?:\d+|ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN|ELEVEN|TWELVE|THIRTEEN|"
    r"FOURTEEN|FIFTEEN|SIXTEEN|SEVENTEEN|EIGHTEEN|NINETEEN|TWENTY|THIRTY|FORTY|FIFTY|"
    r"SIXTY|SEVENTY|EIGHTY|NINETY)"
)
_AGE_SUFFIX_RE = re.compile(
    r"^(?P<base>.+?)\s+(?:AS\s+AN?\s+(?:CHILD|BOY|GIRL|TEEN|TEENAGER|KID|YOUNG MAN|YOUNG WOMAN|"
    rf"OLD MAN|OLD WOMAN|ADULT)|(?:AGED?|AT)\s+{_NUMBER}|{_NUMBER}\s+YEARS\s+OLD|"
    r"\(\d+\)|JR|SR|\d{2,3}|\(?(?:YOUNG|OLD|OLDER|YOUNGER|ADULT|TEEN|KID|CHILD)\)?)$"
)
_MEDIA_SUFFIX_RE = re.compile(
    r"^(?P<base>.+?)\s+(?:ON\s+(?:PHONE|TV|TAPE|RADIO|SCREEN|VIDEO|SPEAKER|MONITOR|"
    r"INTERCOM|THE PHONE)|IN\s+(?:DREAM|FLASHBACK|PHOTO)|OVER\s+(?:PHONE|RADIO|INTERCOM))$"
)
TITLE_GENDER: Mapping[str, str | None] = {
    "MR": "m",
    "MISTER": "m",
    "SIR": "m",
    "LORD": "m",
    "MRS": "f",
    "MS": "f",
    "MISS": "f",
    "LADY": "f",
    "MADAME": "f",
    "MADEMOISELLE": "f",
    "MONSIEUR": "m",
    "HERR": "m",
    "FRAU": "f",
    "FRÄULEIN": "f",
    "DR": None,
    "DOCTOR": None,
    "PROFESSOR": None,
    "PROF": None,
    "CAPTAIN": None,
    "CAPT": None,
    "DETECTIVE": None,
    "DET": None,
    "AGENT": None,
    "OFFICER": None,
    "SERGEANT": None,
    "SGT": None,
    "LIEUTENANT": None,
    "LT": None,
    "COLONEL": None,
    "GENERAL": None,
    "SENATOR": None,
    "JUDGE": None,
    "FATHER": "m",
    "SISTER": "f",
    "UNCLE": "m",
    "AUNT": "f",
    "COACH": None,
    "NURSE": None,
    "PRINCE": "m",
    "PRINCESS": "f",
    "KING": "m",
    "QUEEN": "f",
}
GENERIC_NOUNS = frozenset(
    """MAN WOMAN GIRL BOY GUY LADY KID CHILD BABY TEEN TEENAGER GUARD COP COPS OFFICER SOLDIER
    NURSE DOCTOR WAITER WAITRESS DRIVER CLERK BARTENDER PRIEST DRUNK STRANGER VOICE PILOT
    REPORTER SECRETARY RECEPTIONIST OPERATOR ANNOUNCER CUSTOMER PATIENT PASSENGER STUDENT
    TEACHER AGENT SAILOR WORKER FARMER POLICEMAN DETECTIVE THUG HOOKER BUM TOURIST
    VOICES PERSON FIGURE SERVANT MAID BUTLER PORTER VENDOR""".split()
)
"""Nouns that name a kind of person, not one person: never the first name, surname or
younger self of a longer name (WOMAN is not WOMAN IN CROWD, GIRL is not LITTLE GIRL)."""
_RELATIVES = (
    "mother|father|mom|dad|mum|sister|brother|wife|husband|son|daughter|aunt|uncle|"
    "grandmother|grandfather|grandma|grandpa|cousin|niece|nephew|widow|boss|friend|"
    "girlfriend|boyfriend|fiancee|fiance|lawyer|doctor|partner|assistant|secretary"
)
_RELATIVE_HINT_RE = re.compile(r"['’]s\s+(?:" + _RELATIVES + r")\b")
_NARRATOR_NAMES = frozenset({"NARRATOR", "THE NARRATOR", "NARRATION"})


@record
class CueUse:
    """One cue occurrence as the cast resolver sees it."""

    name: str
    scene: int
    voice_over: bool
    extensions: tuple[str, ...] = ()
    unison: bool = False
    """The speech is marked as spoken together: ``(together)``, ``(in unison)``."""


@record
class Cast:
    """The resolved cast and the map from every cue key to its character name."""

    characters: tuple[Character, ...]
    canonical: Mapping[str, str]

    def resolve(self, name: str) -> str | None:
        return self.canonical.get(key_of(name))


CHORUS_WORDS = frozenset(
    {"CHORUS", "SEMICHORUS", "CHOEUR", "CHŒUR", "CHOEURS", "CHOR", "ХОР", "CORO"}
)
"""A chorus, in the languages of the plays read: a collective voice, whatever the list of
persons calls it (DraCor's French plays list *Le Chœur* as a person)."""

_ALL_WORDS = frozenset({"ALL", "BOTH", "TOUS", "TOUTES", "ALLE", "BEIDE", "ВСЕ", "ОБА", "ОБЕ"})
"""All of them, or both, in the languages of the plays read: a name that is this word alone
is a group, whatever the list of persons calls it (*Tous* in *Ubu Roi* and *Cyrano*)."""


def is_collective(name: str) -> bool:
    """True for a chorus (*Le Chœur*, *Chor der Jäger*, *Semi-Chorus*, *Хор*) or all of them
    (*Tous*, *Alle*, *Все*): a group."""
    bare = re.sub(r"\(.*?\)", " ", key_of(name))  # DraCor's scenes: *Alle (II/13)*
    words = bare.replace("-", "").replace("SEMI ", "SEMI").split()
    while words and words[0].lower() in ARTICLES:
        words = words[1:]
    if not words:
        return False
    return words[0] in CHORUS_WORDS or (len(words) == 1 and words[0] in _ALL_WORDS)


@functools.lru_cache(maxsize=8192)
def key_of(name: str) -> str:
    """The key cue names are compared by: upper case, single spaces, no trailing dots."""
    return " ".join(name.upper().replace("’", "'").split()).strip(" .")


class _Merger:
    """Union-find over cue keys, remembering why each name joined its group."""

    def __init__(self, names: Iterable[str], apart: set[frozenset[str]], soft: _CoSpeaking) -> None:
        self.parent = {n: n for n in names}
        self.reason: dict[str, str] = {}
        self.apart = apart
        self.soft = soft

    def find(self, name: str) -> str:
        while self.parent[name] != name:
            self.parent[name] = self.parent[self.parent[name]]
            name = self.parent[name]
        return name

    def members(self, root: str) -> list[str]:
        return [n for n in self.parent if self.find(n) == root]

    def union(
        self,
        alias: str,
        base: str,
        reason: str,
        forced: bool = False,
        same_person: bool = False,
        renamed: bool = False,
    ) -> bool:
        """Join alias's group to base's, unless a member pair must stay apart.

        `same_person` variants (an age or a voice of one name) ignore the soft rule
        that two names speaking in one scene are two people: a frame scene often
        dissolves from OLD ROSE to ROSE. A `renamed` titled name (``CAPTAIN SMITH``
        for ``SMITH``) may share a scene when the script switches from one name to
        the other there, never when the two answer each other (`_CoSpeaking.answers`).
        """
        ra, rb = self.find(alias), self.find(base)
        if ra == rb:
            return False
        if not forced:
            for a in self.members(ra):
                for b in self.members(rb):
                    pair = frozenset((a, b))
                    if pair in self.apart:
                        return False
                    if same_person or pair not in self.soft:
                        continue
                    if not (renamed and not self.soft.answers(a, b)):
                        return False
        self.parent[ra] = rb
        self.reason.setdefault(alias, reason)
        self.reason.setdefault(base, reason)
        return True


class _CoSpeaking:
    """Pairs of names that speak in one scene outside voice-over: two people.

    Answers ``frozenset((a, b)) in co_speaking`` from each name's scenes rather than
    listing every pair, which a crowd scene makes quadratic (a scene with a
    thousand speakers has half a million pairs). A cue that names a voice
    (``ANNA'S VOICE``) is voice-over whatever its extension.
    """

    def __init__(self, speeches: Iterable[CueUse]) -> None:
        self.scenes: dict[str, set[int]] = defaultdict(set)
        self.order: dict[int, list[str]] = defaultdict(list)
        voices: dict[str, bool] = {}  # per name: a script repeats its cues
        for speech in speeches:
            voice = voices.get(speech.name)
            if voice is None:
                voice = voices[speech.name] = bool(
                    _POSSESSIVE_VOICE_RE.match(speech.name) or _VOICE_OF_RE.match(speech.name)
                )
            if not speech.voice_over and not voice:
                self.scenes[speech.name].add(speech.scene)
                self.order[speech.scene].append(speech.name)

    def answers(self, a: str, b: str) -> bool:
        """True when a and b answer each other: in their shared scenes a speech of one comes
        right after a speech of the other at least twice. One person cued two ways (``DIGNAM``
        and ``SGT. DIGNAM``) may switch names within a scene, and back, but hardly ever from
        one speech to the next."""
        turns = 0
        for scene in self.scenes.get(a, set()) & self.scenes.get(b, set()):
            order = self.order[scene]
            turns += sum(1 for x, y in pairwise(order) if x != y and {x, y} == {a, b})
            if turns >= 2:
                return True
        return False

    def __contains__(self, pair: object) -> bool:
        if not isinstance(pair, frozenset) or len(pair) != 2:
            return False
        a, b = pair
        return not self.scenes.get(a, set()).isdisjoint(self.scenes.get(b, ()))


def _relative_pairs(names: Iterable[str], texts: Iterable[str]) -> set[frozenset[str]]:
    """Pairs a script introduces as relatives: ``MRS. KARLSSON, Anna's mother``."""
    keys = list(names)
    firsts: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        for word in key.split():
            firsts[word].append(key)
    pairs: set[frozenset[str]] = set()
    pattern = re.compile(
        r"(?P<who>[A-Z][A-Z.'\- ]{1,40}?)\s*(?:\([^)]*\))?\s*,\s*(?:[\w ,-]{0,30}?\s)?"
        r"(?P<of>[A-Z][A-Za-z\-]+)['’]s\s+(?:" + _RELATIVES + r")\b"
    )
    key_set = set(keys)
    for text in texts:
        if not _RELATIVE_HINT_RE.search(text):
            continue  # most action lines name no relative: skip the slow pattern
        for match in pattern.finditer(text):
            who = key_of(match.group("who"))
            if who not in key_set:
                continue
            for other in firsts.get(match.group("of").upper(), []):
                if other != who:
                    pairs.add(frozenset((who, other)))
    return pairs


_AGED = "an older or younger"
_VOICE = "the voice of"


def _base_variant(key: str) -> tuple[str, str] | None:
    """The name a variant cue points to, and why: ``OLD ROSE`` -> ``ROSE``."""
    for pattern, why in (
        (_POSSESSIVE_VOICE_RE, _VOICE),
        (_VOICE_OF_RE, _VOICE),
        (_MEDIA_SUFFIX_RE, "heard or seen through a device as"),
        (_AGE_PREFIX_RE, _AGED),
        (_AGE_SUFFIX_RE, _AGED),
    ):
        match = pattern.match(key)
        if match:
            return match.group("base").strip(" .,"), why
    return None


def _one_edit_apart(a: str, b: str) -> bool:
    """True when one substitution, insertion or deletion turns a into b (a typo: BUTT0N)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


_ORDINALS = frozenset({"FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH", "CHIEF", "VICE"})


def _title_split(key: str) -> tuple[str | None, str]:
    """(title, name) for a titled name: ``MR. SMITH`` -> (``MR``, ``SMITH``), ``FIRST
    OFFICER MURDOCH`` -> (``OFFICER``, ``MURDOCH``); (None, key) for any other."""
    words = key.split()
    at = 1 if len(words) > 2 and words[0] in _ORDINALS else 0
    title = None
    while at < len(words) - 1 and words[at].rstrip(".") in RANKS:
        title = words[at].rstrip(".")
        at += 1
    if title is None:
        return None, key
    return title, " ".join(words[at:])


def resolve_cast(
    speeches: list[CueUse],
    action_texts: Iterable[str] = (),
    declared: Iterable[CastEntry] = (),
    genders: Mapping[str, str | None] | None = None,
    rules: AliasRules | None = None,
) -> Cast:
    """Merge the cue names of a script into characters.

    `speeches` are every cue occurrence; `action_texts` the action lines (for
    relatives and who narrates); `declared` a cast list the source gives (TEI),
    whose ids become aliases; `genders` maps cue keys to an inferred gender;
    `rules` a user's alias file.
    """
    rules = rules or AliasRules()
    genders = genders or {}
    texts = list(action_texts)
    counts: Counter[str] = Counter()
    written: dict[str, Counter[str]] = defaultdict(Counter)
    for speech in speeches:
        key = key_of(speech.name)
        if key:
            counts[key] += 1
            written[key][speech.name] += 1
    declared_by_id = {key_of(entry.id): entry for entry in declared}
    for key in declared_by_id:
        counts.setdefault(key, 0)
    names = set(counts)
    rules.check_names(names | {key_of(e.name) for e in declared_by_id.values()}, key_of)
    for canonical, others in rules.merge.items():
        names.update(key_of(n) for n in (canonical, *others))
    keyed = [CueUse(key_of(s.name), s.scene, s.voice_over) for s in speeches]
    soft = _CoSpeaking(keyed)
    apart = _relative_pairs(names, texts)
    apart.update(
        frozenset((key_of(a), key_of(b)))
        for a, others in rules.keep_apart.items()
        for b in others
        if key_of(a) != key_of(b)
    )
    merger = _Merger(sorted(names), apart, soft)
    for canonical, others in rules.merge.items():
        for other in others:
            merger.union(key_of(other), key_of(canonical), "alias file", forced=True)
    preferred = {key_of(name) for name in rules.merge}
    if not declared_by_id:
        _merge_spacing(merger, names, counts)
        _merge_title_spellings(merger, names, counts)
        _merge_variants(merger, names, counts, genders)
        _merge_narrator(merger, names, texts, speeches)
        _merge_known_as(merger, names, texts)
    unison: Counter[str] = Counter(key_of(s.name) for s in speeches if s.unison)
    chorus = {name for name, n in unison.items() if 2 * n >= counts.get(name, 0)}
    if not declared_by_id:
        chorus |= _merge_slashes(merger, names)
    return _assemble(merger, counts, written, declared_by_id, genders, preferred, chorus)


_SPACING_RE = re.compile(r"[\s.'#]")


def _scan_marks(name: str) -> int:
    """Signs of a scan's broken spacing: words of one or two letters (not a title or
    an initial) and stray apostrophes. ``MAG DA`` has one, ``MAGDA`` none."""
    words = name.split()
    short = sum(
        1
        for w in words
        if len(w.strip(".'")) <= 2 and w.rstrip(".") not in TITLE_GENDER and not w.endswith(".")
    )
    return short + sum(1 for w in words if w.startswith("'") or w.endswith("'"))


def _merge_spacing(merger: _Merger, names: set[str], counts: Counter[str]) -> None:
    """One name spaced or dotted differently is one character: ``F LE TC HE R`` (a scan's
    letter spacing), ``DR.EVIL``, ``TRAVELER1``, ``F.B.I. AGENT``; onto the most used."""
    spelt: dict[str, list[str]] = defaultdict(list)
    for name in names:
        letters = _SPACING_RE.sub("", name)
        if len(letters) > 1:
            spelt[letters].append(name)
    for group in spelt.values():
        if len(group) < 2:
            continue
        target = max(group, key=lambda n: (counts.get(n, 0), -_scan_marks(n), n))
        for name in sorted(group):
            if name != target:
                reason = f"{name} is {target} spaced differently"
                merger.union(name, target, reason, same_person=True)


_TITLE_SPELLINGS: Mapping[str, str] = {
    "DR": "DOCTOR",
    "MR": "MISTER",
    "PROF": "PROFESSOR",
    "CAPT": "CAPTAIN",
    "DET": "DETECTIVE",
    "SGT": "SERGEANT",
    "LT": "LIEUTENANT",
    "COL": "COLONEL",
    "GEN": "GENERAL",
    "CPL": "CORPORAL",
    "PVT": "PRIVATE",
    "REV": "REVEREND",
}
"""A title's short and long spellings: ``DR. PARNASSUS`` and ``DOCTOR PARNASSUS`` are one man."""


def _merge_title_spellings(merger: _Merger, names: set[str], counts: Counter[str]) -> None:
    """Names that differ only in a title's spelling (`_TITLE_SPELLINGS`) are one character, onto
    the most used, even where both speak in one scene: as with a name spaced differently, a
    script that spells a title two ways switches between them within a scene, even from one
    speech to the next."""
    spelt: dict[str, list[str]] = defaultdict(list)
    for name in names:
        words = name.split()
        if len(words) > 1 and any(w.rstrip(".") in _TITLE_SPELLINGS for w in words[:-1]):
            full = " ".join(_TITLE_SPELLINGS.get(w.rstrip("."), w) for w in words[:-1])
            spelt[f"{full} {words[-1]}"].append(name)
    for full, group in spelt.items():
        if full in names:
            group.append(full)
        if len(group) < 2:
            continue
        target = max(group, key=lambda n: (counts.get(n, 0), n))
        for name in sorted(group):
            if name != target:
                reason = f"{name} is {target} with its title spelt differently"
                merger.union(name, target, reason, same_person=True)


def _first_name_voice(base: str, names: set[str]) -> str | None:
    """The character a voice of a full name no one is cued by belongs to: the one cued by
    its first name (VOICE OF MALCOLM X is MALCOLM's), unless that is a kind of person."""
    first = base.split()[0]
    if " " not in base or first not in names or first in GENERIC_NOUNS or is_group_name(base):
        return None
    return first


def _merge_variants(
    merger: _Merger, names: set[str], counts: Counter[str], genders: Mapping[str, str | None]
) -> None:
    """Voices, ages, devices, first names and titled surnames onto the full name."""
    multi = [
        n
        for n in names
        if len(n.split()) > 1
        and _title_split(n)[0] is None
        and _base_variant(n) is None
        and not is_group_name(n)
    ]
    by_first: dict[str, list[str]] = defaultdict(list)
    by_last: dict[str, list[str]] = defaultdict(list)
    for name in multi:
        words = name.split()
        by_first[words[0]].append(name)
        by_last[words[-1]].append(name)

    def target_of(base: str) -> str | None:
        if base in names:
            return base
        candidates = by_first.get(base, [])
        if len(candidates) == 1:
            return candidates[0]
        near = [n for n in names if n != base and _one_edit_apart(n, base)] if len(base) > 5 else []
        return near[0] if len(near) == 1 else None

    for name in sorted(names, key=lambda n: (-len(n), n)):  # longest first, then by name
        variant = _base_variant(name)
        if variant is None:
            continue
        base, why = variant
        if base in GENERIC_NOUNS and why == _AGED:
            continue  # LITTLE GIRL is not a younger GIRL: both are kinds of person
        target = target_of(base) or target_of(_title_split(base)[1])
        if target is None and why == _VOICE:
            target = _first_name_voice(base, names)
        if target and target != name:
            merger.union(name, target, f"{name} is {why} {target}", same_person=True)
    for name in sorted(names):
        if len(name.split()) != 1 or is_group_name(name) or name in GENERIC_NOUNS:
            continue
        full = by_first.get(name, [])
        if len(full) == 1:
            merger.union(name, full[0], f"{name} is the first name of {full[0]}")
        elif not full and len(by_last.get(name, [])) == 1:
            merger.union(name, by_last[name][0], f"{name} is the surname of {by_last[name][0]}")
    for name in sorted(names):
        title, rest = _title_split(name)
        if title is None or len(rest.split()) != 1:
            continue
        holders = by_last.get(rest, []) + ([rest] if rest in names else [])
        if len(holders) != 1:
            continue
        holder = holders[0]
        want = TITLE_GENDER.get(title)
        have = genders.get(holder)
        if want and have and want != have:
            continue
        merger.union(
            name,
            holder,
            f"{name} is a title and the surname of {holder}",
            renamed=title not in FAMILY_TITLES,
        )


_NARRATES_RE = LazyPattern(
    r"\b(?P<a>[A-Z][A-Za-z'\-]+)\b[^.]{0,30}?\b(?:narrates|narrating|is (?:our|the) narrator|"
    r"\(?V\.O\.\)? narrat)|\bnarrat(?:or|ed by|ion)\b[^.]{0,25}?\b(?:is\s+)?(?P<b>[A-Z][A-Z'\-]+)\b"
)


_KNOWN_AS_RE = LazyPattern(
    r"(?P<who>[A-Z][A-Z0-9.'\-]*(?:[ ][A-Z][A-Z0-9.'\-]*){0,3})\s*(?:\(\s*|,\s*)"
    r"(?i:a\.?k\.?a\.?|(?:also |better |officially )?known as|who goes by|referred to "
    r"(?:as|by (?:his|her|their) (?:given |real |first |true )?name(?: of)?))\s+[\"'“‘]?"
    r"(?P<other>[A-Z][A-Za-z0-9.'\-]*(?:[ ][A-Z][A-Za-z0-9.'\-]*){0,3})"
)
"""An action line that gives a character a second name: ``NICOLA (known as 'COLA')``,
``SNOB, officially known as GABRIEL``, ``JEROME (REFERRED TO BY HIS GIVEN NAME OF
"VINCENT")``."""
_KNOWN_AS_HINTS = ("aka", "a.ka", "ak.a", "a.k.a", "known as", "goes by", "referred to")
"""What every match of `_KNOWN_AS_RE` holds in lower case (its ``a\\.?k\\.?a`` spelt out):
the lines that hold none are skipped, found for all lines at once
(`whosestory.language.holding_any`)."""


def _cue_within(words: list[str], names: set[str], from_end: bool) -> str | None:
    """The longest run of `words` that is a cue name, taken from the end (a name before
    the phrase: ``2-YEAR-OLD JEROME``) or from the start (a name after it: ``COLA'. He``)."""
    for size in range(len(words), 0, -1):
        run = words[-size:] if from_end else words[:size]
        key = key_of(" ".join(run).strip(" .,'’\"”"))
        if key in names:
            return key
    return None


def _merge_known_as(merger: _Merger, names: set[str], texts: list[str]) -> None:
    """A name the script says a character is known by (`_KNOWN_AS_RE`) joins that character,
    when both are cued; two names that speak in one scene stay two people."""
    # most action lines give no second name: the slow pattern runs only where one may be
    for index in holding_any(texts, _KNOWN_AS_HINTS):
        for match in _KNOWN_AS_RE.finditer(texts[index]):
            who = _cue_within(match.group("who").split(), names, from_end=True)
            other = _cue_within(match.group("other").split(), names, from_end=False)
            if who and other and who != other:
                merger.union(other, who, f"the script says {who} is known as {other}")


_SLASH_RE = re.compile(r"^(?P<a>[^/]*[^\W\d_]{2}[^/]*?)\s*/\s*(?P<b>[^/]*[^\W\d_]{2}[^/]*)$")
"""Two names joined by a slash, each with two letters or more (not ``WOMAN W/BABY``)."""


def _merge_slashes(merger: _Merger, names: set[str]) -> set[str]:
    """Cues of two names joined by a slash.

    When both names speak on their own elsewhere, the cue is a joint speech
    (``JACK/ROSE``): a group, credited to neither. When only one does, the cue
    is that character under another name or through something (``ANTON/MERCURY``,
    ``CALL/SHIP``): merged onto it. Returns the joint cues.
    """
    joint: set[str] = set()
    individual = {n for n in names if "/" not in n and not is_group_name(n)}
    for name in sorted(names):
        match = _SLASH_RE.match(name)
        if match is None:
            continue
        parts = [" ".join(match.group(k).split()) for k in ("a", "b")]
        known = [p for p in parts if p in individual]
        if len(known) == 2:
            joint.add(name)
        elif len(known) == 1:
            other = parts[1] if known[0] == parts[0] else parts[0]
            merger.union(name, known[0], f"{name} is {known[0]} as {other}", same_person=True)
    return joint


def _merge_narrator(
    merger: _Merger, names: set[str], texts: list[str], speeches: list[CueUse]
) -> None:
    """NARRATOR joins the character the script says narrates, if it says so."""
    narrators = [n for n in names if n in _NARRATOR_NAMES]
    if not narrators:
        return
    votes: Counter[str] = Counter()
    for speech in speeches:
        if key_of(speech.name) in _NARRATOR_NAMES:
            for ext in speech.extensions:
                if key_of(ext) in names and key_of(ext) not in _NARRATOR_NAMES:
                    votes[key_of(ext)] += 2
    for text in texts:
        for match in _NARRATES_RE.finditer(text):
            who = key_of(match.group("a") or match.group("b") or "")
            if who in names and who not in _NARRATOR_NAMES:
                votes[who] += 1
            else:
                firsts = [n for n in names if n.split()[0] == who and n not in _NARRATOR_NAMES]
                if len(firsts) == 1:
                    votes[firsts[0]] += 1
    if votes:
        who = votes.most_common(1)[0][0]
        for narrator in narrators:
            merger.union(narrator, who, f"the script says {who} is the {narrator.lower()}")


def _assemble(
    merger: _Merger,
    counts: Counter[str],
    written: Mapping[str, Counter[str]],
    declared: Mapping[str, CastEntry],
    genders: Mapping[str, str | None],
    preferred: set[str],
    chorus: set[str],
) -> Cast:
    groups: dict[str, list[str]] = defaultdict(list)
    for name in merger.parent:
        groups[merger.find(name)].append(name)
    characters: list[Character] = []
    canonical: dict[str, str] = {}
    for members in groups.values():
        if not any(counts.get(m, 0) or m in declared for m in members):
            continue
        forced = [m for m in members if m in preferred]
        head = forced[0] if forced else _head_of(members, counts, declared)
        entry = declared.get(head)
        display = entry.name if entry else _display(head, written)
        aliases = []
        for member in sorted(members, key=lambda m: (-counts.get(m, 0), m)):
            if entry and member == head:
                aliases.append(Alias(entry.id, "TEI xml:id"))
                aliases.extend(
                    Alias(name, "a name the cast list gives it") for name in entry.aliases
                )
                continue
            if member == key_of(display):
                continue
            reason = merger.reason.get(member, "same character")
            aliases.append(Alias(_display(member, written), reason))
        gender = (
            entry.gender
            if entry
            else next((genders[m] for m in [head, *members] if genders.get(m)), None)
        )
        listed_group = entry.group if entry else is_group_name(head) or head in chorus
        group = listed_group or is_collective(display)  # a chorus the list calls a person
        epithets = entry.epithets if entry else ()
        attendant = entry.attendant if entry else None
        character = Character(display, tuple(aliases), group, gender, epithets, attendant)
        characters.append(character)
        for member in members:
            canonical[member] = display
    characters.sort(key=lambda c: (-sum(counts.get(key_of(n), 0) for n in c.names()), c.name))
    return Cast(tuple(characters), canonical)


def _head_of(members: list[str], counts: Counter[str], declared: Mapping[str, CastEntry]) -> str:
    """The member a group is named after: a declared id, else its most used plain cue
    (on a tie, not a scan's broken spelling, then the longest)."""
    for member in members:
        if member in declared:
            return member
    unslashed = [m for m in members if "/" not in m] or members  # not ANTON/MERCURY
    plain = [m for m in unslashed if _base_variant(m) is None and m not in _NARRATOR_NAMES]
    return max(plain or unslashed, key=lambda m: (counts.get(m, 0), -_scan_marks(m), len(m), m))


def _display(key: str, written: Mapping[str, Counter[str]]) -> str:
    forms = written.get(key)
    if not forms:
        return key
    best = forms.most_common(1)[0][0]
    return " ".join(best.split()).strip(" .") if best.upper() != best.lower() else key
