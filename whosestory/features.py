"""Features of each character for the fitted role models.

A role model (`whosestory.rolemodel`) scores every character of a story by a
linear function of these features and turns the scores into probabilities with
a softmax within the story (a conditional logit). Features are therefore only
compared within one story: a feature that is the same for every character of a
story (a measure its language cannot read, for example) carries no weight there,
which is how a missing measure stays missing rather than counting as zero.

Every feature is on a 0..1 scale:

- *_top: the character's value as a share of the story's highest value;
- is_top_*: 1 for the character (or characters) with the highest value;
- shares of the story's words, speeches, scenes;
- positions in story time (first and last appearance, the opening and the close);
- title_names: a word of the character's name stands in the story's declared title;
- soliloquy: soliloquies and asides (a play's interiority), each as a share of the top;
- verse_share: the share of the character's words the play sets as verse. Drama long
  kept verse for its principals and prose for clowns, servants and comic figures
  (the *Ständeklausel*; Falstaff's prose against Hal's verse); a story without verse
  is 0 for everyone, so the feature carries no weight there.
- attendant: 1 when the play's list of persons describes the character as a servant, a
  friend or a confidant (`Character.attendant`): the helper who may out-talk the one whose
  story it is (Pedrillo, Mascarille, Кочкарев). A story without such a list is 0 for everyone.

Families group the features so that a family can be kept or left out of a model
as a whole (`FAMILIES`); `LEXICON_FAMILIES` need words of the story's language.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from whosestory.model import SPOKEN_KINDS, Story

FAMILIES: Mapping[str, tuple[str, ...]] = {
    "counts": (
        "words_top",
        "cues_top",
        "scenes_top",
        "words_share",
        "scenes_share",
        "is_top_words",
        "is_top_cues",
        "is_top_scenes",
        "mean_rank",
    ),
    "time": ("first_scene", "last_scene", "ending_share", "enters_early", "stays_late"),
    "network": (
        "copresence_weighted_degree_top",
        "copresence_degree_top",
        "copresence_betweenness_top",
        "copresence_closeness_top",
        "copresence_eigenvector_top",
        "conversation_weighted_degree_top",
    ),
    "talk": ("talked_about_top", "named_by_others_top"),
    "title": ("title_names", "title_alone", "title_whole_name"),
    "frame": (
        "frame_share",
        "closing_voice",
        "narration",
        "voice_over_share",
        "bookends",
    ),
    "openers": ("scene_openers_top", "exchange_openers_top"),
    "agency": ("agency_top", "subject_top"),
    "lexicon": ("interiority", "change", "vocabulary_drift"),
    "soliloquy": ("soliloquies_top", "asides_top"),
    "verse": ("verse_share",),
    "cast_list": ("attendant",),
}
"""Feature families, each a tuple of feature names."""

LEXICON_FAMILIES = frozenset({"agency", "lexicon", "soliloquy"})
"""Families whose features read words of the story's language."""

FEATURES: tuple[str, ...] = tuple(f for names in FAMILIES.values() for f in names)

_TOP_TABLES = {
    "words_top": "words",
    "cues_top": "cues",
    "scenes_top": "scenes_present",
    "copresence_weighted_degree_top": "copresence_weighted_degree",
    "copresence_degree_top": "copresence_degree",
    "copresence_betweenness_top": "copresence_betweenness",
    "copresence_closeness_top": "copresence_closeness",
    "copresence_eigenvector_top": "copresence_eigenvector",
    "conversation_weighted_degree_top": "conversation_weighted_degree",
    "talked_about_top": "passive_presence",
    "scene_openers_top": "scene_openers",
    "exchange_openers_top": "exchange_openers",
    "agency_top": "agency",
    "subject_top": "subject",
    "soliloquies_top": "soliloquies",
    "asides_top": "asides",
}
_IS_TOP = {"is_top_words": "words", "is_top_cues": "cues", "is_top_scenes": "scenes_present"}
_AS_IS = (
    "frame_share",
    "closing_voice",
    "narration",
    "voice_over_share",
    "bookends",
    "interiority",
    "change",
    "vocabulary_drift",
)
_TITLE_WORD = re.compile(r"[^\W\d_]{3,}")
_ANY_WORD = re.compile(r"[^\W\d_]+")
_SHORT_WORD = re.compile(r"[^\W\d_]{2}")
"""A two-letter word: a name word only when it is the character's whole name (*Fair Em*'s Em)."""
_TITLE_FILLERS = frozenset(
    "the and of for von und der die das den dem des les las los une des the "
    "del della her his him lui sie ein eine and oder ou et le la".split()
)
"""Articles, conjunctions and pronouns of the corpora's languages: a name word that is one
of these (THE STRANGER in *The Keeper*) does not make the title name the character."""
_ENDING = 0.2
"""The close of a story: its last fifth of scenes."""


