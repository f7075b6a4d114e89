"""Arc of change: how a character's emotional tone and vocabulary move over story time.

A character's **text units** are their own speeches (dialogue, voice-over and
lyrics, one unit per `Scene.speeches` run) and the action or stage paragraphs
that name them or refer to them by a resolved pronoun (`Story.mentions`, one
unit per paragraph however often it names them). Each unit has a position in
story time, ``scene index / number of scenes`` (0 for the first scene, just
under 1 for the last), and a tone: the compound lexicon score of its text, in
[-1, 1], in the story's language (`whosestory.measures.sentiment`: VADER's
lexicon and main rules for English, a published lexicon for German, French and
Russian). Each text is scored once per call.

A story in a language without a sentiment lexicon has no tone: `arc_change`,
`trajectory` and `tone_words` return nothing for it (never zero, never English),
and `vocabulary_drift` likewise needs the language's stop words
(`whosestory.language.lexicon_support`). Each function takes the story's
`units` as an optional keyword, so a caller that needs several of them reads
the story once.

Lexicon sentiment over a few lines is noisy, so every mean comes with a
bootstrap percentile interval (Efron; 90 %, 300 resamples, a numpy Generator
seeded from the character's name so results are reproducible and do not depend
on the order characters are visited in), and nothing is read from too little:

- `trajectory`: per window of story time, the mean tone, the number of units and
  its interval; a window with fewer than `MIN_WINDOW_UNITS` units has None
  values.
- `arc_change`: start, middle and end tone and the change end - start with its
  interval, and a shape (rule in `arc_change`). Every non-group character gets
  an `ArcChange`; one with fewer than `MIN_UNITS` units gets None values and
  shape ``"unknown"``.
- `vocabulary_drift`: the Jensen-Shannon divergence between the content words
  of the first and second half of a character's speeches, less the divergence
  expected by chance; None for characters with too few words.

Lines a character speaks or is named in stand for the character here; sentiment
of the action around them is the scene's tone as much as theirs.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from functools import cache, lru_cache
from itertools import chain, filterfalse
from operator import attrgetter
from typing import Any

import numpy as np

from whosestory import lexicons
from whosestory.language import story_language, tokens
from whosestory.measures.sentiment import Scorer, scorer
from whosestory.model import Kind, Story, record

MIN_UNITS = 8
"""Units a character needs for an arc (start, middle, end) to be measured."""
MIN_WINDOW_UNITS = 3
"""Units a window of `trajectory` needs for a mean."""
MIN_SEGMENT_UNITS = 4
"""Units each story third needs; below it the character's own units are split in thirds."""
MIN_DRIFT_WORDS = 60
"""Content words each half of a character's speeches needs for `vocabulary_drift`."""
CONFIDENCE = 0.90
RESAMPLES = 300
FLAT_BAND = 0.2
"""A change whose whole interval lies within +-FLAT_BAND (compound-score units) is
"flat": small for sure. An interval that contains 0 but reaches further is "unknown"."""
DRIFT_SHUFFLES = 10

_NARRATIVE = frozenset({Kind.ACTION, Kind.STAGE})


@record
class Unit:
    """One text unit of a character: a speech or an action paragraph about them."""

    character: str
    scene: int
    line: int
    time: float
    score: float | None
    """The compound tone, or None in a language without a sentiment lexicon."""
    speech: bool
    text: str
    words: tuple[str, ...] = ()
    """A speech's content words (`content_words`), when its tone was read: they are
    read from the same tokens, which `vocabulary_drift` then need not find again."""


@record
class Window:
    """One window of a `trajectory`: story time [start, end), its units and their mean tone."""

    start: float
    end: float
    units: int
    mean: float | None
    low: float | None
    high: float | None


@record
class ArcChange:
    """A character's change of tone from start to end of the story (see `arc_change`)."""

    character: str
    units: int
    start: float | None
    middle: float | None
    end: float | None
    delta: float | None
    low: float | None
    high: float | None
    shape: str


