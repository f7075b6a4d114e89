"""One call from a Story to every measure and verdict the reports show."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from whosestory import verdict
from whosestory.measures import agency, network, ranking, spotlight
from whosestory.model import Story

COUNT_MEASURES = ("cues", "words", "scenes_present", "screen_time")
NETWORK_MEASURES = tuple(verdict.NETWORK_WEIGHTS)


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
    """A story, its measure tables (measure -> character -> value), rankings and verdicts."""

    story: Story
    figures: tuple[CharacterFigures, ...]
    tables: Mapping[str, Mapping[str, float]]
    tiers: Mapping[str, str]
    rankings: Rankings
    roles: Mapping[str, verdict.Verdict]


def measure_tables(story: Story) -> dict[str, dict[str, float]]:
    """Every per-character measure of the story, keyed by measure name."""
    present = spotlight.present_scenes(story)
    subject = agency.subject_counts(story)
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
        "agency": agency.agency(story),
        "scene_openers": dict(agency.scene_openers(story)),
        "exchange_openers": dict(agency.exchange_openers(story)),
    }
    tables.update(network.network_measures(story, presence=present))
    return tables


def analyze(story: Story) -> Analysis:
    """Compute every measure, the rankings and the spotlight and protagonist verdicts."""
    tables = measure_tables(story)
    names = [c.name for c in story.cast if not c.group]
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
        tiers=network.tiers(story),
        rankings=rankings,
        roles=roles,
    )
