"""Evidence for each verdict: figures, quotes with scene and line, and the case against.

Everything here is plain data built from an Analysis (the story's scenes and
elements are read for quotes), for the report view and for `argue`. A quote is
``{"scene": number as written or index, "heading": ..., "line": ..., "quote": ...}``.
"""

from __future__ import annotations

from typing import Any

from whosestory import verdict
from whosestory.analysis import Analysis
from whosestory.measures import arc, frame, interiority
from whosestory.model import Element, Kind, Scene
from whosestory.wording import counted

QUOTE_LENGTH = 160
_LABELS = {
    "prior": "the prior (whom the plot follows: presence, centrality, agency)",
    "telling": "the telling (frame and closing voice)",
    "narration": "narration from inside the story",
    "interiority": "interiority (perception, point of view, inner voice)",
    "change": "change of tone",
}


def _clip(text: str, length: int = QUOTE_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


def quote(scene: Scene, element: Element | None = None, line: int | None = None) -> dict[str, Any]:
    """A quotable reference: scene number (as written, else its position), heading, line, text."""
    text = element.text if element is not None else scene.heading
    return {
        "scene": scene.number or str(scene.index + 1),
        "heading": scene.heading,
        "line": line or (element.line if element is not None else scene.span.start),
        "quote": _clip(text),
    }


def _voice_over(analysis: Analysis, name: str) -> list[tuple[Scene, Element]]:
    return [
        (scene, element)
        for scene in analysis.story.scenes
        for element in scene.elements
        if element.kind is Kind.VOICE_OVER and element.speaker == name
    ]


def _figures(analysis: Analysis, keys: tuple[str, ...], name: str) -> dict[str, float]:
    return {k: analysis.tables[k].get(name, 0.0) for k in keys if k in analysis.tables}


def spotlight_case(analysis: Analysis, name: str) -> list[str]:
    """Sentences with the spotlight figures of `name`."""
    t = analysis.tables
    scenes = len(analysis.story.scenes)
    where = "on stage" if _staged(analysis) else "on screen"
    minutes = round(t["screen_time"].get(name, 0) / 60)
    return [
        f"{name} speaks {counted(t['cues'].get(name, 0), 'time')} "
        f"({counted(t['words'].get(name, 0), 'word')}) and is present in "
        f"{t['scenes_present'].get(name, 0):g} of {counted(scenes, 'scene')}, an estimated "
        f"{counted(minutes, 'minute')} {where}."
    ]


def _staged(analysis: Analysis) -> bool:
    """A play read from TEI: its time is stage time, and it has no camera to take shots."""
    return analysis.story.format == "tei"


def frame_case(analysis: Analysis, name: str) -> tuple[list[str], list[dict[str, Any]]]:
    """Sentences and quotes for `name`'s claim on the telling."""
    layer = analysis.frame
    t = analysis.tables
    sentences: list[str] = []
    quotes: list[dict[str, Any]] = []
    if layer.owner and t["frame_share"].get(name, 0) > 0:
        how = "; ".join(layer.how)
        sentences.append(
            f"The story has a frame layer of {counted(len(layer.scenes), 'scene')} "
            f"(found by {how}); "
            f"{name} is present in {layer.presence.get(name, 0):.0%} of them"
            + (" and owns it." if layer.owner == name else ".")
        )
        scenes = analysis.story.scenes
        for index, line, text in layer.evidence[:3]:
            found = quote(scenes[index], line=line)
            if len(text) > 20:  # an action line says so; a marker is best shown by its heading
                found["quote"] = _clip(text)
            quotes.append(found)
    voice = _voice_over(analysis, name)
    if voice:
        share = t["voice_over_share"].get(name, 0)
        sentences.append(
            f"{name} speaks in voice-over in {counted(len({s.index for s, _ in voice}), 'scene')} "
            f"({share:.0%} of all voice-over words)."
        )
        quotes.append(quote(*voice[0]))
        if len(voice) > 1:
            quotes.append(quote(*voice[-1]))
    voices = frame.telling(analysis.story)
    first, last = voices.first, voices.last
    strength = voices.strength.get(name, 0.0)
    weak = (
        "" if strength >= 1 else f", from a voice that narrates little (it counts {strength:.0%})"
    )
    if last is not None and last[1].speaker == name:
        sentences.append(f"{name} has the last narration of the story{weak}.")
    elif first is not None and first[1].speaker == name:
        sentences.append(f"{name} has the first narration of the story{weak}.")
    return sentences, quotes


def inner_case(analysis: Analysis, name: str) -> tuple[list[str], list[dict[str, Any]]]:
    """Interiority and change: sentences and quotes."""
    story = analysis.story
    t = analysis.tables
    shots = t["pov_shots"].get(name, 0)
    shots_clause = "" if _staged(analysis) else f", {counted(shots, 'POV or close shot')}"
    sentences = [
        f"Interiority {t['interiority'].get(name, 0):.2f} a scene: "
        f"{counted(t['perception_verbs'].get(name, 0), 'perception or thought verb')} with "
        f"{name} as subject{shots_clause}."
    ]
    hits = interiority.evidence(story, name, limit=3)
    quotes = [quote(story.scenes[h.scene], line=h.line) | {"quote": _clip(h.quote)} for h in hits]
    change = analysis.arcs.get(name)
    if change and change.delta is not None:
        words = arc.tone_words(story, name, limit=3)
        early = ", ".join(w for w, _ in words["early"]) or "-"
        late = ", ".join(w for w, _ in words["late"]) or "-"
        sentences.append(
            f"Tone from start to end: {change.start:+.2f} to {change.end:+.2f} "
            f"(change {change.delta:+.2f}, 90% interval {change.low:+.2f} to {change.high:+.2f}; "
            f"shape: {change.shape}). Early words: {early}; late words: {late}."
        )
    drift = t.get("vocabulary_drift", {}).get(name)
    moved = t.get("position_change", {}).get(name)
    if drift is not None and moved is not None:
        direction = "towards the centre" if moved > 0 else "away from the centre"
        sentences.append(
            f"Vocabulary drift between early and late speech {drift:.3f}; network position "
            f"moves {direction} from the first half to the second ({moved:+.2f})."
        )
    return sentences, quotes


def _strongest(parts: dict, weights: dict, a: str, b: str) -> list[str]:
    """Components on which b beats a, strongest first."""
    leads = {
        k: weights[k] * (parts[k].get(b, 0) - parts[k].get(a, 0))
        for k in weights
        if parts[k].get(b, 0) > parts[k].get(a, 0)
    }
    return sorted(leads, key=lambda k: -leads[k])


def main_character_evidence(analysis: Analysis) -> dict[str, Any]:
    """The case for the main character, the strongest case against, and the flip condition."""
    role = analysis.roles["main_character"]
    if role.character is None:
        return {"for": [], "quotes": [], "against": [], "what_would_change": None}
    name, runner = role.character, role.runner_up
    parts = analysis.parts["main_character"]
    weights = dict(verdict.MAIN_WEIGHTS)
    carried = _strongest(parts, weights, runner or "", name) if runner else list(weights)
    telling, told_quotes = frame_case(analysis, name)
    inner, inner_quotes = inner_case(analysis, name)
    case_for = [
        "Carried by " + " and ".join(_LABELS[k] for k in carried[:2]) + ".",
        *telling,
        *spotlight_case(analysis, name),
        *inner,
    ]
    against: list[str] = []
    if runner:
        for key in _strongest(parts, weights, name, runner)[:2]:
            if key == "prior":
                against += spotlight_case(analysis, runner)
            elif key in ("telling", "narration"):
                against += frame_case(analysis, runner)[0]
            else:
                against += inner_case(analysis, runner)[0][:1]
        if analysis.tables["narrator_in_story"].get(name, 1) < 0.3:
            against.append(f"{name} is rarely in the story outside narration: a witness?")
    flip = verdict.flip_condition(parts, weights, name, runner) if runner else None
    return {
        "for": case_for,
        "quotes": told_quotes + inner_quotes,
        "against": against,
        "what_would_change": flip if role.close_call else None,
        "components": {
            k: {
                "weight": weights[k],
                "winner": round(parts[k].get(name, 0), 4),
                "runner_up": round(parts[k].get(runner or "", 0), 4),
            }
            for k in weights
        },
    }


def impact_evidence(analysis: Analysis) -> dict[str, Any]:
    """Why the impact character: shared scenes, exchanges, being named by the main character."""
    role = analysis.roles["impact_character"]
    main = analysis.roles["main_character"].character
    if role.character is None or main is None:
        return {"for": [], "quotes": [], "against": []}
    ties = analysis.parts["impact_character"]
    name = role.character
    case_for = [
        f"{name} shares {counted(ties['shared_scenes'].get(name, 0), 'scene')} with {main}, "
        f"trades {counted(ties['exchanges'].get(name, 0), 'exchange')} with them, and {main} "
        f"names {name} {counted(ties['talked_about'].get(name, 0), 'time')}."
    ]
    quotes = []
    for mention in analysis.story.mentions:
        if mention.character == name and mention.via == "speech":
            scene = analysis.story.scenes[mention.scene]
            element = next((e for e in scene.elements if e.line == mention.line), None)
            if element is not None and element.speaker == main:
                quotes.append(quote(scene, element))
                if len(quotes) == 2:
                    break
    against = []
    if role.runner_up:
        r = role.runner_up
        against.append(
            f"{r} shares {counted(ties['shared_scenes'].get(r, 0), 'scene')} and "
            f"{counted(ties['exchanges'].get(r, 0), 'exchange')} with {main}."
        )
    return {"for": case_for, "quotes": quotes, "against": against}


def divergence(analysis: Analysis) -> str | None:
    """One plain sentence when the roles part ("The spotlight is Edward's; the story is Will's")."""
    roles = {k: v.character for k, v in analysis.roles.items()}
    spot, hero, main = roles.get("spotlight"), roles.get("protagonist"), roles.get("main_character")
    if not main:
        return None
    if spot and spot != main:
        sentence = f"The spotlight is {spot}'s; the story is {main}'s."
        if hero and hero not in (spot, main):
            sentence += f" Audiences would follow {hero}."
        return sentence
    if hero and hero != main:
        return f"{hero} is the protagonist audiences follow; the story is {main}'s."
    return None


def role_evidence(analysis: Analysis, role: str) -> dict[str, Any]:
    """The case for and against any role's verdict (figures for the count-based roles)."""
    if role == "main_character":
        return main_character_evidence(analysis)
    if role == "impact_character":
        return impact_evidence(analysis)
    verdict = analysis.roles[role]
    return {
        "for": spotlight_case(analysis, verdict.character) if verdict.character else [],
        "against": spotlight_case(analysis, verdict.runner_up) if verdict.runner_up else [],
    }