def sentiment(text: str, language: str = "en") -> float | None:
    """Compound lexicon score of a text in `language`, in [-1, 1]; None without a lexicon."""
    found = scorer(language)
    return found.compound(text) if found is not None else None


def units(
    story: Story, language: str | None = None, names: Collection[str] | None = None
) -> dict[str, list[Unit]]:
    """Every non-group character's text units in story order (empty list when none).

    `language` is the story's (`story_language`) unless given. Scores are None in a
    language without a sentiment lexicon. `names` keeps only those characters (a
    caller that needs one character's units scores only theirs).
    """
    language = language or story_language(story)
    tone = scorer(language)
    result: dict[str, list[Unit]] = {
        c.name: [] for c in story.cast if not c.group and (names is None or c.name in names)
    }
    n = max(1, len(story.scenes))
    narrative = {
        (s.index, e.line) for s in story.scenes for e in s.elements if e.kind in _NARRATIVE
    }
    # scene -> line -> the characters an action or stage line there is about
    about: dict[int, dict[int, set[str]]] = {}
    for mention in story.mentions:
        if mention.present and (mention.scene, mention.line) in narrative:
            by_line = about.setdefault(mention.scene, {})
            by_line.setdefault(mention.line, set()).add(mention.character)
    # the units' places first (name, scene, line, time, text, speech), then every text
    # scored at once: one loop over the story's texts, each tokenised once
    found: list[tuple[str, int, int, float, str, bool]] = []
    for scene in story.scenes:
        time = scene.index / n
        lines = about.get(scene.index)
        if lines:  # a scene about no one is not walked
            for element in scene.elements:
                if element.line not in lines:  # most of the scene's lines are about no one
                    continue
                for name in sorted(lines[element.line]):
                    if name in result:
                        found.append((name, scene.index, element.line, time, element.text, False))
        for run in scene.speeches():
            text = run.text
            if run.speaker in result and text.strip():
                found.append((run.speaker, scene.index, run.line, time, text, True))
    scores, said = _read(found, tone, language)
    for name, index, line, time, text, spoken in found:
        if spoken:
            unit = Unit(name, index, line, time, scores[text], True, text, said.get(text, ()))
        else:
            unit = Unit(name, index, line, time, scores[text], False, "")
        result[name].append(unit)
    for units_of in result.values():
        units_of.sort(key=_PLACE)
    return result


_PLACE = attrgetter("scene", "line")


def _read(
    found: Sequence[tuple[str, int, int, float, str, bool]], tone: Scorer | None, language: str
) -> tuple[dict[str, float | None], dict[str, tuple[str, ...]]]:
    """The tone of each text of `found` (None without a `tone`) and each speech's content
    words (`content_words`, when its tone is read), from one tokenisation of each text."""
    texts = list(dict.fromkeys([unit[4] for unit in found]))
    if tone is None:
        return dict.fromkeys(texts), {}
    words = [tokens(text, language) for text in texts]
    scores: dict[str, float | None] = dict(zip(texts, tone.compounds(texts, words), strict=True))
    stop = lexicons.stop_words(language)
    if stop is None:
        return scores, {}
    spoken = {unit[4] for unit in found if unit[5]}
    # stop words dropped in C first: about half of a text's words
    said = {
        text: tuple([t for t in filterfalse(stop.__contains__, tokens_of) if len(t) > 1])
        for text, tokens_of in zip(texts, words, strict=True)
        if text in spoken
    }
    return scores, said


def _scored(
    story: Story, given: Mapping[str, list[Unit]] | None
) -> Mapping[str, list[Unit]] | None:
    """The story's units when they carry a tone; None in a language without a lexicon."""
    found = units(story) if given is None else given
    # read in C: the charts ask for every character's trajectory, each over all the units
    scores = list(map(_SCORE, chain.from_iterable(found.values())))
    if None in scores or (not scores and scorer(story_language(story)) is None):
        return None  # a score is a float or None: `in` finds None as `is None` would
    return found


