"""The case of each verdict: sentences, quotes with scene and line, and the case against.

Part of the analysis stage: each builder reads the `Signals` of a story (its
measures, each computed once) and a decided `Verdict`, and returns the verdict's
`Case`. Nothing here runs a measure.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from whosestory import verdict
from whosestory.carried import (
    LABELS,
    ahead,
    attendant_sentence,
    family_gains,
    title_sentence,
    verse_sentence,
)
from whosestory.citing import cite, clip, play_citation, quote
from whosestory.inner_evidence import inner_case, measured, staged
from whosestory.kinds import VOICE_OVER
from whosestory.model import Element, Scene
from whosestory.quoting import QUOTE_LENGTH, sentence_at, sentences_around
from whosestory.rolemodel import RoleModel
from whosestory.signals import Signals
from whosestory.verdict import Case, Component, Quote, Verdict
from whosestory.wording import counted, joined, percent, times

__all__ = [
    "cite",
    "clip",
    "components",
    "frame_case",
    "frame_quotes",
    "impact_case",
    "inner_case",
    "main_character_case",
    "play_citation",
    "presence_case",
    "quote",
    "spotlight_case",
]

_LABELS = {
    "prior": "the prior (whom the plot follows: presence, centrality, agency)",
    "telling": "the telling (frame and closing voice)",
    "narration": "narration from inside the story",
    "interiority": "interiority (perception, point of view, inner voice)",
    "change": "change of tone",
}
Parts = Mapping[str, Mapping[str, float]]


def _voice_over(signals: Signals, name: str) -> list[tuple[Scene, Element]]:
    return [
        (scene, element)
        for scene in signals.story.scenes
        for element in scene.elements
        if element.kind is VOICE_OVER and element.speaker == name and element.text.strip()
    ]


def spotlight_case(signals: Signals, name: str) -> list[str]:
    """One sentence with the spotlight figures of `name`, none of them zero."""
    t = signals.tables
    cues, words = t["cues"].get(name, 0), t["words"].get(name, 0)
    total_words = sum(t["words"].values()) or 1
    present, scenes = t["scenes_present"].get(name, 0), len(signals.story.scenes)
    minutes = round(t["screen_time"].get(name, 0) / 60)
    clauses = []
    if cues:
        spoken = f"{times(cues)}" + (
            f" ({words:,.0f} word{'' if words == 1 else 's'}, "
            f"{percent(words / total_words)} of all the words spoken)"
            if words
            else ""
        )
        clauses.append(f"speaks {spoken}")
    if present:
        where = "on stage" if staged(signals) else "on screen"
        time = f", an estimated {counted(minutes, 'minute')} {where}" if minutes else ""
        clauses.append(f"is present in {present:g} of {counted(scenes, 'scene')}{time}")
    return [f"{name} {joined(clauses)}."] if clauses else []


def frame_case(signals: Signals, name: str) -> tuple[list[str], list[Quote]]:
    """Sentences and quotes for `name`'s claim on the telling."""
    layer = signals.layer
    t = signals.tables
    sentences: list[str] = []
    quotes: list[Quote] = []
    if layer.owner and t["frame_share"].get(name, 0) > 0 and layer.presence.get(name, 0) > 0:
        how = "; ".join(layer.how)
        sentences.append(
            f"The story has a frame layer of {counted(len(layer.scenes), 'scene')} "
            f"(found by {how}); "
            f"{name} is present in {layer.presence.get(name, 0):.0%} of them"
            + (" and owns it." if layer.owner == name else ".")
        )
        quotes += [
            q for q in frame_quotes(signals, limit=6) if signals.namer().names(q.quote, name)
        ][:3]
    voice = _voice_over(signals, name)
    if voice:
        share = t["voice_over_share"].get(name, 0)
        scenes = counted(len({s.index for s, _ in voice}), "scene")
        of_all = f" ({share:.0%} of all voice-over words)" if share >= 0.005 else ""
        sentences.append(f"{name} speaks in voice-over in {scenes}{of_all}.")
        quotes.append(quote(*voice[0]))
        if len(voice) > 1:
            quotes.append(quote(*voice[-1]))
    first, last = signals.voices.first, signals.voices.last
    strength = signals.voices.strength.get(name, 0.0)
    weak = (
        "" if strength >= 1 else f", from a voice that narrates little (it counts {strength:.0%})"
    )
    if strength >= 0.005:
        if last is not None and last[1].speaker == name:
            sentences.append(f"{name} has the last narration of the story{weak}.")
        elif first is not None and first[1].speaker == name:
            sentences.append(f"{name} has the first narration of the story{weak}.")
    return sentences, quotes