def _top_share(table: Mapping[str, float], names: Sequence[str]) -> dict[str, float]:
    values = [float(table.get(n, 0.0)) for n in names]
    top = max(values, default=0.0)
    if top > 0:
        return {n: v / top for n, v in zip(names, values, strict=True)}
    return dict.fromkeys(names, 0.0)


def _total_share(table: Mapping[str, float], names: Sequence[str]) -> dict[str, float]:
    values = [float(table.get(n, 0.0)) for n in names]
    total = sum(values)
    if total > 0:
        return {n: v / total for n, v in zip(names, values, strict=True)}
    return dict.fromkeys(names, 0.0)


def declared_title(story: Story) -> str | None:
    """The story's title when the source gives one (not the file name it falls back to)."""
    title = story.title.strip()
    if not title or title == Path(story.source).stem:
        return None
    return title


def _title_words(story: Story) -> set[str]:
    """The content words (3+ letters) of the declared title and its subtitles."""
    title = declared_title(story)
    if title is None:
        return set()
    texts = [title, *(text for key, text in story.title_page if key == "Subtitle")]
    words = {w.casefold() for t in texts for w in _ANY_WORD.findall(t)}
    return {w for w in words if len(w) >= 2} - _TITLE_FILLERS


def _name_words(name: str) -> set[str]:
    """The words of a name that may be found in a title: its words of 3 letters or more, or
    the name itself when it is one word of two letters (Em, Jo, Ed)."""
    if _SHORT_WORD.fullmatch(name.strip()):
        return {name.strip().casefold()} - _TITLE_FILLERS
    return {w.casefold() for w in _TITLE_WORD.findall(name)} - _TITLE_FILLERS


def title_names(story: Story, names_of: Mapping[str, Sequence[str]]) -> dict[str, float]:
    """1 for a character one of whose name words (3+ letters) is a word of the declared title
    (or a subtitle: *Le Fanatisme, ou Mahomet le Prophète*)."""
    title_words = _title_words(story)
    if not title_words:
        return dict.fromkeys(names_of, 0.0)
    return {
        character: 1.0 if any(_name_words(n) & title_words for n in names) else 0.0
        for character, names in names_of.items()
    }


def title_features(
    story: Story, names_of: Mapping[str, Sequence[str]]
) -> dict[str, dict[str, float]]:
    """The title family: `title_names`; `title_alone`, 1/k when the title names k characters
    (*Horace* names both Horace and old Horace); `title_whole_name`, 1 when every word of the
    character's own name is in the title (Horace, not Le Vieil Horace)."""
    named = title_names(story, names_of)
    k = sum(named.values())
    title_words = _title_words(story)
    result: dict[str, dict[str, float]] = {}
    for character, names in names_of.items():
        own = _name_words(names[0]) if names else set()
        result[character] = {
            "title_names": named[character],
            "title_alone": named[character] / k if k else 0.0,
            "title_whole_name": 1.0 if own and own <= title_words else 0.0,
        }
    return result


def _time(
    presence: Mapping[str, frozenset[int]], names: Sequence[str], n_scenes: int
) -> dict[str, dict[str, float]]:
    last = n_scenes - 1
    ending = set(range(int(n_scenes * (1 - _ENDING)), n_scenes)) or {last}
    result: dict[str, dict[str, float]] = {}
    for name in names:
        scenes = presence.get(name, frozenset())
        first_seen = min(scenes) if scenes else last
        last_seen = max(scenes) if scenes else 0
        result[name] = {
            "first_scene": 1.0 if 0 in scenes else 0.0,
            "last_scene": 1.0 if last in scenes else 0.0,
            "ending_share": len(scenes & ending) / len(ending),
            "enters_early": 1.0 - first_seen / n_scenes if n_scenes else 0.0,
            "stays_late": (last_seen + 1) / n_scenes if n_scenes and scenes else 0.0,
        }
    return result