_SCORE = attrgetter("score")


def _rng(name: str, seed: int) -> np.random.Generator:
    """``np.random.default_rng([seed, crc32(name)])``: the same generator, in the same state.

    `default_rng` makes a PCG64 from the four words a `SeedSequence` of the entropy
    generates, and the seed sequence is most of its cost (made again from words it
    already generated, a generator takes 1.4 of its 18 us). A story asks for a name's
    generator two or three times (`arc_change`, `vocabulary_drift`, `trajectory`), so
    the words are kept (`_seed_words`) and handed to PCG64 again.
    """
    words = _seed_words(seed, zlib.crc32(name.encode("utf-8")))
    return np.random.Generator(np.random.PCG64(_Seeded(words)))


@lru_cache(maxsize=4096)
def _seed_words(seed: int, key: int) -> np.ndarray:
    """The four 64-bit words PCG64 takes from ``SeedSequence([seed, key])`` (read-only)."""
    _register_seeded()
    words = np.random.SeedSequence([seed, key]).generate_state(4, np.uint64)
    words.flags.writeable = False
    return words


class _Seeded:
    """A seed sequence that gives PCG64 the words a `SeedSequence` generated for it (a
    numpy `ISeedSequence`, registered on first use: numpy.random is imported then)."""

    __slots__ = ("words",)

    def __init__(self, words: np.ndarray) -> None:
        self.words = words

    def generate_state(self, n_words: int, dtype: Any = np.uint32) -> np.ndarray:
        if n_words != len(self.words) or np.dtype(dtype) != self.words.dtype:
            raise ValueError("only the state PCG64 asks for is kept")
        return self.words


@cache
def _register_seeded() -> None:
    from numpy.random.bit_generator import ISeedSequence

    ISeedSequence.register(_Seeded)


