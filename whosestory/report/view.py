"""Plain-data views of a story and its analysis, for every renderer."""

from __future__ import annotations

from typing import Any

from whosestory import evidence
from whosestory.analysis import Analysis
from whosestory.measures import spotlight
from whosestory.model import SPOKEN_KINDS, Story
from whosestory.verdict import Verdict

SCHEMA_VERSION = "0.1"


def _diagnostics(story: Story) -> list[dict[str, Any]]:
    return [{"line": d.line, "code": d.code, "message": d.message} for d in story.diagnostics]


def summary_view(analysis: Analysis) -> dict[str, Any]:
    """Title, format, scene count and characters ranked by presence with their figures."""
    story = analysis.story
    by_name = {c.name: c for c in story.cast}
    characters = []
    for figures in analysis.figures:
        character = by_name[figures.name]
        characters.append(
            {
                "name": character.name,
                "aliases": [a.name for a in character.aliases],
                "group": character.group,
                "gender": character.gender,
                "cues": figures.cues,
                "words": figures.words,
                "scenes_speaking": figures.scenes_speaking,
                "scenes_present": figures.scenes_present,
            }
        )
    first = spotlight.first_appearance(story)
    last = spotlight.last_appearance(story)
    by_part = spotlight.presence_by_part(story)
    for entry in characters:
        name = entry["name"]
        entry["first_appearance"] = None if first.get(name) is None else first[name] + 1
        entry["last_appearance"] = None if last.get(name) is None else last[name] + 1
        entry["presence_by_part"] = by_part.get(name, {})
        entry["merges"] = [{"name": a.name, "reason": a.reason} for a in by_name[name].aliases]
    for entry in characters:
        entry["tier"] = analysis.tiers.get(entry["name"], "minor")
        entry["measures"] = {
            key: _number(table.get(entry["name"], 0.0)) for key, table in analysis.tables.items()
        }
    roles = {role: verdict_view(v) for role, v in analysis.roles.items()}
    found = evidence_view(analysis)
    flip = found.get("main_character", {}).get("what_would_change")
    if flip:
        roles["main_character"]["what_would_change"] = flip
    return {
        "schema_version": SCHEMA_VERSION,
        "title": story.title,
        "format": story.format,
        "source": story.source,
        "scenes": len(story.scenes),
        "characters": characters,
        "divergence": evidence.divergence(analysis),
        "roles": roles,
        "evidence": found,
        "frame": frame_view(analysis),
        "rankings": rankings_view(analysis),
        "diagnostics": _diagnostics(story),
    }


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(float(value), 4)


def evidence_view(analysis: Analysis) -> dict[str, Any]:
    """For and against each verdict: sentences, quotes (scene, heading, line) and figures."""
    return {
        role: evidence.role_evidence(analysis, role)
        for role, verdict in analysis.roles.items()
        if verdict.character
    }


def frame_view(analysis: Analysis) -> dict[str, Any] | None:
    """The frame layer: its scenes (1-based), how it was found, its owner and evidence."""
    layer = analysis.frame
    if not layer.owner:
        return None
    scenes = analysis.story.scenes
    return {
        "owner": layer.owner,
        "how": list(layer.how),
        "scenes": sorted(i + 1 for i in layer.scenes),
        "evidence": [
            evidence.quote(scenes[i], line=line) | ({"quote": text} if len(text) > 20 else {})
            for i, line, text in layer.evidence
        ],
    }


def verdict_view(verdict: Verdict) -> dict[str, Any]:
    """A role's verdict as plain data: who, the ranking, the deciding figures, the margin."""
    return {
        "character": verdict.character,
        "runner_up": verdict.runner_up,
        "margin": verdict.margin,
        "close_call": verdict.close_call,
        "ranking": [{"name": r.name, "score": r.score} for r in verdict.ranking],
        "evidence": {
            key: {"winner": _number(a), "runner_up": _number(b)}
            for key, (a, b) in verdict.evidence.items()
        },
    }


def rankings_view(analysis: Analysis, size: int = 10) -> dict[str, Any]:
    """The count, network and overall rankings (top `size`) and their agreement."""
    rankings = analysis.rankings

    def top(scores: dict[str, float] | Any, reverse: bool = True) -> list[dict[str, Any]]:
        names = sorted(scores, key=lambda n: (-scores[n] if reverse else scores[n], n))
        return [{"name": n, "score": round(scores[n], 4)} for n in names[:size]]

    return {
        "count": top(rankings.count),
        "network": top(rankings.network),
        "overall_mean_rank": top(rankings.overall, reverse=False),
        "kendall_tau": None if rankings.agreement is None else round(rankings.agreement, 4),
    }


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