def frame_quotes(
    signals: Signals, limit: int | None = None, length: int | None = QUOTE_LENGTH
) -> list[Quote]:
    """Where the frame layer shows in an action line that says so (a marker found in a
    heading is context, not a quote, and is left out). The measure keeps an excerpt
    around what it found; the quote is the whole sentence it was cut from."""
    scenes = signals.story.scenes
    found = []
    for index, line, text in signals.layer.evidence:
        scene = scenes[index]
        if len(text) <= 20 or " ".join(text.split()) == " ".join(scene.heading.split()):
            continue
        found.append(_whole_quote(scene, line, text, length))
        if limit is not None and len(found) == limit:
            break
    return found


def _whole_quote(scene: Scene, line: int, excerpt: str, length: int | None) -> Quote:
    """The sentence an excerpt of the element at `line` was cut from (all the sentences
    it spans when `length` is None), never the excerpt's broken ends."""
    flat = " ".join(excerpt.split())
    for element in scene.elements:
        whole = " ".join(element.text.split())
        at = whole.find(flat) if element.line == line else -1
        if at < 0:
            continue
        if length is None:
            sentence = sentences_around(whole, at, at + len(flat))
        else:
            sentence = sentence_at(whole, at + len(flat) // 2, length)
        return cite(scene, line, sentence, element, max(0, whole.find(sentence.strip("…"))))
    return cite(scene, line, sentence_at(excerpt) if length is not None else flat)


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


def _leads(role: Verdict, name: str) -> bool:
    """Whether `name` leads the role's ranking (a case can be argued for anyone)."""
    return bool(role.ranking) and role.ranking[0].name == name


def main_character_case(
    signals: Signals,
    role: Verdict,
    parts: Parts,
    weights: Mapping[str, float],
    model: RoleModel | None = None,
) -> Case:
    """The case for the main character, the strongest case against, and the flip condition.

    `role.character` is the one argued for: the holder, or anyone `argue` names, with
    the holder as `role.runner_up`. With the fitted `model` that ranked the cast, what
    carried it is the model's coefficient times each feature, by family
    (`whosestory.carried`); without one, the weighted components `parts`.
    """
    if role.character is None:
        return Case()
    name, runner = role.character, role.runner_up
    features = signals.features() if model is not None else {}
    gains = family_gains(model, features, name, runner) if model and runner else {}
    if model is not None:
        carried = ahead(gains)
        labels = " and ".join(LABELS[k] for k in carried[:2])
    else:
        carried = _strongest(parts, weights, runner or "", name) if runner else list(weights)
        labels = " and ".join(_LABELS[k] for k in carried[:2])
    telling, told_quotes = frame_case(signals, name)
    inner, inner_quotes = inner_case(signals, name)
    opening = _opening(role, name, runner, labels if carried else "")
    opening += _family_sentences(signals, features, name, carried[:3], runner)
    case_for = [*opening, *telling, *spotlight_case(signals, name), *inner]
    against: list[str] = []
    if runner and model is not None:
        for family in ahead(gains, sign=-1)[:2]:
            against += _family_sentences(signals, features, runner, [family], name)
            if family == "frame":
                against += frame_case(signals, runner)[0]
            elif family in ("lexicon", "soliloquy"):
                against += inner_case(signals, runner)[0][:1]
            elif family not in ("title", "verse", "cast_list"):
                against += spotlight_case(signals, runner)
    elif runner:
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
        support=tuple(dict.fromkeys(case_for)),
        quotes=tuple(dict.fromkeys(told_quotes + inner_quotes)),
        against=tuple(dict.fromkeys(against)),
        what_would_change=_flip(role, parts, weights),
        components=components(parts, weights, name, runner),
        carried=gains,
    )


