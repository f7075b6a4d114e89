"""The case of each verdict: sentences, quotes with scene and line, and the case against.

Part of the analysis stage: each builder reads the `Signals` of a story (its
measures, each computed once) and a decided `Verdict`, and returns the verdict's
`Case`. Nothing here runs a measure.
"""

from __future__ import annotations

from collections.abc import Mapping

from whosestory import verdict
from whosestory.model import Element, Kind, Scene
from whosestory.signals import Signals
from whosestory.verdict import Case, Component, Quote, Verdict
from whosestory.wording import counted

QUOTE_LENGTH = 160
_LABELS = {
    "prior": "the prior (whom the plot follows: presence, centrality, agency)",
    "telling": "the telling (frame and closing voice)",
    "narration": "narration from inside the story",
    "interiority": "interiority (perception, point of view, inner voice)",
    "change": "change of tone",
}

Parts = Mapping[str, Mapping[str, float]]


def clip(text: str, length: int | None = QUOTE_LENGTH) -> str:
    """Text on one line, cut at a word before `length` characters (None: never cut)."""
    text = " ".join(text.split())
    return (
        text
        if length is None or len(text) <= length
        else text[: length - 1].rsplit(" ", 1)[0] + "…"
    )


def quote(scene: Scene, element: Element | None = None, line: int | None = None) -> Quote:
    """A quotable reference: scene number (as written, else its position), heading, line, text."""
    text = element.text if element is not None else scene.heading
    return Quote(
        scene=scene.number or str(scene.index + 1),
        heading=scene.heading,
        line=line or (element.line if element is not None else scene.span.start),
        quote=clip(text),
    )


def _voice_over(signals: Signals, name: str) -> list[tuple[Scene, Element]]:
    return [
        (scene, element)
        for scene in signals.story.scenes
        for element in scene.elements
        if element.kind is Kind.VOICE_OVER and element.speaker == name
    ]


def _staged(signals: Signals) -> bool:
    """A play read from TEI: its time is stage time, and it has no camera to take shots."""
    return signals.story.format == "tei"


def spotlight_case(signals: Signals, name: str) -> list[str]:
    """Sentences with the spotlight figures of `name`."""
    t = signals.tables
    scenes = len(signals.story.scenes)
    where = "on stage" if _staged(signals) else "on screen"
    minutes = round(t["screen_time"].get(name, 0) / 60)
    return [
        f"{name} speaks {counted(t['cues'].get(name, 0), 'time')} "
        f"({counted(t['words'].get(name, 0), 'word')}) and is present in "
        f"{t['scenes_present'].get(name, 0):g} of {counted(scenes, 'scene')}, an estimated "
        f"{counted(minutes, 'minute')} {where}."
    ]


def frame_case(signals: Signals, name: str) -> tuple[list[str], list[Quote]]:
    """Sentences and quotes for `name`'s claim on the telling."""
    layer = signals.layer
    t = signals.tables
    sentences: list[str] = []
    quotes: list[Quote] = []
    if layer.owner and t["frame_share"].get(name, 0) > 0:
        how = "; ".join(layer.how)
        sentences.append(
            f"The story has a frame layer of {counted(len(layer.scenes), 'scene')} "
            f"(found by {how}); "
            f"{name} is present in {layer.presence.get(name, 0):.0%} of them"
            + (" and owns it." if layer.owner == name else ".")
        )
        quotes += frame_quotes(signals, limit=3)
    voice = _voice_over(signals, name)
    if voice:
        share = t["voice_over_share"].get(name, 0)
        sentences.append(
            f"{name} speaks in voice-over in {counted(len({s.index for s, _ in voice}), 'scene')} "
            f"({share:.0%} of all voice-over words)."
        )
        quotes.append(quote(*voice[0]))
        if len(voice) > 1:
            quotes.append(quote(*voice[-1]))
    first, last = signals.voices.first, signals.voices.last
    strength = signals.voices.strength.get(name, 0.0)
    weak = (
        "" if strength >= 1 else f", from a voice that narrates little (it counts {strength:.0%})"
    )
    if last is not None and last[1].speaker == name:
        sentences.append(f"{name} has the last narration of the story{weak}.")
    elif first is not None and first[1].speaker == name:
        sentences.append(f"{name} has the first narration of the story{weak}.")
    return sentences, quotes


def frame_quotes(
    signals: Signals, limit: int | None = None, length: int | None = QUOTE_LENGTH
) -> list[Quote]:
    """Where the frame layer shows: an action line that says so, else the scene's heading."""
    scenes = signals.story.scenes
    found = []
    for index, line, text in signals.layer.evidence[:limit]:
        where = quote(scenes[index], line=line)
        if len(text) > 20:  # an action line says so; a marker is best shown by its heading
            where = Quote(where.scene, where.heading, where.line, clip(text, length))
        found.append(where)
    return found


