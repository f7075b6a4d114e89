"""Arc of change: how a character's emotional tone and vocabulary move over story time.

A character's **text units** are their own speeches (dialogue, voice-over and
lyrics, one unit per `Scene.speeches` run) and the action or stage paragraphs
that name them or refer to them by a resolved pronoun (`Story.mentions`, one
unit per paragraph however often it names them). Each unit has a position in
story time, ``scene index / number of scenes`` (0 for the first scene, just
under 1 for the last), and a tone: the VADER compound score of its text, in
[-1, 1] (Hutto and Gilbert, "VADER: A Parsimonious Rule-based Model for
Sentiment Analysis of Social Media Text", ICWSM 2014; the lexicon ships with
the ``vaderSentiment`` package). Each text is scored once per story.

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

import re
import string
import zlib
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from whosestory.model import Kind, Story

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

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
_PUNCTUATION = string.punctuation
_TOKEN_RE = re.compile(r"[a-z][a-z']*[a-z]|[a-z]")
_STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are aren't as at be because
    been before being below between both but by can can't cannot could couldn't did didn't do
    does doesn't doing don't down during each even ever every few for from further get gets
    got gonna gotta had hadn't has hasn't have haven't having he he'd he'll he's her here
    here's hers herself him himself his how i i'd i'll i'm i've if in into is isn't it it's
    its itself just let let's like me more most much must my myself no nor not now of off oh
    ok okay on once one only or other our ours ourselves out over own really right said same
    say says see she she'd she'll she's should shouldn't so some still such than that that's
    the their theirs them themselves then there there's these they they'd they'll they're
    they've this those through to too um uh under until up upon us very was wasn't we we'd
    we'll we're we've well were weren't what what's when where which while who who's whom why
    will with won't would wouldn't yeah yes yet you you'd you'll you're you've your yours
    yourself yourselves""".split()
)

_analyzer: SentimentIntensityAnalyzer | None = None
_emoji_chars: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Unit:
    """One text unit of a character: a speech or an action paragraph about them."""

    character: str
    scene: int
    line: int
    time: float
    score: float
    speech: bool
    text: str


@dataclass(frozen=True, slots=True)
class Window:
    """One window of a `trajectory`: story time [start, end), its units and their mean tone."""

    start: float
    end: float
    units: int
    mean: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True, slots=True)
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


def _vader() -> SentimentIntensityAnalyzer:
    """The one analyzer of this process, made on first use (loading the lexicon takes ~20 ms)."""
    global _analyzer, _emoji_chars
    if _analyzer is None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        _analyzer = SentimentIntensityAnalyzer()
        _emoji_chars = frozenset(k for k in _analyzer.emojis if len(k) == 1)
    return _analyzer


def sentiment(text: str) -> float:
    """VADER compound score of a text, in [-1, 1].

    A text none of whose tokens is in the lexicon scores 0 in VADER; that case is
    answered without running VADER (tokens found the way VADER finds them).
    """
    analyzer = _vader()
    lexicon = analyzer.lexicon
    if _emoji_chars.isdisjoint(text):
        for token in text.split():
            stripped = token.strip(_PUNCTUATION)
            if (stripped if len(stripped) > 2 else token).lower() in lexicon:
                break
        else:
            return 0.0
    return float(analyzer.polarity_scores(text)["compound"])


_CACHE: dict[int, tuple[Story, dict[str, list[Unit]]]] = {}


def units(story: Story) -> dict[str, list[Unit]]:
    """Every non-group character's text units in story order (empty list when none).

    Computed once per story object and kept for the next call on the same story.
    """
    cached = _CACHE.get(id(story))
    if cached is not None and cached[0] is story:
        return cached[1]
    result = _units(story)
    if len(_CACHE) >= 4:
        _CACHE.clear()
    _CACHE[id(story)] = (story, result)
    return result


def _units(story: Story) -> dict[str, list[Unit]]:
    result: dict[str, list[Unit]] = {c.name: [] for c in story.cast if not c.group}
    n = max(1, len(story.scenes))
    scores: dict[str, float] = {}

    def score(text: str) -> float:
        if text not in scores:
            scores[text] = sentiment(text)
        return scores[text]

    narrative = {
        (s.index, e.line): e for s in story.scenes for e in s.elements if e.kind in _NARRATIVE
    }
    about: dict[tuple[int, int], set[str]] = {}
    for mention in story.mentions:
        if mention.present and (mention.scene, mention.line) in narrative:
            about.setdefault((mention.scene, mention.line), set()).add(mention.character)
    for scene in story.scenes:
        time = scene.index / n
        for element in scene.elements:
            for name in sorted(about.get((scene.index, element.line), ())):
                if name in result:
                    result[name].append(
                        Unit(name, scene.index, element.line, time, score(element.text), False, "")
                    )
        for speech in scene.speeches():
            text = speech.text
            if speech.speaker in result and text.strip():
                result[speech.speaker].append(
                    Unit(speech.speaker, scene.index, speech.line, time, score(text), True, text)
                )
    for found in result.values():
        found.sort(key=lambda u: (u.scene, u.line))
    return result


def _rng(name: str, seed: int) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(name.encode("utf-8"))])