def _opening(role: Verdict, name: str, other: str | None, labels: str) -> list[str]:
    """ "X is carried by ..." for the role's holder, "X is ahead of Y on ..." for anyone
    argued for against it; nothing without `labels`."""
    if not labels:
        return []
    if _leads(role, name):
        return [f"{name} is carried by {labels}."]
    return [f"{name} is ahead of {other} on {labels}."] if other else []


def _family_sentences(
    signals: Signals,
    features: Mapping[str, Mapping[str, float]],
    name: str,
    families: list[str],
    rival: str | None = None,
) -> list[str]:
    """What the title, verse and cast-list families say of the character, when they are
    among `families` (the others are told by the spotlight, frame and inner sentences). The
    list of persons raises a character by calling the `rival` a servant or a friend."""
    found = []
    if "title" in families and (said := title_sentence(signals.story, features, name)):
        found.append(said)
    if "verse" in families and (said := verse_sentence(features, name)):
        found.append(said)
    if "cast_list" in families and rival and (said := attendant_sentence(signals.story, rival)):
        found.append(said)
    return found


def _tie_sentence(ties: Mapping[str, Mapping[str, float]], name: str, main: str) -> list[str]:
    """What ties `name` to the main character, every figure above zero."""
    shared = ties["shared_scenes"].get(name, 0)
    exchanges = ties["exchanges"].get(name, 0)
    named = ties["talked_about"].get(name, 0)
    clauses = []
    if shared:
        clauses.append(f"shares {counted(shared, 'scene')} with {main}")
    if exchanges:
        clauses.append(f"trades {counted(exchanges, 'exchange')} with them")
    sentence = f"{name} {joined(clauses)}" if clauses else ""
    if named:
        said = f"{main} names {name} {times(named)}"
        sentence = f"{sentence}, and {said}" if sentence else said
    return [sentence + "."] if sentence else []


def _standing_sentence(
    words: Mapping[str, float], name: str, main: str, rival: str | None = None
) -> list[str]:
    """How much `name` speaks, where it argues for them (the tie counts by standing:
    `verdict.standing`): more than anyone besides the main character, or, against `rival`
    (the one ahead of them), more than the rival."""
    said = float(words.get(name, 0.0))
    if rival is not None:
        theirs = float(words.get(rival, 0.0))
        if said <= theirs:
            return []
        return [f"{name} speaks more ({said:,.0f} words, against {theirs:,.0f} for {rival})."]
    others = [float(w) for n, w in words.items() if n not in (main, name)]
    if not said or said <= max(others, default=0.0):
        return []
    return [f"{name} speaks more than anyone else besides {main} ({said:,.0f} words)."]


def _naming_quotes(signals: Signals, speaker: str, named: str, limit: int = 2) -> list[Quote]:
    """Sentences `speaker` says that name `named`, cut around the name."""
    quotes = []
    for mention in signals.story.mentions:
        if mention.character != named or mention.via != "speech":
            continue
        scene = signals.story.scenes[mention.scene]
        element = next((e for e in scene.elements if e.line == mention.line), None)
        if element is None or element.speaker != speaker:
            continue
        offset = max(0, mention.offset) if mention.offset >= 0 else 0
        found = quote(scene, element, offset)
        if signals.namer().names(found.quote, named) and found not in quotes:
            quotes.append(found)
            if len(quotes) == limit:
                break
    return quotes