def inner_case(signals: Signals, name: str) -> tuple[list[str], list[Quote]]:
    """Interiority and change: sentences and quotes."""
    story = signals.story
    t = signals.tables
    shots = t["pov_shots"].get(name, 0)
    shots_clause = "" if _staged(signals) else f", {counted(shots, 'POV or close shot')}"
    sentences = [
        f"Interiority {t['interiority'].get(name, 0):.2f} a scene: "
        f"{counted(t['perception_verbs'].get(name, 0), 'perception or thought verb')} with "
        f"{name} as subject{shots_clause}."
    ]
    quotes = []
    for hit in signals.inner_hits(name):
        where = quote(story.scenes[hit.scene], line=hit.line)
        quotes.append(Quote(where.scene, where.heading, where.line, clip(hit.quote)))
    change = signals.arcs.get(name)
    if change and change.delta is not None:
        words = signals.tone_words(name)
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


def _strongest(parts: Parts, weights: Mapping[str, float], a: str, b: str) -> list[str]:
    """Components on which b beats a, strongest first."""
    leads = {
        k: weights[k] * (parts[k].get(b, 0) - parts[k].get(a, 0))
        for k in weights
        if parts[k].get(b, 0) > parts[k].get(a, 0)
    }
    return sorted(leads, key=lambda k: -leads[k])


def components(
    parts: Parts, weights: Mapping[str, float], name: str, runner: str | None
) -> dict[str, Component]:
    """Each component's weight and the winner's and runner-up's values."""
    return {
        k: Component(
            weight=weights[k],
            winner=round(parts[k].get(name, 0), 4),
            runner_up=round(parts[k].get(runner or "", 0), 4),
        )
        for k in weights
    }


def _flip(role: Verdict, parts: Parts, weights: Mapping[str, float]) -> str | None:
    """What would flip a close call, else None."""
    if not role.close_call or role.character is None or role.runner_up is None:
        return None
    return verdict.flip_condition(parts, weights, role.character, role.runner_up)


def main_character_case(
    signals: Signals, role: Verdict, parts: Parts, weights: Mapping[str, float]
) -> Case:
    """The case for the main character, the strongest case against, and the flip condition."""
    if role.character is None:
        return Case()
    name, runner = role.character, role.runner_up
    carried = _strongest(parts, weights, runner or "", name) if runner else list(weights)
    telling, told_quotes = frame_case(signals, name)
    inner, inner_quotes = inner_case(signals, name)
    case_for = [
        "Carried by " + " and ".join(_LABELS[k] for k in carried[:2]) + ".",
        *telling,
        *spotlight_case(signals, name),
        *inner,
    ]
    against: list[str] = []
    if runner:
        for key in _strongest(parts, weights, name, runner)[:2]:
            if key == "prior":
                against += spotlight_case(signals, runner)
            elif key in ("telling", "narration"):
                against += frame_case(signals, runner)[0]
            else:
                against += inner_case(signals, runner)[0][:1]
        if signals.tables["narrator_in_story"].get(name, 1) < 0.3:
            against.append(f"{name} is rarely in the story outside narration: a witness?")
    return Case(
        support=tuple(case_for),
        quotes=tuple(told_quotes + inner_quotes),
        against=tuple(against),
        what_would_change=_flip(role, parts, weights),
        components=components(parts, weights, name, runner),
    )


def impact_case(
    signals: Signals,
    role: Verdict,
    parts: Parts,
    weights: Mapping[str, float],
    main: str | None,
) -> Case:
    """Why the impact character: shared scenes, exchanges, being named by the main character."""
    if role.character is None or main is None:
        return Case()
    ties = signals.ties(main)
    name = role.character
    case_for = [
        f"{name} shares {counted(ties['shared_scenes'].get(name, 0), 'scene')} with {main}, "
        f"trades {counted(ties['exchanges'].get(name, 0), 'exchange')} with them, and {main} "
        f"names {name} {counted(ties['talked_about'].get(name, 0), 'time')}."
    ]
    quotes = []
    for mention in signals.story.mentions:
        if mention.character == name and mention.via == "speech":
            scene = signals.story.scenes[mention.scene]
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
    return Case(
        support=tuple(case_for),
        quotes=tuple(quotes),
        against=tuple(against),
        what_would_change=_flip(role, parts, weights),
        components=components(parts, weights, name, role.runner_up),
    )


def presence_case(
    signals: Signals, role: Verdict, parts: Parts, weights: Mapping[str, float]
) -> Case:
    """The spotlight figures of the winner (for) and of the runner-up (against)."""
    if role.character is None:
        return Case()
    return Case(
        support=tuple(spotlight_case(signals, role.character)),
        against=tuple(spotlight_case(signals, role.runner_up)) if role.runner_up else (),
        what_would_change=_flip(role, parts, weights),
        components=components(parts, weights, role.character, role.runner_up),
    )
