"""One call from a Story to every measure and verdict the reports show."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from whosestory import language as languages
from whosestory import verdict
from whosestory.measures import agency, arc, frame, interiority, network, ranking, spotlight, ties
from whosestory.model import Story

COUNT_MEASURES = ("cues", "words", "scenes_present", "screen_time")
NETWORK_MEASURES = tuple(verdict.NETWORK_WEIGHTS)
LISTENER_THRESHOLD = 0.4
"""A character whose frame speeches are more than this share questions is partly a listener."""
_CHANGE_SHAPES = frozenset({"rise", "fall", "fall-rise", "rise-fall"})


ROLES = ("spotlight", "protagonist", "main_character", "impact_character")
"""The roles every analysis decides, in the order reports list them."""


@dataclass(frozen=True, slots=True)
class CharacterFigures:
    """The spotlight figures of one character."""

    name: str
    cues: int
    words: int
    scenes_speaking: int
    scenes_present: int


@dataclass(frozen=True, slots=True)
class Rankings:
    """Count-based, network-based and overall rankings, and how far the first two agree.

    `overall` is the mean rank over every count and network measure (lower is
    better); `agreement` is Kendall's tau-b between the count and network scores.
    """

    count: Mapping[str, float]
    network: Mapping[str, float]
    overall: Mapping[str, float]
    agreement: float | None


@dataclass(frozen=True, slots=True)
class Analysis:
    """A story, its measure tables (measure -> character -> value), rankings and verdicts.

    `parts` holds the components of each composite verdict (role -> component ->
    character -> 0..1) so that a report can say which evidence carried it;
    `frame` is the frame layer found, `arcs` each character's change of tone.
    `language` is the story's (declared or detected) and `unavailable` names each
    lexicon measure that language has no resource for, with the reason: those
    measures are absent from `tables`, not zero.
    """

    story: Story
    figures: tuple[CharacterFigures, ...]
    tables: Mapping[str, Mapping[str, float]]
    tiers: Mapping[str, str]
    rankings: Rankings
    roles: Mapping[str, verdict.Verdict]
    parts: Mapping[str, Mapping[str, Mapping[str, float]]]
    frame: frame.Frame
    arcs: Mapping[str, arc.ArcChange]
    language: str | None = None
    unavailable: Mapping[str, str] = field(default_factory=dict)


def _frame_tables(story: Story, layer: frame.Frame) -> dict[str, dict[str, float]]:
    """frame_share (less a listener's share), closing voice, narration, listener share."""
    listening = frame.listener_share(story, layer.scenes)
    share = {}
    for name, value in layer.presence.items():
        questions = listening.get(name, 0.0)
        penalty = max(0.0, (questions - LISTENER_THRESHOLD) / (1 - LISTENER_THRESHOLD))
        share[name] = round(value * (1 - penalty), 4) if layer.owner else 0.0
    told = frame.narration(story)
    inside = frame.narrator_in_story(story)
    return {
        "frame_share": share,
        "listener_share": listening,
        "closing_voice": frame.closing_voice(story),
        "voice_over_words": {n: v["words"] for n, v in told.items()},
        "voice_over_share": {n: v["share"] for n, v in told.items()},
        "narrator_in_story": inside,
        "narration": {n: round(v["share"] * inside.get(n, 0.0), 4) for n, v in told.items()},
        "bookends": frame.bookends(story),
    }


def measure_tables(story: Story) -> tuple[dict[str, dict[str, float]], dict, dict[str, str]]:
    """Every per-character measure of the story, keyed by measure name; the graphs; tiers."""
    present = spotlight.present_scenes(story)
    subject = agency.subject_counts(story)
    graphs = network.story_graphs(story, present)
    perception = interiority.perception_verbs(story)
    shots = interiority.pov_shots(story)
    tables: dict[str, dict[str, float]] = {
        "cues": dict(spotlight.cues(story)),
        "words": dict(spotlight.words(story)),
        "scenes_speaking": dict(spotlight.scenes_speaking(story)),
        "scenes_present": {n: len(s) for n, s in present.items()},
        "screen_time": spotlight.screen_time(story),
        "screen_share": spotlight.screen_share(story),
        "passive_presence": dict(spotlight.passive_presence(story)),
        "subject": {n: s for n, (s, _) in subject.items()},
        "object": {n: o for n, (_, o) in subject.items()},
        "agency": agency.agency(story, subject),
        "scene_openers": dict(agency.scene_openers(story)),
        "exchange_openers": dict(agency.exchange_openers(story)),
        "interiority": interiority.interiority(
            story, perception=perception, shots=shots, present=present
        ),
        "perception_verbs": perception,
        "pov_shots": shots,
    }
    tables.update(network.network_measures(story, presence=present, graphs=graphs))
    return tables, graphs, network.tiers(story, presence=present)


def analyze(story: Story) -> Analysis:
    """Compute every measure, the rankings and the four role verdicts."""
    tables, graphs, tiers = measure_tables(story)
    names = [c.name for c in story.cast if not c.group]
    layer = frame.frame_layer(story)
    tables.update(_frame_tables(story, layer))
    language = languages.story_language(story)
    text_units = arc.units(story, language)
    arcs = arc.arc_change(story, text_units=text_units)
    tables["change"] = {
        n: abs(a.delta) if a.delta is not None and a.shape in _CHANGE_SHAPES else 0.0
        for n, a in arcs.items()
    }
    drift = arc.vocabulary_drift(story, text_units=text_units)
    tables["vocabulary_drift"] = {n: v or 0.0 for n, v in drift.items()}
    tables["position_change"] = network.position_change(story)
    count_scores = verdict.spotlight_scores(names, tables)
    network_scores = verdict.network_scores(names, tables)
    overall = ranking.mean_rank(
        [{n: tables[m].get(n, 0.0) for n in names} for m in (*COUNT_MEASURES, *NETWORK_MEASURES)]
    )
    rankings = Rankings(
        count=count_scores,
        network=network_scores,
        overall=overall,
        agreement=ranking.kendall_tau(count_scores, network_scores),
    )
    main_parts = verdict.main_character_parts(names, tables)
    main = verdict.decide(
        "main_character",
        verdict.weighted(main_parts, verdict.MAIN_WEIGHTS),
        main_parts,
    )
    tie_tables = (
        ties.ties(story, main.character, graphs["copresence"], graphs["conversation"])
        if main.character
        else {k: {} for k in verdict.IMPACT_WEIGHTS}
    )
    roles = {
        "spotlight": verdict.decide(
            "spotlight", count_scores, {m: tables[m] for m in COUNT_MEASURES}
        ),
        "protagonist": verdict.decide(
            "protagonist",
            verdict.protagonist_scores(names, tables),
            {
                m: tables[m]
                for m in (
                    "scenes_present",
                    "cues",
                    "copresence_weighted_degree",
                    "copresence_betweenness",
                    "subject",
                    "agency",
                )
            },
        ),
        "main_character": main,
        "impact_character": verdict.decide(
            "impact_character",
            verdict.impact_scores(main.character, names, tie_tables),
            tie_tables,
        ),
    }
    figures = [
        CharacterFigures(
            c.name,
            int(tables["cues"][c.name]),
            int(tables["words"][c.name]),
            int(tables["scenes_speaking"][c.name]),
            int(tables["scenes_present"][c.name]),
        )
        for c in story.cast
    ]
    figures.sort(key=lambda f: (-f.scenes_present, -f.cues, -f.words, f.name))
    return Analysis(
        story=story,
        figures=tuple(figures),
        tables=tables,
        tiers=tiers,
        rankings=rankings,
        roles=roles,
        parts={"main_character": main_parts, "impact_character": tie_tables},
        frame=layer,
        arcs=arcs,
        language=language,
        unavailable=languages.unavailable(language),
    )