def impact_case(
    signals: Signals,
    role: Verdict,
    parts: Parts,
    weights: Mapping[str, float],
    main: str | None,
    serving: Collection[str] = (),
) -> Case:
    """Why the impact character: shared scenes, exchanges, being named by the main character;
    and why not the main character's own servant or confidant (`serving`) who shares more."""
    if role.character is None or main is None:
        return Case()
    ties = signals.ties(main)
    name = role.character
    if name == main:
        held = f" ({role.runner_up})" if role.runner_up else ""
        return Case(
            against=(
                f"{main} is the main character; the impact character is the one who presses "
                f"them{held}.",
            )
        )
    words = signals.tables["words"]
    against = []
    if role.runner_up:
        against = _tie_sentence(ties, role.runner_up, main)
        against += _standing_sentence(words, role.runner_up, main, rival=name)
    shared = ties["shared_scenes"]
    closer = sorted(
        (s for s in serving if shared.get(s, 0) > shared.get(name, 0)), key=lambda s: -shared[s]
    )
    beside = [
        f"{s} shares more scenes with {main}, but the list of persons calls {s} "
        f"“{attendant}”: at {main}'s side, not the one who presses them."
        for s in closer[:1]
        if (attendant := _attendant_of(signals, s))
    ]
    return Case(
        support=tuple(
            _tie_sentence(ties, name, main) + _standing_sentence(words, name, main) + beside
        ),
        quotes=tuple(_naming_quotes(signals, main, name)),
        against=tuple(against),
        what_would_change=_flip(role, parts, weights),
        components=components(parts, weights, name, role.runner_up),
    )


def _attendant_of(signals: Signals, name: str) -> str | None:
    character = signals.story.character(name)
    return character.attendant if character is not None else None


def _plot_sentences(signals: Signals, name: str) -> list[str]:
    """Whom the plot follows beyond presence: place in the web of scenes, and agency."""
    t = signals.tables
    found = []
    others = max(len(signals.names) - 1, 1)
    degree = t["copresence_degree"].get(name, 0)
    between = t["copresence_betweenness"].get(name, 0)
    clauses = []
    if degree >= 0.005:
        clauses.append(f"shares scenes with {percent(degree)} of the other {others} characters")
    if between >= 0.005:
        clauses.append(f"stands between others on {percent(between)} of the shortest paths")
    if clauses:
        found.append(f"{name} {joined(clauses)}.")
    if measured(signals, "agency"):
        acts, opens = t["subject"].get(name, 0), t["scene_openers"].get(name, 0)
        acted = t["object"].get(name, 0)
        clauses = []
        if acts:
            upon = f" (and is acted upon {times(acted)})" if acted else ""
            clauses.append(f"is the subject of {counted(acts, 'action verb')}{upon}")
        if opens:
            clauses.append(f"opens {counted(opens, 'scene')}")
        if clauses:
            found.append(f"{name} {joined(clauses)}.")
    return found


def presence_case(
    signals: Signals,
    role: Verdict,
    parts: Parts,
    weights: Mapping[str, float],
    model: RoleModel | None = None,
) -> Case:
    """The spotlight figures of the winner (for) and of the runner-up (against); for a role
    that weighs the network and agency (the protagonist), those figures too, and with the
    fitted `model` that ranked it, what carried it (`whosestory.carried`)."""
    if role.character is None:
        return Case()
    plot = "network" in parts or "agency" in parts
    features = signals.features() if model is not None else {}
    runner = role.runner_up
    gains = family_gains(model, features, role.character, runner) if model and runner else {}

    def figures(name: str, other: str | None, sign: float) -> list[str]:
        carried = ahead(gains, sign)
        labels = " and ".join(LABELS[k] for k in carried[:2])
        opening = _opening(role, name, other, labels)
        opening += _family_sentences(signals, features, name, carried[:3], other)
        plotted = _plot_sentences(signals, name) if plot else []
        return opening + spotlight_case(signals, name) + plotted

    return Case(
        support=tuple(figures(role.character, runner, 1.0)),
        against=tuple(figures(runner, role.character, -1.0)) if runner else (),
        what_would_change=_flip(role, parts, weights),
        components=components(parts, weights, role.character, role.runner_up),
        carried=gains,
    )
