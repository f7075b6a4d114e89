"""One call from a Story to the finished result every report, `argue` and `compare` read.

    Story -> `signals.measure` (every measure, once) -> `roles.decide_all` (each
    declared role: scorer, verdict, case) -> rankings, figures, chart data -> Analysis

Nothing after this stage runs a measure: the report views, `argue`, `compare`,
`corpus` and `serve` read the `Analysis` only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import field, replace
from functools import partial
from typing import TYPE_CHECKING

from whosestory import evidence, verdict
from whosestory import language as languages
from whosestory.chart_data import Charts, arc_names, chart_data
from whosestory.measures import network, spotlight
from whosestory.measures.arc import ArcChange
from whosestory.measures.frame import Frame
from whosestory.model import Story, record
from whosestory.ranking import kendall_tau
from whosestory.rolemodel import RoleModel
from whosestory.roles import BY_NAME, ROLES, SPOTLIGHT, Scored, decide_all, divergence
from whosestory.signals import Signals, measure
from whosestory.stats import screen_stats
from whosestory.verdict import Case, Quote

if TYPE_CHECKING:
    from whosestory.stats.types import Stats

__all__ = ["ROLES", "Analysis", "CharacterFigures", "Rankings", "analyze", "prepare_for_many"]


@record
class CharacterFigures:
    """The spotlight figures of one character, and when it appears.

    `first_appearance` and `last_appearance` are 0-based scene indexes (None if the
    character is present in no scene); `presence_by_part` counts the scenes it is
    present in per act, or per quarter of a story without acts.
    """

    name: str
    cues: int
    words: int
    scenes_speaking: int
    scenes_present: int
    first_appearance: int | None = None
    last_appearance: int | None = None
    presence_by_part: Mapping[str, int] = field(default_factory=dict)


@record
class Rankings:
    """Count-based, network-based and overall rankings, and how far the first two agree.

    `overall` is the mean rank over every count and network measure (lower is
    better); `agreement` is Kendall's tau-b between the count and network scores.
    """

    count: Mapping[str, float]
    network: Mapping[str, float]
    overall: Mapping[str, float]
    agreement: float | None


@record
class Analysis:
    """A story and everything decided about it.

    `tables`: measure -> character -> value (the measures of `measure_registry`);
    `roles`: each declared role's verdict (ranking, figures, case), in `ROLES` order;
    `scores`: role -> character -> score, the whole ranking (each verdict keeps its top);
    `parts`: role -> component -> character -> 0..1, the components of each score;
    `frame`: the frame layer found, and `frame_quotes` where it shows; `arcs`: each
    character's change of tone; `charts`: what the charts draw; `divergence`: one
    sentence when the roles part; `features`: each character's role-model features;
    `language`: the story's (declared or detected);
    `unavailable`: each lexicon measure that language has no resource for, with the
    reason (those measures are absent from `tables`, not zero);
    `case_of(role, name)`: the case for `name` holding `role` against its holder, built
    on request from the same measures (what `argue` puts for a claim about anyone).
    `stats`: the screenwriter statistics and network metrics (`whosestory.stats`).

    `to_json()`, `to_markdown()` and `to_html()` render the report of the analysis
    (what ``whosestory analyze --format json|md|html`` writes).
    """

    story: Story
    figures: tuple[CharacterFigures, ...]
    tables: Mapping[str, Mapping[str, float]]
    tiers: Mapping[str, str]
    rankings: Rankings
    roles: Mapping[str, verdict.Verdict]
    scores: Mapping[str, Mapping[str, float]]
    parts: Mapping[str, Mapping[str, Mapping[str, float]]]
    frame: Frame
    arcs: Mapping[str, ArcChange]
    charts: Charts
    divergence: str | None
    frame_quotes: tuple[Quote, ...] = ()
    features: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    language: str | None = None
    unavailable: Mapping[str, str] = field(default_factory=dict)
    case_of: Callable[[str, str], Case] | None = field(default=None, compare=False, repr=False)
    stats: Stats | None = None

    def to_json(self) -> str:
        """The report as indented JSON (docs/schema.json describes it)."""
        return _render(self, "json")

    def to_markdown(self) -> str:
        """The report as Markdown."""
        return _render(self, "md")

    def to_html(self) -> str:
        """The report as one self-contained HTML page."""
        return _render(self, "html")


def _case_of(
    signals: Signals,
    decided: Mapping[str, verdict.Verdict],
    scored: Mapping[str, Scored],
    role: str,
    name: str,
) -> Case:
    """The case for `name` in `role`: the holder's own case, or the role's case builder
    run with `name` in the holder's place and the holder as the one to beat."""
    found = decided[role]
    if name == found.character or found.character is None:
        return found.case
    rival = replace(found, character=name, runner_up=found.character, close_call=False)
    return BY_NAME[role].case(signals, rival, scored[role], decided)


