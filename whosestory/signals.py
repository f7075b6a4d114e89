"""Signals: every measure of a story, each computed once, for the verdicts and their cases.

`measure(story)` is the first half of `analyze`: it runs each measure family once
and keeps what the verdicts, their cases and the charts read later. What only
some verdicts need for one character (interiority quotes, tone words, ties to the
main character) is computed on first request and kept on this one object, so it
is never computed twice and never shared between two analyses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from typing import Any

from whosestory import language as languages
from whosestory import lexicons
from whosestory.features import character_features
from whosestory.measures import agency, arc, frame, interiority, network, soliloquy, spotlight, ties
from whosestory.model import Story, record
from whosestory.quoting import Namer
from whosestory.ranking import mean_rank

LISTENER_THRESHOLD = 0.4
"""A character whose frame speeches are more than this share questions is partly a listener."""
_CHANGE_SHAPES = frozenset({"rise", "fall", "fall-rise", "rise-fall"})

Table = Mapping[str, float]
COUNT_MEASURES = ("cues", "words", "scenes_present", "screen_time")
NETWORK_MEASURES = (
    "copresence_weighted_degree",
    "copresence_degree",
    "copresence_betweenness",
    "copresence_closeness",
    "copresence_eigenvector",
    "conversation_weighted_degree",
)
"""The measures of the mean rank (Fischer et al. 2018): counts and centralities."""


@record
class Signals:
    """A story's measure tables and the measured structures the cases and charts quote.

    `tables` maps measure -> character -> value (see `measure_registry`);
    `present` and `speaking` the scenes each character is present in and speaks in;
    `graphs` the co-presence and conversation graphs; `layer` the frame layer;
    `voices` who narrates first and last; `arcs` each character's change of tone;
    `language` the story's (declared or detected), `text_units` each character's
    scored speech in story order (read once for arcs, drift, tone words), `lengths`
    each scene's estimated seconds; `perception_hits` and `pov_hits` the interiority
    hits (read once for the measure and its quotes).
    """

    story: Story
    names: tuple[str, ...]
    tables: Mapping[str, Table]
    tiers: Mapping[str, str]
    present: Mapping[str, frozenset[int]]
    speaking: Mapping[str, frozenset[int]]
    graphs: Mapping[str, network.Graph]
    layer: frame.Frame
    voices: frame.Telling
    arcs: Mapping[str, arc.ArcChange]
    language: str | None = None
    text_units: Mapping[str, list[arc.Unit]] = field(default_factory=dict)
    inner_speeches: tuple[soliloquy.InnerSpeech, ...] = ()
    lengths: tuple[float, ...] = ()
    """Each scene's estimated seconds (`spotlight.scene_lengths`), for the statistics."""
    perception_hits: list[interiority.Hit] = field(default_factory=list)
    pov_hits: list[interiority.Hit] = field(default_factory=list)
    _memo: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False, compare=False)

    def _once(self, key: str, name: str, compute: Any) -> Any:
        if (key, name) not in self._memo:
            self._memo[key, name] = compute()
        return self._memo[key, name]

    def inner_hits(self, name: str) -> list[interiority.Hit]:
        """Up to three interiority hits of `name` (perception verbs, POV shots), in order."""
        return self._once(
            "inner",
            name,
            lambda: interiority.evidence(
                self.story, name, limit=3, perception=self.perception_hits, pov=self.pov_hits
            ),
        )

    def tone_words(self, name: str) -> dict[str, list[tuple[str, int]]]:
        """The three most frequent toned words of `name`'s early and late speech."""
        return self._once(
            "tone",
            name,
            lambda: arc.tone_words(self.story, name, limit=3, text_units=self.text_units),
        )

    def content_tone_words(self, name: str, limit: int = 3) -> dict[str, list[str]]:
        """`name`'s most frequent toned words, early and late, less the language's stop
        words and fragments shorter than three letters (filler: "no", "like", "die")."""
        stop = lexicons.stop_words(self.language) if self.language else None
        found = self._once(
            "tone_all",
            name,
            lambda: arc.tone_words(self.story, name, limit=50, text_units=self.text_units),
        )
        return {
            half: [w for w, _ in words if len(w) > 2 and (stop is None or w not in stop)][:limit]
            for half, words in found.items()
        }

    def soliloquies(self, name: str) -> list[soliloquy.InnerSpeech]:
        """`name`'s soliloquies and asides (a play's interiority), in story order."""
        return [s for s in self.inner_speeches if s.character == name]

    def namer(self) -> Namer:
        """Whether a sentence names a character (`quoting.Namer`), built once."""
        return self._once("namer", "", lambda: Namer([c for c in self.story.cast if not c.group]))

    def ties(self, name: str) -> dict[str, dict[str, float]]:
        """shared_scenes, exchanges and talked_about from `name` to every other character."""
        graphs = self.graphs
        return self._once(
            "ties",
            name,
            lambda: ties.ties(self.story, name, graphs["copresence"], graphs["conversation"]),
        )

    def features(self) -> dict[str, dict[str, float]]:
        """Every individual character's role-model features (`whosestory.features`)."""
        return self._once("features", "", self._features)

    def _features(self) -> dict[str, dict[str, float]]:
        return character_features(self.story, self.tables, self.present, self.mean_rank())

    def mean_rank(self) -> dict[str, float]:
        """Each character's mean rank over the count and network measures (lower is better)."""
        measures = (*COUNT_MEASURES, *NETWORK_MEASURES)
        tables = self.tables
        return self._once(
            "mean_rank",
            "",
            lambda: mean_rank([{n: tables[m].get(n, 0.0) for n in self.names} for m in measures]),
        )

    def trajectory(self, name: str) -> list[arc.Window]:
        """`name`'s tone in windows over story time, with intervals."""
        return self._once(
            "trajectory",
            name,
            lambda: arc.trajectory(self.story, name, text_units=self.text_units),
        )


