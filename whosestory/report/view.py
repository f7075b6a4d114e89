"""The report view: an Analysis as plain, typed data (`report.types`), for every renderer.

`report_view(analysis)` is what ``whosestory analyze --format json`` prints and
``whosestory serve`` answers, and what every renderer of ``analyze`` reads. It
reads the finished `Analysis` only: nothing here measures the story.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from whosestory.analysis import Analysis
from whosestory.model import SPOKEN_KINDS, Story
from whosestory.roles import label
from whosestory.season import Season
from whosestory.verdict import Case, Quote, Verdict

if TYPE_CHECKING:
    from whosestory.report import types
    from whosestory.stats.types import Stats

SCHEMA_VERSION = "0.4"
"""0.4: each case says what carried it (`carried`, log-odds by feature family)."""


def _diagnostics(story: Story) -> list[types.Diagnostic]:
    return [{"line": d.line, "code": d.code, "message": d.message} for d in story.diagnostics]


def report_view(analysis: Analysis) -> types.ReportView:
    """Title, format, scenes, characters with their figures, verdicts with their cases,
    the timeline, network and arcs the charts draw, and the statistics (`whosestory.stats`)."""
    story = analysis.story
    return {
        "schema_version": SCHEMA_VERSION,
        "title": story.title,
        "format": story.format,
        "source": story.source,
        "scenes": len(story.scenes),
        "characters": characters_view(analysis),
        "divergence": analysis.divergence,
        "roles": {role: verdict_view(v) for role, v in analysis.roles.items()},
        "evidence": {role: case_view(v.case) for role, v in analysis.roles.items() if v.character},
        "frame": frame_view(analysis),
        "rankings": rankings_view(analysis),
        "diagnostics": _diagnostics(story),
        "timeline": timeline_view(analysis),
        "network": network_view(analysis),
        "arcs": arcs_view(analysis),
        "stats": analysis.stats,
    }


def characters_view(analysis: Analysis) -> list[types.Character]:
    """Every character, most present first, with its figures, tier and every measure."""
    by_name = {c.name: c for c in analysis.story.cast}
    found: list[types.Character] = []
    for figures in analysis.figures:
        character = by_name[figures.name]
        first, last = figures.first_appearance, figures.last_appearance
        found.append(
            {
                "name": character.name,
                "aliases": [a.name for a in character.aliases],
                "group": character.group,
                "gender": character.gender,
                "cues": figures.cues,
                "words": figures.words,
                "scenes_speaking": figures.scenes_speaking,
                "scenes_present": figures.scenes_present,
                "first_appearance": None if first is None else first + 1,
                "last_appearance": None if last is None else last + 1,
                "presence_by_part": dict(figures.presence_by_part),
                "merges": [{"name": a.name, "reason": a.reason} for a in character.aliases],
                "tier": analysis.tiers.get(character.name, "minor"),
                "measures": {
                    key: _number(table.get(character.name, 0.0))
                    for key, table in analysis.tables.items()
                },
            }
        )
    return found


def _number(value: float) -> float:
    """A figure for JSON: whole numbers as integers, others to four decimals."""
    return int(value) if float(value).is_integer() else round(float(value), 4)


def quote_view(quote: Quote) -> types.Quote:
    """A quote with its scene, heading and line."""
    return {
        "scene": quote.scene,
        "heading": quote.heading,
        "line": quote.line,
        "quote": quote.quote,
        "citation": quote.citation,
    }


def case_view(case: Case) -> types.Case:
    """For and against a verdict: sentences, quotes, what would flip it, its components."""
    return {
        "for": list(case.support),
        "quotes": [quote_view(q) for q in case.quotes],
        "against": list(case.against),
        "what_would_change": case.what_would_change,
        "components": {
            key: {"weight": c.weight, "winner": c.winner, "runner_up": c.runner_up}
            for key, c in case.components.items()
        },
        "carried": dict(case.carried),
    }


def frame_view(analysis: Analysis) -> types.Frame | None:
    """The frame layer: its scenes (1-based), how it was found, its owner and evidence."""
    layer = analysis.frame
    if not layer.owner:
        return None
    return {
        "owner": layer.owner,
        "how": list(layer.how),
        "scenes": sorted(i + 1 for i in layer.scenes),
        "evidence": [quote_view(q) for q in analysis.frame_quotes],
    }


def verdict_view(verdict: Verdict) -> types.Verdict:
    """A role's verdict as plain data: who, the ranking, the deciding figures, the margin."""
    return {
        "character": verdict.character,
        "runner_up": verdict.runner_up,
        "margin": verdict.margin,
        "close_call": verdict.close_call,
        "ranking": [
            {"name": r.name, "score": r.score, "probability": r.probability}
            for r in verdict.ranking
        ],
        "evidence": {
            key: {"winner": _number(a), "runner_up": _number(b)}
            for key, (a, b) in verdict.evidence.items()
        },
        "what_would_change": verdict.case.what_would_change,
    }


def rankings_view(analysis: Analysis, size: int = 10) -> types.Rankings:
    """The count, network and overall rankings (top `size`) and their agreement."""
    rankings = analysis.rankings

    def top(scores: Any, reverse: bool = True) -> list[types.RankingEntry]:
        names = sorted(scores, key=lambda n: (-scores[n] if reverse else scores[n], n))
        return [{"name": n, "score": round(scores[n], 4)} for n in names[:size]]

    return {
        "count": top(rankings.count),
        "network": top(rankings.network),
        "overall_mean_rank": top(rankings.overall, reverse=False),
        "kendall_tau": None if rankings.agreement is None else round(rankings.agreement, 4),
    }