def verse_shares(story: Story, names: Sequence[str]) -> dict[str, float]:
    """The share of each character's spoken words that the source sets as verse.

    Only a character with some verse needs its words counted: for the others (every
    character of a story without verse) the share is 0 whatever they say.
    """
    spoken = [
        element
        for scene in story.scenes
        for element in scene.elements
        if element.speaker and element.kind in SPOKEN_KINDS
    ]
    verse: Counter[str] = Counter()
    for element in spoken:
        if element.verse:
            verse[element.speaker] += element.verse
    words: Counter[str] = Counter()
    for element in spoken:
        if element.speaker in verse:
            words[element.speaker] += len(element.text.split())
    return {n: min(1.0, verse[n] / words[n]) if words[n] else 0.0 for n in names}


def _mean_rank(overall: Mapping[str, float], names: Sequence[str]) -> dict[str, float]:
    """1 for the best mean rank, falling linearly to 0 for the worst."""
    ranks = {n: float(overall.get(n, 0.0)) for n in names}
    low, high = min(ranks.values(), default=0.0), max(ranks.values(), default=0.0)
    span = high - low
    return {n: (high - r) / span if span > 0 else 1.0 for n, r in ranks.items()}


def character_features(
    story: Story,
    tables: Mapping[str, Mapping[str, float]],
    presence: Mapping[str, frozenset[int]],
    mean_rank: Mapping[str, float],
) -> dict[str, dict[str, float]]:
    """Every feature of every individual character (groups left out), each 0..1.

    `tables` are the analysis's measure tables, `presence` the scenes each
    character is present in, `mean_rank` the mean rank over count and network
    measures (lower is better). A lexicon measure the story's language cannot read
    is absent from `tables`, so it is 0 for everyone and carries no weight.
    """
    names = [c.name for c in story.cast if not c.group]
    columns: dict[str, dict[str, float]] = {}
    for feature, table in _TOP_TABLES.items():
        columns[feature] = _top_share(tables.get(table, {}), names)
    for feature, table in _IS_TOP.items():
        top = max((float(tables.get(table, {}).get(n, 0.0)) for n in names), default=0.0)
        columns[feature] = {
            n: 1.0 if top > 0 and float(tables[table].get(n, 0.0)) == top else 0.0 for n in names
        }
    columns["words_share"] = _total_share(tables.get("words", {}), names)
    n_scenes = len(story.scenes)
    columns["scenes_share"] = {
        n: len(presence.get(n, ())) / n_scenes if n_scenes else 0.0 for n in names
    }
    columns["mean_rank"] = _mean_rank(mean_rank, names)
    columns["verse_share"] = verse_shares(story, names)
    character = {c.name: c for c in story.cast}
    columns["attendant"] = {n: 0.0 if character[n].attendant is None else 1.0 for n in names}
    spoken_of = Counter(m.character for m in story.mentions if m.via == "speech")
    columns["named_by_others_top"] = _top_share(spoken_of, names)
    for feature in _AS_IS:
        table = tables.get(feature, {})
        columns[feature] = {n: min(1.0, max(0.0, float(table.get(n, 0.0)))) for n in names}
    titles = title_features(
        story, {n: (*character[n].names(), *character[n].epithets) for n in names}
    )
    for feature in FAMILIES["title"]:
        columns[feature] = {n: titles[n][feature] for n in names}
    timing = _time(presence, names, n_scenes)
    for feature in FAMILIES["time"]:
        columns[feature] = {n: timing[n][feature] for n in names}
    # column by column (a large cast's 40,000 values), then one row per character
    done: dict[float, float] = {}
    ordered = [_rounded(map(columns[f].__getitem__, names), done) for f in FEATURES]
    return {
        n: dict(zip(FEATURES, row, strict=True))
        for n, row in zip(names, zip(*ordered, strict=True), strict=True)
    }


def _round(value: float) -> float:
    """`value` to 6 places; 0 and 1, most of a large cast's features, need no rounding."""
    return value if value == 0.0 or value == 1.0 else round(value, 6)


def _rounded(values: Iterable[float], done: dict[float, float]) -> list[float]:
    """Each of `values` as `_round` gives it, a value rounded once: `done` keeps what the
    caller's values were rounded to (`round` to places goes through decimal digits, some
    2,800 instructions, and a large cast repeats its fractions: Kraus's 11,400 values
    to round hold 2,112 distinct ones)."""
    return [
        v if v == 0.0 or v == 1.0 else done[v] if v in done else done.setdefault(v, round(v, 6))
        for v in values
    ]