def _boot_means(values: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """`RESAMPLES` bootstrap means of `values`, vectorised."""
    picks = rng.integers(0, len(values), size=(RESAMPLES, len(values)))
    return values[picks].mean(axis=1)


def _interval(samples: np.ndarray) -> tuple[float, float]:
    tail = (1.0 - CONFIDENCE) / 2 * 100
    low, high = np.percentile(samples, [tail, 100 - tail])
    return round(float(low), 4), round(float(high), 4)


def trajectory(story: Story, name: str, windows: int = 5, seed: int = 0) -> list[Window]:
    """Mean tone of `name`'s units in each of `windows` equal windows of story time.

    Window k holds the units with ``k / windows <= time < (k + 1) / windows``. Its
    mean comes with a 90 % bootstrap interval; a window with fewer than
    `MIN_WINDOW_UNITS` units has None for mean and interval (too little to read).
    A character with no units (or not in the cast) gets empty windows.
    """
    found = units(story).get(name, [])
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
        result.append(Window(start, end, len(values), round(float(values.mean()), 4), low, high))
    return result


def _segments(times: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Masks of start, middle and end: story thirds, or thirds of the character's own units.

    Story thirds are used when the first and the last each hold `MIN_SEGMENT_UNITS`;
    otherwise (a character who enters late or leaves early) the units, in story
    order, are cut into three near-equal runs.
    """
    start, end = times < 1 / 3, times >= 2 / 3
    if start.sum() >= MIN_SEGMENT_UNITS and end.sum() >= MIN_SEGMENT_UNITS:
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
    boot_start = _boot_means(scores[first], rng)
    boot_end = _boot_means(scores[last], rng)
    delta_ci = _interval(boot_end - boot_start)
    start, end = float(scores[first].mean()), float(scores[last].mean())
    middle: float | None = None
    rise = fall = None
    if mid.sum() >= MIN_WINDOW_UNITS:
        boot_mid = _boot_means(scores[mid], rng)
        middle = round(float(scores[mid].mean()), 4)
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


def arc_change(story: Story, seed: int = 0) -> dict[str, ArcChange]:
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
    """
    return {name: _change(name, found, seed) for name, found in units(story).items()}


def content_words(text: str) -> list[str]:
    """Lower-case word tokens of a text without stop words."""
    return [t for t in _TOKEN_RE.findall(text.lower()) if t not in _STOP_WORDS and len(t) > 1]


def _jsd(p: np.ndarray, q: np.ndarray) -> float:
    """Jensen-Shannon divergence (base 2, in [0, 1]) of two count vectors (0 if one is empty)."""
    if p.sum() == 0 or q.sum() == 0:
        return 0.0
    p = p / p.sum()
    q = q / q.sum()
    m = (p + q) / 2

    def kl(a: np.ndarray) -> float:
        nz = a > 0
        return float(np.sum(a[nz] * np.log2(a[nz] / m[nz])))

    return (kl(p) + kl(q)) / 2


def _halves(lengths: np.ndarray) -> np.ndarray:
    """Boolean mask of the speeches in the first half of the words, in the given order."""
    cumulative = np.cumsum(lengths)
    return cumulative - lengths < cumulative[-1] / 2


def _drift(speeches: list[list[int]], vocabulary: int, rng: np.random.Generator) -> float | None:
    lengths = np.array([len(s) for s in speeches])
    if lengths.sum() < 2 * MIN_DRIFT_WORDS or len(speeches) < 4:
        return None
    rows = np.repeat(np.arange(len(speeches)), lengths)
    counts = np.zeros((len(speeches), vocabulary))
    np.add.at(counts, (rows, np.concatenate([np.asarray(s, dtype=int) for s in speeches])), 1)
    total = counts.sum(axis=0)

    def split(order: np.ndarray) -> float:
        early = np.zeros(len(speeches))
        early[order[_halves(lengths[order])]] = 1.0
        first = early @ counts
        return _jsd(first, total - first)

    observed = split(np.arange(len(speeches)))
    chance = np.mean([split(rng.permutation(len(speeches))) for _ in range(DRIFT_SHUFFLES)])
    return round(observed - float(chance), 4)


def vocabulary_drift(story: Story, seed: int = 0) -> dict[str, float | None]:
    """How far what a character talks about moves from the first to the second half.

    A character's speeches, in story order, are cut where half their content
    words have been spoken (content words: lower-case tokens outside a small
    stop-word list, `content_words`). drift = JSD(early, late) - the mean JSD of
    `DRIFT_SHUFFLES` cuts of the same speeches in random order.

    Jensen-Shannon divergence rather than 1 - cosine: it compares probability
    distributions, is symmetric, bounded in [0, 1] and defined when the halves
    share no word. Both grow as samples shrink (two small samples of one
    vocabulary differ by chance), so the chance baseline is subtracted: about 0
    means no more change than shuffling the speeches gives, whoever speaks more.
    None for characters with fewer than 2 x `MIN_DRIFT_WORDS` content words or
    fewer than 4 speeches.
    """
    rng_seed = seed
    result: dict[str, float | None] = {}
    for name, found in units(story).items():
        tokens = [content_words(u.text) for u in found if u.speech]
        tokens = [t for t in tokens if t]
        vocabulary: dict[str, int] = {}
        ids = [[vocabulary.setdefault(w, len(vocabulary)) for w in t] for t in tokens]
        result[name] = _drift(ids, len(vocabulary), _rng(name, rng_seed)) if ids else None
    return result


def tone_words(story: Story, name: str, limit: int = 5) -> dict[str, list[tuple[str, int]]]:
    """The most frequent lexicon words in `name`'s speeches, early half and late half.

    Evidence for a verdict that quotes what changed: ``{"early": [(word, count)],
    "late": [...]}``, halves cut at the middle of story time.
    """
    lexicon = _vader().lexicon
    halves: dict[str, Counter[str]] = {"early": Counter(), "late": Counter()}
    for unit in units(story).get(name, []):
        if unit.speech:
            half = halves["early" if unit.time < 0.5 else "late"]
            half.update(w for w in _TOKEN_RE.findall(unit.text.lower()) if w in lexicon)
    return {key: counter.most_common(limit) for key, counter in halves.items()}