def _frame_tables(
    story: Story,
    layer: frame.Frame,
    voices: frame.Telling,
    present: Mapping[str, frozenset[int]],
) -> dict[str, dict[str, float]]:
    """frame_share (less a listener's share), closing voice and narration (each less a
    witness's distance from the story), listener share."""
    listening = frame.listener_share(story, layer.scenes)
    share = {}
    for name, value in layer.presence.items():
        questions = listening.get(name, 0.0)
        penalty = max(0.0, (questions - LISTENER_THRESHOLD) / (1 - LISTENER_THRESHOLD))
        share[name] = round(value * (1 - penalty), 4) if layer.owner else 0.0
    told = frame.narration(story)
    inside = frame.narrator_in_story(story, present)
    return {
        "frame_share": share,
        "listener_share": listening,
        "closing_voice": frame.lived(frame.closing_voice(story, voices=voices), inside),
        "voice_over_words": {n: v["words"] for n, v in told.items()},
        "voice_over_share": {n: v["share"] for n, v in told.items()},
        "narrator_in_story": inside,
        "narration": {n: round(v["share"] * inside.get(n, 0.0), 4) for n, v in told.items()},
        "bookends": frame.bookends(story, present=present),
    }


def _presence_tables(
    story: Story,
    present: Mapping[str, frozenset[int]],
    speaking: Mapping[str, frozenset[int]],
    lengths: list[float],
) -> dict[str, dict[str, float]]:
    seconds = spotlight.screen_time(story, present, lengths)
    return {
        "cues": dict(spotlight.cues(story)),
        "words": dict(spotlight.words(story)),
        "scenes_speaking": {n: len(s) for n, s in speaking.items()},
        "scenes_present": {n: len(s) for n, s in present.items()},
        "screen_time": seconds,
        "screen_share": spotlight.screen_share(
            story, seconds, spotlight.story_seconds(story, lengths)
        ),
        "passive_presence": dict(spotlight.passive_presence(story, present)),
    }


def measure(story: Story) -> Signals:
    """Every per-character measure of the story, each computed once."""
    speaking = spotlight.speaking_scenes(story)
    present = spotlight.present_scenes(story, speaking)
    subject = agency.subject_counts(story)
    graphs = network.story_graphs(story, present)
    perceived = interiority.perception_hits(story)
    # no hits may mean a language without verbs, which has no table (not zeros)
    perception = interiority.perception_verbs(story, hits=perceived or None)
    shot_hits = interiority.pov_hits(story)
    shots = interiority.pov_shots(story, hits=shot_hits)
    lengths = spotlight.scene_lengths(story)
    tables: dict[str, dict[str, float]] = _presence_tables(story, present, speaking, lengths)
    tables.update(
        {
            "subject": {n: s for n, (s, _) in subject.items()},
            "object": {n: o for n, (_, o) in subject.items()},
            "agency": agency.agency(story, subject),
            "scene_openers": dict(agency.scene_openers(story)),
            "exchange_openers": dict(agency.exchange_openers(story)),
            "interiority": interiority.interiority(
                story, perception=perception, shots=shots, present=present
            ),
            "perception_verbs": dict(perception),
            "pov_shots": dict(shots),
        }
    )
    tables.update(network.network_measures(story, presence=present, graphs=graphs))
    layer = frame.frame_layer(story, present)
    voices = frame.telling(story)
    tables.update(_frame_tables(story, layer, voices, present))
    language = languages.story_language(story)
    text_units = arc.units(story, language)
    arcs = arc.arc_change(story, text_units=text_units)
    tables["change"] = {
        n: abs(a.delta) if a.delta is not None and a.shape in _CHANGE_SHAPES else 0.0
        for n, a in arcs.items()
    }
    drift = arc.vocabulary_drift(story, text_units=text_units)
    tables["vocabulary_drift"] = {n: v or 0.0 for n, v in drift.items()}
    tables["position_change"] = network.position_change(story, present)
    speeches = tuple(soliloquy.inner_speeches(story))
    tables["soliloquies"] = soliloquy.counts(story, speeches, "soliloquy")
    tables["asides"] = soliloquy.counts(story, speeches, "aside")
    return Signals(
        story=story,
        names=tuple(c.name for c in story.cast if not c.group),
        tables=tables,
        tiers=network.tiers(story, presence=present),
        present=present,
        speaking=speaking,
        graphs=graphs,
        layer=layer,
        voices=voices,
        arcs=arcs,
        language=language,
        text_units=text_units,
        inner_speeches=speeches,
        lengths=tuple(lengths),
        perception_hits=perceived,
        pov_hits=shot_hits,
    )
