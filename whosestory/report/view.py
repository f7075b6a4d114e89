"""Plain-data views of a story and its analysis, for every renderer."""

from __future__ import annotations

from typing import Any

from whosestory.analysis import Analysis
from whosestory.evaluate import Candidate, Outcome, summary
from whosestory.model import SPOKEN_KINDS, Story

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
    return {
        "schema_version": SCHEMA_VERSION,
        "title": story.title,
        "format": story.format,
        "source": story.source,
        "scenes": len(story.scenes),
        "characters": characters,
        "diagnostics": _diagnostics(story),
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
    return {"title": story.title, "scenes": scenes}


def _candidate_view(candidate: Candidate | None) -> dict[str, Any] | None:
    if candidate is None:
        return None
    return {"name": candidate.name, **candidate.figures}


def eval_view(role: str, outcomes: list[Outcome]) -> dict[str, Any]:
    """Accuracy, baseline and one result per labelled story (misses with both figures)."""
    results = []
    for outcome in outcomes:
        position = outcome.position()
        expected = None
        for candidate in outcome.ranking:
            if outcome.position([candidate]) == 1:
                expected = candidate
                break
        results.append(
            {
                "file": outcome.label.file,
                "expected": " | ".join(outcome.label.expected),
                "got": outcome.got,
                "hit": position == 1,
                "rank": position,
                "rival_won": outcome.rival_won,
                "baseline": outcome.baseline[0].name if outcome.baseline else None,
                "error": outcome.error,
                "got_figures": _candidate_view(outcome.ranking[0] if outcome.ranking else None),
                "expected_figures": _candidate_view(expected),
            }
        )
    return {"role": role, **summary(outcomes), "results": results}