def _render(analysis: Analysis, output: str) -> str:
    # The report imports this module: it is imported when a report is asked for.
    from whosestory.report.renderers import RENDERERS, Options
    from whosestory.report.view import report_view

    return RENDERERS["analyze"][output](report_view(analysis), Options())


def _rankings(signals: Signals, count: Mapping[str, float]) -> Rankings:
    names, tables = signals.names, signals.tables
    network = verdict.network_scores(names, tables)
    return Rankings(count, network, signals.mean_rank(), kendall_tau(count, network))


def _figures(signals: Signals) -> tuple[CharacterFigures, ...]:
    story, tables, present = signals.story, signals.tables, signals.present
    first = spotlight.first_appearance(story, present)
    last = spotlight.last_appearance(story, present)
    by_part = spotlight.presence_by_part(story, present)
    figures = [
        CharacterFigures(
            c.name,
            int(tables["cues"][c.name]),
            int(tables["words"][c.name]),
            int(tables["scenes_speaking"][c.name]),
            int(tables["scenes_present"][c.name]),
            first.get(c.name),
            last.get(c.name),
            by_part.get(c.name, {}),
        )
        for c in story.cast
    ]
    figures.sort(key=lambda f: (-f.scenes_present, -f.cues, -f.words, f.name))
    return tuple(figures)


NO_CHARTS = Charts({}, (), (), ())
"""The chart data of an analysis made without its details (`analyze`'s `details`)."""


def analyze(
    story: Story, models: Mapping[str, RoleModel] | None = None, *, details: bool = True
) -> Analysis:
    """Compute every measure once, decide every declared role, and gather the chart data.

    `models` overrides the shipped role models (role -> model, see `whosestory fit`).
    `details=False` leaves out what only a report reads, the statistics (`stats` None)
    and the chart data (`NO_CHARTS`): a corpus table's rows need neither (about a
    tenth of a film's analysis).
    """
    signals = measure(story)
    roles, scored = decide_all(signals, models)
    figures = _figures(signals)
    groups = {c.name for c in story.cast if c.group}
    leaders = [f.name for f in figures if f.name not in groups]
    charts = NO_CHARTS
    if details:
        charts = chart_data(signals, arc_names([v.character for v in roles.values()], leaders))
    by_part = {f.name: f.presence_by_part for f in figures}
    graph = signals.graphs["copresence"]
    return Analysis(
        story=story,
        figures=figures,
        tables=signals.tables,
        tiers=signals.tiers,
        rankings=_rankings(signals, scored[SPOTLIGHT].scores),
        roles=roles,
        scores={name: found.scores for name, found in scored.items()},
        parts={name: found.parts for name, found in scored.items()},
        frame=signals.layer,
        arcs=signals.arcs,
        charts=charts,
        divergence=divergence(roles, signals.features(), screenplay=story.format != "tei"),
        frame_quotes=tuple(evidence.frame_quotes(signals, length=None)),
        features=signals.features(),
        language=signals.language,
        unavailable=languages.unavailable(signals.language),
        case_of=partial(_case_of, signals, roles, scored),
        stats=screen_stats(story, signals.present, graph, signals.lengths, by_part)
        if details
        else None,
    )


def prepare_for_many() -> bool:
    """Load now what pays for itself only over many analyses in one process (a corpus
    worker): igraph for the path centralities, when installed (True if it is)."""
    return network.prefer_compiled_paths()