def _boot_means(values: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """`RESAMPLES` bootstrap means of `values`, vectorised."""
    picks = rng.integers(0, len(values), size=(RESAMPLES, len(values)))
    # what `mean(axis=1)` computes (the same sum, divided by the count), to the bit,
    # without its Python-level checks: a story bootstraps some fifty times. `take` gathers
    # the same values as `values[picks]` without the general fancy-indexing iterator (half
    # the time of the gather)
    return values.take(picks).sum(axis=1) / len(values)


def _mean(values: np.ndarray) -> float:
    """``float(values.mean())`` of a non-empty 1-D float array: the same sum (`add.reduce`),
    divided by the count, to the bit, without `mean`'s Python-level checks (three means an
    arc, for every character with enough units)."""
    return float(values.sum() / len(values))


def _interval(samples: np.ndarray) -> tuple[float, float]:
    tail = (1.0 - CONFIDENCE) / 2 * 100
    ordered = np.sort(samples)
    low, high = (_percentile(ordered, q) for q in (tail, 100 - tail))
    return round(low, 4), round(high, 4)


def _percentile(ordered: np.ndarray, q: float) -> float:
    """`numpy.percentile(values, q)` (its default, linear method) of sorted values.

    The same arithmetic, step for step, so the result is the same to the last bit;
    numpy's own function imports numpy.ma, a sixth of numpy's import time.
    """
    n = len(ordered)
    quantile = q / 100
    index = (n - 1) * quantile
    below = math.floor(index)
    gamma = index - below
    lower, upper = (n - 1, n - 1) if index >= n - 1 else (below, below + 1)
    a, b = float(ordered[lower]), float(ordered[upper])
    diff = b - a
    return b - diff * (1 - gamma) if gamma >= 0.5 else a + diff * gamma


def trajectory(
    story: Story,
    name: str,
    windows: int = 5,
    seed: int = 0,
    *,
    text_units: Mapping[str, list[Unit]] | None = None,
) -> list[Window]:
    """Mean tone of `name`'s units in each of `windows` equal windows of story time.

    Window k holds the units with ``k / windows <= time < (k + 1) / windows``. Its
    mean comes with a 90 % bootstrap interval; a window with fewer than
    `MIN_WINDOW_UNITS` units has None for mean and interval (too little to read).
    A character with no units (or not in the cast) gets empty windows; a story in a
    language without a sentiment lexicon gets no windows at all.
    """
    scored = _scored(story, text_units if text_units is not None else units(story, names=[name]))
    if scored is None:
        return []
    found = scored.get(name, [])
    times = np.array([u.time for u in found], dtype=float)
    scores = np.array([u.score for u in found], dtype=float)
    which = np.minimum((times * windows).astype(int), windows - 1)
    rng = _rng(name, seed)
    result: list[Window] = []
    for k in range(windows):
        values = scores[which == k]
        start, end = round(k / windows, 4), round((k + 1) / windows, 4)
        if len(values) < MIN_WINDOW_UNITS:
            result.append(Window(start, end, len(values), None, None, None))
            continue
        low, high = _interval(_boot_means(values, rng))
        result.append(Window(start, end, len(values), round(_mean(values), 4), low, high))
    return result


def _segments(times: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Masks of start, middle and end: story thirds, or thirds of the character's own units.

    Story thirds are used when the first and the last each hold `MIN_SEGMENT_UNITS`;
    otherwise (a character who enters late or leaves early) the units, in story
    order, are cut into three near-equal runs.
    """
    start, end = times < 1 / 3, times >= 2 / 3
    if np.count_nonzero(start) >= MIN_SEGMENT_UNITS and np.count_nonzero(end) >= MIN_SEGMENT_UNITS:
        return start, ~(start | end), end
    n = len(times)
    third = -(-n // 3)
    rank = np.arange(n)
    return rank < third, (rank >= third) & (rank < n - third), rank >= n - third


def _shape(
    delta: tuple[float, float], rise: tuple[float, float] | None, fall: tuple[float, float] | None
) -> str:
    """Shape from the intervals of end-start (`delta`), middle-start and end-middle."""
    if rise is not None and fall is not None:
        if rise[1] < 0 and fall[0] > 0:
            return "fall-rise"
        if rise[0] > 0 and fall[1] < 0:
            return "rise-fall"
    if delta[0] > 0:
        return "rise"
    if delta[1] < 0:
        return "fall"
    return "flat" if delta[0] > -FLAT_BAND and delta[1] < FLAT_BAND else "unknown"


def _change(name: str, found: list[Unit], seed: int) -> ArcChange:
    if len(found) < MIN_UNITS:
        return ArcChange(name, len(found), None, None, None, None, None, None, "unknown")
    times = np.array([u.time for u in found], dtype=float)
    scores = np.array([u.score for u in found], dtype=float)
    first, mid, last = _segments(times)
    rng = _rng(name, seed)
    starting, ending = scores[first], scores[last]
    boot_start = _boot_means(starting, rng)
    boot_end = _boot_means(ending, rng)
    delta_ci = _interval(boot_end - boot_start)
    start, end = _mean(starting), _mean(ending)
    middle: float | None = None
    rise = fall = None
    if np.count_nonzero(mid) >= MIN_WINDOW_UNITS:
        boot_mid = _boot_means(scores[mid], rng)
        middle = round(_mean(scores[mid]), 4)
        rise, fall = _interval(boot_mid - boot_start), _interval(boot_end - boot_mid)
    return ArcChange(
        name,
        len(found),
        round(start, 4),
        middle,
        round(end, 4),
        round(end - start, 4),
        delta_ci[0],
        delta_ci[1],
        _shape(delta_ci, rise, fall),
    )


def arc_change(
    story: Story, seed: int = 0, *, text_units: Mapping[str, list[Unit]] | None = None
) -> dict[str, ArcChange]:
    """Change of tone from the start to the end of the story, per non-group character.

    start, middle and end are the mean tones of the character's units in the
    first, middle and last third of story time (or of the character's own units
    cut in thirds, see `_segments`); delta = end - start, with a 90 % interval
    from resampling start and end independently. The shape:

    - ``"fall-rise"`` / ``"rise-fall"``: middle - start and end - middle both have
      intervals clear of 0, in opposite directions (checked first: such an arc
      may end where it began);
    - ``"rise"`` / ``"fall"``: otherwise, the interval of delta lies above / below 0;
    - ``"flat"``: the interval of delta contains 0 and lies within +-`FLAT_BAND`
      (an equivalence test: enough data to say that little changes);
    - ``"unknown"``: an interval containing 0 that reaches past the band (too
      little data to tell), or fewer than `MIN_UNITS` units (then every value is
      None).

    Empty for a story in a language without a sentiment lexicon. `text_units` is
    `units(story)` if the caller already has it.
    """
    found = _scored(story, text_units) or {}
    return {name: _change(name, units_of, seed) for name, units_of in found.items()}


def content_words(text: str, language: str = "en") -> list[str]:
    """Lower-case word tokens of a text in `language` without its stop words.

    Empty in a language without a stop-word list.
    """
    stop = lexicons.stop_words(language)
    if stop is None:
        return []
    return [t for t in tokens(text, language) if t not in stop and len(t) > 1]


def _jsd(first: Counter[str], total: Counter[str]) -> float:
    """Jensen-Shannon divergence (base 2, in [0, 1]) of `first` and `total` - `first`.

    0 if either part is empty. A word only in the second part adds its share there
    (its mixture is half of it: b log2(b / (b/2)) = b), so those words are summed
    as one remainder and the cost is the first part's vocabulary, not the whole's.
    """
    p_total = sum(first.values())
    q_total = sum(total.values()) - p_total
    if p_total == 0 or q_total == 0:
        return 0.0
    result = 0.0
    rest = q_total
    for word, count in first.items():
        left = total[word] - count
        rest -= left
        a, b = count / p_total, left / q_total
        m = (a + b) / 2
        result += a * math.log2(a / m)
        if b:
            result += b * math.log2(b / m)
    return (result + rest / q_total) / 2


def _halves_rows(lengths: np.ndarray) -> np.ndarray:
    """Per row of speech lengths (each row an order of the same speeches): boolean mask of
    the speeches in the first half of the row's words, in the row's order."""
    cumulative = np.cumsum(lengths, axis=1)
    return cumulative - lengths < cumulative[:, -1:] / 2


def _drift(speeches: Sequence[Sequence[str]], rng: np.random.Generator) -> float:
    """Drift of one character's speeches (each its content words, in order; enough of them,
    `_enough`).

    Words become ids of the character's own vocabulary, so each cut is one
    `bincount` of its first half's words: linear in the words spoken.
    """
    lengths = np.array([len(s) for s in speeches])
    words = list(chain.from_iterable(speeches))
    # ids in the order words first come, each word looked up in C
    vocabulary = {word: i for i, word in enumerate(dict.fromkeys(words))}
    ids = np.array(list(map(vocabulary.__getitem__, words)))
    total = np.bincount(ids, minlength=len(vocabulary))
    orders = np.array(
        [np.arange(len(speeches))] + [rng.permutation(len(speeches)) for _ in range(DRIFT_SHUFFLES)]
    )
    # every cut at once, a row each: which speeches come in the first half of its words
    in_first = np.zeros(orders.shape, dtype=bool)
    rows = np.arange(len(orders))[:, None]
    in_first[rows, orders] = _halves_rows(lengths.take(orders))
    # every cut's first-half counts in one bincount: row k holds cut k's words, offset
    # by k vocabularies
    width = len(vocabulary)
    picked = (ids + rows * width)[np.repeat(in_first, lengths, axis=1)]
    firsts = np.bincount(picked, minlength=len(orders) * width)
    divergences = _jsd_rows(firsts.reshape(len(orders), width), total)
    observed, chance = divergences[0], np.mean(divergences[1:])
    return round(observed - float(chance), 4)


def _jsd_rows(firsts: np.ndarray, total: np.ndarray) -> list[float]:
    """`_jsd` of each row of `firsts` (counts of a first part over one vocabulary) against
    the rest of `total`: 0 for a row with an empty part. Each row is summed alone (a row
    of a C-ordered array is summed as a 1-D array is: the values are those of one cut at
    a time, to the last bit)."""
    seconds = total - firsts
    p_totals, q_totals = firsts.sum(axis=1), seconds.sum(axis=1)
    empty = (p_totals == 0) | (q_totals == 0)
    a = firsts / np.where(empty, 1, p_totals)[:, None]
    b = seconds / np.where(empty, 1, q_totals)[:, None]
    m = (a + b) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(a > 0, a * np.log2(a / m), 0.0) + np.where(b > 0, b * np.log2(b / m), 0.0)
    sums = terms.sum(axis=1)
    return [0.0 if none else float(value) / 2 for none, value in zip(empty, sums, strict=True)]


def vocabulary_drift(
    story: Story, seed: int = 0, *, text_units: Mapping[str, list[Unit]] | None = None
) -> dict[str, float | None]:
    """How far what a character talks about moves from the first to the second half.

    A character's speeches, in story order, are cut where half their content
    words have been spoken (content words: lower-case tokens outside the
    language's stop words, `content_words`). drift = JSD(early, late) - the mean
    JSD of `DRIFT_SHUFFLES` cuts of the same speeches in random order.

    Jensen-Shannon divergence rather than 1 - cosine: it compares probability
    distributions, is symmetric, bounded in [0, 1] and defined when the halves
    share no word. Both grow as samples shrink (two small samples of one
    vocabulary differ by chance), so the chance baseline is subtracted: about 0
    means no more change than shuffling the speeches gives, whoever speaks more.
    None for characters with fewer than 2 x `MIN_DRIFT_WORDS` content words or
    fewer than 4 speeches; empty for a story in a language without stop words.
    Word counts are kept as counters, so the cost grows with the words spoken
    (each cut is one count of its first half's words).
    """
    language = story_language(story)
    if language is None or lexicons.stop_words(language) is None:
        return {}
    found_units = text_units if text_units is not None else units(story, language)
    result: dict[str, float | None] = {}
    for name, found in found_units.items():
        spoken = [u for u in found if u.speech]
        if len(spoken) < 4:  # too few speeches, whatever their words: no need to read them
            result[name] = None
            continue
        # the words units kept (a tuple each), read again only from units that kept none
        speeches = [u.words or content_words(u.text, language) for u in spoken]
        speeches = [words for words in speeches if words]
        # the generator only for a character it is drawn for (a third of Kraus's cast)
        result[name] = _drift(speeches, _rng(name, seed)) if _enough(speeches) else None
    return result


def _enough(speeches: Sequence[Sequence[str]]) -> bool:
    """Whether a character's speeches (each its content words) have enough words for a drift:
    `MIN_DRIFT_WORDS` a half, in 4 speeches or more."""
    return len(speeches) >= 4 and sum(map(len, speeches)) >= 2 * MIN_DRIFT_WORDS


def tone_words(
    story: Story,
    name: str,
    limit: int = 5,
    *,
    text_units: Mapping[str, list[Unit]] | None = None,
) -> dict[str, list[tuple[str, int]]]:
    """The most frequent lexicon words in `name`'s speeches, early half and late half.

    Evidence for a verdict that quotes what changed: ``{"early": [(word, count)],
    "late": [...]}``, halves cut at the middle of story time, words of the story's
    language's lexicon. Empty for a story in a language without a sentiment lexicon.
    """
    language = story_language(story)
    tone: Scorer | None = scorer(language)
    if tone is None:
        return {}
    found = text_units if text_units is not None else units(story, language, [name])
    halves: dict[str, Counter[str]] = {"early": Counter(), "late": Counter()}
    for unit in found.get(name, []):
        if unit.speech:
            halves["early" if unit.time < 0.5 else "late"].update(tone.words(unit.text))
    return {key: counter.most_common(limit) for key, counter in halves.items()}