def timeline_view(analysis: Analysis) -> types.Timeline:
    """Scenes (marking the frame layer's) and one presence row per character who appears."""
    frame = analysis.frame.scenes if analysis.frame.owner else frozenset()
    scenes: list[types.TimelineScene] = [
        {
            "index": s.index + 1,
            "heading": s.heading,
            "number": s.number,
            "act": s.act,
            "frame": s.index in frame,
        }
        for s in analysis.story.scenes
    ]
    matrix = analysis.charts.presence
    groups = {c.name for c in analysis.story.cast if c.group}
    rows: list[types.TimelineRow] = [
        {"name": f.name, "cells": list(matrix[f.name])}
        for f in analysis.figures
        if f.name not in groups and f.scenes_present > 0 and f.name in matrix
    ]
    return {"scenes": scenes, "rows": rows}


def network_view(analysis: Analysis) -> types.Network:
    """The co-presence graph as nodes (with scenes present) and weighted edges."""
    charts = analysis.charts
    return {
        "nodes": [{"name": name, "scenes": scenes} for name, scenes in charts.nodes],
        "edges": [{"source": u, "target": v, "weight": w} for u, v, w in charts.edges],
    }


def arcs_view(analysis: Analysis) -> list[types.Arc]:
    """Tone trajectory and overall change of the characters whose arcs the charts draw."""
    result: list[types.Arc] = []
    for series in analysis.charts.arcs:
        change = series.change
        result.append(
            {
                "name": series.name,
                "shape": change.shape if change else None,
                "delta": change.delta if change else None,
                "low": change.low if change else None,
                "high": change.high if change else None,
                "windows": [
                    {
                        "start": w.start,
                        "end": w.end,
                        "units": w.units,
                        "mean": w.mean,
                        "low": w.low,
                        "high": w.high,
                    }
                    for w in series.windows
                ],
            }
        )
    return result


def cast_view(story: Story) -> dict[str, Any]:
    """Every character with every alias and the reason it was merged."""
    return {
        "title": story.title,
        "characters": [
            {
                "name": c.name,
                "group": c.group,
                "gender": c.gender,
                "aliases": [{"name": a.name, "reason": a.reason} for a in c.aliases],
            }
            for c in story.cast
        ],
        "diagnostics": _diagnostics(story),
    }


def scenes_view(story: Story) -> dict[str, Any]:
    """Every scene: number, heading, parts, lines and who speaks in it."""
    scenes = []
    for scene in story.scenes:
        speakers: list[str] = []
        for element in scene.elements:
            if element.kind in SPOKEN_KINDS and element.speaker and element.speaker not in speakers:
                speakers.append(element.speaker)
        scenes.append(
            {
                "index": scene.index + 1,
                "number": scene.number,
                "act": scene.act,
                "heading": scene.heading,
                "setting": scene.setting,
                "location": scene.location,
                "time": scene.time,
                "lines": [scene.span.start, scene.span.end],
                "speakers": speakers,
            }
        )
    return {"title": story.title, "scenes": scenes, "diagnostics": _diagnostics(story)}


def stats_view(story: Story, stats: Stats) -> types.StatsView:
    """What ``whosestory stats`` prints: the story's title, format and source, and `stats`."""
    return {"title": story.title, "format": story.format, "source": story.source, "stats": stats}


SEASON_CHARACTERS = 12
"""Characters of a season view: the most speaking individuals of the whole season."""


def season_view(season: Season) -> types.SeasonView:
    """Each episode's role holders, the whole season's, where they shift, and each leading
    character's share of every episode; `season` is the whole season's report view."""
    whole = season.whole
    count = len(season.episodes)
    episodes: list[types.Episode] = [
        {
            "index": i + 1,
            "title": e.story.title,
            "source": e.story.source,
            "scenes": len(e.story.scenes),
            "roles": {role: held[i] for role, held in season.holders.items()},
            "divergence": e.divergence,
        }
        for i, e in enumerate(season.episodes)
    ]
    totals = [sum(words[i] for words in season.words.values()) or 1 for i in range(count)]
    groups = {c.name for c in whole.story.cast if c.group}
    leaders = sorted(
        (n for n in season.words if n not in groups and sum(season.words[n])),
        key=lambda n: (-sum(season.words[n]), n),
    )[:SEASON_CHARACTERS]
    characters: list[types.SeasonCharacter] = [
        {
            "name": name,
            "words": list(season.words[name]),
            "shares": [round(w / t, 4) for w, t in zip(season.words[name], totals, strict=True)],
            "scenes": list(season.scenes.get(name, (0,) * count)),
        }
        for name in leaders
    ]
    roles = {role: v.character for role, v in whole.roles.items()}
    return {
        "schema_version": SCHEMA_VERSION,
        "title": whole.story.title,
        "episodes": episodes,
        "roles": roles,
        "divergence": whole.divergence,
        "shifts": shifts(season.holders, roles),
        "characters": characters,
        "season": report_view(whole),
    }


def shifts(
    holders: Mapping[str, Sequence[str | None]], season: Mapping[str, str | None]
) -> list[str]:
    """One sentence for each role whose holder changes from episode to episode."""
    found = []
    for role, held in holders.items():
        if len(set(held)) < 2:
            continue
        runs: dict[str, list[str]] = {}
        for i, name in enumerate(held):
            runs.setdefault(name or "no one", []).append(f"E{i + 1}")
        parts = "; ".join(f"{name} in {', '.join(eps)}" for name, eps in runs.items())
        found.append(f"{label(role)}: {parts} (the season's: {season.get(role) or 'no one'}).")
    return found
